package reader

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

	// Docs is the rendered page, the same DocView as the article's.
	Docs *DocView
	// helpCard is the card behind the "when to seek help" section, nil
	// when the page has none.
	helpCard fyne.CanvasObject
	// helpStart and helpEnd are the help section's block range.
	helpStart, helpEnd int
	notice             *widget.Label
}

// NewGuidanceView builds the guidance view over p.
func NewGuidanceView(p *pack.Pack, nav Navigator, win fyne.Window) *GuidanceView {
	v := &GuidanceView{p: p, nav: nav, win: win}
	v.Docs = NewDocView(p.Guidance, RenderOptions{OnLink: func(dest string) { followLink(dest, v.nav, v.win, v.OpenURL) }})
	v.Docs.SetReadable(4)
	v.notice = widget.NewLabel(noticeText(p))
	v.notice.Wrapping = fyne.TextWrapWord
	v.Docs.SetHeader(card(tintReview, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, v.notice)))
	v.helpStart, v.helpEnd = helpSection(p.Guidance)
	if v.helpStart >= 0 {
		v.helpCard = v.Docs.SetBand(v.helpStart, v.helpEnd, tintCard)
	}
	return v
}

// Object implements View.
func (v *GuidanceView) Object() fyne.CanvasObject { return v.Docs.Object() }

// Position implements View.
func (v *GuidanceView) Position() Location { return v.Docs.Position(ViewGuidance) }

// Reveal implements View.
func (v *GuidanceView) Reveal(loc Location) { v.Docs.Show(loc) }

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
		t := strings.ToLower(doc.PlainText(b.Inlines))
		if strings.Contains(t, "seek help") || strings.Contains(t, "get help") || strings.Contains(t, "getting help") || strings.Contains(t, "find help") {
			return i, sectionEnd(d, i)
		}
	}
	return -1, -1
}
