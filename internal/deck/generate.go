package deck

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Limits that keep a generated slide legible at presentation size.
const (
	maxBullets    = 4
	maxBulletLen  = 140
	dateLayout    = "2 January 2006"
	sectionLevel  = 2
	fallbackTitle = "Summary"
)

// Generate builds a deck for a pack that has no slides.md: a title slide,
// one slide per level-2 section of the article (its first sentences as
// bullets, the section's text as notes), the study comparison, the
// risk-of-bias lights, the limitations, the guidance and the references.
// Parts the pack lacks are left out.
func Generate(p *pack.Pack) []Slide {
	var out []Slide
	add := func(s Slide) {
		if s.Body == "" && s.Directive.Kind == "" {
			return
		}
		s.Index = len(out)
		s.Title = Title(s.Body)
		out = append(out, s)
	}

	add(titleSlide(p.Meta))
	for _, s := range articleSlides(p.Article, discrepancies(p.Studies)) {
		add(s)
	}
	if len(p.Studies) > 0 {
		add(Slide{
			Body:      "## Studies compared",
			Notes:     studyNotes(p.Vocab(), p.Studies),
			Directive: Directive{Kind: KindStudies},
		})
		if hasRoB(p.Studies) {
			add(Slide{
				Body:      "## Risk of bias",
				Notes:     robNotes(p.Studies),
				Directive: Directive{Kind: KindRoB},
			})
		}
	}
	if lim := headingBullets(p.Limitations); lim != "" {
		add(Slide{Body: "## Limitations\n\n" + lim, Notes: docText(p.Limitations)})
	}
	if g := guidanceBullets(p.Guidance); g != "" {
		add(Slide{Body: "## Guidance\n\n" + g, Notes: docText(p.Guidance)})
	}
	if len(p.References) > 0 {
		add(Slide{Body: "## References", Directive: Directive{Kind: KindReferences}})
	}
	return out
}

func titleSlide(m pack.Meta) Slide {
	var b strings.Builder
	if m.Title != "" {
		b.WriteString("# " + Escape(m.Title) + "\n")
	}
	if m.Subtitle != "" {
		b.WriteString("\n" + Escape(m.Subtitle) + "\n")
	}
	var dates []string
	if !m.LastReviewed.IsZero() {
		dates = append(dates, "Last reviewed "+m.LastReviewed.Format(dateLayout))
	}
	if !m.EvidenceSearchedTo.IsZero() {
		dates = append(dates, "evidence searched to "+m.EvidenceSearchedTo.Format(dateLayout))
	}
	if len(dates) > 0 {
		b.WriteString("\n" + strings.Join(dates, "; ") + "\n")
	}
	return Slide{Body: strings.TrimSpace(b.String()), Notes: Escape(m.Disclaimer)}
}

// articleSlides makes one slide per level-2 section. An article without
// level-2 headings gets one slide per level-1 section, and one without any
// headings a single summary slide.
func articleSlides(d *doc.Document, discs []pack.Discrepancy) []Slide {
	if d == nil {
		return nil
	}
	level := 0
	for _, s := range d.Sections {
		if s.Level == sectionLevel {
			level = sectionLevel
			break
		}
		if s.Level == 1 {
			level = 1
		}
	}
	if level == 0 {
		bullets, notes := summarizeFlagged(d.Blocks, discs)
		if bullets == "" {
			return nil
		}
		return []Slide{{Body: "## " + fallbackTitle + "\n\n" + bullets, Notes: notes}}
	}
	var out []Slide
	for i, s := range d.Sections {
		if s.Level != level {
			continue
		}
		end := len(d.Blocks)
		for _, next := range d.Sections[i+1:] {
			if next.Level <= level {
				end = next.Block
				break
			}
		}
		from := s.Block + 1
		if from > end || from > len(d.Blocks) {
			from = end
		}
		if referenceList(d.Blocks[from:end]) {
			// The article's own reference list: the deck ends with the
			// pack's references slide instead.
			continue
		}
		bullets, notes := summarizeFlagged(d.Blocks[from:end], discs)
		body := "## " + Escape(s.Title)
		if bullets != "" {
			body += "\n\n" + bullets
		}
		out = append(out, Slide{Body: body, Notes: notes})
	}
	return out
}

