package ui

import (
	"fyne.io/fyne/v2/app"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/ui/present"
)

// RunPresent is the GUI hook for "evidence-reader present": it presents
// the deck and returns when the presentation ends.
func RunPresent(l cli.Loaded, o cli.PresentOptions) error {
	a := app.NewWithID(AppID) // the reader's id: both share preferences
	pr := present.Present(a, l.Pack, o.Slides)
	pr.Audience.SetMaster()
	pr.OnClose = func() {
		exitIfStuck()
		a.Quit()
	}
	a.Run()
	return nil
}
