package reader

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

func newStudies(t *testing.T) (*StudiesView, *fakeNav, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	p := examplePack(t)
	nav := &fakeNav{}
	w := test.NewTempWindow(t, nil)
	v := NewStudiesView(p, nav, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(1280, 800))
	return v, nav, w
}

func TestStudiesHeaderTapSortsWithIndicator(t *testing.T) {
	v, _, _ := newStudies(t)
	h := v.table.CreateHeader().(*headerCell)
	id := widget.TableCellID{Row: -1, Col: firstDataCol + int(studytable.ColStudy)}
	v.table.UpdateHeader(id, h)
	if h.label.Text != "Study" || h.icon.Resource != nil || h.icon.Visible() {
		t.Fatalf("unsorted header = %q icon %v", h.label.Text, h.icon.Resource)
	}
	test.Tap(h)
	if c, desc := v.tbl.SortState(); c != studytable.ColStudy || desc {
		t.Fatalf("after one tap: sort %d desc %v", c, desc)
	}
	v.table.UpdateHeader(id, h)
	if h.icon.Resource != theme.MenuDropUpIcon() || !h.icon.Visible() {
		t.Error("ascending sort shows no up indicator")
	}
	test.Tap(h)
	v.table.UpdateHeader(id, h)
	if _, desc := v.tbl.SortState(); !desc || h.icon.Resource != theme.MenuDropDownIcon() {
		t.Errorf("second tap: desc %v, icon %v", desc, h.icon.Resource)
	}
}

func TestStudiesMechanismGroupedFirst(t *testing.T) {
	v, _, _ := newStudies(t)
	rows := v.tbl.Rows()
	if !rows[0].Header || rows[0].Group != "mechanism" || rows[1].Study.ID != "sample2018" {
		t.Fatalf("first rows = %+v %+v, want the mechanism divider then sample2018", rows[0], rows[1])
	}
	c := newCell()
	v.updateCell(widget.TableCellID{Row: 1, Col: firstDataCol + int(studytable.ColOutcome)}, c)
	if !c.chip.Visible() || c.chipL.Text != "Mechanism" {
		t.Errorf("outcome cell shows chip %v %q, want a visible \"Mechanism\" chip", c.chip.Visible(), c.chipL.Text)
	}
	v.updateCell(widget.TableCellID{Row: 0, Col: firstDataCol}, c)
	if c.label.Text != "Mechanism (1)" {
		t.Errorf("divider label = %q", c.label.Text)
	}
}

func TestStudiesOnlyCitedFilter(t *testing.T) {
	test.NewTempApp(t)
	p := examplePack(t)
	// Make one study uncited so the filter has something to hide.
	p.Studies[2].Cited = false
	w := test.NewTempWindow(t, nil)
	v := NewStudiesView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	all := len(v.tbl.Studies())
	if all != 3 {
		t.Fatalf("shown %d studies, want 3", all)
	}
	test.Tap(v.onlyCited)
	for _, s := range v.tbl.Studies() {
		if !s.Cited {
			t.Errorf("uncited %s shown with the filter on", s.ID)
		}
	}
	if got := len(v.tbl.Studies()); got != 2 {
		t.Errorf("filter on shows %d, want 2", got)
	}
	// A jump to the hidden study turns the filter off instead of failing.
	v.Reveal(Location{View: ViewStudies, Study: v.p.Studies[2].ID})
	if v.onlyCited.Checked || v.Current() != v.p.Studies[2].ID {
		t.Errorf("reveal of a filtered study: filter %v, current %q", v.onlyCited.Checked, v.Current())
	}
}

