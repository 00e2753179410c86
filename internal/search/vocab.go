package search

import (
	"math/bits"
	"slices"
	"strings"
)

// bitset is a set of entry indexes. A nil *bitset is every entry.
type bitset []uint64

func newBitset(n int) *bitset {
	b := make(bitset, (n+63)/64)
	return &b
}

func (b *bitset) has(i int) bool {
	return b == nil || (*b)[i/64]&(1<<(i%64)) != 0
}

func (b *bitset) addAll(is []int32) {
	for _, i := range is {
		(*b)[i/64] |= 1 << (i % 64)
	}
}

// union is the members of b and is, in order, each once.
func (b *bitset) union(is []int32) []int32 {
	u := slices.Clone(*b)
	(&u).addAll(is)
	out := make([]int32, 0, len(is))
	for w, word := range u {
		for word != 0 {
			out = append(out, int32(w*64+bits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	return out
}

// titleVocab is every space-separated word of the names (folded), with
// the entries whose name has it: a fuzzy match that may span one word is
// a word holding all the query's letters, so the words are looked at
// instead of every name.
type titleVocab struct {
	words []string
	posts [][]int32
}

func (ix *Index) buildVocab() {
	at := map[string]int{}
	v := &titleVocab{}
	for ei := range ix.Entries {
		e := &ix.Entries[ei]
		if !e.named {
			continue
		}
		for _, w := range strings.Split(e.titleFold, " ") {
			if w == "" {
				continue
			}
			k, ok := at[w]
			if !ok {
				k = len(v.words)
				at[w] = k
				v.words = append(v.words, w)
				v.posts = append(v.posts, nil)
			}
			if p := v.posts[k]; len(p) == 0 || p[len(p)-1] != int32(ei) {
				v.posts[k] = append(p, int32(ei))
			}
		}
	}
	ix.vocab = v
}

// vocabMatches is the entries whose names have a word holding all of q's
// letters in order: for a query whose fuzzy matches may span one word
// (fuzzyWords), every entry compact can accept is among them.
func (ix *Index) vocabMatches(q query) *bitset {
	ix.vocabOnce.Do(ix.buildVocab)
	b := newBitset(len(ix.Entries))
	for k, w := range ix.vocab.words {
		if len(w) >= len(q.fold) && subsequence(w, q.fold) {
			b.addAll(ix.vocab.posts[k])
		}
	}
	return b
}

// prefixLen is how many bytes of a word start the prefix index keeps.
const prefixLen = 4

// prefixIndex lists, for the first prefixLen bytes at every word start
// (an ASCII letter or digit, as forWordStarts), the entries whose name
// (field 0) or text (field 1) has one, as entry<<1 | field, in order.
type prefixIndex struct {
	keys  []string
	posts [][]int32
	// at is, beside each posting, where in its field the first such word
	// starts (at most maxPos): the word's position for the score.
	at [][]uint16
}

// maxPos caps the positions the prefix index keeps; scores cap them
// lower.
const maxPos = 1<<16 - 1

func (ix *Index) buildPrefixes() {
	ix.pref = buildPrefixIndex(len(ix.Entries), func(i, field int) string {
		e := &ix.Entries[i]
		switch {
		case field == 1:
			return e.textFold
		case e.named:
			return e.titleFold
		}
		return ""
	})
}

// buildPrefixIndex indexes the two fields of n items.
func buildPrefixIndex(n int, field func(i, field int) string) *prefixIndex {
	// Two passes, counting and then filling, so each list is allocated
	// once at its size: at 100,000 references there are 3.5 million.
	at := map[string]int{}
	var keys []string
	var count []int
	var last []int32
	each := func(visit func(j int, tag int32, at int)) {
		for i := range n {
			for f := range 2 {
				s := field(i, f)
				tag := int32(i)<<1 | int32(f)
				forWordStarts(s, func(b int) {
					k := s[b:min(len(s), b+prefixLen)]
					j, ok := at[k]
					if !ok {
						j = len(keys)
						at[k] = j
						keys = append(keys, k)
						count = append(count, 0)
						last = append(last, -1)
					}
					if last[j] != tag {
						last[j] = tag
						visit(j, tag, b)
					}
				})
			}
		}
	}
	each(func(j int, _ int32, _ int) { count[j]++ })
	posts := make([][]int32, len(keys))
	ats := make([][]uint16, len(keys))
	for j, c := range count {
		posts[j] = make([]int32, 0, c)
		ats[j] = make([]uint16, 0, c)
	}
	for j := range last {
		last[j] = -1
	}
	each(func(j int, tag int32, at int) {
		posts[j] = append(posts[j], tag)
		ats[j] = append(ats[j], uint16(min(at, maxPos)))
	})
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	p := &prefixIndex{keys: make([]string, len(keys)), posts: make([][]int32, len(keys)), at: make([][]uint16, len(keys))}
	for i, j := range order {
		p.keys[i], p.posts[i], p.at[i] = keys[j], posts[j], ats[j]
	}
	return p
}

// sets are the items of n whose field 0 and field 1 have a word starting
// with w (w of two bytes or more, starting with an ASCII letter or digit;
// exact up to prefixLen bytes, a superset beyond).
//
// With pos, it also fills pos[field][i] with where in that field the first
// word starting with w starts (exact when w is at most prefixLen bytes).
func (p *prefixIndex) sets(w string, n int, pos *[2][]uint16) (f0, f1 *bitset) {
	k := w[:min(len(w), prefixLen)]
	f0, f1 = newBitset(n), newBitset(n)
	if pos != nil {
		for f := range pos {
			pos[f] = make([]uint16, n)
		}
	}
	for j, _ := slices.BinarySearch(p.keys, k); j < len(p.keys) && strings.HasPrefix(p.keys[j], k); j++ {
		for x, tag := range p.posts[j] {
			b := f0
			if tag&1 == 1 {
				b = f1
			}
			i := tag >> 1
			if pos != nil {
				// Several keys start with w: the first of their words wins.
				if at := &pos[tag&1][i]; (*b)[i/64]&(1<<(i%64)) == 0 || p.at[j][x] < *at {
					*at = p.at[j][x]
				}
			}
			(*b)[i/64] |= 1 << (i % 64)
		}
	}
	return f0, f1
}

// wordSets are the entries whose name (title) or text has a word start
// for every query word the prefix index can say something about; nil sets
// say nothing. exact is set when the sets decide the match alone: every
// word is at most prefixLen bytes and starts with an ASCII letter or
// digit.
type wordSets struct {
	title, text *bitset
	exact       bool
	// pos, when the sets are exact and the first query word was looked
	// up, is where that word first starts in each entry's title (pos[0])
	// and text (pos[1]).
	pos *[2][]uint16
}

// wordSets looks the query words of two bytes or more up in the prefix
// index (a one-letter word is the entries' initMask's to decide).
func (ix *Index) wordSets(q query) wordSets {
	var ws wordSets
	ws.exact = len(q.words) > 0
	for _, w := range q.words {
		if initBit(w[0]) == 0 || len(w) > prefixLen {
			ws.exact = false
		}
	}
	for k, w := range q.words {
		if initBit(w[0]) == 0 || len(w) < 2 {
			continue
		}
		ix.prefOnce.Do(ix.buildPrefixes)
		var pos *[2][]uint16
		if k == 0 && ws.exact {
			pos = new([2][]uint16)
			ws.pos = pos
		}
		title, text := ix.pref.sets(w, len(ix.Entries), pos)
		ws.title, ws.text = ws.title.and(title), ws.text.and(text)
	}
	return ws
}

// or is the union of b and c (neither nil), in b.
func (b *bitset) or(c *bitset) *bitset {
	for i := range *b {
		(*b)[i] |= (*c)[i]
	}
	return b
}

// and is the intersection of b and c, where nil is every entry.
func (b *bitset) and(c *bitset) *bitset {
	if b == nil {
		return c
	}
	for i := range *b {
		(*b)[i] &= (*c)[i]
	}
	return b
}
