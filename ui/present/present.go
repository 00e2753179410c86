package present

import (
	"image/color"
	"math"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// clockTick is how often the presenter's elapsed time is redrawn.
const clockTick = 250 * time.Millisecond

// displayCheck is how many clock ticks pass between looks at the displays,
// so that plugging a projector in or out while presenting moves the
// audience window within a second.
const displayCheck = 4

// Presentation is a running slide show: a full-screen audience window and a
// presenter window that share one deck.Nav, so a key pressed in either
// window moves both.
type Presentation struct {
	Nav       *deck.Nav
	Audience  fyne.Window
	Presenter fyne.Window
	// OnClose runs once, after both windows have closed.
	OnClose func()

	pack   *pack.Pack
	slides []deck.Slide
	aud    *audienceView
	pres   *presenterView
	fits   *fitMemo

	closed bool
	stop   chan struct{}
	done   chan struct{}
	// do runs a function on the UI goroutine: fyne.Do, replaced in tests.
	do       func(func())
	stopOnce sync.Once

	// secondary reports whether a second display is connected.
	secondary func() bool
	// onSecondary is true while the audience window is full screen on the
	// second display.
	onSecondary bool
}

// presentOptions are the seams tests use.
type presentOptions struct {
	now  func() time.Time
	tick time.Duration
	do   func(func())
	// secondary reports whether there is a second display; nil asks the
	// driver (desktop.Driver.HasSecondaryDisplay).
	secondary func() bool
}

// Present opens the audience and presenter windows for slides and starts
// the presentation at the first slide. Esc in either window (or closing
// either) ends it and closes both.
func Present(a fyne.App, p *pack.Pack, slides []deck.Slide) *Presentation {
	return present(a, p, slides, presentOptions{})
}

// PresentPack presents p's slides.md, or a deck generated from the pack
// when it has none. It is what F5 and the Present menu item call.
func PresentPack(a fyne.App, p *pack.Pack) *Presentation {
	slides, _ := cli.Deck(p)
	return Present(a, p, slides)
}

func present(a fyne.App, p *pack.Pack, slides []deck.Slide, o presentOptions) *Presentation {
	if o.tick == 0 {
		o.tick = clockTick
	}
	if o.do == nil {
		o.do = fyne.Do
	}
	if o.secondary == nil {
		o.secondary = func() bool {
			d, ok := a.Driver().(desktop.Driver)
			return ok && d.HasSecondaryDisplay()
		}
	}
	pr := &Presentation{
		Nav:    deck.NewNav(len(slides), o.now),
		pack:   p,
		slides: slides,
		stop:   make(chan struct{}),
		done:   make(chan struct{}),
		do:     o.do,
		fits:   newFitMemo(),

		secondary: o.secondary,
	}
	pr.Nav.Cols = overviewCols(len(slides))

	title := "Presenting"
	if p != nil && p.Meta.Title != "" {
		title = p.Meta.Title
	}
	pr.Audience = a.NewWindow(title)
	pr.aud = newAudienceView(pr)
	pr.Audience.SetPadded(false)
	pr.Audience.SetContent(pr.aud.root)
	pr.Audience.Resize(fyne.NewSize(1280, 720))
	pr.Audience.SetOnClosed(pr.Close)

	pr.Presenter = a.NewWindow("Presenter view: " + title)
	pr.pres = newPresenterView(pr)
	pr.Presenter.SetContent(pr.pres.root)
	pr.Presenter.Resize(fyne.NewSize(1200, 760))
	pr.Presenter.SetOnClosed(pr.Close)

	for _, w := range []fyne.Window{pr.Audience, pr.Presenter} {
		w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) { pr.Key(e.Name) })
	}
	pr.refresh()
	// The presenter window opens first so that, with one display, the
	// full-screen audience window ends up in front of it.
	pr.Presenter.Show()
	pr.Audience.Show()
	// Full screen is asked for once the window exists: some X servers
	// without a window manager ignore it on a window not yet mapped.
	pr.place()
	pr.Audience.RequestFocus()
	pr.focusKeys()
	go pr.tickLoop(o.tick)
	return pr
}

