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

// RoB 2 domain names, in order.
var robDomains = []string{
	"D1 Randomisation process",
	"D2 Deviations from intended interventions",
	"D3 Missing outcome data",
	"D4 Measurement of the outcome",
	"D5 Selection of the reported result",
}

func newStudyDetail(p *pack.Pack, s *pack.Study, nav Navigator, win fyne.Window, openURL func(string)) *studyDetail {
	d := &studyDetail{p: p, s: s, nav: nav, win: win, openURL: openURL}
	box := container.NewVBox()
	add := func(objs ...fyne.CanvasObject) { box.Objects = append(box.Objects, objs...) }

	title := widget.NewRichText(&widget.TextSegment{Text: studytable.Cell(s, studytable.ColStudy), Style: widget.RichTextStyleHeading})
	cited := "Not cited by the article"
	if s.Cited {
		cited = "Cited by the article"
	}
	add(title, container.New(layout.NewRowWrapLayout(),
		chip(studytable.OutcomeLabel(s.Outcome), outcomeTint(s.Outcome)),
		chip("Verdict: "+studytable.VerdictLabel(s.Verdict), verdictColor(s.Verdict)),
		quietLabel(cited),
	))
	if s.Outcome == studytable.GroupMechanism {
		add(card(tintMechanism, para("This study measured a mechanism during exercise, not a change in fat. Read its result as a clue about how fat tissue responds, not as evidence of local fat loss.")))
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
	row("Participants", studytable.Population(s))
	if s.Population.Note != "" {
		row("About them", s.Population.Note)
	}
	row("Age", s.Population.Age)
	row("BMI", s.Population.BMI)
	row("Intervention", s.Intervention)
	row("Comparator", s.Comparator)
	row("Duration", s.Duration)
	row("Frequency", s.Frequency)
	row("Diet control", s.DietControl)
	row("Fat measure", strings.Join(s.FatMeasure, "; "))
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

func robColor(level string) color.Color {
	switch level {
	case "low":
		return tintGreen
	case "some-concerns":
		return tintAmber
	case "high":
		return tintRed
	}
	return tintGrey
}

// riskOfBias shows the traffic lights: a coloured circle and its level in
// words for each domain, with the reason.
func (d *studyDetail) riskOfBias() fyne.CanvasObject {
	r := d.s.RiskOfBias
	if r == nil {
		return para("No risk-of-bias assessment is recorded for this study.")
	}
	tool := r.Tool
	if tool == "" {
		tool = "RoB 2"
	}
	if !r.Applies {
		return card(tintReview, para(tool+" not applicable: "+r.Reason))
	}
	box := container.NewVBox()
	if r.Reason != "" {
		box.Add(hintLabel(r.Reason))
	}
	js := []pack.Judgement{r.D1, r.D2, r.D3, r.D4, r.D5, r.Overall}
	names := append(append([]string{}, robDomains...), "Overall")
	for i, j := range js {
		lvl := widget.NewLabel(studytable.RiskLabel(j.Level))
		lvl.TextStyle.Bold = true
		line := container.NewHBox(dot(robColor(j.Level)), lvl, widget.NewLabel(names[i]))
		box.Add(line)
		if j.Reason != "" {
			box.Add(container.New(layout.NewCustomPaddedLayout(0, 0, theme.TextSize()*1.5, 0), para(j.Reason)))
		}
	}
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
