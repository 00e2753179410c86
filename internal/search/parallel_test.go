package search

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/gen"
)

// TestParallelMatchEqualsSequential types the benchmark queries over a
// large pack with the scan split into shards and in one piece: results,
// totals, order and narrowing state must be identical.
func TestParallelMatchEqualsSequential(t *testing.T) {
	ix := NewIndex(gen.Generate(gen.Options{Seed: 3, References: 6000, Studies: 600, ArticleBytes: 300 << 10}))
	if len(ix.Entries) < 3*parallelMin {
		t.Fatalf("only %d entries: the test would not split the scan", len(ix.Entries))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, q := range append(typedQueries, "a", "e", "zzz", "ref1", "smith 2") {
		par, seq := NewSearcher(ix), NewSearcher(ix)
		for i := 1; i <= len(q); i++ {
			var tops [numKinds]topK
			for k := range tops {
				tops[k].k = TopK
			}
			qq := parseQuery(q[:i])
			if qq.fold == "" {
				continue
			}
			want, wantFuzzed := ix.matchRange(qq, nil, ix.wordSets(qq), fuzzySet{}, 0, len(ix.Entries), &tops, nil, nil)
			var ptops [numKinds]topK
			for k := range ptops {
				ptops[k].k = TopK
			}
			got, gotFuzzed := ix.match(qq, nil, fuzzySet{}, &ptops, nil)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotFuzzed, wantFuzzed) || !reflect.DeepEqual(ptops, tops) {
				t.Fatalf("%q: sharded scan differs from the sequential one", q[:i])
			}
			// Narrowed searches through the Searcher agree too.
			runtime.GOMAXPROCS(1)
			rs := seq.Search(uint64(i), q[:i])
			runtime.GOMAXPROCS(4)
			rp := par.Search(uint64(i), q[:i])
			if !reflect.DeepEqual(rp, rs) {
				t.Fatalf("%q: Searcher results differ with shards", q[:i])
			}
		}
	}
}
