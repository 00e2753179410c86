package present

import (
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/deck"
)

// The test driver paints every object on every Capture, so a change that
// never asks the window to redraw still shows up in a headless test. The
// GLFW driver only redraws a window whose canvas was marked dirty, and it
// finds an object's canvas through its render cache, which only holds the
// objects it has drawn (driver.WalkVisibleObjectTree skips hidden ones).
// frameApp models exactly that, so that tests see what a real window shows:
// frame(w) is a new picture only when something reached w's canvas since
// the last one, and the same picture otherwise.

type frameApp struct {
	fyne.App
	drv *frameDriver
}

func (a *frameApp) Driver() fyne.Driver { return a.drv }

func (a *frameApp) NewWindow(title string) fyne.Window {
	w := a.App.NewWindow(title)
	fw := &frameWindow{Window: w, c: &frameCanvas{Canvas: w.Canvas(), dirty: true}}
	a.drv.windows = append(a.drv.windows, fw)
	return fw
}

type frameDriver struct {
	fyne.Driver
	windows []*frameWindow
}

// CanvasForObject finds only objects drawn in the last frame, as the GLFW
// driver's render cache does.
func (d *frameDriver) CanvasForObject(o fyne.CanvasObject) fyne.Canvas {
	for _, w := range d.windows {
		if w.c.drawn[o] {
			return w.c
		}
	}
	return nil
}

type frameWindow struct {
	fyne.Window
	c *frameCanvas
}

func (w *frameWindow) Canvas() fyne.Canvas { return w.c }

type frameCanvas struct {
	fyne.Canvas
	dirty bool
	drawn map[fyne.CanvasObject]bool
	last  image.Image
	// lastMarkup is the frame as markup (frameMarkup): cheaper than pixels.
	lastMarkup string
}

func (c *frameCanvas) Refresh(o fyne.CanvasObject) { c.dirty = true; c.Canvas.Refresh(o) }
func (c *frameCanvas) SetDirty()                   { c.dirty = true }

// frame returns what the window shows now: redrawn if its canvas is dirty.
func (w *frameWindow) frame() image.Image {
	c := w.c
	if c.dirty || c.last == nil {
		c.last = c.Capture()
		c.drawn = map[fyne.CanvasObject]bool{}
		walkVisible(c.Content(), func(o fyne.CanvasObject) { c.drawn[o] = true })
		c.dirty = false
	}
	return c.last
}

// frameMarkup is frame as test markup, which is much cheaper to make than
// a picture and shows the same objects (hidden ones are left out).
func (w *frameWindow) frameMarkup() string {
	c := w.c
	if c.dirty || c.lastMarkup == "" {
		c.lastMarkup = test.RenderToMarkup(c.Canvas)
		c.drawn = map[fyne.CanvasObject]bool{}
		walkVisible(c.Content(), func(o fyne.CanvasObject) { c.drawn[o] = true })
		c.dirty = false
	}
	return c.lastMarkup
}

func walkVisible(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, ch := range x.Objects {
			walkVisible(ch, f)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(x).Objects() {
			walkVisible(ch, f)
		}
	}
}

// glfwKey delivers one key press the way the GLFW window does
// (processKeyPressed, then processCharInput for the character it typed):
// KeyDown, then Tab moves the focus unless the focused widget takes Tab,
// then TypedKey and TypedRune, each to the focused widget or, with nothing
// focused, to the canvas handler; then KeyUp. Shift is pressed first, as
// on a keyboard, when shift is true. No key here has Ctrl, Alt or Super,
// so none is a shortcut.
func glfwKey(w fyne.Window, name fyne.KeyName, char rune, shift bool) {
	c := w.Canvas()
	if shift {
		glfwKey(w, desktop.KeyShiftLeft, 0, false)
	}
	ev := &fyne.KeyEvent{Name: name}
	if k, ok := c.Focused().(desktop.Keyable); ok {
		k.KeyDown(ev)
	} else if dc, ok := c.(desktop.Canvas); ok && c.Focused() == nil && dc.OnKeyDown() != nil {
		dc.OnKeyDown()(ev)
	}
	typed := true
	if name == fyne.KeyTab {
		if t, ok := c.Focused().(fyne.Tabbable); !ok || !t.AcceptsTab() {
			c.FocusNext()
			typed = false
		}
	}
	if typed {
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
		} else if h := c.OnTypedKey(); h != nil {
			h(ev)
		}
	}
	if char != 0 {
		if f := c.Focused(); f != nil {
			f.TypedRune(char)
		} else if h := c.OnTypedRune(); h != nil {
			h(char)
		}
	}
	if k, ok := c.Focused().(desktop.Keyable); ok {
		k.KeyUp(ev)
	}
}

