package reader

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// StudiesView is the comparison table of every study in the pack, with the
// selected study's full record below it.
type StudiesView struct {
	p   *pack.Pack
	nav Navigator
	win fyne.Window
	// OpenURL opens a source's address; the shell sets it to its link policy.
	OpenURL URLOpener

	tbl   *studytable.Table
	vocab *pack.Vocabulary
	// cols are the data columns shown: a field the pack neither names nor
	// fills has none.
	cols      []studytable.Column
	table     *studyGrid
	onlyCited *widget.Check
	compare   *widget.Button
	count     *widget.Label
	detail    *container.Scroll
	split     *container.Split
	root      fyne.CanvasObject

	// checked holds the study ids ticked for comparison.
	checked  map[string]bool
	current  string
	flashing string
	// sizing hides the rows from the table while their heights are set:
	// Fyne refreshes the whole table for each height that changes.
	sizing bool
	// lastCompare is the comparison last opened, for tests.
	lastCompare *CompareGrid
	widths      [studytable.NumColumns + 1]float32
}

// Column 0 of the widget table is the compare tick; data columns follow.
const firstDataCol = 1

var columnCaps = [studytable.NumColumns]float32{190, 230, 130, 260, 150, 210, 210, 150, 150, 280}

// NewStudiesView builds the studies view over p's studies.
func NewStudiesView(p *pack.Pack, nav Navigator, win fyne.Window) *StudiesView {
	vocab := p.Vocab()
	v := &StudiesView{p: p, nav: nav, win: win, vocab: vocab, tbl: studytable.New(p.Studies, vocab), checked: map[string]bool{}}
	for c := studytable.ColStudy; c < studytable.NumColumns; c++ {
		if (c == studytable.ColControl && !vocab.ControlUsed()) || (c == studytable.ColMeasure && !vocab.MeasureUsed()) {
			continue
		}
		v.cols = append(v.cols, c)
	}
	v.onlyCited = widget.NewCheck("Only studies the article cites", func(on bool) {
		v.changeRows(func() { v.tbl.SetOnlyCited(on) })
	})
	// With every study cited the filter would hide nothing: it stays in
	// its place, greyed out.
	if !slices.ContainsFunc(p.Studies, func(s pack.Study) bool { return !s.Cited }) {
		v.onlyCited.Disable()
	}
	v.compare = widget.NewButtonWithIcon("Compare side by side", theme.ViewRestoreIcon(), v.ShowCompare)
	// The count gives way (truncates) before the filter or the button do,
	// so the bar never needs more width than those two.
	v.count = widget.NewLabel("")
	v.count.Alignment = fyne.TextAlignTrailing
	v.count.Truncation = fyne.TextTruncateEllipsis
	v.table = v.buildTable()

	v.detail = container.NewVScroll(v.emptyDetail())
	// Objects are listed in reading order, which is also the Tab order:
	// filter, Compare, table, then the record below.
	bar := container.New(&studiesBar{compare: v.compare, long: v.compare.Text, short: "Compare"}, v.onlyCited, v.count, v.compare)
	head := container.NewVBox(bar, v.legend())
	top := container.New(layout.NewBorderLayout(head, nil, nil, nil), head, v.table)
	v.split = container.NewVSplit(top, v.detail)
	// The table gets most of the height; the record below scrolls.
	v.split.Offset = 0.72
	v.root = v.split
	v.updateCompare()
	// Cells have fixed sizes; re-measure them when the text size or theme
	// changes so bigger text is never squeezed into a row too small for it.
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().AddListener(func(fyne.Settings) { v.resize() })
	}
	return v
}

// resize re-measures columns and rows for the current theme.
func (v *StudiesView) resize() {
	v.measureColumns()
	for i, w := range v.widths {
		v.table.SetColumnWidth(i, w)
	}
	v.applyRowHeights()
	v.table.Refresh()
}

// Object implements View.
func (v *StudiesView) Object() fyne.CanvasObject { return v.root }

// Position implements View.
func (v *StudiesView) Position() Location {
	return Location{View: ViewStudies, Block: -1, Study: v.current}
}