func TestStudiesSelectShowsRecordAndBackLinks(t *testing.T) {
	v, nav, _ := newStudies(t)
	row := v.tbl.IndexOf("example2020")
	v.table.Select(widget.TableCellID{Row: row, Col: firstDataCol})
	if v.Current() != "example2020" {
		t.Fatalf("current = %q after selecting its row", v.Current())
	}
	if got := v.Position(); got.View != ViewStudies || got.Study != "example2020" {
		t.Errorf("position = %+v", got)
	}
	s, _ := v.p.Study("example2020")
	d := newStudyDetail(v.p, s, nav, nil, func(string) {})
	cites := v.p.CitationsOf("example2020")
	if len(d.citeButtons) != len(cites) || len(cites) == 0 {
		t.Fatalf("%d cited-in buttons for %d citations", len(d.citeButtons), len(cites))
	}
	test.Tap(d.citeButtons[0])
	want := Location{View: ViewArticle, Block: cites[0].Block, Highlight: true}
	if got := nav.last(t); got != want {
		t.Errorf("cited-in went to %+v, want %+v", got, want)
	}
	test.Tap(d.refButton)
	if got := nav.last(t); got.View != ViewReferences || got.Ref != "example2020" || !got.Highlight {
		t.Errorf("go to reference went to %+v", got)
	}
}

func TestStudiesDividerRowCannotBeSelected(t *testing.T) {
	v, _, _ := newStudies(t)
	v.table.Select(widget.TableCellID{Row: 0, Col: firstDataCol})
	if v.Current() != "" {
		t.Errorf("selecting a divider opened %q", v.Current())
	}
}

func TestStudiesRiskOfBiasTextLabels(t *testing.T) {
	v, _, _ := newStudies(t)
	s, _ := v.p.Study("example2020")
	d := newStudyDetail(v.p, s, &fakeNav{}, nil, func(string) {})
	texts := labelTexts(d.Object())
	for _, want := range []string{"High risk", "Some concerns", "Low risk", "Overall", "D4 Measurement of the outcome"} {
		if !texts[want] {
			t.Errorf("risk of bias lacks the text %q", want)
		}
	}
	m, _ := v.p.Study("sample2018")
	d = newStudyDetail(v.p, m, &fakeNav{}, nil, func(string) {})
	found := false
	for txt := range labelTexts(d.Object()) {
		if len(txt) > 20 && txt[:20] == "RoB 2 not applicable" {
			found = true
		}
	}
	if m.RiskOfBias != nil && !m.RiskOfBias.Applies && !found {
		t.Error("a study RoB 2 does not cover lacks \"RoB 2 not applicable: ...\"")
	}
}

func TestStudiesCompare(t *testing.T) {
	v, _, w := newStudies(t)
	if v.compare.Importance == widget.HighImportance {
		t.Fatal("compare stands out with nothing ticked")
	}
	v.SetChecked("example2020", true)
	// With one ticked, Compare explains what to do instead of comparing.
	test.Tap(v.compare)
	if v.lastCompare != nil {
		t.Fatal("compare opened with one study ticked")
	}
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textOf(top), "Tick two or more") {
		t.Fatal("compare with one ticked did not explain itself")
	}
	w.Canvas().Overlays().Remove(top)
	c := newCell()
	v.updateCell(widget.TableCellID{Row: v.tbl.IndexOf("sample2018"), Col: 0}, c)
	test.Tap(c.tick)
	if v.compare.Disabled() || v.compare.Importance != widget.HighImportance || len(v.Checked()) != 2 {
		t.Fatalf("after ticking two: disabled %v, importance %v, checked %d", v.compare.Disabled(), v.compare.Importance, len(v.Checked()))
	}
	test.Tap(v.compare)
	g := v.lastCompare
	if g == nil {
		t.Fatal("compare did not open")
	}
	if len(w.Canvas().Overlays().List()) == 0 {
		t.Error("compare dialog not shown")
	}
	all := g.ShownRows()
	if all != len(g.Fields()) {
		t.Errorf("shown %d rows of %d fields", all, len(g.Fields()))
	}
	g.SetOnlyDifferences(true)
	diff := 0
	for _, f := range g.Fields() {
		if f.Differs {
			diff++
		}
		if f.Name == "Outcome type" && !f.Differs {
			t.Error("mechanism vs body composition not marked as differing")
		}
	}
	if g.ShownRows() != diff || diff == 0 || diff == all {
		t.Errorf("only differences shows %d rows, want %d (of %d)", g.ShownRows(), diff, all)
	}
}