// overviewCols is the overview grid's column count: a square-ish grid of
// 16:9 thumbnails fills a 16:9 screen.
func overviewCols(n int) int {
	return max(int(math.Ceil(math.Sqrt(float64(n)))), 1)
}

// Key handles a key pressed in either window.
func (pr *Presentation) Key(name fyne.KeyName) {
	if pr.closed {
		return
	}
	if pr.Nav.Key(string(name)) == deck.Exit {
		pr.Close()
		return
	}
	pr.refresh()
}

// where says what the presentation shows, as a screen reader reads it:
// "Slide 3 of 15: Why the idea is appealing; the audience screen is black".
func (pr *Presentation) where() string {
	n := pr.Nav
	if len(pr.slides) == 0 {
		return "Presentation: no slides"
	}
	s := slideLabel(pr.slides[n.Current], len(pr.slides))
	if n.Overview {
		s += "; overview open"
	}
	if n.Blackout {
		s += "; the audience screen is black"
	}
	if t := n.Typed(); t != "" {
		s += "; going to slide " + t
	}
	return s
}

// slideLabel names a slide for screen readers: "Slide 3 of 15: its title".
func slideLabel(s deck.Slide, total int) string {
	l := "Slide " + strconv.Itoa(s.Index+1) + " of " + strconv.Itoa(total)
	if s.Title != "" {
		l += ": " + s.Title
	}
	return l
}

// Go shows slide i (0-based) and closes the overview.
func (pr *Presentation) Go(i int) {
	if pr.closed {
		return
	}
	pr.Nav.Go(i)
	pr.Nav.Overview = false
	pr.refresh()
	pr.focusKeys()
}

// ToggleBlackout blacks the audience window out or brings it back.
func (pr *Presentation) ToggleBlackout() {
	if pr.closed {
		return
	}
	pr.Nav.ToggleBlackout()
	pr.refresh()
	pr.focusKeys()
}

// Done is closed when the clock goroutine has stopped.
func (pr *Presentation) Done() <-chan struct{} { return pr.done }

// Close ends the presentation: it stops the clock and closes both windows.
func (pr *Presentation) Close() {
	if pr.closed {
		return
	}
	pr.closed = true
	// The clock goroutine exits at its next wake-up; Done reports it. Close
	// does not wait for it: it may be queueing work for this very goroutine.
	pr.stopOnce.Do(func() { close(pr.stop) })
	pr.Audience.Close()
	pr.Presenter.Close()
	if pr.OnClose != nil {
		pr.OnClose()
	}
}

