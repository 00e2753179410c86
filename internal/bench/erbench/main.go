// Command erbench is `make bench`: it builds the reader and the minimal Fyne
// program in the same run, generates the large pack, measures every figure
// next to its floor, prints the table and writes it to docs/performance.md.
//
//	go run ./internal/bench/erbench [-runs 5] [-out docs/performance.md]
//	go run ./internal/bench/erbench -fuzzlog build/fuzz/runs.tsv   (only the fuzz section)
//
// It exits 1 when any figure misses its budget.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/bench"
	"github.com/evidence-reader/evidence-reader/internal/gen"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// buildTags is the tag list every build uses: $TAGS from make, else
// mk/build-tags (erbench runs from the repository root).
func buildTags() string {
	if t := os.Getenv("TAGS"); t != "" {
		return t
	}
	b, err := os.ReadFile("mk/build-tags")
	if err != nil {
		fmt.Fprintln(os.Stderr, "erbench: run from the repository root (mk/build-tags):", err)
		os.Exit(2)
	}
	return strings.TrimSpace(string(b))
}

// tags is set by run, so -fuzzlog and -h work anywhere.
var tags string

func main() {
	out := flag.String("out", "docs/performance.md", "Markdown file whose bench section is rewritten")
	work := flag.String("work", "build/bench", "folder for binaries, the generated pack and settings")
	runs := flag.Int("runs", 3, "GUI runs per figure (medians; the worst frame of all runs)")
	rounds := flag.Int("rounds", 5, "times the 8 queries are typed")
	fuzzlog := flag.String("fuzzlog", "", "only rewrite the fuzz section from this mk/fuzz.sh run log")
	flag.Parse()
	if *fuzzlog != "" {
		t, err := bench.FuzzTable(*fuzzlog)
		if err == nil {
			err = bench.ReplaceSection(*out, bench.FuzzBegin, bench.FuzzEnd, t)
		}
		if err != nil {
			fail(err)
		}
		fmt.Print(t)
		return
	}
	m := bench.ThisMachine()
	figs, err := run(*work, *runs, *rounds)
	if err != nil {
		fail(err)
	}
	table := bench.Table(figs)
	fmt.Printf("Machine: %s\n\n%s", m, table)
	body := fmt.Sprintf("Measured by `make bench` on %s.\n\n%s\n%s", m, table, bench.Notes(figs))
	if err := bench.ReplaceSection(*out, bench.BenchBegin, bench.BenchEnd, body); err != nil {
		fail(err)
	}
	fmt.Printf("\nwritten to %s\n", *out)
	for _, f := range figs {
		if f.Budget != "" && !f.Pass {
			os.Exit(1)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "erbench:", err)
	os.Exit(2)
}

func step(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "erbench: "+format+"\n", args...)
}

// build compiles pkg stripped (-s -w), as a release would be.
func build(work, name, pkg string) (string, error) {
	bin := filepath.Join(work, name)
	cmd := exec.Command("go", "build", "-tags", tags, "-trimpath", "-ldflags", "-s -w", "-o", bin, pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building %s: %w", pkg, err)
	}
	return filepath.Abs(bin)
}

func size(path string) float64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(st.Size()) / 1e6
}

