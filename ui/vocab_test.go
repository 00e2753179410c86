package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/topicwords"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// markupStretching opens the example pack on injuries like markupBundled.
func markupStretching(t *testing.T) (*Shell, fyne.Window) {
	t.Helper()
	l := cli.LoadDir("../testdata/stretching-pack", markupNow)
	if l.Diags.HasErrors() {
		t.Fatalf("stretching pack has errors: %v", l.Diags)
	}
	return markupShell(t, l)
}

func TestMarkupStretchingStudiesView(t *testing.T) {
	s, w := markupStretching(t)
	// Wide enough for every column: the pack's field names, outcome and
	// verdict chips are on the right.
	w.Resize(fyne.NewSize(2300, 700))
	s.GoView(reader.ViewStudies)
	test.AssertRendersToMarkup(t, "studies_view_stretching.xml", w.Canvas())
}

// TestEveryViewOnAnotherQuestion goes through every view of the pack on
// injuries, every study record, the comparison, every citation panel, the
// references, search and About, and finds the pack's words there and none
// of the bundled pack's.
func TestEveryViewOnAnotherQuestion(t *testing.T) {
	s, w := markupStretching(t)
	// Large enough that every column of the studies table is drawn.
	w.Resize(fyne.NewSize(3200, 2000))
	p := s.Loaded.Pack
	var all strings.Builder
	seen := func(what string, o fyne.CanvasObject) string {
		text := textOf(o)
		if found := topicwords.Find(text); len(found) > 0 {
			t.Errorf("%s shows topic words of another pack: %q", what, found)
		}
		all.WriteString(text + "\n")
		return text
	}
	for _, name := range []string{reader.ViewArticle, reader.ViewStudies, reader.ViewLimitations, reader.ViewGuidance, reader.ViewReferences} {
		s.GoView(name)
		seen("view "+name, w.Content())
	}
	s.GoView(reader.ViewStudies)
	studies := s.View(reader.ViewStudies).(*reader.LazyView).Get().(*reader.StudiesView)
	for _, st := range p.Studies {
		s.Go(reader.Location{View: reader.ViewStudies, Block: -1, Study: st.ID})
		seen("the record of "+st.ID, w.Content())
		studies.SetChecked(st.ID, true)
	}
	studies.ShowCompare()
	if top := w.Canvas().Overlays().Top(); top != nil {
		seen("the comparison", top)
		top.Hide()
	} else {
		t.Error("no comparison dialog")
	}
	for _, r := range p.References {
		s.Go(reader.Location{View: reader.ViewReferences, Block: -1, Ref: r.ID})
		seen("the reference "+r.ID, w.Content())
	}
	s.GoView(reader.ViewArticle)
	for _, c := range p.Article.Citations {
		s.Article().ShowCitation(c)
		seen("the citation panel of "+c.Text, s.Article().Panel())
	}
	s.OpenSearch()
	searchTyper(s.ctx, "injur")
	seen("search results", w.Canvas().Overlays().Top())
	s.palette().Hide()
	s.ShowAbout()
	seen("About", w.Canvas().Overlays().Top())

	text := all.String()
	for _, want := range []string{
		"Acute response", "one session, no injuries counted", "Injuries counted during weeks of training", // legend and divider
		"Warm-up", "Injury measure", "1,538 men", "26,610 men and women", "No fewer injuries", "Fewer injuries", // table
		"This study measured how muscles respond", "Assessed with ROBINS-I", "D1 Confounding", "Q4 Comprehensive literature search", "Overall confidence", // records
		"Verdict: Injuries not counted", "Outcome: Acute response", // citation panel
		"Study: Specimen 2003 · Injuries · Mixed", // references
		"differs from source",                     // the article's marker
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no view shows %q", want)
		}
	}
}
