package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/cli"
)

func TestWriteHandout(t *testing.T) {
	p := cli.LoadBundled(time.Now()).Pack
	html, err := WriteHandout(p, "x.HTML")
	if err != nil || !strings.Contains(strings.ToLower(string(html)), "<html") {
		t.Fatalf("HTML handout: err %v, %d bytes", err, len(html))
	}
	md, err := WriteHandout(p, "x.md")
	if err != nil || strings.Contains(strings.ToLower(string(md)), "<html") || len(md) == 0 {
		t.Fatalf("Markdown handout: err %v, %d bytes", err, len(md))
	}
}

// Ctrl+E shows the save dialog (it used to panic: Fyne 2.8.1's
// FileDialog.Resize before Show dereferences the dialog it has not made).
func TestExportHandoutShowsTheSaveDialog(t *testing.T) {
	s, w := newTestShell(t, "")
	typeShortcut(w, ctrl(fyne.KeyE))
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textOf(top), "spot-reduction-handout.html") {
		t.Fatal("Ctrl+E did not show the save dialog with the handout's name")
	}
	_ = s
}
