package watch

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	quiet = 100 * time.Millisecond
	// timeout is how long a test waits for an event that must come: long,
	// for a busy machine; waiting it out is a failure, never a pass.
	timeout = 10 * time.Second
	// still is how long a test waits to see that nothing more comes.
	still = 4 * quiet
)

type rec struct {
	t  *testing.T
	ch chan Event
	w  *Watcher
}

// start watches a new pack folder and records the callbacks.
func start(t *testing.T, opt Options) (string, *rec) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pack")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "guidance.md"), "# Guidance\n")
	if opt.Quiet == 0 {
		opt.Quiet = quiet
	}
	r := &rec{t: t, ch: make(chan Event, 1000)}
	w, err := New(dir, func(e Event) { r.ch <- e }, opt)
	if err != nil {
		t.Fatal(err)
	}
	r.w = w
	t.Cleanup(func() { w.Close() })
	return dir, r
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for the next event.
func (r *rec) next() Event {
	r.t.Helper()
	select {
	case e := <-r.ch:
		return e
	case <-time.After(timeout):
		r.t.Fatalf("no event within %s", timeout)
		return Event{}
	}
}

// none checks that no event comes for a while.
func (r *rec) none() {
	r.t.Helper()
	select {
	case e := <-r.ch:
		r.t.Fatalf("unexpected event %+v", e)
	case <-time.After(still):
	}
}

