package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/cli"
)

// The screenshot command follows nothing: it returns with no live-preview
// watcher or loader left running (they were started for a pack folder and
// never stopped).
func TestScreenshotLeavesNothingRunning(t *testing.T) {
	dir := copyPack(t, "../testdata/example-pack")
	out := filepath.Join(t.TempDir(), "shot.png")
	l := cli.LoadPath(dir, time.Now())
	if l.Diags.HasErrors() {
		t.Fatalf("example pack: %v", l.Diags)
	}
	before := runningStacks()
	if err := Screenshot(l, cli.ScreenshotOptions{View: "article", Theme: "light", Width: 400, Height: 300, Out: out, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot: %v", err)
	}
	after := runningStacks()
	// Counted, not looked for: other tests' windows may still follow
	// their packs.
	for _, left := range []string{"(*previewer).run", "evidence-reader/internal/watch."} {
		if n, m := strings.Count(before, left), strings.Count(after, left); m > n {
			t.Errorf("%d more goroutines in %s after Screenshot returned", m-n, left)
		}
	}
}

// runningStacks are every goroutine's stack.
func runningStacks() string {
	buf := make([]byte, 4<<20)
	return string(buf[:runtime.Stack(buf, true)])
}
