package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"

	"github.com/evidence-reader/evidence-reader/internal/gen"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// referenceSearch scores every entry in full, one by one, as the first
// version of matchRange did: word matches by position, then sahilm and
// compact on each name the words did not match. The index's shortcuts
// (first-letter masks, skipping a match that cannot rank, the fuzzy
// prefilter) must give exactly its groups.
func referenceSearch(ix *Index, raw string) []Group {
	q := parseQuery(raw)
	var all [numKinds][]scored
	for ei := range ix.Entries {
		e := &ix.Entries[ei]
		score := 0
		if p, ok := wordMatch(e.titleFold, q.words); ok && e.named {
			score = scoreWordTitle - min(p, 1<<12)
			if strings.Contains(e.titleFold, q.fold) {
				score += scorePhrase
			}
		} else if p, ok := wordMatch(e.textFold, q.words); ok {
			score = scoreWordText - min(p, 1<<12) - min(len(e.textFold)>>4, 1<<12)
			if len(q.words) > 1 && strings.Contains(e.textFold, q.fold) {
				score += scorePhrase
			}
		}
		s := scored{entry: ei, score: score}
		matched := score != 0
		if q.fuzzy && e.named && score < scoreWordTitle {
			for _, m := range fuzzy.Find(q.fold, []string{e.titleFold}) {
				if idx, ok := compact(e.titleFold, q.lower, m.MatchedIndexes); ok {
					if !matched {
						s.score = m.Score
					}
					s.fuzzy = idx
					matched = true
				}
			}
		}
		if matched {
			all[e.Kind] = append(all[e.Kind], s)
		}
	}
	var out []Group
	for k, ss := range all {
		if len(ss) == 0 {
			continue
		}
		slices.SortStableFunc(ss, func(a, b scored) int { return b.score - a.score })
		g := Group{Kind: Kind(k), Total: len(ss)}
		for _, s := range ss[:min(TopK, len(ss))] {
			g.Hits = append(g.Hits, ix.hit(q, s))
		}
		out = append(out, g)
	}
	return out
}

// mixedPack is the hand-written test pack with a generated one's
// references, studies and article blocks added.
func mixedPack(seed uint64) *pack.Pack {
	p := testPack()
	g := gen.Generate(gen.Options{Seed: seed, References: 3000, Studies: 300, ArticleBytes: 200 << 10})
	p.References = append(p.References, g.References...)
	p.Studies = append(p.Studies, g.Studies...)
	p.Article.Blocks = append(p.Article.Blocks, g.Article.Blocks...)
	return p
}

