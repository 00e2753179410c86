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
	tb := New(fixture(), nil)
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
	tb := New(fixture(), nil)
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
	tb := New(fixture(), nil)
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
	tb := New(fixture(), nil)
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

// words is a pack.toml vocabulary on a question of its own.
func words() *pack.Vocabulary {
	return pack.NewVocabulary(pack.Meta{
		Language: "en",
		Outcomes: []pack.OutcomeType{
			{Key: "review", Label: "Pooled"},
			{Key: "body-composition", Label: "Injuries", Legend: "counted over a season"},
			{Key: "mechanism", Label: "Flexibility", Mechanism: true},
		},
		Verdict: &pack.VerdictWords{Question: "Fewer injuries?", Yes: pack.Answer{Label: "Fewer injuries"}},
		Fields:  &pack.FieldLabels{Measure: "Injury measure", Control: "Warm-up"},
	}, fixture())
}

func TestCells(t *testing.T) {
	v := words()
	s := fixture()[2]
	if got := Cell(v, &s, ColPopulation); got != "n not reported, men" {
		t.Errorf("population = %q", got)
	}
	s.Population.N = 26610
	if got := Cell(v, &s, ColPopulation); got != "26,610 men" {
		t.Errorf("population = %q, want digits grouped", got)
	}
	if got := Cell(v, &s, ColVerdict); got != "Fewer injuries" {
		t.Errorf("verdict = %q", got)
	}
	if got := Cell(v, &fixture()[0], ColVerdict); got != "Fewer injuries? No" {
		t.Errorf("verdict without a label = %q, want question and answer", got)
	}
	if got := Cell(v, &s, ColOutcome); got != "Injuries" {
		t.Errorf("outcome = %q", got)
	}
	s.Measure = []string{"Clinic records", "Self-report"}
	if got := Cell(v, &s, ColMeasure); got != "Clinic records; Self-report" {
		t.Errorf("measure = %q", got)
	}
	if Title(v, ColMeasure) != "Injury measure" || Title(v, ColControl) != "Warm-up" {
		t.Errorf("titles = %q, %q", Title(v, ColMeasure), Title(v, ColControl))
	}
	for c := ColStudy; c < NumColumns; c++ {
		if Title(v, c) == "" {
			t.Errorf("column %d has no title", c)
		}
	}
	// Without a vocabulary the words are neutral.
	d := pack.NewVocabulary(pack.Meta{}, fixture())
	if got := Cell(d, &s, ColVerdict); got != "Yes" {
		t.Errorf("default verdict = %q", got)
	}
	if got := Cell(d, &s, ColOutcome); got != "Body composition" {
		t.Errorf("default outcome label = %q, want the key in words", got)
	}
}

func TestGroupsFollowTheDeclaredOrder(t *testing.T) {
	tb := New(fixture(), words())
	want := []string{"[review]", "r", "[body-composition]", "b", "a", "c", "[mechanism]", "m"}
	if got := layout(tb); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
}

func TestCompareMarksDifferences(t *testing.T) {
	st := fixture()
	fields := Compare(words(), []*pack.Study{&st[0], &st[3]})
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
		Domains: map[string]pack.Judgement{"d1": j("low"), "d2": j("high"), "d3": j("some-concerns"), "d5": j("low")}}}
	b := &pack.Study{ID: "b", RiskOfBias: &pack.RiskOfBias{Applies: false, Reason: "not a randomised trial."}}
	c := &pack.Study{ID: "c", RiskOfBias: &pack.RiskOfBias{Tool: "ROBINS-I", Applies: true, Overall: j("serious"),
		Domains: map[string]pack.Judgement{"d1": j("serious"), "d2": j("low"), "d3": j("low"), "d4": j("moderate"), "d5": j("no-information"), "d6": j("low"), "d7": j("low")}}}
	for _, f := range Compare(words(), []*pack.Study{a, b, c}) {
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
		want = "ROBINS-I · Overall: Serious risk\nD1 Serious risk · D2 Low risk · D3 Low risk · D4 Moderate risk · D5 No information · D6 Low risk · D7 Low risk"
		if f.Values[2] != want {
			t.Errorf("ROBINS-I study = %q, want %q", f.Values[2], want)
		}
		return
	}
	t.Fatal("no Risk of bias field")
}

func TestCompareLeavesOutFieldsNobodyUses(t *testing.T) {
	st := fixture()
	names := func(v *pack.Vocabulary) map[string]bool {
		out := map[string]bool{}
		for _, f := range Compare(v, []*pack.Study{&st[0], &st[1]}) {
			out[f.Name] = true
		}
		return out
	}
	if n := names(pack.NewVocabulary(pack.Meta{}, st)); n[pack.DefaultControlLabel] || n[pack.DefaultMeasureLabel] {
		t.Errorf("unnamed, unfilled fields are compared: %v", n)
	}
	if n := names(words()); !n["Warm-up"] || !n["Injury measure"] {
		t.Errorf("named fields are missing: %v", n)
	}
	st[1].Control = "Same warm-up"
	if n := names(pack.NewVocabulary(pack.Meta{}, st)); !n[pack.DefaultControlLabel] || n[pack.DefaultMeasureLabel] {
		t.Errorf("a filled field should be compared under its default name: %v", n)
	}
}

// Age and BMI are compared only when some study in the pack reports them
// (a value other than "not reported"); then a study without one says so.
// The stretching pack listed "BMI: not reported" for every study.
func TestCompareLeavesOutPopulationFieldsNobodyReports(t *testing.T) {
	st := fixture()
	st[0].Population.Age, st[0].Population.BMI = "20–30 years", "not reported"
	st[1].Population.BMI = "Not reported"
	fields := func() map[string][]string {
		out := map[string][]string{}
		for _, f := range Compare(pack.NewVocabulary(pack.Meta{}, st), []*pack.Study{&st[0], &st[1]}) {
			out[f.Name] = f.Values
		}
		return out
	}
	f := fields()
	if _, ok := f["BMI"]; ok {
		t.Errorf("BMI, which no study reports, is compared: %q", f["BMI"])
	}
	if got := f["Age"]; len(got) != 2 || got[0] != "20–30 years" || got[1] != "not reported" {
		t.Errorf("Age = %q, want the one study's and \"not reported\"", got)
	}
	// A study outside the comparison reports BMI: the field is the pack's.
	st[3].Population.BMI = "24 kg/m²"
	if got, ok := fields()["BMI"]; !ok || got[0] != "not reported" {
		t.Errorf("BMI = %q, %v; want it compared once a study in the pack reports it", got, ok)
	}
}
