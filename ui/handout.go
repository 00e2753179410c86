package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// PresentPack presents p's slides.md, or a deck generated from the pack
// when it has none. It is what F5 and the Present menu item call.
func PresentPack(a fyne.App, p *pack.Pack) *Presentation {
	slides, _ := cli.Deck(p)
	return Present(a, p, slides)
}

// handoutFormat picks the handout format from a file name: .md and
// .markdown give Markdown, anything else HTML.
func handoutFormat(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return cli.FormatMD
	}
	return cli.FormatHTML
}

// ExportHandout asks where to save p's handout and writes it there: HTML,
// or Markdown when the name ends in .md. It is the File → Export handout…
// menu item.
func ExportHandout(w fyne.Window, p *pack.Pack) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, w)
			return
		}
		if wc == nil {
			return // cancelled
		}
		path := wc.URI().Path()
		// The dialog has created the file; WriteHandout replaces it whole
		// (temporary file and rename), so a failure never leaves half a file.
		wc.Close()
		slides, _ := cli.Deck(p)
		if err := cli.WriteHandout(path, handoutFormat(path), p, slides); err != nil {
			dialog.ShowError(err, w)
			return
		}
		dialog.ShowInformation("Handout saved", fmt.Sprintf("The handout was saved to\n%s", path), w)
	}, w)
	name := "handout.html"
	if p.Meta.ID != "" {
		name = p.Meta.ID + "-handout.html"
	}
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".html", ".md"}))
	d.Show()
}
