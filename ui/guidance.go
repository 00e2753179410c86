package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// GuidanceView renders guidance.md in a calm, narrow column. The
// help-seeking section sits on a soft card, and a notice that this is not
// medical advice stays at the top with the review dates.
type GuidanceView struct {
	p   *pack.Pack
	nav Navigator
	win fyne.Window
	// OpenURL opens a web link; the shell sets it to its link policy.
	OpenURL URLOpener

	page   *docPage
	box    *fyne.Container
	scroll *container.Scroll
	root   fyne.CanvasObject
	// helpCard is the "when to seek help" card, nil when the page has none.
	helpCard fyne.CanvasObject
	// helpStart and helpEnd are the help section's block range.
	helpStart, helpEnd int
	notice             *widget.Label
}

// NewGuidanceView builds the guidance view over p.
func NewGuidanceView(p *pack.Pack, nav Navigator, win fyne.Window) *GuidanceView {
	v := &GuidanceView{p: p, nav: nav, win: win}
	v.page = newDocPage(p.Guidance, func(dest string) { followLink(dest, v.nav, v.win, v.OpenURL) })
	// box keeps one object per block, so block indexes still address it;
	// the help section's blocks are drawn inside the card and left empty here.
	objs := append([]fyne.CanvasObject(nil), v.page.blocks...)
	start, end := helpSection(p.Guidance)
	v.helpStart, v.helpEnd = start, end
	if start >= 0 {
		inner := container.NewVBox(objs[start:end]...)
		v.helpCard = card(tintCard, inner)
		rest := make([]fyne.CanvasObject, 0, len(objs))
		rest = append(rest, objs[:start]...)
		rest = append(rest, v.helpCard)
		for i := start + 1; i < end; i++ {
			rest = append(rest, emptyBlock())
		}
		objs = append(rest, objs[end:]...)
	}
	v.box = container.NewVBox(objs...)

	v.notice = widget.NewLabel(noticeText(p))
	v.notice.Wrapping = fyne.TextWrapWord
	top := card(tintReview, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, v.notice))
	body := container.NewVBox(top, v.box)
	v.scroll = container.NewVScroll(container.New(layoutPadded{}, container.New(readableWidth{}, body)))
	v.root = v.scroll
	return v
}

// Object implements View.
func (v *GuidanceView) Object() fyne.CanvasObject { return v.root }

// Position implements View.
func (v *GuidanceView) Position() Location {
	return Location{View: ViewGuidance, Block: blockAt(v.box, v.scroll.Offset.Y), Offset: v.scroll.Offset.Y}
}

// Reveal implements View.
func (v *GuidanceView) Reveal(loc Location) {
	if v.helpCard != nil && loc.Block > v.helpStart && loc.Block < v.helpEnd {
		// The block is drawn inside the card: scroll to its place there.
		y := v.box.Position().Y + v.helpCard.Position().Y + v.page.blocks[loc.Block].Position().Y
		v.scroll.ScrollToOffset(fyne.NewPos(0, y))
		if loc.Highlight {
			v.page.Flash(loc.Block)
		}
		return
	}
	revealBlock(v.scroll, v.box, v.page, loc)
}

// noticeText is the notice shown above the guidance, with the review dates.
func noticeText(p *pack.Pack) string {
	parts := []string{"General information, not medical advice. It cannot replace a conversation with a doctor or a mental-health professional who knows you."}
	var dates []string
	if d := p.Meta.LastReviewed; d.Valid() {
		dates = append(dates, "Last reviewed "+d.Format("2 January 2006"))
	}
	if d := p.Meta.NextReview; d.Valid() {
		dates = append(dates, "next review due "+d.Format("2 January 2006"))
	}
	if len(dates) > 0 {
		parts = append(parts, strings.Join(dates, "; ")+".")
	}
	return strings.Join(parts, " ")
}

// helpSection finds the section whose heading mentions seeking help and
// returns its block range, or -1.
func helpSection(d *doc.Document) (int, int) {
	for i, b := range d.Blocks {
		if b.Kind != doc.Heading {
			continue
		}
		t := strings.ToLower(headingText(b))
		if strings.Contains(t, "seek help") || strings.Contains(t, "get help") || strings.Contains(t, "getting help") || strings.Contains(t, "find help") {
			return i, sectionEnd(d, i)
		}
	}
	return -1, -1
}

func emptyBlock() fyne.CanvasObject {
	e := container.NewWithoutLayout()
	e.Hide()
	return e
}

// layoutPadded gives the page generous margins.
type layoutPadded struct{}

func (layoutPadded) pad() float32 { return theme.Padding() * 4 }

func (l layoutPadded) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	p := l.pad()
	for _, o := range objs {
		o.Move(fyne.NewPos(p, p))
		o.Resize(fyne.NewSize(size.Width-2*p, size.Height-2*p))
	}
}

func (l layoutPadded) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(2*l.pad(), 2*l.pad())
}
