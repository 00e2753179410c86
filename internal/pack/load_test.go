package pack

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var testNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// minimalFS reads testdata/minimal into memory so cases can edit it.
func minimalFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	entries, err := os.ReadDir("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata/minimal", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = &fstest.MapFile{Data: b}
	}
	return m
}

func replace(file, old, new string) func(fstest.MapFS) {
	return func(m fstest.MapFS) {
		m[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(m[file].Data), old, new, 1))}
	}
}

func set(file, content string) func(fstest.MapFS) {
	return func(m fstest.MapFS) { m[file] = &fstest.MapFile{Data: []byte(content)} }
}

func TestMinimalPackIsClean(t *testing.T) {
	p, ds := Load(minimalFS(t), "minimal", Options{Now: testNow})
	if len(ds) != 0 {
		t.Fatalf("want no diagnostics, got:\n%s", dump(ds))
	}
	if p.Meta.Title != "Minimal test pack" || len(p.Studies) != 2 || len(p.References) != 2 {
		t.Fatalf("pack not loaded: %+v", p.Meta)
	}
	if p.Studies[1].Line != 14 || p.References[1].Line != 9 {
		t.Errorf("lines: study %d (want 14), reference %d (want 9)", p.Studies[1].Line, p.References[1].Line)
	}
	if got := len(p.CitationsOf("jones2003")); got != 1 {
		t.Errorf("CitationsOf(jones2003) = %d, want 1", got)
	}
	if s, ok := p.StudyForRef("smith2001"); !ok || s.Population.N != 20 {
		t.Errorf("StudyForRef(smith2001) = %+v, %v", s, ok)
	}
}

// TestStudyForRefIndex: a loaded pack looks studies up by reference in its
// index, and gives what the scan of a pack made by hand gives: the first
// study of a reference, none for an unknown one.
func TestStudyForRefIndex(t *testing.T) {
	m := minimalFS(t)
	replace(FileStudies, `ref = "jones2003"`, `ref = "smith2001"`)(m)
	p, _ := Load(m, "minimal", Options{Now: testNow})
	byHand := &Pack{Studies: p.Studies}
	for _, ref := range []string{"smith2001", "jones2003", ""} {
		s, ok := p.StudyForRef(ref)
		hs, hok := byHand.StudyForRef(ref)
		if ok != hok || ok && s.ID != hs.ID {
			t.Errorf("StudyForRef(%q) = %v, %v; the scan gives %v, %v", ref, s, ok, hs, hok)
		}
	}
	if s, ok := p.StudyForRef("smith2001"); !ok || s.ID != p.Studies[0].ID {
		t.Errorf("StudyForRef(smith2001) = %v, %v; want the first study", s, ok)
	}
}

