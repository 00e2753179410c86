package shelf

import (
	"strconv"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
)

// Progress says how far the reader got in a pack, in words the shelf can
// show without loading the pack: the view, how far through its document,
// the section there, or the study or reference on screen.
type Progress struct {
	// View is the view's name (article, studies, …); "" for not started.
	View string `json:"view,omitempty"`
	// Percent is how far through the view's document the reader is, 0 to
	// 100, by top-level block; -1 for views without a document.
	Percent int `json:"percent"`
	// Section is the heading above the reading position, "" for none.
	Section string `json:"section,omitempty"`
	// Item is the study or reference selected in its view, "" for none.
	Item string `json:"item,omitempty"`
}

// ProgressOf describes the reading position loc in p.
func ProgressOf(p *pack.Pack, loc settings.Location) Progress {
	pr := Progress{View: loc.View, Percent: -1}
	if p == nil {
		return pr
	}
	var d *doc.Document
	switch loc.View {
	case "article":
		d = p.Article
	case "limitations":
		d = p.Limitations
	case "guidance":
		d = p.Guidance
	case "studies":
		if s, ok := p.Study(loc.Study); ok {
			pr.Item = s.Label
			if pr.Item == "" {
				pr.Item = s.ID
			}
		}
		return pr
	case "references":
		if r, ok := p.Reference(loc.Ref); ok {
			pr.Item = refLabel(p, *r)
		}
		return pr
	default:
		return pr
	}
	pr.Percent = 0
	if d == nil || len(d.Blocks) == 0 || loc.Block <= 0 {
		return pr
	}
	b := min(loc.Block, len(d.Blocks)-1)
	if n := len(d.Blocks) - 1; n > 0 {
		pr.Percent = b * 100 / n
	}
	for _, s := range d.Sections {
		if s.Block <= b {
			pr.Section = s.Title
		}
	}
	return pr
}

// refLabel names a reference the way the studies table does ("Stallknecht
// 2007"): its study's label, else first author and year, else its title.
func refLabel(p *pack.Pack, r pack.Reference) string {
	if s, ok := p.StudyForRef(r.ID); ok && s.Label != "" {
		return s.Label
	}
	if a := cite.FirstAuthorFamily(r); a != "" {
		if y := cite.IssuedYear(r); y > 0 {
			return a + " " + strconv.Itoa(y)
		}
		return a
	}
	if r.Title != "" {
		return r.Title
	}
	return r.ID
}
