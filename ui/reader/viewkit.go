package reader

import (
	"image/color"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// Tints are translucent so they read on both the light and the dark theme;
// every tint is paired with a text label, so colour never carries meaning alone.
// The outcome types' tints are widgets.OutcomeTint, which the slides share.
var (
	tintReview  = widgets.OutcomeTint(pack.ToneSecondary)
	tintGreen   = color.NRGBA{R: 0x2e, G: 0xa0, B: 0x43, A: 0xff}
	tintAmber   = color.NRGBA{R: 0xe0, G: 0xa0, B: 0x10, A: 0xff}
	tintRed     = color.NRGBA{R: 0xd0, G: 0x3b, B: 0x3b, A: 0xff}
	tintGrey    = color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 0xff}
	tintFlash   = color.NRGBA{R: 0xff, G: 0xc1, B: 0x07, A: 0x50}
	tintDiffers = color.NRGBA{R: 0xff, G: 0xb3, B: 0x00, A: 0x1c}
	tintCard    = color.NRGBA{R: 0x2a, G: 0x9d, B: 0x8f, A: 0x20}
)

// outcomeTint is the background of a study row by its outcome type's tone:
// mechanism-like results, the pack's main outcome, the rest (the colours
// the slides' badges have too).
func outcomeTint(v *pack.Vocabulary, outcome string) color.Color {
	return widgets.OutcomeTint(v.Outcome(outcome).Tone)
}

func verdictColor(v string) color.Color {
	switch v {
	case "yes":
		return tintGreen
	case "mixed":
		return tintAmber
	case "no":
		return tintRed
	}
	return tintGrey
}

func alpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// chip is a small rounded badge: a tinted background behind a text label.
func chip(text string, fill color.Color) *fyne.Container {
	bg := canvas.NewRectangle(alpha(fill, 0x50))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	bg.StrokeColor = fill
	bg.StrokeWidth = 1
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(-4, -4, 2, 2), l))
}

// dot is a coloured circle used beside a text judgement.
func dot(fill color.Color) fyne.CanvasObject {
	c := canvas.NewCircle(fill)
	s := theme.TextSize()
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(s, s), c))
}

// para is a word-wrapped label.
func para(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// strongPara is a bold word-wrapped label.
func strongPara(text string) *widget.Label {
	l := para(text)
	l.TextStyle.Bold = true
	return l
}

// heading is a section heading inside a view.
func heading(text string) *widget.RichText {
	r := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyleSubHeading})
	r.Wrapping = fyne.TextWrapWord
	return r
}

// bullets lists items as wrapped "•" paragraphs.
func bullets(items []string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, it := range items {
		box.Add(para("•  " + it))
	}
	return box
}

// card puts content on a soft tinted background with a border.
func card(fill color.Color, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(cardRect(fill), container.NewPadded(content))
}

// cardRect is a card's background: rounded, tinted, with a border.
func cardRect(fill color.Color) *canvas.Rectangle {
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = theme.InputRadiusSize() * 2
	bg.StrokeColor = alpha(fill, 0xa0)
	bg.StrokeWidth = 1
	return bg
}

// URLOpener opens an external address; the shell sets one that applies the
// app's link policy. nil means defaultOpenURL.
type URLOpener func(raw string)

// defaultOpenURL shows the address first and opens only https links, so a
// view used without the shell can never open anything else.
func defaultOpenURL(win fyne.Window, raw string) {
	u, err := url.Parse(raw)
	if err != nil || !strings.EqualFold(u.Scheme, "https") || u.Host == "" {
		dialog.ShowInformation("Link not opened", "This address is shown but not opened:\n"+raw, win)
		return
	}
	widgets.ShowConfirm("Open in your browser?", raw, "Open", "Cancel", func(ok bool) {
		if ok {
			_ = fyne.CurrentApp().OpenURL(u)
		}
	}, win)
}

// copyText puts text on the system clipboard.
func copyText(win fyne.Window, text string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Clipboard().SetContent(text)
	}
}

// hintLabel is quiet explanatory text.
func hintLabel(text string) *widget.Label {
	l := para(text)
	l.TextStyle.Italic = true
	return l
}

// quietLabel is quiet text on one line, for legends and toolbars.
func quietLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Italic = true
	return l
}

// keyLabel is a bold one-line label for the left column of a form.
func keyLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// AfterDelay runs f on the UI goroutine after d; the views use it to undo
// a highlight or a "Copied" label. Tests (here and in the shell's package)
// replace it, because the test driver runs fyne.Do inline on the timer's
// goroutine.
var AfterDelay = func(d time.Duration, f func()) {
	time.AfterFunc(d, func() { fyne.Do(f) })
}

// openWith opens raw through the shell's link policy when the view was
// given one, else through the cautious default.
func openWith(policy func(string), win fyne.Window, raw string) {
	if policy != nil {
		policy(raw)
		return
	}
	defaultOpenURL(win, raw)
}
