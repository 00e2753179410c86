package cli

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

var (
	examplePack = filepath.Join("..", "..", "testdata", "example-pack")
	testNow     = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
)

// packed packs the example pack (or dir) into a temp .evpack.
func packed(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "ex.evpack")
	if code, stdout, stderr := run(t, "pack", dir, "--out", out); code != ExitOK || !strings.Contains(stdout, "wrote "+out) {
		t.Fatalf("pack: code %d\n%s%s", code, stdout, stderr)
	}
	return out
}

// stripped drops each diagnostic's location prefix up to the file inside
// the pack, leaving out the summary line.
func stripped(out, prefix string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if rest, ok := strings.CutPrefix(l, prefix); ok && !strings.HasPrefix(rest, " ") {
			lines = append(lines, rest)
		}
	}
	return lines
}

// pack twice gives the same bytes; check on the archive gives the
// folder's diagnostics, each located inside the archive.
func TestPackThenCheckTheArchive(t *testing.T) {
	a := packed(t, examplePack)
	b := packed(t, examplePack)
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Fatal("packing twice gave different bytes")
	}
	code, folderOut, _ := run(t, "check", examplePack)
	if code != ExitOK {
		t.Fatal(folderOut)
	}
	code, archiveOut, _ := run(t, "check", a)
	if code != ExitOK {
		t.Fatalf("check %s: %d\n%s", a, code, archiveOut)
	}
	folder := stripped(folderOut, filepath.ToSlash(examplePack)+"/")
	archive := stripped(archiveOut, filepath.ToSlash(a)+":")
	if len(folder) == 0 || !slices.Equal(folder, archive) {
		t.Errorf("diagnostics differ\nfolder:\n%s\narchive:\n%s", folderOut, archiveOut)
	}
	if !strings.Contains(archiveOut, filepath.ToSlash(a)+":article.md:13:92: note:") {
		t.Errorf("archive diagnostic not located as ARCHIVE:article.md:\n%s", archiveOut)
	}
	if !strings.Contains(archiveOut, filepath.ToSlash(a)+": 0 errors, 0 warnings, 1 note") {
		t.Errorf("summary line:\n%s", archiveOut)
	}
	// An archive packs again, to the same bytes.
	c := packed(t, a)
	if cb, _ := os.ReadFile(c); !bytes.Equal(ab, cb) {
		t.Error("re-packing an archive changed its bytes")
	}
}

