package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/topicwords"
	"github.com/evidence-reader/evidence-reader/ui/reader"
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

// labelsOf is every screen-reader label under root, reached or not by
// Fyne's walk: what the custom widgets would say.
func labelsOf(root fyne.CanvasObject) []string {
	var out []string
	walk(root, func(o fyne.CanvasObject) bool {
		if a, ok := o.(fyne.Accessible); ok && a.AccessibilityRole() != fyne.AccessibleRoleContainer {
			if l := a.AccessibilityLabel(); l != "" {
				out = append(out, l)
			}
		}
		return true
	})
	return out
}

// TestScreenReaderLabelsOnAnotherQuestion: on the pack about injuries,
// what the custom widgets tell a screen reader comes from that pack: the
// table's cells and group headers in its outcome types and field names,
// each record's lights in its own tool's domains and levels, and none of
// the bundled pack's topic words anywhere.
func TestScreenReaderLabelsOnAnotherQuestion(t *testing.T) {
	s, w := markupStretching(t)
	w.Resize(fyne.NewSize(3200, 2000))
	p := s.Loaded.Pack
	var all []string
	seen := func(what string, o fyne.CanvasObject) {
		ls := labelsOf(o)
		if len(ls) == 0 {
			t.Errorf("%s: no screen-reader labels", what)
		}
		for _, l := range ls {
			if found := topicwords.Find(l); len(found) > 0 {
				t.Errorf("%s is read as %q: topic words of another pack %q", what, l, found)
			}
		}
		all = append(all, ls...)
	}
	for _, name := range []string{reader.ViewArticle, reader.ViewStudies, reader.ViewLimitations, reader.ViewGuidance, reader.ViewReferences} {
		s.GoView(name)
		seen("view "+name, w.Content())
	}
	for _, st := range p.Studies {
		s.Go(reader.Location{View: reader.ViewStudies, Block: -1, Study: st.ID})
		seen("the record of "+st.ID, w.Content())
	}
	text := strings.Join(all, "\n")
	v := p.Vocab()
	for _, want := range []string{
		v.Outcome("acute-response").Label + ": 1 study",          // a group header
		"Outcome type: " + v.Outcome("acute-response").Label,     // a cell
		v.MeasureLabel() + ": ",                                  // the pack's field name
		"Domain D1 (confounding): serious risk — ",               // ROBINS-I
		"Item Q4 (comprehensive literature search): partial yes", // AMSTAR 2
		"Overall confidence: low confidence",
		"Domain D4 (measurement of the outcome): high risk — ", // RoB 2
		"Compare Specimen 2003: not ticked",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("nothing is read as %q", want)
		}
	}
	if strings.Contains(text, "Domain 1 ") {
		t.Errorf("lights numbered the old way:\n%s", text)
	}
}

// TestLibraryScreenReaderView: the library page's icon-only back button
// is read by what it does, and nothing on the page by an icon's file name.
func TestLibraryScreenReaderView(t *testing.T) {
	s, w, _ := libraryShell(t)
	typeShortcut(w, ctrl(fyne.KeyL))
	if !s.LibraryShowing() {
		t.Fatal("Ctrl+L did not show the library")
	}
	got := widgets.Exposed(w.Content())
	back := false
	for _, a := range got {
		if a.Label == "Back to the open pack" && a.Role == fyne.AccessibleRoleButton {
			back = true
		}
		if strings.HasSuffix(a.Label, ".svg") || a.Label == "" {
			t.Errorf("the library page reads %q (%s)", a.Label, a.Role)
		}
	}
	if !back {
		t.Errorf("no \"Back to the open pack\" button is read: %v", got)
	}
}
