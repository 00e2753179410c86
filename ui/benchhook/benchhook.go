// Package benchhook lets `make bench` time a real window: the moment the
// first frame is on screen, the longest frame while the article scrolls to
// its end, and the peak memory after every view has been shown.
//
// It is switched on only by environment variables, so the app and the
// minimal comparison program (testdata/minimalapp) run the same code:
//
//	EVIDENCE_READER_BENCH_FIRSTFRAME=<file>  write the first frame's time, quit
//	EVIDENCE_READER_BENCH_SCROLL=<file>      scroll the article page by page to the end, timing frames, quit
//	EVIDENCE_READER_BENCH_VISIT=<file>       show every view, then write peak RSS (VmHWM), quit
//	EVIDENCE_READER_BENCH_CPUPROFILE=<file>  beside one of the above: a CPU profile of the run
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
}

// ContainerScroller pages through a container.Scroll.
func ContainerScroller(s *container.Scroll) *Scroller {
	return &Scroller{
		Offset:   func() float32 { return s.Offset.Y },
		ScrollTo: func(y float32) { s.ScrollToOffset(fyne.NewPos(0, y)) },
		Page:     func() float32 { return s.Size().Height },
	}
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
	for _, m := range []struct{ env, mode string }{{EnvFirstFrame, "firstframe"}, {EnvScroll, "scroll"}, {EnvVisit, "visit"}} {
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
	switch h.mode {
	case "scroll":
		h.scroll()
	case "visit":
		h.visit(0)
	default:
		h.finish("")
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// step runs one measured step and then continues with cont.
func (h *hook) step(do func(), cont func()) {
	start := time.Now()
	do()
	h.res.MaxStepMs = max(h.res.MaxStepMs, ms(time.Since(start)))
	h.res.Steps++
	h.afterFrame(func() {
		h.res.MaxFrameMs = max(h.res.MaxFrameMs, ms(time.Since(start)))
		cont()
	})
}

func (h *hook) scroll() {
	if h.t.Scroll == nil {
		h.finish("the app gave the hook no article to scroll")
		return
	}
	// Showing the article is a view switch, not a scroll: it is not timed.
	s := h.t.Scroll()
	if s == nil {
		h.finish("the app has no article scroller")
		return
	}
	h.afterFrame(func() { h.scrollFrom(s) })
}

// maxSteps stops a view that keeps growing as it scrolls.
const maxSteps = 100000

// scrollFrom moves one page down per frame until a step no longer moves
// the view: the end of the content.
func (h *hook) scrollFrom(s *Scroller) {
	page, from := s.Page(), s.Offset()
	if page <= 0 {
		h.finish("the article has no height")
		return
	}
	if h.res.Steps > maxSteps {
		h.finish("scrolling did not reach the end")
		return
	}
	h.step(func() { s.ScrollTo(from + page) }, func() {
		if s.Offset() <= from {
			h.res.EndReached = true
			h.res.ContentHeight = s.Offset() + page
			h.finish("")
			return
		}
		h.scrollFrom(s)
	})
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
	runtime.GC()
	h.res.VmHWMKiB = vmHWM()
	if b, err := json.Marshal(h.res); err == nil {
		_ = os.WriteFile(h.out, b, 0o644)
	}
	// Fyne 2.8.1 can hang after its main loop stops (see ui.exitIfStuck);
	// the result is written, so a stuck run ends instead of holding the
	// benchmark until its timeout.
	time.AfterFunc(3*time.Second, func() { os.Exit(0) })
	h.app.Quit()
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
