package pack

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// withoutVocabulary strips the minimal pack's vocabulary block, as in a
// pack written before the format had one.
func withoutVocabulary(m fstest.MapFS) {
	src := string(m[FilePack].Data)
	m[FilePack] = &fstest.MapFile{Data: []byte(src[:strings.Index(src, "[verdict]")])}
}

func TestPackWithoutVocabularyGetsNeutralWordsAndOneNote(t *testing.T) {
	m := minimalFS(t)
	withoutVocabulary(m)
	p, ds := Load(m, "minimal", Options{Now: testNow})
	if ds.HasErrors() || ds.Count(Warning) != 0 {
		t.Fatalf("a pack without vocabulary must load cleanly:\n%s", dump(ds))
	}
	if ds.Count(Note) != 1 || ds[0].File != FilePack {
		t.Fatalf("want one note in pack.toml, got:\n%s", dump(ds))
	}
	for _, want := range []string{"outcome types (mechanism, body-composition", "[[outcome]]", "[verdict] question", "docs/pack-format.md#vocabulary"} {
		if !strings.Contains(ds[0].Message, want) {
			t.Errorf("note lacks %q: %s", want, ds[0].Message)
		}
	}
	v := p.Vocab()
	if got := v.VerdictQuestion(); got != DefaultVerdictQuestion {
		t.Errorf("question = %q", got)
	}
	if got := v.VerdictLabel("no"); got != "No" {
		t.Errorf("verdict label = %q", got)
	}
	// The built-in meaning of "mechanism" survives; other keys are shown in words.
	if o := v.Outcome("mechanism"); !o.Mechanism || o.Tone != ToneMechanism || o.RecordNote == "" {
		t.Errorf("mechanism = %+v", o)
	}
	if o := v.Outcome("body-composition"); o.Label != "Body composition" || o.Mechanism || o.Tone != ToneMain {
		t.Errorf("body-composition = %+v", o)
	}
	if v.OutcomeRank("mechanism") != 0 || v.OutcomeRank("body-composition") != 1 {
		t.Errorf("mechanism should group first")
	}
	if v.MeasureUsed() || v.ControlUsed() {
		t.Error("fields no study fills and the pack does not name count as used")
	}
}

