package pack

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// Allowed values of the enumerated fields. Outcome types are the pack's
// own (pack.toml's [[outcome]]); risk-of-bias levels are the tool's (rob.go).
var (
	Verdicts    = []string{"yes", "no", "mixed", "not-measured"}
	Confidences = []string{"high", "medium", "low", "conflict"}
)

func oneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// Resolve builds for a Pack made by hand (a generated pack, a test's) what
// Load builds for every pack it returns: the lookups by id and the
// resolved vocabulary. Without it Reference and Study find nothing and
// each Vocab call resolves the vocabulary anew (for 10,000 studies, a
// millisecond a call). Call it once the pack is complete.
func (p *Pack) Resolve() {
	p.index()
	p.vocab = NewVocabulary(p.Meta, p.Studies)
}

// index builds the id lookups; duplicates keep their first occurrence.
func (p *Pack) index() {
	p.refIndex = make(map[string]int, len(p.References))
	for i, r := range p.References {
		if _, dup := p.refIndex[r.ID]; !dup {
			p.refIndex[r.ID] = i
		}
	}
	p.studyIndex = make(map[string]int, len(p.Studies))
	p.refStudy = make(map[string]int, len(p.Studies))
	for i, s := range p.Studies {
		if _, dup := p.studyIndex[s.ID]; !dup {
			p.studyIndex[s.ID] = i
		}
		if _, dup := p.refStudy[s.Ref]; !dup {
			p.refStudy[s.Ref] = i
		}
	}
}

// Reference returns the reference with the given id.
func (p *Pack) Reference(id string) (*Reference, bool) {
	i, ok := p.refIndex[id]
	if !ok {
		return nil, false
	}
	return &p.References[i], true
}

// Study returns the study with the given id.
func (p *Pack) Study(id string) (*Study, bool) {
	i, ok := p.studyIndex[id]
	if !ok {
		return nil, false
	}
	return &p.Studies[i], true
}

// StudyForRef returns the first study whose ref is the given reference id.
func (p *Pack) StudyForRef(refID string) (*Study, bool) {
	if p.refStudy != nil {
		// Checking a pack of 10,000 references and 1,000 studies asks for
		// each reference: looking them up one by one took 8 ms.
		i, ok := p.refStudy[refID]
		if !ok {
			return nil, false
		}
		return &p.Studies[i], true
	}
	// A Pack not made by Load (tests) has no index.
	for i := range p.Studies {
		if p.Studies[i].Ref == refID {
			return &p.Studies[i], true
		}
	}
	return nil, false
}

