// Package export writes a pack as a handout: one self-contained HTML file
// (inline CSS, no scripts, nothing loaded from anywhere) or one Markdown file
// for editing. Both hold the pack's dates and disclaimer, the article, the
// study comparison and records, the limitations, the guidance, the
// references and the slides with their notes.
package export

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

const dateLayout = "2 January 2006"

// handout holds what both exporters need.
type handout struct {
	p       *pack.Pack
	slides  []deck.Slide
	md      *mdRenderer
	cited   map[string]bool // reference ids the article cites
	studyBy map[string]*pack.Study
}

func newHandout(p *pack.Pack, slides []deck.Slide) *handout {
	h := &handout{
		p:       p,
		slides:  slides,
		md:      &mdRenderer{refs: map[string]pack.Reference{}, studies: map[string]bool{}},
		cited:   map[string]bool{},
		studyBy: map[string]*pack.Study{},
	}
	for _, r := range p.References {
		h.md.refs[r.ID] = r
	}
	h.md.parts = map[string]bool{}
	for _, part := range h.parts() {
		h.md.parts[part[0]] = true
	}
	for i := range p.Studies {
		h.md.studies[p.Studies[i].ID] = true
		h.studyBy[p.Studies[i].ID] = &p.Studies[i]
	}
	if p.Article != nil {
		for _, c := range p.Article.Citations {
			for _, k := range c.Keys {
				h.cited[k] = true
			}
		}
	}
	return h
}

// HTML writes the handout as one self-contained HTML file.
func HTML(w io.Writer, p *pack.Pack, slides []deck.Slide) error {
	h := newHandout(p, slides)
	var b bytes.Buffer
	if err := h.writeHTML(&b); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

var e = html.EscapeString

func (h *handout) writeHTML(b *bytes.Buffer) error {
	m := h.p.Meta
	title := m.Title
	if title == "" {
		title = "Evidence pack"
	}
	lang := m.Language
	if lang == "" {
		lang = "en"
	}
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", e(lang))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(b, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", e(title), css)

	b.WriteString("<header id=\"top\">\n")
	fmt.Fprintf(b, "<h1>%s</h1>\n", e(title))
	if m.Subtitle != "" {
		fmt.Fprintf(b, "<p class=\"subtitle\">%s</p>\n", e(m.Subtitle))
	}
	h.writeDates(b)
	h.writeOrigin(b)
	if m.Disclaimer != "" {
		fmt.Fprintf(b, "<p class=\"disclaimer\"><strong>Disclaimer.</strong> %s</p>\n", e(m.Disclaimer))
	}
	b.WriteString("<nav><h2>Contents</h2><ol>\n")
	for _, part := range h.parts() {
		fmt.Fprintf(b, "<li><a href=\"#%s\">%s</a></li>\n", part[0], e(part[1]))
	}
	b.WriteString("</ol></nav>\n</header>\n<main>\n")

	if src := stripFront(h.p.Sources[pack.FileArticle]); len(bytes.TrimSpace(src)) > 0 {
		b.WriteString("<section id=\"article\" class=\"part first\">\n")
		out, err := h.md.render(src, "article-", 1)
		if err != nil {
			return fmt.Errorf("%s: %w", pack.FileArticle, err)
		}
		b.Write(out)
		b.WriteString("</section>\n")
	}
	if len(h.p.Studies) > 0 {
		b.WriteString("<section id=\"studies\" class=\"part\">\n<h2>Studies compared</h2>\n")
		h.writeCompare(b, h.p.Studies, false)
		h.writeRoBTable(b, h.p.Studies)
		b.WriteString("<h2 class=\"records\">Study records</h2>\n")
		for i := range h.p.Studies {
			h.writeStudy(b, &h.p.Studies[i])
		}
		b.WriteString("</section>\n")
	}
	for _, doc := range []struct{ file, id, title string }{
		{pack.FileLimitations, "limitations", "Limitations"},
		{pack.FileGuidance, "guidance", "Guidance"},
	} {
		src := stripFront(h.p.Sources[doc.file])
		if len(bytes.TrimSpace(src)) == 0 {
			continue
		}
		fmt.Fprintf(b, "<section id=\"%s\" class=\"part\">\n", doc.id)
		if !startsWithH1(src) {
			fmt.Fprintf(b, "<h2>%s</h2>\n", doc.title)
		}
		out, err := h.md.render(src, doc.id+"-", 1)
		if err != nil {
			return fmt.Errorf("%s: %w", doc.file, err)
		}
		b.Write(out)
		b.WriteString("</section>\n")
	}
	if len(h.p.References) > 0 {
		b.WriteString("<section id=\"references\" class=\"part\">\n<h2>References</h2>\n<ol class=\"refs\">\n")
		for _, r := range h.p.References {
			h.writeReference(b, r)
		}
		b.WriteString("</ol>\n</section>\n")
	}
	if len(h.slides) > 0 {
		if err := h.writeSlides(b); err != nil {
			return err
		}
	}
	b.WriteString("</main>\n<footer>\n")
	h.writeDates(b)
	if h.p.Hash != "" {
		// So an educator can tell two copies of a pack apart on paper.
		fmt.Fprintf(b, "<p class=\"hash\">Pack content hash: <code>%s</code></p>\n", e(h.p.Hash))
	}
	if m.Disclaimer != "" {
		fmt.Fprintf(b, "<p class=\"disclaimer\">%s</p>\n", e(m.Disclaimer))
	}
	b.WriteString("</footer>\n</body>\n</html>\n")
	return nil
}

