package pack

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

// packFiles are the files FuzzLoad can replace, indexed by the fuzzer's
// selector byte.
var packFiles = []string{FilePack, FileStudies, FileReferences, FileArticle, FileLimitations, FileGuidance, FileSlides}

// loadBudget bounds one Load of a fuzz input. Inputs are small (the fuzzer
// rarely goes past a few KB), so anything near it means a quadratic path
// the pre-screen missed.
const loadBudget = 5 * time.Second

// checkLoad asserts what every caller of Load relies on: a usable pack and
// diagnostics that name a file and a line.
func checkLoad(t *testing.T, p *Pack, ds Diagnostics) {
	t.Helper()
	if p == nil || p.Article == nil || p.Limitations == nil || p.Guidance == nil || p.Sources == nil {
		t.Fatalf("Load returned an unusable pack: %+v", p)
	}
	for _, d := range ds {
		if d.File == "" || d.Line < 1 || d.Col < 0 || d.Message == "" {
			t.Errorf("diagnostic without a file, line or message: %#v", d)
		}
		if strings.Contains(d.Message, "internal error") {
			t.Errorf("a checker panicked: %s", d)
		}
		if !utf8.ValidString(d.Message) {
			t.Errorf("diagnostic message is not UTF-8: %q", d.Message)
		}
	}
	// The lookups the views use must work on whatever loaded.
	for _, r := range p.References {
		if _, ok := p.Reference(r.ID); !ok && r.ID != "" {
			t.Errorf("reference %q loaded but not found by id", r.ID)
		}
		p.CitationsOf(r.ID)
		p.StudyForRef(r.ID)
	}
	for _, s := range p.Studies {
		p.Study(s.ID)
	}
	_ = p.Article.Text() + p.Limitations.Text() + p.Guidance.Text()
	StudyLinks(p.Article)
}

// FuzzLoad replaces one file of a valid pack with fuzzed bytes, so every
// loader (pack.toml, studies.toml, references.json as CSL-JSON, the
// Markdown files, slides.md) sees hostile input next to valid neighbours.
func FuzzLoad(f *testing.F) {
	base := minimalFS(f)
	for i, name := range packFiles {
		if mf, ok := base[name]; ok {
			f.Add(uint8(i), mf.Data)
		}
		if b, err := os.ReadFile("../../content/spot-reduction/" + name); err == nil {
			f.Add(uint8(i), b)
		}
	}
	if raw, err := os.ReadFile("../doc/testdata/spec.json"); err == nil {
		var ex []struct {
			Markdown string `json:"markdown"`
		}
		if json.Unmarshal(raw, &ex) == nil {
			for i, e := range ex {
				// Spread the CommonMark examples over the Markdown files.
				f.Add(uint8(3+i%4), []byte(e.Markdown))
			}
		}
	}
	seeds := []struct {
		file int
		src  string
	}{
		{3, "*\n\t* \t~"}, {3, "> \t`"},
		{0, "id = \"x\"\ntitle = 1\n[source]\nretrieved = 2026-13-45\n"},
		{1, "[[study]]\nid = \"a\"\nref = \"a\"\n[[study.discrepancy]]\n[study.risk_of_bias]\napplies = true\n"},
		{2, `[{"id":"a","type":"article-journal","issued":{"date-parts":[["2001","x"]]},"author":[{"literal":""}]}]`},
		{2, `[{"id":"a","issued":{"date-parts":[[]]},"accessed":{"raw":"?"},"author":[{}]}, 1, null]`},
		{2, `{"id":1}`},
		{3, "[x](cite:)[y](cite:;;)[z](study:)"},
		{3, "+++\nx = [\n+++\n"},
	}
	for _, s := range seeds {
		f.Add(uint8(s.file), []byte(s.src))
	}
	// Issue 16's hostile packs: each once took a minute or gigabytes, or
	// was accepted without a word.
	orig := func(i int) string { return string(base[packFiles[i]].Data) }
	for _, s := range []struct {
		file int
		src  string
	}{
		{0, orig(0) + "x = " + strings.Repeat("{a=", 15000) + "1" + strings.Repeat("}", 15000) + "\n"},
		{1, orig(1) + "x = " + strings.Repeat("{a=", 8000) + "1" + strings.Repeat("}", 8000) + "\n"},
		{1, orig(1) + "x = " + strings.Repeat("[{a=", 25000) + "1" + strings.Repeat("}]", 25000) + "\n"},
		{1, strings.Repeat("k.a.a.a.a.a.a = 1\n", 2000) + orig(1)},
		// Refused by the screen, then once linted by a scanner that took
		// 24 s and 10 GB (and 1.3 s and 1.7 GB).
		{1, orig(1) + "x = " + strings.Repeat("{a=", 100000) + "1" + strings.Repeat("}", 100000) + "\n"},
		{1, orig(1) + "x = " + strings.Repeat("[{a=", 40000) + "1" + strings.Repeat("}]", 40000) + "\n"},
		{0, "x = \"\"\"a\"\"\"\"\ny = " + strings.Repeat("{a=", 20) + "}"},
		{2, "\uFEFF" + orig(2)},
		{3, "\uFEFF" + orig(3) + "\n[js](javascript:alert(1)) [bidi](https://example.org/\u202Egpj.exe) [t\u202Ex](https://e.org/)\n"},
		{3, "[long](https://example.org/" + strings.Repeat("a", 100000) + ")"},
		{4, "+++\nx = " + strings.Repeat("{a=", 15000) + "\n+++\n" + orig(4)},
		{5, strings.Repeat("#\n", 20000)},
		{5, strings.Repeat(strings.Repeat("*a ", 2000)+"\n\n", 60)},
	} {
		f.Add(uint8(s.file), []byte(s.src))
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		m[packFiles[int(which)%len(packFiles)]] = &fstest.MapFile{Data: data}
		start := time.Now()
		p, ds := Load(m, "fuzz", Options{Now: testNow})
		if el := time.Since(start); el > loadBudget {
			t.Fatalf("Load of a %d-byte %s took %v", len(data), packFiles[int(which)%len(packFiles)], el)
		}
		checkLoad(t, p, ds)
	})
}

func TestLineIndexMatchesLineCol(t *testing.T) {
	for _, src := range []string{"", "a", "\n", "ab\ncd\n\nef", "\n\nx\n"} {
		li := newLineIndex([]byte(src))
		for off := -1; off <= len(src)+1; off++ {
			l1, c1 := lineCol([]byte(src), off)
			l2, c2 := li.lineCol(off)
			if l1 != l2 || c1 != c2 {
				t.Errorf("%q at %d: lineCol %d:%d, lineIndex %d:%d", src, off, l1, c1, l2, c2)
			}
		}
	}
}
