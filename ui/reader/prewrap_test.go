package reader

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// TestPrewrapMatchesFyneWrapping: over every word-wrapped block of the
// bundled pack at five widths, the lines prewrap breaks keep every word in
// order, never come out wider than the block, never split a link, and give
// the same number of lines as Fyne's own wrapping nearly always (a link
// that straddled the end of a line moves to the next one whole).
func TestPrewrapMatchesFyneWrapping(t *testing.T) {
	test.NewTempApp(t)
	p := bundledPack(t)
	checked, same := 0, 0
	for _, d := range []*doc.Document{p.Article, p.Limitations, p.Guidance} {
		for _, b := range d.Blocks {
			for _, w := range []float32{400, 550, 700, 850, 1000} {
				rt, ok := RenderBlock(d, b, nil, RenderOptions{OnLink: func(string) {}}).(*widget.RichText)
				if !ok || rt.Wrapping != fyne.TextWrapWord {
					continue
				}
				segs, ok := prewrap(rt.Segments, w)
				if !ok {
					continue
				}
				checked++
				var before, after strings.Builder
				links := 0
				for i, s := range rt.Segments {
					before.WriteString(s.Textual())
					after.WriteString(strings.ReplaceAll(segs[i].Textual(), "\n", " "))
					if h, ok := s.(*widget.HyperlinkSegment); ok {
						links++
						if segs[i] != h {
							t.Fatalf("a link was changed: %q", h.Text)
						}
					}
				}
				if strings.Join(strings.Fields(before.String()), " ") != strings.Join(strings.Fields(after.String()), " ") {
					t.Fatalf("width %v: text changed:\n%q\n%q", w, before.String(), after.String())
				}
				ours := widget.NewRichText(segs...)
				if ours.MinSize().Width > w {
					t.Errorf("width %v: a line is %v wide: %q", w, ours.MinSize().Width, after.String())
				}
				rt.Resize(fyne.NewSize(w, 10))
				ours.Resize(fyne.NewSize(w, 10))
				if rt.MinSize().Height == ours.MinSize().Height {
					same++
				}
			}
		}
	}
	if checked < 200 {
		t.Fatalf("only %d blocks pre-wrapped", checked)
	}
	if same < checked*98/100 {
		t.Errorf("%d of %d blocks have as many lines as Fyne's wrapping", same, checked)
	}
}

// TestPrewrapLeavesOtherBlocksToFyne: lists, code, text with line breaks
// and a word wider than the block keep Fyne's wrapping.
func TestPrewrapLeavesOtherBlocksToFyne(t *testing.T) {
	test.NewTempApp(t)
	inline := widget.RichTextStyleInline
	for name, segs := range map[string][]widget.RichTextSegment{
		"list":       {&widget.ListSegment{Items: []widget.RichTextSegment{&widget.TextSegment{Text: "a", Style: inline}}}},
		"code":       {&widget.CodeBlockSegment{Text: "x := 1"}},
		"line break": {&widget.TextSegment{Text: "one\ntwo", Style: inline}},
		"wide word":  {&widget.TextSegment{Text: strings.Repeat("w", 400), Style: inline}},
	} {
		if _, ok := prewrap(segs, 300); ok {
			t.Errorf("%s was pre-wrapped", name)
		}
	}
	if segs, ok := prewrap([]widget.RichTextSegment{&widget.TextSegment{Text: strings.Repeat("word ", 100), Style: inline}}, 300); !ok || strings.Count(segs[0].Textual(), "\n") < 5 {
		t.Errorf("a long plain paragraph was not broken into lines: %v", ok)
	}
}
