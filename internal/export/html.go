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
	v       *pack.Vocabulary
}

func newHandout(p *pack.Pack, slides []deck.Slide) *handout {
	h := &handout{
		p:       p,
		slides:  slides,
		md:      &mdRenderer{refs: map[string]pack.Reference{}, studies: map[string]bool{}},
		cited:   map[string]bool{},
		studyBy: map[string]*pack.Study{},
		v:       p.Vocab(),
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
		out, err := h.md.renderWith(src, "article-", 1, h.markers(src))
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

// outcomeClass is the CSS class that colours an outcome type's rows and
// badges by its tone: the pack's own keys never become class names.
func (h *handout) outcomeClass(o string) string {
	switch h.v.Outcome(o).Tone {
	case pack.ToneMechanism:
		return "o-mech"
	case pack.ToneMain:
		return "o-main"
	}
	return "o-other"
}

func orNR(s string) string {
	if strings.TrimSpace(s) == "" {
		return "Not reported"
	}
	return s
}

func (h *handout) population(pp pack.Population) string {
	var parts []string
	if pp.N > 0 {
		parts = append(parts, "n = "+h.v.Count(pp.N))
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

// outcomeNote explains the outcome types of the given studies, from the
// pack's words: "" when none of their types has an explanation.
func (h *handout) outcomeNote(studies []pack.Study) string {
	used := map[string]bool{}
	for _, s := range studies {
		used[s.Outcome] = true
	}
	var parts []string
	for _, o := range h.v.Outcomes() {
		if used[o.Key] && o.About != "" {
			parts = append(parts, o.About)
		}
	}
	return strings.Join(parts, " ")
}

// compareColumn is one column of the comparison table.
type compareColumn struct {
	head    string
	compact bool
	// strong cells are bold in the Markdown handout.
	strong bool
	// md is the column's cell in the Markdown handout, as plain text.
	md   func(s pack.Study) string
	html func(s pack.Study) string
}

// compareColumns are the comparison table's columns in the pack's words;
// the control and measure columns only when the pack names or fills them.
func (h *handout) compareColumns() []compareColumn {
	text := func(f func(s pack.Study) string) func(s pack.Study) string {
		return func(s pack.Study) string { return e(f(s)) }
	}
	col := func(head string, compact bool, f func(s pack.Study) string) compareColumn {
		return compareColumn{head: head, compact: compact, md: f, html: text(f)}
	}
	v := h.v
	cols := []compareColumn{
		{head: "Study", compact: true, md: func(s pack.Study) string { return s.Label }, html: func(s pack.Study) string {
			c := fmt.Sprintf("<a href=\"#study-%s\">%s</a>", e(s.ID), e(s.Label))
			if !s.Cited {
				c += " <span class=\"tag\">not cited in the article</span>"
			}
			return c
		}},
		col("Design", true, func(s pack.Study) string { return orNR(s.Design) }),
		col("Participants", true, func(s pack.Study) string { return h.population(s.Population) }),
		col("Intervention", false, func(s pack.Study) string { return orNR(s.Intervention) }),
		col("Duration", false, func(s pack.Study) string { return orNR(s.Duration) }),
	}
	if v.ControlUsed() {
		cols = append(cols, col(v.ControlLabel(), false, func(s pack.Study) string { return orNR(s.Control) }))
	}
	if v.MeasureUsed() {
		cols = append(cols, col(v.MeasureLabel(), false, func(s pack.Study) string { return orNR(strings.Join(s.Measure, ", ")) }))
	}
	return append(cols,
		compareColumn{head: "Outcome type", compact: true, strong: true, md: func(s pack.Study) string { return v.Outcome(s.Outcome).Label }, html: func(s pack.Study) string {
			return fmt.Sprintf("<span class=\"badge %s\">%s</span>", h.outcomeClass(s.Outcome), e(v.Outcome(s.Outcome).Label))
		}},
		col(v.VerdictQuestion(), true, func(s pack.Study) string { return v.VerdictAnswer(s.Verdict) }),
		col("Key limitation", true, func(s pack.Study) string { return orNR(s.KeyLimitation) }),
	)
}

// writeCompare writes the comparison table for studies. The compact form,
// for slides, keeps the columns that still read at slide size.
func (h *handout) writeCompare(b *bytes.Buffer, studies []pack.Study, compact bool) {
	cols := h.compareColumns()
	class := "compare"
	if compact {
		class += " compact"
	}
	fmt.Fprintf(b, "<table class=\"%s\">\n<thead><tr>", class)
	for _, c := range cols {
		if c.compact || !compact {
			fmt.Fprintf(b, "<th>%s</th>", e(c.head))
		}
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, s := range studies {
		fmt.Fprintf(b, "<tr class=\"%s\">", h.outcomeClass(s.Outcome))
		for _, c := range cols {
			if c.compact || !compact {
				fmt.Fprintf(b, "<td>%s</td>", c.html(s))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if note := h.outcomeNote(studies); note != "" {
		fmt.Fprintf(b, "<p class=\"note\"><strong>Outcome types.</strong> %s</p>\n", e(note))
	}
}

// light renders a risk-of-bias level as a traffic light with a symbol and
// words, so it reads in black and white too.
func light(l pack.RoBLevel) string {
	return fmt.Sprintf("<span class=\"light l-%s\"><span class=\"dot\">%s</span> %s</span>", ratingClass(l.Rating), l.Rating.Symbol(), e(l.Short))
}

func ratingClass(r pack.Rating) string {
	switch r {
	case pack.RatingGood:
		return "good"
	case pack.RatingFair:
		return "fair"
	case pack.RatingPoor:
		return "poor"
	case pack.RatingNone:
		return "none"
	}
	return "unknown"
}

// robGroups splits the studies with an assessment by tool, in order of
// first appearance: each tool has domains of its own, so each gets a table.
func robGroups(studies []pack.Study) [][]pack.Study {
	var order []string
	by := map[string][]pack.Study{}
	for _, s := range studies {
		if s.RiskOfBias == nil {
			continue
		}
		name := s.RiskOfBias.ToolName()
		if _, ok := by[name]; !ok {
			order = append(order, name)
		}
		by[name] = append(by[name], s)
	}
	out := make([][]pack.Study, len(order))
	for i, n := range order {
		out[i] = by[n]
	}
	return out
}

// writeRoBTable writes the traffic-light summary of the studies with an
// assessment: one table per tool.
func (h *handout) writeRoBTable(b *bytes.Buffer, studies []pack.Study) {
	for _, group := range robGroups(studies) {
		h.writeRoBGroup(b, group)
	}
}

func (h *handout) writeRoBGroup(b *bytes.Buffer, studies []pack.Study) {
	name := studies[0].RiskOfBias.ToolName()
	t := studies[0].RiskOfBias.ToolInfo()
	var domains []pack.RoBDomain
	overall := "Overall"
	if t != nil {
		domains, overall = t.Domains, t.OverallName
	}
	fmt.Fprintf(b, "<table class=\"rob\">\n<caption>Risk of bias (%s)</caption>\n<thead><tr><th>Study</th>", e(name))
	for _, d := range domains {
		fmt.Fprintf(b, "<th title=\"%s\">%s</th>", e(d.Name), e(d.Code()))
	}
	fmt.Fprintf(b, "<th>%s</th></tr></thead>\n<tbody>\n", e(overall))
	for _, s := range studies {
		r := s.RiskOfBias
		fmt.Fprintf(b, "<tr><td><a href=\"#study-%s\">%s</a></td>", e(s.ID), e(s.Label))
		if !r.Applies {
			fmt.Fprintf(b, "<td colspan=\"%d\" class=\"na\">Not assessed with %s: %s</td></tr>\n", len(domains)+1, e(name), e(orNR(r.Reason)))
			continue
		}
		for _, j := range r.Judgements() {
			fmt.Fprintf(b, "<td>%s</td>", light(j.Level))
		}
		fmt.Fprintf(b, "<td>%s</td>", light(r.OverallLevel()))
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if len(domains) == 0 {
		return
	}
	b.WriteString("<p class=\"note\">")
	for i, d := range domains {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(b, "%s %s", d.Code(), e(d.Name))
	}
	b.WriteString(".</p>\n")
}

// markers places the app's discrepancy markers in the article: after the
// first occurrence of each anchor, linking to the discrepancy's row in its
// study's record.
func (h *handout) markers(src []byte) []marker {
	var out []marker
	for _, s := range h.p.Studies {
		for i, d := range s.Discrepancies {
			if d.Anchor == "" {
				continue
			}
			off := bytes.Index(src, []byte(d.Anchor))
			if off < 0 {
				continue
			}
			title := "The article differs from its source"
			if d.Field != "" {
				title += " (" + d.Field + ")"
			}
			out = append(out, marker{end: off + len(d.Anchor), href: "#" + discID(s.ID, i), title: title})
		}
	}
	return out
}

func (h *handout) writeStudy(b *bytes.Buffer, s *pack.Study) {
	v := h.v
	fmt.Fprintf(b, "<article class=\"study %s\" id=\"study-%s\">\n<h3>%s</h3>\n", h.outcomeClass(s.Outcome), e(s.ID), e(s.Label))
	fmt.Fprintf(b, "<p><span class=\"badge %s\">%s</span>", h.outcomeClass(s.Outcome), e(v.Outcome(s.Outcome).Label))
	if r, ok := h.md.refs[s.Ref]; ok {
		fmt.Fprintf(b, " Reference: <a href=\"#ref-%s\">%s</a>", e(r.ID), e(shortCite(r)))
	}
	b.WriteString("</p>\n<dl class=\"fields\">\n")
	for _, f := range h.recordFields(s) {
		fmt.Fprintf(b, "<div><dt>%s</dt><dd>%s</dd></div>\n", e(f.name), e(orNR(f.value)))
	}
	b.WriteString("</dl>\n")
	list(b, "Results", s.Results)
	if s.Conclusion != "" {
		fmt.Fprintf(b, "<h4>Conclusion</h4>\n<p>%s</p>\n", e(s.Conclusion))
	}
	fmt.Fprintf(b, "<h4>%s</h4>\n<p><strong>%s.</strong> %s</p>\n", e(v.VerdictQuestion()), e(v.VerdictAnswer(s.Verdict)), e(s.VerdictNote))
	list(b, "Limitations", s.Limitations)
	if r := s.RiskOfBias; r != nil {
		fmt.Fprintf(b, "<h4>Risk of bias (%s)</h4>\n", e(r.ToolName()))
		if !r.Applies {
			fmt.Fprintf(b, "<p>Not assessed: %s</p>\n", e(orNR(r.Reason)))
		} else {
			b.WriteString("<table class=\"rob-detail\">\n<thead><tr><th>Domain</th><th>Judgement</th><th>Reason</th></tr></thead>\n<tbody>\n")
			for _, j := range r.Judgements() {
				fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(j.Domain.Name), light(j.Level), e(j.Reason))
			}
			name := "Overall"
			if t := r.ToolInfo(); t != nil {
				name = t.OverallName
			}
			fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(name), light(r.OverallLevel()), e(r.Overall.Reason))
			b.WriteString("</tbody>\n</table>\n")
		}
	}
	if len(s.Discrepancies) > 0 {
		b.WriteString("<h4>Where the article and the sources differ</h4>\n<table class=\"disc\">\n<thead><tr><th>Fact</th><th>The article says</th><th>The source says</th><th>Note</th></tr></thead>\n<tbody>\n")
		for i, d := range s.Discrepancies {
			src := d.Source
			if d.SourceName != "" {
				src += " (" + d.SourceName + ")"
			}
			fmt.Fprintf(b, "<tr id=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", discID(s.ID, i), e(d.Field), e(d.Article), e(src), e(d.Note))
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

// recordField is one line of a study record.
type recordField struct {
	name, value string
	// population marks the age and BMI lines, which the Markdown record
	// leaves out.
	population bool
}

// recordFields are a study's design and participant fields in the pack's
// words; age and BMI only when some study in the pack reports them, the
// control and measure fields only when the pack uses them.
func (h *handout) recordFields(s *pack.Study) []recordField {
	fs := []recordField{
		{"Design", s.Design, false},
		{"Participants", h.population(s.Population), false},
	}
	if h.v.AgeReported() {
		fs = append(fs, recordField{"Age", s.Population.Age, true})
	}
	if h.v.BMIReported() {
		fs = append(fs, recordField{"BMI", s.Population.BMI, true})
	}
	fs = append(fs, []recordField{
		{"Intervention", s.Intervention, false},
		{"Comparator", s.Comparator, false},
		{"Duration", s.Duration, false},
		{"Frequency", s.Frequency, false},
	}...)
	if h.v.ControlUsed() {
		fs = append(fs, recordField{h.v.ControlLabel(), s.Control, false})
	}
	if h.v.MeasureUsed() {
		fs = append(fs, recordField{h.v.MeasureLabel(), strings.Join(s.Measure, ", "), false})
	}
	return fs
}

// discID is the anchor of a study's i-th discrepancy, where the article's
// marker for it links.
func discID(study string, i int) string {
	return "disc-" + e(study) + "-" + fmt.Sprint(i+1)
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
