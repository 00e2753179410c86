package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Run with -race (make test does): measuring from two goroutines at once
// races on the shaper Fyne shares, which an earlier version did. Each new
// app clears Fyne's font cache, so every round loads the faces again.
func TestWarmFontsFinishesWithoutRacing(t *testing.T) {
	for range 10 {
		test.NewTempApp(t)
		select {
		case <-warmFonts(append(firstScreenStyles, fyne.TextStyle{Italic: true})):
		case <-time.After(20 * time.Second):
			t.Fatal("warmFonts did not finish within 20 s")
		}
	}
}