// Reveal implements View: selects the study, shows its record and, when
// asked, flashes its row.
func (v *StudiesView) Reveal(loc Location) {
	if loc.Study == "" {
		return
	}
	if _, ok := v.p.Study(loc.Study); !ok {
		return
	}
	row := v.tbl.IndexOf(loc.Study)
	if row < 0 && v.tbl.OnlyCited() {
		// The filter hides it: show everything rather than fail the jump.
		v.onlyCited.SetChecked(false)
		row = v.tbl.IndexOf(loc.Study)
	}
	if row < 0 {
		return
	}
	v.table.ScrollTo(widget.TableCellID{Row: row, Col: firstDataCol})
	v.showStudy(loc.Study)
	if loc.Highlight {
		v.flash(loc.Study)
		// A jump to a study (a search result, a study link) hands the
		// keyboard to the table, on that study's row, so its keys (T, C,
		// the arrows) act at once rather than after Tabs.
		v.table.highlight(v.table.cursor)
		if v.win != nil {
			v.win.Canvas().Focus(v.table)
		}
	}
}

// Current is the study whose record is shown, "" for none.
func (v *StudiesView) Current() string { return v.current }

// Table exposes the sort and filter state (for tests and the shell).
func (v *StudiesView) Table() *studytable.Table { return v.tbl }

// Columns are the data columns shown, in order (for tests).
func (v *StudiesView) Columns() []studytable.Column { return v.cols }

// column is the data column at widget column col; false for the tick
// column and beyond the last.
func (v *StudiesView) column(col int) (studytable.Column, bool) {
	i := col - firstDataCol
	if i < 0 || i >= len(v.cols) {
		return 0, false
	}
	return v.cols[i], true
}

// SetChecked ticks or unticks a study for comparison.
func (v *StudiesView) SetChecked(id string, on bool) {
	if on {
		v.checked[id] = true
	} else {
		delete(v.checked, id)
	}
	v.updateCompare()
	v.table.Refresh()
}

