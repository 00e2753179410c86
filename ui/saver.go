package ui

import (
	"sync"

	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/internal/shelf"
)

// The writes the savers run (tests slow them down).
var (
	writeSettings = settings.Save
	writeShelf    = shelf.Save
)

// saver writes one file (the settings, the shelf) on a goroutine of its
// own, so the UI goroutine never waits for a disk, or a network home
// folder, to fsync. Saves are serialised, and the last one asked for wins:
// one asked for while another runs replaces any still waiting, which is
// never begun. The UI goroutine asks (save) and waits (flush: at quit,
// and whenever the caller must know the file is written); a failure is
// handed to failed on the UI goroutine, once per failed write, either by
// uiDo or by the flush that sees it first.
type saver struct {
	mu sync.Mutex
	// failed is called with a write's error, on the UI goroutine.
	failed  func(error)
	next    func() error // the newest save not yet begun
	running bool
	idle    chan struct{} // closed when the running goroutine ends
	errs    []error       // failures not yet reported
}

// save asks for write to run after the save running now, if any, in
// place of any waiting; failed is told if it fails. UI goroutine.
func (w *saver) save(write func() error, failed func(error)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.failed = failed
	w.next = write
	if w.running {
		return
	}
	w.running = true
	w.idle = make(chan struct{})
	go w.run(w.idle)
}

func (w *saver) run(idle chan struct{}) {
	defer close(idle)
	for {
		w.mu.Lock()
		write := w.next
		w.next = nil
		if write == nil {
			w.running = false
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
		if err := write(); err != nil {
			w.mu.Lock()
			w.errs = append(w.errs, err)
			w.mu.Unlock()
			uiDo(w.report)
		}
	}
}

// flush waits until every save asked for is written, and reports what
// failed. UI goroutine.
func (w *saver) flush() {
	w.mu.Lock()
	idle := w.idle
	w.mu.Unlock()
	if idle != nil {
		<-idle
	}
	w.report()
}

// report hands the failures not yet reported to failed. UI goroutine.
func (w *saver) report() {
	w.mu.Lock()
	errs, failed := w.errs, w.failed
	w.errs = nil
	w.mu.Unlock()
	for _, err := range errs {
		if failed != nil {
			failed(err)
		}
	}
}

// flushSaves waits for the settings and the shelf to be written. UI
// goroutine.
func (s *Shell) flushSaves() {
	s.setSaves.flush()
	s.lib.saves.flush()
}
