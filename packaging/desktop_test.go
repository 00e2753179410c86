package packaging

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/evpack"
)

// mimeInfo is the part of a shared-mime-info file the tests read.
type mimeInfo struct {
	Types []struct {
		Type     string `xml:"type,attr"`
		Comment  string `xml:"comment"`
		SubClass struct {
			Type string `xml:"type,attr"`
		} `xml:"sub-class-of"`
		Icon struct {
			Name string `xml:"name,attr"`
		} `xml:"icon"`
		Globs []struct {
			Pattern string `xml:"pattern,attr"`
		} `xml:"glob"`
		Magic struct {
			Priority int `xml:"priority,attr"`
			Match    struct {
				Offset string `xml:"offset,attr"`
				Value  string `xml:"value,attr"`
				Match  struct {
					Offset string `xml:"offset,attr"`
					Value  string `xml:"value,attr"`
				} `xml:"match"`
			} `xml:"match"`
		} `xml:"magic"`
	} `xml:"mime-type"`
}

// The MIME file declares what the app and evpack say: the type, the
// extension, the zip parent, the app's icon, and a magic that matches
// the bytes evidence-reader pack writes.
func TestMIMEFileDeclaresThePackType(t *testing.T) {
	m := loadMeta(t)
	data, err := os.ReadFile("linux/" + m.Details.ID + ".mime.xml")
	if err != nil {
		t.Fatal(err)
	}
	var mi mimeInfo
	if err := xml.Unmarshal(data, &mi); err != nil {
		t.Fatal(err)
	}
	if len(mi.Types) != 1 {
		t.Fatalf("%d mime-types, want 1", len(mi.Types))
	}
	ty := mi.Types[0]
	if ty.Type != evpack.MIMEType || m.CanOpen.MimeTypes != evpack.MIMEType {
		t.Errorf("type %q, FyneApp.toml CanOpen %q, evpack.MIMEType %q", ty.Type, m.CanOpen.MimeTypes, evpack.MIMEType)
	}
	if len(ty.Globs) != 1 || ty.Globs[0].Pattern != "*"+evpack.Ext {
		t.Errorf("globs %+v, want *%s", ty.Globs, evpack.Ext)
	}
	if ty.SubClass.Type != "application/zip" || ty.Icon.Name != m.Details.ID || ty.Comment == "" {
		t.Errorf("sub-class-of %q, icon %q, comment %q", ty.SubClass.Type, ty.Icon.Name, ty.Comment)
	}
	outer, inner := ty.Magic.Match, ty.Magic.Match.Match
	if outer.Offset != "0" || outer.Value != `PK\003\004` || ty.Magic.Priority <= 60 {
		t.Errorf("magic %+v, want PK\\003\\004 at 0 above zip's priority 60", ty.Magic)
	}
	var buf bytes.Buffer
	if err := evpack.Encode(&buf, map[string][]byte{"article.md": []byte("a"), "pack.toml": []byte("id = \"x\"\n")}); err != nil {
		t.Fatal(err)
	}
	off, _ := strconv.Atoi(inner.Offset)
	if b := buf.Bytes(); off == 0 || len(b) < off+len(inner.Value) || string(b[off:off+len(inner.Value)]) != inner.Value {
		t.Errorf("the magic's %q at %d does not match what evpack writes", inner.Value, off)
	}
}

// desktopTools are what TestDesktopOpensPacks runs; `make check-metadata`
// (part of make test) installs them and sets REQUIRE_DESKTOP_TOOLS=1, so
// there the test cannot skip.
var desktopTools = []string{"make", "update-mime-database", "update-desktop-database", "xdg-mime", "mimetype", "desktop-file-validate"}

