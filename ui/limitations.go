package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

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

	page   *docPage
	box    *fyne.Container
	scroll *container.Scroll
}

// NewLimitationsView builds the limitations view over p.
func NewLimitationsView(p *pack.Pack, nav Navigator, win fyne.Window) *LimitationsView {
	v := &LimitationsView{p: p, nav: nav, win: win}
	v.page = newDocPage(p.Limitations, v.follow)
	v.box = container.NewVBox(v.page.blocks...)
	v.scroll = container.NewVScroll(container.NewPadded(container.New(readableWidth{}, v.box)))
	return v
}

// Object implements View.
func (v *LimitationsView) Object() fyne.CanvasObject { return v.scroll }

// Position implements View.
func (v *LimitationsView) Position() Location {
	return Location{View: ViewLimitations, Block: blockAt(v.box, v.scroll.Offset.Y), Offset: v.scroll.Offset.Y}
}

// Reveal implements View: scrolls to the block and flashes it when asked.
func (v *LimitationsView) Reveal(loc Location) {
	revealBlock(v.scroll, v.box, v.page, loc)
}

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

// blockAt is the index of the block at scroll offset y.
func blockAt(box *fyne.Container, y float32) int {
	for i, o := range box.Objects {
		if o.Position().Y+o.Size().Height > y {
			return i
		}
	}
	return len(box.Objects) - 1
}

func revealBlock(scroll *container.Scroll, box *fyne.Container, pg *docPage, loc Location) {
	if loc.Block < 0 || loc.Block >= len(box.Objects) {
		if loc.Offset > 0 {
			scroll.ScrollToOffset(fyne.NewPos(0, loc.Offset))
		}
		return
	}
	y := box.Objects[loc.Block].Position().Y
	if loc.Offset > 0 && !loc.Highlight {
		y = loc.Offset
	}
	scroll.ScrollToOffset(fyne.NewPos(0, y))
	if loc.Highlight {
		pg.Flash(loc.Block)
	}
}
