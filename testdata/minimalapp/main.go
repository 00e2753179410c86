// Command minimalapp is the comparison program for `make bench`: one Fyne
// window with one label, the same window size and the same bench hook as
// the reader. It lives under testdata so `go build ./...` skips it; the
// bench driver builds it by path in the same run as the app.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/ui/benchhook"
)

func main() {
	a := app.NewWithID("io.github.evidence_reader.BenchMinimal")
	w := a.NewWindow("Minimal")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1100, 750))
	benchhook.Attach(a, w, benchhook.Targets{})
	w.ShowAndRun()
}
