package present

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tcell is one table cell; span is how many columns it covers (0 means 1).
type tcell struct {
	obj  fyne.CanvasObject
	span int
}

type trow struct {
	bg    *canvas.Rectangle
	cells []tcell
}

// tableLayout lays out a slide table: fixed column fractions, rows as tall
// as their tallest wrapped cell, a tinted header, thin rules between rows
// and an optional footer note. Fyne's widget.Table scrolls and takes focus;
// a slide table does neither.
type tableLayout struct {
	th     *slideTheme
	cols   []float32
	rows   []trow
	rules  []*canvas.Rectangle
	foot   fyne.CanvasObject
	plain  bool // no header, backgrounds or rules (reference columns)
	heads  []string
	height float32
	// cramped is set by a layout at which a word did not fit its column
	// (Fyne would break it in the middle) or a badge or light was wider
	// than its column: the slide must shrink the table's text.
	cramped bool
}

func (t *tableLayout) header(heads []string) {
	cells := make([]tcell, len(heads))
	for i, h := range heads {
		l := cellText(h, true)
		cells[i] = tcell{obj: l}
	}
	t.heads = heads
	t.row(slideHeadBG, cells)
}

// wordsFit reports whether every header word fits its column on one line;
// otherwise Fyne would break a word in the middle.
func (t *tableLayout) wordsFit(xs []float32, pad float32) bool {
	size := t.th.Size(sizeSlideTable)
	inset := 2 * (t.th.Size(theme.SizeNameInnerPadding) + pad)
	for i, h := range t.heads {
		if i+1 >= len(xs) {
			break
		}
		for _, w := range strings.Fields(h) {
			if fyne.MeasureText(w, size, fyne.TextStyle{Bold: true}).Width+inset > xs[i+1]-xs[i] {
				return false
			}
		}
	}
	return true
}

// wordsFitCell reports whether every word of a text cell, or of a traffic
// light's label, fits on one line of width w.
func (t *tableLayout) wordsFitCell(o fyne.CanvasObject, w float32) bool {
	var l *widget.Label
	switch v := o.(type) {
	case *widget.Label:
		l = v
	case *fyne.Container:
		if ll, ok := v.Layout.(*lightLayout); ok {
			l, w = ll.lbl, w-ll.dotSize()
		}
	}
	if l == nil || l.Wrapping == fyne.TextWrapOff {
		return true
	}
	size := t.th.Size(sizeSlideTable)
	inset := 2 * t.th.Size(theme.SizeNameInnerPadding)
	for _, word := range strings.Fields(l.Text) {
		if fyne.MeasureText(word, size, l.TextStyle).Width+inset > w+1 {
			return false
		}
	}
	return true
}

func (t *tableLayout) row(bg color.Color, cells []tcell) {
	r := trow{cells: cells}
	if bg != nil && !t.plain {
		r.bg = canvas.NewRectangle(bg)
		t.rules = append(t.rules, canvas.NewRectangle(slideRule))
	}
	t.rows = append(t.rows, r)
}

func (t *tableLayout) footer(o fyne.CanvasObject) { t.foot = o }

func (t *tableLayout) container() *fyne.Container {
	var objs []fyne.CanvasObject
	for _, r := range t.rows {
		if r.bg != nil {
			objs = append(objs, r.bg)
		}
	}
	for _, r := range t.rules {
		objs = append(objs, r)
	}
	for _, r := range t.rows {
		for _, c := range r.cells {
			objs = append(objs, c.obj)
		}
	}
	if t.foot != nil {
		objs = append(objs, t.foot)
	}
	return &fyne.Container{Layout: t, Objects: objs}
}

func (t *tableLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	t.height = t.place(size.Width)
}

// place positions every cell for width w and returns the table's height.
func (t *tableLayout) place(w float32) float32 {
	pad := t.th.Size(sizeSlideTable) * 0.15
	xs := make([]float32, len(t.cols)+1)
	for i, f := range t.cols {
		xs[i+1] = xs[i] + f*w
	}
	y := float32(0)
	wide := false
	rule := max(1, t.th.scale)
	ri := 0
	for _, r := range t.rows {
		h := float32(0)
		col := 0
		type placed struct {
			o    fyne.CanvasObject
			x, w float32
		}
		var ps []placed
		for _, c := range r.cells {
			span := max(c.span, 1)
			end := min(col+span, len(t.cols))
			cw := max(xs[end]-xs[col]-2*pad, 1)
			c.obj.Resize(fyne.NewSize(cw, c.obj.MinSize().Height))
			h = max(h, c.obj.MinSize().Height)
			if _, text := c.obj.(fyne.Widget); !text && c.obj.MinSize().Width > cw+1 {
				wide = true // a badge or light (containers) wider than its column
			}
			if !t.wordsFitCell(c.obj, cw) {
				wide = true // Fyne would break a word in the middle
			}
			ps = append(ps, placed{c.obj, xs[col] + pad, cw})
			col = end
		}
		rh := h + 2*pad
		for _, p := range ps {
			p.o.Move(fyne.NewPos(p.x, y+pad))
			p.o.Resize(fyne.NewSize(p.w, h))
		}
		if r.bg != nil {
			r.bg.Move(fyne.NewPos(0, y))
			r.bg.Resize(fyne.NewSize(w, rh))
			t.rules[ri].Move(fyne.NewPos(0, y+rh-rule))
			t.rules[ri].Resize(fyne.NewSize(w, rule))
			ri++
		}
		y += rh
	}
	if t.foot != nil {
		t.foot.Resize(fyne.NewSize(w, t.foot.MinSize().Height))
		fh := t.foot.MinSize().Height
		t.foot.Move(fyne.NewPos(0, y+pad))
		t.foot.Resize(fyne.NewSize(w, fh))
		y += fh + pad
	}
	t.cramped = wide || !t.wordsFit(xs, pad)
	return y
}

// cramped reports whether a slide table under o was cramped at its last
// layout.
func cramped(o fyne.CanvasObject) bool {
	c, ok := o.(*fyne.Container)
	if !ok {
		return false
	}
	if t, ok := c.Layout.(*tableLayout); ok {
		return t.cramped
	}
	for _, k := range c.Objects {
		if cramped(k) {
			return true
		}
	}
	return false
}

func (t *tableLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(1, t.height)
}