// An editor's save (write a temporary file, rename it over the original,
// set its mode, write in place) is one reload, naming the file.
func TestSaveIsOneReload(t *testing.T) {
	dir, r := start(t, Options{})
	tmp := filepath.Join(dir, ".guidance.md.tmp1234")
	write(t, tmp, "# Guidance\n\nNew text.\n")
	if err := os.Rename(tmp, filepath.Join(dir, "guidance.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "guidance.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Some editors then write the file in place, in pieces.
	f, err := os.OpenFile(filepath.Join(dir, "guidance.md"), os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"# Guidance\n", "\nNew ", "text.\n"} {
		f.WriteString(part)
		f.Sync()
	}
	f.Close()
	e := r.next()
	if e.Kind != Changed || !slices.Equal(e.Files, []string{"guidance.md"}) || e.Err != nil {
		t.Fatalf("event %+v, want Changed [guidance.md]", e)
	}
	r.none()
}

// Hundreds of saves in a row are a few reloads: one per MaxDelay at most,
// and a last one after the last save.
func TestManySavesAreFewReloads(t *testing.T) {
	const maxDelay = 500 * time.Millisecond
	dir, r := start(t, Options{MaxDelay: maxDelay})
	began := time.Now()
	for i := range 300 {
		write(t, filepath.Join(dir, "studies.toml"), strings.Repeat("x", i))
		if i%3 == 0 {
			write(t, filepath.Join(dir, "article.md"), strings.Repeat("y", i))
		}
	}
	took := time.Since(began)
	var events []Event
	events = append(events, r.next())
	for {
		select {
		case e := <-r.ch:
			events = append(events, e)
			continue
		case <-time.After(still):
		}
		break
	}
	limit := int(took/maxDelay) + 2
	if len(events) > limit {
		t.Errorf("%d reloads for 300 saves over %s; want at most %d", len(events), took, limit)
	}
	last := events[len(events)-1]
	if last.Kind != Changed || !slices.Contains(last.Files, "studies.toml") {
		t.Errorf("last event %+v", last)
	}
	seen := map[string]bool{}
	for _, e := range events {
		for _, f := range e.Files {
			seen[f] = true
		}
	}
	if !seen["article.md"] || !seen["studies.toml"] || len(seen) != 2 {
		t.Errorf("files seen: %v", seen)
	}
}

// A file deleted and written again by an editor is still followed.
func TestDeletedAndRecreated(t *testing.T) {
	dir, r := start(t, Options{})
	path := filepath.Join(dir, "guidance.md")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if e := r.next(); e.Kind != Changed || !slices.Equal(e.Files, []string{"guidance.md"}) {
		t.Fatalf("after delete: %+v", e)
	}
	write(t, path, "# Back\n")
	if e := r.next(); e.Kind != Changed || !slices.Equal(e.Files, []string{"guidance.md"}) {
		t.Fatalf("after recreate: %+v", e)
	}
	write(t, path, "# Again\n")
	if e := r.next(); e.Kind != Changed {
		t.Fatalf("after a later save: %+v", e)
	}
}

// Editors' backup, swap and temporary files, other files and a change of
// mode alone cause no reload.
func TestIrrelevantChanges(t *testing.T) {
	dir, r := start(t, Options{})
	for _, name := range []string{".guidance.md.swp", "guidance.md~", "#guidance.md#", "4913", "notes.txt", "photo.png"} {
		write(t, filepath.Join(dir, name), "x")
	}
	if err := os.Chmod(filepath.Join(dir, "guidance.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.none()
	write(t, filepath.Join(dir, "pack.toml"), "id = \"x\"\n")
	if e := r.next(); !slices.Equal(e.Files, []string{"pack.toml"}) {
		t.Fatalf("event %+v, want pack.toml only", e)
	}
	for _, n := range []string{"a.md", "b.TOML", "references.json", "changelog.md"} {
		if !Relevant(n) {
			t.Errorf("Relevant(%q) = false", n)
		}
	}
}

// A folder renamed away is reported gone; while it is away nothing is
// reported; renamed back, it is reported back and followed again.
func TestFolderRenamedAwayAndBack(t *testing.T) {
	dir, r := start(t, Options{})
	away := dir + ".moved"
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	if e := r.next(); e.Kind != Gone {
		t.Fatalf("after rename: %+v, want Gone", e)
	}
	write(t, filepath.Join(away, "guidance.md"), "# Edited while away\n")
	r.none()
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	if e := r.next(); e.Kind != Back {
		t.Fatalf("after rename back: %+v, want Back", e)
	}
	write(t, filepath.Join(dir, "guidance.md"), "# Edited again\n")
	if e := r.next(); e.Kind != Changed || !slices.Equal(e.Files, []string{"guidance.md"}) {
		t.Fatalf("after a save: %+v", e)
	}
}

// A folder deleted and made again is gone, then back.
func TestFolderDeletedAndRemade(t *testing.T) {
	dir, r := start(t, Options{})
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	// Deleting the file in it may be reported first.
	e := r.next()
	for e.Kind == Changed {
		e = r.next()
	}
	if e.Kind != Gone {
		t.Fatalf("after delete: %+v, want Gone", e)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if e := r.next(); e.Kind != Back {
		t.Fatalf("after mkdir: %+v, want Back", e)
	}
	write(t, filepath.Join(dir, "pack.toml"), "x")
	if e := r.next(); e.Kind != Changed || !slices.Equal(e.Files, []string{"pack.toml"}) {
		t.Fatalf("after a save: %+v", e)
	}
}

// Close stops everything: no callback after it returns, no goroutine left,
// and a second Close is harmless.
func TestClose(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	calls := make(chan Event, 100)
	w, err := New(dir, func(e Event) { calls <- e }, Options{Quiet: quiet})
	if err != nil {
		t.Fatal(err)
	}
	// A burst is pending when Close is called.
	write(t, filepath.Join(dir, "a.md"), "x")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	write(t, filepath.Join(dir, "b.md"), "x")
	select {
	case e := <-calls:
		t.Fatalf("callback after Close: %+v", e)
	case <-time.After(still):
	}
	deadline := time.Now().Add(timeout)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after Close, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "nope"), func(Event) {}, Options{}); err == nil {
		t.Error("missing folder: no error")
	}
	f := filepath.Join(t.TempDir(), "file")
	write(t, f, "x")
	if _, err := New(f, func(Event) {}, Options{}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("file: %v", err)
	}
}
