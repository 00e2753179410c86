package ui

import (
	"fyne.io/fyne/v2/app"

	"github.com/evidence-reader/evidence-reader/internal/cli"
)

// presentAppID is the app id used when present mode runs on its own; it
// is the reader's id, so both share preferences.
const presentAppID = "io.github.evidence_reader.EvidenceReader"

// RunPresent is the GUI hook for "evidence-reader present": it presents
// the deck and returns when the presentation ends.
func RunPresent(l cli.Loaded, o cli.PresentOptions) error {
	a := app.NewWithID(presentAppID)
	pr := Present(a, l.Pack, o.Slides)
	pr.Audience.SetMaster()
	pr.OnClose = a.Quit
	a.Run()
	return nil
}
