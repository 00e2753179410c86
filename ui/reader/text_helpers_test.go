package reader

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The same helpers as the shell's tests in package ui have, for the views'
// tests here.

// walk visits every object under o, including container children and
// widget renderer objects.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil {
		return true
	}
	if !visit(o) {
		return false
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if !walk(c, visit) {
				return false
			}
		}
	case *container.Scroll:
		return walk(v.Content, visit)
	case *widget.Label, *widget.Hyperlink:
		// Leaves: their renderers repeat their text.
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		for _, c := range r.Objects() {
			if !walk(c, visit) {
				return false
			}
		}
	}
	return true
}

// textOf is the text of every label, rich text and hyperlink under root.
func textOf(root fyne.CanvasObject) string {
	var b strings.Builder
	walk(root, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.RichText:
			b.WriteString(segText(v.Segments) + "\n")
		case *widget.Hyperlink:
			b.WriteString(v.Text + "\n")
		}
		return true
	})
	return b.String()
}

// segText is the text of segments, including paragraphs and lists.
func segText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		if p, ok := s.(interface {
			Segments() []widget.RichTextSegment
		}); ok {
			b.WriteString(segText(p.Segments()) + "\n")
			continue
		}
		b.WriteString(s.Textual())
	}
	return b.String()
}
