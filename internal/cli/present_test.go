package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// copyPack copies testdata/example-pack into a temp dir, leaving out skip.
func copyPack(t *testing.T, skip string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "example-pack")
	dst := t.TempDir()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() || e.Name() == skip {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func TestExportWritesBothFormats(t *testing.T) {
	withSlides := filepath.Join("..", "..", "testdata", "example-pack")
	noSlides := copyPack(t, pack.FileSlides)
	for _, tc := range []struct{ name, dir, format, want string }{
		{"bundled html", "", "html", "<!DOCTYPE html>"},
		{"bundled md", "", "md", "# "},
		{"example html", withSlides, "html", "Does stretching prevent injury?"},
		{"no slides.md html", noSlides, "html", "Studies compared"},
		{"no slides.md md", noSlides, "md", "Studies compared"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "handout."+tc.format)
			// An old file is replaced, not appended to.
			if err := os.WriteFile(out, []byte("OLD CONTENT"), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"export", "--format", tc.format, "--out", out}
			if tc.dir != "" {
				args = append(args, "--pack", tc.dir)
			}
			code, stdout, stderr := run(t, args...)
			if code != ExitOK {
				t.Fatalf("code %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(tc.want)) || bytes.Contains(b, []byte("OLD CONTENT")) {
				t.Fatalf("handout lacks %q or kept old content:\n%.400s", tc.want, b)
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*.tmp"))
			if len(left) > 0 {
				t.Fatalf("temporary files left: %v", left)
			}
		})
	}
}

func TestExportUsageAndFailures(t *testing.T) {
	if code, _, stderr := run(t, "export"); code != ExitUsage || !strings.Contains(stderr, "--out") {
		t.Errorf("no --out: code %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "export", "--out", filepath.Join(t.TempDir(), "x"), "--format", "pdf"); code != ExitUsage || !strings.Contains(stderr, `"pdf"`) {
		t.Errorf("bad format: code %d, %q", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "no", "such", "dir", "h.html")
	code, _, stderr := run(t, "export", "--out", missing)
	if code != ExitUsage || !strings.Contains(stderr, "there is no folder "+filepath.Dir(missing)+"; make it first") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("a missing folder: code %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "pack", "../../testdata/example-pack", "--out", filepath.Join(filepath.Dir(missing), "x.evpack")); code != ExitUsage || !strings.Contains(stderr, "there is no folder") {
		t.Errorf("pack into a missing folder: code %d, %q", code, stderr)
	}
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "pack.toml"), []byte("id = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "h.html")
	code, _, stderr = run(t, "export", "--out", out, "--pack", broken)
	if code != ExitError || !strings.Contains(stderr, "has errors") {
		t.Errorf("broken pack: code %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a broken pack still wrote a handout")
	}
}

func runGUI(t *testing.T, gui GUI, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "DISPLAY" {
			return ":99"
		}
		return ""
	}, Now: func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }, GUI: gui}
	return Main(args, env), errb.String()
}

func TestPresentPassesDeck(t *testing.T) {
	var got PresentOptions
	var gotPack string
	gui := GUI{Present: func(l Loaded, o PresentOptions) error { got, gotPack = o, l.Pack.Meta.ID; return nil }}
	if code, stderr := runGUI(t, gui, "present"); code != ExitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	if gotPack != "spot-reduction" || len(got.Slides) < 12 || len(got.Slides) > 20 {
		t.Fatalf("bundled deck: pack %q, %d slides", gotPack, len(got.Slides))
	}
	noSlides := copyPack(t, pack.FileSlides)
	if code, stderr := runGUI(t, gui, "present", "--pack", noSlides); code != ExitOK || len(got.Slides) == 0 || got.Slides[0].Line != 0 {
		t.Fatalf("generated deck: code %d, %d slides, %s", code, len(got.Slides), stderr)
	}
	fail := GUI{Present: func(Loaded, PresentOptions) error { return errors.New("no GL") }}
	if code, stderr := runGUI(t, fail, "present"); code != ExitError || !strings.Contains(stderr, "no GL") {
		t.Fatalf("failing window: code %d, %q", code, stderr)
	}
	if code, stderr := runGUI(t, GUI{}, "present"); code != ExitError || !strings.Contains(stderr, "no window support") {
		t.Fatalf("no hook: code %d, %q", code, stderr)
	}
	if code, _ := runGUI(t, gui, "present", "stray"); code != ExitUsage {
		t.Fatalf("stray argument: code %d", code)
	}
}

func TestCheckReportsSlides(t *testing.T) {
	dir := copyPack(t, "")
	bad := "## One\n\n::: studies nosuchstudy\n\n---\n\n::: frob\n"
	if err := os.WriteFile(filepath.Join(dir, pack.FileSlides), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := run(t, "check", dir)
	for _, want := range []string{"slides.md:3:1: warning:", `"nosuchstudy"`, "slides.md:7:1: warning:", `unknown directive "frob"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = run(t, "check")
	if strings.Contains(stdout, "slides.md") {
		t.Errorf("bundled slides.md has problems:\n%s", stdout)
	}
}

func TestDeckFallsBackWhenSlidesEmpty(t *testing.T) {
	l := LoadBundled(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	p := *l.Pack
	p.Slides = []byte("\n---\n\n---\n")
	slides, ds := Deck(&p)
	if len(slides) == 0 || len(ds) != 1 || ds[0].File != pack.FileSlides || !strings.Contains(ds[0].Message, "no slides") {
		t.Fatalf("empty slides.md: %d slides, diagnostics %v", len(slides), ds)
	}
	p.Slides = nil
	if slides, ds := Deck(&p); len(slides) == 0 || len(ds) != 0 {
		t.Fatalf("no slides.md: %d slides, diagnostics %v", len(slides), ds)
	}
}
