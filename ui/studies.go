package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
)

// StudiesView is the comparison table of every study in the pack, with the
// selected study's full record below it.
type StudiesView struct {
	p   *pack.Pack
	nav Navigator
	win fyne.Window
	// OpenURL opens a source's address; the shell sets it to its link policy.
	OpenURL URLOpener

	tbl       *studytable.Table
	table     *widget.Table
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
	// lastCompare is the comparison last opened, for tests.
	lastCompare *CompareGrid
	widths      [studytable.NumColumns + 1]float32
}

// Column 0 of the widget table is the compare tick; data columns follow.
const firstDataCol = 1

var columnCaps = [studytable.NumColumns]float32{190, 230, 130, 260, 150, 210, 210, 150, 150, 280}

// NewStudiesView builds the studies view over p's studies.
func NewStudiesView(p *pack.Pack, nav Navigator, win fyne.Window) *StudiesView {
	v := &StudiesView{p: p, nav: nav, win: win, tbl: studytable.New(p.Studies), checked: map[string]bool{}}
	v.onlyCited = widget.NewCheck("Only studies the article cites", func(on bool) {
		v.tbl.SetOnlyCited(on)
		v.afterRowsChanged()
	})
	v.compare = widget.NewButtonWithIcon("Compare side by side", theme.ViewRestoreIcon(), v.ShowCompare)
	v.compare.Importance = widget.HighImportance
	v.count = widget.NewLabel("")
	v.table = v.buildTable()

	v.detail = container.NewVScroll(v.emptyDetail())
	legend := v.legend()
	top := container.NewBorder(
		container.NewVBox(
			container.NewHBox(v.onlyCited, layout.NewSpacer(), v.count, v.compare),
			legend,
		), nil, nil, nil, v.table)
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
	}
}

// Current is the study whose record is shown, "" for none.
func (v *StudiesView) Current() string { return v.current }

// Table exposes the sort and filter state (for tests and the shell).
func (v *StudiesView) Table() *studytable.Table { return v.tbl }

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
	v.tbl.ToggleSort(c)
	v.afterRowsChanged()
}

func (v *StudiesView) afterRowsChanged() {
	v.table.UnselectAll()
	v.applyRowHeights()
	v.table.Refresh()
	v.updateCompare()
	if v.current != "" {
		if r := v.tbl.IndexOf(v.current); r >= 0 {
			v.table.ScrollTo(widget.TableCellID{Row: r, Col: firstDataCol})
		}
	}
}

func (v *StudiesView) updateCompare() {
	n := len(v.Checked())
	shown := len(v.tbl.Studies())
	v.count.SetText(fmt.Sprintf("%d studies shown · %d ticked", shown, n))
	if n >= 2 {
		v.compare.Enable()
	} else {
		v.compare.Disable()
	}
}

func (v *StudiesView) legend() fyne.CanvasObject {
	return container.New(layout.NewRowWrapLayout(),
		chip(studytable.OutcomeLabel(studytable.GroupMechanism), tintMechanism),
		quietLabel("one session, no fat-loss outcome"),
		chip(studytable.OutcomeLabel(studytable.GroupBodyComposition), tintBodyComp),
		quietLabel("fat change over weeks"),
	)
}

func (v *StudiesView) emptyDetail() fyne.CanvasObject {
	return container.NewPadded(hintLabel("Select a study to see its full record: results, limitations, risk of bias, discrepancies, sources and where the article cites it. Tick two or more studies to compare them side by side."))
}

// cell is one reusable table cell: a row background, a compare tick, a
// text label, and a chip for the outcome and verdict columns.
type cell struct {
	widget.BaseWidget
	bg     *canvas.Rectangle
	tick   *widget.Check
	label  *widget.Label
	chip   *fyne.Container
	chipL  *widget.Label
	chipB  *canvas.Rectangle
	onTick func(bool)
}

func newCell() *cell {
	c := &cell{bg: canvas.NewRectangle(color.Transparent)}
	c.tick = widget.NewCheck("", func(on bool) {
		if c.onTick != nil {
			c.onTick(on)
		}
	})
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
		container.NewCenter(c.tick),
		c.label,
		container.NewVBox(container.NewHBox(c.chip)),
	))
}

func (c *cell) setChip(text string, fill color.Color) {
	c.chipL.SetText(text)
	c.chipB.FillColor = alpha(fill, 0x50)
	c.chipB.StrokeColor = fill
	c.chipB.Refresh()
	c.chip.Show()
}

