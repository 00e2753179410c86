package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// copyBundled copies the bundled pack's folder, as a reader would start a
// pack of their own.
func copyBundled(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "P")
	if err := os.CopyFS(dir, os.DirFS("../../content/spot-reduction")); err != nil {
		t.Fatal(err)
	}
	// CopyFS keeps the embedded files' read-only mode; the cases edit them.
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error { return os.Chmod(p, 0o755) })
	return dir
}

func appendTo(t *testing.T, file, s string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func lines(t *testing.T, file string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

// TestHostilePacksFailFast runs issue 16's reproductions through LoadDir,
// the loader both check and the window use: each gives a located error
// within a second or two (before: a minute and 9.5 GB, or a hang).
func TestHostilePacksFailFast(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) (file string, line int)
		want  string
	}{
		{"deep pack.toml", func(t *testing.T, dir string) (string, int) {
			f := filepath.Join(dir, pack.FilePack)
			n := lines(t, f)
			appendTo(t, f, "x = "+strings.Repeat("{a=", 15000)+"1"+strings.Repeat("}", 15000)+"\n")
			return pack.FilePack, n + 1
		}, "nested more than"},
		{"deep studies.toml", func(t *testing.T, dir string) (string, int) {
			f := filepath.Join(dir, pack.FileStudies)
			n := lines(t, f)
			appendTo(t, f, "x = "+strings.Repeat("[{a=", 25000)+"1"+strings.Repeat("}]", 25000)+"\n")
			return pack.FileStudies, n + 1
		}, "nested more than"},
		{"named pipe", func(t *testing.T, dir string) (string, int) {
			if runtime.GOOS == "windows" {
				t.Skip("no named pipes in folders")
			}
			f := filepath.Join(dir, pack.FileReferences)
			os.Remove(f)
			if err := mkfifo(f); err != nil {
				t.Skip(err)
			}
			return pack.FileReferences, 1
		}, "references.json is a named pipe (FIFO); it must be a regular file"},
		{"symlink out", func(t *testing.T, dir string) (string, int) {
			f := filepath.Join(dir, pack.FileArticle)
			os.Remove(f)
			if err := os.Symlink("/etc/passwd", f); err != nil {
				t.Skip(err)
			}
			return pack.FileArticle, 1
		}, "article.md is a symbolic link to /etc/passwd, which is outside the pack folder"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyBundled(t)
			file, line := c.setup(t, dir)
			ch := make(chan Loaded, 1)
			go func() { ch <- LoadDir(dir, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) }()
			var l Loaded
			select {
			case l = <-ch:
			case <-time.After(2 * time.Second):
				t.Fatal("LoadDir did not return within 2 s")
			}
			for _, d := range l.Diags {
				if d.File == file && d.Severity == pack.Error {
					if d.Line != line || !strings.Contains(d.Message, c.want) {
						t.Errorf("got %s, want %s:%d: ...%s", d, file, line, c.want)
					}
					return
				}
			}
			t.Errorf("no error for %s:\n%v", file, l.Diags)
		})
	}
}

// TestCheckReferencesWithBOM: check accepts a UTF-8 byte order mark in
// references.json as in every other file (it said "invalid character 'ï'").
func TestCheckReferencesWithBOM(t *testing.T) {
	dir := copyBundled(t)
	f := filepath.Join(dir, pack.FileReferences)
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append([]byte("\uFEFF"), b...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, "check", dir)
	if code != ExitOK || strings.Contains(stdout, ": error:") || !strings.Contains(stdout, "0 errors") {
		t.Errorf("code %d:\n%s", code, stdout)
	}
}