func TestLoadDiagnostics(t *testing.T) {
	cases := []diagCase{
		{"missing required file", func(m fstest.MapFS) { delete(m, FileGuidance) }, FileGuidance, 1, Error, "required file guidance.md is missing"},
		{"missing field", replace(FilePack, `title = "Minimal test pack"`, ""), FilePack, 1, Error, `required field "title" is missing`},
		{"empty field", replace(FilePack, `title = "Minimal test pack"`, `title = ""`), FilePack, 2, Error, `required field "title" is empty`},
		{"malformed toml", replace(FilePack, `version = "1.0.0"`, `version = "1.0.0`), FilePack, 4, Error, "malformed TOML"},
		{"invalid date", replace(FilePack, "next_review = 2027-01-10", `next_review = "2027-13-45"`), FilePack, 10, Error, `invalid date "2027-13-45"`},
		{"next before last", replace(FilePack, "next_review = 2027-01-10", "next_review = 2025-01-10"), FilePack, 10, Error, "is not after last_reviewed"},
		{"unknown key", replace(FilePack, `license =`, `licence = "x"`+"\nlicense ="), FilePack, 7, Warning, `unknown key "licence"`},
		{"overdue", replace(FilePack, "next_review = 2027-01-10", "next_review = 2026-03-01"), FilePack, 10, Warning, "past its next review date"},
		{"malformed json", replace(FileReferences, `"title": "A trial",`, `"title": "A trial"`), FileReferences, 6, Error, "malformed JSON"},
		{"malformed json in a later item", replace(FileReferences, `"title": "An experiment",`, `"title": "An experiment"`), FileReferences, 13, Error, "malformed JSON"},
		{"comma after the last item", replace(FileReferences, "]]}\n  }\n]", "]]}\n  },\n]"), FileReferences, 16, Error, "malformed JSON"},
		{"json wrong type", replace(FileReferences, `"title": "A trial"`, `"title": 12`), FileReferences, 5, Error, `field "title" should be a JSON string`},
		{"json not array", set(FileReferences, `{"id": "x"}`), FileReferences, 1, Error, "must be a CSL-JSON array"},
		{"json item not an object", set(FileReferences, "[\n  \"just a string\"\n]"), FileReferences, 2, Error, "each item must be a JSON object"},
		{"duplicate reference", replace(FileReferences, `"id": "jones2003"`, `"id": "smith2001"`), FileReferences, 9, Error, `duplicate reference id "smith2001" (first at line 2)`},
		{"bad csl date", replace(FileReferences, `[[2003, 5]]`, `[[2003, 13]]`), FileReferences, 9, Error, "not a valid month"},
		{"duplicate study", replace(FileStudies, `id = "jones2003"`, `id = "smith2001"`), FileStudies, 15, Error, `duplicate study id "smith2001"`},
		{"study without reference", replace(FileStudies, `ref = "jones2003"`, `ref = "nobody1999"`), FileStudies, 16, Error, `points at reference "nobody1999"`},
		{"bad verdict", replace(FileStudies, `verdict = "yes"`, `verdict = "maybe"`), FileStudies, 8, Error, `verdict "maybe" must be one of`},
		{"bad toml type", replace(FileStudies, "n = 20", `n = "twenty"`), FileStudies, 11, Error, `study.population.n should be a whole number, not text ("twenty")`},
		{"no studies", set(FileStudies, "# none\n"), FileStudies, 1, Error, "no [[study]] tables"},
		{"cite without reference", replace(FileArticle, "cite:smith2001", "cite:smyth2001"), FileArticle, 5, Error, `cites "smyth2001", which is not in references.json`},
		{"empty cite", replace(FileArticle, "cite:smith2001", "cite:"), FileArticle, 5, Error, "has no key"},
		{"empty cite in limitations", replace(FileLimitations, "Concerns:", "Concerns: [see](cite:);"), FileLimitations, 3, Error, "has no key"},
		{"cite in guidance without reference", replace(FileGuidance, "Be kind", "[Jones](cite:nobody1999). Be kind"), FileGuidance, 3, Error, `cites "nobody1999", which is not in references.json`},
		{"study link to nothing", replace(FileLimitations, "study:smith2001", "study:smithy"), FileLimitations, 3, Error, `points at study "smithy"`},
		{"never cited", replace(FileArticle, "([Smith, 2001](cite:smith2001))", "(Smith, 2001)"), FileReferences, 2, Warning, `reference "smith2001" is never cited`},
		{"year mismatch", replace(FileArticle, "[Smith, 2001]", "[Smith, 2011]"), FileArticle, 5, Warning, `"Smith, 2011" gives 2011 but reference "smith2001" is dated 2001`},
		{"author mismatch", replace(FileArticle, "[Smith, 2001]", "[Smyth, 2001]"), FileArticle, 5, Warning, `does not name the first author "Smith"`},
		{"nul byte", replace(FileGuidance, "kind", "k\x00ind"), FileGuidance, 3, Error, "NUL byte"},
		{"invalid utf8", replace(FileGuidance, "kind", "k\xffind"), FileGuidance, 3, Error, "invalid UTF-8"},
		{"oversized", set(FilePack, strings.Repeat("#", 65<<10)), FilePack, 1, Error, "larger than the 64 KiB cap"},
		{"folder instead of file", func(m fstest.MapFS) {
			delete(m, FileGuidance)
			m["guidance.md/x"] = &fstest.MapFile{Data: []byte("x")}
		}, FileGuidance, 1, Error, "is a folder"},
	}
	runDiagCases(t, cases)
}

