package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// FuzzSearch builds entries from random text and checks that searching
// never panics and every highlight is ordered and within the rune length.
func FuzzSearch(f *testing.F) {
	f.Add("Löberbauer-Purer 2012", "Kässmann Ramírez\x00 body", "löb")
	f.Add("Stallknecht", "spot reduction", "spot r")
	f.Add("İstanbul ǅ ß", "\xff\xfe broken", "i")
	f.Add("", "", " ")
	f.Fuzz(func(t *testing.T, title, text, q string) {
		p := &pack.Pack{
			Studies:    []pack.Study{{ID: "s", Label: title, Conclusion: text}},
			References: []pack.Reference{{ID: "r", Title: title + " " + text}},
		}
		ix := NewIndex(p)
		s := NewSearcher(ix)
		var gen uint64
		// Typing every prefix is quadratic in the query's length, so only
		// the first maxTyped bytes are typed one by one and then the whole
		// query is searched at once (a paste). Without the cap a 4 KB
		// query made the fuzzing worker miss its 10 s deadline.
		var prefixes []string
		for i := 1; i <= min(len(q), maxTyped); i++ {
			prefixes = append(prefixes, q[:i])
		}
		if len(q) > maxTyped {
			prefixes = append(prefixes, q)
		}
		for _, pq := range prefixes {
			gen++
			for _, g := range s.Search(gen, pq).Groups {
				for _, h := range g.Hits {
					fuzzCheck(t, h.Entry.Title, h.Title)
					fuzzCheck(t, h.Entry.Text, h.Text)
				}
			}
		}
		for _, h := range FilterReferences(p.References, q) {
			fuzzCheck(t, h.Line, h.Ranges)
		}
		if strings.TrimSpace(q) == "" && s.Search(gen+1, q).Count() != 0 {
			t.Fatal("blank query matched")
		}
	})
}

// maxTyped is how many bytes of a fuzzed query are typed key by key.
const maxTyped = 256

func fuzzCheck(t *testing.T, s string, rs []Range) {
	n := utf8.RuneCountInString(s)
	prev := -1
	for _, r := range rs {
		if r.Start < 0 || r.End > n || r.Start >= r.End || r.Start <= prev {
			t.Fatalf("bad ranges %v for %q (%d runes)", rs, s, n)
		}
		prev = r.End
	}
}
