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

// Markdown writes the handout as one Markdown file for editing. The
// article, limitations and guidance are copied as written, except that
// their cite: and study: links, which only the app can follow, point at
// the handout's own anchors (each reference and study has one) or become
// plain text; the references list each id so they can be resolved;
// the slides are a fenced block in slides.md syntax, ready to be saved as
// slides.md.
func Markdown(w io.Writer, p *pack.Pack, slides []deck.Slide) error {
	h := newHandout(p, slides)
	var b bytes.Buffer
	m := p.Meta
	title := m.Title
	if title == "" {
		title = "Evidence pack"
	}
	fmt.Fprintf(&b, "# %s\n\n", deck.Escape(title))
	if m.Subtitle != "" {
		fmt.Fprintf(&b, "%s\n\n", deck.Escape(m.Subtitle))
	}
	var dates []string
	for _, d := range []struct {
		label string
		date  pack.Date
	}{
		{"Page last reviewed", m.LastReviewed},
		{"Next review due", m.NextReview},
		{"Evidence searched to", m.EvidenceSearchedTo},
	} {
		if !d.date.IsZero() {
			dates = append(dates, fmt.Sprintf("- **%s:** %s", d.label, d.date.Format(dateLayout)))
		}
	}
	if m.Version != "" {
		dates = append(dates, "- **Pack version:** "+deck.Escape(m.Version))
	}
	if len(dates) > 0 {
		b.WriteString(strings.Join(dates, "\n") + "\n\n")
	}
	if m.Disclaimer != "" {
		fmt.Fprintf(&b, "> **Disclaimer.** %s\n\n", deck.Escape(m.Disclaimer))
	}

	section := func(file, title string) {
		src := bytes.TrimSpace(stripFront(p.Sources[file]))
		if len(src) == 0 {
			return
		}
		if !startsWithH1(src) {
			fmt.Fprintf(&b, "# %s\n\n", title)
		}
		if file == pack.FileArticle {
			// The article's words stay as written; the markers the app
			// shows beside them link to the studies' discrepancies.
			src = mdMarkers(src, h.markers(src))
		}
		b.Write(h.md.mdAppLinks(src))
		b.WriteString("\n\n")
	}
	section(pack.FileArticle, "Article")

	if len(p.Studies) > 0 {
		b.WriteString("# Studies compared\n\n")
		cols := h.compareColumns()
		heads := make([]string, len(cols))
		for i, c := range cols {
			heads[i] = cell(c.head)
		}
		b.WriteString("| " + strings.Join(heads, " | ") + " |\n")
		b.WriteString(strings.Repeat("|---", len(cols)) + "|\n")
		for _, s := range p.Studies {
			cells := make([]string, len(cols))
			for i, c := range cols {
				cells[i] = cell(c.md(s))
				if c.strong {
					cells[i] = "**" + cells[i] + "**"
				}
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
		if note := h.outcomeNote(p.Studies); note != "" {
			fmt.Fprintf(&b, "\n*%s*\n\n", deck.Escape(note))
		} else {
			b.WriteString("\n")
		}
		for i := range p.Studies {
			mdStudy(&b, h, &p.Studies[i])
		}
	}
	section(pack.FileLimitations, "Limitations")
	section(pack.FileGuidance, "Guidance")

	if len(p.References) > 0 {
		b.WriteString("# References\n\n")
		for _, r := range p.References {
			// The anchor is what the article's cite: links point at.
			fmt.Fprintf(&b, "- <a id=\"ref-%s\"></a>`%s`: %s", html.EscapeString(r.ID), r.ID, deck.Escape(referenceText(r)))
			for _, l := range refLinks(r) {
				fmt.Fprintf(&b, " <%s>", l[0])
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if len(slides) > 0 {
		src := deck.Format(slides)
		fence := strings.Repeat("`", max(3, longestRun(src, '`')+1))
		fmt.Fprintf(&b, "# Slides\n\nThe deck in %s syntax, speaker notes included.\n\n%smarkdown\n%s%s\n", pack.FileSlides, fence, src, fence)
	}
	if p.Hash != "" {
		fmt.Fprintf(&b, "\n---\n\nPack content hash: `%s`\n", p.Hash)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func mdStudy(b *bytes.Buffer, h *handout, s *pack.Study) {
	// The anchor is what the article's study: links point at.
	fmt.Fprintf(b, "## %s <a id=\"study-%s\"></a>\n\n", deck.Escape(s.Label), html.EscapeString(s.ID))
	fmt.Fprintf(b, "- **Study id:** `%s`\n", s.ID)
	v := h.v
	fmt.Fprintf(b, "- **Outcome type:** %s\n", deck.Escape(v.Outcome(s.Outcome).Label))
	if r, ok := h.md.refs[s.Ref]; ok {
		fmt.Fprintf(b, "- **Reference:** %s (`%s`)\n", deck.Escape(shortCite(r)), r.ID)
	}
	for _, f := range h.recordFields(s) {
		if f.population {
			continue // the Markdown record has no age or BMI line
		}
		fmt.Fprintf(b, "- **%s:** %s\n", deck.Escape(f.name), deck.Escape(orNR(f.value)))
	}
	b.WriteString("\n")
	mdList(b, "Results", s.Results)
	if s.Conclusion != "" {
		fmt.Fprintf(b, "**Conclusion.** %s\n\n", deck.Escape(s.Conclusion))
	}
	fmt.Fprintf(b, "**%s** %s. %s\n\n", deck.Escape(endSentenceMark(v.VerdictQuestion())), deck.Escape(v.VerdictAnswer(s.Verdict)), deck.Escape(s.VerdictNote))
	mdList(b, "Limitations", s.Limitations)
	if r := s.RiskOfBias; r != nil {
		if !r.Applies {
			fmt.Fprintf(b, "**Risk of bias.** Not assessed: %s\n\n", deck.Escape(orNR(r.Reason)))
		} else {
			fmt.Fprintf(b, "**Risk of bias (%s).**\n\n| Domain | Judgement | Reason |\n|---|---|---|\n", deck.Escape(r.ToolName()))
			for _, j := range r.Judgements() {
				fmt.Fprintf(b, "| %s | %s | %s |\n", cell(j.Domain.Name), cell(capital(orNR(j.Judgement.Level))), cell(j.Reason))
			}
			name := "Overall"
			if t := r.ToolInfo(); t != nil {
				name = t.OverallName
			}
			fmt.Fprintf(b, "| %s | %s | %s |\n", cell(name), cell(capital(orNR(r.Overall.Level))), cell(r.Overall.Reason))
			b.WriteString("\n")
		}
	}
	if len(s.Discrepancies) > 0 {
		b.WriteString("**Where the article and the sources differ.**\n\n| Fact | The article says | The source says | Note |\n|---|---|---|---|\n")
		for i, d := range s.Discrepancies {
			src := d.Source
			if d.SourceName != "" {
				src += " (" + d.SourceName + ")"
			}
			// The anchor is what the article's ⚠ markers point at.
			fmt.Fprintf(b, "| <a id=\"%s\"></a>%s | %s | %s | %s |\n", discID(s.ID, i), cell(d.Field), cell(d.Article), cell(src), cell(d.Note))
		}
		b.WriteString("\n")
	}
	if len(s.Sources) > 0 {
		b.WriteString("**Sources.**\n\n")
		for _, src := range s.Sources {
			fmt.Fprintf(b, "- %s confidence: %s", capital(orNR(src.Confidence)), deck.Escape(src.Facts))
			if src.Where != "" {
				fmt.Fprintf(b, ": %s", deck.Escape(src.Where))
			}
			if isHTTP(src.URL) {
				fmt.Fprintf(b, " <%s>", strings.TrimSpace(src.URL))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
}

func mdList(b *bytes.Buffer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "**%s.**\n\n", title)
	for _, it := range items {
		fmt.Fprintf(b, "- %s\n", deck.Escape(it))
	}
	b.WriteString("\n")
}

// endSentenceMark ends a heading-like question with a full stop unless it
// ends with its own mark ("Fewer injuries?", "Verdict.").
func endSentenceMark(s string) string {
	if s == "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// cell makes text safe for one GFM table cell.
func cell(s string) string {
	return deck.Escape(strings.Join(strings.Fields(s), " "))
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}
