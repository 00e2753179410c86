package reader

import (
	"os"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/bench"
	"github.com/evidence-reader/evidence-reader/internal/gen"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
)

// BenchmarkKeystrokes is make bench's search figure: the queries of
// internal/bench typed letter by letter into search everywhere and into
// the references filter, each keystroke timed as matching and as building
// the result rows on screen, next to a strings.Contains floor. erbench runs
// it with bench.EnvKeystrokes set (and the pack's size); without it, it is
// a quick smoke test over a small generated pack.
func BenchmarkKeystrokes(b *testing.B) {
	out := os.Getenv(bench.EnvKeystrokes)
	refs, studies, rounds := 500, 50, 1
	if out != "" {
		refs, studies, rounds = envInt(b, bench.EnvKeystrokesRefs, 100000), envInt(b, bench.EnvKeystrokesStudies, 10000), envInt(b, bench.EnvKeystrokesRounds, 5)
	}
	fsys, err := content.Pack(content.Default)
	if err != nil {
		b.Fatal(err)
	}
	bundled, ds := pack.Load(fsys, "bundled", pack.Options{})
	if ds.HasErrors() {
		b.Fatalf("bundled pack: %v", ds)
	}
	large := gen.Generate(gen.Options{References: refs, Studies: studies, Seed: 1})
	test.NewTempApp(b)
	run := bench.KeystrokeRun{Packs: map[string][]bench.KeystrokeLatency{}, References: refs, Studies: studies, Rounds: rounds}
	for b.Loop() {
		for _, c := range []struct {
			name string
			p    *pack.Pack
		}{{"bundled", bundled}, {"generated", large}} {
			ls := []bench.KeystrokeLatency{measurePalette(b, c.p, rounds), measureReferences(b, c.p, rounds)}
			for _, l := range ls {
				if l.Hits == 0 || l.FloorHits == 0 {
					b.Fatalf("%s over the %s pack found nothing: the queries no longer fit it", l.Surface, c.name)
				}
				b.ReportMetric(bench.Ms(l.P95), c.name+"-"+shortName(l.Surface)+"-p95-ms")
			}
			run.Packs[c.name] = ls
		}
	}
	if out != "" {
		if err := bench.WriteKeystrokeRun(out, run); err != nil {
			b.Fatal(err)
		}
	}
}

func shortName(surface string) string {
	if surface == surfacePalette {
		return "search"
	}
	return "refs"
}

const (
	surfacePalette    = "search everywhere"
	surfaceReferences = "references filter"
)

func envInt(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive number", name, s)
	}
	return n
}

// measurePalette types into an open palette: matching is the Searcher
// (as on the palette's search goroutine), rows are apply, which the UI
// goroutine runs when the results arrive and which fills the visible rows.
func measurePalette(b *testing.B, p *pack.Pack, rounds int) bench.KeystrokeLatency {
	w := test.NewTempWindow(b, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(1100, 750))
	ix := search.NewIndex(p)
	s := NewSearchPalette(p, ix, &fakeNav{}, w)
	s.Show()
	var res search.Results
	return bench.MeasureKeystrokes(surfacePalette, rounds, bench.SearchFloorTexts(ix), bench.Stage{
		Start: func() { s.searcher = search.NewSearcher(ix) },
		Match: func(q string) int {
			s.mu.Lock()
			s.gen++
			gen := s.gen
			s.mu.Unlock()
			res = s.searcher.Search(gen, q)
			return res.Count()
		},
		Rows: func() { s.apply(res) },
	})
}

// measureReferences types into the references view's filter: matching is
// the filter, rows are putting its hits on screen.
func measureReferences(b *testing.B, p *pack.Pack, rounds int) bench.KeystrokeLatency {
	w := test.NewTempWindow(b, nil)
	v := NewReferencesView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(1100, 750))
	var hits []int
	var q string
	return bench.MeasureKeystrokes(surfaceReferences, rounds, bench.ReferenceFloorTexts(p.References), bench.Stage{
		Start: func() { v.filter("") },
		Match: func(k string) int {
			q = k
			hits = v.index.Filter(k)
			return len(hits)
		},
		Rows: func() { v.showHits(q, hits) },
	})
}
