package doc

import "hash/fnv"

// followReach is how many blocks either side of an edited block Follow
// looks at for an unchanged neighbour to steer by.
const followReach = 64

// Follower finds in a new version of a document (the file saved again)
// the top-level block that shows what a block of the old version showed,
// so a reader stays on the same text when an edit above it adds or
// removes blocks. Make one with NewFollower for each pair of versions and
// ask it for as many blocks as needed.
type Follower struct {
	d, nd              *Document
	oldPaths, newPaths []uint64
	byKey              map[uint64][]int // the blocks of nd by blockKey
	oldKeys            map[int]uint64
}

// NewFollower prepares to follow blocks of d into nd. Either may be nil.
func NewFollower(d, nd *Document) *Follower {
	f := &Follower{d: d, nd: nd}
	if d == nil || nd == nil {
		return f
	}
	f.oldPaths, f.newPaths = headingPaths(d), headingPaths(nd)
	f.byKey = make(map[uint64][]int, len(nd.Blocks))
	for j, b := range nd.Blocks {
		k := blockKey(b)
		f.byKey[k] = append(f.byKey[k], j)
	}
	f.oldKeys = map[int]uint64{}
	return f
}

// Block is the block of the new version that shows block i of the old.
//
// A block is known by its kind and text. When more than one block of the
// new version has the text of block i, the one under the same headings
// wins, then the one nearest i. When block i itself was edited (or
// removed), the nearest unchanged block before it (else after it) is
// found and the same distance is kept from it. When nothing near i is left
// unchanged, i is kept, within the new version's blocks. i < 0 (no block)
// is returned as it is, and -1 when the new version has no blocks.
func (f *Follower) Block(i int) int {
	if i < 0 {
		return i
	}
	if f.nd == nil || len(f.nd.Blocks) == 0 {
		return -1
	}
	last := len(f.nd.Blocks) - 1
	if f.d == nil || i >= len(f.d.Blocks) {
		return min(i, last)
	}
	if j := f.match(i); j >= 0 {
		return j
	}
	for dist := 1; dist <= followReach; dist++ {
		if k := i - dist; k >= 0 {
			if j := f.match(k); j >= 0 {
				return min(j+dist, last)
			}
		}
		if k := i + dist; k < len(f.d.Blocks) {
			if j := f.match(k); j >= 0 {
				return max(j-dist, 0)
			}
		}
	}
	return min(i, last)
}

// match is the block of the new version with the text of old block k:
// under the same headings if one is, then nearest k; -1 when none has it.
func (f *Follower) match(k int) int {
	key, ok := f.oldKeys[k]
	if !ok {
		key = blockKey(f.d.Blocks[k])
		f.oldKeys[k] = key
	}
	best, bestPath, bestDist := -1, false, 0
	for _, j := range f.byKey[key] {
		path := f.newPaths[j] == f.oldPaths[k]
		dist := j - k
		if dist < 0 {
			dist = -dist
		}
		if best < 0 || path && !bestPath || path == bestPath && dist < bestDist {
			best, bestPath, bestDist = j, path, dist
		}
	}
	return best
}

// blockKey is a hash of a block's kind, level and text.
func blockKey(b *Block) uint64 {
	h := fnv.New64a()
	h.Write([]byte{byte(b.Kind), byte(b.Level)})
	h.Write([]byte(b.PlainText()))
	return h.Sum64()
}

// headingPaths is, for each top-level block, a hash of the titles of the
// headings it sits under (a heading sits under those of lower levels).
func headingPaths(d *Document) []uint64 {
	type open struct {
		level int
		title string
	}
	var stack []open
	out := make([]uint64, len(d.Blocks))
	for i, b := range d.Blocks {
		if b.Kind == Heading {
			for len(stack) > 0 && stack[len(stack)-1].level >= b.Level {
				stack = stack[:len(stack)-1]
			}
		}
		h := fnv.New64a()
		for _, o := range stack {
			h.Write([]byte(o.title))
			h.Write([]byte{0})
		}
		out[i] = h.Sum64()
		if b.Kind == Heading {
			stack = append(stack, open{b.Level, PlainText(b.Inlines)})
		}
	}
	return out
}