// Checked returns the ticked studies in table order.
func (v *StudiesView) Checked() []*pack.Study {
	var out []*pack.Study
	for _, s := range v.tbl.Studies() {
		if v.checked[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// SortBy is a click on a column header.
func (v *StudiesView) SortBy(c studytable.Column) {
	v.changeRows(func() { v.tbl.ToggleSort(c) })
}

// changeRows applies a sort or filter change and keeps the keyboard
// highlight on the same study where it is still shown.
func (v *StudiesView) changeRows(change func()) {
	var at string
	if s := v.rowStudy(v.table.cursor.Row); s != nil {
		at = s.ID
	}
	change()
	v.table.UnselectAll()
	v.applyRowHeights()
	v.updateCompare()
	cur := v.table.cursor
	cur.Row = -1
	if r := v.tbl.IndexOf(at); at != "" && r >= 0 {
		cur.Row = r
	} else if r := v.tbl.IndexOf(v.current); v.current != "" && r >= 0 {
		cur.Row = r
	}
	if cur.Row < 0 {
		// Its study is filtered out: start again at the top.
		cur.Row = 0
		v.table.cursor = cur
		v.moveCursor(0, 1)
	} else {
		v.table.highlight(cur)
	}
	v.table.Refresh()
}

func (v *StudiesView) updateCompare() {
	n := len(v.Checked())
	shown := len(v.tbl.Studies())
	v.count.SetText(fmt.Sprintf("%s shown · %s ticked", v.vocab.Count(shown), v.vocab.Count(n)))
	// Always enabled: a disabled button is hard to read (in the dark theme
	// especially) and is no Tab stop; with fewer than two ticked it says
	// what to do. It stands out once there is something to compare.
	imp := widget.MediumImportance
	if n >= 2 {
		imp = widget.HighImportance
	}
	if v.compare.Importance != imp {
		v.compare.Importance = imp
		v.compare.Refresh()
	}
}

func (v *StudiesView) legend() fyne.CanvasObject {
	// Each chip and its words wrap as one, so a narrow window never
	// leaves a chip at the end of one row and its meaning on the next.
	entry := func(o pack.OutcomeType) fyne.CanvasObject {
		c := container.NewCenter(chip(o.Label, outcomeTint(v.vocab, o.Key)))
		if o.Legend == "" {
			return c
		}
		// The words lose the label's own vertical padding, so a row is as
		// tall as its chip and three rows leave a small window its table.
		words := container.New(layout.NewCustomPaddedLayout(-theme.InnerPadding()/2, -theme.InnerPadding()/2, 0, 0), quietLabel(o.Legend))
		return container.NewHBox(c, words)
	}
	// Only the outcome types the pack's studies use get an entry.
	used := map[string]bool{}
	for _, st := range v.p.Studies {
		used[st.Outcome] = true
	}
	row := container.New(widgets.NewFlowLayout())
	for _, o := range v.vocab.Outcomes() {
		if used[o.Key] {
			row.Add(entry(o))
		}
	}
	return row
}

func (v *StudiesView) emptyDetail() fyne.CanvasObject {
	return container.NewPadded(hintLabel("Select a study to see its full record: results, limitations, risk of bias, discrepancies, sources and where the article cites it. Tick two or more studies to compare them side by side."))
}

// cell is one reusable table cell: a row background, a compare tick, a
// text label, and a chip for the outcome and verdict columns.
type cell struct {
	widget.BaseWidget
	bg *canvas.Rectangle
	// ring outlines the keyboard cell while the table has focus.
	ring  *canvas.Rectangle
	tick  *tickBox
	label *widget.Label
	chip  *fyne.Container
	chipL *widget.Label
	chipB *canvas.Rectangle
	// a11y and role are what a screen reader is told, set with the content.
	a11y string
	role fyne.AccessibleRole
}

// AccessibilityLabel implements fyne.Accessible: the column's title and
// the value, both in the pack's words ("Outcome: " and the outcome type's
// label), or a group header's outcome type and how many studies it holds.
func (c *cell) AccessibilityLabel() string { return c.a11y }

// groupLabel is how a group header row is read: the outcome type's label
// from the pack and the number of studies in it.
func groupLabel(v *pack.Vocabulary, group string, n int) string {
	noun := "studies"
	if n == 1 {
		noun = "study"
	}
	return v.Outcome(group).Label + ": " + v.Count(n) + " " + noun
}

// AccessibilityRole implements fyne.Accessible.
func (c *cell) AccessibilityRole() fyne.AccessibleRole {
	if c.role == "" {
		return fyne.AccessibleRoleText
	}
	return c.role
}

func newCell() *cell {
	c := &cell{bg: canvas.NewRectangle(color.Transparent), ring: canvas.NewRectangle(color.Transparent), tick: newTickBox()}
	c.ring.StrokeWidth = 2
	c.ring.Hide()
	c.label = widget.NewLabel("")
	c.label.Wrapping = fyne.TextWrapOff
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.chip = chip("", tintGrey)
	c.chipB = c.chip.Objects[0].(*canvas.Rectangle)
	c.chipL = c.chip.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	c.ExtendBaseWidget(c)
	return c
}

func (c *cell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg,
		c.tick,
		c.label,
		container.NewVBox(container.NewHBox(c.chip)),
		c.ring,
	))
}

// setChip shows text on the cell's chip, shortened with an ellipsis to fit
// width: a chip wider than its column would be cut off at the edge.
func (c *cell) setChip(text string, fill color.Color, width float32) {
	c.chipL.SetText(fitText(text, width-2*theme.InnerPadding()-4-2*theme.Padding(), theme.Size(c.chipL.SizeName), c.chipL.TextStyle))
	c.chipB.FillColor = alpha(fill, 0x50)
	c.chipB.StrokeColor = fill
	c.chipB.Refresh()
	c.chip.Show()
}

// fitText shortens s, at a rune, with an ellipsis until it measures at
// most width; s itself when it fits.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(strings.TrimRight(string(r[:mid]), " ,;:")+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ,;:") + "…"
}

// tickBox is the compare tick in a table cell: it looks like a check box
// and takes taps over the whole cell, but it is not a Tab stop (a
// widget.Check would be one per visible row); keyboard users tick from the
// table itself.
type tickBox struct {
	widget.BaseWidget
	icon  *widget.Icon
	on    bool
	onTap func()
	// study names the row's study for screen readers.
	study string
}

// AccessibilityLabel implements fyne.Accessible.
func (b *tickBox) AccessibilityLabel() string { return tickLabel(b.study, b.on) }

// AccessibilityRole implements fyne.Accessible.
func (b *tickBox) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// tickLabel is how a compare tick is read.
func tickLabel(study string, on bool) string {
	if on {
		return "Compare " + study + ": ticked"
	}
	return "Compare " + study + ": not ticked"
}

func newTickBox() *tickBox {
	b := &tickBox{icon: widget.NewIcon(theme.CheckButtonIcon())}
	b.ExtendBaseWidget(b)
	return b
}

