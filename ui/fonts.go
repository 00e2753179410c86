package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// firstScreenStyles are the text styles on the reader's first screen: body
// text and headings. Fyne loads a style's faces the first time text in it
// is measured (the theme font plus the emoji and symbol fallbacks, each
// parsed anew, and a system font lookup), about 45 ms per style on a
// 2-core laptop. Other styles (italic reference titles, the monospace
// shortcut list) load when first shown; loading them early would cost
// about 10 MB each that a reader may never need.
var firstScreenStyles = []fyne.TextStyle{{}, {Bold: true}}

// warmFonts loads the faces of styles, each on a goroutine of its own so
// the work runs on other cores while the window system starts, and returns
// a channel closed when all are loaded. Fyne reads the app's theme while
// loading, so nothing may set the theme before the channel is closed.
func warmFonts(styles []fyne.TextStyle) <-chan struct{} {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, st := range styles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The marker may come from a fallback face: load that too.
			fyne.MeasureText("Aa"+MarkerSymbol, 14, st)
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}
