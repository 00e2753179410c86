package widgets

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/links"
)

// LinkActions are what OpenLink does for each kind of link; tests replace
// OpenURL to see what would have been opened.
type LinkActions struct {
	// OpenURL opens an http, https or mailto address outside the app.
	OpenURL func(u *url.URL) error
	// Cite shows the cited references; Study jumps to a study.
	Cite  func(ids []string)
	Study func(id string)
}

// OpenLink applies internal/links' policy to dest. External addresses are
// shown in a confirmation dialog first; blocked ones in a dialog that says
// why. It returns the decision so callers and tests can see it.
func OpenLink(w fyne.Window, dest string, act LinkActions) links.Decision {
	d := links.Classify(dest)
	switch d.Action {
	case links.Cite:
		if act.Cite != nil {
			act.Cite(d.Targets)
		}
	case links.Study:
		if act.Study != nil {
			act.Study(d.Targets[0])
		}
	case links.External:
		u, err := url.Parse(d.URL)
		if err != nil {
			break
		}
		addr := widget.NewLabel(d.URL)
		addr.Selectable = true
		addr.Wrapping = fyne.TextWrapBreak
		msg := widget.NewLabel("This opens outside Evidence Reader, in your browser or mail program:")
		msg.Wrapping = fyne.TextWrapWord
		c := NewConfirmDialog("Open in your browser?", "Open", "Cancel",
			container.NewVBox(msg, addr), func(ok bool) {
				if ok && act.OpenURL != nil {
					if err := act.OpenURL(u); err != nil {
						dialog.ShowError(err, w)
					}
				}
			}, w)
		c.Resize(fyne.NewSize(480, 0))
		c.Show()
	default:
		addr := widget.NewLabel(d.Shown) // escaped and cut: a 100 KB address took seconds to lay out
		addr.Selectable = true
		addr.Wrapping = fyne.TextWrapBreak
		why := widget.NewLabel(d.Reason)
		why.Wrapping = fyne.TextWrapWord
		c := NewCloseDialog("This link is not opened", container.NewVBox(why, addr), w)
		c.Resize(fyne.NewSize(480, 0))
		c.Show()
	}
	return d
}
