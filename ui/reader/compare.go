package reader

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// CompareGrid shows studies side by side: one row per field, one column
// per study, rows whose values differ tinted and marked "≠".
type CompareGrid struct {
	fields   []studytable.Field
	studies  []*pack.Study
	onlyDiff *widget.Check
	cols     *compareColumns
	rows     *fyne.Container
	root     fyne.CanvasObject
}

// NewCompareGrid builds the comparison of the given studies in the
// vocabulary's words.
func NewCompareGrid(v *pack.Vocabulary, studies []*pack.Study) *CompareGrid {
	g := &CompareGrid{fields: studytable.Compare(v, studies), studies: studies}
	g.cols = &compareColumns{first: g.fieldWidth()}
	g.rows = container.NewVBox()
	g.onlyDiff = widget.NewCheck("Only fields that differ", func(bool) { g.fill() })
	header := container.New(g.cols)
	header.Add(strongPara("Field"))
	for _, s := range studies {
		// The chip is inset like the label's text above it.
		tag := container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0),
			container.NewHBox(chip(v.Outcome(s.Outcome).Label, outcomeTint(v, s.Outcome))))
		header.Add(container.NewVBox(strongPara(studytable.Cell(v, s, studytable.ColStudy)), tag))
	}
	legend := container.New(widgets.NewFlowLayout(), g.onlyDiff, chip("≠ differs", tintDiffers), quietLabel("rows where the studies differ are tinted"))
	g.fill()
	g.root = container.NewBorder(container.NewVBox(legend, header, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(g.rows))
	return g
}

// Object is the grid's root object.
func (g *CompareGrid) Object() fyne.CanvasObject { return g.root }

// Fields are the compared fields, in display order.
func (g *CompareGrid) Fields() []studytable.Field { return g.fields }

// ShownRows is how many field rows are on screen.
func (g *CompareGrid) ShownRows() int { return len(g.rows.Objects) }

// SetOnlyDifferences hides the fields where every study agrees.
func (g *CompareGrid) SetOnlyDifferences(on bool) { g.onlyDiff.SetChecked(on) }

func (g *CompareGrid) fill() {
	g.rows.Objects = nil
	for _, f := range g.fields {
		if g.onlyDiff.Checked && !f.Differs {
			continue
		}
		grid := container.New(g.cols)
		name := f.Name
		if f.Differs {
			name = "≠ " + name
		}
		grid.Add(strongPara(name))
		for _, val := range f.Values {
			grid.Add(para(val))
		}
		var row fyne.CanvasObject = grid
		if f.Differs {
			bg := canvas.NewRectangle(tintDiffers)
			row = container.NewStack(bg, grid)
		}
		g.rows.Add(row)
	}
	g.rows.Refresh()
}

// fieldWidth fits the field-name column to its longest name (capped), so
// the studies' values get the rest of the width instead of an equal share.
func (g *CompareGrid) fieldWidth() float32 {
	style := fyne.TextStyle{Bold: true}
	w := fyne.MeasureText("Field", theme.TextSize(), style).Width
	for _, f := range g.fields {
		w = fyne.Max(w, fyne.MeasureText("≠ "+f.Name, theme.TextSize(), style).Width)
	}
	w += theme.InnerPadding() * 2
	return fyne.Min(w, 220)
}

// compareColumns lays out one comparison row: the field name at a fixed
// width, then the studies' values sharing the remaining width equally.
type compareColumns struct{ first float32 }

func (l *compareColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		h = fyne.Max(h, m.Height)
		if i == 0 {
			w += fyne.Max(l.first, m.Width)
		} else {
			w += m.Width + theme.Padding()
		}
	}
	return fyne.NewSize(w, h)
}

func (l *compareColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	pad := theme.Padding()
	first := fyne.Min(l.first, size.Width)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(first, size.Height))
	n := float32(len(objs) - 1)
	if n == 0 {
		return
	}
	each := (size.Width - first - pad*n) / n
	x := first + pad
	for _, o := range objs[1:] {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(each, size.Height))
		x += each + pad
	}
}

// ShowCompare opens the side-by-side comparison of the ticked studies.
func (v *StudiesView) ShowCompare() {
	studies := v.Checked()
	if len(studies) < 2 {
		dialog.ShowInformation("Compare studies", "Tick two or more studies in the first column to compare them.", v.win)
		return
	}
	g := NewCompareGrid(v.vocab, studies)
	v.lastCompare = g
	d := widgets.NewCloseDialog("Compare studies", g.Object(), v.win)
	if size := v.win.Canvas().Size(); size.Width > 0 && size.Height > 0 {
		d.Resize(fyne.NewSize(size.Width*0.94, size.Height*0.92))
	}
	d.Show()
}
