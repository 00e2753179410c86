package reader

import (
	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
)

// Context is what the shell gives every view: the pack, the window for
// dialogs, the navigator, and the shared link and citation behaviour.
type Context struct {
	Pack   *pack.Pack
	Window fyne.Window
	Nav    Navigator
	// OpenLink applies the link policy to a link destination exactly as
	// written: web and mail links open after confirmation, cite: and study:
	// jump inside the pack, anything else is explained and never opened.
	OpenLink func(dest string)
	// ShowReferences shows the references with the given ids (with the
	// study row, links and "cited in") without leaving the current view.
	ShowReferences func(ids []string)
	// HasView reports whether a view exists in this build, so a view only
	// offers jumps that can work.
	HasView func(name string) bool

	index   *search.Index
	palette *SearchPalette
}

// OpenSearch shows the search-everywhere palette over the pack, building
// the pack's search index on first use.
func (c *Context) OpenSearch() {
	c.palette = ShowSearch(c.Pack, c.searchIndex(), c.Nav, c.Window)
}

// Palette is the search palette OpenSearch showed last, nil before the
// first.
func (c *Context) Palette() *SearchPalette { return c.palette }

// searchIndex builds the pack's search index on first use.
func (c *Context) searchIndex() *search.Index {
	if c.index == nil {
		c.index = search.NewIndex(c.Pack)
	}
	return c.index
}
