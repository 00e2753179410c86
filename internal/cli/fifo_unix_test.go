//go:build unix

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe given as a pack (on the command line, dropped, from the
// shelf) is refused by its kind, whatever its name, and never opened: the
// open used to block for ever.
func TestLoadPathRefusesANamedPipe(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"pipe.evpack", "pipe"} {
		fifo := filepath.Join(dir, name)
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
		done := make(chan Loaded, 1)
		go func() { done <- LoadPath(fifo, time.Now()) }()
		var l Loaded
		select {
		case l = <-done:
		case <-time.After(5 * time.Second):
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			<-done
			t.Fatalf("LoadPath(%s) still running after 5 s", name)
		}
		if !l.Diags.HasErrors() || !strings.Contains(fmt.Sprint(l.Diags), "is a named pipe (FIFO), not a pack file") {
			t.Errorf("LoadPath(%s): %v", name, l.Diags)
		}
	}
}

// mkfifo makes a named pipe at path (fifo_other_test.go: none elsewhere).
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
