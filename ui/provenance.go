package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/reader"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// aboutChanges is how many changelog entries About shows, newest first.
const aboutChanges = 5

// provenance is About's section beside the review dates: the pack's
// content hash, which tells two copies of a pack apart, and what changed
// in its latest versions, from changelog.md.
func (s *Shell) provenance(p *pack.Pack) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if p.Hash != "" {
		hash := widget.NewLabelWithStyle(p.Hash, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		hash.Selectable = true
		hash.Wrapping = fyne.TextWrapBreak
		out = append(out, widgets.Wrapped("Content hash", widget.RichTextStyleStrong), hash)
	}
	if len(p.Changelog) == 0 {
		return out
	}
	out = append(out, widgets.Wrapped("Changes", widget.RichTextStyleSubHeading))
	for i, e := range p.Changelog {
		if i == aboutChanges {
			out = append(out, widgets.Wrapped(fmt.Sprintf("…and %d earlier in changelog.md.", len(p.Changelog)-i), widget.RichTextStyleParagraph))
			break
		}
		head := e.Version
		if e.Date.Valid() {
			head += " — " + e.Date.String()
		}
		out = append(out, widgets.Wrapped(head, widget.RichTextStyleStrong))
		out = append(out, s.changeNotes(e))
	}
	return out
}

// changeNotes renders an entry's notes with the reader's renderer, so its
// links go through the link policy like the article's: the blocks the
// loader parsed, never a parse of its own on the UI goroutine.
func (s *Shell) changeNotes(e pack.ChangelogEntry) fyne.CanvasObject {
	if e.Doc == nil || len(e.Blocks) == 0 {
		return widgets.Wrapped(e.Notes, widget.RichTextStyleParagraph)
	}
	box := container.NewVBox()
	for _, b := range e.Blocks {
		box.Add(reader.RenderBlock(e.Doc, b, nil, reader.RenderOptions{OnLink: s.openLink}))
	}
	return box
}
