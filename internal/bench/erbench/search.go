package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/evidence-reader/evidence-reader/internal/bench"
)

// keystrokeFigures runs ui/reader's BenchmarkKeystrokes, which types the
// queries into search everywhere and the references filter with the real
// widgets (Fyne's test driver, no display), and turns what it writes into
// rows. A failed run gives FAIL rows that say why.
func keystrokeFigures(work string, rounds int, sz sizes) []bench.Figure {
	scale := fmt.Sprintf("%s references", thousands(sz.searchRefs))
	type row struct {
		pack, surface, name string
		budget              bool
	}
	rows := []row{
		{"bundled", "search everywhere", "Search everywhere, bundled pack", false},
		{"bundled", "references filter", "References filter, bundled pack", false},
		{"generated", "search everywhere", "Search everywhere, " + scale, true},
		{"generated", "references filter", "References filter, " + scale, true},
	}
	out, err := filepath.Abs(filepath.Join(work, "keystrokes.json"))
	var run bench.KeystrokeRun
	if err == nil {
		os.Remove(out)
		cmd := exec.Command("go", "test", "-tags", tags, "-run", "^$", "-bench", "^BenchmarkKeystrokes$", "-benchtime", "1x", "./ui/reader")
		cmd.Env = append(os.Environ(), bench.EnvKeystrokes+"="+out,
			bench.EnvKeystrokesRounds+"="+strconv.Itoa(rounds),
			bench.EnvKeystrokesRefs+"="+strconv.Itoa(sz.searchRefs),
			bench.EnvKeystrokesStudies+"="+strconv.Itoa(sz.searchStudies))
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err = cmd.Run(); err == nil {
			run, err = bench.ReadKeystrokeRun(out)
		}
	}
	var figs []bench.Figure
	for _, r := range rows {
		name := r.name + ": p95 per keystroke"
		budget := "< 16 ms"
		if r.budget {
			budget = "≤ 16 ms and ≤ 2x floor"
		}
		var l *bench.KeystrokeLatency
		for i, c := range run.Packs[r.pack] {
			if c.Surface == r.surface {
				l = &run.Packs[r.pack][i]
			}
		}
		if err != nil || l == nil {
			why := "no result for it"
			if err != nil {
				why = err.Error()
			}
			figs = append(figs, bench.Figure{Name: name, Budget: budget, Note: "not measured: ui/reader BenchmarkKeystrokes: " + why})
			continue
		}
		f := bench.Figure{Name: name, Value: bench.Ms(l.P95), Floor: bench.Ms(l.FloorP95), Unit: "ms", Budget: budget,
			Note: fmt.Sprintf("%d keystrokes (%d rounds of %d queries typed letter by letter) over %d texts; each is matching (%s) and then building the result rows on screen (%s), timed apart; p50 %.2f ms (floor %.2f ms); floor: strings.Contains over the same lower-cased texts",
				l.Keystrokes, rounds, len(bench.Queries), l.Entries, matcher(r.surface), rowsOf(r.surface), bench.Ms(l.P50), bench.Ms(l.FloorP50))}
		f.Pass = l.P95 < 16e6
		if r.budget {
			f.Pass = bench.Ms(l.P95) <= 16 && f.Ratio() <= 2
		}
		figs = append(figs, f,
			bench.Figure{Name: r.name + ": matching, p95", Value: bench.Ms(l.MatchP95), Unit: "ms",
				Note: fmt.Sprintf("%.0f%% of the keystrokes' time", 100*l.MatchShare())},
			bench.Figure{Name: r.name + ": building result rows, p95", Value: bench.Ms(l.RowsP95), Unit: "ms",
				Note: fmt.Sprintf("%.0f%% of the keystrokes' time", 100*(1-l.MatchShare()))})
	}
	return figs
}

func matcher(surface string) string {
	if surface == "search everywhere" {
		return "search.Searcher, as on the palette's search goroutine"
	}
	return "the view's search.RefIndex"
}

func rowsOf(surface string) string {
	if surface == "search everywhere" {
		return "the palette's apply on the UI goroutine, which fills the visible list rows"
	}
	return "the view's cards for the hits, relaid out"
}

// thousands writes n with comma separators: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