// TestDesktopOpensPacks does what a desktop does: it installs the Linux
// tree as the tarball's `make user-install` does (with a stand-in binary)
// into a throw-away HOME, then asks xdg-mime what an .evpack is and which
// app opens it; after `make user-uninstall` the answers are gone.
func TestDesktopOpensPacks(t *testing.T) {
	for _, tool := range desktopTools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("REQUIRE_DESKTOP_TOOLS") != "" {
				t.Fatalf("%s is not installed (.ci/release-deps.sh validate installs it)", tool)
			}
			t.Skipf("%s is not installed (make check-metadata installs it and runs this test)", tool)
		}
	}
	m := loadMeta(t)
	id := m.Details.ID
	tmp := t.TempDir()
	// No space in this HOME: xdg-mime's own lookup of the default app
	// splits XDG_DATA_HOME at spaces (xdg-utils 1.1). The HOME with spaces
	// and quotes is installed into below.
	home := filepath.Join(tmp, "home")
	exe := filepath.Join(tmp, "evidence-reader")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\necho \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	top := filepath.Join(tmp, "tree")
	// A desktop session's environment, built from nothing so the host's
	// own desktop settings cannot leak in. X-Generic: xdg-mime's plain
	// freedesktop.org lookups, not a desktop's own tool.
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LANG=C.UTF-8",
		"XDG_DATA_HOME=" + filepath.Join(home, ".local/share"), "XDG_DATA_DIRS=/usr/share",
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_CONFIG_DIRS=" + filepath.Join(tmp, "xdg"),
		"XDG_CURRENT_DESKTOP=X-Generic",
	}
	run := func(dir string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
		}
		if name == "update-mime-database" && stderr.Len() > 0 {
			t.Errorf("update-mime-database complains:\n%s", stderr.String())
		}
		return strings.TrimSpace(string(out))
	}
	run("..", "bash", "packaging/stage-linux.sh", id, exe, top)
	run(top, "make", "user-install")
	installed := filepath.Join(home, ".local/share/mime/packages", id+".mime.xml")
	if _, err := os.Stat(installed); err != nil {
		t.Fatalf("user-install did not install the MIME file: %v", err)
	}
	checkInstalledExec(t, run, top, home, id)
	// A HOME with spaces, and every character the Exec quoting rules name
	// and one make would read as a variable: user-install wrote its path
	// into Exec unquoted, and split it at the space when it passed it to
	// make, installing into "/tmp/my" a tree named "home/.local".
	odd := filepath.Join(tmp, `my home's "files" with $HOME, \ back`+"`tick`"+` and 100%`)
	oddEnv := append([]string{}, env...)
	for i, kv := range oddEnv {
		if strings.HasPrefix(kv, "HOME=") {
			oddEnv[i] = "HOME=" + odd
		}
	}
	makeIn := func(target string) {
		t.Helper()
		cmd := exec.Command("make", target)
		cmd.Dir, cmd.Env = top, oddEnv
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("make %s with HOME=%q: %v\n%s", target, odd, err, out)
		}
	}
	makeIn("user-install")
	for _, f := range []string{"bin/evidence-reader", "share/mime/packages/" + id + ".mime.xml", "share/metainfo/" + id + ".metainfo.xml"} {
		if _, err := os.Stat(filepath.Join(odd, ".local", f)); err != nil {
			t.Errorf("user-install with HOME=%q: %v", odd, err)
		}
	}
	checkInstalledExec(t, run, top, odd, id)
	makeIn("user-uninstall")
	if _, err := os.Stat(filepath.Join(odd, ".local/bin/evidence-reader")); err == nil {
		t.Errorf("user-uninstall left the binary in %q", odd)
	}

	// The files to ask about: a pack as evidence-reader pack writes it,
	// with and without its extension, and a zip that is not a pack.
	files := filepath.Join(tmp, "files")
	os.Mkdir(files, 0o755)
	if err := evpack.Write("../testdata/example-pack", filepath.Join(files, "some.evpack")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(files, "some.evpack"))
	os.WriteFile(filepath.Join(files, "some-pack"), b, 0o644)
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, _ := zw.Create("notes.txt")
	w.Write([]byte("not a pack"))
	zw.Close()
	os.WriteFile(filepath.Join(files, "other.zip"), z.Bytes(), 0o644)
	os.WriteFile(filepath.Join(files, "other"), z.Bytes(), 0o644)
	os.WriteFile(filepath.Join(files, "hand-made.evpack"), z.Bytes(), 0o644)

	query := func(file string) string { return run(files, "xdg-mime", "query", "filetype", file) }
	for file, want := range map[string]string{
		"some.evpack":      evpack.MIMEType, // the glob
		"some-pack":        evpack.MIMEType, // the magic
		"hand-made.evpack": evpack.MIMEType, // the glob, whatever is inside
		"other.zip":        "application/zip",
		"other":            "application/zip", // the magic does not take every zip
	} {
		if got := query(file); got != want {
			t.Errorf("xdg-mime query filetype %s = %q, want %q", file, got, want)
		}
	}
	if got := run(files, "xdg-mime", "query", "default", evpack.MIMEType); got != id+".desktop" {
		t.Errorf("xdg-mime query default %s = %q, want %s.desktop", evpack.MIMEType, got, id)
	}

	run(top, "make", "user-uninstall")
	if got := query("some.evpack"); got == evpack.MIMEType {
		t.Errorf("after user-uninstall, some.evpack is still %s", got)
	}
	if got := run(files, "xdg-mime", "query", "default", evpack.MIMEType); got == id+".desktop" {
		t.Errorf("after user-uninstall, %s still opens %s", got, evpack.MIMEType)
	}
}

