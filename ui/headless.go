package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/software"
)

// The screenshot command draws a window with Fyne's software renderer and
// no display. Fyne's test package would do it (test.NewApp), but it links
// testify, yaml, go-spew and net/http/httptest into the release binary,
// 464 KB of 22 MB (docs/performance.md); so this is the part of it the
// command needs: the real app for settings, theme and text measuring (its
// window system starts only in Run, which is never called), and windows
// that are software canvases.

// headlessApp is the app with a driver whose windows are headless.
type headlessApp struct {
	fyne.App
	drv *headlessDriver
}

// newHeadlessApp makes the app current, so widgets find its driver.
func newHeadlessApp() *headlessApp {
	a := &headlessApp{App: app.NewWithID(AppID)}
	a.drv = &headlessDriver{Driver: a.App.Driver()}
	fyne.SetCurrentApp(a)
	return a
}

func (a *headlessApp) Driver() fyne.Driver { return a.drv }

func (a *headlessApp) NewWindow(title string) fyne.Window { return a.drv.CreateWindow(title) }

func (a *headlessApp) Run() {}

func (a *headlessApp) Quit() {}

// headlessDriver measures text with the real driver and keeps the
// windows itself.
type headlessDriver struct {
	fyne.Driver
	windows []*headlessWindow
}

func (d *headlessDriver) CreateWindow(title string) fyne.Window {
	w := &headlessWindow{title: title, canvas: software.NewCanvas()}
	d.windows = append(d.windows, w)
	return w
}

func (d *headlessDriver) AllWindows() []fyne.Window {
	out := make([]fyne.Window, len(d.windows))
	for i, w := range d.windows {
		out[i] = w
	}
	return out
}

// CanvasForObject is the window's canvas: the command has one window, and
// widgets only ask about objects on it.
func (d *headlessDriver) CanvasForObject(fyne.CanvasObject) fyne.Canvas {
	if len(d.windows) == 0 {
		return nil
	}
	return d.windows[len(d.windows)-1].canvas
}

// AbsolutePositionForObject is the origin: Fyne's walk of a widget's
// children is internal, and what the command draws places nothing by it
// (menus and pop-ups at a pointer are never opened).
func (d *headlessDriver) AbsolutePositionForObject(fyne.CanvasObject) fyne.Position {
	return fyne.Position{}
}

// DoFromGoroutine runs fn at once: nothing else draws, and Run, which
// would start the UI goroutine, is never called.
func (d *headlessDriver) DoFromGoroutine(fn func(), _ bool) { fn() }

func (d *headlessDriver) Run()                           {}
func (d *headlessDriver) Quit()                          {}
func (d *headlessDriver) StartAnimation(*fyne.Animation) {}
func (d *headlessDriver) StopAnimation(*fyne.Animation)  {}
func (d *headlessDriver) DoubleTapDelay() time.Duration  { return 300 * time.Millisecond }
func (d *headlessDriver) SetDisableScreenBlanking(bool)  {}

// headlessWindow is a window that is only a software canvas.
type headlessWindow struct {
	title    string
	canvas   software.WindowlessCanvas
	menu     *fyne.MainMenu
	icon     fyne.Resource
	fixed    bool
	full     bool
	onClosed func()
}

func (w *headlessWindow) Title() string                                { return w.title }
func (w *headlessWindow) SetTitle(t string)                            { w.title = t }
func (w *headlessWindow) FullScreen() bool                             { return w.full }
func (w *headlessWindow) SetFullScreen(f bool)                         { w.full = f }
func (w *headlessWindow) Resize(s fyne.Size)                           { w.canvas.Resize(s) }
func (w *headlessWindow) RequestFocus()                                {}
func (w *headlessWindow) FixedSize() bool                              { return w.fixed }
func (w *headlessWindow) SetFixedSize(f bool)                          { w.fixed = f }
func (w *headlessWindow) CenterOnScreen()                              {}
func (w *headlessWindow) Padded() bool                                 { return w.canvas.Padded() }
func (w *headlessWindow) SetPadded(p bool)                             { w.canvas.SetPadded(p) }
func (w *headlessWindow) Icon() fyne.Resource                          { return w.icon }
func (w *headlessWindow) SetIcon(r fyne.Resource)                      { w.icon = r }
func (w *headlessWindow) SetMaster()                                   {}
func (w *headlessWindow) MainMenu() *fyne.MainMenu                     { return w.menu }
func (w *headlessWindow) SetMainMenu(m *fyne.MainMenu)                 { w.menu = m }
func (w *headlessWindow) SetOnClosed(f func())                         { w.onClosed = f }
func (w *headlessWindow) SetCloseIntercept(func())                     {}
func (w *headlessWindow) SetOnDropped(func(fyne.Position, []fyne.URI)) {}
func (w *headlessWindow) Show()                                        {}
func (w *headlessWindow) Hide()                                        {}
func (w *headlessWindow) ShowAndRun()                                  {}
func (w *headlessWindow) Content() fyne.CanvasObject                   { return w.canvas.Content() }
func (w *headlessWindow) SetContent(o fyne.CanvasObject)               { w.canvas.SetContent(o) }
func (w *headlessWindow) Canvas() fyne.Canvas                          { return w.canvas }
func (w *headlessWindow) Clipboard() fyne.Clipboard                    { return fyne.CurrentApp().Clipboard() }

func (w *headlessWindow) Close() {
	if f := w.onClosed; f != nil {
		w.onClosed = nil
		f()
	}
}
