package reader

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// studyDetail is one study's full record.
type studyDetail struct {
	p       *pack.Pack
	s       *pack.Study
	nav     Navigator
	win     fyne.Window
	openURL func(string)
	// citeButtons are the "cited in" back-links, kept for tests.
	citeButtons []*widget.Button
	refButton   *widget.Button
	root        fyne.CanvasObject
}

func newStudyDetail(p *pack.Pack, s *pack.Study, nav Navigator, win fyne.Window, openURL func(string)) *studyDetail {
	d := &studyDetail{p: p, s: s, nav: nav, win: win, openURL: openURL}
	box := container.NewVBox()
	add := func(objs ...fyne.CanvasObject) { box.Objects = append(box.Objects, objs...) }

	v := p.Vocab()
	title := widget.NewRichText(&widget.TextSegment{Text: studytable.Cell(v, s, studytable.ColStudy), Style: widget.RichTextStyleHeading})
	cited := "Not cited by the article"
	if s.Cited {
		cited = "Cited by the article"
	}
	add(title, container.New(widgets.NewFlowLayout(),
		chip(v.Outcome(s.Outcome).Label, outcomeTint(v, s.Outcome)),
		chip("Verdict: "+v.VerdictLabel(s.Verdict), verdictColor(s.Verdict)),
		quietLabel(cited),
	))
	// The pack's caution for this kind of result (for mechanism studies:
	// not an answer to the question).
	if note := v.Outcome(s.Outcome).RecordNote; note != "" {
		add(card(outcomeTint(v, s.Outcome), para(note)))
	}
	if s.VerdictNote != "" {
		add(para(s.VerdictNote))
	}

	add(heading("Design and participants"))
	form := container.New(layout.NewFormLayout())
	row := func(k, val string) {
		if val == "" {
			val = "not reported"
		}
		form.Add(keyLabel(k))
		form.Add(para(val))
	}
	row("Design", s.Design)
	row("Participants", studytable.Population(v, s))
	if s.Population.Note != "" {
		row("About them", s.Population.Note)
	}
	// Age and BMI only when some study in the pack reports them.
	if v.AgeReported() {
		row("Age", s.Population.Age)
	}
	if v.BMIReported() {
		row("BMI", s.Population.BMI)
	}
	row("Intervention", s.Intervention)
	row("Comparator", s.Comparator)
	row("Duration", s.Duration)
	row("Frequency", s.Frequency)
	if v.ControlUsed() {
		row(v.ControlLabel(), s.Control)
	}
	if v.MeasureUsed() {
		row(v.MeasureLabel(), strings.Join(s.Measure, "; "))
	}
	add(form)

	if len(s.Results) > 0 {
		add(heading("Results"), bullets(s.Results))
	}
	if s.Conclusion != "" {
		add(heading("Authors' conclusion"), para(s.Conclusion))
	}
	if len(s.Limitations) > 0 || s.KeyLimitation != "" {
		add(heading("Limitations"))
		if s.KeyLimitation != "" {
			add(strongPara("Key limitation: " + s.KeyLimitation))
		}
		add(bullets(s.Limitations))
	}
	add(heading("Risk of bias"), d.riskOfBias())
	if len(s.Discrepancies) > 0 {
		add(heading("Where the article and the sources differ"))
		for _, x := range s.Discrepancies {
			add(discrepancyCard(x))
		}
	}
	if len(s.Sources) > 0 {
		add(heading("Sources"))
		for _, src := range s.Sources {
			add(d.source(src))
		}
	}
	add(heading("Where the article cites it"), d.citedIn())
	add(heading("Reference"), d.reference())
	d.root = container.NewPadded(box)
	return d
}

func (d *studyDetail) Object() fyne.CanvasObject { return d.root }

func ratingColor(r pack.Rating) color.Color {
	switch r {
	case pack.RatingGood:
		return tintGreen
	case pack.RatingFair:
		return tintAmber
	case pack.RatingPoor:
		return tintRed
	}
	return tintGrey
}