func (v *StudiesView) buildTable() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(v.tbl.Rows()), int(studytable.NumColumns) + 1 },
		func() fyne.CanvasObject { return newCell() },
		v.updateCell,
	)
	t.ShowHeaderRow = true
	t.StickyColumnCount = 2
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < firstDataCol {
			b.SetText("Compare")
			b.SetIcon(nil)
			b.OnTapped = nil
			return
		}
		col := studytable.Column(id.Col - firstDataCol)
		b.SetText(col.Title())
		b.OnTapped = func() { v.SortBy(col) }
		sc, desc := v.tbl.SortState()
		switch {
		case sc != col:
			b.SetIcon(nil)
		case desc:
			b.SetIcon(theme.MenuDropDownIcon())
		default:
			b.SetIcon(theme.MenuDropUpIcon())
		}
	}
	t.OnSelected = func(id widget.TableCellID) {
		rows := v.tbl.Rows()
		if id.Row < 0 || id.Row >= len(rows) || rows[id.Row].Header {
			t.Unselect(id)
			return
		}
		v.showStudy(rows[id.Row].Study.ID)
	}
	v.measureColumns()
	for i, w := range v.widths {
		t.SetColumnWidth(i, w)
	}
	v.table = t
	v.applyRowHeights()
	return t
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
	for c := studytable.ColStudy; c < studytable.NumColumns; c++ {
		w := measure(c.Title(), true) + theme.IconInlineSize() + theme.Padding()
		for i := range v.p.Studies {
			cw := measure(studytable.Cell(&v.p.Studies[i], c), false)
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
		v.widths[int(c)+firstDataCol] = w
	}
}

// applyRowHeights gives every row one line of text: cells truncate with an
// ellipsis and the study record shows the full text. (Fyne 2.8.1 panics
// when a label that both wraps and truncates is shorter than one line.)
func (v *StudiesView) applyRowHeights() {
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	study := line + theme.InnerPadding()*2 + theme.LineSpacing()
	divider := line + theme.InnerPadding()*2
	for i, r := range v.tbl.Rows() {
		if r.Header {
			v.table.SetRowHeight(i, divider)
		} else {
			v.table.SetRowHeight(i, study)
		}
	}
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
	c.onTick = nil
	c.label.TextStyle = fyne.TextStyle{}
	if r.Header {
		c.bg.FillColor = alpha(outcomeTint(r.Group), 0x60)
		if id.Col == firstDataCol {
			c.label.TextStyle.Bold = true
			c.label.SetText(fmt.Sprintf("%s (%d)", studytable.OutcomeLabel(r.Group), r.Count))
			c.label.Show()
		} else if id.Col == firstDataCol+1 {
			c.label.SetText(studytable.GroupTitle(r.Group))
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
	case r.Group == studytable.GroupMechanism:
		c.bg.FillColor = alpha(outcomeTint(r.Group), 0x30)
	default:
		c.bg.FillColor = color.Transparent
	}
	c.bg.Refresh()
	if id.Col < firstDataCol {
		id := s.ID
		c.tick.SetChecked(v.checked[id])
		c.onTick = func(on bool) {
			if on != v.checked[id] {
				v.SetChecked(id, on)
			}
		}
		c.tick.Show()
		return
	}
	col := studytable.Column(id.Col - firstDataCol)
	switch col {
	case studytable.ColOutcome:
		c.setChip(studytable.Cell(s, col), outcomeTint(s.Outcome))
	case studytable.ColVerdict:
		c.setChip(studytable.Cell(s, col), verdictColor(s.Verdict))
	default:
		if col == studytable.ColStudy {
			c.label.TextStyle.Bold = true
		}
		c.label.SetText(studytable.Cell(s, col))
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
		v.table.Select(widget.TableCellID{Row: r, Col: firstDataCol})
		v.table.OnSelected = sel
	}
	v.detail.Content = newStudyDetail(v.p, s, v.nav, v.win, v.openURL).Object()
	v.detail.Offset = fyne.Position{}
	v.detail.Refresh()
}

func (v *StudiesView) openURL(raw string) { openWith(v.OpenURL, v.win, raw) }

// flash tints a study's row for a moment after a jump.
func (v *StudiesView) flash(id string) {
	v.flashing = id
	v.table.Refresh()
	afterDelay(1500*time.Millisecond, func() {
		if v.flashing == id {
			v.flashing = ""
			v.table.Refresh()
		}
	})
}

// Flashing is the id of the study whose row is flashing, "" for none.
func (v *StudiesView) Flashing() string { return v.flashing }
