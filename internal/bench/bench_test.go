package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/gen"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

func TestPctAndMedian(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(101-i)*time.Millisecond)
	}
	if p := Pct(d, 95); p != 95*time.Millisecond {
		t.Errorf("p95 = %v, want 95ms", p)
	}
	if p := Pct(d, 50); p != 50*time.Millisecond {
		t.Errorf("p50 = %v, want 50ms", p)
	}
	if m := Median([]float64{3, 1, 2, 10}); m != 2.5 {
		t.Errorf("median = %v, want 2.5", m)
	}
}

func TestTableMarksBudgets(t *testing.T) {
	tab := Table([]Figure{
		{Name: "a", Value: 20, Floor: 5, Unit: "ms", Budget: "≤ 4x floor", Pass: false},
		{Name: "b", Value: 1, Unit: "MB/s"},
	})
	for _, want := range []string{"| a | 20.0 ms | 5.00 ms | 4.00x | ≤ 4x floor | FAIL |", "| b | 1.00 MB/s | — | — | — | info |"} {
		if !strings.Contains(tab, want) {
			t.Errorf("table lacks %q:\n%s", want, tab)
		}
	}
}

func TestReplaceSectionKeepsHandWrittenText(t *testing.T) {
	p := filepath.Join(t.TempDir(), "perf.md")
	if err := os.WriteFile(p, []byte("# Title\n\nintro\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{"first", "second"} {
		if err := ReplaceSection(p, BenchBegin, BenchEnd, body); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(p)
	s := string(b)
	if !strings.HasPrefix(s, "# Title\n\nintro\n") || strings.Contains(s, "first") || strings.Count(s, BenchBegin) != 1 || !strings.Contains(s, "second") {
		t.Errorf("unexpected file:\n%s", s)
	}
}

func TestFuzzTable(t *testing.T) {
	p := filepath.Join(t.TempDir(), "runs.tsv")
	os.WriteFile(p, []byte("2026-11-27T03:30:45Z\t./internal/doc\tFuzzParse\t10m0s\t5000000\tpass\njunk\n"), 0o644)
	tab, err := FuzzTable(p)
	if err != nil || !strings.Contains(tab, "| `./internal/doc` | `FuzzParse` | 10m0s | 5000000 | pass |") {
		t.Errorf("FuzzTable = %q, %v", tab, err)
	}
	os.WriteFile(p, nil, 0o644)
	if _, err := FuzzTable(p); err == nil {
		t.Error("an empty log must be an error")
	}
}

func TestKeystrokesKeepRunesWhole(t *testing.T) {
	ks := Keystrokes("lö")
	if len(ks) != 2 || ks[1] != "lö" {
		t.Errorf("Keystrokes(lö) = %q", ks)
	}
}

func bundledPack(tb testing.TB) *pack.Pack {
	fsys, err := content.Pack(content.Default)
	if err != nil {
		tb.Fatal(err)
	}
	p, _ := pack.Load(fsys, "bundled", pack.Options{})
	return p
}

func TestMeasureSearchFindsHits(t *testing.T) {
	s := MeasureSearch(bundledPack(t), 1)
	if s.Hits == 0 || s.FloorHits == 0 || s.Keystrokes < 80 || s.P95 < s.P50 {
		t.Errorf("implausible search measurement: %+v", s)
	}
}

// The benchmarks below are what CI runs once as a smoke test; `make bench`
// takes the real figures through erbench.

func BenchmarkSearchKeystrokesBundled(b *testing.B) {
	p := bundledPack(b)
	for b.Loop() {
		s := MeasureSearch(p, 1)
		b.ReportMetric(Ms(s.P95), "p95-ms")
		b.ReportMetric(Ms(s.FloorP95), "floor-p95-ms")
	}
}

func BenchmarkSearchKeystrokesLarge(b *testing.B) {
	p := gen.Generate(gen.Options{Seed: 1})
	b.ResetTimer()
	for b.Loop() {
		s := MeasureSearch(p, 1)
		b.ReportMetric(Ms(s.P95), "p95-ms")
		b.ReportMetric(Ms(s.FloorP95), "floor-p95-ms")
	}
}

func BenchmarkLoadLarge(b *testing.B) {
	dir := b.TempDir()
	if err := gen.WritePack(dir, gen.Options{Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		lt, err := MeasureLoad(os.DirFS(dir), 1)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(lt.Load, "load-MB/s")
		b.ReportMetric(lt.Goldmark, "goldmark-MB/s")
	}
}

func TestMeasureKeystrokesSplitsTheWork(t *testing.T) {
	starts, typed := 0, 0
	var last string
	l := MeasureKeystrokes("test", 2, []string{"spot reduction", "nothing"}, Stage{
		Start: func() { starts++ },
		Match: func(q string) int { typed++; last = q; time.Sleep(200 * time.Microsecond); return 1 },
		Rows:  func() { time.Sleep(50 * time.Microsecond) },
	})
	want := 0
	for _, q := range Queries {
		want += len(Keystrokes(q))
	}
	want *= 2
	if starts != 2*len(Queries) || typed != want || l.Keystrokes != want || l.Hits != want || last != Queries[len(Queries)-1] {
		t.Fatalf("starts %d, typed %d, measured %+v; want %d keystrokes", starts, typed, l, want)
	}
	// Sleeps take at least as long as asked, so these are lower bounds
	// however busy the machine is.
	if l.MatchTotal < time.Duration(want)*200*time.Microsecond || l.RowsTotal < time.Duration(want)*50*time.Microsecond ||
		l.MatchP95 < 200*time.Microsecond || l.RowsP95 < 50*time.Microsecond || l.P95 < l.MatchP95 || l.P95 < l.RowsP95 {
		t.Errorf("matching and rows not timed apart: %+v", l)
	}
	// "spot reduction" is typed twice: its 14 prefixes match the floor's first text.
	if l.FloorHits < 2*14 || l.Entries != 2 {
		t.Errorf("floor hits %d over %d texts", l.FloorHits, l.Entries)
	}
}

func TestReferenceFloorTextsHoldWhatTheFilterSearches(t *testing.T) {
	p := bundledPack(t)
	ft := ReferenceFloorTexts(p.References)
	r := p.References[0]
	if len(ft) != len(p.References) || !strings.Contains(ft[0], strings.ToLower(r.Author[0].Family)) || (r.DOI != "" && !strings.Contains(ft[0], strings.ToLower(r.DOI))) {
		t.Errorf("floor text %q lacks the first reference's author or DOI", ft[0])
	}
}
