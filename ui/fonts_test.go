package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Run with -race (make test does): measuring from two goroutines at once
// races on the shaper Fyne shares, which an earlier version did.
func TestWarmFontsLoadsEveryStyleWithoutRacing(t *testing.T) {
	for range 10 {
		test.NewTempApp(t) // a new app clears Fyne's font cache
		<-warmFonts(append(firstScreenStyles, fyne.TextStyle{Italic: true}))
	}
	// Loaded faces give the same measurements on the UI goroutine.
	for _, st := range firstScreenStyles {
		if sz := fyne.MeasureText("Aa"+MarkerSymbol, 14, st); sz.Width <= 0 || sz.Height <= 0 {
			t.Fatalf("style %+v measures %v after warming", st, sz)
		}
	}
}