func run(work string, runs, rounds int) ([]bench.Figure, error) {
	tags = buildTags()
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	largeDir := filepath.Join(work, "large-pack")
	step("generating the large pack in %s", largeDir)
	if err := gen.WritePack(largeDir, gen.Options{Seed: 1}); err != nil {
		return nil, err
	}
	now := time.Now()
	bfs, err := content.Pack(content.Default)
	if err != nil {
		return nil, err
	}
	bundled, ds := pack.Load(bfs, "bundled", pack.Options{Now: now})
	if ds.HasErrors() {
		return nil, fmt.Errorf("bundled pack has errors: %v", ds)
	}
	large, ds := pack.Load(os.DirFS(largeDir), largeDir, pack.Options{Now: now})
	if ds.HasErrors() {
		return nil, fmt.Errorf("generated pack has errors: %v", ds[0])
	}

	var figs []bench.Figure
	step("search latency")
	for _, c := range []struct {
		name   string
		p      *pack.Pack
		budget bool
	}{{"bundled", bundled, false}, {"large", large, true}} {
		s := bench.MeasureSearch(c.p, rounds)
		note := fmt.Sprintf("%d keystrokes (%d rounds of %d queries typed letter by letter) over %d entries; floor: strings.Contains over the same lower-cased texts", s.Keystrokes, rounds, len(bench.Queries), s.Entries)
		if s.Hits == 0 || s.FloorHits == 0 {
			return nil, fmt.Errorf("search over the %s pack found nothing; the queries no longer fit the pack", c.name)
		}
		figs = append(figs, bench.Figure{Name: "Search keystroke p50, " + c.name + " pack", Value: bench.Ms(s.P50), Floor: bench.Ms(s.FloorP50), Unit: "ms", Note: note})
		p95 := bench.Figure{Name: "Search keystroke p95, " + c.name + " pack", Value: bench.Ms(s.P95), Floor: bench.Ms(s.FloorP95), Unit: "ms", Budget: "< 16 ms", Pass: s.P95 < 16*time.Millisecond}
		if c.budget {
			p95.Budget = "< 16 ms and ≤ 4x floor"
			p95.Pass = p95.Pass && p95.Ratio() <= 4
		}
		figs = append(figs, p95)
	}

	step("pack load and check")
	for _, c := range []struct{ name, dir string }{{"bundled", ""}, {"large", largeDir}} {
		fsys := bfs
		if c.dir != "" {
			fsys = os.DirFS(c.dir)
		}
		lt, err := bench.MeasureLoad(fsys, 5)
		if err != nil {
			return nil, err
		}
		figs = append(figs, bench.Figure{Name: "Pack load + check, " + c.name + " pack", Value: lt.Load, Floor: lt.Goldmark, Unit: "MB/s",
			Note: fmt.Sprintf("median of 5 pack.Load runs over all %d bytes (TOML, CSL-JSON, Markdown to model, validation); floor: goldmark parsing only the %d bytes of Markdown", lt.PackBytes, lt.MarkdownBytes)})
	}

	step("building the reader and the minimal program")
	minBin, err := build(work, "minimalapp", "./testdata/minimalapp")
	if err != nil {
		return nil, err
	}
	appBin, err := build(work, "evidence-reader", "./cmd/evidence-reader")
	if err != nil {
		// Without the app only the library figures are measured; every
		// window row fails and says why.
		figs = append(figs, bench.Figure{Name: "Binary size, stripped", Budget: "≤ 1.25x floor", Note: "not measured: " + err.Error()})
		return append(figs, gui(work, "", minBin, largeDir, 0)...), nil
	}
	as, ms := size(appBin), size(minBin)
	figs = append(figs, bench.Figure{Name: "Binary size, stripped", Value: as, Floor: ms, Unit: "MB", Budget: "≤ 1.25x floor", Pass: as <= 1.25*ms,
		Note: "go build -tags " + tags + " -trimpath -ldflags \"-s -w\"; floor: testdata/minimalapp (one window, one label) built the same way"})

	figs = append(figs, gui(work, appBin, minBin, largeDir, runs)...)
	return figs, nil
}

// series collects one program's results per hook mode; err is the first
// failure, after which the series is not run again.
type series struct {
	startup, frame, rss []float64
	err                 map[string]error
}

// startupPerRound is how many start-up pairs (minimal, app) each GUI round
// times.
const startupPerRound = 3

