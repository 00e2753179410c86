package ui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// docPage renders a Markdown document block by block for the limitations
// and guidance views: each top-level block is its own object so a jump can
// scroll to it and flash it.
type docPage struct {
	d      *doc.Document
	blocks []fyne.CanvasObject
	flash  []*canvas.Rectangle
	// onLink handles a link's destination exactly as written.
	onLink func(dest string)
	// links are the link segments, kept for tests.
	links []*widget.HyperlinkSegment
}

func newDocPage(d *doc.Document, onLink func(string)) *docPage {
	pg := &docPage{d: d, onLink: onLink}
	for _, b := range d.Blocks {
		r := canvas.NewRectangle(color.Transparent)
		r.CornerRadius = theme.InputRadiusSize()
		pg.flash = append(pg.flash, r)
		pg.blocks = append(pg.blocks, container.NewStack(r, pg.block(b, 0)))
	}
	return pg
}

func (pg *docPage) block(b *doc.Block, depth int) fyne.CanvasObject {
	switch b.Kind {
	case doc.Heading:
		st := widget.RichTextStyleSubHeading
		if b.Level <= 1 {
			st = widget.RichTextStyleHeading
		}
		return pg.rich(pg.inlines(b.Inlines, st))
	case doc.Paragraph:
		return pg.rich(pg.inlines(b.Inlines, widget.RichTextStyleParagraph))
	case doc.Code:
		return pg.rich(pg.inlines(b.Inlines, widget.RichTextStyleCodeBlock))
	case doc.Rule:
		return widget.NewSeparator()
	case doc.Quote:
		box := container.NewVBox()
		for _, c := range b.Children {
			box.Add(pg.block(c, depth+1))
		}
		bar := canvas.NewRectangle(alpha(theme.Color(theme.ColorNameForeground), 0x40))
		bar.SetMinSize(fyne.NewSize(3, 0))
		return container.NewBorder(nil, nil, bar, nil, box)
	case doc.List:
		box := container.NewVBox()
		for i, item := range b.Children {
			mark := "•"
			if b.Ordered {
				mark = strconv.Itoa(b.Start+i) + "."
			}
			inner := container.NewVBox()
			for _, c := range item.Children {
				inner.Add(pg.block(c, depth+1))
			}
			m := widget.NewLabel(mark)
			box.Add(container.NewBorder(nil, nil, m, nil, inner))
		}
		return box
	case doc.Table:
		return pg.table(b.Table)
	case doc.ListItem:
		box := container.NewVBox()
		for _, c := range b.Children {
			box.Add(pg.block(c, depth+1))
		}
		return box
	}
	return widget.NewLabel("")
}

func (pg *docPage) table(t *doc.TableData) fyne.CanvasObject {
	if t == nil {
		return widget.NewLabel("")
	}
	cols := len(t.Header)
	if cols == 0 {
		return widget.NewLabel("")
	}
	grid := container.NewGridWithColumns(cols)
	for _, h := range t.Header {
		grid.Add(pg.rich(pg.inlines(h, widget.RichTextStyleStrong)))
	}
	for _, row := range t.Rows {
		for i := 0; i < cols; i++ {
			var cell []doc.Inline
			if i < len(row) {
				cell = row[i]
			}
			grid.Add(pg.rich(pg.inlines(cell, widget.RichTextStyleInline)))
		}
	}
	return grid
}

func (pg *docPage) rich(segs []widget.RichTextSegment) *widget.RichText {
	r := widget.NewRichText(segs...)
	r.Wrapping = fyne.TextWrapWord
	return r
}

// inlines turns runs into segments; a paragraph-level style becomes inline
// for the runs so only the last one ends the paragraph.
func (pg *docPage) inlines(runs []doc.Inline, base widget.RichTextStyle) []widget.RichTextSegment {
	inline := base
	inline.Inline = true
	var segs []widget.RichTextSegment
	for i := 0; i < len(runs); i++ {
		in := runs[i]
		st := inline
		if in.Style&doc.Emph != 0 {
			st.TextStyle.Italic = true
		}
		if in.Style&doc.Strong != 0 {
			st.TextStyle.Bold = true
		}
		if in.Style&doc.Mono != 0 {
			st.TextStyle.Monospace = true
		}
		if in.Link != "" {
			// Merge the runs of one link into one tappable segment.
			text := in.Text
			for i+1 < len(runs) && runs[i+1].Link == in.Link && runs[i+1].Cite == in.Cite {
				i++
				text += runs[i].Text
			}
			dest := in.Link
			h := &widget.HyperlinkSegment{Text: text, OnTapped: func() {
				if pg.onLink != nil {
					pg.onLink(dest)
				}
			}}
			pg.links = append(pg.links, h)
			segs = append(segs, h)
			continue
		}
		segs = append(segs, &widget.TextSegment{Text: in.Text, Style: st})
	}
	if len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: "", Style: base})
	}
	// The last text run carries the block style so the paragraph ends.
	if ts, ok := segs[len(segs)-1].(*widget.TextSegment); ok {
		ts.Style.Inline = base.Inline
	}
	return segs
}

// Flash tints block i for a moment.
func (pg *docPage) Flash(i int) {
	if i < 0 || i >= len(pg.flash) {
		return
	}
	r := pg.flash[i]
	r.FillColor = tintFlash
	r.Refresh()
	afterDelay(1500*time.Millisecond, func() {
		r.FillColor = color.Transparent
		r.Refresh()
	})
}

// Flashing reports whether block i is tinted.
func (pg *docPage) Flashing(i int) bool {
	return i >= 0 && i < len(pg.flash) && pg.flash[i].FillColor == tintFlash
}

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
