package ui

import (
	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// firstScreenStyles are the text styles on the reader's first screen: body
// text and headings. Fyne loads a style's faces the first time text in it
// is measured (the theme font and the symbol fallback, each parsed anew,
// and a system font lookup), tens of milliseconds per style on a 2-core
// laptop. Other styles (italic reference titles, the monospace shortcut
// list) load when first shown; loading them early would cost a few MB
// each that a reader may never need.
var firstScreenStyles = []fyne.TextStyle{{}, {Bold: true}}

// warmFonts loads the faces of styles on a goroutine, so the work runs on
// the other core while the window system starts, and returns a channel
// closed when all are loaded. One goroutine, one style after another:
// measuring shapes text with a HarfBuzz shaper Fyne shares between all
// callers, so two measurements at once race. For the same reason, and
// because Fyne reads the app's theme while loading, nothing may measure
// text or set the theme before the channel is closed.
func warmFonts(styles []fyne.TextStyle) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, st := range styles {
			// The marker may come from a fallback face: load that too.
			fyne.MeasureText("Aa"+reader.MarkerSymbol, 14, st)
		}
	}()
	return done
}
