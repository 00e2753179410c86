package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// referenceText renders a reference in APA style with the journal in italics.
func referenceText(r *pack.Reference) *widget.RichText {
	var names []string
	for _, n := range r.Author {
		switch {
		case n.Literal != "":
			names = append(names, n.Literal)
		case n.Given != "":
			var ini []string
			for _, g := range strings.Fields(n.Given) {
				rs := []rune(g)
				ini = append(ini, string(rs[0])+".")
			}
			names = append(names, n.Family+", "+strings.Join(ini, " "))
		default:
			names = append(names, n.Family)
		}
	}
	authors := strings.Join(names, ", ")
	if len(names) > 1 {
		authors = strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
	}
	year := "n.d."
	if r.Issued != nil && r.Issued.Year() > 0 {
		year = strconv.Itoa(r.Issued.Year())
	}
	plain := widget.RichTextStyleInline
	ital := widget.RichTextStyleInline
	ital.TextStyle = fyne.TextStyle{Italic: true}
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: authors + " (" + year + "). " + r.Title + ". ", Style: plain}}
	if r.ContainerTitle != "" {
		segs = append(segs, &widget.TextSegment{Text: r.ContainerTitle, Style: ital})
		tail := ""
		if r.Volume != "" {
			segs = append(segs, &widget.TextSegment{Text: ", ", Style: plain}, &widget.TextSegment{Text: r.Volume, Style: ital})
		}
		if r.Issue != "" {
			tail += "(" + r.Issue + ")"
		}
		if r.Page != "" {
			tail += ", " + r.Page
		}
		segs = append(segs, &widget.TextSegment{Text: tail + ".", Style: plain})
	}
	if r.DOI != "" {
		segs = append(segs, &widget.TextSegment{Text: " https://doi.org/" + r.DOI, Style: plain})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
