// Package search is the index behind "search everywhere" and the
// references filter. Titles, keys and names are matched fuzzily
// (sahilm/fuzzy); body text needs every query word to prefix-match a word.
// Matching ignores case and Latin diacritics ("loberbauer" finds
// "Löberbauer"). Highlights are rune offsets into the displayed strings.
package search

import (
	"github.com/evidence-reader/evidence-reader/internal/fold"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Kind is what an entry is; results are grouped by it, in this order.
type Kind int

// Entry kinds.
const (
	KindSection Kind = iota
	KindParagraph
	KindStudy
	KindLimitation
	KindGuidance
	KindReference
	numKinds
)

var kindNames = [...]string{"Sections", "Article", "Studies", "Limitations", "Guidance", "References"}

// String is the group heading for k.
func (k Kind) String() string {
	if k < 0 || k >= numKinds {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Place says which part of the pack a Target points into.
type Place int

// Places.
const (
	PlaceArticle Place = iota
	PlaceLimitations
	PlaceGuidance
	PlaceStudies
	PlaceReferences
)

// Target is where selecting a result jumps to.
type Target struct {
	Place Place
	// Block is the top-level block index in the document, -1 if none.
	Block int
	// Section is the section index in the document, -1 if none.
	Section int
	// ID is the study or reference id.
	ID string
}

// Entry is one searchable item.
type Entry struct {
	Kind Kind
	// Title is matched fuzzily and word by word.
	Title string
	// Text is matched word by word only.
	Text   string
	Target Target

	titleFold, textFold   string
	titleASCII, textASCII bool
	// titleInit and textInit have a bit for each ASCII letter and digit
	// that starts a word of the folded strings (initMask), so most entries
	// a one-letter query word cannot match are passed over without a scan.
	titleInit, textInit uint64
	// named is true when Title is the entry's own name (heading, study
	// label, reference line) rather than the enclosing section's.
	named bool
	// hidden is how many runes at the start of Text are found by but not
	// shown: a study's or reference's id, which the reader never sees
	// (its label or reference line is the Title).
	hidden int
}

// ShownText is the part of Text a result shows, with the highlights in
// it shifted to match: all of Text but a study's or reference's id.
func (e *Entry) ShownText(ranges []Range) (string, []Range) {
	if e.hidden == 0 {
		return e.Text, ranges
	}
	r := []rune(e.Text)
	n := min(e.hidden, len(r))
	var out []Range
	for _, g := range ranges {
		if g.End <= n {
			continue
		}
		out = append(out, Range{Start: max(g.Start, n) - n, End: g.End - n})
	}
	return string(r[n:]), out
}

// Index is the searchable form of a pack; it is read-only after NewIndex
// (the title vocabulary is built once, when first needed).
type Index struct {
	Entries []Entry

	vocabOnce sync.Once
	vocab     *titleVocab
	prefOnce  sync.Once
	pref      *prefixIndex
}

// NewIndex builds the index of p. A nil or partly empty pack is fine.
func NewIndex(p *pack.Pack) *Index {
	ix := &Index{}
	if p == nil {
		return ix
	}
	ix.addDoc(p.Article, PlaceArticle, KindParagraph)
	v := p.Vocab()
	for _, s := range p.Studies {
		text, hidden := studyText(s, v)
		ix.add(Entry{named: true, Kind: KindStudy, Title: s.Label, Text: text, hidden: hidden, Target: Target{Place: PlaceStudies, Block: -1, Section: -1, ID: s.ID}})
	}
	ix.addDoc(p.Limitations, PlaceLimitations, KindLimitation)
	ix.addDoc(p.Guidance, PlaceGuidance, KindGuidance)
	for _, r := range p.References {
		// The id leads refExtra; it finds the reference but is not shown.
		hidden := 0
		if id := strings.Join(strings.Fields(r.ID), " "); id != "" {
			hidden = utf8.RuneCountInString(id) + 1
		}
		ix.add(Entry{named: true, Kind: KindReference, Title: RefLine(r), Text: refExtra(r), hidden: hidden, Target: Target{Place: PlaceReferences, Block: -1, Section: -1, ID: r.ID}})
	}
	ix.pack()
	// The prefix index and the title vocabulary are needed from the second
	// letter typed and the third; they are built while the first is.
	go func() {
		ix.prefOnce.Do(ix.buildPrefixes)
		ix.vocabOnce.Do(ix.buildVocab)
	}()
	return ix
}

// pack copies the entries' folded names and texts, which every keystroke
// scans, into one string each in entry order: read one after another
// (candidates are in entry order) they come from memory in order, where
// strings allocated one by one were spread over the heap and a scan of
// 38,000 candidates waited on memory for most of its 25 ms.
func (ix *Index) pack() {
	n := [2]int{}
	for i := range ix.Entries {
		n[0] += len(ix.Entries[i].titleFold)
		n[1] += len(ix.Entries[i].textFold)
	}
	var b [2]strings.Builder
	b[0].Grow(n[0])
	b[1].Grow(n[1])
	for i := range ix.Entries {
		b[0].WriteString(ix.Entries[i].titleFold)
		b[1].WriteString(ix.Entries[i].textFold)
	}
	all := [2]string{b[0].String(), b[1].String()}
	off := [2]int{}
	for i := range ix.Entries {
		e := &ix.Entries[i]
		e.titleFold = all[0][off[0] : off[0]+len(e.titleFold)]
		off[0] += len(e.titleFold)
		e.textFold = all[1][off[1] : off[1]+len(e.textFold)]
		off[1] += len(e.textFold)
	}
}

func (ix *Index) add(e Entry) {
	e.titleFold, e.titleASCII = fold.StringASCII(e.Title)
	e.textFold, e.textASCII = fold.StringASCII(e.Text)
	e.titleInit, e.textInit = initMask(e.titleFold), initMask(e.textFold)
	ix.Entries = append(ix.Entries, e)
}

// initBit is the bit of initMask for c, 0 for a byte that is not an
// ASCII letter or digit.
func initBit(c byte) uint64 {
	switch {
	case 'a' <= c && c <= 'z':
		return 1 << (c - 'a')
	case '0' <= c && c <= '9':
		return 1 << (26 + c - '0')
	case 'A' <= c && c <= 'Z':
		return 1 << (c - 'A')
	}
	return 0
}

// initMask sets the bit of every ASCII letter or digit that starts a word
// of s, where a word starts as wordIndex has it: at the beginning or after
// a rune that is not a word rune.
func initMask(s string) uint64 {
	var m uint64
	forWordStarts(s, func(i int) { m |= initBit(s[i]) })
	return m
}

// forWordStarts calls f with the byte offset of every word start of s that
// is an ASCII letter or digit.
func forWordStarts(s string, f func(i int)) {
	prevWord := false
	for i, r := range s {
		if !prevWord && r < utf8.RuneSelf && initBit(byte(r)) != 0 {
			f(i)
		}
		prevWord = isWordRune(r)
	}
}

// addDoc adds a document's headings and text blocks. Article headings are
// KindSection; in the other documents headings keep the document's kind.
func (ix *Index) addDoc(d *doc.Document, place Place, kind Kind) {
	if d == nil {
		return
	}
	section := -1
	title := ""
	for i, b := range d.Blocks {
		if b == nil {
			continue
		}
		if b.Kind == doc.Heading {
			section++
			title = inlineText(b.Inlines)
			hk := kind
			if place == PlaceArticle {
				hk = KindSection
			}
			ix.add(Entry{named: true, Kind: hk, Title: title, Target: Target{Place: place, Block: i, Section: section}})
			continue
		}
		for _, text := range blockTexts(b, nil) {
			ix.add(Entry{Kind: kind, Title: title, Text: text, Target: Target{Place: place, Block: i, Section: section}})
		}
	}
}

// blockTexts appends the plain text of b's leaf blocks: one string per
// paragraph, code block or table row. doc.Parse is not needed for this.
func blockTexts(b *doc.Block, out []string) []string {
	if b == nil {
		return out
	}
	switch b.Kind {
	case doc.Rule:
	case doc.Table:
		if b.Table != nil {
			if s := rowText(b.Table.Header); s != "" {
				out = append(out, s)
			}
			for _, row := range b.Table.Rows {
				if s := rowText(row); s != "" {
					out = append(out, s)
				}
			}
		}
	default:
		if s := inlineText(b.Inlines); s != "" {
			out = append(out, s)
		}
		for _, c := range b.Children {
			out = blockTexts(c, out)
		}
	}
	return out
}

func rowText(cells [][]doc.Inline) string {
	parts := make([]string, 0, len(cells))
	for _, c := range cells {
		if s := inlineText(c); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// inlineText joins runs on one line, trimmed.
func inlineText(in []doc.Inline) string { return strings.TrimSpace(doc.LineText(in)) }

// studyText is what a study is found by and its snippet shows, and how
// many runes at its start only find it: the id, first, so a search for
// it still matches, though results show the label instead. The outcome
// type and the verdict are keys in studies.toml; the reader sees them in
// the pack's words ("Injuries", "No fewer injuries"), as the studies view
// shows them.
func studyText(s pack.Study, v *pack.Vocabulary) (string, int) {
	var outcome, verdict string
	if s.Outcome != "" {
		outcome = v.Outcome(s.Outcome).Label
	}
	if s.Verdict != "" {
		verdict = v.VerdictLabel(s.Verdict)
	}
	parts := []string{s.Design, s.Population.Note, s.Intervention, s.Comparator, s.Duration, s.Control,
		strings.Join(s.Measure, ", "), outcome, s.Conclusion, verdict, s.VerdictNote, s.KeyLimitation}
	var b strings.Builder
	hidden := 0
	if id := strings.TrimSpace(s.ID); id != "" {
		b.WriteString(id + " · ")
		hidden = utf8.RuneCountInString(id + " · ")
	}
	shown := b.Len()
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			if b.Len() > shown {
				b.WriteString(" · ")
			}
			b.WriteString(p)
		}
	}
	if b.Len() == shown {
		// Nothing but the id: found by it, nothing shown.
		id := strings.TrimSuffix(b.String(), " · ")
		return id, utf8.RuneCountInString(id)
	}
	return b.String(), hidden
}

// refExtra is what a reference is found by besides its displayed line:
// id, every author (the line shortens to "et al."), journal, DOI, PMID.
func refExtra(r pack.Reference) string {
	parts := []string{r.ID}
	for _, n := range r.Author {
		parts = append(parts, n.NonDroppingPart, n.Family, n.Literal)
	}
	parts = append(parts, r.ContainerTitle, r.DOI, r.PMID)
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// RefLine is the author-year-title line the references list displays:
// "Stallknecht, Dela & Helge (2007) Are blood flow ...". More than three
// authors are shortened to "First et al.".
func RefLine(r pack.Reference) string {
	var names []string
	for _, n := range r.Author {
		f := strings.TrimSpace(strings.Join(strings.Fields(n.NonDroppingPart+" "+n.Family), " "))
		if f == "" {
			f = strings.TrimSpace(n.Literal)
		}
		if f != "" {
			names = append(names, f)
		}
	}
	var b strings.Builder
	switch {
	case len(names) == 0:
	case len(names) > 3:
		b.WriteString(names[0] + " et al.")
	case len(names) == 1:
		b.WriteString(names[0])
	default:
		b.WriteString(strings.Join(names[:len(names)-1], ", ") + " & " + names[len(names)-1])
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	if y := cite.IssuedYear(r); y > 0 {
		b.WriteString("(" + strconv.Itoa(y) + ") ")
	} else {
		b.WriteString("(n.d.) ")
	}
	b.WriteString(strings.TrimSpace(r.Title))
	return strings.TrimSpace(b.String())
}
