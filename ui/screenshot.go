package ui

import (
	"fmt"
	"image/png"
	"os"

	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// Screenshot renders one view of the reader to a PNG with Fyne's software
// renderer (headless.go), so it needs no display.
func Screenshot(l cli.Loaded, o cli.ScreenshotOptions) error {
	a := newHeadlessApp()
	defer a.Quit()
	w := a.NewWindow("Evidence Reader")
	// The theme is set before anything is built: Fyne's window system,
	// which would restyle what is on screen when the theme changes, is
	// never started.
	set, _ := loadSettings("")
	pset := set.For(packKeyOf(l))
	pset.Theme = o.Theme
	set.Set(packKeyOf(l), pset)
	// Nothing follows the pack: the window is done once the PNG is.
	s := newShell(a, w, l, cli.OpenOptions{Version: o.Version, NoLivePreview: true}, "", set, "", memoryLibrary())
	w.Resize(fyne.NewSize(float32(o.Width), float32(o.Height)))
	if !l.Diags.HasErrors() {
		switch o.View {
		case "search":
			if searchOpener == nil {
				return fmt.Errorf("this build has no search view")
			}
			s.GoView(reader.ViewArticle)
			s.OpenSearch()
			if o.Query != "" && searchTyper != nil {
				searchTyper(s.ctx, o.Query)
			}
		default:
			if !s.HasView(o.View) {
				return fmt.Errorf("this build has no %s view", o.View)
			}
			s.GoView(o.View)
		}
	}
	img := w.Canvas().Capture()
	// The folder is not made here: the command line refuses a missing one.
	f, err := os.Create(o.Out)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", o.Out, err)
	}
	return f.Close()
}

// searchTyper types a query into the open search palette and shows its
// results at once; set in views.go.
var searchTyper func(c *reader.Context, query string)
