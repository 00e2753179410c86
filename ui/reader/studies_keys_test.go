package reader

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// studiesInWindow opens the bundled pack's studies view on its own in a
// window of the shell's default size. The shell's part (its Tab stops, F1
// from the focused table) is tested in package ui.
func studiesInWindow(t *testing.T) (*StudiesView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	v := NewStudiesView(bundledPack(t), &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(1100, 750))
	return v, w
}

// press sends a key to whatever has the keyboard focus.
func press(t *testing.T, w fyne.Window, k fyne.KeyName) {
	t.Helper()
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatalf("key %s: nothing has the focus", k)
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
}

// tabTo presses Tab until want reports true for the focused object and
// returns what Tab passed through on the way.
func tabTo(t *testing.T, w fyne.Window, want func(fyne.Focusable) bool) []fyne.Focusable {
	t.Helper()
	var seen []fyne.Focusable
	for range 40 {
		w.Canvas().FocusNext()
		f := w.Canvas().Focused()
		if want(f) {
			return seen
		}
		seen = append(seen, f)
	}
	t.Fatalf("40 Tabs never reached the wanted control; passed %d stops", len(seen))
	return nil
}

func cursorStudy(v *StudiesView) string {
	if s := v.rowStudy(v.table.cursor.Row); s != nil {
		return s.ID
	}
	return ""
}

func TestStudiesTabOrderReachesTableWithoutCellStops(t *testing.T) {
	v, w := studiesInWindow(t)
	seen := tabTo(t, w, func(f fyne.Focusable) bool { return f == v.table })
	// The filter and Compare, in reading order; no stop per row or header.
	if len(seen) != 2 || seen[0] != v.onlyCited || seen[1] != v.compare {
		t.Errorf("the stops before the table are not just the filter then Compare (reading order): %v", seen)
	}
	// Focus lands on a study row, never on a group divider.
	if cursorStudy(v) == "" {
		t.Errorf("focus put the highlight on row %d, a divider", v.table.cursor.Row)
	}
	// The keyboard cell is outlined while the table has the focus.
	c := newCell()
	v.updateCell(v.table.cursor, c)
	if !c.ring.Visible() {
		t.Error("the keyboard cell has no outline")
	}
	// The outline shows on the focused row's fill in both variants.
	for _, mode := range []string{settings.ThemeLight, settings.ThemeDark} {
		th := widgets.NewReaderTheme(mode, 1)
		fyne.CurrentApp().Settings().SetTheme(th)
		v.updateCell(v.table.cursor, c)
		bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
		fill := widgets.Over(color.NRGBAModel.Convert(c.bg.FillColor).(color.NRGBA), bg)
		if r := widgets.Contrast(c.ring.StrokeColor, fill); r < 3 {
			t.Errorf("%s: the outline %v on the focused row %v is %.2f:1, want 3:1", mode, c.ring.StrokeColor, fill, r)
		}
	}
	w.Canvas().FocusNext()
	v.updateCell(v.table.cursor, c)
	if c.ring.Visible() {
		t.Error("the outline stays after the table lost the focus")
	}
}

func TestStudiesTableArrowsSkipDividersAndEnterOpens(t *testing.T) {
	v, w := studiesInWindow(t)
	tabTo(t, w, func(f fyne.Focusable) bool { return f == v.table })
	rows := v.tbl.Rows()
	if !rows[0].Header || !rows[2].Header {
		t.Fatalf("bundled pack rows: want dividers at 0 and 2, got %+v %+v", rows[0], rows[2])
	}
	first, second := rows[1].Study.ID, rows[3].Study.ID
	if got := cursorStudy(v); got != first {
		t.Fatalf("highlight starts on %q, want %q", got, first)
	}
	press(t, w, fyne.KeyDown)
	if got := cursorStudy(v); got != second || v.table.cursor.Row != 3 {
		t.Fatalf("Down went to row %d (%q), want row 3 (%q) past the divider", v.table.cursor.Row, got, second)
	}
	press(t, w, fyne.KeyUp)
	press(t, w, fyne.KeyUp)
	if got := cursorStudy(v); got != first {
		t.Errorf("Up twice from row 3 is on %q, want it to stop at %q", got, first)
	}
	press(t, w, fyne.KeyEnd)
	last := rows[len(rows)-1].Study.ID
	if got := cursorStudy(v); got != last {
		t.Errorf("End went to %q, want %q", got, last)
	}
	press(t, w, fyne.KeyReturn)
	if v.Current() != last {
		t.Errorf("Enter opened %q, want %q", v.Current(), last)
	}
	press(t, w, fyne.KeyHome)
	press(t, w, fyne.KeySpace)
	if v.Current() != first {
		t.Errorf("Space opened %q, want %q", v.Current(), first)
	}
	if w.Canvas().Focused() != v.table {
		t.Error("opening a record took the focus away from the table")
	}
}

