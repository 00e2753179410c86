package settings

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evidence-reader", FileName)
	var s Settings
	want := Pack{Theme: ThemeDark, TextScale: 1.3, View: "studies",
		Position: Location{View: "article", Block: 12, Offset: 840.5, Ref: "x"}}
	s.Set("spot-reduction", want)
	if err := Save(path, s); err != nil {
		t.Fatal(err)
	}
	got, notice := Load(path)
	if notice != "" {
		t.Fatalf("unexpected notice %q", notice)
	}
	if p := got.For("spot-reduction"); p != want {
		t.Fatalf("round trip: got %+v, want %+v", p, want)
	}
	if p := got.For("other"); p != DefaultPack() {
		t.Fatalf("unknown pack got %+v, want defaults", p)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

func TestMissingFileIsQuiet(t *testing.T) {
	s, notice := Load(filepath.Join(t.TempDir(), FileName))
	if notice != "" || s.For("a") != DefaultPack() {
		t.Fatalf("missing file: notice %q, settings %+v", notice, s.For("a"))
	}
}

func TestCorruptAndTruncated(t *testing.T) {
	for name, body := range map[string]string{
		"corrupt":   "{not json at all",
		"truncated": `{"version":1,"packs":{"spot-reduction":{"theme":"dark","text_sc`,
		"binary":    "\x00\x01\x02",
		"wrongtype": `{"version":"one","packs":[]}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			s, notice := Load(path)
			if notice == "" || !strings.Contains(notice, "defaults") {
				t.Fatalf("notice %q should say defaults are used", notice)
			}
			if s.For("spot-reduction") != DefaultPack() {
				t.Fatalf("got %+v, want defaults", s.For("spot-reduction"))
			}
			kept, err := os.ReadFile(path + ".bad")
			if err != nil || string(kept) != body {
				t.Fatalf("damaged file not moved aside intact: %v", err)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Fatal("damaged file still in place")
			}
			if !strings.Contains(notice, path+".bad") {
				t.Fatalf("notice %q does not say where the damaged file went", notice)
			}
		})
	}
}

func TestOutOfRangeValuesAreCleaned(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	body := `{"version":1,"packs":{"p":{"theme":"neon","text_scale":9,"view":"","position":{"offset":-5}}}}`
	os.WriteFile(path, []byte(body), 0o644)
	s, notice := Load(path)
	if notice != "" {
		t.Fatalf("notice %q for a valid file", notice)
	}
	p := s.For("p")
	if p.Theme != ThemeSystem || p.TextScale != MaxScale || p.View != "article" || p.Position.Offset != 0 {
		t.Fatalf("not cleaned: %+v", p)
	}
}

func TestUnwritableFolder(t *testing.T) {
	dir := t.TempDir()
	// A file where the folder should be: fails for every user, root included.
	blocker := filepath.Join(dir, "evidence-reader")
	os.WriteFile(blocker, []byte("x"), 0o644)
	path := filepath.Join(blocker, FileName)
	if err := Save(path, Settings{}); err == nil {
		t.Fatal("Save into a path under a file succeeded")
	}
	s, notice := Load(path)
	if notice == "" {
		t.Fatal("unreadable settings gave no notice")
	}
	if s.For("x") != DefaultPack() {
		t.Fatal("unreadable settings did not give defaults")
	}
}

func TestReadOnlyHome(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	home := t.TempDir()
	os.Chmod(home, 0o555)
	defer os.Chmod(home, 0o755)
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	path, err := Path()
	if err != nil {
		t.Skip(err)
	}
	if err := Save(path, Settings{}); err == nil {
		t.Fatal("Save under a read-only home succeeded")
	}
	if _, notice := Load(path); notice != "" {
		t.Fatalf("missing file under a read-only home gave notice %q", notice)
	}
}

func TestNoPath(t *testing.T) {
	s, notice := Load("")
	if notice == "" || s.For("a") != DefaultPack() {
		t.Fatal("empty path must give defaults and a notice")
	}
	if Save("", s) == nil {
		t.Fatal("Save to an empty path succeeded")
	}
}

func TestClampScale(t *testing.T) {
	for in, want := range map[float64]float64{0: 1, 0.5: 0.8, 1.04: 1, 1.26: 1.3, 2: 1.6} {
		if got := ClampScale(in); got != want {
			t.Errorf("ClampScale(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestWindowSizeRoundTripAndBounds(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	var s Settings
	if _, _, ok := s.WindowSize(); ok {
		t.Fatal("a new settings value has a window size")
	}
	s.SetWindowSize(812.5, 600)
	if err := Save(path, s); err != nil {
		t.Fatal(err)
	}
	got, _ := Load(path)
	if w, h, ok := got.WindowSize(); !ok || w != 812.5 || h != 600 {
		t.Fatalf("round trip: %v x %v (%v), want 812.5 x 600", w, h, ok)
	}
	// Out-of-range sizes are not remembered, and one read from a hand-edited
	// file is ignored.
	got.SetWindowSize(10, 10)
	if w, _, _ := got.WindowSize(); w != 812.5 {
		t.Fatalf("a 10x10 window replaced the remembered size: %v", w)
	}
	os.WriteFile(path, []byte(`{"version":1,"window":{"width":99999,"height":-3}}`), 0o644)
	bad, notice := Load(path)
	if _, _, ok := bad.WindowSize(); ok || notice != "" {
		t.Fatalf("out-of-range size accepted (%v) or noticed %q", ok, notice)
	}
}

func TestWriteFileFailureKeepsTheOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shelf.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, "library", func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "cannot write library: disk full") {
		t.Fatalf("err = %v, want it to name the library and the cause", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("file is %q after a failed write, want the old contents", b)
	}
	if left, _ := filepath.Glob(path + ".*.tmp"); len(left) != 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

// unreadable makes path a file that exists but cannot be read, for every
// user, root included: a symbolic link to itself.
func unreadable(t *testing.T, path string) {
	t.Helper()
	if err := os.Symlink(filepath.Base(path), path); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// A file that is there but cannot be read is never replaced: the
// settings are kept in memory for the session and the notice says so.
func TestUnreadableFileIsLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	unreadable(t, path)
	s, notice := Load(path)
	if !strings.Contains(notice, "could not be read") || !strings.Contains(notice, "left as it is") || !strings.Contains(notice, "not saved") {
		t.Fatalf("notice %q", notice)
	}
	if s.For("x") != DefaultPack() {
		t.Fatal("no defaults")
	}
	s.Set("x", Pack{Theme: ThemeDark, TextScale: 1.2, View: "studies"})
	if err := Save(path, s); !errors.Is(err, ErrNotRead) {
		t.Fatalf("Save = %v, want ErrNotRead", err)
	}
	if st, err := os.Lstat(path); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the unreadable file was replaced: %v %v", st.Mode(), err)
	}
	if left, _ := filepath.Glob(path + "*"); len(left) != 1 {
		t.Fatalf("files beside it: %v", left)
	}
	// Settings read from a good file still save.
	good := filepath.Join(t.TempDir(), FileName)
	g, _ := Load(good)
	if err := Save(good, g); err != nil {
		t.Fatal(err)
	}
}

// Without permission to read it (a user other than root), likewise.
func TestFileWithoutReadPermissionIsLeftAlone(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files without permission")
	}
	path := filepath.Join(t.TempDir(), FileName)
	const body = `{"version":1,"packs":{"p":{"theme":"dark"}}}`
	if err := os.WriteFile(path, []byte(body), 0o000); err != nil {
		t.Fatal(err)
	}
	s, notice := Load(path)
	if !strings.Contains(notice, "permission denied") {
		t.Fatalf("notice %q", notice)
	}
	if err := Save(path, s); !errors.Is(err, ErrNotRead) {
		t.Fatalf("Save = %v", err)
	}
	os.Chmod(path, 0o644)
	if b, _ := os.ReadFile(path); string(b) != body {
		t.Fatalf("the file changed: %q", b)
	}
}

// Each damaged file is kept: an earlier one set aside is not replaced,
// up to MaxAside, after which the oldest goes.
func TestSetAsideKeepsEarlierFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	var want []string
	for i := range MaxAside {
		body := "{damaged " + strconv.Itoa(i)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		// Distinct, increasing times: the first set aside is the oldest.
		at := time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)
		os.Chtimes(path, at, at)
		_, notice := Load(path)
		bad := path + ".bad"
		if i > 0 {
			bad += "." + strconv.Itoa(i)
		}
		if !strings.Contains(notice, "kept as "+bad+".") {
			t.Fatalf("damage %d: notice %q, want it kept as %s", i, notice, bad)
		}
		want = append(want, bad)
	}
	for i, bad := range want {
		if b, err := os.ReadFile(bad); err != nil || string(b) != "{damaged "+strconv.Itoa(i) {
			t.Fatalf("%s holds %q (%v), want damage %d", bad, b, err, i)
		}
	}
	// All taken: the oldest (.bad) is replaced, the rest are kept.
	os.WriteFile(path, []byte("{damaged last"), 0o644)
	if _, notice := Load(path); !strings.Contains(notice, "kept as "+path+".bad.") {
		t.Fatalf("notice %q", notice)
	}
	if b, _ := os.ReadFile(path + ".bad"); string(b) != "{damaged last" {
		t.Fatalf("the oldest was not the one replaced: .bad holds %q", b)
	}
	if b, _ := os.ReadFile(path + ".bad.1"); string(b) != "{damaged 1" {
		t.Fatalf(".bad.1 holds %q", b)
	}
	if left, _ := filepath.Glob(path + ".bad*"); len(left) != MaxAside {
		t.Fatalf("%d files set aside, want at most %d: %v", len(left), MaxAside, left)
	}
}

func TestCloneSharesNothing(t *testing.T) {
	var s Settings
	s.Set("a", DefaultPack())
	s.SetWindowSize(800, 600)
	c := s.Clone()
	s.Set("b", DefaultPack())
	s.Window.Width = 1000
	if len(c.Packs) != 1 || c.Window.Width != 800 {
		t.Fatalf("the clone changed with the settings: %+v, window %+v", c.Packs, c.Window)
	}
}
