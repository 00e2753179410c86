package present

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/cli"
)

// fullScreenSecondaryWindow is a desktop.Window (which the test driver's
// windows are not) that records RequestFullScreenSecondary.
type fullScreenSecondaryWindow struct {
	fyne.Window
	secondary int
}

func (w *fullScreenSecondaryWindow) RequestFullScreenSecondary() { w.secondary++ }
func (w *fullScreenSecondaryWindow) RequestAlwaysOnTop()         {}
func (w *fullScreenSecondaryWindow) RequestPosition(int, int)    {}

type secondaryApp struct{ fyne.App }

func (a secondaryApp) NewWindow(title string) fyne.Window {
	return &fullScreenSecondaryWindow{Window: a.App.NewWindow(title)}
}

// TestAudienceFollowsDisplays: with a second display the audience window
// asks to be full screen there and the presenter view stays a window;
// unplugging it puts the audience full screen on the first, plugging it
// back moves it back, and with one display nothing moves.
func TestAudienceFollowsDisplays(t *testing.T) {
	a := secondaryApp{test.NewTempApp(t)}
	l := cli.LoadBundled(time.Now())
	slides, _ := cli.Deck(l.Pack)
	two := true
	pr := present(a, l.Pack, slides, presentOptions{tick: time.Hour, do: func(f func()) { f() }, secondary: func() bool { return two }})
	defer pr.Close()
	aud := pr.Audience.(*fullScreenSecondaryWindow)
	if !pr.onSecondary || aud.secondary != 1 {
		t.Fatalf("two displays: on the second %v, asked %d times", pr.onSecondary, aud.secondary)
	}
	if pr.Presenter.FullScreen() || pr.Presenter.(*fullScreenSecondaryWindow).secondary != 0 {
		t.Error("the presenter view went full screen")
	}
	pr.checkDisplays() // nothing changed: nothing moves
	if aud.secondary != 1 {
		t.Errorf("an unchanged display asked again (%d)", aud.secondary)
	}
	two = false
	pr.checkDisplays()
	if pr.onSecondary || !pr.Audience.FullScreen() || aud.secondary != 1 {
		t.Errorf("unplugged: on the second %v, full screen %v", pr.onSecondary, pr.Audience.FullScreen())
	}
	if pr.Audience.Canvas().Focused() != pr.aud.keys {
		t.Error("unplugged: the key catcher lost the keyboard")
	}
	two = true
	pr.checkDisplays()
	if !pr.onSecondary || aud.secondary != 2 {
		t.Errorf("plugged back: on the second %v, asked %d times", pr.onSecondary, aud.secondary)
	}
	pr.Close()
	two = false
	pr.checkDisplays() // after the end: no panic, no move
	if !pr.onSecondary {
		t.Error("a closed presentation moved its window")
	}
}