func TestOnlineFirstYearIsANote(t *testing.T) {
	m := minimalFS(t)
	replace(FileReferences, `"issued": {"date-parts": [[2001]]}`, `"issued": {"date-parts": [[2002, 5]]}, "available-date": {"date-parts": [[2001, 9, 16]]}`)(m)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	if ds.Count(Warning) != 0 || ds.Count(Error) != 0 {
		t.Fatalf("online-first year must not warn:\n%s", dump(ds))
	}
	if len(ds) != 1 || ds[0].Severity != Note || !strings.Contains(ds[0].Message, "online-first year") {
		t.Fatalf("want one online-first note, got:\n%s", dump(ds))
	}
}

func TestPartialSurname(t *testing.T) {
	r := &Reference{ID: "s2017", Author: []Name{{Family: "Scotto di Palumbo", Given: "A."}}, Issued: &CSLDate{DateParts: [][]any{{2017.0}}}}
	fs := checkIntegrity("di Palumbo et al. (2017)", r)
	if len(fs) != 1 || fs[0].sev != Warning || !strings.Contains(fs[0].msg, `only part of the first author's surname "Scotto di Palumbo"`) {
		t.Fatalf("got %+v", fs)
	}
	if fs := checkIntegrity("Scotto di Palumbo et al. (2017)", r); len(fs) != 0 {
		t.Fatalf("full surname must pass, got %+v", fs)
	}
	r2 := &Reference{ID: "l2012", Author: []Name{{Family: "Löberbauer-Purer"}}, Issued: &CSLDate{DateParts: [][]any{{"2012"}}}, AvailableDate: &CSLDate{DateParts: [][]any{{2011.0, 9.0, 16.0}}}}
	fs = checkIntegrity("Loberbauer-Purer (2011)", r2)
	if len(fs) != 1 || fs[0].sev != Note {
		t.Fatalf("folded surname and online year: got %+v", fs)
	}
}

func TestLoadNeverPanics(t *testing.T) {
	junk := []string{"", "\x00", "[[[", "{", "]", strings.Repeat("[", 10000), "+++\n", "\xff\xfe", "[[study]]\nid = 1"}
	for _, j := range junk {
		m := fstest.MapFS{}
		for _, f := range []string{FilePack, FileArticle, FileStudies, FileReferences, FileLimitations, FileGuidance, FileSlides} {
			m[f] = &fstest.MapFile{Data: []byte(j)}
		}
		p, ds := Load(m, "junk", Options{Now: testNow})
		if p == nil || p.Article == nil || !ds.HasErrors() {
			t.Errorf("junk %q: want a usable pack with errors, got %v %v", j, p, ds)
		}
	}
}

