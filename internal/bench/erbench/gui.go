package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/bench"
	"github.com/evidence-reader/evidence-reader/internal/benchproto"
)

// program is one program and pack the GUI rounds run, with what each hook
// mode gave it; err is a mode's first failure, after which that mode is
// not run again for it.
type program struct {
	bin  string
	args []string
	res  map[string][]bench.HookResult
	err  map[string]error
}

func newProgram(bin string, args ...string) *program {
	return &program{bin: bin, args: args, res: map[string][]bench.HookResult{}, err: map[string]error{}}
}

// startupPerRound is how many start-up pairs (minimal, app) each GUI round
// times.
const startupPerRound = 3

// guiNames are the window rows, in table order.
var guiNames = []string{
	"Start-up to first frame, bundled pack",
	"First frame, large pack",
	"Longest frame, page-per-frame scroll, bundled article",
	"Longest frame, page-per-frame scroll, large article",
	"Longest frame, mouse-wheel scroll, large article",
	"Peak RSS after every view, bundled pack",
	"Peak RSS after every view, large pack",
	"Peak RSS reading the large article top to bottom and back",
}

// gui measures the window figures. A program that fails or times out
// turns only the rows that need it into FAIL rows saying why, so a
// missing display or hook never passes silently.
func gui(work, appBin, minBin, largeDir string, runs int) []bench.Figure {
	failed := func(err error) []bench.Figure {
		var fs []bench.Figure
		for _, n := range guiNames {
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
	r := bench.Runner{Display: disp, ConfigHome: cfg, Timeout: 4 * time.Minute}
	step("GUI runs on display %s", disp)

	minP, app, large := newProgram(minBin), newProgram(appBin), newProgram(appBin, "--pack", largeDir)
	collect := func(p *program, env string) {
		if p.err[env] != nil {
			return
		}
		res, err := r.Run(env, p.bin, p.args...)
		if err == nil && (env == bench.EnvScroll || env == bench.EnvWheel) && !res.EndReached {
			err = fmt.Errorf("%s %s: scrolling stopped early (%d steps)", filepath.Base(p.bin), strings.Join(p.args, " "), res.Steps)
		}
		if err != nil {
			step("%v", err)
			p.err[env] = err
			return
		}
		p.res[env] = append(p.res[env], res)
	}
	// One untimed run of each warms the page cache and the settings
	// folder; a failure here already counts.
	for _, p := range []*program{minP, app, large} {
		if _, err := r.Run(bench.EnvFirstFrame, p.bin, p.args...); err != nil {
			step("%v", err)
			p.err[bench.EnvFirstFrame] = err
		}
	}
	// Interleave the programs so a burst of load elsewhere hits all alike.
	for i := range runs {
		step("GUI round %d of %d", i+1, runs)
		// Start-up is the figure most moved by load from elsewhere, and a
		// run takes under a second: several pairs per round.
		for range startupPerRound {
			collect(minP, bench.EnvFirstFrame)
			collect(app, bench.EnvFirstFrame)
		}
		collect(large, bench.EnvFirstFrame)
		collect(minP, bench.EnvVisit)
		collect(app, bench.EnvVisit)
		collect(large, bench.EnvVisit)
		collect(app, bench.EnvScroll)
		collect(large, bench.EnvScroll)
		collect(large, bench.EnvWheel)
	}

	startup := func(p *program) []float64 {
		return values(p.res[bench.EnvFirstFrame], func(h bench.HookResult) float64 { return bench.Ms(h.Startup) })
	}
	cpu := func(p *program) []float64 {
		return values(p.res[bench.EnvFirstFrame], func(h bench.HookResult) float64 { return h.FirstFrameCPUMs })
	}
	worst := func(p *program, env string) []float64 {
		return values(p.res[env], func(h bench.HookResult) float64 { return h.MaxFrameMs })
	}
	rss := func(p *program, env string) []float64 {
		return values(p.res[env], func(h bench.HookResult) float64 { return float64(h.VmHWMKiB) / 1024 })
	}
	st, sm, sl := bench.Median(startup(app)), bench.Median(startup(minP)), bench.Median(startup(large))
	pa, pl, wl := slices.Max(append(worst(app, bench.EnvScroll), 0)), slices.Max(append(worst(large, bench.EnvScroll), 0)), slices.Max(append(worst(large, bench.EnvWheel), 0))
	ra, rm, rl := bench.Median(rss(app, bench.EnvVisit)), bench.Median(rss(minP, bench.EnvVisit)), bench.Median(rss(large, bench.EnvVisit))
	rr := bench.Median(rss(large, bench.EnvScroll))
	hook := "ui/benchhook marks a frame with a 1×1 raster painted last; its callback runs after the frame is swapped"
	frames := "timed from the step's start on the UI goroutine to the end of the frame that shows it, so it includes waiting for the 60 Hz tick"
	figs := []bench.Figure{
		{Name: guiNames[0], Value: st, Floor: sm, Unit: "ms", Budget: "≤ 1.10x floor", Pass: st > 0 && st <= 1.10*sm,
			Note: fmt.Sprintf("median of %d runs, exec to first frame under Xvfb (%s); app ms: %s; floor: testdata/minimalapp, ms: %s; process CPU time at the first frame, medians: app %.0f ms, floor %.0f ms",
				len(startup(app)), hook, list(startup(app)), list(startup(minP)), bench.Median(cpu(app)), bench.Median(cpu(minP)))},
		{Name: guiNames[1], Value: sl, Floor: st, Unit: "ms", Budget: "≤ 1.5x floor", Pass: sl > 0 && sl <= 1.5*st,
			Note: fmt.Sprintf("median of %d runs with --pack of the generated pack (1 MB article); floor: the bundled pack's first frame; ms: %s; CPU time at the first frame, median: %.0f ms",
				len(startup(large)), list(startup(large)), bench.Median(cpu(large)))},
		{Name: guiNames[2], Value: pa, Unit: "ms", Budget: "≤ 50 ms", Pass: pa > 0 && pa <= 50,
			Note: fmt.Sprintf("worst of %d runs; from the top, one page-height scroll per frame to the end and back, each step %s; per-run worst ms: %s; %s",
				len(worst(app, bench.EnvScroll)), frames, list(worst(app, bench.EnvScroll)), spread(app.res[bench.EnvScroll]))},
		{Name: guiNames[3], Value: pl, Floor: pa, Unit: "ms", Budget: "≤ 50 ms", Pass: pl > 0 && pl <= 50,
			Note: fmt.Sprintf("as above over the 1 MB article; floor: the bundled article; per-run worst ms: %s; %s", list(worst(large, bench.EnvScroll)), spread(large.res[bench.EnvScroll]))},
		{Name: guiNames[4], Value: wl, Unit: "ms", Budget: "≤ 33 ms", Pass: wl > 0 && wl <= 33,
			Note: fmt.Sprintf("worst of %d runs; one wheel notch (%d px, Fyne's desktop step) per frame, %d stretches spread through the 1 MB article, each %d notches down then %d up, each step %s; per-run worst ms: %s; %s",
				len(worst(large, bench.EnvWheel)), wheelStep, wheelStretches, wheelDown, wheelUp, frames, list(worst(large, bench.EnvWheel)), spread(large.res[bench.EnvWheel]))},
		{Name: guiNames[5], Value: ra, Floor: rm, Unit: "MiB", Budget: "≤ 1.20x floor", Pass: ra > 0 && ra <= 1.20*rm,
			Note: fmt.Sprintf("median VmHWM of %d runs after showing every view; floor: the minimal program after its first frames; MiB: %s (minimal: %s)", len(rss(app, bench.EnvVisit)), list(rss(app, bench.EnvVisit)), list(rss(minP, bench.EnvVisit)))},
		{Name: guiNames[6], Value: rl, Floor: rm, Unit: "MiB", Budget: "≤ 2x floor", Pass: rl > 0 && rl <= 2*rm,
			Note: fmt.Sprintf("as above with the generated pack; MiB: %s", list(rss(large, bench.EnvVisit)))},
		{Name: guiNames[7], Value: rr, Floor: rm, Unit: "MiB", Budget: "≤ 2x floor", Pass: rr > 0 && rr <= 2*rm,
			Note: fmt.Sprintf("median VmHWM of the page-per-frame runs over the 1 MB article (to the end and back); floor: the minimal program; MiB: %s", list(rss(large, bench.EnvScroll)))},
	}
	need := [][]*program{{app, minP}, {large, app}, {app}, {large, app}, {large}, {app, minP}, {large, minP}, {large, minP}}
	envs := [][]string{{bench.EnvFirstFrame}, {bench.EnvFirstFrame}, {bench.EnvScroll}, {bench.EnvScroll}, {bench.EnvWheel},
		{bench.EnvVisit}, {bench.EnvVisit}, {bench.EnvScroll, bench.EnvVisit}}
	for i := range figs {
		for _, p := range need[i] {
			for _, env := range envs[i] {
				if err := p.err[env]; err != nil && figs[i].Pass {
					figs[i].Pass = false
					figs[i].Note = "FAILED: " + err.Error() + "; " + figs[i].Note
				}
			}
		}
	}
	return figs
}

// The wheel runs' shape, as ui/benchhook runs them (for the note).
const (
	wheelStep      = benchproto.WheelStep
	wheelStretches = benchproto.WheelStretches
	wheelDown      = benchproto.WheelDown
	wheelUp        = benchproto.WheelUp
)

func values(rs []bench.HookResult, f func(bench.HookResult) float64) []float64 {
	var out []float64
	for _, r := range rs {
		out = append(out, f(r))
	}
	return out
}

func list(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf("%.0f", x))
	}
	return strings.Join(s, ", ")
}

// spread summarises every step of the runs: how many, the p50 and p99
// frame, and the mean CPU time a step took.
func spread(rs []bench.HookResult) string {
	var fs, cs []float64
	for _, r := range rs {
		fs = append(fs, r.FrameMs...)
		cs = append(cs, r.FrameCPUMs...)
	}
	if len(fs) == 0 {
		return "no steps"
	}
	slices.Sort(fs)
	at := func(p float64) float64 { return fs[min(len(fs)-1, int(p*float64(len(fs))))] }
	mean := 0.0
	for _, c := range cs {
		mean += c
	}
	if len(cs) > 0 {
		mean /= float64(len(cs))
	}
	return fmt.Sprintf("%d steps: p50 %.1f ms, p99 %.1f ms; process CPU time per step, mean %.1f ms", len(fs), at(0.5), at(0.99), mean)
}
