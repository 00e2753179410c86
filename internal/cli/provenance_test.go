package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var hashLine = regexp.MustCompile(`(?m)^(.*): content hash (sha256:[0-9a-f]{64})$`)

// check prints each pack's content hash after its summary, the same on
// every run; version --pack prints the same hash for the same pack.
func TestCheckAndVersionPrintTheHash(t *testing.T) {
	_, out1, _ := run(t, "check")
	_, out2, _ := run(t, "check")
	m1, m2 := hashLine.FindStringSubmatch(out1), hashLine.FindStringSubmatch(out2)
	if m1 == nil || m2 == nil || m1[1] != "content/spot-reduction" {
		t.Fatalf("no hash line for the bundled pack:\n%s", out1)
	}
	if m1[2] != m2[2] {
		t.Errorf("hash changed between runs: %s, %s", m1[2], m2[2])
	}
	if i, j := strings.Index(out1, "errors,"), strings.Index(out1, "content hash"); i < 0 || j < i {
		t.Errorf("hash line is not after the summary:\n%s", out1)
	}
	code, vout, _ := run(t, "version")
	if code != ExitOK || !strings.Contains(vout, "content hash "+m1[2]+"\n") || !strings.Contains(vout, "evidence-reader 1.2.3\n") {
		t.Errorf("version: code %d\n%s", code, vout)
	}

	ex := "../../testdata/example-pack"
	_, cout, _ := run(t, "check", ex)
	code, vout, verr := run(t, "version", "--pack", ex)
	m := hashLine.FindStringSubmatch(cout)
	if code != ExitOK || m == nil || m[2] == m1[2] || !strings.Contains(vout, "pack example-stretching 0.1.0") || !strings.Contains(vout, "content hash "+m[2]+"\n") || verr != "" {
		t.Errorf("version --pack: code %d, stderr %q\n%s\ncheck:\n%s", code, verr, vout, cout)
	}
}

func TestVersionPackErrors(t *testing.T) {
	code, _, stderr := run(t, "version", "--pack", filepath.Join(t.TempDir(), "nope"))
	if code != ExitError || !strings.Contains(stderr, "no pack at") {
		t.Errorf("missing folder: code %d, stderr %q", code, stderr)
	}
}

// new writes a pack that check passes with no errors or warnings; it refuses a
// folder with files in it, and bad options are usage errors.
func TestNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my pack")
	code, out, errOut := run(t, "new", dir, "--title", `Does "X" work?`)
	if code != ExitOK || !strings.Contains(out, "Created a new evidence pack in "+dir) || !strings.Contains(out, "evidence-reader check '"+dir+"'") || errOut != "" {
		t.Fatalf("new: code %d\n%s\n%s", code, out, errOut)
	}
	// Nothing but a note for each file that still holds the scaffold's
	// placeholder sentences, at the first one.
	code, out, _ = run(t, "check", dir)
	if code != ExitOK || !strings.Contains(out, dir+": 0 errors, 0 warnings, 7 notes\n") || strings.Count(out, ": note: placeholder from `evidence-reader new` not yet replaced: ") != 7 ||
		!regexp.MustCompile(`references\.json:\d+:\d+: note: placeholder .*"Replace with the study's title"`).MatchString(out) {
		t.Fatalf("check of the new pack: code %d\n%s", code, out)
	}
	code, vout, _ := run(t, "version", "--pack", dir)
	if code != ExitOK || !strings.Contains(vout, "pack my-pack 0.1.0 (reviewed 2026-11-27, next review 2027-11-27)") {
		t.Errorf("version --pack: %s", vout)
	}
	if code, _, errOut := run(t, "new", "--id", "other", dir); code != ExitError || !strings.Contains(errOut, "exists and is not empty") {
		t.Errorf("second new: code %d, %q", code, errOut)
	}
	for _, args := range [][]string{{"new"}, {"new", "a", "b"}, {"new", "--id", "Bad Id", filepath.Join(t.TempDir(), "x")}, {"new", "--title", "a\nb", "x"}} {
		if code, _, errOut := run(t, args...); code != ExitUsage || errOut == "" {
			t.Errorf("%q: code %d, stderr %q", args, code, errOut)
		}
	}
	// Appending a body-part label to the guidance makes check warn, on its line.
	f, err := os.OpenFile(filepath.Join(dir, "guidance.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\nTarget your problem areas.\n")
	f.Close()
	_, out, _ = run(t, "check", dir)
	if !regexp.MustCompile(`guidance\.md:\d+:13: warning: safe-messaging \(body-part-label\): "problem areas"`).MatchString(out) || !strings.Contains(out, "0 errors, 1 warning, 7 notes") {
		t.Errorf("check after the edit:\n%s", out)
	}
}

// A folder and the .evpack packed from it have one content hash, whether
// check or version --pack prints it.
func TestArchiveHasTheFolderHash(t *testing.T) {
	ex := "../../testdata/example-pack"
	out := filepath.Join(t.TempDir(), "ex.evpack")
	if code, _, stderr := run(t, "pack", ex, "--out", out); code != ExitOK {
		t.Fatalf("pack: code %d, %s", code, stderr)
	}
	_, dout, _ := run(t, "check", ex)
	_, aout, _ := run(t, "check", out)
	dm, am := hashLine.FindStringSubmatch(dout), hashLine.FindStringSubmatch(aout)
	if dm == nil || am == nil {
		t.Fatalf("no hash lines:\n%s\n%s", dout, aout)
	}
	if am[1] != out || dm[2] != am[2] {
		t.Errorf("archive hash line %q %s, folder hash %s", am[1], am[2], dm[2])
	}
	code, vout, verr := run(t, "version", "--pack", out)
	if code != ExitOK || !strings.Contains(vout, "content hash "+dm[2]+"\n") || verr != "" {
		t.Errorf("version --pack ARCHIVE: code %d, stderr %q\n%s", code, verr, vout)
	}
}

// check prints no hash for a pack it could not read, and version --pack
// prints no pack at all: a missing folder, a folder of no pack files and a
// file that is no zip all had the hash of nothing.
func TestNoHashForAnUnreadPack(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.evpack")
	if err := os.WriteFile(junk, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "nope"), empty, junk} {
		code, out, _ := run(t, "check", p)
		if code != ExitError || hashLine.MatchString(out) || !strings.Contains(out, p+": no file could be read, so there is no content hash\n") {
			t.Errorf("check %s: code %d\n%s", p, code, out)
		}
		code, out, errOut := run(t, "version", "--pack", p)
		if code != ExitError || strings.Contains(out+errOut, "sha256:") || errOut == "" {
			t.Errorf("version --pack %s: code %d\n%s\n%s", p, code, out, errOut)
		}
	}
}