func dump(ds Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestExamplePack keeps the example from docs/pack-format.md valid: no
// errors and no warnings, so an educator copying it starts clean.
func TestExamplePack(t *testing.T) {
	p, ds := Load(os.DirFS("../../testdata/example-pack"), "example-pack", Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if ds.Count(Error) != 0 || ds.Count(Warning) != 0 {
		t.Fatalf("example pack must be clean:\n%s", dump(ds))
	}
	if len(p.Studies) < 2 || len(p.References) < 2 || len(p.Article.Citations) == 0 || p.Slides == nil {
		t.Fatalf("example pack should exercise every file: %d studies, %d refs, %d citations, slides %v",
			len(p.Studies), len(p.References), len(p.Article.Citations), p.Slides != nil)
	}
}

// TestNoCascadeAfterBrokenReferences: one syntax error in references.json
// is reported once, not followed by a "not in references.json" error for
// every citation and study that points into it.
func TestNoCascadeAfterBrokenReferences(t *testing.T) {
	m := minimalFS(t)
	set(FileReferences, `[{"id": "x",}]`)(m)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	if ds.Count(Error) != 1 || ds[0].File != FileReferences || !strings.Contains(ds[0].Message, "malformed JSON") {
		t.Fatalf("want exactly the JSON error, got:\n%s", dump(ds))
	}
}

// A CSL-JSON item of the wrong shape is reported where its bad value ends,
// whichever item of the array it is.
func TestJSONTypeErrorPosition(t *testing.T) {
	for _, c := range []struct {
		old  string
		line int
	}{{`"title": "A trial"`, 5}, {`"title": "An experiment"`, 12}} {
		m := minimalFS(t)
		replace(FileReferences, c.old, `"title": 12`)(m)
		_, ds := Load(m, "minimal", Options{Now: testNow})
		found := false
		for _, d := range ds {
			if d.File == FileReferences && strings.Contains(d.Message, `field "title" should be a JSON string`) {
				found = true
				// `    "title": 12,`: the value ends before column 16.
				if d.Line != c.line || d.Col != 16 {
					t.Errorf("%s: reported at %d:%d, want %d:16", c.old, d.Line, d.Col, c.line)
				}
			}
		}
		if !found {
			t.Errorf("%s: no type error reported:\n%s", c.old, dump(ds))
		}
	}
}

// TestStudyLinesWithOddHeaders: each study points at its own header line
// however the header is spelt, and when the header scan cannot be trusted
// (a header line inside a multi-line string) no study points at another's.
func TestStudyLinesWithOddHeaders(t *testing.T) {
	m := minimalFS(t)
	replace(FileStudies, "[[study]]\nid = \"jones2003\"", "[['study']]\nid = \"jones2003\"")(m)
	p, ds := Load(m, "minimal", Options{Now: testNow})
	if ds.HasErrors() {
		t.Fatalf("[['study']] is valid TOML:\n%s", dump(ds))
	}
	if a, b := p.Studies[0].Line, p.Studies[1].Line; a != 1 || b != 14 {
		t.Fatalf("study lines %d, %d; want 1 and 14", a, b)
	}

	m = minimalFS(t)
	replace(FileStudies, `design = "Randomised trial"`, "design = \"\"\"Randomised\n[[study]]\ntrial\"\"\"")(m)
	p, _ = Load(m, "minimal", Options{Now: testNow})
	for _, s := range p.Studies {
		if s.Line != 1 {
			t.Errorf("study %q points at line %d; with a header line inside a string, want line 1", s.ID, s.Line)
		}
	}
}

// TestBrokenStudiesFileIsOneError: when studies.toml cannot be read, its
// own error is reported, not also one "not in studies.toml" per study:
// link, as for references.json.
// A value of the wrong kind is well-formed TOML: the message says what the
// value should be, at the value's own column, in no Go type's words.
func TestTOMLTypeMismatchInAuthorsWords(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{"n = 20", `n   =  "twenty"`, `studies.toml:11:8: error: study.population.n should be a whole number, not text ("twenty")`},
		{`id = "jones2003"`, `id = 5 # a number`, `studies.toml:15:6: error: study.id should be text, not a whole number (5)`},
		{`verdict = "yes"`, `verdict = ["yes"]`, `studies.toml:8:11: error: study.verdict should be text, not a list (["yes"])`},
	} {
		m := minimalFS(t)
		replace(FileStudies, c.old, c.new)(m)
		_, ds := Load(m, "minimal", Options{Now: testNow})
		if got := dump(ds); !strings.Contains(got, c.want) || strings.Contains(got, "malformed") || strings.Contains(got, "incompatible") {
			t.Errorf("%s: want %q, got:\n%s", c.new, c.want, got)
		}
	}
}

func TestBrokenStudiesFileIsOneError(t *testing.T) {
	m := minimalFS(t)
	replace(FileStudies, "[[study]]\nid = \"jones2003\"", "[[study]\nid = \"jones2003\"")(m)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	if n := ds.Count(Error); n != 1 || !strings.Contains(dump(ds), "malformed TOML") {
		t.Fatalf("want only the TOML error, got %d errors:\n%s", n, dump(ds))
	}
}

// A key written outside any object is one mistake, reported once, as the
// syntax error it is, and no message names a Go type.
func TestMisplacedKeyInReferencesIsOneError(t *testing.T) {
	m := minimalFS(t)
	m[FileReferences] = &fstest.MapFile{Data: []byte("[\n  \"container-title\": \"x\"\n]\n")}
	_, ds := loadWithin(t, m)
	var refs []Diagnostic
	for _, d := range ds {
		if d.File == FileReferences {
			refs = append(refs, d)
		}
		if strings.Contains(d.Message, "pack.") || strings.Contains(d.Message, "[]string") {
			t.Errorf("a message names a Go type: %s", d)
		}
	}
	if len(refs) != 1 || refs[0].Line != 2 || !strings.Contains(refs[0].Message, "malformed JSON") {
		t.Errorf("want one malformed-JSON error at line 2, got:\n%s", dump(refs))
	}
}

func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{10: "10 bytes", 64 << 10: "64 KiB", 65 << 10: "65 KiB", 1536: "1.5 KiB", 4 << 20: "4 MiB", 5<<20 + 1<<19: "5.5 MiB", 1 << 30: "1.0 GiB"} {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestReviewOverdue(t *testing.T) {
	var next Date
	_ = next.UnmarshalTOML("2027-01-15")
	day := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	for now, want := range map[time.Time]bool{
		day.AddDate(0, 0, -1): false, day: false, day.Add(23 * time.Hour): false,
		day.AddDate(0, 0, 1): false, day.AddDate(0, 0, 1).Add(time.Second): true, day.AddDate(1, 0, 0): true,
	} {
		if got := ReviewOverdue(next, now); got != want {
			t.Errorf("ReviewOverdue(2027-01-15, %v) = %v, want %v", now, got, want)
		}
	}
	var none, bad Date
	_ = bad.UnmarshalTOML("soon")
	if ReviewOverdue(none, day.AddDate(5, 0, 0)) || ReviewOverdue(bad, day.AddDate(5, 0, 0)) {
		t.Error("no date, or an unreadable one, is overdue")
	}
}

// A problem with one field of a study that spans many lines is reported
// at that field's own line, not at the study's [[study]] line; an absent
// field at the line of the table it belongs in.
func TestStudyFieldErrorsAtTheirLines(t *testing.T) {
	m := minimalFS(t)
	replace(FileStudies, "[study.population]\nn = 20\nsex = \"women\"\n", `[study.population]
n = 20
sex = "women"

# a long comment
# that pushes the sources down

[[study.source]]
where = "Abstract"
confidence = "high"

[[study.source]]
where = "Registry"
facts = "design"

confidence = "sorta"

[[study.source]]
where = "Press release"

[[study.discrepancy]]
article = "x"
source = "y"
anchor = "no such words in the article"

[[study.discrepancy]]
article = "only one side"
`)(m)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	want := map[string]int{
		`confidence "sorta"`:                25,
		`"Press release" has confidence ""`: 27,
		`discrepancy anchor`:                33,
		`needs both`:                        35,
	}
	for substr, line := range want {
		found := false
		for _, d := range ds {
			if d.File == FileStudies && strings.Contains(d.Message, substr) {
				found = true
				if d.Line != line {
					t.Errorf("%q at line %d, want %d", substr, d.Line, line)
				}
			}
		}
		if !found {
			t.Errorf("no diagnostic with %q:\n%s", substr, dump(ds))
		}
	}
}

// diagCase is an edit of the minimal pack and one diagnostic it must give.
type diagCase struct {
	name   string
	edit   func(fstest.MapFS)
	file   string
	line   int
	sev    Severity
	substr string
}

// runDiagCases loads the minimal pack with each case's edit and fails
// unless a diagnostic of the case's file, line and severity contains its
// words.
func runDiagCases(t *testing.T, cases []diagCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := minimalFS(t)
			c.edit(m)
			_, ds := Load(m, "minimal", Options{Now: testNow})
			for _, d := range ds {
				if d.File == c.file && d.Line == c.line && d.Severity == c.sev && strings.Contains(d.Message, c.substr) {
					return
				}
			}
			t.Errorf("want %s:%d %s containing %q; got:\n%s", c.file, c.line, c.sev, c.substr, dump(ds))
		})
	}
}