// CitationsOf returns the article's citations that cite the reference, in
// reading order: the "cited in" back-links.
func (p *Pack) CitationsOf(refID string) []*doc.Citation {
	var out []*doc.Citation
	for _, c := range p.Article.Citations {
		for _, k := range c.Keys {
			if k == refID {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// Overdue reports whether the pack is past its next review date on day now
// (ReviewOverdue).
func (p *Pack) Overdue(now time.Time) bool {
	return ReviewOverdue(p.Meta.NextReview, now)
}

// ReviewOverdue is the one rule for an overdue review, for a pack and for
// its entry on the shelf: a review is overdue from the day after its next
// review date; a date not given (or unreadable) is never overdue.
func ReviewOverdue(next Date, now time.Time) bool {
	return next.Valid() && now.After(next.AddDate(0, 0, 1))
}

// StudyLinks returns the study ids a document links to with study: links.
func StudyLinks(d *doc.Document) []*doc.Link {
	var out []*doc.Link
	for _, l := range d.Links {
		if strings.HasPrefix(l.URL, "study:") {
			out = append(out, l)
		}
	}
	return out
}

// validate runs the cross-file checks once every file is loaded.
func (l *loader) validate(now time.Time) {
	p := l.p
	l.checkMetaDates(now)
	l.checkVocabulary()
	l.checkReferences()
	l.checkStudies()
	l.checkLinks()
	if !l.refsOK {
		return
	}
	cited := map[string]bool{}
	for _, c := range p.Article.Citations {
		for _, k := range c.Keys {
			cited[k] = true
			r, ok := p.Reference(k)
			if !ok {
				l.add(FileArticle, c.Line, c.Col, Error, "citation %q cites %q, which is not in references.json", c.Text, k)
				continue
			}
			for _, d := range checkIntegrity(c.Text, r) {
				l.add(FileArticle, c.Line, c.Col, d.sev, "%s", d.msg)
			}
		}
	}
	for _, f := range []struct {
		name string
		d    *doc.Document
	}{{FileArticle, p.Article}, {FileLimitations, p.Limitations}, {FileGuidance, p.Guidance}} {
		for _, c := range f.d.Citations {
			if len(c.Keys) == 0 {
				l.add(f.name, c.Line, c.Col, Error, "citation %q has no key: write [text](cite:key)", c.Text)
			}
			if f.name != FileArticle { // the article's keys are checked above
				for _, k := range c.Keys {
					if _, ok := p.Reference(k); !ok {
						l.add(f.name, c.Line, c.Col, Error, "citation %q cites %q, which is not in references.json", c.Text, k)
					}
				}
			}
		}
		if !l.studiesOK {
			continue // one error in studies.toml, not one per study: link
		}
		for _, lk := range StudyLinks(f.d) {
			id := strings.TrimPrefix(lk.URL, "study:")
			if _, ok := p.Study(id); !ok {
				l.add(f.name, lk.Line, lk.Col, Error, "link %q points at study %q, which is not in studies.toml", lk.Text, id)
			}
		}
	}
	// What the article cites is known only when it was read and parsed,
	// and whether an uncited reference's study says so only when
	// studies.toml decoded: otherwise the broken file's own error is the
	// one message, not one per reference and study.
	if !l.decoded[FileArticle] {
		return
	}
	for _, s := range p.Studies {
		if s.Cited && s.Ref != "" && !cited[s.Ref] {
			l.add(FileStudies, tomlKeyLine(l.linesOf(FileStudies), s.Line, "cited"), 1, Warning, "study %q is marked cited = true but article.md has no cite:%s link", s.ID, s.Ref)
		}
		if !s.Cited && cited[s.Ref] {
			l.add(FileStudies, tomlKeyLine(l.linesOf(FileStudies), s.Line, "cited"), 1, Warning, "study %q is marked cited = false but article.md cites %q", s.ID, s.Ref)
		}
	}
	if !l.studiesOK {
		return
	}
	for _, r := range p.References {
		if cited[r.ID] {
			continue
		}
		if s, ok := p.StudyForRef(r.ID); ok && !s.Cited {
			l.add(FileReferences, r.Line, 1, Note, "reference %q is not cited in article.md (its study is marked cited = false)", r.ID)
			continue
		}
		l.add(FileReferences, r.Line, 1, Warning, "reference %q is never cited in article.md", r.ID)
	}
}

func declaredOutcomes(m Meta) []string {
	var keys []string
	for _, o := range m.Outcomes {
		if o.Key != "" {
			keys = append(keys, o.Key)
		}
	}
	return keys
}

func (l *loader) checkMetaDates(now time.Time) {
	m := l.p.Meta
	if m.LastReviewed.Valid() && m.NextReview.Valid() && !m.NextReview.After(m.LastReviewed.Time) {
		l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, "next_review"), 1, Error, "next_review %s is not after last_reviewed %s", m.NextReview, m.LastReviewed)
	}
	if m.LastReviewed.Valid() && m.LastReviewed.After(now) {
		l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, "last_reviewed"), 1, Warning, "last_reviewed %s is in the future", m.LastReviewed)
	}
	if m.EvidenceSearchedTo.Valid() && m.LastReviewed.Valid() && m.EvidenceSearchedTo.After(m.LastReviewed.Time) {
		l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, "evidence_searched_to"), 1, Warning, "evidence_searched_to %s is after last_reviewed %s", m.EvidenceSearchedTo, m.LastReviewed)
	}
	if l.p.Overdue(now) {
		l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, "next_review"), 1, Warning, "the pack is past its next review date (%s): its evidence may be out of date", m.NextReview)
	}
}

func (l *loader) checkReferences() {
	seen := map[string]int{}
	for _, r := range l.p.References {
		switch {
		case r.ID == "":
			l.add(FileReferences, r.Line, 1, Error, "reference has no \"id\"")
		case seen[r.ID] > 0:
			l.add(FileReferences, r.Line, 1, Error, "duplicate reference id %q (first at line %d)", r.ID, seen[r.ID])
		default:
			seen[r.ID] = r.Line
		}
		if r.Title == "" {
			l.add(FileReferences, r.Line, 1, Error, "reference %q has no \"title\"", r.ID)
		}
		if r.Type == "" {
			l.add(FileReferences, r.Line, 1, Warning, "reference %q has no CSL \"type\" (e.g. \"article-journal\")", r.ID)
		}
		if len(r.Author) == 0 {
			l.add(FileReferences, r.Line, 1, Warning, "reference %q has no authors", r.ID)
		}
		for _, d := range []struct {
			name string
			v    *CSLDate
		}{{"issued", r.Issued}, {"available-date", r.AvailableDate}} {
			if d.v == nil {
				if d.name == "issued" {
					l.add(FileReferences, r.Line, 1, Warning, "reference %q has no \"issued\" date", r.ID)
				}
				continue
			}
			if msg := d.v.problem(); msg != "" {
				l.add(FileReferences, r.Line, 1, Error, "reference %q: invalid %s: %s", r.ID, d.name, msg)
			}
		}
	}
}