// parts lists the handout's parts present in this pack, as (id, title).
func (h *handout) parts() [][2]string {
	var out [][2]string
	if len(bytes.TrimSpace(stripFront(h.p.Sources[pack.FileArticle]))) > 0 {
		out = append(out, [2]string{"article", "Article"})
	}
	if len(h.p.Studies) > 0 {
		out = append(out, [2]string{"studies", "Studies compared"})
	}
	if len(bytes.TrimSpace(stripFront(h.p.Sources[pack.FileLimitations]))) > 0 {
		out = append(out, [2]string{"limitations", "Limitations"})
	}
	if len(bytes.TrimSpace(stripFront(h.p.Sources[pack.FileGuidance]))) > 0 {
		out = append(out, [2]string{"guidance", "Guidance"})
	}
	if len(h.p.References) > 0 {
		out = append(out, [2]string{"references", "References"})
	}
	if len(h.slides) > 0 {
		out = append(out, [2]string{"slides", "Slides and speaker notes"})
	}
	return out
}

func startsWithH1(src []byte) bool {
	s := strings.TrimLeft(string(src), " \t\r\n")
	return strings.HasPrefix(s, "# ")
}

func (h *handout) writeDates(b *bytes.Buffer) {
	m := h.p.Meta
	var rows [][2]string
	if !m.LastReviewed.IsZero() {
		rows = append(rows, [2]string{"Page last reviewed", m.LastReviewed.Format(dateLayout)})
	}
	if !m.NextReview.IsZero() {
		rows = append(rows, [2]string{"Next review due", m.NextReview.Format(dateLayout)})
	}
	if !m.EvidenceSearchedTo.IsZero() {
		rows = append(rows, [2]string{"Evidence searched to", m.EvidenceSearchedTo.Format(dateLayout)})
	}
	if m.Version != "" {
		rows = append(rows, [2]string{"Pack version", m.Version})
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("<dl class=\"dates\">\n")
	for _, r := range rows {
		fmt.Fprintf(b, "<div><dt>%s</dt><dd>%s</dd></div>\n", r[0], e(r[1]))
	}
	b.WriteString("</dl>\n")
}

func (h *handout) writeOrigin(b *bytes.Buffer) {
	m := h.p.Meta
	o := m.Source
	if o.Title == "" && len(m.Editors) == 0 {
		return
	}
	b.WriteString("<p class=\"origin\">")
	if o.Title != "" {
		b.WriteString("Based on ")
		if isHTTP(o.URL) {
			fmt.Fprintf(b, "<a href=\"%s\">%s</a>", e(o.URL), e(o.Title))
		} else {
			fmt.Fprintf(b, "<cite>%s</cite>", e(o.Title))
		}
		if o.Author != "" {
			fmt.Fprintf(b, " by %s", e(o.Author))
		}
		if o.Publisher != "" {
			fmt.Fprintf(b, " (%s)", e(o.Publisher))
		}
		if !o.Retrieved.IsZero() {
			fmt.Fprintf(b, ", retrieved %s", o.Retrieved.Format(dateLayout))
		}
		b.WriteString(". ")
	}
	if len(m.Editors) > 0 {
		fmt.Fprintf(b, "Edited by %s. ", e(strings.Join(m.Editors, ", ")))
	}
	if m.License != "" {
		fmt.Fprintf(b, "Licence: %s", e(endSentence(m.License)))
	}
	b.WriteString("</p>\n")
}

// outcomeClass is the CSS class that marks mechanism and body-composition rows.
func outcomeClass(o string) string {
	switch o {
	case "mechanism", "body-composition", "review":
		return "o-" + o
	}
	return "o-other"
}

func orNR(s string) string {
	if strings.TrimSpace(s) == "" {
		return "Not reported"
	}
	return s
}

func population(pp pack.Population) string {
	var parts []string
	if pp.N > 0 {
		parts = append(parts, fmt.Sprintf("n = %d", pp.N))
	} else {
		parts = append(parts, "n not reported")
	}
	if pp.Sex != "" {
		parts = append(parts, pp.Sex)
	}
	s := strings.Join(parts, ", ")
	if pp.Note != "" {
		s += " (" + pp.Note + ")"
	}
	return s
}

const indirectNote = "Mechanism studies measure fat breakdown or blood flow near a working muscle during one session. " +
	"They do not measure fat loss over weeks, so on their own they cannot show that spot reduction works " +
	"(in GRADE terms the evidence is indirect). Body-composition studies measure regional fat over a training period."

// writeCompare writes the comparison table for studies. The compact form,
// for slides, keeps the columns that still read at slide size.
func (h *handout) writeCompare(b *bytes.Buffer, studies []pack.Study, compact bool) {
	type column struct {
		head    string
		compact bool
		cell    func(s pack.Study) string
	}
	cols := []column{
		{"Study", true, func(s pack.Study) string {
			c := fmt.Sprintf("<a href=\"#study-%s\">%s</a>", e(s.ID), e(s.Label))
			if !s.Cited {
				c += " <span class=\"tag\">not cited in the article</span>"
			}
			return c
		}},
		{"Design", true, func(s pack.Study) string { return e(orNR(s.Design)) }},
		{"Participants", true, func(s pack.Study) string { return e(population(s.Population)) }},
		{"Intervention", false, func(s pack.Study) string { return e(orNR(s.Intervention)) }},
		{"Duration", false, func(s pack.Study) string { return e(orNR(s.Duration)) }},
		{"Diet control", false, func(s pack.Study) string { return e(orNR(s.DietControl)) }},
		{"Fat measure", false, func(s pack.Study) string { return e(orNR(strings.Join(s.FatMeasure, ", "))) }},
		{"Outcome type", true, func(s pack.Study) string {
			return fmt.Sprintf("<span class=\"badge %s\">%s</span>", outcomeClass(s.Outcome), e(deck.OutcomeLabel(s.Outcome)))
		}},
		{"Local fat loss?", true, func(s pack.Study) string { return e(deck.VerdictLabel(s.Verdict)) }},
		{"Key limitation", true, func(s pack.Study) string { return e(orNR(s.KeyLimitation)) }},
	}
	class := "compare"
	if compact {
		class += " compact"
	}
	fmt.Fprintf(b, "<table class=\"%s\">\n<thead><tr>", class)
	for _, c := range cols {
		if c.compact || !compact {
			fmt.Fprintf(b, "<th>%s</th>", c.head)
		}
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, s := range studies {
		fmt.Fprintf(b, "<tr class=\"%s\">", outcomeClass(s.Outcome))
		for _, c := range cols {
			if c.compact || !compact {
				fmt.Fprintf(b, "<td>%s</td>", c.cell(s))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	fmt.Fprintf(b, "<p class=\"note\"><strong>Outcome types.</strong> %s</p>\n", e(indirectNote))
}

var robDomains = []string{
	"Randomisation process",
	"Deviations from intended interventions",
	"Missing outcome data",
	"Measurement of the outcome",
	"Selection of the reported result",
	"Overall",
}

func robJudgements(r *pack.RiskOfBias) []pack.Judgement {
	return []pack.Judgement{r.D1, r.D2, r.D3, r.D4, r.D5, r.Overall}
}

// light renders a risk-of-bias level as a traffic light with a symbol and
// words, so it reads in black and white too.
func light(level string) string {
	sym, word := "?", "Not reported"
	switch level {
	case "low":
		sym, word = "+", "Low"
	case "some-concerns":
		sym, word = "!", "Some concerns"
	case "high":
		sym, word = "×", "High"
	}
	return fmt.Sprintf("<span class=\"light l-%s\"><span class=\"dot\">%s</span> %s</span>", e(level), sym, word)
}

// writeRoBTable writes the traffic-light summary for studies with a RoB judgement.
func (h *handout) writeRoBTable(b *bytes.Buffer, studies []pack.Study) {
	has := false
	for _, s := range studies {
		if s.RiskOfBias != nil {
			has = true
		}
	}
	if !has {
		return
	}
	b.WriteString("<table class=\"rob\">\n<caption>Risk of bias (RoB 2)</caption>\n<thead><tr><th>Study</th>")
	for i, d := range robDomains {
		if i < 5 {
			fmt.Fprintf(b, "<th title=\"%s\">D%d</th>", e(d), i+1)
		} else {
			b.WriteString("<th>Overall</th>")
		}
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, s := range studies {
		r := s.RiskOfBias
		if r == nil {
			continue
		}
		fmt.Fprintf(b, "<tr><td><a href=\"#study-%s\">%s</a></td>", e(s.ID), e(s.Label))
		if !r.Applies {
			fmt.Fprintf(b, "<td colspan=\"6\" class=\"na\">Not assessed with RoB 2: %s</td></tr>\n", e(orNR(r.Reason)))
			continue
		}
		for _, j := range robJudgements(r) {
			fmt.Fprintf(b, "<td>%s</td>", light(j.Level))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n<p class=\"note\">")
	for i, d := range robDomains[:5] {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(b, "D%d %s", i+1, e(d))
	}
	b.WriteString(".</p>\n")
}

func (h *handout) writeStudy(b *bytes.Buffer, s *pack.Study) {
	fmt.Fprintf(b, "<article class=\"study %s\" id=\"study-%s\">\n<h3>%s</h3>\n", outcomeClass(s.Outcome), e(s.ID), e(s.Label))
	fmt.Fprintf(b, "<p><span class=\"badge %s\">%s</span>", outcomeClass(s.Outcome), e(deck.OutcomeLabel(s.Outcome)))
	if r, ok := h.md.refs[s.Ref]; ok {
		fmt.Fprintf(b, " Reference: <a href=\"#ref-%s\">%s</a>", e(r.ID), e(shortCite(r)))
	}
	b.WriteString("</p>\n<dl class=\"fields\">\n")
	for _, f := range [][2]string{
		{"Design", s.Design},
		{"Participants", population(s.Population)},
		{"Age", s.Population.Age},
		{"BMI", s.Population.BMI},
		{"Intervention", s.Intervention},
		{"Comparator", s.Comparator},
		{"Duration", s.Duration},
		{"Frequency", s.Frequency},
		{"Diet control", s.DietControl},
		{"Fat measure", strings.Join(s.FatMeasure, ", ")},
	} {
		if f[1] == "" && (f[0] == "Age" || f[0] == "BMI") {
			continue
		}
		fmt.Fprintf(b, "<div><dt>%s</dt><dd>%s</dd></div>\n", f[0], e(orNR(f[1])))
	}
	b.WriteString("</dl>\n")
	list(b, "Results", s.Results)
	if s.Conclusion != "" {
		fmt.Fprintf(b, "<h4>Conclusion</h4>\n<p>%s</p>\n", e(s.Conclusion))
	}
	fmt.Fprintf(b, "<h4>Local fat loss?</h4>\n<p><strong>%s.</strong> %s</p>\n", e(deck.VerdictLabel(s.Verdict)), e(s.VerdictNote))
	list(b, "Limitations", s.Limitations)
	if r := s.RiskOfBias; r != nil {
		tool := r.Tool
		if tool == "" {
			tool = "RoB 2"
		}
		fmt.Fprintf(b, "<h4>Risk of bias (%s)</h4>\n", e(tool))
		if !r.Applies {
			fmt.Fprintf(b, "<p>Not assessed: %s</p>\n", e(orNR(r.Reason)))
		} else {
			b.WriteString("<table class=\"rob-detail\">\n<thead><tr><th>Domain</th><th>Judgement</th><th>Reason</th></tr></thead>\n<tbody>\n")
			for i, j := range robJudgements(r) {
				fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(robDomains[i]), light(j.Level), e(j.Reason))
			}
			b.WriteString("</tbody>\n</table>\n")
		}
	}
	if len(s.Discrepancies) > 0 {
		b.WriteString("<h4>Where the article and the sources differ</h4>\n<table class=\"disc\">\n<thead><tr><th>Fact</th><th>The article says</th><th>The source says</th><th>Note</th></tr></thead>\n<tbody>\n")
		for _, d := range s.Discrepancies {
			src := d.Source
			if d.SourceName != "" {
				src += " (" + d.SourceName + ")"
			}
			fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(d.Field), e(d.Article), e(src), e(d.Note))
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	if len(s.Sources) > 0 {
		b.WriteString("<h4>Sources</h4>\n<ul class=\"sources\">\n")
		for _, src := range s.Sources {
			fmt.Fprintf(b, "<li><span class=\"conf c-%s\">%s confidence</span> %s", e(src.Confidence), e(orNR(capital(src.Confidence))), e(src.Facts))
			if src.Where != "" {
				fmt.Fprintf(b, ": %s", e(src.Where))
			}
			if isHTTP(src.URL) {
				fmt.Fprintf(b, " <a href=\"%s\">%s</a>", e(src.URL), e(src.URL))
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</article>\n")
}

func capital(s string) string {
	if s == "" {
		return s
	}
	s = strings.ReplaceAll(s, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func list(b *bytes.Buffer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "<h4>%s</h4>\n<ul>\n", title)
	for _, it := range items {
		fmt.Fprintf(b, "<li>%s</li>\n", e(it))
	}
	b.WriteString("</ul>\n")
}

// refLinks returns the DOI, PubMed and URL links of a reference.
func refLinks(r pack.Reference) [][2]string {
	var out [][2]string
	if u := doiURL(r.DOI); u != "" {
		out = append(out, [2]string{u, u})
	}
	if u := pubmedURL(r.PMID); u != "" {
		out = append(out, [2]string{u, "PubMed " + strings.TrimSpace(r.PMID)})
	}
	if r.DOI == "" && isHTTP(r.URL) {
		out = append(out, [2]string{r.URL, r.URL})
	}
	return out
}

func (h *handout) writeReference(b *bytes.Buffer, r pack.Reference) {
	fmt.Fprintf(b, "<li id=\"ref-%s\">%s", e(r.ID), e(referenceText(r)))
	for _, l := range refLinks(r) {
		fmt.Fprintf(b, " <a href=\"%s\">%s</a>", e(l[0]), e(l[1]))
	}
	if ap := r.Custom.AsPrinted; ap != "" && ap != referenceText(r) {
		fmt.Fprintf(b, "<br><span class=\"asprinted\">As printed in the article: %s</span>", e(ap))
	}
	if !h.cited[r.ID] && h.p.Article != nil && len(h.p.Article.Citations) > 0 {
		b.WriteString(" <span class=\"tag\">not cited in the article</span>")
	}
	b.WriteString("</li>\n")
}

func (h *handout) writeSlides(b *bytes.Buffer) error {
	b.WriteString("<section id=\"slides\" class=\"part\">\n<h2>Slides and speaker notes</h2>\n")
	n := len(h.slides)
	for i, s := range h.slides {
		fmt.Fprintf(b, "<div class=\"slide-wrap\" id=\"slide-%d\">\n<p class=\"slide-no\">Slide %d of %d</p>\n<div class=\"slide\">\n", i+1, i+1, n)
		if s.Body != "" {
			out, err := h.md.render([]byte(s.Body), fmt.Sprintf("slide%d-", i+1), 2)
			if err != nil {
				return fmt.Errorf("%s: slide %d (line %d): %w", pack.FileSlides, i+1, s.Line, err)
			}
			b.Write(out)
		}
		h.writeDirective(b, s.Directive)
		b.WriteString("</div>\n")
		if s.Notes != "" {
			out, err := h.md.render([]byte(s.Notes), fmt.Sprintf("notes%d-", i+1), 3)
			if err != nil {
				return fmt.Errorf("%s: notes of slide %d (line %d): %w", pack.FileSlides, i+1, s.Line, err)
			}
			b.WriteString("<div class=\"notes\"><p class=\"notes-label\">Speaker notes</p>\n")
			b.Write(out)
			b.WriteString("</div>\n")
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
	return nil
}

// directiveStudies returns the studies a directive selects.
func (h *handout) directiveStudies(d deck.Directive) []pack.Study {
	if ids := d.IDs(); ids != nil {
		var out []pack.Study
		for _, id := range ids {
			if s, ok := h.studyBy[id]; ok {
				out = append(out, *s)
			}
		}
		return out
	}
	if d.Cited() {
		var out []pack.Study
		for _, s := range h.p.Studies {
			if s.Cited {
				out = append(out, s)
			}
		}
		return out
	}
	return h.p.Studies
}

func (h *handout) writeDirective(b *bytes.Buffer, d deck.Directive) {
	switch d.Kind {
	case deck.KindStudies:
		if ss := h.directiveStudies(d); len(ss) > 0 {
			h.writeCompare(b, ss, true)
		}
	case deck.KindRoB:
		h.writeRoBTable(b, h.directiveStudies(d))
	case deck.KindReferences:
		b.WriteString("<ul class=\"slide-refs\">\n")
		for _, r := range h.p.References {
			if d.Cited() && !h.cited[r.ID] {
				continue
			}
			fmt.Fprintf(b, "<li><a href=\"#ref-%s\">%s</a></li>\n", e(r.ID), e(referenceText(r)))
		}
		b.WriteString("</ul>\n")
	}
}