// The scaffold's placeholder sentences get one note a file, at the first
// one, counting the rest; a pack without them gets none.
func TestPlaceholderNotes(t *testing.T) {
	m := minimalFS(t)
	m[FileGuidance].Data = append(m[FileGuidance].Data, []byte("\nReplace this page with guidance.\n\n## Replace with a heading\n")...)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	var got []Diagnostic
	for _, d := range ds {
		if strings.Contains(d.Message, "placeholder from `evidence-reader new`") {
			got = append(got, d)
		}
	}
	lines := bytes.Count(minimalFS(t)[FileGuidance].Data, []byte("\n"))
	if len(got) != 1 || got[0].File != FileGuidance || got[0].Line != lines+2 || got[0].Col != 1 || got[0].Severity != Note ||
		!strings.Contains(got[0].Message, `"Replace this page with guidance."`) || !strings.Contains(got[0].Message, "(1 more in this file)") {
		t.Fatalf("want one note at guidance.md:%d:1 counting one more; got:\n%s", lines+2, dump(ds))
	}
	_, ds = Load(minimalFS(t), "minimal", Options{Now: testNow})
	for _, d := range ds {
		if strings.Contains(d.Message, "placeholder") {
			t.Fatalf("the minimal pack has no placeholders: %s", d)
		}
	}
}

