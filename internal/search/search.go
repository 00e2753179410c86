package search

import (
	"github.com/evidence-reader/evidence-reader/internal/fold"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// TopK is how many hits each group keeps.
const TopK = 20

// maxRanges caps highlights per string so a common word in a long
// paragraph does not produce thousands of ranges.
const maxRanges = 32

// Range is a highlight [Start, End) in runes of the displayed string.
type Range struct{ Start, End int }

// Hit is one matching entry with highlights into its Title and Text.
type Hit struct {
	Entry *Entry
	Score int
	Title []Range
	Text  []Range
}

// Group is the best hits of one kind, best first; Total counts every match.
type Group struct {
	Kind  Kind
	Hits  []Hit
	Total int
}

// Results is one search's answer, tagged with the generation it was asked for.
type Results struct {
	Gen    uint64
	Query  string
	Groups []Group
}

// Count is the number of hits shown across groups.
func (r Results) Count() int {
	n := 0
	for _, g := range r.Groups {
		n += len(g.Hits)
	}
	return n
}

// Scores: a word match beats any fuzzy match; a title word match beats a
// text one. Fuzzy scores from sahilm are small integers around zero.
const (
	scoreWordText  = 1 << 20
	scoreWordTitle = 1 << 22
	scorePhrase    = 1 << 21
)

// minFuzzy is the shortest query matched fuzzily: one or two letters as a
// subsequence match nearly every name, and word prefixes already cover them.
const minFuzzy = 3

// query is a folded query split into words.
type query struct {
	raw   string
	fold  string
	lower []rune // fold, lower-cased, for compact
	words []string
	fuzzy bool
	// init has the initBit of each word's first byte: an entry whose
	// initMask lacks one cannot match. initExact is set when every word
	// is one such byte, so the mask alone decides.
	init      uint64
	initExact bool
}

func parseQuery(q string) query {
	q = strings.TrimSpace(q)
	f, _ := fold.StringASCII(q)
	qq := query{raw: q, fold: f, lower: []rune(strings.ToLower(f)), words: strings.Fields(f), fuzzy: utf8.RuneCountInString(f) >= minFuzzy}
	qq.initExact = len(qq.words) > 0
	for _, w := range qq.words {
		b := initBit(w[0])
		qq.init |= b
		qq.initExact = qq.initExact && b != 0 && len(w) == 1
	}
	return qq
}

// wordMatch reports whether every query word prefix-matches a word of s
// (already folded); pos is the first match of the first word.
func wordMatch(s string, words []string) (pos int, ok bool) {
	pos = -1
	for i, w := range words {
		p := wordIndex(s, w, 0)
		if p < 0 {
			return -1, false
		}
		if i == 0 {
			pos = p
		}
	}
	return pos, len(words) > 0
}

// firstAt is wordMatch for entry ei's title (field 0) or text (field 1),
// which the sets have already found to match: the position comes from the
// prefix index when it has it.
func (ws wordSets) firstAt(field, ei int, s string, words []string) (int, bool) {
	if ws.pos != nil {
		return int(ws.pos[field][ei]), true
	}
	return wordMatch(s, words)
}

// wordsMatch is wordMatch without the position.
func wordsMatch(s string, words []string) bool {
	for _, w := range words {
		if wordIndex(s, w, 0) < 0 {
			return false
		}
	}
	return len(words) > 0
}

// wordIndex finds w in s at or after from, starting at a word boundary.
// A w that itself starts with punctuation may match anywhere.
func wordIndex(s, w string, from int) int {
	first, _ := utf8.DecodeRuneInString(w)
	anywhere := !isWordRune(first)
	for from <= len(s) {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		if anywhere || i == 0 {
			return i
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(prev) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		from = i + size
	}
	return -1
}

// scored is a candidate kept during the scan; ranges are computed later,
// only for the hits that make the top K.
type scored struct {
	entry int
	score int
	fuzzy []int // byte offsets into the folded title, from sahilm/fuzzy
}

// topK keeps the k best by score without sorting everything: an insertion
// into a short sorted slice. Ties keep pack order.
type topK struct {
	k     int
	items []scored
	total int
}

// fuzzySet are the entries whose names may match fuzzily (set nil: all);
// exact says they do, with no further test.
type fuzzySet struct {
	set   *bitset
	exact bool
}

// wordTop is the TopK best word scores of a group's entries so far,
// best first: a later entry scoring at most the last cannot rank.
type wordTop struct {
	n      int
	scores [TopK]int
}

func (t *wordTop) full() bool { return t.n == TopK }
func (t *wordTop) last() int  { return t.scores[TopK-1] }

func (t *wordTop) add(score int) {
	if t.full() && score <= t.last() {
		return
	}
	i := min(t.n, TopK-1)
	for i > 0 && t.scores[i-1] < score {
		t.scores[i] = t.scores[i-1]
		i--
	}
	t.scores[i] = score
	t.n = min(t.n+1, TopK)
}

func (t *topK) add(s scored) {
	t.total++
	n := len(t.items)
	if n == t.k && s.score <= t.items[n-1].score {
		return
	}
	i, _ := slices.BinarySearchFunc(t.items, s.score, func(a scored, score int) int {
		if a.score >= score {
			return -1
		}
		return 1
	})
	if n < t.k {
		t.items = append(t.items, scored{})
	}
	copy(t.items[i+1:], t.items[i:len(t.items)-1])
	t.items[i] = s
}

// parallelMin is the number of candidates per CPU from which match splits
// the scan: below it a goroutine costs more than it saves.
const parallelMin = 2048

// match scans the candidate entries (all when cand is nil), fills tops
// and appends every matching entry to hits for later narrowing. Large
// scans are split into one contiguous shard per CPU; merging the shards
// in order gives exactly the sequential result (ties keep pack order).
func (ix *Index) match(q query, cand []int32, fz fuzzySet, tops *[numKinds]topK, hits []int32) (all, fuzzed []int32) {
	ws := ix.wordSets(q)
	n := len(ix.Entries)
	if cand != nil {
		n = len(cand)
	}
	shards := min(runtime.GOMAXPROCS(0), n/parallelMin)
	if shards <= 1 {
		return ix.matchRange(q, cand, ws, fz, 0, n, tops, hits, nil)
	}
	type part struct {
		tops   [numKinds]topK
		hits   []int32
		fuzzed []int32
	}
	parts := make([]part, shards)
	var wg sync.WaitGroup
	for i := range parts {
		p := &parts[i]
		for k := range p.tops {
			p.tops[k].k = tops[k].k
		}
		if i == 0 {
			p.hits = hits
		}
		lo, hi := n*i/shards, n*(i+1)/shards
		wg.Go(func() { p.hits, p.fuzzed = ix.matchRange(q, cand, ws, fz, lo, hi, &p.tops, p.hits, nil) })
	}
	wg.Wait()
	hits = parts[0].hits
	for i := range parts {
		p := &parts[i]
		if i > 0 {
			hits = append(hits, p.hits...)
		}
		fuzzed = append(fuzzed, p.fuzzed...)
		for k := range tops {
			for _, it := range p.tops[k].items {
				tops[k].add(it)
			}
			tops[k].total += p.tops[k].total - len(p.tops[k].items)
		}
	}
	return hits, fuzzed
}

// matchRange is match over candidates lo to hi. Only the fields in ws can
// match by words; only titles of entries in fz (all when fz is nil) are
// matched fuzzily.
func (ix *Index) matchRange(q query, cand []int32, ws wordSets, fz fuzzySet, lo, hi int, tops *[numKinds]topK, hits, fuzzed []int32) ([]int32, []int32) {
	n := hi - lo
	at := func(i int) int {
		if cand != nil {
			return int(cand[lo+i])
		}
		return lo + i
	}

	// Word matches first: an entry whose name matched by words needs no
	// fuzzy pass, since the word score outranks any fuzzy score. A field
	// whose initMask lacks a query word's first letter (or first pair)
	// cannot match. Once K earlier entries of a group have matched by
	// words, a match that cannot beat the last of them never ranks (ties
	// keep pack order), so it only counts and where it is need not be
	// found: with a one-letter query the mask alone says whether it
	// matches. Its score is then its bound, which add refuses too.
	word := make([]int, n)
	var ranked [numKinds]wordTop
	exact := q.initExact || ws.exact
	for i := 0; i < n; i++ {
		ei := at(i)
		e := &ix.Entries[ei]
		word[i] = 0
		top := &ranked[e.Kind]
		if e.named && e.titleInit&q.init == q.init && ws.title.has(ei) {
			if best := scoreWordTitle + scorePhrase; top.full() && best <= top.last() {
				if exact || wordsMatch(e.titleFold, q.words) {
					word[i] = best
				}
			} else if p, ok := ws.firstAt(0, ei, e.titleFold, q.words); ok {
				word[i] = scoreWordTitle - min(p, 1<<12)
				// One word that matched is the whole query, as a phrase.
				if len(q.words) == 1 && ws.pos != nil || strings.Contains(e.titleFold, q.fold) {
					word[i] += scorePhrase
				}
				top.add(word[i])
			}
		}
		if word[i] == 0 && e.textInit&q.init == q.init && ws.text.has(ei) {
			best := scoreWordText - min(len(e.textFold)>>4, 1<<12)
			if len(q.words) > 1 {
				best += scorePhrase
			}
			if top.full() && best <= top.last() {
				if exact || wordsMatch(e.textFold, q.words) {
					word[i] = best
				}
			} else if p, ok := ws.firstAt(1, ei, e.textFold, q.words); ok {
				word[i] = scoreWordText - min(p, 1<<12) - min(len(e.textFold)>>4, 1<<12)
				if len(q.words) > 1 && strings.Contains(e.textFold, q.fold) {
					word[i] += scorePhrase
				}
				top.add(word[i])
			}
		}
	}

	// Fuzzy pass over names and keys; a paragraph's title is only its
	// section's name, so it is skipped. Whether a name matches is what
	// compact accepts, which fuzzyFits decides (after a memchr-based
	// subsequence test that rejects most names at once); sahilm's slower
	// per-rune scan, for the score, runs only where that score can rank:
	// on names that matched only fuzzily, in a group with fewer than K word
	// matches (any word match outscores any fuzzy one). The letters of a
	// ranked name that also matched by words are found again in hit.
	var ok, scoreIt []bool
	var fm fuzzy.Matches
	if q.fuzzy {
		ok, scoreIt = make([]bool, n), make([]bool, n)
		limit := fuzzyWords(len(q.lower))
		need := 0
		for i := 0; i < n; i++ {
			e := &ix.Entries[at(i)]
			// A name whose text matched by words is not matched fuzzily
			// here: its word score outranks any fuzzy one, so the match
			// would only decide whether the next query matches it
			// fuzzily, and it is passed on for that (below), where
			// narrowing has left fewer to match.
			if !e.named || word[i] != 0 || !fz.set.has(at(i)) {
				continue
			}
			if !fz.exact && (!subsequence(e.titleFold, q.fold) || !fuzzyFits(e.titleFold, q.lower, limit)) {
				continue
			}
			ok[i] = true
			if word[i] == 0 && ranked[e.Kind].n < TopK {
				scoreIt[i] = true
				need++
			}
		}
		if need > 0 {
			var titles iter.Seq[string] = func(yield func(string) bool) {
				for i := 0; i < n; i++ {
					t := ""
					if scoreIt[i] {
						t = ix.Entries[at(i)].titleFold
					}
					if !yield(t) {
						return
					}
				}
			}
			// Unsorted matches come in scan order, so they are walked alongside.
			fm = fuzzy.FindFromIterNoSort(q.fold, titles)
		}
	}

	for i := 0; i < n; i++ {
		ei := at(i)
		e := &ix.Entries[ei]
		s := scored{entry: ei, score: word[i]}
		matched := word[i] != 0
		if ok != nil && ok[i] {
			matched = true
			fuzzed = append(fuzzed, int32(ei))
			if len(fm) > 0 && fm[0].Index == i {
				m := fm[0]
				fm = fm[1:]
				if idx, good := compact(e.titleFold, q.lower, m.MatchedIndexes); good {
					s.score, s.fuzzy = m.Score, idx
				}
			}
		} else if e.named && word[i] != 0 {
			// It matched by words, so its name was not matched fuzzily: a
			// longer query may still match it fuzzily.
			fuzzed = append(fuzzed, int32(ei))
		}
		if matched {
			tops[e.Kind].add(s)
			hits = append(hits, int32(ei))
		}
	}
	return hits, fuzzed
}

// hit turns a kept candidate into a Hit with rune-offset highlights.
func (ix *Index) hit(q query, s scored) Hit {
	e := &ix.Entries[s.entry]
	h := Hit{Entry: e, Score: s.score}
	var title []Range
	if e.named {
		title = wordRanges(e.titleFold, e.titleASCII, q.words, nil)
	}
	if len(title) == 0 && s.fuzzy == nil && q.fuzzy && e.named && subsequence(e.titleFold, q.fold) {
		// A name that matched fuzzily and by words elsewhere was not given
		// to sahilm in the scan.
		for _, m := range fuzzy.Find(q.fold, []string{e.titleFold}) {
			s.fuzzy, _ = compact(e.titleFold, q.lower, m.MatchedIndexes)
		}
	}
	if len(title) == 0 && s.fuzzy != nil {
		title = fuzzyRanges(e.titleFold, e.titleASCII, s.fuzzy)
	}
	h.Title = title
	h.Text = wordRanges(e.textFold, e.textASCII, q.words, nil)
	return h
}

// wordRanges highlights word-start occurrences of each query word in the
// folded string, converted to rune offsets and merged.
func wordRanges(s string, ascii bool, words []string, out []Range) []Range {
	for _, w := range words {
		for from := 0; len(out) < maxRanges; {
			i := wordIndex(s, w, from)
			if i < 0 {
				break
			}
			out = append(out, Range{i, i + len(w)})
			from = i + len(w)
		}
	}
	if !ascii {
		toRunes(s, out)
	}
	return mergeRanges(out)
}

// subsequence reports whether the runes of pat occur in s in order.
func subsequence(s, pat string) bool {
	for _, r := range pat {
		var i int
		if r < utf8.RuneSelf {
			i = strings.IndexByte(s, byte(r))
		} else {
			i = strings.IndexRune(s, r)
		}
		if i < 0 {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	return true
}

// fuzzyRanges turns sahilm's byte offsets into one-rune ranges.
func fuzzyRanges(s string, ascii bool, idx []int) []Range {
	out := make([]Range, 0, len(idx))
	for _, b := range idx {
		if b < 0 || b >= len(s) {
			continue
		}
		_, size := utf8.DecodeRuneInString(s[b:])
		out = append(out, Range{b, b + size})
	}
	if !ascii {
		toRunes(s, out)
	}
	return mergeRanges(out)
}

// toRunes converts byte offsets in s to rune offsets in place. The folded
// string has one rune per displayed rune, so the offsets carry over.
func toRunes(s string, rs []Range) {
	for i := range rs {
		rs[i].Start = runeOffset(s, rs[i].Start)
		rs[i].End = runeOffset(s, rs[i].End)
	}
}

// runeOffset counts the runes before byte b, rounding a b inside a rune
// up to the rune's end so a range never splits a character.
func runeOffset(s string, b int) int {
	if b >= len(s) {
		return utf8.RuneCountInString(s)
	}
	for b > 0 && !utf8.RuneStart(s[b]) {
		b++
		if b >= len(s) {
			return utf8.RuneCountInString(s)
		}
	}
	return utf8.RuneCountInString(s[:b])
}

// mergeRanges sorts and merges overlapping or touching ranges.
func mergeRanges(rs []Range) []Range {
	if len(rs) == 0 {
		return nil
	}
	slices.SortFunc(rs, func(a, b Range) int { return a.Start - b.Start })
	out := rs[:1]
	for _, r := range rs[1:] {
		if r.End <= r.Start {
			continue
		}
		last := &out[len(out)-1]
		if r.Start <= last.End {
			last.End = max(last.End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Search runs q over the whole index, without narrowing.
func (ix *Index) Search(q string) Results {
	var s Searcher
	s.ix = ix
	return s.Search(0, q)
}

// Searcher runs queries against an Index from any goroutine. It remembers
// the previous query's matches: when the next query extends it, only those
// are searched again. Each call carries a generation so the UI can drop
// results that a newer keystroke has overtaken.
type Searcher struct {
	ix     *Index
	latest atomic.Uint64

	mu       sync.Mutex
	prev     query
	prevHits []int32
	// prevFuzzed are the last query's matches whose names matched, by
	// words or fuzzily: the only ones a longer query can match fuzzily.
	prevFuzzed []int32
	havePrev   bool
	spare      []int32
}

// candidates are the entries the next query q must look at, given the
// last one: nil for all. Word matches of q are among the last query's
// matches when q extends it. Fuzzy matches are among them too once both
// match fuzzily (this is exact when both may spread over as many words:
// a longer query spans at least as many; across that boundary it is an
// approximation the Searcher has always made), so then only the entries
// whose names matched fuzzily last time are matched fuzzily again. When q
// switches fuzzy matching on, its fuzzy matches are the names with a word
// holding all its letters (it may span one word): the title vocabulary
// finds those without a scan, and the word matches narrow as before.
//
// For a query whose fuzzy matches may span one word, the vocabulary's
// names are exactly its fuzzy matches (exact is set), so they need no
// further test.
func (s *Searcher) candidates(q query) (cand []int32, fz *bitset, exact bool) {
	oneWord := q.fuzzy && fuzzyWords(len(q.lower)) == 1
	if !s.havePrev || !narrows(s.prev, q) {
		if oneWord {
			return nil, s.ix.vocabMatches(q), true
		}
		return nil, nil, false
	}
	if !q.fuzzy {
		return s.prevHits, nil, false
	}
	if !s.prev.fuzzy {
		fz = s.ix.vocabMatches(q)
		return fz.union(s.prevHits), fz, true
	}
	if oneWord {
		// Among the last matches: the shorter query's fuzzy matches hold
		// the longer one's.
		return s.prevHits, s.ix.vocabMatches(q), true
	}
	if fuzzyWords(len(q.lower)) == fuzzyWords(len(s.prev.lower)) {
		fz = newBitset(len(s.ix.Entries))
		fz.addAll(s.prevFuzzed)
	}
	return s.prevHits, fz, false
}

// NewSearcher returns a Searcher over ix.
func NewSearcher(ix *Index) *Searcher { return &Searcher{ix: ix} }

// Latest is the highest generation asked for so far.
func (s *Searcher) Latest() uint64 { return s.latest.Load() }

// Stale reports whether results of generation gen have been overtaken.
func (s *Searcher) Stale(gen uint64) bool { return gen < s.latest.Load() }

// Search returns grouped results for q. An empty query has no results.
func (s *Searcher) Search(gen uint64, q string) Results {
	for {
		cur := s.latest.Load()
		if gen <= cur || s.latest.CompareAndSwap(cur, gen) {
			break
		}
	}
	res := Results{Gen: gen, Query: q}
	qq := parseQuery(q)
	s.mu.Lock()
	defer s.mu.Unlock()
	if qq.fold == "" || s.ix == nil {
		s.havePrev = false
		return res
	}
	cand, fz, exact := s.candidates(qq)
	if cand == nil && s.havePrev && narrows(s.prev, qq) {
		cand = []int32{}
	}
	var tops [numKinds]topK
	for k := range tops {
		tops[k].k = TopK
	}
	hits, fuzzed := s.ix.match(qq, cand, fuzzySet{fz, exact}, &tops, s.spare[:0])
	s.spare = s.prevHits
	s.prevHits, s.prevFuzzed, s.prev, s.havePrev = hits, fuzzed, qq, true

	for k := range tops {
		t := &tops[k]
		if t.total == 0 {
			continue
		}
		g := Group{Kind: Kind(k), Total: t.total, Hits: make([]Hit, len(t.items))}
		for i, sc := range t.items {
			g.Hits[i] = s.ix.hit(qq, sc)
		}
		res.Groups = append(res.Groups, g)
	}
	return res
}

// narrows reports whether every word match of next is a match of prev
// (and every fuzzy match, when both match fuzzily), so next may search
// only prev's hits: next must extend prev's text, and the word split must
// agree except the last word may have grown. When fuzzy matching
// switches on it adds matches outside them (see Searcher.candidates).
func narrows(prev, next query) bool {
	if !strings.HasPrefix(next.fold, prev.fold) || len(prev.words) == 0 {
		return false
	}
	if len(next.words) < len(prev.words) {
		return false
	}
	for i, w := range prev.words {
		if !strings.HasPrefix(next.words[i], w) {
			return false
		}
	}
	return true
}

// RefHit is one row of the filtered references list.
type RefHit struct {
	// Index is the reference's position in the pack.
	Index int
	// Line is the displayed author-year-title line (RefLine).
	Line string
	// Ranges highlight Line, in runes.
	Ranges []Range
}

// FilterReferences keeps, in pack order, the references where every query
// word prefix-matches a word of the displayed line, id, journal, DOI or
// PMID. An empty query keeps them all. The list stays in pack order, so
// matching is by words: a subsequence match would keep nearly every long
// line. When no reference matches by words, a misspelt name still finds
// its reference by the fuzzy fallback (best first). A view that filters
// as the reader types keeps a RefIndex instead.
func FilterReferences(refs []pack.Reference, q string) []RefHit {
	x := NewRefIndex(refs)
	idx := x.Filter(q)
	out := make([]RefHit, len(idx))
	for k, i := range idx {
		out[k] = x.Highlight(i, q)
	}
	return out
}

// fuzzyWords is how many words the letters of an n-rune query may span
// in a fuzzy match (see compact).
func fuzzyWords(n int) int { return max(1, (n+3)/4) }

// fuzzyFits reports whether compact could accept a match of q in s (both
// folded): whether from some start, each letter taken at its first
// chance, q's letters lie within limit words.
func fuzzyFits(s string, q []rune, limit int) bool {
	if len(q) == 0 {
		return false
	}
	if q[0] < utf8.RuneSelf {
		c := byte(q[0])
		for i := 0; i < len(s); {
			j := strings.IndexByte(s[i:], c)
			if j < 0 {
				return false
			}
			if wordsSpanned(s[i+j:], q, limit) > 0 {
				return true
			}
			i += j + 1
		}
		return false
	}
	for start, r := range s {
		if unicode.ToLower(r) == q[0] && wordsSpanned(s[start:], q, limit) > 0 {
			return true
		}
	}
	return false
}

// compact finds where q's letters occur in s, in order, spanning the
// fewest space-separated words, and returns their byte offsets when that
// is a plausible misspelling or abbreviation of a name rather than letters
// picked from all over a title: for an n-rune query the letters may span
// at most (n+3)/4 words (at least one). So "stalknecht" finds
// "Stallknecht" and "lbpr" finds "Löberbauer-Purer", but "vol" does not
// light up "Illustrative randomised trial".
func compact(s string, q []rune, idx []int) ([]int, bool) {
	if len(q) == 0 || len(idx) == 0 || idx[0] < 0 || idx[0] >= len(s) {
		return nil, false
	}
	limit := fuzzyWords(len(q))
	// The matcher's own match, from the first start, is usually the one.
	if first, last := idx[0], idx[len(idx)-1]; last < len(s) && first <= last &&
		1+strings.Count(s[first:last], " ") <= limit {
		return idx, true
	}
	// The matcher keeps one match, which may span more words than another
	// ("Short study of Stallknecht"), and need not take each letter at its
	// first chance (for "stalk" in "Stallknecht & Katch" it takes the k of
	// Katch), so every start is tried, each letter at its first chance,
	// giving up at the end of its limit-th word; the one spanning fewest
	// words wins. So a name is found exactly when some start spans few
	// enough words, whatever the matcher chose.
	best, fewest := -1, limit+1
	for start, r := range s {
		if unicode.ToLower(r) != q[0] {
			continue
		}
		if w := wordsSpanned(s[start:], q, fewest-1); w > 0 {
			best, fewest = start, w
			if w == 1 {
				break
			}
		}
	}
	if best < 0 {
		return nil, false
	}
	tight := make([]int, 0, len(q))
	matchForward(s, q, best, &tight)
	return tight, true
}

// wordsSpanned returns how many space-separated words of s, from its
// start, q's letters span when matched in order, or 0 when they do not
// all occur within the first limit words.
func wordsSpanned(s string, q []rune, limit int) int {
	k, words := 0, 1
	for _, r := range s {
		if r == ' ' {
			if words++; words > limit {
				return 0
			}
		}
		if unicode.ToLower(r) == q[k] {
			if k++; k == len(q) {
				return words
			}
		}
	}
	return 0
}

// matchForward matches q's letters in order from byte offset p of s and
// returns the offset of the last one, or -1 when they do not all occur;
// with at, it appends each letter's offset.
func matchForward(s string, q []rune, p int, at *[]int) int {
	k := 0
	for i, r := range s[p:] {
		if unicode.ToLower(r) == q[k] {
			if at != nil {
				*at = append(*at, p+i)
			}
			if k++; k == len(q) {
				return p + i
			}
		}
	}
	return -1
}
