package search

import (
	"slices"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/gen"
)

// TestRefIndexNarrowingMatchesAFreshFilter: typing letter by letter,
// backspacing and retyping, narrowing from the last query keeps exactly
// what filtering from scratch keeps, fuzzy fallback included.
func TestRefIndexNarrowingMatchesAFreshFilter(t *testing.T) {
	p := gen.Generate(gen.Options{References: 3000, Studies: 10, ArticleBytes: 1000, Seed: 3})
	refs := append(testPack().References, p.References...)
	x := NewRefIndex(refs)
	var typed []string
	for _, q := range []string{"stallknecht", "stalknecht", "löb", "meta ana", "ring-dim", "10.10", "zzzq"} {
		for i := 1; i <= len([]rune(q)); i++ {
			typed = append(typed, string([]rune(q)[:i]))
		}
		for i := len([]rune(q)) - 1; i > 0; i-- {
			typed = append(typed, string([]rune(q)[:i]))
		}
	}
	narrowed := 0
	for _, q := range typed {
		got := x.Filter(q)
		want := NewRefIndex(refs).Filter(q)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: narrowed filter keeps %d, fresh %d", q, len(got), len(want))
		}
		if len(got) < len(refs) {
			narrowed++
		}
	}
	if narrowed == 0 {
		t.Fatal("no query narrowed the list")
	}
}

// TestRefIndexHighlightsWordsOrFuzzyLetters: a word match highlights the
// words; a misspelt name highlights the letters that matched in the
// author part.
func TestRefIndexHighlightsWordsOrFuzzyLetters(t *testing.T) {
	refs := testPack().References
	x := NewRefIndex(refs)
	hits := x.Filter("stallk")
	if len(hits) != 1 {
		t.Fatalf("stallk keeps %d", len(hits))
	}
	h := x.Highlight(hits[0], "stallk")
	if len(h.Ranges) != 1 || h.Ranges[0] != (Range{0, 6}) {
		t.Errorf("word highlight %v in %q", h.Ranges, h.Line)
	}
	hits = x.Filter("stalknecht")
	if len(hits) != 1 {
		t.Fatalf("stalknecht keeps %d", len(hits))
	}
	h = x.Highlight(hits[0], "stalknecht")
	n := 0
	for _, r := range h.Ranges {
		n += r.End - r.Start
	}
	if n != len("stalknecht") {
		t.Errorf("fuzzy highlight %v covers %d runes of %q", h.Ranges, n, h.Line)
	}
}

// TestRefIndexWordsEqualAScan: the masks and the prefix index keep
// exactly the references a scan of every line and extra text keeps.
func TestRefIndexWordsEqualAScan(t *testing.T) {
	refs := append(testPack().References, gen.Generate(gen.Options{References: 4000, Studies: 10, ArticleBytes: 1000, Seed: 9}).References...)
	x := NewRefIndex(refs)
	for _, q := range []string{"s", "st", "sta", "stal", "stall", "10.1", "ref12", "j 1", "ring-dim", "meta an", "(2007)", "é", "øvr", "ka sm"} {
		qq := parseQuery(q)
		var want []int
		for i := range refs {
			if x.wordsMatch(i, qq.words) {
				want = append(want, i)
			}
		}
		if got := x.words(qq, nil); !slices.Equal(got, want) {
			t.Errorf("%q: index keeps %d, a scan %d", q, len(got), len(want))
		}
	}
}