// An unknown key is reported where it is written, not where its word
// first appears in a comment or a string above it.
func TestUnknownKeyAtItsOwnLine(t *testing.T) {
	lines := bytes.Count(minimalFS(t)[FileStudies].Data, []byte("\n"))
	runDiagCases(t, []diagCase{
		{"after a comment and a string holding the word", func(m fstest.MapFS) {
			m[FileStudies].Data = append([]byte("# the label is what is available\n"), m[FileStudies].Data...)
			m[FileStudies].Data = append(m[FileStudies].Data, []byte("\n[[study]]\nid = \"x\"\ndesign = \"a lable\"\nlable = \"X\"\n")...)
		}, FileStudies, lines + 6, Warning, `unknown key "study.lable"`},
	})
}

// An anchor that occurs more than once gets a note saying the marker goes
// at the first; one that occurs once gets none.
func TestDiscrepancyAnchorCount(t *testing.T) {
	for anchor, want := range map[string]string{"found": `occurs 2 times in article.md; the marker goes at the first`, "One study found": ""} {
		m := minimalFS(t)
		m[FileStudies].Data = append(m[FileStudies].Data, []byte("\n[[study.discrepancy]]\narticle = \"x\"\nsource = \"y\"\nanchor = \""+anchor+"\"\n")...)
		_, ds := Load(m, "minimal", Options{Now: testNow})
		var got []Diagnostic
		for _, d := range ds {
			if strings.Contains(d.Message, "discrepancy anchor") {
				got = append(got, d)
			}
		}
		if want == "" {
			if len(got) != 0 {
				t.Errorf("anchor %q occurs once, yet:\n%s", anchor, dump(got))
			}
			continue
		}
		lines := bytes.Count(m[FileStudies].Data, []byte("\n"))
		if len(got) != 1 || got[0].Severity != Note || got[0].Line != lines || !strings.Contains(got[0].Message, want) {
			t.Errorf("anchor %q: want one note at studies.toml:%d containing %q; got:\n%s", anchor, lines, want, dump(ds))
		}
	}
}
