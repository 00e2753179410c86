package reader

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// FormatReference formats a reference in APA 7 style as plain text.
func FormatReference(r *pack.Reference) string { return cite.APA(*r) }

// ReferenceText renders a reference in APA 7 style with the journal and
// volume in italics, wrapping.
func ReferenceText(r *pack.Reference) *widget.RichText {
	var segs []widget.RichTextSegment
	for _, s := range cite.APASegments(*r) {
		st := widget.RichTextStyleInline
		st.TextStyle.Italic = s.Italic
		segs = append(segs, &widget.TextSegment{Text: s.Text, Style: st})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// ReferenceDetails builds the panel shown for a citation or a reference:
// the formatted reference, DOI/PubMed links, the study's row and verdict,
// the article's discrepancies for it, "cited in" back-links and jumps to
// the study and reference views. cite may be nil.
func ReferenceDetails(ctx *Context, ids []string, c *doc.Citation) fyne.CanvasObject {
	box := container.NewVBox()
	if c != nil {
		lead := widget.NewRichText(&widget.TextSegment{Text: "Citation “" + c.Text + "”", Style: widget.RichTextStyleSubHeading})
		lead.Wrapping = fyne.TextWrapWord
		box.Add(lead)
	}
	for i, id := range ids {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(referenceBlock(ctx, id, c))
	}
	return box
}

func referenceBlock(ctx *Context, id string, at *doc.Citation) fyne.CanvasObject {
	p := ctx.Pack
	box := container.NewVBox()
	r, ok := p.Reference(id)
	if !ok {
		box.Add(widgets.Wrapped(fmt.Sprintf("No reference with the id %q is in this pack.", id), widget.RichTextStyleParagraph))
		return box
	}
	box.Add(ReferenceText(r))
	var buttons []fyne.CanvasObject
	if u := cite.DOIURL(*r); u != "" {
		buttons = append(buttons, widget.NewButtonWithIcon("DOI", theme.ComputerIcon(), func() { ctx.OpenLink(u) }))
	}
	if u := cite.PubMedURL(*r); u != "" {
		buttons = append(buttons, widget.NewButtonWithIcon("PubMed", theme.ComputerIcon(), func() { ctx.OpenLink(u) }))
	}
	copyBtn := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(FormatReference(r))
	})
	buttons = append(buttons, copyBtn)
	box.Add(container.NewHBox(buttons...))
	if ctx.HasView != nil && ctx.HasView(ViewReferences) {
		box.Add(container.NewHBox(widget.NewButtonWithIcon("Go to reference", theme.NavigateNextIcon(), func() {
			ctx.Nav.Go(Location{View: ViewReferences, Block: -1, Ref: id, Highlight: true})
		})))
	}
	if st, ok := p.StudyForRef(id); ok {
		box.Add(studyRow(ctx, st, at))
	}
	cites := p.CitationsOf(id)
	if len(cites) > 0 {
		box.Add(widgets.Wrapped("Cited in the article", widget.RichTextStyleStrong))
		for _, c := range cites {
			c := c
			where := "Before the first heading"
			if c.Section >= 0 && c.Section < len(p.Article.Sections) {
				where = p.Article.Sections[c.Section].Title
			}
			label := "§ " + where + " — “" + c.Text + "”"
			if at != nil && c.Index == at.Index {
				label += " (here)"
			}
			// A wrapping link, not a button: long section titles must not
			// widen the panel.
			h := widget.NewHyperlink(label, nil)
			h.Wrapping = fyne.TextWrapWord
			h.OnTapped = func() {
				ctx.Nav.Go(Location{View: ViewArticle, Block: c.Block, Highlight: true})
			}
			box.Add(h)
		}
	}
	return box
}

// VerdictText spells a verdict out in the pack's words, so it never
// depends on colour alone.
func VerdictText(v *pack.Vocabulary, verdict string) string {
	if verdict == "" {
		return "No verdict"
	}
	return v.VerdictPhrase(verdict)
}

func studyRow(ctx *Context, st *pack.Study, at *doc.Citation) fyne.CanvasObject {
	voc := ctx.Pack.Vocab()
	box := container.NewVBox(widget.NewSeparator(), widgets.Wrapped("Study: "+st.Label, widget.RichTextStyleStrong))
	n := "not reported"
	if st.Population.N > 0 {
		n = voc.Count(st.Population.N)
	}
	if st.Population.Sex != "" {
		n += ", " + st.Population.Sex
	}
	box.Add(widgets.Field("Design", st.Design))
	box.Add(widgets.Field("Participants", n))
	if st.Duration != "" {
		box.Add(widgets.Field("Duration", st.Duration))
	}
	if st.Outcome != "" {
		box.Add(widgets.Field("Outcome", voc.Outcome(st.Outcome).Label))
	}
	verdict := VerdictText(voc, st.Verdict)
	if st.VerdictNote != "" {
		verdict += ". " + st.VerdictNote
	}
	box.Add(widgets.Field("Verdict", verdict))
	if st.KeyLimitation != "" {
		box.Add(widgets.Field("Key limitation", st.KeyLimitation))
	}
	for _, d := range st.Discrepancies {
		if at != nil && d.Anchor != "" && !strings.Contains(at.Text, d.Anchor) && !strings.Contains(d.Anchor, at.Text) {
			continue
		}
		box.Add(DiscrepancyDetails(d))
	}
	if ctx.HasView != nil && ctx.HasView(ViewStudies) {
		id := st.ID
		box.Add(widget.NewButtonWithIcon("Open the study", theme.NavigateNextIcon(), func() {
			ctx.Nav.Go(Location{View: ViewStudies, Block: -1, Study: id, Highlight: true})
		}))
	}
	return box
}

// DiscrepancyDetails explains both sides of a discrepancy.
func DiscrepancyDetails(d pack.Discrepancy) fyne.CanvasObject {
	head := widget.RichTextStyleStrong
	head.ColorName = theme.ColorNameWarning
	title := MarkerSymbol + " The article differs from its source"
	if d.Field != "" {
		title += " (" + d.Field + ")"
	}
	box := container.NewVBox(widgets.Wrapped(title, head))
	box.Add(widgets.Field("Article says", d.Article))
	src := "Source says"
	if d.SourceName != "" {
		src = d.SourceName + " says"
	}
	box.Add(widgets.Field(src, d.Source))
	if d.Note != "" {
		box.Add(widgets.Field("Note", d.Note))
	}
	return box
}