func (b *tickBox) set(on bool) {
	b.on = on
	if on {
		b.icon.SetResource(theme.NewPrimaryThemedResource(theme.CheckButtonCheckedIcon()))
	} else {
		b.icon.SetResource(theme.CheckButtonIcon())
	}
}

// Tapped implements fyne.Tappable.
func (b *tickBox) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// Cursor implements desktop.Cursorable.
func (b *tickBox) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *tickBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewCenter(b.icon))
}

// headerCell is a column title that sorts on tap. Like tickBox it is no
// Tab stop; the keyboard sorts with S in the table.
type headerCell struct {
	widget.BaseWidget
	label *widget.Label
	icon  *widget.Icon
	onTap func()
	// sorted is "ascending" or "descending" when the table sorts by this column.
	sorted string
}

// AccessibilityLabel implements fyne.Accessible: "Sort by Year (sorted
// ascending)", or the plain title of a column that does not sort.
func (h *headerCell) AccessibilityLabel() string {
	if h.onTap == nil {
		return h.label.Text
	}
	if h.sorted != "" {
		return "Sort by " + h.label.Text + " (sorted " + h.sorted + ")"
	}
	return "Sort by " + h.label.Text
}

// AccessibilityRole implements fyne.Accessible.
func (h *headerCell) AccessibilityRole() fyne.AccessibleRole {
	if h.onTap == nil {
		return fyne.AccessibleRoleText
	}
	return fyne.AccessibleRoleButton
}

func newHeaderCell() *headerCell {
	h := &headerCell{label: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), icon: widget.NewIcon(nil)}
	h.label.Truncation = fyne.TextTruncateEllipsis
	h.ExtendBaseWidget(h)
	return h
}

// Tapped implements fyne.Tappable.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor implements desktop.Cursorable.
func (h *headerCell) Cursor() desktop.Cursor {
	if h.onTap == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

func (h *headerCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, h.icon, h.label))
}

func (h *headerCell) setIcon(r fyne.Resource) {
	h.icon.SetResource(r)
	if r == nil {
		h.icon.Hide()
	} else {
		h.icon.Show()
	}
}

// studyGrid is the studies widget.Table with the keys a keyboard user
// needs: the view handles them first and the rest go to the table.
type studyGrid struct {
	widget.Table
	// cursor mirrors the table's keyboard highlight, which Fyne keeps
	// private.
	cursor  widget.TableCellID
	onKey   func(*fyne.KeyEvent) bool
	onRune  func(rune)
	onFocus func()
	// focused tints the highlighted row: Fyne's own marker on one cell
	// is too faint to follow, in the dark theme especially.
	focused bool
}

// TypedKey implements fyne.Focusable.
func (g *studyGrid) TypedKey(ev *fyne.KeyEvent) {
	if g.onKey != nil && g.onKey(ev) {
		return
	}
	g.Table.TypedKey(ev)
}

// TypedRune implements fyne.Focusable.
func (g *studyGrid) TypedRune(r rune) {
	if g.onRune != nil {
		g.onRune(r)
	}
}

// FocusGained implements fyne.Focusable.
func (g *studyGrid) FocusGained() {
	g.focused = true
	g.Table.FocusGained()
	if g.onFocus != nil {
		g.onFocus()
	}
	g.Refresh()
}

// FocusLost implements fyne.Focusable.
func (g *studyGrid) FocusLost() {
	g.focused = false
	g.Table.FocusLost()
}

// highlight moves the keyboard highlight (and the table's) to id.
func (g *studyGrid) highlight(id widget.TableCellID) {
	g.cursor = id
	g.Highlight(id)
}

