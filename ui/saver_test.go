package ui

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/internal/shelf"
)

// Saves are serialised and the last asked for wins: those asked for while
// one runs are replaced by the newest, which runs next; flush waits for it
// and reports a failure once.
func TestSaverRunsTheLastSave(t *testing.T) {
	var w saver
	release, started := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	var ran []int
	write := func(n int) func() error {
		return func() error {
			if n == 1 {
				close(started)
				<-release
			}
			mu.Lock()
			ran = append(ran, n)
			mu.Unlock()
			if n == 4 {
				return errors.New("disk full")
			}
			return nil
		}
	}
	var failures []error
	failed := func(err error) { failures = append(failures, err) }
	w.save(write(1), failed)
	<-started // 1 runs, and waits
	w.save(write(2), failed)
	w.save(write(3), failed)
	w.save(write(4), failed)
	close(release)
	w.flush()
	mu.Lock()
	got := slices.Clone(ran)
	mu.Unlock()
	if !slices.Equal(got, []int{1, 4}) {
		t.Fatalf("ran %v, want 1 then only the last asked for, 4", got)
	}
	if len(failures) != 1 || failures[0].Error() != "disk full" {
		t.Fatalf("failures %v, want the one", failures)
	}
	// The failure's uiDo, run later, reports nothing more.
	waitLoads(&Shell{lib: &library{}})
	w.flush()
	if len(failures) != 1 {
		t.Fatalf("the failure was reported %d times", len(failures))
	}
}

// Opening packs, switching theme and showing the library never wait for a
// settings or shelf write: a write that takes for ever (a network home
// folder that hangs) holds up only its saver, and the files end up with
// the last state once it returns.
func TestSlowWritesDoNotBlockTheWindow(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	stuck, shelfWrites := false, 0
	wait := func() {
		select {
		case <-release:
		case <-time.After(5 * time.Second):
			mu.Lock()
			stuck = true
			mu.Unlock()
		}
	}
	oldSet, oldShelf := writeSettings, writeShelf
	t.Cleanup(func() { writeSettings, writeShelf = oldSet, oldShelf })
	writeSettings = func(path string, s settings.Settings) error { wait(); return oldSet(path, s) }
	writeShelf = func(path string, s shelf.Shelf) error {
		mu.Lock()
		shelfWrites++
		mu.Unlock()
		wait()
		return oldShelf(path, s)
	}

	s, _, path := libraryShell(t)
	start := time.Now()
	s.OpenPath(examplePack(t))
	waitLoads(s)
	s.SetTheme(settings.ThemeDark)
	s.ShowLibrary()
	waitLoads(s)
	s.leaveLibrary()
	s.openBundled()
	waitLoads(s)
	took := time.Since(start)
	mu.Lock()
	if stuck {
		t.Fatalf("the window waited for a write (%v)", took)
	}
	mu.Unlock()
	close(release)
	s.SaveSettings() // waits, as at quit
	mu.Lock()
	n := shelfWrites
	mu.Unlock()
	if n > 3 {
		t.Fatalf("%d shelf writes: the saves asked for while one ran were not folded into one", n)
	}
	sh, _, notice := shelf.Load(shelf.Path(path))
	if notice != "" || sh.Find("folder:"+examplePack(t)) < 0 {
		t.Fatalf("the shelf file lacks the pack opened: %q %+v", notice, sh.Entries)
	}
	set, _ := settings.Load(path)
	if set.For("example-stretching").Theme != settings.ThemeDark {
		t.Fatalf("the settings file lacks the theme set: %+v", set.Packs)
	}
}