func TestDeclaredVocabulary(t *testing.T) {
	m := minimalFS(t)
	replace(FilePack, `question = "Does it work?"`, `question = "Fewer injuries?"
yes = { label = "Fewer injuries", phrase = "Injuries were fewer" }
not-measured = { answer = "Not counted" }

[fields]
measure = "Injury measure"`)(m)
	p, ds := Load(m, "minimal", Options{Now: testNow})
	if len(ds) != 0 {
		t.Fatalf("want no diagnostics:\n%s", dump(ds))
	}
	v := p.Vocab()
	for _, c := range []struct{ got, want string }{
		{v.VerdictAnswer("yes"), "Yes"},
		{v.VerdictLabel("yes"), "Fewer injuries"},
		{v.VerdictPhrase("yes"), "Injuries were fewer"},
		{v.VerdictLabel("no"), "Fewer injuries? No"},
		{v.VerdictPhrase("no"), "Fewer injuries? No"},
		{v.VerdictAnswer("not-measured"), "Not counted"},
		{v.VerdictAnswer(""), "Not reported"},
		{v.MeasureLabel(), "Injury measure"},
		{v.ControlLabel(), DefaultControlLabel},
		{v.Outcome("body-composition").Label, "Main outcome"},
		{v.Outcome("body-composition").Heading, "Measured over weeks"},
		{v.Outcome("mechanism").Heading, "One session, not the main outcome"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !v.MeasureUsed() || v.ControlUsed() {
		t.Error("a named field is used; an unnamed, unfilled one is not")
	}
}

func TestVocabularyDiagnostics(t *testing.T) {
	cases := []diagCase{
		{"undeclared outcome", replace(FileStudies, `outcome = "body-composition"`, `outcome = "bodycomp"`), FileStudies, 7, Error, `outcome "bodycomp" is not one of the outcome types pack.toml declares (mechanism, body-composition)`},
		{"outcome without key", replace(FilePack, `key = "mechanism"`, `label2 = "x"`), FilePack, 20, Error, "[[outcome]] has no key"},
		{"duplicate outcome", replace(FilePack, `key = "body-composition"`, `key = "mechanism"`), FilePack, 27, Error, `duplicate outcome key "mechanism" (first at line 20)`},
		{"bad outcome key", replace(FilePack, `key = "mechanism"`, `key = "Mechanism!"`), FilePack, 21, Error, `outcome key "Mechanism!" must be lowercase`},
		{"unknown vocabulary key", replace(FilePack, `mechanism = true`, `mechanisms = true`), FilePack, 24, Warning, `unknown key "outcome.mechanisms"`},
		{"verdict without question", replace(FilePack, `question = "Does it work?"`, `yes = { answer = "Yes" }`), FilePack, 1, Warning, "[verdict] has no question"},
		{"legacy field names", replace(FileStudies, `design = "Randomised trial"`, "design = \"Randomised trial\"\nfat_measure = [\"DXA\"]\ndiet_control = \"Fed\""), FileStudies, 1, Note, "1 study uses the first format's field names fat_measure and diet_control"},
		{"old and new name", replace(FileStudies, `design = "Randomised trial"`, "design = \"Randomised trial\"\nmeasure = [\"A\"]\nfat_measure = [\"B\"]"), FileStudies, 8, Warning, "gives both measure and fat_measure"},
		{"vocabulary is linted", replace(FilePack, `legend = "one session, not the main outcome"`, `legend = "one session on the problem areas"`), FilePack, 23, Warning, "problem areas"},
		{"unnamed field filled", replace(FileStudies, `design = "Randomised trial"`, "design = \"Randomised trial\"\ncontrol = \"Same warm-up\""), FilePack, 1, Note, `the control field's name (shown as "Other factors controlled"`},
	}
	runDiagCases(t, cases)
}

func TestLegacyFieldNamesAreRead(t *testing.T) {
	m := minimalFS(t)
	replace(FileStudies, `design = "Randomised trial"`, "design = \"Randomised trial\"\nfat_measure = [\"DXA\", \"MRI\"]\ndiet_control = \"Fed\"")(m)
	replace(FileStudies, `design = "Acute experiment"`, "design = \"Acute experiment\"\nmeasure = [\"New\"]\nfat_measure = [\"Old\"]")(m)
	p, _ := Load(m, "minimal", Options{Now: testNow})
	if s := p.Studies[0]; strings.Join(s.Measure, ",") != "DXA,MRI" || s.Control != "Fed" {
		t.Errorf("old names not read: %q %q", s.Measure, s.Control)
	}
	if s := p.Studies[1]; strings.Join(s.Measure, ",") != "New" {
		t.Errorf("the new name should win: %q", s.Measure)
	}
}

func TestCountGroupsDigitsByLanguage(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{{"en", 26610, "26,610"}, {"en", 1538, "1,538"}, {"en", 999, "999"}, {"de", 26610, "26.610"}, {"not a tag!", 1538, "1,538"}} {
		if got := NewVocabulary(Meta{Language: c.lang}, nil).Count(c.n); got != c.want {
			t.Errorf("Count(%d) in %q = %q, want %q", c.n, c.lang, got, c.want)
		}
	}
}

// robStudy replaces the second minimal study's end with a risk-of-bias table.
func robStudy(table string) func(fstest.MapFS) {
	return func(m fstest.MapFS) {
		m[FileStudies] = &fstest.MapFile{Data: []byte(string(m[FileStudies].Data) + "\n[study.risk_of_bias]\n" + table + "\n")}
	}
}

func TestRiskOfBiasTools(t *testing.T) {
	const rob2 = `tool = "RoB 2"
applies = true
d1 = { level = "low", reason = "r" }
d2 = { level = "low" }
d3 = { level = "some-concerns" }
d4 = { level = "high" }
d5 = { level = "low" }
overall = { level = "high", reason = "one domain high" }`
	const robinsI = `tool = "ROBINS-I"
applies = true
d1 = { level = "serious", reason = "confounding by fitness" }
d2 = { level = "low" }
d3 = { level = "low" }
d4 = { level = "moderate" }
d5 = { level = "no-information" }
d6 = { level = "low" }
d7 = { level = "low" }
overall = { level = "serious" }`
	amstar := "tool = \"amstar 2\"\napplies = true\n"
	for i := 1; i <= 16; i++ {
		level := "yes"
		if i == 11 {
			level = "no-meta-analysis"
		}
		amstar += "q" + strconv.Itoa(i) + " = { level = \"" + level + "\" }\n"
	}
	amstar += `overall = { level = "critically-low" }`
	for _, c := range []struct {
		name, table string
		tool        *RoBTool
		overall     string
	}{{"rob2", rob2, RoB2, "High risk"}, {"robins-i", robinsI, ROBINSI, "Serious risk"}, {"amstar2", amstar, AMSTAR2, "Critically low confidence"}} {
		t.Run(c.name, func(t *testing.T) {
			m := minimalFS(t)
			robStudy(c.table)(m)
			p, ds := Load(m, "minimal", Options{Now: testNow})
			if len(ds) != 0 {
				t.Fatalf("want a clean pack:\n%s", dump(ds))
			}
			r := p.Studies[1].RiskOfBias
			if r.ToolInfo() != c.tool || r.OverallLevel().Label != c.overall {
				t.Errorf("tool %v, overall %q", r.ToolName(), r.OverallLevel().Label)
			}
			if got := len(r.Judgements()); got != len(c.tool.Domains) {
				t.Errorf("%d judgements, want %d", got, len(c.tool.Domains))
			}
		})
	}
	m := minimalFS(t)
	robStudy(amstar)(m)
	p, _ := Load(m, "minimal", Options{Now: testNow})
	slide := p.Studies[1].RiskOfBias.SlideJudgements()
	if len(slide) != 7 || slide[0].Domain.Key != "q2" || slide[6].Domain.Key != "q15" {
		t.Errorf("AMSTAR 2 slides show its seven critical domains, got %+v", slide)
	}
	if l := slide[4].Level; l.Rating != RatingNone || l.Label != "No meta-analysis" {
		t.Errorf("q11 = %+v", l)
	}
}

func TestRiskOfBiasDiagnostics(t *testing.T) {
	// The second study starts at line 14; robStudy puts its risk_of_bias
	// header on line 23 and the table from line 24.
	cases := []struct {
		name, table string
		line        int
		substr      string
	}{
		{"domain of another tool", "tool = \"RoB 2\"\napplies = false\nreason = \"x\"\nd6 = { level = \"low\" }", 27, "risk_of_bias.d6 is not a domain of RoB 2 (its domains are d1 to d5)"},
		{"item key on a trial tool", "tool = \"ROBINS-I\"\napplies = false\nq1 = { level = \"yes\" }", 26, "risk_of_bias.q1 is not a domain of ROBINS-I (its domains are d1 to d7)"},
		{"missing domain", "applies = true\nd1 = { level = \"low\" }\noverall = { level = \"low\" }", 23, `risk_of_bias.d2 (Deviations from intended interventions) is missing: RoB 2 judges every domain; give its level, one of low, some-concerns, high`},
		{"level of another tool", "tool = \"ROBINS-I\"\napplies = true\nd1 = { level = \"some-concerns\" }", 26, `risk_of_bias.d1 (Confounding) level "some-concerns" must be one of low, moderate, serious, critical, no-information`},
		{"overall of another tool", "tool = \"AMSTAR 2\"\napplies = true\noverall = { level = \"some-concerns\" }", 26, `overall level "some-concerns" must be one of high, moderate, low, critically-low`},
		{"unknown tool", "tool = \"GRADE\"\napplies = false", 24, `risk_of_bias.tool "GRADE" is not a tool the app knows; use RoB 2, ROBINS-I, AMSTAR 2`},
		{"wrong type", "applies = \"yes\"", 24, "risk_of_bias.applies must be true or false, not a string"},
		{"judgement not a table", "applies = false\nd1 = \"low\"", 25, "risk_of_bias.d1 must be a table"},
		{"unknown judgement key", "applies = false\nd1 = { level = \"low\", reasons = \"x\" }", 25, `risk_of_bias.d1: unknown key "reasons"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := minimalFS(t)
			robStudy(c.table)(m)
			_, ds := Load(m, "minimal", Options{Now: testNow})
			for _, d := range ds {
				if d.File == FileStudies && d.Line == c.line && d.Severity == Error && strings.Contains(d.Message, c.substr) {
					return
				}
			}
			t.Errorf("want studies.toml:%d error containing %q; got:\n%s", c.line, c.substr, dump(ds))
		})
	}
}

// Problems in one judgement come out in the order of its keys, every
// time: Go's map order made them come out in a different order on each
// run.
func TestRiskOfBiasJudgementProblemsInKeyOrder(t *testing.T) {
	table := "applies = false\nd1 = { zeta = 1, level = 2, beta = 3, reason = 4, alpha = 5, gamma = 6 }"
	want := ""
	for i := range 20 {
		m := minimalFS(t)
		robStudy(table)(m)
		_, ds := Load(m, "minimal", Options{Now: testNow})
		var got []string
		for _, d := range ds {
			if d.File == FileStudies && d.Line == 25 {
				got = append(got, d.Message)
			}
		}
		s := strings.Join(got, "\n")
		if len(got) != 6 || !strings.Contains(got[0], `"alpha"`) || !strings.Contains(got[5], `"zeta"`) {
			t.Fatalf("problems of d1:\n%s\nwant six, alpha first and zeta last", s)
		}
		if i == 0 {
			want = s
		} else if s != want {
			t.Fatalf("load %d gave another order:\n%s\nthan the first:\n%s", i+1, s, want)
		}
	}
}
