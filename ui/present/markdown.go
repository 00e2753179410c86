package present

import (
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// slideMarkdown parses a slide's body or its notes with Fyne's Markdown
// parser and replaces every image with its alt text, as the reader and the
// handout do. A slides.md is hostile input and a presentation makes no
// network call: Fyne turns ![x](https://…) into an image segment, and
// drawing one reads its address synchronously on the UI goroutine (an
// http(s) download, or file:///dev/zero for ever). The segments are taken
// from a RichText that is never drawn, so no image is ever loaded. A
// symbol followed by a space is cut apart (widgets.SymbolSafeSegments).
func slideMarkdown(src string) []widget.RichTextSegment {
	segs := widget.NewRichTextFromMarkdown(src).Segments
	alts := map[string][]string{}
	for _, im := range deck.Images(src) {
		k := imageKey(im.Dest)
		alts[k] = append(alts[k], im.Alt)
	}
	return widgets.SymbolSafeSegments(withoutImages(segs, alts))
}

// imageKey is the address of an image as Fyne's Markdown parser makes its
// segment's Source (widget/markdown_image_notweb.go), so that a segment
// finds the alt text deck.Images read for it.
func imageKey(dest string) string {
	u, err := storage.ParseURI(dest)
	if err != nil {
		u = storage.NewFileURI(dest)
	}
	return u.String()
}

// withoutImages replaces each image segment in segs, at any depth, with
// its alt text (taken in order from alts by address; its title when the
// alt text is not known), or drops it when it has none.
func withoutImages(segs []widget.RichTextSegment, alts map[string][]string) []widget.RichTextSegment {
	out := segs[:0]
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.ImageSegment:
			alt := x.Title
			if x.Source != nil {
				if q := alts[x.Source.String()]; len(q) > 0 {
					alt, alts[x.Source.String()] = q[0], q[1:]
				}
			}
			if alt == "" {
				continue
			}
			out = append(out, &widget.TextSegment{Text: alt, Style: widget.RichTextStyleInline})
			continue
		case *widget.ParagraphSegment:
			x.Texts = withoutImages(x.Texts, alts)
		case *widget.ListSegment:
			x.Items = withoutImages(x.Items, alts)
		case *widget.TableSegment:
			for i := range x.Headers {
				x.Headers[i] = withoutImages(x.Headers[i], alts)
			}
			for _, row := range x.Rows {
				for i := range row {
					row[i] = withoutImages(row[i], alts)
				}
			}
		}
		out = append(out, s)
	}
	return out
}
