// Package benchhook lets `make bench` time a real window: the moment the
// first frame is on screen, the longest frame while the article scrolls to
// its end, and the peak memory after every view has been shown.
//
// It is switched on only by environment variables, so the app and the
// minimal comparison program (testdata/minimalapp) run the same code:
//
//	EVIDENCE_READER_BENCH_FIRSTFRAME=<file>  write the first frame's time, quit
//	EVIDENCE_READER_BENCH_SCROLL=<file>      page through the article to the end and back, timing frames, quit
//	EVIDENCE_READER_BENCH_WHEEL=<file>       scroll the article by wheel notches over stretches of it, timing frames, quit
//	EVIDENCE_READER_BENCH_VISIT=<file>       show every view, then write peak RSS (VmHWM), quit
//	EVIDENCE_READER_BENCH_CPUPROFILE=<file>  beside one of the above: a CPU profile of the run
//	EVIDENCE_READER_BENCH_MEMPROFILE=<file>  beside one of the above: a heap profile when it ends
//
// Every result also has the peak RSS and the process's CPU time.
//
// The file gets one JSON Result. A frame is detected with a 1×1 raster
// stacked on top of the window content: Fyne calls a raster's generator
// while painting, so a fyne.Do queued from there runs right after that
// frame has been painted and swapped.
package benchhook

import (
	"encoding/json"
	"image"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/benchproto"
)

// Environment variables that switch the hook on; each names the output file.
const (
	EnvFirstFrame = benchproto.EnvFirstFrame
	EnvScroll     = benchproto.EnvScroll
	EnvWheel      = benchproto.EnvWheel
	EnvVisit      = benchproto.EnvVisit
)

// frameTimeout ends a run that stops drawing, so a stuck app fails the
// benchmark instead of hanging it.
const frameTimeout = 30 * time.Second

// Targets are what the app can show. The minimal program passes none.
type Targets struct {
	// Views show each view in turn; they are called on the UI goroutine.
	Views []func()
	// Scroll shows the article and returns its scroller, or nil when
	// there is none.
	Scroll func() *Scroller
}

// Scroller is a vertically scrolling view the hook can page through.
type Scroller struct {
	Offset   func() float32
	ScrollTo func(y float32)
	// Page is the visible height.
	Page func() float32
	// Wheel scrolls by dy (negative: down) as one mouse-wheel event does;
	// nil when the view takes no wheel events.
	Wheel func(dy float32)
}

// ContainerScroller pages through a container.Scroll.
func ContainerScroller(s *container.Scroll) *Scroller {
	return &Scroller{
		Offset:   func() float32 { return s.Offset.Y },
		ScrollTo: func(y float32) { s.ScrollToOffset(fyne.NewPos(0, y)) },
		Page:     func() float32 { return s.Size().Height },
		Wheel:    WheelOf(s),
	}
}

// WheelOf returns a Scroller.Wheel that sends s the event Fyne's desktop
// driver sends for a wheel notch over it.
func WheelOf(s fyne.Scrollable) func(dy float32) {
	return func(dy float32) { s.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, dy)}) }
}

// ListScroller pages through a widget.List (a virtualized view).
func ListScroller(l *widget.List) *Scroller {
	return &Scroller{Offset: l.GetScrollOffset, ScrollTo: l.ScrollToOffset, Page: func() float32 { return l.Size().Height }}
}

// Result is written as JSON to the output file.
type Result = benchproto.Result

type hook struct {
	app    fyne.App
	win    fyne.Window
	t      Targets
	mode   string
	out    string
	marker *canvas.Raster
	// next runs after the next painted frame.
	next    func()
	res     Result
	timer   *time.Timer
	profile *os.File
	memProf string
}

// Armed reports whether one of the bench variables is set, so Attach will
// arm the hook.
func Armed() bool {
	for _, env := range []string{EnvFirstFrame, EnvScroll, EnvVisit} {
		if os.Getenv(env) != "" {
			return true
		}
	}
	return false
}

