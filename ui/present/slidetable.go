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
	// fitCols widens a column whose words would not fit it, taking the
	// room from columns with room to spare; cols are then the widths
	// wanted, not fixed.
	fitCols bool
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
	switch v := o.(type) {
	case *widget.Label:
		if v.Wrapping == fyne.TextWrapOff {
			return true
		}
	case *fyne.Container:
		if _, ok := v.Layout.(*lightLayout); !ok {
			return true // a badge: place checks its width
		}
	default:
		return true
	}
	return t.cellNeed(o) <= w+1
}

// cellNeed is the narrowest a cell can be without breaking a word: a text
// cell's longest word (beside a traffic light's dot), a one-line label's
// or a badge's or dot's own width; 0 for other cells (rich text), which
// wrap where they must.
func (t *tableLayout) cellNeed(o fyne.CanvasObject) float32 {
	var l *widget.Label
	extra := float32(0)
	switch v := o.(type) {
	case *widget.Label:
		l = v
	case *fyne.Container:
		ll, ok := v.Layout.(*lightLayout)
		if !ok {
			return v.MinSize().Width // a badge
		}
		if ll.lbl == nil {
			return ll.dotSize()
		}
		l, extra = ll.lbl, ll.dotSize()
	default:
		return 0
	}
	if l.Wrapping == fyne.TextWrapOff {
		return l.MinSize().Width + extra
	}
	size := t.th.Size(sizeSlideTable)
	longest := float32(0)
	for _, word := range strings.Fields(l.Text) {
		longest = max(longest, fyne.MeasureText(word, size, l.TextStyle).Width)
	}
	return longest + 2*t.th.Size(theme.SizeNameInnerPadding) + extra
}

// columns are the columns' edges for width w: the wanted widths (cols as
// fractions of w), each widened to its widest unbreakable cell, the room
// taken from the columns that have some to spare in proportion to it.
// When the cells cannot all fit, the wanted widths are kept (and the
// table is cramped).
func (t *tableLayout) columns(w, pad float32) []float32 {
	n := len(t.cols)
	want := make([]float32, n)
	need := make([]float32, n)
	for i, f := range t.cols {
		want[i] = f * w
	}
	for _, r := range t.rows {
		col := 0
		for _, c := range r.cells {
			span := max(c.span, 1)
			if span == 1 && col < n {
				need[col] = max(need[col], t.cellNeed(c.obj)+2*pad)
			}
			col += span
		}
	}
	width := make([]float32, n)
	var total, slack float32
	for i := range want {
		width[i] = max(want[i], need[i])
		total += width[i]
		slack += width[i] - need[i]
	}
	if over := total - w; over > 0 {
		if slack < over {
			width = want
		} else {
			for i := range width {
				width[i] -= over * (width[i] - need[i]) / slack
			}
		}
	}
	xs := make([]float32, n+1)
	for i := range width {
		xs[i+1] = xs[i] + width[i]
	}
	return xs
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
	if t.fitCols {
		xs = t.columns(w, pad)
	} else {
		for i, f := range t.cols {
			xs[i+1] = xs[i] + f*w
		}
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