func (v *StudiesView) buildTable() *studyGrid {
	t := &studyGrid{}
	t.Length = func() (int, int) {
		if v.sizing {
			return 0, len(v.cols) + firstDataCol
		}
		return len(v.tbl.Rows()), len(v.cols) + firstDataCol
	}
	t.CreateCell = func() fyne.CanvasObject { return newCell() }
	t.UpdateCell = v.updateCell
	t.ExtendBaseWidget(t)
	t.ShowHeaderRow = true
	t.StickyColumnCount = 2
	t.CreateHeader = func() fyne.CanvasObject { return newHeaderCell() }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		h := o.(*headerCell)
		if id.Col < firstDataCol {
			h.label.SetText("Compare")
			h.setIcon(nil)
			h.onTap = nil
			return
		}
		col, ok := v.column(id.Col)
		if !ok {
			return
		}
		h.label.SetText(v.tbl.Title(col))
		h.onTap = func() { v.SortBy(col) }
		sc, desc := v.tbl.SortState()
		switch {
		case sc != col:
			h.setIcon(nil)
			h.sorted = ""
		case desc:
			h.setIcon(theme.MenuDropDownIcon())
			h.sorted = "descending"
		default:
			h.setIcon(theme.MenuDropUpIcon())
			h.sorted = "ascending"
		}
	}
	t.OnSelected = func(id widget.TableCellID) {
		rows := v.tbl.Rows()
		if id.Row < 0 || id.Row >= len(rows) || rows[id.Row].Header {
			t.Unselect(id)
			return
		}
		t.cursor = id
		v.showStudy(rows[id.Row].Study.ID)
	}
	t.onKey = v.typedKey
	t.onRune = v.typedRune
	t.onFocus = func() {
		// Land on a study row, not on a group divider.
		if v.rowStudy(t.cursor.Row) == nil {
			t.cursor.Col = firstDataCol
			v.moveCursor(0, 1)
		}
	}
	v.table = t
	v.measureColumns()
	for i, w := range v.widths {
		t.SetColumnWidth(i, w)
	}
	v.applyRowHeights()
	return t
}

// TableKeys are the keys of the focused studies table, for the shell's F1
// dialog: each is {keys, what they do}.
var TableKeys = [][2]string{
	{"↑/↓", "Previous or next study"},
	{"←/→", "Previous or next column"},
	{"Home  End", "First or last study"},
	{"PgUp  PgDn", "Five studies up or down"},
	{"Enter  or  Space", "Show the study's full record"},
	{"T  or  Space in Compare", "Tick or untick for comparison"},
	{"S", "Sort by the column (again: reverse)"},
	{"C", "Compare the ticked studies"},
}

// rowStudy is the study on table row r, nil for dividers and bad rows.
func (v *StudiesView) rowStudy(r int) *pack.Study {
	rows := v.tbl.Rows()
	if r < 0 || r >= len(rows) || rows[r].Header {
		return nil
	}
	return rows[r].Study
}

// moveCursor moves the keyboard highlight by dc columns and to the dr-th
// next (or previous) study row, skipping group dividers. It stays put at
// the edges.
func (v *StudiesView) moveCursor(dc, dr int) {
	id := v.table.cursor
	id.Col += dc
	if id.Col < 0 || id.Col >= len(v.cols)+firstDataCol {
		return
	}
	n := len(v.tbl.Rows())
	step := 1
	if dr < 0 {
		step, dr = -1, -dr
	}
	r := id.Row
	for moved := 0; moved < dr; {
		next := r + step
		for next >= 0 && next < n && v.rowStudy(next) == nil {
			next += step
		}
		if next < 0 || next >= n {
			break
		}
		r = next
		moved++
	}
	if v.rowStudy(r) == nil {
		return
	}
	id.Row = r
	v.table.highlight(id)
}

// typedKey handles the keys of the focused table and passes the others to
// the window's own keys; false (the table is in no window) leaves the key
// to Fyne's table.
func (v *StudiesView) typedKey(ev *fyne.KeyEvent) bool {
	n := len(v.tbl.Rows())
	switch ev.Name {
	case fyne.KeyUp:
		v.moveCursor(0, -1)
	case fyne.KeyDown:
		v.moveCursor(0, 1)
	case fyne.KeyLeft:
		v.moveCursor(-1, 0)
	case fyne.KeyRight:
		v.moveCursor(1, 0)
	case fyne.KeyHome:
		v.moveCursor(0, -n)
	case fyne.KeyEnd:
		v.moveCursor(0, n)
	case fyne.KeyPageUp:
		v.moveCursor(0, -5)
	case fyne.KeyPageDown:
		v.moveCursor(0, 5)
	case fyne.KeyReturn, fyne.KeyEnter:
		v.openCursor()
	case fyne.KeySpace:
		if v.table.cursor.Col < firstDataCol {
			v.toggleCursor()
		} else {
			v.openCursor()
		}
	default:
		// F1, F5, Esc: a focused widget swallows plain keys, so pass them
		// on to the window's handler.
		if c := fyne.CurrentApp().Driver().CanvasForObject(v.table); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
			return true
		}
		return false
	}
	return true
}

