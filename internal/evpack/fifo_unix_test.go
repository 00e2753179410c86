//go:build unix

package evpack

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe dir/name.
func mkfifo(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	return p
}

// within runs open and fails the test if it has not returned after a few
// seconds: opening a named pipe for reading blocks until a writer comes.
// On a time-out the pipe gets a writer, so the stuck goroutine ends.
func within(t *testing.T, fifo string, open func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- open() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		<-done
		t.Fatalf("still opening the named pipe %s after 5 s", fifo)
		return nil
	}
}

// A named pipe named like a pack file is refused by its kind, without
// being opened (it used to block for ever), and so is a link to one.
func TestOpenRefusesANamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := mkfifo(t, dir, "pipe.evpack")
	link := filepath.Join(dir, "link.evpack")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, link} {
		err := within(t, fifo, func() error { _, err := Open(p); return err })
		if err == nil || !strings.Contains(err.Error(), "is a named pipe (FIFO), not a pack file") || !strings.Contains(err.Error(), filepath.Base(p)) {
			t.Errorf("Open(%s) = %v", p, err)
		}
	}
}