// labelTexts collects the text of every Label and RichText under o.
func labelTexts(o fyne.CanvasObject) map[string]bool {
	out := map[string]bool{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out[x.Text] = true
		case *widget.RichText:
			out[x.String()] = true
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *widget.Button:
			out[x.Text] = true
		case *widgets.Labelled:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestStudiesLegendNamesReviewsOnlyWhenThereAreSome(t *testing.T) {
	v, _, _ := newStudies(t)
	if !strings.Contains(textOf(v.legend()), "pooled results of several trials") {
		t.Fatal("the example pack has a review, but the legend does not explain the Review chip")
	}
	p := *v.p
	p.Studies = nil
	for _, st := range v.p.Studies {
		if st.Outcome != "review" {
			p.Studies = append(p.Studies, st)
		}
	}
	w := test.NewTempWindow(t, nil)
	v2 := NewStudiesView(&p, &fakeNav{}, w)
	if strings.Contains(textOf(v2.legend()), "pooled results") {
		t.Fatal("a pack without reviews got a Review legend entry")
	}
}

// A window once wide can be made narrow again: the legend wraps (Fyne's
// RowWrapLayout kept its widest row as the minimum width), and where the
// filter and Compare's full label do not fit side by side, Compare takes
// its short label instead of being cut off at the window's edge.
func TestStudiesViewNarrowsAfterWide(t *testing.T) {
	v, _, w := newStudies(t)
	wide := v.Object().MinSize().Width
	full := v.compare.Text
	if !v.count.Visible() || full != "Compare side by side" {
		t.Fatalf("wide: count shown %v, Compare %q", v.count.Visible(), full)
	}
	legend := v.legend()
	one := legend.MinSize().Width
	legend.Resize(fyne.NewSize(2000, 100))
	if got := legend.MinSize().Width; got != one {
		t.Fatalf("the legend's minimum width grew from %v to %v after a wide layout", one, got)
	}
	bar := v.onlyCited.MinSize().Width + theme.Padding() + v.compare.MinSize().Width
	if wide >= bar {
		t.Fatalf("the view needs %v wide, no less than the filter beside the full Compare (%v)", wide, bar)
	}
	w.Resize(fyne.NewSize(wide+8, 600))
	if v.compare.Text != "Compare" || v.count.Visible() {
		t.Fatalf("at %v wide: Compare %q, count shown %v", wide+8, v.compare.Text, v.count.Visible())
	}
	if r := v.compare.Position().X + v.compare.Size().Width; r > w.Canvas().Size().Width {
		t.Fatalf("Compare ends at %v, past the window's %v", r, w.Canvas().Size().Width)
	}
	w.Resize(fyne.NewSize(1280, 800))
	if v.compare.Text != full || !v.count.Visible() {
		t.Fatalf("wide again: Compare %q, count shown %v", v.compare.Text, v.count.Visible())
	}
}

// The cited filter is greyed out where every study is cited (it would hide
// nothing), and works where one is not.
func TestCitedFilterOnlyWhereItFilters(t *testing.T) {
	v, _, w := newStudies(t)
	if !v.onlyCited.Disabled() {
		t.Fatal("the example pack cites every study, yet the filter is enabled")
	}
	p := bundledPack(t)
	if !slices.ContainsFunc(p.Studies, func(s pack.Study) bool { return !s.Cited }) {
		t.Fatal("the bundled pack was expected to have an uncited study")
	}
	if NewStudiesView(p, &fakeNav{}, w).onlyCited.Disabled() {
		t.Fatal("the bundled pack has an uncited study, yet the filter is disabled")
	}
}
