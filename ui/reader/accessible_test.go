package reader

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// widgetCol is the widget table's column that shows data column col.
func widgetCol(t *testing.T, v *StudiesView, col studytable.Column) int {
	t.Helper()
	for i, c := range v.Columns() {
		if c == col {
			return firstDataCol + i
		}
	}
	t.Fatalf("column %d is not shown", col)
	return -1
}

// TestStudyTableLabels: a study row's cells, its compare tick, the group
// headers and the column headers say what they are to a screen reader, in
// the pack's words.
func TestStudyTableLabels(t *testing.T) {
	v, _, _ := newStudies(t)
	row := v.tbl.IndexOf("example2020")
	s, _ := v.p.Study("example2020")
	name := v.tbl.Cell(s, studytable.ColStudy)

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

	vocab := v.p.Vocab()
	for _, col := range v.Columns() {
		c := newCell()
		v.updateCell(widget.TableCellID{Row: row, Col: widgetCol(t, v, col)}, c)
		want := v.tbl.Title(col) + ": " + v.tbl.Cell(s, col)
		if c.AccessibilityLabel() != want || c.AccessibilityRole() != fyne.AccessibleRoleText || v.tbl.Cell(s, col) == "" {
			t.Errorf("%s cell %q, want %q", v.tbl.Title(col), c.AccessibilityLabel(), want)
		}
	}
	// The outcome and verdict cells are read in the pack's words.
	for col, want := range map[studytable.Column]string{
		studytable.ColOutcome: "Outcome type: " + vocab.Outcome(s.Outcome).Label,
		studytable.ColVerdict: v.tbl.Title(studytable.ColVerdict) + ": " + vocab.VerdictLabel(s.Verdict),
	} {
		c := newCell()
		v.updateCell(widget.TableCellID{Row: row, Col: widgetCol(t, v, col)}, c)
		if c.AccessibilityLabel() != want {
			t.Errorf("cell read as %q, want %q", c.AccessibilityLabel(), want)
		}
	}

	// A group header row: the outcome type's label and heading from the pack.
	headers := 0
	for i, r := range v.tbl.Rows() {
		if !r.Header {
			continue
		}
		headers++
		c := newCell()
		v.updateCell(widget.TableCellID{Row: i, Col: firstDataCol}, c)
		noun := " studies"
		if r.Count == 1 {
			noun = " study"
		}
		if want := vocab.Outcome(r.Group).Label + ": " + vocab.Count(r.Count) + noun; c.AccessibilityLabel() != want {
			t.Errorf("group header read as %q, want %q", c.AccessibilityLabel(), want)
		}
		v.updateCell(widget.TableCellID{Row: i, Col: firstDataCol + 1}, c)
		if want := vocab.Outcome(r.Group).Heading; want == "" || c.AccessibilityLabel() != want {
			t.Errorf("group heading read as %q, want %q", c.AccessibilityLabel(), want)
		}
	}
	if headers == 0 {
		t.Error("the example pack's table has no group header rows")
	}

	h := v.table.CreateHeader().(*headerCell)
	id := widget.TableCellID{Row: -1, Col: widgetCol(t, v, studytable.ColStudy)}
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

// lightLabels are the screen-reader labels of a study record's lights.
func lightLabels(p *pack.Pack, s *pack.Study) []string {
	d := newStudyDetail(p, s, &fakeNav{}, nil, func(string) {})
	var got []string
	walkAll(d.Object(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widgets.Labelled); ok {
			got = append(got, l.AccessibilityLabel())
		}
	})
	return got
}

// TestRiskOfBiasLightsLabels: each light is read as "Domain D2 (name):
// level — reason" in RoB 2's words, the overall one as "Overall: ...".
func TestRiskOfBiasLightsLabels(t *testing.T) {
	v, _, _ := newStudies(t)
	s, _ := v.p.Study("example2020")
	got := lightLabels(v.p, s)
	r := s.RiskOfBias
	js := r.Judgements()
	if len(js) != 5 || len(got) != len(js)+1 {
		t.Fatalf("%d labelled lights for %d domains, want 5 + overall: %q", len(got), len(js), got)
	}
	want2 := "Domain D2 (deviations from intended interventions): " + strings.ToLower(js[1].Level.Label)
	if js[1].Reason != "" {
		want2 += " — " + js[1].Reason
	}
	if got[1] != want2 {
		t.Errorf("domain 2 read as %q, want %q", got[1], want2)
	}
	if want := "Overall: " + strings.ToLower(r.OverallLevel().Label); !strings.HasPrefix(got[5], want) {
		t.Errorf("overall read as %q, want it to start %q", got[5], want)
	}
}

// TestRiskOfBiasLightsLabelsPerTool: ROBINS-I's seven domains and AMSTAR
// 2's sixteen items are read with their own names, codes and levels.
func TestRiskOfBiasLightsLabelsPerTool(t *testing.T) {
	test.NewTempApp(t)
	l := cli.LoadDir("../../testdata/stretching-pack", markupNow)
	if l.Diags.HasErrors() {
		t.Fatalf("stretching pack has errors: %v", l.Diags)
	}
	for _, c := range []struct {
		id    string
		n     int
		wants []string
	}{
		{"specimen2003", 8, []string{
			"Domain D1 (confounding): serious risk — Platoons may have differed",
			"Domain D5 (missing data): no information — Drop-outs are not reported",
			"Domain D7 (selection of the reported result): moderate risk",
			"Overall: serious risk — Serious risk from confounding.",
		}},
		{"placeholder2014", 17, []string{
			"Item Q1 (research question and inclusion criteria include the components of PICO): yes",
			"Item Q4 (comprehensive literature search): partial yes — Two databases, no grey literature",
			"Item Q7 (list of excluded studies, with reasons): no — Excluded studies are not listed",
			"Overall confidence: ",
		}},
	} {
		s, ok := l.Pack.Study(c.id)
		if !ok {
			t.Fatalf("no %s in the stretching pack", c.id)
		}
		got := lightLabels(l.Pack, s)
		if len(got) != c.n {
			t.Errorf("%s: %d labelled lights, want %d: %q", c.id, len(got), c.n, got)
		}
		all := strings.Join(got, "\n")
		for _, w := range c.wants {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no light read as %q in\n%s", c.id, w, all)
			}
		}
		if strings.Contains(all, "Domain 1") || strings.Contains(all, "Domain D8") {
			t.Errorf("%s: lights numbered as RoB 2's: %s", c.id, all)
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
	opts := a.Docs.src.(docRows).opts
	got := spokenBlock(d, d.Blocks[stall.Block], opts.Markers[stall.Block], opts)
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
