package reader

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// referenceText renders a reference in APA 7 style, journal and volume in italics.
func referenceText(r *pack.Reference) *widget.RichText {
	var segs []widget.RichTextSegment
	for _, s := range cite.APASegments(*r) {
		st := widget.RichTextStyleInline
		if s.Italic {
			st.TextStyle = fyne.TextStyle{Italic: true}
		}
		segs = append(segs, &widget.TextSegment{Text: s.Text, Style: st})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// highlightSegments splits text at the given rune ranges so matched runes
// are drawn bold in the highlight colour. Ranges are rune offsets, so
// "Löberbauer" is cut between letters, never inside a UTF-8 sequence.
func highlightSegments(text string, ranges []search.Range, base widget.RichTextStyle) []widget.RichTextSegment {
	runes := []rune(text)
	ranges = append([]search.Range(nil), ranges...)
	sort.Slice(ranges, func(i, j int) bool { return ranges[i].Start < ranges[j].Start })
	hi := base
	hi.TextStyle.Bold = true
	hi.ColorName = widgets.ColorNameHighlight
	var segs []widget.RichTextSegment
	pos := 0
	for _, r := range ranges {
		s, e := r.Start, r.End
		if s < pos {
			s = pos
		}
		if e > len(runes) {
			e = len(runes)
		}
		if s >= e {
			continue
		}
		if s > pos {
			segs = append(segs, &widget.TextSegment{Text: string(runes[pos:s]), Style: base})
		}
		segs = append(segs, &widget.TextSegment{Text: string(runes[s:e]), Style: hi})
		pos = e
	}
	if pos < len(runes) || len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: string(runes[pos:]), Style: base})
	}
	return widgets.SymbolSafeSegments(segs)
}
