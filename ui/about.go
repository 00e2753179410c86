package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// AboutContent is the About dialog's body: app version, pack id and
// version, editors, license, review dates, search date and disclaimer.
func (s *Shell) AboutContent() fyne.CanvasObject {
	version := s.opts.Version
	if version == "" {
		version = "dev"
	}
	box := container.NewVBox(widgets.Field("Evidence Reader", version))
	if p := s.Loaded.Pack; p != nil {
		m := p.Meta
		dash := func(v string) string {
			if v == "" {
				return "not given"
			}
			return v
		}
		box.Add(widget.NewSeparator())
		box.Add(widgets.Wrapped(dash(m.Title), widget.RichTextStyleStrong))
		box.Add(widgets.Field("Pack", dash(m.ID)))
		box.Add(widgets.Field("Version", dash(m.Version)))
		box.Add(widgets.Field("Opened from", s.openedFrom()))
		box.Add(widgets.Field("Editors", dash(strings.Join(m.Editors, ", "))))
		box.Add(widgets.Field("License", dash(m.License)))
		box.Add(widgets.Field("Last reviewed", dash(m.LastReviewed.String())))
		next := dash(m.NextReview.String())
		if p.Overdue(s.Now()) {
			next += " (overdue)"
		}
		box.Add(widgets.Field("Next review", next))
		box.Add(widgets.Field("Evidence searched to", dash(m.EvidenceSearchedTo.String())))
		box.Objects = append(box.Objects, s.provenance(p)...)
		if m.Disclaimer != "" {
			box.Add(widget.NewSeparator())
			box.Add(widgets.Wrapped(m.Disclaimer, widget.RichTextStyleParagraph))
		}
	}
	box.Add(widget.NewSeparator())
	box.Add(widgets.Wrapped("Evidence Reader works offline: it never fetches images or web pages. Web links open in your browser only after you confirm the address.", widget.RichTextStyleParagraph))
	return container.NewVScroll(box)
}

// ShowAbout shows the About dialog.
func (s *Shell) ShowAbout() {
	d := widgets.NewCloseDialog("About", s.AboutContent(), s.Win)
	d.Resize(fyne.NewSize(560, 560))
	d.Show()
}

// openedFrom says where the open pack was read from, and whether it is a
// copy in the library.
func (s *Shell) openedFrom() string {
	if e, ok := s.currentEntry(); ok {
		from := sourceText(e)
		if e.Copy {
			from += " (a copy in the library"
			if e.Original != "" {
				from += ", from " + e.Original
			}
			from += ")"
		}
		return from
	}
	return sourceText(entryFor(s.Loaded))
}
