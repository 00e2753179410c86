package search

import (
	"slices"
	"strings"
	"sync"

	"github.com/evidence-reader/evidence-reader/internal/fold"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/sahilm/fuzzy"
)

// RefIndex is the references filter over one pack's references: the
// displayed lines and what else a reference is found by, folded once, so
// a keystroke only matches. Like a Searcher it remembers the last query:
// when the next one extends it, only its matches are looked at again. It
// is not safe for concurrent use.
type RefIndex struct {
	refs []pack.Reference
	// line, lineFold and extraFold are per reference; authors is the
	// folded author part of the line, for the fuzzy fallback.
	line      []string
	lineFold  []string
	lineASCII []bool
	extraFold []string
	authors   []string
	// lineInit and extraInit are initMask of the folded line and extra
	// text; pref indexes the word starts of both, built in the background
	// by NewRefIndex (the second letter typed needs it).
	lineInit, extraInit []uint64
	prefOnce            sync.Once
	pref                *prefixIndex

	prev     query
	prevHits []int
	prevFuzz bool
	havePrev bool
}

// NewRefIndex folds refs for filtering.
func NewRefIndex(refs []pack.Reference) *RefIndex {
	x := &RefIndex{refs: refs, line: make([]string, len(refs)), lineFold: make([]string, len(refs)),
		lineASCII: make([]bool, len(refs)), extraFold: make([]string, len(refs)), authors: make([]string, len(refs)),
		lineInit: make([]uint64, len(refs)), extraInit: make([]uint64, len(refs))}
	for i, r := range refs {
		l := RefLine(r)
		x.line[i] = l
		x.lineFold[i], x.lineASCII[i] = fold.StringASCII(l)
		x.extraFold[i], _ = fold.StringASCII(refExtra(r))
		a := l
		if j := strings.Index(a, " ("); j > 0 {
			a = a[:j]
		}
		x.authors[i], _ = fold.StringASCII(a)
		x.lineInit[i], x.extraInit[i] = initMask(x.lineFold[i]), initMask(x.extraFold[i])
	}
	go x.prefOnce.Do(x.buildPrefixes)
	return x
}

func (x *RefIndex) buildPrefixes() {
	x.pref = buildPrefixIndex(len(x.refs), func(i, field int) string {
		if field == 0 {
			return x.lineFold[i]
		}
		return x.extraFold[i]
	})
}

// Len is the number of references.
func (x *RefIndex) Len() int { return len(x.refs) }

// Filter returns the indexes of the references q keeps: in pack order
// those where every query word prefix-matches a word of the displayed
// line, id, journal, DOI or PMID (all of them for an empty query); when
// none does, the fuzzy fallback's, best first. Highlight gives a kept
// reference's line and highlights.
func (x *RefIndex) Filter(q string) []int {
	qq := parseQuery(q)
	if len(qq.words) == 0 {
		x.havePrev = false
		all := make([]int, len(x.refs))
		for i := range all {
			all[i] = i
		}
		return all
	}
	var cand []int
	narrow := x.havePrev && narrows(x.prev, qq)
	if narrow && x.prevFuzz && fuzzyWords(len(qq.lower)) != fuzzyWords(len(x.prev.lower)) {
		// A longer query may spread its letters over more words, so it can
		// match names the shorter one did not.
		narrow = false
	}
	if narrow && !x.prevFuzz {
		cand = x.prevHits
	}
	var out []int
	if !narrow || !x.prevFuzz {
		out = x.words(qq, cand)
	}
	fuzz := false
	if len(out) == 0 && qq.fuzzy {
		if narrow && x.prevFuzz {
			// In pack order, so ties rank as they do over every reference.
			cand = slices.Sorted(slices.Values(x.prevHits))
		} else {
			cand = nil
		}
		out, fuzz = x.fuzzy(qq, cand), true
	}
	x.prev, x.prevHits, x.prevFuzz, x.havePrev = qq, out, fuzz, true
	return out
}

// words keeps the candidates (all when cand is nil) every query word
// prefix-matches. Each word of up to prefixLen bytes that starts with an
// ASCII letter or digit is looked up in the prefix index (a one-letter
// word in the first-letter masks), which decides it alone; only longer
// words, and words starting otherwise, are looked for in the text.
func (x *RefIndex) words(qq query, cand []int) []int {
	n := len(x.refs)
	if cand != nil {
		n = len(cand)
	}
	var in *bitset
	var scan []string
	for _, w := range qq.words {
		if initBit(w[0]) == 0 || len(w) > prefixLen {
			scan = append(scan, w)
		}
		if initBit(w[0]) == 0 || len(w) < 2 {
			continue
		}
		x.prefOnce.Do(x.buildPrefixes)
		f0, f1 := x.pref.sets(w, len(x.refs), nil)
		in = in.and(f0.or(f1))
	}
	out := make([]int, 0, min(n, 1024))
	for k := range n {
		i := k
		if cand != nil {
			i = cand[k]
		}
		if !in.has(i) || !x.initsMatch(i, qq) {
			continue
		}
		if len(scan) == 0 || x.wordsMatch(i, scan) {
			out = append(out, i)
		}
	}
	return out
}

// initsMatch reports whether every one-letter query word starts a word of
// reference i's line or extra text.
func (x *RefIndex) initsMatch(i int, qq query) bool {
	for _, w := range qq.words {
		if b := initBit(w[0]); len(w) == 1 && b != 0 && (x.lineInit[i]|x.extraInit[i])&b == 0 {
			return false
		}
	}
	return true
}

// wordsMatch reports whether every one of words prefix-matches a word of
// reference i's line or extra text.
func (x *RefIndex) wordsMatch(i int, words []string) bool {
	for _, w := range words {
		if wordIndex(x.lineFold[i], w, 0) < 0 && wordIndex(x.extraFold[i], w, 0) < 0 {
			return false
		}
	}
	return true
}

// fuzzy is the fallback for a query no word prefix matches, such as a
// misspelt name ("stalknecht"): sahilm/fuzzy over the author part of each
// line only, since a subsequence of a long title matches nearly anything.
// Best matches first.
func (x *RefIndex) fuzzy(qq query, cand []int) []int {
	authors := x.authors
	if cand != nil {
		authors = make([]string, len(cand))
		for k, i := range cand {
			authors[k] = x.authors[i]
		}
	}
	var out []int
	for _, m := range fuzzy.Find(qq.fold, authors) {
		if _, ok := compact(authors[m.Index], qq.lower, m.MatchedIndexes); !ok {
			continue
		}
		i := m.Index
		if cand != nil {
			i = cand[i]
		}
		out = append(out, i)
	}
	return out
}

// Highlight is reference i's displayed line with the ranges q highlights:
// its word matches, or for a fuzzy match the letters that matched.
func (x *RefIndex) Highlight(i int, q string) RefHit {
	qq := parseQuery(q)
	h := RefHit{Index: i, Line: x.line[i]}
	if len(qq.words) == 0 {
		return h
	}
	if x.wordsMatch(i, qq.words) || !qq.fuzzy {
		h.Ranges = wordRanges(x.lineFold[i], x.lineASCII[i], qq.words, nil)
		return h
	}
	for _, m := range fuzzy.Find(qq.fold, []string{x.authors[i]}) {
		if idx, ok := compact(x.authors[i], qq.lower, m.MatchedIndexes); ok {
			_, ascii := fold.StringASCII(x.authors[i])
			h.Ranges = fuzzyRanges(x.authors[i], ascii, idx)
		}
	}
	return h
}
