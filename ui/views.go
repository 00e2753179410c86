package ui

import (
	"fyne.io/fyne/v2/theme"

	"github.com/evidence-reader/evidence-reader/internal/search"
)

// The views after the article, in sidebar order, each given the shell's
// link policy, and the search palette over a per-pack index.
func init() {
	viewMakers = []viewMaker{
		{ViewStudies, "Studies", theme.GridIcon, func(c *Context) View {
			v := NewStudiesView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
		{ViewLimitations, "Limitations", theme.WarningIcon, func(c *Context) View {
			v := NewLimitationsView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
		{ViewGuidance, "Guidance", theme.HelpIcon, func(c *Context) View {
			v := NewGuidanceView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
		{ViewReferences, "References", theme.StorageIcon, func(c *Context) View {
			v := NewReferencesView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
	}
	searchOpener = func(c *Context) {
		c.palette = ShowSearch(c.Pack, c.searchIndex(), c.Nav, c.Window)
	}
	searchTyper = func(c *Context, q string) {
		if c.palette != nil {
			c.palette.SetQueryNow(q)
		}
	}
}

// searchIndex builds the pack's search index on first use.
func (c *Context) searchIndex() *search.Index {
	if c.index == nil {
		c.index = search.NewIndex(c.Pack)
	}
	return c.index
}

// palette returns the open search palette (for tests), nil before Ctrl+K.
func (s *Shell) palette() *SearchPalette {
	if s.ctx == nil {
		return nil
	}
	return s.ctx.palette
}
