package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// sectionEnd is the index after the last block of the section whose
// heading is block h.
func sectionEnd(d *doc.Document, h int) int {
	lvl := d.Blocks[h].Level
	for i := h + 1; i < len(d.Blocks); i++ {
		if b := d.Blocks[i]; b.Kind == doc.Heading && b.Level <= lvl {
			return i
		}
	}
	return len(d.Blocks)
}

// headingText is a heading block's plain text.
func headingText(b *doc.Block) string {
	var sb strings.Builder
	for _, in := range b.Inlines {
		sb.WriteString(in.Text)
	}
	return sb.String()
}

// studyLinkID returns the id of a study: link, or "".
func studyLinkID(dest string) string {
	if id, ok := strings.CutPrefix(dest, "study:"); ok {
		return strings.TrimSpace(id)
	}
	return ""
}

// readableWidth caps text at a comfortable line length (about 75
// characters) and centres it when the window is wider.
type readableWidth struct{}

func (readableWidth) max() float32 {
	return fyne.MeasureText(strings.Repeat("n", 75), theme.TextSize(), fyne.TextStyle{}).Width + theme.Padding()*4
}

func (l readableWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := size.Width
	if m := l.max(); w > m {
		w = m
	}
	x := (size.Width - w) / 2
	for _, o := range objs {
		h := o.MinSize().Height
		if h < size.Height {
			h = size.Height
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, h))
	}
}

func (l readableWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