func TestSearchEqualsFullScoring(t *testing.T) {
	ix := NewIndex(mixedPack(4))
	queries := append(slices.Clone(typedQueries), "a", "s", "e 1", "zzz", "ref1", "smith 2", "stalk", "lbpr", "10.1", "-pre", "øvr")
	checked := 0
	for _, q := range queries {
		for i := 1; i <= len(q); i++ {
			k := q[:i]
			if parseQuery(k).fold == "" {
				continue
			}
			got := NewSearcher(ix).Search(1, k).Groups
			want := referenceSearch(ix, k)
			if len(got) != len(want) {
				t.Fatalf("%q: %d groups, full scoring %d", k, len(got), len(want))
			}
			for g := range got {
				if got[g].Kind != want[g].Kind || got[g].Total != want[g].Total || len(got[g].Hits) != len(want[g].Hits) {
					t.Fatalf("%q group %d: %v %d hits of %d, full scoring %v %d of %d", k, g, got[g].Kind, len(got[g].Hits), got[g].Total, want[g].Kind, len(want[g].Hits), want[g].Total)
				}
				for h := range got[g].Hits {
					a, b := got[g].Hits[h], want[g].Hits[h]
					if a.Entry != b.Entry || a.Score != b.Score || !slices.Equal(a.Title, b.Title) || !slices.Equal(a.Text, b.Text) {
						t.Fatalf("%q group %v hit %d: %q %d, full scoring %q %d", k, got[g].Kind, h, a.Entry.Title, a.Score, b.Entry.Title, b.Score)
					}
				}
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d queries checked", checked)
	}
}

// TestNarrowedCandidatesMatchPlainNarrowing: the Searcher narrows fuzzy
// matching to the names that matched before and finds names for a
// query that switches fuzzy matching on in the title vocabulary; typed
// letter by letter, that gives exactly what looking again at every last
// match (or everything, when fuzzy matching switches on) gives.
func TestNarrowedCandidatesMatchPlainNarrowing(t *testing.T) {
	ix := NewIndex(mixedPack(5))
	for _, q := range append(slices.Clone(typedQueries), "stalk", "lbprr", "spot reduce fat", "e 1 2") {
		s := NewSearcher(ix)
		var prev query
		var prevHits []int32
		have := false
		for i := 1; i <= len(q); i++ {
			k := q[:i]
			qq := parseQuery(k)
			if qq.fold == "" {
				continue
			}
			got := s.Search(uint64(i), k)
			var cand []int32
			if have && narrows(prev, qq) && !(qq.fuzzy && !prev.fuzzy) {
				cand = append([]int32{}, prevHits...)
			}
			var tops [numKinds]topK
			for g := range tops {
				tops[g].k = TopK
			}
			hits, _ := ix.matchRange(qq, cand, wordSets{}, fuzzySet{}, 0, lenOr(cand, len(ix.Entries)), &tops, nil, nil)
			var want []Group
			for g := range tops {
				if tops[g].total > 0 {
					gr := Group{Kind: Kind(g), Total: tops[g].total}
					for _, sc := range tops[g].items {
						gr.Hits = append(gr.Hits, ix.hit(qq, sc))
					}
					want = append(want, gr)
				}
			}
			if summary(got) != summary(Results{Query: k, Groups: want}) || !slices.Equal(s.prevHits, hits) {
				t.Fatalf("%q: narrowed candidates differ from plain narrowing", k)
			}
			prev, prevHits, have = qq, hits, true
		}
	}
}

func lenOr(c []int32, n int) int {
	if c != nil {
		return len(c)
	}
	return n
}

// TestNarrowingEqualsFullScoring: a keystroke narrowed to the last one's
// matches gives what full scoring gives wherever the Searcher says its
// narrowing is exact: everywhere but where fuzzy matching may spread over
// more words than before ("spot red" to "spot redu", "body" to "body d";
// see Searcher.candidates). TestSearchEqualsFullScoring searches afresh.
func TestNarrowingEqualsFullScoring(t *testing.T) {
	ix := NewIndex(mixedPack(4))
	queries := append(slices.Clone(typedQueries), "e 1", "smith 2", "stalk", "a b c d e", "10.1 x")
	checked, fuzzyOn := 0, 0
	for _, q := range queries {
		for i := 2; i <= len(q); i++ {
			prev, k := q[:i-1], q[:i]
			pq, kq := parseQuery(prev), parseQuery(k)
			if pq.fold == "" || kq.fold == "" || !narrows(pq, kq) {
				continue
			}
			if pq.fuzzy && kq.fuzzy && fuzzyWords(len(kq.lower)) > fuzzyWords(len(pq.lower)) {
				continue // the approximation
			}
			if !pq.fuzzy && kq.fuzzy {
				fuzzyOn++
			}
			s := NewSearcher(ix)
			s.Search(1, prev)
			got, want := s.Search(2, k).Groups, referenceSearch(ix, k)
			if len(got) != len(want) {
				t.Fatalf("%q after %q: %d groups, full scoring %d", k, prev, len(got), len(want))
			}
			for g := range got {
				if got[g].Kind != want[g].Kind || got[g].Total != want[g].Total || len(got[g].Hits) != len(want[g].Hits) {
					t.Fatalf("%q after %q, group %d: %v %d hits of %d, full scoring %v %d of %d", k, prev, g, got[g].Kind, len(got[g].Hits), got[g].Total, want[g].Kind, len(want[g].Hits), want[g].Total)
				}
				for h := range got[g].Hits {
					if a, b := got[g].Hits[h], want[g].Hits[h]; a.Entry != b.Entry || a.Score != b.Score {
						t.Fatalf("%q after %q, group %v hit %d: %q %d, full scoring %q %d", k, prev, got[g].Kind, h, a.Entry.Title, a.Score, b.Entry.Title, b.Score)
					}
				}
			}
			checked++
		}
	}
	if checked < 80 || fuzzyOn < 4 {
		t.Fatalf("only %d keystrokes checked, %d switching fuzzy matching on", checked, fuzzyOn)
	}
}