// referenceList reports whether blocks are a reference list: paragraphs
// (or list items) that each start with a cite: link, as an article's list
// does once its entries are linked (docs/pack-format.md#articlemd).
func referenceList(blocks []*doc.Block) bool {
	n := 0
	var walk func(bs []*doc.Block) bool
	walk = func(bs []*doc.Block) bool {
		for _, b := range bs {
			switch b.Kind {
			case doc.Paragraph:
				i := 0
				for i < len(b.Inlines) && strings.TrimSpace(b.Inlines[i].Text) == "" && b.Inlines[i].Cite < 0 {
					i++
				}
				if i == len(b.Inlines) || b.Inlines[i].Cite < 0 {
					return false
				}
				n++
			case doc.List, doc.ListItem:
				if !walk(b.Children) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return walk(blocks) && n > 0
}

// summarize returns up to maxBullets first sentences of the blocks'
// paragraphs and list items as a Markdown list, and all their text as notes.
func summarize(blocks []*doc.Block) (bullets, notes string) {
	return summarizeFlagged(blocks, nil)
}

// flagText follows a bullet that repeats words where the article and a
// primary source disagree, as the article view's marker does.
const flagText = " ⚠ differs from source"

// discrepancies are the pack's recorded disagreements between the
// article and its sources that have an anchor in the article.
func discrepancies(ss []pack.Study) []pack.Discrepancy {
	var out []pack.Discrepancy
	for _, s := range ss {
		for _, d := range s.Discrepancies {
			if d.Anchor != "" {
				out = append(out, d)
			}
		}
	}
	return out
}

// summarizeFlagged is summarize that shows the disagreements discs
// record: a bullet whose sentence holds an anchor ends in flagText, and
// the notes say what the article and the source each say, so a generated
// slide never shows the article's words without the pack's correction.
func summarizeFlagged(blocks []*doc.Block, discs []pack.Discrepancy) (bullets, notes string) {
	var paras []string
	var walk func(bs []*doc.Block)
	walk = func(bs []*doc.Block) {
		for _, b := range bs {
			switch b.Kind {
			case doc.Paragraph:
				if t := strings.TrimSpace(inlineText(b.Inlines)); t != "" {
					paras = append(paras, t)
				}
			case doc.List, doc.ListItem, doc.Quote:
				walk(b.Children)
			}
		}
	}
	walk(blocks)
	var bl []string
	for _, p := range paras {
		if len(bl) == maxBullets {
			break
		}
		sentence, flag := firstSentence(p), ""
		for _, d := range discs {
			if strings.Contains(sentence, d.Anchor) {
				flag = flagText
				break
			}
		}
		bl = append(bl, "- "+Escape(clip(sentence, maxBulletLen-utf8.RuneCountInString(flag)))+flag)
	}
	esc := make([]string, len(paras))
	for i, p := range paras {
		esc[i] = Escape(p)
	}
	all := strings.Join(paras, "\n")
	for _, d := range discs {
		if strings.Contains(all, d.Anchor) {
			esc = append(esc, Escape(discrepancyNote(d)))
		}
	}
	return strings.Join(bl, "\n"), strings.Join(esc, "\n\n")
}

// discrepancyNote is a presenter's note of one disagreement: "⚠ Differs
// from source (year). The article: …. Article PDF: …. …"
func discrepancyNote(d pack.Discrepancy) string {
	parts := []string{"⚠ Differs from source (" + d.Field + ")."}
	if d.Article != "" {
		parts = append(parts, "The article: "+d.Article)
	}
	if d.Source != "" {
		name := d.SourceName
		if name == "" {
			name = "The source"
		}
		parts = append(parts, name+": "+d.Source)
	}
	if d.Note != "" {
		parts = append(parts, d.Note)
	}
	return strings.Join(parts, " ")
}

func headingBullets(d *doc.Document) string {
	if d == nil {
		return ""
	}
	var bl []string
	for _, s := range d.Sections {
		if s.Level == sectionLevel {
			bl = append(bl, "- "+Escape(clip(s.Title, maxBulletLen)))
		}
	}
	if len(bl) == 0 {
		b, _ := summarize(d.Blocks)
		return b
	}
	return strings.Join(bl, "\n")
}

func guidanceBullets(d *doc.Document) string {
	if d == nil {
		return ""
	}
	if b, _ := summarize(d.Blocks); b != "" {
		return b
	}
	return headingBullets(d)
}

func docText(d *doc.Document) string {
	if d == nil {
		return ""
	}
	_, notes := summarize(d.Blocks)
	return notes
}

func hasRoB(ss []pack.Study) bool {
	for _, s := range ss {
		if s.RiskOfBias != nil {
			return true
		}
	}
	return false
}

func studyNotes(v *pack.Vocabulary, ss []pack.Study) string {
	var lines []string
	for _, s := range ss {
		l := fmt.Sprintf("- %s (%s): %s", Escape(s.Label), Escape(v.Outcome(s.Outcome).Label), Escape(QuestionAnswer(v, s.Verdict)))
		if s.VerdictNote != "" {
			l += ". " + Escape(s.VerdictNote)
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// QuestionAnswer puts a verdict after the pack's question, inside a
// sentence: "fewer injuries? No", "verdict: Not measured".
func QuestionAnswer(v *pack.Vocabulary, verdict string) string {
	q := lowerFirst(v.VerdictQuestion())
	if strings.HasSuffix(q, "?") {
		return q + " " + v.VerdictAnswer(verdict)
	}
	return q + ": " + v.VerdictAnswer(verdict)
}

// lowerFirst lower-cases a sentence's first letter for use mid-sentence,
// unless the first word is an acronym ("MRI change?").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func robNotes(ss []pack.Study) string {
	var lines []string
	for _, s := range ss {
		r := s.RiskOfBias
		switch {
		case r == nil:
			continue
		case !r.Applies:
			lines = append(lines, fmt.Sprintf("- %s: not assessed (%s)", Escape(s.Label), Escape(r.Reason)))
		default:
			phrase := "overall risk of bias"
			if t := r.ToolInfo(); t != nil {
				phrase = t.OverallPhrase
			}
			lines = append(lines, strings.TrimSpace(fmt.Sprintf("- %s: %s %s. %s", Escape(s.Label), phrase, Escape(strings.ReplaceAll(r.Overall.Level, "-", " ")), Escape(r.Overall.Reason))))
		}
	}
	return strings.Join(lines, "\n")
}

func inlineText(in []doc.Inline) string {
	return strings.Join(strings.Fields(doc.LineText(in)), " ")
}

// abbreviations end with a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"al": true, "e.g": true, "i.e": true, "vs": true, "etc": true,
	"approx": true, "dr": true, "fig": true, "no": true, "cf": true,
}

// firstSentence returns s up to and including its first sentence end.
func firstSentence(s string) string {
	for i := 0; i < len(s)-1; i++ {
		c := s[i]
		if (c != '.' && c != '?' && c != '!') || s[i+1] != ' ' {
			continue
		}
		if c == '.' {
			w := s[:i]
			if j := strings.LastIndexAny(w, " ("); j >= 0 {
				w = w[j+1:]
			}
			if abbreviations[strings.ToLower(w)] || utf8.RuneCountInString(w) == 1 {
				continue
			}
		}
		return s[:i+1]
	}
	return s
}

// clip shortens s to at most n runes, at a word boundary, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if j := strings.LastIndexByte(cut, ' '); j > n/2 {
		cut = cut[:j]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// Escape makes plain text safe to embed in Markdown: characters that would
// start emphasis, links, code, HTML or a block are backslash-escaped.
func Escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '*', '_', '`', '[', ']', '<', '>', '|', '~':
			b.WriteByte('\\')
		case '#', '+', '-', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