// gui measures the window figures. A program that fails or times out
// turns only the rows that need it into FAIL rows saying why, so a
// missing display or hook never passes silently.
func gui(work, appBin, minBin, largeDir string, runs int) []bench.Figure {
	names := []string{"Start-up to first frame, bundled pack", "First frame, large pack", "Longest frame scrolling the bundled article",
		"Longest frame scrolling the large article", "Peak RSS after every view, bundled pack", "Peak RSS after every view, large pack"}
	failed := func(err error) []bench.Figure {
		var fs []bench.Figure
		for _, n := range names {
			fs = append(fs, bench.Figure{Name: n, Budget: "see note", Note: "not measured: " + err.Error()})
		}
		return fs
	}
	if appBin == "" {
		return failed(errors.New("the reader (./cmd/evidence-reader) did not build"))
	}
	disp := os.Getenv("BENCH_DISPLAY")
	if disp == "" {
		x, err := bench.StartXvfb()
		if err != nil {
			return failed(err)
		}
		defer x.Close()
		disp = x.Name
	}
	cfg, err := filepath.Abs(filepath.Join(work, "config"))
	if err != nil {
		return failed(err)
	}
	os.RemoveAll(cfg)
	r := bench.Runner{Display: disp, ConfigHome: cfg, Timeout: 3 * time.Minute}
	step("GUI runs on display %s", disp)

	minS, appS, largeS := &series{err: map[string]error{}}, &series{err: map[string]error{}}, &series{err: map[string]error{}}
	collect := func(s *series, env, bin string, args ...string) {
		if s.err[env] != nil {
			return
		}
		res, err := r.Run(env, bin, args...)
		if err == nil && env == bench.EnvScroll && !res.EndReached {
			err = fmt.Errorf("%s %s: scrolling stopped before the end (%d steps)", filepath.Base(bin), strings.Join(args, " "), res.Steps)
		}
		if err != nil {
			step("%v", err)
			s.err[env] = err
			return
		}
		switch env {
		case bench.EnvFirstFrame:
			s.startup = append(s.startup, bench.Ms(res.Startup))
		case bench.EnvScroll:
			s.frame = append(s.frame, res.MaxFrameMs)
		case bench.EnvVisit:
			s.rss = append(s.rss, float64(res.VmHWMKiB)/1024)
		}
	}
	large := []string{"--pack", largeDir}
	// One untimed run of each warms the page cache and the settings
	// folder; a failure here already counts.
	for _, w := range []struct {
		s    *series
		bin  string
		args []string
	}{{minS, minBin, nil}, {appS, appBin, nil}, {largeS, appBin, large}} {
		res, err := r.Run(bench.EnvFirstFrame, w.bin, w.args...)
		_ = res
		if err != nil {
			step("%v", err)
			w.s.err[bench.EnvFirstFrame] = err
		}
	}
	// Interleave the programs so a burst of load elsewhere hits all alike.
	for i := range runs {
		step("GUI round %d of %d", i+1, runs)
		// Start-up is the figure most moved by load from elsewhere, and a
		// run takes under a second: several pairs per round.
		for range startupPerRound {
			collect(minS, bench.EnvFirstFrame, minBin)
			collect(appS, bench.EnvFirstFrame, appBin)
		}
		collect(largeS, bench.EnvFirstFrame, appBin, large...)
		collect(minS, bench.EnvVisit, minBin)
		collect(appS, bench.EnvVisit, appBin)
		collect(largeS, bench.EnvVisit, appBin, large...)
		collect(appS, bench.EnvScroll, appBin)
		collect(largeS, bench.EnvScroll, appBin, large...)
	}
	worst := func(xs []float64) float64 {
		m := 0.0
		for _, x := range xs {
			m = max(m, x)
		}
		return m
	}
	list := func(xs []float64) string {
		var s []string
		for _, x := range xs {
			s = append(s, fmt.Sprintf("%.0f", x))
		}
		return strings.Join(s, ", ")
	}
	// errs returns the first failure among the series a row needs.
	errs := func(env string, ss ...*series) error {
		for _, s := range ss {
			if s.err[env] != nil {
				return s.err[env]
			}
		}
		return nil
	}
	st, sm, sl := bench.Median(appS.startup), bench.Median(minS.startup), bench.Median(largeS.startup)
	fa, fl := worst(appS.frame), worst(largeS.frame)
	ra, rm, rl := bench.Median(appS.rss), bench.Median(minS.rss), bench.Median(largeS.rss)
	hook := "ui/benchhook marks a frame with a 1×1 raster painted last; its callback runs after the frame is swapped"
	figs := []bench.Figure{
		{Name: names[0], Value: st, Floor: sm, Unit: "ms", Budget: "≤ 1.25x floor", Pass: st > 0 && st <= 1.25*sm,
			Note: fmt.Sprintf("median of %d runs, exec to first frame under Xvfb (%s); app ms: %s; floor: testdata/minimalapp, ms: %s", len(appS.startup), hook, list(appS.startup), list(minS.startup))},
		{Name: names[1], Value: sl, Floor: st, Unit: "ms", Budget: "≤ 2x floor", Pass: sl > 0 && sl <= 2*st,
			Note: fmt.Sprintf("median of %d runs with --pack of the generated pack (1 MB article); floor: the bundled pack's first frame; ms: %s", runs, list(largeS.startup))},
		{Name: names[2], Value: fa, Unit: "ms", Budget: "≤ 100 ms", Pass: fa > 0 && fa <= 100,
			Note: fmt.Sprintf("worst of %d runs; one page-height scroll per frame, timed from the step's start on the UI goroutine to the end of the frame that shows it (includes waiting for the 60 Hz tick); per-run worst ms: %s", runs, list(appS.frame))},
		{Name: names[3], Value: fl, Floor: fa, Unit: "ms", Budget: "≤ 100 ms", Pass: fl > 0 && fl <= 100,
			Note: fmt.Sprintf("as above over the 1 MB article; floor: the bundled article; per-run worst ms: %s", list(largeS.frame))},
		{Name: names[4], Value: ra, Floor: rm, Unit: "MiB", Budget: "≤ 1.3x floor", Pass: ra > 0 && ra <= 1.3*rm,
			Note: fmt.Sprintf("median VmHWM of %d runs after showing every view; floor: the minimal program after its first frames; MiB: %s (minimal: %s)", runs, list(appS.rss), list(minS.rss))},
		{Name: names[5], Value: rl, Floor: rm, Unit: "MiB", Budget: "≤ 2x floor", Pass: rl > 0 && rl <= 2*rm,
			Note: fmt.Sprintf("as above with the generated pack; MiB: %s", list(largeS.rss))},
	}
	need := [][]*series{{appS, minS}, {largeS, appS}, {appS}, {largeS, appS}, {appS, minS}, {largeS, minS}}
	envs := []string{bench.EnvFirstFrame, bench.EnvFirstFrame, bench.EnvScroll, bench.EnvScroll, bench.EnvVisit, bench.EnvVisit}
	for i := range figs {
		err := errs(envs[i], need[i]...)
		if err == nil && i == 1 {
			err = errs(bench.EnvFirstFrame, largeS)
		}
		if err != nil {
			figs[i].Pass = false
			figs[i].Note = "FAILED: " + err.Error() + "; " + figs[i].Note
		}
	}
	return figs
}