// checkInstalledExec reads the desktop file user-install wrote into home:
// desktop-file-validate passes it, and its Exec line, read by the Desktop
// Entry Specification's rules, runs home's binary with the file (%f).
func checkInstalledExec(t *testing.T, run func(string, string, ...string) string, top, home, id string) {
	t.Helper()
	file := filepath.Join(home, ".local/share/applications", id+".desktop")
	run(top, "desktop-file-validate", file)
	d, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var exe string
	for _, l := range strings.Split(string(d), "\n") {
		if v, ok := strings.CutPrefix(l, "Exec="); ok {
			exe = v
		}
	}
	argv, err := execArgs(exe)
	want := []string{filepath.Join(home, ".local/bin/evidence-reader"), "%f"}
	if err != nil || strings.Join(argv, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("Exec=%s reads as %q (%v), want %q", exe, argv, err, want)
	}
}

// execArgs splits a desktop file's Exec value into its arguments, by the
// Desktop Entry Specification: first the string escapes of every value
// (\\ \s \n \t \r), then arguments split at spaces, each either plain
// (no reserved character) or in double quotes, where \ escapes " ` $ and
// \; a field code stays as written, and %% is a %.
func execArgs(v string) ([]string, error) {
	var s strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' || i+1 == len(v) {
			s.WriteByte(v[i])
			continue
		}
		i++
		switch v[i] {
		case 's':
			s.WriteByte(' ')
		case 'n':
			s.WriteByte('\n')
		case 't':
			s.WriteByte('\t')
		case 'r':
			s.WriteByte('\r')
		default: // \\, and a backslash before anything else is kept for the quoting rules
			if v[i] != '\\' {
				s.WriteByte('\\')
			}
			s.WriteByte(v[i])
		}
	}
	in := s.String()
	var args []string
	for i := 0; i < len(in); {
		if in[i] == ' ' {
			i++
			continue
		}
		var a strings.Builder
		if in[i] == '"' {
			i++
			for {
				if i >= len(in) {
					return args, fmt.Errorf("unterminated quote in %q", in)
				}
				c := in[i]
				if c == '"' {
					i++
					break
				}
				if c == '\\' {
					if i+1 >= len(in) || !strings.ContainsRune("\"`$\\", rune(in[i+1])) {
						return args, fmt.Errorf("backslash before %q in a quoted argument of %q", in[i+1:], in)
					}
					i++
					c = in[i]
				}
				a.WriteByte(c)
				i++
			}
		} else {
			for i < len(in) && in[i] != ' ' {
				if strings.ContainsRune("\t\n\"'\\><~|&;$*?#()`", rune(in[i])) {
					return args, fmt.Errorf("reserved character %q outside quotes in %q", in[i], in)
				}
				a.WriteByte(in[i])
				i++
			}
		}
		arg := a.String()
		if arg != "%f" {
			arg = strings.ReplaceAll(arg, "%%", "%")
		}
		args = append(args, arg)
	}
	return args, nil
}
