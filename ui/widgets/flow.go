package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// FlowLayout places objects at their minimum sizes left to right and
// starts a new row where the next one would not fit, like words in a line.
//
// It stands in for Fyne 2.8.1's RowWrapLayout, whose MinSize after a
// layout is the width it was last laid out at: a legend or button row
// once shown in a wide window then kept the window from being made
// narrower than that row. Here the minimum width is always the widest
// object's, and the minimum height is that of the rows at the width last
// laid out (before the first layout, at the widest object's width).
type FlowLayout struct {
	width float32 // the width of the last Layout, 0 before it
}

// NewFlowLayout returns a FlowLayout with the theme's padding between
// objects and rows.
func NewFlowLayout() *FlowLayout { return &FlowLayout{} }

// Layout implements fyne.Layout.
func (l *FlowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objs, size.Width, true)
}

// MinSize implements fyne.Layout.
func (l *FlowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	// Before the first layout, or laid out narrower than the widest
	// object, rows are counted at the minimum width.
	return fyne.NewSize(w, l.place(objs, max(l.width, w), false))
}

// place puts the objects in rows no wider than width (moving them when
// move is set) and returns the height of the rows.
func (l *FlowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	var rowH float32
	for _, o := range objs {
		if o.Visible() {
			rowH = max(rowH, o.MinSize().Height)
		}
	}
	x, y, first := float32(0), float32(0), true
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if !first && x+m.Width > width {
			x, y = 0, y+rowH+pad
		}
		if move {
			o.Resize(m)
			// Each object sits in the middle of its row's height.
			o.Move(fyne.NewPos(x, y+(rowH-m.Height)/2))
		}
		x += m.Width + pad
		first = false
	}
	if first {
		return 0
	}
	return y + rowH
}