func TestStudiesKeyboardTicksSortsFiltersAndCompares(t *testing.T) {
	v, w := studiesInWindow(t)
	tabTo(t, w, func(f fyne.Focusable) bool { return f == v.table })
	a := cursorStudy(v)
	test.Type(v.table, "t")
	if !v.checked[a] {
		t.Fatalf("T did not tick %q", a)
	}
	// Space in the Compare column ticks instead of opening.
	press(t, w, fyne.KeyLeft)
	if v.table.cursor.Col != 0 {
		t.Fatalf("Left went to column %d, want the Compare column", v.table.cursor.Col)
	}
	press(t, w, fyne.KeyDown)
	b := cursorStudy(v)
	press(t, w, fyne.KeySpace)
	if !v.checked[b] || v.Current() == b {
		t.Fatalf("Space on the tick column: ticked %v, opened %q", v.checked[b], v.Current())
	}
	if v.compare.Importance != widget.HighImportance {
		t.Fatal("Compare does not stand out with two ticked")
	}

	// S sorts by the highlighted column; the highlight stays on its study.
	press(t, w, fyne.KeyRight)
	press(t, w, fyne.KeyRight) // Design
	test.Type(v.table, "s")
	if c, desc := v.tbl.SortState(); c != studytable.ColDesign || desc {
		t.Fatalf("S on Design: sort %v desc %v", c, desc)
	}
	if got := cursorStudy(v); got != b {
		t.Errorf("after sorting the highlight is on %q, want %q", got, b)
	}
	test.Type(v.table, "S")
	if _, desc := v.tbl.SortState(); !desc {
		t.Error("a second S did not reverse the sort")
	}

	// Shift+Tab back to the filter and turn it on with Space.
	for range 5 {
		w.Canvas().FocusPrevious()
		if w.Canvas().Focused() == v.onlyCited {
			break
		}
	}
	if w.Canvas().Focused() != v.onlyCited {
		t.Fatal("Shift+Tab from the table did not reach the filter")
	}
	test.Type(v.onlyCited, " ")
	if !v.onlyCited.Checked || !v.tbl.OnlyCited() {
		t.Fatal("Space on the focused filter did not turn it on")
	}

	// Tab on to the Compare button and press it.
	w.Canvas().FocusNext()
	if w.Canvas().Focused() != v.compare {
		t.Fatalf("Tab after the filter focused %T, want the Compare button", w.Canvas().Focused())
	}
	press(t, w, fyne.KeySpace)
	if v.lastCompare == nil || len(v.lastCompare.studies) != 2 {
		t.Fatal("Space on Compare did not open the comparison of the two ticked studies")
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textOf(top), "Compare studies") {
		t.Fatal("no comparison dialog on screen")
	}
	// Tab stays inside the dialog and reaches Close; Space closes it.
	closed := false
	for range 6 {
		w.Canvas().FocusNext()
		if b, ok := w.Canvas().Focused().(*widgets.EscButton); ok && b.Text == "Close" {
			press(t, w, fyne.KeySpace)
			closed = w.Canvas().Overlays().Top() == nil
			break
		}
	}
	if !closed {
		t.Error("the comparison could not be closed from the keyboard")
	}
}

func TestStudiesTableCOpensCompareAndPassesF1On(t *testing.T) {
	v, w := studiesInWindow(t)
	tabTo(t, w, func(f fyne.Focusable) bool { return f == v.table })
	test.Type(v.table, "t")
	press(t, w, fyne.KeyDown)
	test.Type(v.table, "tc")
	if v.lastCompare == nil || len(v.lastCompare.studies) != 2 {
		t.Fatal("C in the table did not open the comparison")
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	w.Canvas().Focus(v.table)
	// F1 works with the table focused: the table passes it on to the
	// window's key handler, where the shell shows its shortcuts (package
	// ui tests that part).
	var passed []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { passed = append(passed, ev.Name) })
	press(t, w, fyne.KeyF1)
	if len(passed) != 1 || passed[0] != fyne.KeyF1 {
		t.Fatalf("F1 in the table reached the window's key handler as %v, want [F1]", passed)
	}
}

func TestStudiesTablePageKeys(t *testing.T) {
	v, w := studiesInWindow(t)
	tabTo(t, w, func(f fyne.Focusable) bool { return f == v.table })
	studies := v.tbl.Studies()
	press(t, w, fyne.KeyPageDown)
	// Five studies on from the first, whatever dividers lie between.
	if got := cursorStudy(v); got != studies[5].ID {
		t.Errorf("PgDn went to %q, want %q", got, studies[5].ID)
	}
	press(t, w, fyne.KeyPageUp)
	if got := cursorStudy(v); got != studies[0].ID {
		t.Errorf("PgUp went to %q, want %q", got, studies[0].ID)
	}
}