// typedRune handles the letter keys of the focused table. Space arrives
// as a key too and is handled there.
func (v *StudiesView) typedRune(r rune) {
	switch r {
	case 't', 'T':
		v.toggleCursor()
	case 's', 'S':
		if c, ok := v.column(v.table.cursor.Col); ok {
			v.SortBy(c)
		}
	case 'c', 'C':
		v.ShowCompare()
	}
}

// openCursor shows the record of the study under the keyboard highlight.
func (v *StudiesView) openCursor() {
	if s := v.rowStudy(v.table.cursor.Row); s != nil {
		v.showStudy(s.ID)
	}
}

// toggleCursor ticks or unticks the study under the keyboard highlight.
func (v *StudiesView) toggleCursor() {
	if s := v.rowStudy(v.table.cursor.Row); s != nil {
		v.SetChecked(s.ID, !v.checked[s.ID])
	}
}

// measureColumns sizes each column to its header and longest cell, capped
// so one long design description cannot push everything off screen.
func (v *StudiesView) measureColumns() {
	size := theme.TextSize()
	pad := theme.InnerPadding()*2 + theme.Padding()*2
	measure := func(s string, bold bool) float32 {
		return fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width + pad
	}
	v.widths[0] = measure("Compare", true)
	for i, c := range v.cols {
		w := measure(v.tbl.Title(c), true) + theme.IconInlineSize() + theme.Padding()
		for i := range v.p.Studies {
			cw := measure(v.tbl.Cell(&v.p.Studies[i], c), false)
			if c == studytable.ColOutcome || c == studytable.ColVerdict {
				cw += theme.Padding() * 4
			}
			if cw > w {
				w = cw
			}
		}
		if w > columnCaps[c] {
			w = columnCaps[c]
		}
		v.widths[i+firstDataCol] = w
	}
}

// applyRowHeights gives every row one line of text: cells truncate with an
// ellipsis and the study record shows the full text. (Fyne 2.8.1 panics
// when a label that both wraps and truncates is shorter than one line.)
func (v *StudiesView) applyRowHeights() {
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	study := line + theme.InnerPadding()*2 + theme.LineSpacing()
	divider := line + theme.InnerPadding()*2
	v.sizing = true
	for i, r := range v.tbl.Rows() {
		if r.Header {
			v.table.SetRowHeight(i, divider)
		} else {
			v.table.SetRowHeight(i, study)
		}
	}
	v.sizing = false
}

func (v *StudiesView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*cell)
	rows := v.tbl.Rows()
	if id.Row >= len(rows) {
		return
	}
	r := rows[id.Row]
	c.tick.Hide()
	c.label.Hide()
	c.chip.Hide()
	c.tick.onTap = nil
	c.a11y, c.role = "", fyne.AccessibleRoleText
	if v.table.focused && id == v.table.cursor {
		// The cursor's row is filled with the focus colour; primary on it
		// is 1.2:1 in the dark theme, the foreground 4.8:1 (light 4.9:1).
		c.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
		c.ring.Show()
		c.ring.Refresh()
	} else {
		c.ring.Hide()
	}
	c.label.TextStyle = fyne.TextStyle{}
	if r.Header {
		c.bg.FillColor = alpha(outcomeTint(v.vocab, r.Group), 0x60)
		if id.Col == firstDataCol {
			c.label.TextStyle.Bold = true
			c.label.SetText(fmt.Sprintf("%s (%s)", v.vocab.Outcome(r.Group).Label, v.vocab.Count(r.Count)))
			c.label.Show()
			c.a11y = groupLabel(v.vocab, r.Group, r.Count)
		} else if id.Col == firstDataCol+1 {
			c.label.SetText(v.vocab.Outcome(r.Group).Heading)
			c.a11y = v.vocab.Outcome(r.Group).Heading
			c.label.Truncation = fyne.TextTruncateEllipsis
			c.label.Wrapping = fyne.TextWrapOff
			c.label.Show()
		}
		c.bg.Refresh()
		return
	}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.label.Wrapping = fyne.TextWrapOff
	s := r.Study
	switch {
	case s.ID == v.flashing:
		c.bg.FillColor = tintFlash
	case v.table.focused && id.Row == v.table.cursor.Row:
		c.bg.FillColor = theme.Color(theme.ColorNameFocus)
	case s.ID == v.current:
		// The whole row shows which study's record is open below.
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	case v.vocab.IsMechanism(r.Group):
		c.bg.FillColor = alpha(outcomeTint(v.vocab, r.Group), 0x30)
	default:
		c.bg.FillColor = color.Transparent
	}
	c.bg.Refresh()
	if id.Col < firstDataCol {
		id := s.ID
		c.tick.set(v.checked[id])
		c.tick.study = v.tbl.Cell(s, studytable.ColStudy)
		c.tick.onTap = func() { v.SetChecked(id, !v.checked[id]) }
		c.tick.Show()
		c.a11y, c.role = c.tick.AccessibilityLabel(), fyne.AccessibleRoleButton
		return
	}
	col, ok := v.column(id.Col)
	if !ok {
		return
	}
	c.a11y = v.tbl.Title(col) + ": " + v.tbl.Cell(s, col)
	switch col {
	case studytable.ColOutcome:
		c.setChip(v.tbl.Cell(s, col), outcomeTint(v.vocab, s.Outcome), v.widths[id.Col])
	case studytable.ColVerdict:
		c.setChip(v.tbl.Cell(s, col), verdictColor(s.Verdict), v.widths[id.Col])
	default:
		if col == studytable.ColStudy {
			c.label.TextStyle.Bold = true
		}
		c.label.SetText(v.tbl.Cell(s, col))
		c.label.Show()
	}
}

