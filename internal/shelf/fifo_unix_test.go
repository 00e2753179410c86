//go:build unix

package shelf

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// withinSeconds runs f and fails the test if it has not returned after a
// few seconds; on a time-out fifo gets a writer, so f can end.
func withinSeconds(t *testing.T, fifo string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		<-done
		t.Fatalf("still opening the named pipe %s after 5 s", fifo)
	}
}

// Add to library refuses a named pipe without opening it (the open used
// to block for ever), and a pipe in the library folder under the copy's
// name is passed over.
func TestCopyIntoNeverOpensANamedPipe(t *testing.T) {
	src := filepath.Join(t.TempDir(), "pipe.evpack")
	if err := syscall.Mkfifo(src, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	lib := t.TempDir()
	var err error
	withinSeconds(t, src, func() { _, err = CopyInto(lib, src) })
	if err == nil || !strings.Contains(err.Error(), "is a named pipe (FIFO), not a pack file") {
		t.Fatalf("copying a named pipe: %v", err)
	}

	good := filepath.Join(t.TempDir(), "mine.evpack")
	if err := os.WriteFile(good, []byte("PK pack bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	taken := filepath.Join(lib, "mine.evpack")
	if err := syscall.Mkfifo(taken, 0o644); err != nil {
		t.Fatal(err)
	}
	var dst string
	withinSeconds(t, taken, func() { dst, err = CopyInto(lib, good) })
	if err != nil || filepath.Base(dst) != "mine-2.evpack" {
		t.Fatalf("copy beside a named pipe: %q, %v", dst, err)
	}
}
