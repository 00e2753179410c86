package search

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/gen"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// typedQueries are typed letter by letter in the latency benchmarks.
var typedQueries = []string{"spot reduction", "stallknecht", "dexa", "lipolysis", "body dysmorphia", "meta-analysis", "löberbauer", "diet control"}

// keystrokes expands the queries into every prefix a user would type.
func keystrokes() []string {
	var out []string
	for _, q := range typedQueries {
		for i := 1; i <= len(q); i++ {
			if utf8.ValidString(q[:i]) {
				out = append(out, q[:i])
			}
		}
	}
	return out
}

// bundledLike is a pack about the size of the bundled one: 15 references.
func bundledLike() *pack.Pack {
	p := testPack()
	extra := gen.Generate(gen.Options{References: 11, Studies: 10, ArticleBytes: 40000, Seed: 7})
	p.References = append(p.References, extra.References...)
	p.Studies = append(p.Studies, extra.Studies...)
	p.Article.Blocks = append(p.Article.Blocks, extra.Article.Blocks...)
	return p
}

// measure types every keystroke once per iteration and reports per
// keystroke p50/p95 for the Searcher and for a strings.Contains floor.
func measure(b *testing.B, p *pack.Pack) {
	ix := NewIndex(p)
	lowered := make([]string, len(ix.Entries))
	for i, e := range ix.Entries {
		lowered[i] = strings.ToLower(e.Title + "\n" + e.Text)
	}
	keys := keystrokes()
	var lat, floor, latCPU, floorCPU []time.Duration
	var gen uint64
	sink := 0
	// Thread CPU time needs the goroutine to stay on one thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	_, haveCPU := threadCPU()
	b.ResetTimer()
	for b.Loop() {
		s := NewSearcher(ix)
		for _, k := range keys {
			gen++
			c0, _ := threadCPU()
			t0 := time.Now()
			r := s.Search(gen, k)
			lat = append(lat, time.Since(t0))
			c1, _ := threadCPU()
			latCPU = append(latCPU, c1-c0)
			sink += r.Count()

			t0 = time.Now()
			lk := strings.ToLower(k)
			for _, l := range lowered {
				if strings.Contains(l, lk) {
					sink++
				}
			}
			floor = append(floor, time.Since(t0))
			c2, _ := threadCPU()
			floorCPU = append(floorCPU, c2-c1)
		}
	}
	b.StopTimer()
	if haveCPU {
		b.ReportMetric(ms(pct(latCPU, 50)), "cpu-p50-ms")
		b.ReportMetric(ms(pct(latCPU, 95)), "cpu-p95-ms")
		b.ReportMetric(ms(pct(floorCPU, 50)), "floor-cpu-p50-ms")
		b.ReportMetric(ms(pct(floorCPU, 95)), "floor-cpu-p95-ms")
	}
	if sink == 0 {
		b.Fatal("no hits at all")
	}
	p50, p95 := pct(lat, 50), pct(lat, 95)
	f50, f95 := pct(floor, 50), pct(floor, 95)
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p95), "p95-ms")
	b.ReportMetric(ms(f50), "floor-p50-ms")
	b.ReportMetric(ms(f95), "floor-p95-ms")
	b.ReportMetric(float64(len(keys)), "keys/op")
	b.ReportMetric(float64(len(ix.Entries)), "entries")
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[(len(s)-1)*p/100]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func BenchmarkSearchBundledLike(b *testing.B) { measure(b, bundledLike()) }

func BenchmarkSearchLarge(b *testing.B) {
	measure(b, gen.Generate(gen.Options{Seed: 1}))
}

func BenchmarkNewIndexLarge(b *testing.B) {
	p := gen.Generate(gen.Options{Seed: 1})
	b.ResetTimer()
	for b.Loop() {
		NewIndex(p)
	}
}
