package reader

import (
	"strings"

	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// LimitationsView renders limitations.md; each limitation's study: links
// jump to that study in the studies view.
type LimitationsView struct {
	p   *pack.Pack
	nav Navigator
	win fyne.Window
	// OpenURL opens a web link; the shell sets it to its link policy.
	OpenURL URLOpener

	// Docs is the rendered page, the same DocView as the article's.
	Docs *DocView
}

// NewLimitationsView builds the limitations view over p.
func NewLimitationsView(p *pack.Pack, nav Navigator, win fyne.Window) *LimitationsView {
	v := &LimitationsView{p: p, nav: nav, win: win}
	v.Docs = NewDocView(p.Limitations, RenderOptions{OnLink: v.follow})
	v.Docs.SetReadable(1)
	return v
}

// Object implements View.
func (v *LimitationsView) Object() fyne.CanvasObject { return v.Docs.Object() }

// Position implements View.
func (v *LimitationsView) Position() Location { return v.Docs.Position(ViewLimitations) }

// Reveal implements View: scrolls to the block and flashes it when asked.
func (v *LimitationsView) Reveal(loc Location) { v.Docs.Show(loc) }

func (v *LimitationsView) follow(dest string) {
	followLink(dest, v.nav, v.win, v.OpenURL)
}

// followLink sends study: and cite: links inside the pack, https links to
// the opener, and explains any other destination without opening it.
func followLink(dest string, nav Navigator, win fyne.Window, open URLOpener) {
	if id := studyLinkID(dest); id != "" {
		nav.Go(Location{View: ViewStudies, Block: -1, Study: id, Highlight: true})
		return
	}
	if keys, ok := strings.CutPrefix(dest, "cite:"); ok {
		if k := strings.TrimSpace(strings.Split(keys, ";")[0]); k != "" {
			nav.Go(Location{View: ViewReferences, Block: -1, Ref: k, Highlight: true})
		}
		return
	}
	if open != nil {
		open(dest)
		return
	}
	if win != nil {
		defaultOpenURL(win, dest)
	}
}
