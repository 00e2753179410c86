package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// TestErrorViewWithManyMessages: a pack with 80,000 messages (16,000
// studies of two keys each give as many) left the window blank for 30 s
// and more while a label was laid out for each. The view lays out the first
// maxListedDiagnostics, errors first, says how many more there are, and
// still copies every one.
func TestErrorViewWithManyMessages(t *testing.T) {
	a := test.NewTempApp(t)
	const n = 80000
	diags := make(pack.Diagnostics, 0, n+1)
	for i := range n {
		diags = append(diags, pack.Diagnostic{File: pack.FileStudies, Line: i + 1, Col: 1, Severity: pack.Warning, Message: fmt.Sprintf("warning number %d", i)})
	}
	diags = append(diags, pack.Diagnostic{File: pack.FileStudies, Line: n + 1, Col: 1, Severity: pack.Error, Message: "the blocking error"})
	start := time.Now()
	v := NewErrorView(cli.Loaded{Dir: "broken", Diags: diags}, nil, nil)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(800, 600))
	elapsed := time.Since(start)
	text := textOf(v)
	if !strings.Contains(text, "studies.toml:80001:1: error: the blocking error") {
		t.Errorf("the error is not listed")
	}
	if got := strings.Count(text, "warning number "); got != maxListedDiagnostics-1 {
		t.Errorf("%d warnings laid out, want %d (the error and %d warnings)", got, maxListedDiagnostics-1, maxListedDiagnostics-1)
	}
	if want := fmt.Sprintf("…and %d more, not listed here (%d in all)", n+1-maxListedDiagnostics, n+1); !strings.Contains(text, want) {
		t.Errorf("no %q line", want)
	}
	test.Tap(findButton(t, v, "Copy all messages"))
	if got := strings.Count(a.Clipboard().Content(), "\n"); got != n+1 {
		t.Errorf("copied %d messages, want %d", got, n+1)
	}
	if elapsed > 5*time.Second { // about 0.25 s; -race makes it slower
		t.Errorf("the error view took %v to build and lay out", elapsed)
	}
	t.Logf("built and laid out in %v", elapsed)
}