func (pr *Presentation) tickLoop(every time.Duration) {
	defer close(pr.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for n := 1; ; n++ {
		select {
		case <-pr.stop:
			return
		case <-t.C:
			pr.do(pr.updateClock)
			if n%displayCheck == 0 {
				pr.do(pr.checkDisplays)
			}
			if n == 2 || n == 8 {
				// Some X servers map a full-screen window before it has its
				// final size and show black until the next redraw.
				pr.do(pr.repaint)
			}
		}
	}
}

// place puts the audience window full screen on the second display when
// there is one, and on the only display otherwise; the presenter view stays
// a window on the first display, where the presenter's keyboard is.
func (pr *Presentation) place() {
	pr.onSecondary = pr.secondary()
	if w, ok := pr.Audience.(desktop.Window); ok && pr.onSecondary {
		w.RequestFullScreenSecondary()
		return
	}
	pr.Audience.SetFullScreen(true)
}

// checkDisplays moves the audience window when a display came or went. A
// window full screen on a display that goes away is put back in a window
// by GLFW; place makes it full screen on the display that is left.
func (pr *Presentation) checkDisplays() {
	if pr.closed || pr.secondary() == pr.onSecondary {
		return
	}
	pr.place()
	pr.Audience.RequestFocus()
	pr.focusKeys()
}

func (pr *Presentation) repaint() {
	if !pr.closed {
		pr.Audience.Content().Refresh()
	}
}

func (pr *Presentation) updateClock() {
	if pr.closed {
		return
	}
	pr.pres.updateClock()
}

// refresh redraws both windows from the navigation state.
func (pr *Presentation) refresh() {
	pr.aud.update()
	pr.pres.update()
}

// focusKeys gives the keyboard to each window's key catcher, so Tab and
// every other key reach the presentation rather than a button.
func (pr *Presentation) focusKeys() {
	if pr.closed {
		return
	}
	pr.Audience.Canvas().Focus(pr.aud.keys)
	pr.Presenter.Canvas().Focus(pr.pres.keys)
}

// keyCatcher is an invisible focusable widget that forwards every key to
// the presentation. Canvas.SetOnTypedKey alone never sees Tab (the window
// uses it to move focus), so each window keeps this focused.
type keyCatcher struct {
	widget.BaseWidget
	onKey func(fyne.KeyName)
	// label says where the presentation is, for screen readers: the key
	// catcher is what has the keyboard focus.
	label func() string
}

// AccessibilityLabel implements fyne.Accessible.
func (k *keyCatcher) AccessibilityLabel() string {
	if k.label == nil {
		return "Presentation"
	}
	return k.label()
}

// AccessibilityRole implements fyne.Accessible.
func (k *keyCatcher) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

func newKeyCatcher(onKey func(fyne.KeyName)) *keyCatcher {
	k := &keyCatcher{onKey: onKey}
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
func (k *keyCatcher) MinSize() fyne.Size          { return fyne.NewSize(0, 0) }
func (k *keyCatcher) FocusGained()                {}
func (k *keyCatcher) FocusLost()                  {}
func (k *keyCatcher) TypedRune(rune)              {}
func (k *keyCatcher) TypedKey(e *fyne.KeyEvent)   { k.onKey(e.Name) }
func (k *keyCatcher) AcceptsTab() bool            { return true }
func (k *keyCatcher) TypedShortcut(fyne.Shortcut) {}

// tapArea runs a function when tapped. It is not focusable, so clicking it
// never takes the keyboard from the key catcher.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
	// label is read by screen readers; "" marks a background that only
	// hands the keyboard back, which they skip.
	label string
}

// AccessibilityLabel implements fyne.Accessible.
func (t *tapArea) AccessibilityLabel() string { return t.label }

// AccessibilityRole implements fyne.Accessible.
func (t *tapArea) AccessibilityRole() fyne.AccessibleRole {
	if t.label == "" {
		return fyne.AccessibleRoleContainer
	}
	return fyne.AccessibleRoleButton
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }
func (t *tapArea) Tapped(*fyne.PointEvent)             { t.onTap() }

// audienceView is the audience window: the current slide letterboxed at
// 16:9 on black, a black screen during blackout, or the overview grid.
type audienceView struct {
	pr    *Presentation
	root  *fyne.Container
	stage *fyne.Container // holds the current slide
	black *canvas.Rectangle
	grid  *overview
	keys  *keyCatcher
	views map[int]*slideView
	shown int
}

func newAudienceView(pr *Presentation) *audienceView {
	v := &audienceView{pr: pr, views: map[int]*slideView{}, shown: -1}
	v.keys = newKeyCatcher(pr.Key)
	v.keys.label = pr.where
	v.stage = container.New(aspectLayout{})
	v.black = canvas.NewRectangle(color.Black)
	v.grid = newOverview(pr)
	bg := newTapArea(canvas.NewRectangle(color.Black), pr.focusKeys)
	v.root = container.NewStack(bg, v.keys, v.stage, v.grid.root, v.black)
	return v
}

// slide returns the audience view of slide i, built on first use.
func (v *audienceView) slide(i int) *slideView {
	s, ok := v.views[i]
	if !ok {
		s = newSlideView(v.pr.pack, v.pr.slides[i], v.pr.fits)
		v.views[i] = s
	}
	return s
}

func (v *audienceView) update() {
	n := v.pr.Nav
	if len(v.pr.slides) > 0 && v.shown != n.Current {
		v.stage.Objects = []fyne.CanvasObject{v.slide(n.Current)}
		v.shown = n.Current
		v.stage.Refresh()
	}
	overview := n.Overview && !n.Blackout
	if overview {
		v.grid.update()
	}
	c := v.pr.Audience.Canvas()
	setVisible(c, v.black, n.Blackout)
	setVisible(c, v.grid.root, overview)
	setVisible(c, v.stage, !overview)
}

// setVisible shows or hides o, which is on canvas c, and when that changes
// anything tells c to repaint. Neither Show nor Refresh can be relied on to
// do it: Fyne 2.8.1 finds an object's window through its render cache,
// which holds only objects it has drawn, so an object hidden since its
// window opened is found nowhere, and Show does not even look. That is why
// B and . once changed nothing in a real window (issue 14) while every
// headless test passed: the test driver paints the whole tree on each
// capture.
func setVisible(c fyne.Canvas, o fyne.CanvasObject, on bool) {
	if o.Visible() == on {
		return
	}
	if on {
		o.Show()
	} else {
		o.Hide()
	}
	c.Refresh(o)
}

// overview is a grid of every slide; the current one is outlined, and
// clicking a slide goes there.
type overview struct {
	pr     *Presentation
	root   *fyne.Container
	frames []*canvas.Rectangle
	built  bool
}

func newOverview(pr *Presentation) *overview {
	o := &overview{pr: pr, root: container.NewStack()}
	o.root.Hide()
	return o
}

func (o *overview) build() {
	pr := o.pr
	cols := overviewCols(len(pr.slides))
	cells := make([]fyne.CanvasObject, len(pr.slides))
	o.frames = make([]*canvas.Rectangle, len(pr.slides))
	for i := range pr.slides {
		i := i
		frame := canvas.NewRectangle(color.Transparent)
		frame.StrokeColor = color.NRGBA{0xff, 0xc1, 0x07, 0xff}
		o.frames[i] = frame
		num := canvas.NewText(strconv.Itoa(i+1), color.White)
		num.TextStyle.Bold = true
		thumb := container.New(aspectLayout{}, newSlideView(pr.pack, pr.slides[i], pr.fits))
		cell := container.New(&thumbLayout{frame: frame, num: num, thumb: thumb}, thumb, frame, num)
		ta := newTapArea(cell, func() { pr.Go(i) })
		ta.label = "Go to " + slideLabel(pr.slides[i], len(pr.slides))
		cells[i] = ta
	}
	o.root.Objects = []fyne.CanvasObject{container.NewGridWithColumns(cols, cells...)}
	o.built = true
}

func (o *overview) update() {
	if !o.built {
		o.build()
	}
	for i, f := range o.frames {
		if i == o.pr.Nav.Current {
			f.StrokeWidth = 6
		} else {
			f.StrokeWidth = 0
		}
		f.Refresh()
	}
	o.root.Refresh()
}

// thumbLayout places a thumbnail with its number in the corner and the
// selection frame around it.
type thumbLayout struct {
	frame *canvas.Rectangle
	num   *canvas.Text
	thumb fyne.CanvasObject
}

func (l *thumbLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := size.Height * 0.06
	inner := fyne.NewSize(size.Width-2*pad, size.Height-2*pad)
	l.thumb.Move(fyne.NewPos(pad, pad))
	l.thumb.Resize(inner)
	// The frame hugs the letterboxed slide, not the cell.
	w, h := inner.Width, inner.Width/slideRatio
	if h > inner.Height {
		h, w = inner.Height, inner.Height*slideRatio
	}
	l.frame.Move(fyne.NewPos(pad+(inner.Width-w)/2-3, pad+(inner.Height-h)/2-3))
	l.frame.Resize(fyne.NewSize(w+6, h+6))
	l.num.TextSize = max(h*0.12, 10)
	l.num.Color = color.NRGBA{0x1d, 0x4f, 0x91, 0xff}
	ns := l.num.MinSize()
	l.num.Move(fyne.NewPos(pad+(inner.Width+w)/2-ns.Width-h*0.04, pad+(inner.Height+h)/2-ns.Height-h*0.02))
	l.num.Resize(ns)
}

func (l *thumbLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(32, 18) }
