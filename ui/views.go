package ui

import (
	"fyne.io/fyne/v2/theme"

	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// The views after the article, in sidebar order, each given the shell's
// link policy, and the search palette over a per-pack index.
func init() {
	viewMakers = []viewMaker{
		{reader.ViewStudies, "Studies", theme.GridIcon, func(c *reader.Context) reader.View {
			v := reader.NewStudiesView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
		{reader.ViewLimitations, "Limitations", theme.WarningIcon, func(c *reader.Context) reader.View {
			v := reader.NewLimitationsView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
		{reader.ViewGuidance, "Guidance", theme.HelpIcon, func(c *reader.Context) reader.View {
			v := reader.NewGuidanceView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
		{reader.ViewReferences, "References", theme.StorageIcon, func(c *reader.Context) reader.View {
			v := reader.NewReferencesView(c.Pack, c.Nav, c.Window)
			v.OpenURL = c.OpenLink
			return v
		}},
	}
	searchOpener = (*reader.Context).OpenSearch
	searchTyper = func(c *reader.Context, q string) {
		if p := c.Palette(); p != nil {
			p.SetQueryNow(q)
		}
	}
}

// palette returns the open search palette (for tests), nil before Ctrl+K.
func (s *Shell) palette() *reader.SearchPalette {
	if s.ctx == nil {
		return nil
	}
	return s.ctx.Palette()
}
