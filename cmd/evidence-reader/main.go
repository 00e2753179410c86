// Command evidence-reader opens the Evidence Reader window.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/icons"
	"github.com/evidence-reader/evidence-reader/internal/version"
)

func main() {
	a := app.NewWithID(version.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", icons.AppIcon))
	// The first window's title is the app name so that StartupWMClass matches.
	w := a.NewWindow(version.Name)
	w.SetContent(widget.NewLabel(version.Name + " " + version.String()))
	w.ShowAndRun()
}
