package reader

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

func TestLimitationsStudyLinksNavigate(t *testing.T) {
	test.NewTempApp(t)
	p := examplePack(t)
	nav := &fakeNav{}
	w := test.NewTempWindow(t, nil)
	v := NewLimitationsView(p, nav, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(900, 600))
	links := docLinks(v.Docs)
	if len(links) != 3 {
		t.Fatalf("%d links, want the 3 study: links", len(links))
	}
	var got []string
	for _, l := range links {
		l.OnTapped()
		loc := nav.last(t)
		if loc.View != ViewStudies || !loc.Highlight {
			t.Errorf("%q went to %+v", l.Text, loc)
		}
		got = append(got, loc.Study)
	}
	if strings.Join(got, ",") != "example2020,sample2018,placeholder2021" {
		t.Errorf("study links went to %v", got)
	}
}

func TestLimitationsRevealFlashesBlock(t *testing.T) {
	test.NewTempApp(t)
	p := examplePack(t)
	w := test.NewTempWindow(t, nil)
	v := NewLimitationsView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(600, 300))
	last := len(p.Limitations.Blocks) - 1
	v.Reveal(Location{View: ViewLimitations, Block: last, Highlight: true})
	if !v.Docs.Flashing(last) || v.Docs.LastFlashed() != last {
		t.Error("revealed block is not highlighted")
	}
	if v.Docs.Offset() <= 0 {
		t.Error("reveal of the last block did not scroll")
	}
	// The saved position is where the view now is: the block at the top
	// of the view (BlockAt: the last block starting at most two gaps below
	// the offset) and how far into it the offset is.
	pos := v.Position()
	if pos.View != ViewLimitations || pos.Offset <= 0 || pos.Block < 0 || pos.Block > last {
		t.Fatalf("position after reveal = %+v", pos)
	}
	slack := 2 * v.Docs.gap()
	top, next := v.Docs.BlockY(pos.Block), v.Docs.BlockY(pos.Block+1)
	if pos.Block == last {
		next = pos.Offset + slack + 1
	}
	if top > pos.Offset+slack || next <= pos.Offset+slack || math.Abs(float64(top+pos.Delta-pos.Offset)) > 0.5 {
		t.Errorf("position after reveal = %+v: block %d spans %v to %v", pos, pos.Block, top, next)
	}
}

func TestFollowLinkPolicy(t *testing.T) {
	nav := &fakeNav{}
	var opened []string
	open := func(u string) { opened = append(opened, u) }
	followLink("study:kostek2007", nav, nil, open)
	if l := nav.last(t); l.View != ViewStudies || l.Study != "kostek2007" {
		t.Errorf("study link went to %+v", l)
	}
	followLink("cite:a;b", nav, nil, open)
	if l := nav.last(t); l.View != ViewReferences || l.Ref != "a" {
		t.Errorf("cite link went to %+v", l)
	}
	followLink("https://example.org", nav, nil, open)
	if len(opened) != 1 || opened[0] != "https://example.org" {
		t.Errorf("web link opened %v", opened)
	}
}

func TestGuidanceHelpCardAndNotice(t *testing.T) {
	test.NewTempApp(t)
	p := bundledPack(t)
	w := test.NewTempWindow(t, nil)
	v := NewGuidanceView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(800, 600))
	if v.helpCard == nil {
		t.Fatal("no help card")
	}
	if h := doc.PlainText(p.Guidance.Blocks[v.helpStart].Inlines); !strings.Contains(strings.ToLower(h), "seek help") {
		t.Errorf("help card starts at %q", h)
	}
	if v.helpEnd <= v.helpStart+1 {
		t.Errorf("help card holds blocks %d..%d", v.helpStart, v.helpEnd)
	}
	if !strings.Contains(v.notice.Text, "not medical advice") || !strings.Contains(v.notice.Text, "Last reviewed") {
		t.Errorf("notice = %q", v.notice.Text)
	}
	// A block inside the card can still be revealed.
	v.Reveal(Location{View: ViewGuidance, Block: v.helpStart + 1, Highlight: true})
	if !v.Docs.Flashing(v.helpStart + 1) {
		t.Error("block inside the help card not highlighted")
	}
	if y, off := v.Docs.BlockY(v.helpStart+1), v.Docs.Offset(); y < off || y >= off+v.Docs.Scroll.Size().Height {
		t.Errorf("revealed block at %v is not in view at offset %v", y, off)
	}
	// The card spans the section's blocks and nothing else.
	v.Docs.Show(Location{Block: v.helpStart})
	card := v.helpCard
	top, bottom := card.Position().Y, card.Position().Y+card.Size().Height
	if top > v.Docs.BlockY(v.helpStart) || bottom < v.Docs.BlockY(v.helpEnd-1) {
		t.Errorf("card %v..%v does not cover blocks %d..%d", top, bottom, v.helpStart, v.helpEnd-1)
	}
	if v.helpEnd < len(p.Guidance.Blocks) && bottom > v.Docs.BlockY(v.helpEnd) {
		t.Errorf("card reaches into block %d", v.helpEnd)
	}
	// Lines are broken where the text wraps (prewrap), so the words are
	// compared without the breaks.
	if !strings.Contains(strings.Join(strings.Fields(textOf(v.Object())), " "), "not medical advice") {
		t.Error("the notice is not shown above the page")
	}
}

// docLinks is every link segment in a DocView's blocks, in order.
func docLinks(v *DocView) []*widget.HyperlinkSegment {
	var out []*widget.HyperlinkSegment
	for i := range v.Doc.Blocks {
		walk(v.Rendered(i), func(o fyne.CanvasObject) bool {
			if rt, ok := o.(*widget.RichText); ok {
				out = append(out, hyperlinks(rt.Segments)...)
			}
			return true
		})
	}
	return out
}

func hyperlinks(segs []widget.RichTextSegment) []*widget.HyperlinkSegment {
	var out []*widget.HyperlinkSegment
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.HyperlinkSegment:
			out = append(out, s)
		case interface {
			Segments() []widget.RichTextSegment
		}:
			out = append(out, hyperlinks(s.Segments())...)
		}
	}
	return out
}
