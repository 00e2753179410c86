package ui

import (
	"github.com/evidence-reader/evidence-reader/ui/benchhook"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// benchTargets tells ui/benchhook (make bench) what it may show: every
// sidebar view in order, and the article's scroller.
func (s *Shell) benchTargets() benchhook.Targets {
	var views []func()
	for _, v := range s.order {
		name := v.name
		views = append(views, func() { s.GoView(name) })
	}
	return benchhook.Targets{
		Views: views,
		Scroll: func() *benchhook.Scroller {
			s.GoView(reader.ViewArticle)
			if s.article == nil || s.article.Docs == nil {
				return nil
			}
			d := s.article.Docs
			// The article is virtualized: ScrollTo lays out the blocks that
			// come into view, as scrolling by wheel or scroll bar does.
			return &benchhook.Scroller{
				Offset:   d.Offset,
				ScrollTo: d.ScrollTo,
				Page:     func() float32 { return d.Scroll.Size().Height },
			}
		},
	}
}