// pack refuses a pack with errors, with check's messages (slides too),
// and writes nothing.
func TestPackRefusesAPackWithErrors(t *testing.T) {
	dir := copyPack(t, "")
	os.WriteFile(filepath.Join(dir, pack.FilePack), []byte("id = \"x\"\ntitle = \n"), 0o644)
	os.WriteFile(filepath.Join(dir, pack.FileSlides), []byte("## One\n\n::: frob\n"), 0o644)
	out := filepath.Join(t.TempDir(), "x.evpack")
	code, stdout, stderr := run(t, "pack", dir, "--out", out)
	if code != ExitError {
		t.Fatalf("code %d", code)
	}
	_, checkOut, _ := run(t, "check", dir)
	for _, l := range strings.Split(checkOut, "\n") {
		if strings.Contains(l, ": error: ") || strings.Contains(l, "slides.md") {
			if !strings.Contains(stderr, l) {
				t.Errorf("pack does not print check's %q:\n%s", l, stderr)
			}
		}
	}
	if !strings.Contains(stderr, "nothing written") || stdout != "" {
		t.Errorf("stdout %q, stderr:\n%s", stdout, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a pack with errors was written")
	}
	if left, _ := os.ReadDir(filepath.Dir(out)); len(left) != 0 {
		t.Errorf("left %v", left)
	}
}

func TestPackUsage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.evpack")
	for _, args := range [][]string{
		{"pack", examplePack},
		{"pack", "--out", out},
		{"pack", examplePack, examplePack, "--out", out},
		{"pack", "--frob", examplePack},
	} {
		if code, _, stderr := run(t, args...); code != ExitUsage || stderr == "" {
			t.Errorf("%v: code %d, %q", args, code, stderr)
		}
	}
	// Flags before or after the folder.
	if code, _, stderr := run(t, "pack", "--out", out, examplePack); code != ExitOK {
		t.Errorf("--out first: %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "pack", "--help"); code != ExitOK || !strings.Contains(stderr, "Usage: evidence-reader pack DIR --out FILE.evpack") || !strings.Contains(stderr, "-out FILE") {
		t.Errorf("help: %d %q", code, stderr)
	}
	zipName := filepath.Join(t.TempDir(), "x.zip")
	if code, _, stderr := run(t, "pack", examplePack, "--out", zipName); code != ExitOK || !strings.Contains(stderr, "does not end in .evpack") {
		t.Errorf("a .zip name: %d %q", code, stderr)
	}
	// Any file is tried as an archive, whatever its name.
	if code, stdout, _ := run(t, "check", zipName); code != ExitOK || !strings.Contains(stdout, filepath.ToSlash(zipName)+":article.md:13:92: note:") {
		t.Errorf("check x.zip: %d\n%s", code, stdout)
	}
	if code, _, stderr := run(t, "pack", examplePack, "--out", t.TempDir()); code != ExitUsage || !strings.Contains(stderr, "it is a folder") {
		t.Errorf("--out a folder: %d %q", code, stderr)
	}
}

func hostileZip(t *testing.T, name string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"pack.toml", name} {
		w, _ := zw.Create(n)
		w.Write([]byte("x"))
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "hostile.evpack")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

// A refused archive is one error per problem, located at the archive and
// naming the entry; nothing else is checked.
func TestCheckRefusesAHostileArchive(t *testing.T) {
	p := hostileZip(t, "../evil.md")
	code, stdout, _ := run(t, "check", p)
	want := filepath.ToSlash(p) + `:1:1: error: entry "../evil.md" leaves the archive (its name has a .. part)`
	if code != ExitError || !strings.Contains(stdout, want) {
		t.Fatalf("code %d, want %q in:\n%s", code, want, stdout)
	}
	if strings.Contains(stdout, "missing") {
		t.Errorf("a refused archive is also checked as a pack:\n%s", stdout)
	}
	notZip := filepath.Join(t.TempDir(), "notes.evpack")
	os.WriteFile(notZip, []byte("hello"), 0o644)
	if code, stdout, _ := run(t, "check", notZip); code != ExitError || !strings.Contains(stdout, filepath.ToSlash(notZip)+":1:1: error: is not a zip archive") {
		t.Errorf("not a zip: %d\n%s", code, stdout)
	}
}

// Every command that takes a pack takes an archive, and tells the GUI
// where it came from.
func TestCommandsTakeArchives(t *testing.T) {
	a := packed(t, examplePack)
	abs, _ := filepath.Abs(a)
	var got Loaded
	gui := GUI{
		Open: func(l Loaded, o OpenOptions) error { got = <-o.Loading; return nil },
		Present: func(l Loaded, o PresentOptions) error {
			got = l
			if len(o.Slides) == 0 {
				t.Error("no slides")
			}
			return nil
		},
		Screenshot: func(l Loaded, o ScreenshotOptions) error { got = l; return nil },
	}
	for _, args := range [][]string{
		{a}, {"--pack", a}, {"--size", "800x600", a}, {a, "--size", "800x600"},
		{"present", "--pack", a},
		{"screenshot", "--pack", a, "--out", filepath.Join(t.TempDir(), "x.png")},
	} {
		got = Loaded{}
		if code, stderr := runGUI(t, gui, args...); code != ExitOK {
			t.Errorf("%v: code %d %s", args, code, stderr)
			continue
		}
		if got.Source != (Source{Kind: SourceArchive, Path: abs}) || got.Pack == nil || got.Pack.Meta.ID == "" || got.Diags.HasErrors() {
			t.Errorf("%v: loaded %+v from %v", args, got.Source, got.Diags)
		}
	}
	// A bare folder too, and the bundled pack by default.
	runGUI(t, gui, examplePack)
	if got.Source.Kind != SourceFolder || got.Dir != examplePack || !filepath.IsAbs(got.Source.Path) {
		t.Errorf("bare folder: %+v, Dir %q", got.Source, got.Dir)
	}
	runGUI(t, gui)
	if got.Source != (Source{Kind: SourceBundled}) {
		t.Errorf("default: %+v", got.Source)
	}
	for _, args := range [][]string{{a, a}, {a, "--pack", a}, {"nosuchcommand"}, {"--size", "800x600", "nosuchpack"}} {
		if code, stderr := runGUI(t, gui, args...); code != ExitUsage {
			t.Errorf("%v: code %d %s", args, code, stderr)
		}
	}
	// A missing file named like a pack opens the error view, not a usage error.
	runGUI(t, gui, filepath.Join(t.TempDir(), "gone.evpack"))
	if got.Source.Kind != SourceArchive || !strings.Contains(got.Diags[0].Message, "no pack at") {
		t.Errorf("missing archive: %+v %v", got.Source, got.Diags)
	}
}

// The handout from an archive is the folder's handout.
func TestExportFromAnArchive(t *testing.T) {
	a := packed(t, examplePack)
	dir := t.TempDir()
	for _, src := range []string{examplePack, a} {
		out := filepath.Join(dir, filepath.Base(src)+".html")
		if code, stdout, stderr := run(t, "export", "--pack", src, "--out", out); code != ExitOK {
			t.Fatalf("export %s: %d %s%s", src, code, stdout, stderr)
		}
	}
	f, _ := os.ReadFile(filepath.Join(dir, "example-pack.html"))
	e, _ := os.ReadFile(filepath.Join(dir, "ex.evpack.html"))
	if len(f) == 0 || !bytes.Equal(f, e) {
		t.Errorf("handouts differ (%d and %d bytes)", len(f), len(e))
	}
}

func TestLocation(t *testing.T) {
	p := &pack.Pack{Name: "x/y.evpack"}
	for _, c := range []struct {
		l          Loaded
		file, want string
	}{
		{Loaded{Pack: p, Source: Source{Kind: SourceArchive}}, "article.md", "x/y.evpack:article.md"},
		{Loaded{Pack: p, Source: Source{Kind: SourceArchive}}, ".", "x/y.evpack"},
		{Loaded{Pack: &pack.Pack{Name: "dir"}, Source: Source{Kind: SourceFolder}}, "article.md", "dir/article.md"},
		{Loaded{Pack: &pack.Pack{Name: "dir"}, Source: Source{Kind: SourceFolder}}, ".", "dir"},
		{Loaded{Pack: &pack.Pack{Name: "content/spot-reduction"}}, "pack.toml", "content/spot-reduction/pack.toml"},
		{Loaded{Source: Source{Kind: SourceArchive, Path: "/a/b.evpack"}}, "pack.toml", "/a/b.evpack:pack.toml"},
	} {
		if got := c.l.Location(c.file); got != c.want {
			t.Errorf("Location(%q) = %q, want %q", c.file, got, c.want)
		}
	}
	d := pack.Diagnostic{File: "article.md", Line: 12, Col: 40, Severity: pack.Warning, Message: "m"}
	if got := (Loaded{Pack: &pack.Pack{Name: "stretching.evpack"}, Source: Source{Kind: SourceArchive}}).Format(d); got != "stretching.evpack:article.md:12:40: warning: m" {
		t.Errorf("Format = %q", got)
	}
}

func TestLoadPathOddities(t *testing.T) {
	l := LoadPath(filepath.Join(examplePack, "pack.toml"), testNow)
	if len(l.Diags) != 1 || !strings.Contains(l.Diags[0].Message, "is one file of a pack; open its folder") {
		t.Errorf("pack.toml: %v", l.Diags)
	}
	l = LoadPath(filepath.Join(t.TempDir(), "nope"), testNow)
	if l.Source.Kind != SourceFolder || !strings.Contains(l.Diags[0].Message, "no pack at") {
		t.Errorf("missing folder: %+v %v", l.Source, l.Diags)
	}
	for k, want := range map[SourceKind]string{SourceBundled: "bundled", SourceFolder: "folder", SourceArchive: "archive"} {
		if k.String() != want {
			t.Errorf("%d.String() = %q", k, k)
		}
	}
	if s := (Source{Kind: SourceArchive, Path: "/a/x.evpack"}).String(); s != "pack file /a/x.evpack" {
		t.Errorf("Source.String = %q", s)
	}
}
