package ui

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/cli"
)

func TestF5PresentsFromTheShell(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	l := cli.LoadBundled(time.Now())
	s := NewShell(a, w, l, cli.OpenOptions{}, filepath.Join(t.TempDir(), "settings.json"))
	t.Cleanup(s.flushSaves)
	found := false
	for _, it := range w.MainMenu().Items[1].Items {
		if it.Label == "Present" {
			found = true
		}
	}
	if !found {
		t.Fatal("View menu has no Present item")
	}
	before := len(a.Driver().AllWindows())
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5}) // plain keys are typed keys in the shell
	pr := presenting[s]
	if pr == nil || len(a.Driver().AllWindows()) != before+2 {
		t.Fatalf("F5: presentation %v, windows %d (was %d)", pr, len(a.Driver().AllWindows()), before)
	}
	s.Present() // a second F5 does not open a second presentation
	if len(a.Driver().AllWindows()) != before+2 {
		t.Fatalf("second F5 opened more windows: %d", len(a.Driver().AllWindows()))
	}
	pr.Key(fyne.KeyEscape)
	if presenting[s] != nil || len(a.Driver().AllWindows()) != before {
		t.Fatalf("Esc: still presenting or windows left (%d)", len(a.Driver().AllWindows()))
	}
}
