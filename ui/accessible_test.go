package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// TestReaderWindowScreenReaderView pins what Fyne 2.8.1 hands a screen
// reader for the reader window (the README's accessibility section says
// the same): the pack title and the toolbar buttons, each by what it
// does. The views sit inside widgets (tabs, scrollers, the table), which
// Fyne's walk does not enter, so their own labels are not reached yet.
func TestReaderWindowScreenReaderView(t *testing.T) {
	_, w := newTestShell(t, t.TempDir()+"/settings.json")
	got := widgets.Exposed(w.Content())
	want := []widgets.Accessible{
		{Label: "Can you spot reduce fat?", Role: fyne.AccessibleRoleText},
		{Label: "Back", Role: fyne.AccessibleRoleButton},
		{Label: "Forward", Role: fyne.AccessibleRoleButton},
		{Label: "Search", Role: fyne.AccessibleRoleButton},
		{Label: "About", Role: fyne.AccessibleRoleButton},
	}
	if len(got) != len(want) {
		t.Fatalf("exposed %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("exposed[%d] = %v, want %v", i, got[i], want[i])
		}
		if strings.HasSuffix(got[i].Label, ".svg") {
			t.Errorf("%q is read by its icon's file name", got[i].Label)
		}
	}
}