func (v *StudiesView) showStudy(id string) {
	s, ok := v.p.Study(id)
	if !ok {
		return
	}
	v.current = id
	if r := v.tbl.IndexOf(id); r >= 0 {
		// Keep the table's selection in step without re-entering showStudy.
		sel := v.table.OnSelected
		v.table.OnSelected = nil
		id := widget.TableCellID{Row: r, Col: firstDataCol}
		if v.table.cursor.Row == r {
			id.Col = v.table.cursor.Col
		}
		v.table.Select(id)
		v.table.OnSelected = sel
		v.table.cursor = id
	}
	v.table.Refresh()
	v.detail.Content = newStudyDetail(v.p, s, v.nav, v.win, v.openURL).Object()
	v.detail.Offset = fyne.Position{}
	v.detail.Refresh()
}

func (v *StudiesView) openURL(raw string) { openWith(v.OpenURL, v.win, raw) }

// flash tints a study's row for a moment after a jump.
func (v *StudiesView) flash(id string) {
	v.flashing = id
	v.table.Refresh()
	AfterDelay(1500*time.Millisecond, func() {
		if v.flashing == id {
			v.flashing = ""
			v.table.Refresh()
		}
	})
}

// Flashing is the id of the study whose row is flashing, "" for none.
func (v *StudiesView) Flashing() string { return v.flashing }

// studiesBar lays out the filter (left), the count (middle, truncating
// first) and Compare (right). Where the window is too narrow for the filter
// and Compare's full label side by side, Compare takes its short label
// rather than being cut off at the edge.
type studiesBar struct {
	compare     *widget.Button
	long, short string
}

func (b *studiesBar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	filter, count := objs[0], objs[1]
	pad := theme.Padding()
	text := b.long
	if filter.MinSize().Width+pad+b.buttonWidth(b.long) > size.Width {
		text = b.short
	}
	if b.compare.Text != text {
		b.compare.SetText(text)
	}
	fw, cw := filter.MinSize().Width, b.compare.MinSize().Width
	filter.Resize(fyne.NewSize(fw, size.Height))
	filter.Move(fyne.NewPos(0, 0))
	b.compare.Resize(fyne.NewSize(cw, size.Height))
	b.compare.Move(fyne.NewPos(size.Width-cw, 0))
	// The count shows where there is room for some of it; a truncated
	// label given no width would still draw its whole text.
	mid := size.Width - fw - cw - 2*pad
	if mid < 3*theme.TextSize() {
		count.Hide()
		return
	}
	count.Show()
	count.Resize(fyne.NewSize(mid, size.Height))
	count.Move(fyne.NewPos(fw+pad, 0))
}

func (b *studiesBar) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(objs[0].MinSize().Width+theme.Padding()+b.buttonWidth(b.short), h)
}

// buttonWidth is Compare's minimum width with the label text.
func (b *studiesBar) buttonWidth(text string) float32 {
	if b.compare.Text == text {
		return b.compare.MinSize().Width
	}
	return b.compare.MinSize().Width - fyne.MeasureText(b.compare.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
}
