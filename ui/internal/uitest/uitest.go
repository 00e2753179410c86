// Package uitest holds the helpers the ui packages' tests share to look
// inside a window: walking every object a widget draws, and reading the
// text a user would see. Only tests import it.
package uitest

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Walk visits every object under o, including container children and
// widget renderer objects, until visit returns false. Labels and
// hyperlinks are leaves: their renderers repeat their text.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil {
		return true
	}
	if !visit(o) {
		return false
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if !Walk(c, visit) {
				return false
			}
		}
	case *container.Scroll:
		return Walk(v.Content, visit)
	case *widget.Label, *widget.Hyperlink:
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			if !Walk(c, visit) {
				return false
			}
		}
	}
	return true
}

// WalkAll visits o and everything it draws: every container child and
// every renderer object, labels' own renderers included.
func WalkAll(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			WalkAll(ch, f)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			WalkAll(ch, f)
		}
	}
}

// TextOf is the text of every label, rich text and hyperlink under root,
// one per line.
func TextOf(root fyne.CanvasObject) string {
	var b strings.Builder
	Walk(root, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.RichText:
			b.WriteString(SegText(v.Segments) + "\n")
		case *widget.Hyperlink:
			b.WriteString(v.Text + "\n")
		}
		return true
	})
	return b.String()
}

// SegText is the text of rich-text segments, paragraphs and lists
// included, a line for each segment that holds others.
func SegText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		if p, ok := s.(interface {
			Segments() []widget.RichTextSegment
		}); ok {
			b.WriteString(SegText(p.Segments()) + "\n")
			continue
		}
		b.WriteString(s.Textual())
	}
	return b.String()
}
