// Package watch follows a pack folder on disk for live preview: it watches
// the folder with fsnotify and calls back once per burst of saves, so that
// an editor's write-rename-chmod is one reload and hundreds of saves in a
// row are a few. It reports the folder going away (deleted, or renamed by
// a file manager or a version-control checkout) and, by watching the
// parent folder, its coming back.
//
// The package is Fyne-free. Callbacks run on the watcher's own goroutine,
// one at a time; a user interface hands them to its UI goroutine (with
// fyne.Do) and returns.
package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Kind says what happened.
type Kind int

const (
	// Changed: files in the folder changed; reload the pack.
	Changed Kind = iota
	// Gone: the folder was deleted or renamed away. Nothing more is
	// reported until it is back.
	Gone
	// Back: the folder is there again (renamed back, or made anew); reload.
	Back
)

func (k Kind) String() string {
	switch k {
	case Changed:
		return "changed"
	case Gone:
		return "gone"
	default:
		return "back"
	}
}

// Event is one callback.
type Event struct {
	Kind Kind
	// Files are the names of the files that changed in the burst (names
	// inside the folder), sorted. It is empty for Gone and Back, and may be
	// empty for Changed when events were lost (Err says so).
	Files []string
	// Err is set when the system lost events (its queue overflowed) or
	// reported another problem; the burst's reload is still due.
	Err error
}

// Options tune a Watcher; the zero value is the default.
type Options struct {
	// Quiet is how long the folder must be still before a burst is
	// reported. Default 150 ms: editors finish a save within a few.
	Quiet time.Duration
	// MaxDelay bounds how long a stream of changes can hold a report back,
	// so a long run of saves still shows now and then. Default 1 s.
	MaxDelay time.Duration
	// Relevant reports whether a change to the named file (a name inside
	// the folder) matters. Default: Relevant.
	Relevant func(name string) bool
}

// Relevant is the default filter: pack files (.md, .toml and .json), and
// not editors' temporary and backup files (hidden files, "name~", "#name#", vim's swap files and the
// "4913" file vim writes to test a folder).
func Relevant(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") || name == "4913" {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".toml", ".json":
		return true
	}
	return false
}

// Watcher watches one pack folder.
type Watcher struct {
	dir, parent string
	fn          func(Event)
	opt         Options
	fsw         *fsnotify.Watcher

	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error
}

// New starts watching the folder dir and calls fn after each burst of
// changes, until Close. The folder must exist. Its parent folder is
// watched too, when that is allowed, to see the folder come back after it
// was renamed away or deleted.
func New(dir string, fn func(Event), opt Options) (*Watcher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	if opt.Quiet <= 0 {
		opt.Quiet = 150 * time.Millisecond
	}
	if opt.MaxDelay <= 0 {
		opt.MaxDelay = time.Second
	}
	opt.MaxDelay = max(opt.MaxDelay, opt.Quiet)
	if opt.Relevant == nil {
		opt.Relevant = Relevant
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	if err := fsw.Add(abs); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	w := &Watcher{
		dir: abs, parent: filepath.Dir(abs), fn: fn, opt: opt, fsw: fsw,
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	if w.parent != abs {
		// Best effort: without it, a folder that comes back is not seen.
		_ = fsw.Add(w.parent)
	}
	go w.loop()
	return w, nil
}

// Close stops the watcher and waits for its goroutine to finish: no
// callback runs after Close returns. It must not be called from inside a
// callback, which Close would wait for. Calling it again does nothing.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.stop)
		w.closeErr = w.fsw.Close()
		<-w.done
	})
	return w.closeErr
}

// burst collects the changes not yet reported.
type burst struct {
	files map[string]bool
	err   error
	// first is when the burst's first change came.
	first time.Time
	timer *time.Timer
}

func (b *burst) pending() bool { return b.timer != nil }

// add records a change and (re)arms the timer: the report is due when the
// folder has been quiet for Quiet, and no later than MaxDelay after the
// burst began.
func (b *burst) add(name string, err error, opt Options) {
	now := time.Now()
	if b.files == nil {
		b.files = map[string]bool{}
	}
	if name != "" {
		b.files[name] = true
	}
	if err != nil {
		b.err = errors.Join(b.err, err)
	}
	if b.timer == nil {
		b.first = now
		b.timer = time.NewTimer(opt.Quiet)
		return
	}
	wait := min(opt.Quiet, opt.MaxDelay-now.Sub(b.first))
	b.timer.Reset(max(wait, 0))
}

// take ends the burst and returns its event.
func (b *burst) take() Event {
	e := Event{Kind: Changed, Err: b.err}
	for f := range b.files {
		e.Files = append(e.Files, f)
	}
	slices.Sort(e.Files)
	b.reset()
	return e
}

func (b *burst) reset() {
	if b.timer != nil {
		b.timer.Stop()
	}
	*b = burst{}
}

func (w *Watcher) loop() {
	defer close(w.done)
	var b burst
	defer b.reset()
	gone := false
	for {
		var due <-chan time.Time
		if b.pending() {
			due = b.timer.C
		}
		select {
		case <-w.stop:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			name := filepath.Clean(ev.Name)
			switch {
			case name == w.dir:
				// The folder itself: removed, renamed away, or (seen from
				// the parent) created or renamed back.
				gone = w.checkFolder(ev.Op, gone, &b)
			case gone:
				// Left over from the old folder's watch.
			case filepath.Dir(name) == w.dir:
				base := filepath.Base(name)
				// A change of mode alone changes no text.
				if ev.Op != fsnotify.Chmod && w.opt.Relevant(base) {
					b.add(base, nil, w.opt)
				}
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if !gone {
				b.add("", err, w.opt)
			}
		case <-due:
			w.call(b.take())
		}
		select {
		case <-w.stop:
			return
		default:
		}
	}
}

// checkFolder compares the folder's state with what was last reported and
// reports the difference; it returns whether the folder is gone.
func (w *Watcher) checkFolder(op fsnotify.Op, gone bool, b *burst) bool {
	st, err := os.Stat(w.dir)
	there := err == nil && st.IsDir()
	switch {
	case !there && !gone:
		b.reset()
		_ = w.fsw.Remove(w.dir)
		w.call(Event{Kind: Gone})
		return true
	case there && gone:
		if err := w.fsw.Add(w.dir); err != nil {
			// Not watchable yet (still being made?): stay gone; the next
			// event in the parent folder tries again.
			return true
		}
		w.call(Event{Kind: Back})
		return false
	case there && op.Has(fsnotify.Create|fsnotify.Remove|fsnotify.Rename):
		// Replaced while watched (renamed away and another put in its
		// place at once): the old watch followed the old folder, so watch
		// the path again and reload.
		_ = w.fsw.Remove(w.dir)
		if err := w.fsw.Add(w.dir); err != nil {
			w.call(Event{Kind: Gone})
			return true
		}
		b.add("", nil, w.opt)
	}
	return gone
}

func (w *Watcher) call(e Event) {
	select {
	case <-w.stop:
		// Closing: no more callbacks.
	default:
		w.fn(e)
	}
}
