package pack

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestPathologicalMarkdownIsRefusedInTime feeds goldmark's known slow
// inputs (quadratic in v1.8.7) through Load as every Markdown file of a
// pack: Load must return within the parse deadline, refusing the file
// with an error that names it and a line, and the rest of the pack must
// load. Inputs goldmark handles in linear time may instead be accepted.
func TestPathologicalMarkdownIsRefusedInTime(t *testing.T) {
	cases := map[string]string{
		`"- " x 32,000`:     strings.Repeat("- ", 32000) + "x",
		`"*a_" x 32,000`:    strings.Repeat("*a_", 32000),
		"50,000 nested [ ]": strings.Repeat("[", 50000) + "a" + strings.Repeat("]", 50000),
		`"> " x 32,000`:     strings.Repeat("> ", 32000),
		`"[a](<b" x 32,000`: strings.Repeat("[a](<b", 32000),
		// Linear in goldmark: accepted, but still within the deadline.
		"50,000 nested ( ) (accepted)": "[a](" + strings.Repeat("(", 50000) + strings.Repeat(")", 50000) + ")",
		"100,000-cell table":           "|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|"+strings.Repeat("b|", 1000)+"\n", 120),
		"5,001 link brackets":          strings.Repeat("[x] ", 5001),
		// Linear in goldmark but a kilobyte a line: 4 MiB took 1.5 s and 1 GB.
		`"a\n" x 500,000`: strings.Repeat("a\n", 500000), // within slides.md's cap too
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			// slides.md too: it was parsed only for its links, and a
			// refusal was dropped without a word.
			for _, file := range []string{FileArticle, FileLimitations, FileGuidance, FileSlides} {
				m := minimalFS(t)
				m[file] = &fstest.MapFile{Data: []byte(src)}
				start := time.Now()
				p, ds := Load(m, "pathological", Options{Now: testNow})
				if el := time.Since(start); el > ParseTimeout {
					t.Errorf("%s: Load took %v, more than the %v parse deadline", file, el, ParseTimeout)
				}
				var got *Diagnostic
				for i, d := range ds {
					if d.File == file && d.Severity == Error {
						got = &ds[i]
						break
					}
				}
				if got == nil && strings.HasSuffix(name, "(accepted)") {
					checkLoad(t, p, ds)
					continue
				}
				if got == nil {
					t.Fatalf("%s: no error for %d bytes of pathological Markdown; diagnostics:\n%s", file, len(src), dump(ds))
				}
				if got.Line < 1 || !(strings.Contains(got.Message, "pathological") || strings.Contains(got.Message, "took longer")) {
					t.Errorf("%s: unclear diagnostic %s", file, got)
				}
				checkLoad(t, p, ds)
				if p.Meta.Title == "" || len(p.Studies) == 0 {
					t.Errorf("%s: the rest of the pack did not load", file)
				}
			}
		})
	}
}
