package reader

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// TestStudyTableLabels: a study row's cells, its compare tick and the
// column headers say what they are to a screen reader.
func TestStudyTableLabels(t *testing.T) {
	v, _, _ := newStudies(t)
	row := v.tbl.IndexOf("example2020")
	s, _ := v.p.Study("example2020")
	name := studytable.Cell(s, studytable.ColStudy)

	tick := newCell()
	v.updateCell(widget.TableCellID{Row: row, Col: 0}, tick)
	if got := tick.AccessibilityLabel(); got != "Compare "+name+": not ticked" || tick.AccessibilityRole() != fyne.AccessibleRoleButton {
		t.Errorf("tick cell %q, %q", got, tick.AccessibilityRole())
	}
	test.Tap(tick.tick)
	v.updateCell(widget.TableCellID{Row: row, Col: 0}, tick)
	if got := tick.tick.AccessibilityLabel(); got != "Compare "+name+": ticked" || tick.tick.AccessibilityRole() != fyne.AccessibleRoleButton {
		t.Errorf("ticked box %q", got)
	}

	for _, col := range []studytable.Column{studytable.ColStudy, studytable.ColOutcome, studytable.ColVerdict} {
		c := newCell()
		v.updateCell(widget.TableCellID{Row: row, Col: firstDataCol + int(col)}, c)
		want := col.Title() + ": " + studytable.Cell(s, col)
		if c.AccessibilityLabel() != want || c.AccessibilityRole() != fyne.AccessibleRoleText || studytable.Cell(s, col) == "" {
			t.Errorf("%s cell %q, want %q", col.Title(), c.AccessibilityLabel(), want)
		}
	}

	h := v.table.CreateHeader().(*headerCell)
	id := widget.TableCellID{Row: -1, Col: firstDataCol + int(studytable.ColStudy)}
	v.table.UpdateHeader(id, h)
	if h.AccessibilityLabel() != "Sort by Study" || h.AccessibilityRole() != fyne.AccessibleRoleButton {
		t.Errorf("header %q, %q", h.AccessibilityLabel(), h.AccessibilityRole())
	}
	test.Tap(h)
	v.table.UpdateHeader(id, h)
	if h.AccessibilityLabel() != "Sort by Study (sorted ascending)" {
		t.Errorf("sorted header %q", h.AccessibilityLabel())
	}
	v.table.UpdateHeader(widget.TableCellID{Row: -1, Col: 0}, h)
	if h.AccessibilityLabel() != "Compare" || h.AccessibilityRole() != fyne.AccessibleRoleText {
		t.Errorf("compare header %q, %q", h.AccessibilityLabel(), h.AccessibilityRole())
	}
}

// TestRiskOfBiasLightsLabels: each light is read as "Domain N (name):
// level — reason", the overall one as "Overall: ...".
func TestRiskOfBiasLightsLabels(t *testing.T) {
	v, _, _ := newStudies(t)
	s, _ := v.p.Study("example2020")
	d := newStudyDetail(v.p, s, &fakeNav{}, nil, func(string) {})
	var got []string
	walkAll(d.Object(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widgets.Labelled); ok {
			got = append(got, l.AccessibilityLabel())
		}
	})
	if len(got) != 6 {
		t.Fatalf("%d labelled lights, want 6: %q", len(got), got)
	}
	r := s.RiskOfBias
	want2 := widgets.RiskLabel(2, "Deviations from intended interventions", studytable.RiskLabel(r.D2.Level), r.D2.Reason)
	if got[1] != want2 || !strings.HasPrefix(got[1], "Domain 2 (deviations from intended interventions): ") {
		t.Errorf("domain 2 read as %q, want %q", got[1], want2)
	}
	if !strings.HasPrefix(got[5], "Overall: "+strings.ToLower(studytable.RiskLabel(r.Overall.Level))) {
		t.Errorf("overall read as %q", got[5])
	}
}

// walkAll visits o and everything it draws.
func walkAll(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			walkAll(ch, f)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			walkAll(ch, f)
		}
	}
}

// TestCitationAndMarkerLabels: in the article, a citation is read as
// "Citation: Stallknecht, 2017; differs from source" when its study records
// a discrepancy, the ⚠ marker as "Warning: differs from source", and the
// article's surface reads the block at the top of the view that way.
func TestCitationAndMarkerLabels(t *testing.T) {
	test.NewTempApp(t)
	p := bundledPack(t)
	d := p.Article
	var stall *doc.Citation
	for _, c := range d.Citations {
		if c.Text == "Stallknecht, 2017" {
			stall = c
		}
	}
	if stall == nil {
		t.Fatal("the bundled article has no Stallknecht, 2017 citation")
	}
	// A citation of a reference no study with a discrepancy stands for.
	if got := CitationLabel(p, &doc.Citation{Text: "Someone, 2001", Keys: []string{"no-such-ref"}}); got != "Citation: Someone, 2001" {
		t.Errorf("citation without discrepancy read as %q", got)
	}
	if got := CitationLabel(p, stall); got != "Citation: Stallknecht, 2017; differs from source" {
		t.Errorf("Stallknecht citation read as %q", got)
	}
	a := NewArticleView(&Context{Pack: p, Nav: &fakeNav{}, OpenLink: func(string) {}})
	got := spokenBlock(d, d.Blocks[stall.Block], a.Docs.opts.Markers[stall.Block], a.Docs.opts)
	for _, want := range []string{"This does have some reasoning behind it.",
		"a contracting muscle (Citation: Stallknecht, 2017; differs from source [Warning: differs from source]). Thus",
		"well over two hours. [Warning: differs from source] Therefore"} {
		if !strings.Contains(got, want) {
			t.Errorf("block read as %q: no %q", got, want)
		}
	}
	a.Docs.anchorBlock = stall.Block
	if l := a.Docs.surface.AccessibilityLabel(); l != got || a.Docs.surface.AccessibilityRole() != fyne.AccessibleRoleText {
		t.Errorf("article surface reads %q (%q), want %q", l, a.Docs.surface.AccessibilityRole(), got)
	}
}