func (l *loader) checkStudies() {
	art := l.p.Sources[FileArticle]
	seen := map[string]int{}
	for i := range l.p.Studies {
		s := &l.p.Studies[i]
		at := func(key string) int { return tomlKeyLine(l.linesOf(FileStudies), s.Line, key) }
		name := s.ID
		if name == "" {
			name = fmt.Sprintf("at line %d", s.Line)
			l.add(FileStudies, s.Line, 1, Error, "study has no id")
		} else if first, dup := seen[s.ID]; dup {
			l.add(FileStudies, at("id"), 1, Error, "duplicate study id %q (first at line %d)", s.ID, first)
		} else {
			seen[s.ID] = s.Line
		}
		for _, f := range []struct{ key, v string }{{"ref", s.Ref}, {"label", s.Label}, {"design", s.Design}, {"outcome", s.Outcome}, {"verdict", s.Verdict}} {
			if f.v == "" {
				l.add(FileStudies, at(f.key), 1, Error, "study %s: required field %q is missing", name, f.key)
			}
		}
		if s.Ref != "" && l.refsOK {
			if _, ok := l.p.Reference(s.Ref); !ok {
				l.add(FileStudies, at("ref"), 1, Error, "study %s points at reference %q, which is not in references.json", name, s.Ref)
			}
		}
		// The declared outcome types are known only when pack.toml decoded
		// (the decoder may have filled in some before it stopped).
		if s.Outcome != "" && l.metaOK && len(l.p.Meta.Outcomes) > 0 && !l.p.Vocab().Declared(s.Outcome) {
			l.add(FileStudies, at("outcome"), 1, Error, "study %s: outcome %q is not one of the outcome types pack.toml declares (%s)", name, s.Outcome, strings.Join(declaredOutcomes(l.p.Meta), ", "))
		} else if s.Outcome != "" && !idPattern.MatchString(s.Outcome) {
			l.add(FileStudies, at("outcome"), 1, Error, "study %s: outcome %q must be lowercase letters, digits, '.', '_' or '-'", name, s.Outcome)
		}
		if s.Verdict != "" && !oneOf(s.Verdict, Verdicts) {
			l.add(FileStudies, at("verdict"), 1, Error, "study %s: verdict %q must be one of %s", name, s.Verdict, strings.Join(Verdicts, ", "))
		}
		if s.Population.N < 0 {
			l.add(FileStudies, at("n"), 1, Error, "study %s: population n %d is negative", name, s.Population.N)
		}
		l.checkRoB(s, name)
		for j, so := range s.Sources {
			if !oneOf(so.Confidence, Confidences) {
				l.add(FileStudies, tomlElemKeyLine(l.linesOf(FileStudies), s.Line, "study.source", j, "confidence"), 1, Error, "study %s: source %q has confidence %q; use one of %s", name, so.Where, so.Confidence, strings.Join(Confidences, ", "))
			}
		}
		for j, d := range s.Discrepancies {
			if d.Article == "" || d.Source == "" {
				l.add(FileStudies, tomlElemKeyLine(l.linesOf(FileStudies), s.Line, "study.discrepancy", j, ""), 1, Error, "study %s: a discrepancy needs both \"article\" and \"source\"", name)
			}
			if d.Anchor != "" && art != nil {
				switch n := occurrences(art, []byte(d.Anchor), maxAnchorCount); {
				case n == 0:
					l.add(FileStudies, tomlElemKeyLine(l.linesOf(FileStudies), s.Line, "study.discrepancy", j, "anchor"), 1, Error, "study %s: discrepancy anchor %q does not occur in article.md", name, d.Anchor)
				case n > 1:
					l.add(FileStudies, tomlElemKeyLine(l.linesOf(FileStudies), s.Line, "study.discrepancy", j, "anchor"), 1, Note, "study %s: discrepancy anchor %q occurs %s in article.md; the marker goes at the first (lengthen the anchor to mark another)", name, d.Anchor, timesWord(n))
				}
			}
		}
	}
}

// maxAnchorCount is as far as an anchor's occurrences are counted: a short
// anchor counted to the end of a large article for each of a thousand
// discrepancies took seconds, and past a few the number tells nothing more.
const maxAnchorCount = 10

// occurrences counts the non-overlapping instances of sep in s, as
// bytes.Count does, but stops at limit.
func occurrences(s, sep []byte, limit int) int {
	n := 0
	for n < limit {
		i := bytes.Index(s, sep)
		if i < 0 {
			break
		}
		n++
		s = s[i+len(sep):]
	}
	return n
}

// timesWord is "2 times", or "10 or more times" at maxAnchorCount.
func timesWord(n int) string {
	if n >= maxAnchorCount {
		return fmt.Sprintf("%d or more times", n)
	}
	return fmt.Sprintf("%d times", n)
}