// startFramed presents the bundled deck in windows modelled by frameApp.
func startFramed(t *testing.T) (*Presentation, *frameWindow, *frameWindow) {
	t.Helper()
	inner := test.NewTempApp(t)
	a := &frameApp{App: inner, drv: &frameDriver{Driver: inner.Driver()}}
	fyne.SetCurrentApp(a)
	l := cli.LoadBundled(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	slides, _ := cli.Deck(l.Pack)
	pr := present(a, l.Pack, slides, presentOptions{tick: time.Hour, do: func(f func()) { f() }, secondary: func() bool { return false }})
	t.Cleanup(pr.Close)
	// Small windows: every frame is painted in software.
	pr.Audience.Resize(fyne.NewSize(480, 270))
	pr.Presenter.Resize(fyne.NewSize(600, 380))
	aud, pre := pr.Audience.(*frameWindow), pr.Presenter.(*frameWindow)
	aud.frame()
	pre.frame()
	return pr, aud, pre
}

// meanBrightness is 0 for a black picture and 1 for a white one.
func meanBrightness(img image.Image) float64 {
	b := img.Bounds()
	var sum float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			sum += float64(g.Y) / 255
		}
	}
	return sum / float64(b.Dx()*b.Dy())
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	bd := a.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// TestBlackoutRealKeyPath: B (Shift+b), b and . typed in either window, as
// GLFW delivers them, black the audience window out in the frame it shows,
// and the same key brings the slide back.
func TestBlackoutRealKeyPath(t *testing.T) {
	pr, aud, pre := startFramed(t)
	glfwKey(pr.Audience, fyne.KeyRight, 0, false)
	slide := aud.frame()
	if m := meanBrightness(slide); m < 0.5 {
		t.Fatalf("the audience window shows no slide (mean brightness %.2f)", m)
	}
	keys := []struct {
		label string
		name  fyne.KeyName
		char  rune
		shift bool
	}{
		{"B", fyne.KeyB, 'B', true},
		{"b", fyne.KeyB, 'b', false},
		{".", fyne.KeyPeriod, '.', false},
	}
	for _, where := range []*frameWindow{aud, pre} {
		for _, k := range keys {
			glfwKey(where, k.name, k.char, k.shift)
			if m := meanBrightness(aud.frame()); m > 0.01 {
				t.Errorf("%s in the %s window: the audience window shows mean brightness %.2f, not black", k.label, where.Title(), m)
			}
			if !pr.Nav.Blackout {
				t.Errorf("%s in the %s window did not reach the presentation", k.label, where.Title())
			}
			glfwKey(where, k.name, k.char, k.shift)
			if !sameImage(aud.frame(), slide) {
				t.Errorf("%s again in the %s window: the audience window does not show the slide again", k.label, where.Title())
			}
		}
	}
	// With nothing focused, the canvas handler gets the key.
	pr.Audience.Canvas().Unfocus()
	glfwKey(pr.Audience, fyne.KeyB, 'b', false)
	if m := meanBrightness(aud.frame()); m > 0.01 {
		t.Errorf("b with nothing focused: mean brightness %.2f, not black", m)
	}
}

// TestEveryKeyRepaints: after each presentation key, typed as GLFW
// delivers it, both windows show what their widgets say (a fresh full
// paint), so no key leaves a window showing something stale.
func TestEveryKeyRepaints(t *testing.T) {
	pr, aud, pre := startFramed(t)
	aud.frameMarkup()
	pre.frameMarkup()
	type key struct {
		name  fyne.KeyName
		char  rune
		shift bool
	}
	k := func(n fyne.KeyName, c rune) key { return key{n, c, false} }
	seq := []key{
		k(fyne.KeyRight, 0), k(fyne.KeySpace, ' '), k(fyne.KeyPageDown, 0), k(fyne.KeyReturn, 0),
		k(fyne.KeyLeft, 0), k(fyne.KeyPageUp, 0), k(fyne.KeyEnd, 0), k(fyne.KeyHome, 0),
		k(fyne.Key1, '1'), k(fyne.Key2, '2'), k(fyne.KeyReturn, 0),
		k(fyne.KeyO, 'o'), k(fyne.KeyDown, 0), k(fyne.KeyRight, 0), k(fyne.KeyReturn, 0),
		k(fyne.KeyTab, 0), k(fyne.KeyTab, 0),
		k(fyne.KeyO, 'o'), k(fyne.KeyB, 'b'), k(fyne.KeyB, 'b'), k(fyne.KeyEscape, 0),
		k(fyne.KeyPeriod, '.'), k(fyne.KeyLeft, 0), k(fyne.KeyPeriod, '.'),
	}
	// The same keys fed straight to a deck.Nav: the windows must pass each
	// key on exactly once (a key handled as a key and again as a
	// character would toggle blackout twice).
	ref := deck.NewNav(len(pr.slides), nil)
	ref.Cols = pr.Nav.Cols
	for i, s := range seq {
		ref.Key(string(s.name))
		where := aud
		if i%2 == 1 {
			where = pre
		}
		glfwKey(where, s.name, s.char, s.shift)
		for _, w := range []*frameWindow{aud, pre} {
			if w.frameMarkup() != test.RenderToMarkup(w.c.Canvas) {
				t.Errorf("key %d (%s in the %s window): the %s window was not repainted", i, s.name, where.Title(), w.Title())
			}
		}
	}
	if pr.closed {
		t.Fatal("Escape in the overview ended the presentation")
	}
	if pr.Nav.Current != ref.Current || pr.Nav.Blackout != ref.Blackout || pr.Nav.Overview != ref.Overview {
		t.Errorf("the windows ended at slide %d (black %v, overview %v); the keys say slide %d (%v, %v)",
			pr.Nav.Current+1, pr.Nav.Blackout, pr.Nav.Overview, ref.Current+1, ref.Blackout, ref.Overview)
	}
	if ref.Current == 0 {
		t.Error("the key sequence ends where it started: it proves nothing")
	}
}