// riskOfBias shows the traffic lights: a coloured circle and its level in
// words for each of the tool's domains, with the reason, then the overall
// judgement.
func (d *studyDetail) riskOfBias() fyne.CanvasObject {
	r := d.s.RiskOfBias
	if r == nil {
		return para("No risk-of-bias assessment is recorded for this study.")
	}
	tool := r.ToolName()
	if !r.Applies {
		return card(tintReview, para(tool+" not applicable: "+r.Reason))
	}
	box := container.NewVBox()
	t := r.ToolInfo()
	// RoB 2 was the only tool of the first format: the others are named.
	hint := r.Reason
	if t != pack.RoB2 {
		hint = strings.TrimSuffix("Assessed with "+tool+". "+hint, " ")
	}
	if hint != "" {
		box.Add(hintLabel(hint))
	}
	// line shows one light; spoken is how a screen reader reads it.
	line := func(l pack.RoBLevel, name, reason, spoken string) {
		lvl := widget.NewLabel(l.Label)
		lvl.TextStyle.Bold = true
		row := container.NewHBox(dot(ratingColor(l.Rating)), lvl, widget.NewLabel(name))
		box.Add(widgets.NewLabelled(row, fyne.AccessibleRoleText, func() string { return spoken }))
		if reason != "" {
			box.Add(container.New(layout.NewCustomPaddedLayout(0, 0, theme.TextSize()*1.5, 0), para(reason)))
		}
	}
	for _, j := range r.Judgements() {
		line(j.Level, j.Domain.Code()+" "+j.Domain.Name, j.Reason, widgets.RiskLabel(t, j.Domain, j.Level, j.Reason))
	}
	overall := "Overall"
	if t != nil {
		overall = t.OverallName
	}
	line(r.OverallLevel(), overall, r.Overall.Reason, widgets.OverallRiskLabel(t, r.OverallLevel(), r.Overall.Reason))
	return box
}

func discrepancyCard(x pack.Discrepancy) fyne.CanvasObject {
	form := container.New(layout.NewFormLayout())
	add := func(k, v string) {
		if v == "" {
			return
		}
		form.Add(keyLabel(k))
		form.Add(para(v))
	}
	add("Article says", x.Article)
	add("Source says", x.Source)
	add("Which source", x.SourceName)
	add("Note", x.Note)
	field := x.Field
	if field == "" {
		field = "detail"
	}
	return card(tintDiffers, container.NewVBox(
		strongPara("⚠ Differs: "+field),
		form,
	))
}

func confidenceColor(c string) color.Color {
	switch c {
	case "high":
		return tintGreen
	case "medium":
		return tintAmber
	case "low", "conflict":
		return tintRed
	}
	return tintGrey
}

func (d *studyDetail) source(src pack.Source) fyne.CanvasObject {
	conf := src.Confidence
	if conf == "" {
		conf = "unknown"
	}
	box := container.NewVBox(
		container.NewBorder(nil, nil, chip("Confidence: "+conf, confidenceColor(src.Confidence)), nil, strongPara(src.Where)),
		para(src.Facts),
	)
	if src.URL != "" {
		u := src.URL
		b := widget.NewButtonWithIcon(shorten(u, 60), theme.ComputerIcon(), func() { d.openURL(u) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		box.Add(container.NewHBox(b))
	}
	return box
}

// citedIn lists every citation of the study's reference as a back-link
// into the article.
func (d *studyDetail) citedIn() fyne.CanvasObject {
	cs := d.p.CitationsOf(d.s.Ref)
	if len(cs) == 0 {
		return para("The article does not cite this study; the editors added it for context.")
	}
	box := container.NewVBox()
	for _, c := range cs {
		b := widget.NewButtonWithIcon(citationLabel(d.p.Article, c), theme.NavigateNextIcon(), func() {
			d.nav.Go(Location{View: ViewArticle, Block: c.Block, Highlight: true})
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		d.citeButtons = append(d.citeButtons, b)
		box.Add(b)
	}
	return box
}

// citationLabel is "Section title: “citation text”".
func citationLabel(a *doc.Document, c *doc.Citation) string {
	where := "Before the first heading"
	if a != nil && c.Section >= 0 && c.Section < len(a.Sections) {
		where = a.Sections[c.Section].Title
	}
	return fmt.Sprintf("%s: “%s”", shorten(where, 40), shorten(c.Text, 50))
}

// shorten cuts s to at most n runes, ending in an ellipsis, so a button
// label never forces the window wider.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func (d *studyDetail) reference() fyne.CanvasObject {
	r, ok := d.p.Reference(d.s.Ref)
	if !ok {
		return para("No reference is recorded for this study.")
	}
	ref := r.ID
	d.refButton = widget.NewButtonWithIcon("Go to reference", theme.NavigateNextIcon(), func() {
		d.nav.Go(Location{View: ViewReferences, Block: -1, Ref: ref, Highlight: true})
	})
	return container.NewVBox(referenceText(r), container.NewHBox(d.refButton))
}
