package ui

import (
	"bytes"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/export"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// WriteHandout renders the pack's handout: Markdown when name ends in .md,
// else one self-contained HTML file. The pack's slides are used when it has
// slides.md, otherwise a generated deck.
func WriteHandout(p *pack.Pack, name string) ([]byte, error) {
	slides := deck.Generate(p)
	if p.Slides != nil {
		slides, _ = deck.Parse(p.Slides)
	}
	var b bytes.Buffer
	var err error
	if strings.HasSuffix(strings.ToLower(name), ".md") {
		err = export.Markdown(&b, p, slides)
	} else {
		err = export.HTML(&b, p, slides)
	}
	return b.Bytes(), err
}

// exportTitle is the handout dialog's title: it says how to choose the
// format.
const exportTitle = "Save handout: a name ending in .html (to print or share) or .md (Markdown)"

// ExportHandout asks where to save the handout and writes it.
func (s *Shell) ExportHandout() {
	if s.Loaded.Pack == nil || s.Loaded.Diags.HasErrors() {
		return
	}
	p := s.Loaded.Pack
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, s.Win)
			return
		}
		if w == nil {
			return
		}
		data, err := WriteHandout(p, w.URI().Name())
		if err == nil {
			_, err = w.Write(data)
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("the handout could not be saved: %w", err), s.Win)
			return
		}
		dialog.ShowInformation("Handout saved", "Saved to "+w.URI().Path(), s.Win)
	}, s.Win)
	name := p.Meta.ID
	if name == "" {
		name = "handout"
	}
	// Fyne's save dialog has no format menu: the name's extension picks
	// the format, and the title says so.
	d.SetTitleText(exportTitle)
	d.SetConfirmText("Save")
	d.SetFileName(name + "-handout.html")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".html", ".md"}))
	showFileDialog(d)
}