// Attach arms the hook when one of the bench variables is set and returns
// true; otherwise it does nothing and returns false. Call it once the
// window has its content, before ShowAndRun.
func Attach(a fyne.App, w fyne.Window, t Targets) bool {
	h := &hook{app: a, win: w, t: t}
	for _, m := range []struct{ env, mode string }{{EnvFirstFrame, "firstframe"}, {EnvScroll, "scroll"}, {EnvWheel, "wheel"}, {EnvVisit, "visit"}} {
		if f := os.Getenv(m.env); f != "" {
			h.mode, h.out = m.mode, f
			break
		}
	}
	if h.mode == "" {
		return false
	}
	h.res.Mode = h.mode
	if f := os.Getenv(benchproto.EnvCPUProfile); f != "" {
		h.startProfile(f)
	}
	h.memProf = os.Getenv(benchproto.EnvMemProfile)
	h.marker = canvas.NewRaster(func(_, _ int) image.Image {
		if h.next != nil {
			f := h.next
			h.next = nil
			// Queued now, run after this frame is swapped.
			fyne.Do(f)
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	// One pixel in a container without a layout: a Stack would stretch
	// the raster over the window, and software GL then blends a
	// window-sized quad every frame (about 10 ms a frame here).
	h.marker.Resize(fyne.NewSize(1, 1))
	w.SetContent(container.NewStack(w.Content(), container.NewWithoutLayout(h.marker)))
	h.afterFrame(h.first)
	return true
}

// afterFrame runs f after the next frame has been painted.
func (h *hook) afterFrame(f func()) {
	h.next = f
	if h.timer != nil {
		h.timer.Stop()
	}
	h.timer = time.AfterFunc(frameTimeout, func() {
		fyne.Do(func() { h.finish("no frame was drawn within " + frameTimeout.String()) })
	})
	h.marker.Refresh()
}

func (h *hook) first() {
	h.res.FirstFrameUnixNano = time.Now().UnixNano()
	h.res.FirstFrameCPUMs = cpuMs()
	switch h.mode {
	case "scroll":
		h.scroll()
	case "wheel":
		h.wheel()
	case "visit":
		h.visit(0)
	default:
		h.finish("")
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// step runs one measured step and then continues with cont.
func (h *hook) step(do func(), cont func()) {
	start, cpu := time.Now(), cpuMs()
	do()
	h.res.MaxStepMs = max(h.res.MaxStepMs, ms(time.Since(start)))
	h.res.Steps++
	h.afterFrame(func() {
		f := ms(time.Since(start))
		h.res.MaxFrameMs = max(h.res.MaxFrameMs, f)
		if h.mode != "visit" {
			h.res.FrameMs = append(h.res.FrameMs, f)
			h.res.FrameCPUMs = append(h.res.FrameCPUMs, cpuMs()-cpu)
		}
		cont()
	})
}

// article shows the article (a view switch, not timed) and returns its
// scroller, or nil after finishing the run with an error.
func (h *hook) article() *Scroller {
	if h.t.Scroll == nil {
		h.finish("the app gave the hook no article to scroll")
		return nil
	}
	s := h.t.Scroll()
	if s == nil {
		h.finish("the app has no article scroller")
	}
	return s
}

func (h *hook) scroll() {
	if s := h.article(); s != nil {
		// From the top, whatever reading position was restored; the jump
		// is not timed.
		s.ScrollTo(0)
		h.afterFrame(func() { h.afterFrame(func() { h.pageFrom(s, 1) }) })
	}
}

// maxSteps stops a view that keeps growing as it scrolls.
const maxSteps = 100000

// pageFrom moves one page per frame in dir (1 down, -1 up) until a step
// no longer moves the view: down to the end of the content, then back up
// to the top.
func (h *hook) pageFrom(s *Scroller, dir float32) {
	page, from := s.Page(), s.Offset()
	if page <= 0 {
		h.finish("the article has no height")
		return
	}
	if h.res.Steps > maxSteps {
		h.finish("scrolling did not reach the end")
		return
	}
	h.step(func() { s.ScrollTo(from + dir*page) }, func() {
		moved := s.Offset()-from != 0
		switch {
		case moved:
			h.pageFrom(s, dir)
		case dir > 0:
			h.res.ContentHeight = s.Offset() + page
			h.pageFrom(s, -1)
		default:
			h.res.EndReached = s.Offset() == 0
			h.finish("")
		}
	})
}

// Wheel runs have the shape benchproto gives; the jump to each stretch is
// not timed.
const (
	wheelStretches = benchproto.WheelStretches
	wheelDown      = benchproto.WheelDown
	wheelUp        = benchproto.WheelUp
)

func (h *hook) wheel() {
	s := h.article()
	if s == nil {
		return
	}
	if s.Wheel == nil {
		h.finish("the article takes no wheel events")
		return
	}
	// The content height is known only roughly until blocks are shown;
	// the end of a page scroll is not needed for spreading stretches.
	s.ScrollTo(1e9)
	h.afterFrame(func() {
		end := s.Offset()
		s.ScrollTo(0)
		h.afterFrame(func() { h.stretch(s, end, 0) })
	})
}

func (h *hook) stretch(s *Scroller, end float32, i int) {
	if i >= wheelStretches {
		h.res.EndReached = true
		h.finish("")
		return
	}
	s.ScrollTo(end * float32(i) / wheelStretches)
	// Two frames: the jump's own rendering is not a wheel step.
	h.afterFrame(func() {
		h.afterFrame(func() { h.notch(s, end, i, 0) })
	})
}

func (h *hook) notch(s *Scroller, end float32, i, n int) {
	if n >= wheelDown+wheelUp {
		h.stretch(s, end, i+1)
		return
	}
	dy := float32(-benchproto.WheelStep)
	if n >= wheelDown {
		dy = -dy
	}
	h.step(func() { s.Wheel(dy) }, func() { h.notch(s, end, i, n+1) })
}

func (h *hook) visit(i int) {
	if i >= len(h.t.Views) {
		// Two more frames so whatever the last view allocates on paint counts.
		h.afterFrame(func() { h.afterFrame(func() { h.finish("") }) })
		return
	}
	h.step(h.t.Views[i], func() { h.visit(i + 1) })
}

// startProfile writes a CPU profile of the measured run, for finding
// where a slow figure goes; the bench driver never sets it.
func (h *hook) startProfile(name string) {
	f, err := os.Create(name)
	if err != nil {
		h.res.Error = "cpu profile: " + err.Error()
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		h.res.Error = "cpu profile: " + err.Error()
		return
	}
	h.profile = f
}

func (h *hook) finish(errMsg string) {
	if h.timer != nil {
		h.timer.Stop()
	}
	if h.profile != nil {
		pprof.StopCPUProfile()
		_ = h.profile.Close()
		h.profile = nil
	}
	h.next = nil
	if errMsg != "" {
		h.res.Error = errMsg
	}
	h.res.CPUMs = cpuMs()
	h.res.VmHWMKiB = vmHWM()
	if h.memProf != "" {
		h.writeMemProfile()
	}
	if b, err := json.Marshal(h.res); err == nil {
		_ = os.WriteFile(h.out, b, 0o644)
	}
	// Fyne 2.8.1 can hang after its main loop stops (see ui.exitIfStuck);
	// the result is written, so a stuck run ends instead of holding the
	// benchmark until its timeout.
	time.AfterFunc(3*time.Second, func() { os.Exit(0) })
	h.app.Quit()
}

// writeMemProfile writes a heap profile (after a collection, so in-use
// figures are live memory) for finding where a memory figure goes.
func (h *hook) writeMemProfile() {
	runtime.GC()
	f, err := os.Create(h.memProf)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil && h.res.Error == "" {
		h.res.Error = "memory profile: " + err.Error()
	}
}

// vmHWM reads the peak resident set size from /proc; 0 elsewhere.
func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
