package studytable

import (
	"reflect"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

func fixture() []pack.Study {
	return []pack.Study{
		{ID: "b", Label: "Beta 2010", Cited: true, Outcome: "body-composition", Verdict: "no", Duration: "12 weeks", Population: pack.Population{N: 40, Sex: "women"}},
		{ID: "m", Label: "Mech 2007", Cited: true, Outcome: "mechanism", Verdict: "not-measured", Duration: "One session", Population: pack.Population{N: 10, Sex: "men"}},
		{ID: "a", Label: "Älpha 2001", Outcome: "body-composition", Verdict: "yes", Duration: "27 days", Population: pack.Population{N: 0, Sex: "men"}},
		{ID: "c", Label: "Gamma 1999", Outcome: "body-composition", Verdict: "no", Duration: "6 weeks", Population: pack.Population{N: 40, Sex: "men"}},
		{ID: "r", Label: "Review 2022", Outcome: "review", Verdict: "no", Duration: "Not applicable (review)"},
	}
}

// layout renders rows as "[group]" dividers and study ids.
func layout(t *Table) []string {
	var out []string
	for _, r := range t.Rows() {
		if r.Header {
			out = append(out, "["+r.Group+"]")
			continue
		}
		out = append(out, r.Study.ID)
	}
	return out
}

func TestGroupsMechanismFirstInPackOrder(t *testing.T) {
	tb := New(fixture())
	want := []string{"[mechanism]", "m", "[body-composition]", "b", "a", "c", "[review]", "r"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
	if tb.Rows()[2].Count != 3 {
		t.Errorf("body-composition count = %d, want 3", tb.Rows()[2].Count)
	}
	if c, _ := tb.SortState(); c != -1 {
		t.Errorf("initial sort column = %d, want -1", c)
	}
}

func TestSortByStudyFoldsAccentsAndToggles(t *testing.T) {
	tb := New(fixture())
	tb.ToggleSort(ColStudy)
	want := []string{"[mechanism]", "m", "[body-composition]", "a", "b", "c", "[review]", "r"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("ascending = %v, want %v", got, want)
	}
	tb.ToggleSort(ColStudy)
	if c, desc := tb.SortState(); c != ColStudy || !desc {
		t.Fatalf("state = %d %v, want study desc", c, desc)
	}
	want = []string{"[mechanism]", "m", "[body-composition]", "c", "b", "a", "[review]", "r"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("descending = %v, want %v", got, want)
	}
	tb.ToggleSort(ColVerdict)
	if c, desc := tb.SortState(); c != ColVerdict || desc {
		t.Fatalf("new column should sort ascending, got %d %v", c, desc)
	}
}

func TestSortIsStableAndNumeric(t *testing.T) {
	tb := New(fixture())
	tb.Sort(ColPopulation, false)
	// b and c both have n=40 and fall back to the cell text ("40 men"
	// before "40 women"); n unknown sorts last.
	want := []string{"[mechanism]", "m", "[body-composition]", "c", "b", "a", "[review]", "r"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("by n = %v, want %v", got, want)
	}
	tb.Sort(ColDuration, false)
	want = []string{"[mechanism]", "m", "[body-composition]", "a", "c", "b", "[review]", "r"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("by duration = %v, want %v", got, want)
	}
	// b and c tie completely on verdict: pack order (b before c) is kept.
	tb.Sort(ColVerdict, false)
	want = []string{"[mechanism]", "m", "[body-composition]", "a", "b", "c", "[review]", "r"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("by verdict = %v, want %v", got, want)
	}
}

func TestOnlyCited(t *testing.T) {
	tb := New(fixture())
	tb.Sort(ColStudy, false)
	tb.SetOnlyCited(true)
	want := []string{"[mechanism]", "m", "[body-composition]", "b"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("cited = %v, want %v", got, want)
	}
	if tb.IndexOf("a") != -1 || tb.IndexOf("b") != 3 {
		t.Errorf("IndexOf a=%d b=%d, want -1 and 3", tb.IndexOf("a"), tb.IndexOf("b"))
	}
	tb.SetOnlyCited(false)
	if len(tb.Studies()) != 5 {
		t.Errorf("filter off shows %d studies, want 5", len(tb.Studies()))
	}
}

func TestDurationDays(t *testing.T) {
	cases := map[string]int{
		"One session": 1,
		"27 days":     27,
		"8 weeks (abstract); 12 weeks (two blogs)": 56,
		"3 months":       90,
		"not reported":   1 << 30,
		"Single session": 1,
	}
	for in, want := range cases {
		if got := DurationDays(in); got != want {
			t.Errorf("DurationDays(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestCells(t *testing.T) {
	s := fixture()[2]
	if got := Cell(&s, ColPopulation); got != "n not reported, men" {
		t.Errorf("population = %q", got)
	}
	if got := Cell(&s, ColVerdict); got != "Yes, local loss" {
		t.Errorf("verdict = %q", got)
	}
	s.FatMeasure = []string{"DEXA", "MRI"}
	if got := Cell(&s, ColFatMeasure); got != "DEXA; MRI" {
		t.Errorf("fat measure = %q", got)
	}
	for c := ColStudy; c < NumColumns; c++ {
		if c.Title() == "" {
			t.Errorf("column %d has no title", c)
		}
	}
}

func TestCompareMarksDifferences(t *testing.T) {
	st := fixture()
	fields := Compare([]*pack.Study{&st[0], &st[3]})
	byName := map[string]Field{}
	for _, f := range fields {
		byName[f.Name] = f
		if len(f.Values) != 2 {
			t.Fatalf("%s has %d values, want 2", f.Name, len(f.Values))
		}
	}
	if !byName["Duration"].Differs {
		t.Error("12 weeks vs 6 weeks should differ")
	}
	if byName["Outcome type"].Differs || byName["Verdict"].Differs {
		t.Error("equal outcome and verdict marked as different")
	}
	if byName["Design"].Values[0] != "not reported" {
		t.Errorf("empty design shown as %q, want \"not reported\"", byName["Design"].Values[0])
	}
	if got := byName["Risk of bias"].Values[0]; got != "not assessed" {
		t.Errorf("risk of bias without a record = %q", got)
	}
}

func TestCompareRiskOfBiasInReadersWords(t *testing.T) {
	j := func(l string) pack.Judgement { return pack.Judgement{Level: l} }
	a := &pack.Study{ID: "a", RiskOfBias: &pack.RiskOfBias{Applies: true, Overall: j("some-concerns"),
		D1: j("low"), D2: j("high"), D3: j("some-concerns"), D4: j(""), D5: j("low")}}
	b := &pack.Study{ID: "b", RiskOfBias: &pack.RiskOfBias{Applies: false, Reason: "not a randomised trial."}}
	for _, f := range Compare([]*pack.Study{a, b}) {
		if f.Name != "Risk of bias" {
			continue
		}
		want := "Overall: Some concerns\nD1 Low risk · D2 High risk · D3 Some concerns · D4 Not reported · D5 Low risk"
		if f.Values[0] != want {
			t.Errorf("judged study = %q, want %q", f.Values[0], want)
		}
		if f.Values[1] != "Not applicable: not a randomised trial." {
			t.Errorf("study RoB 2 does not cover = %q", f.Values[1])
		}
		return
	}
	t.Fatal("no Risk of bias field")
}
