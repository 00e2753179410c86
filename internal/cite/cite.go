// Package cite formats pack references for people and reference managers:
// APA 7 text (plain and with italic segments), BibTeX, RIS, CSL-JSON and
// DOI/PubMed links. It is Fyne-free; the UI styles the segments itself.
package cite

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Segment is a run of APA text; Italic runs are the journal name and volume.
type Segment struct {
	Text   string
	Italic bool
}

// apaMaxAuthors is APA 7's limit: up to 20 authors are listed; beyond that
// the first 19, an ellipsis, and the last author.
const apaMaxAuthors = 20

// IssuedYear is the year of r's issued date, 0 when absent or unreadable.
func IssuedYear(r pack.Reference) int { return dateYear(r.Issued) }

// YearText is r's issued year as APA writes it: "2007", or "n.d." (no
// date) when there is none.
func YearText(r pack.Reference) string {
	if y := IssuedYear(r); y > 0 {
		return strconv.Itoa(y)
	}
	return "n.d."
}

// AvailableYear is the year of r's available-date (online first), 0 when
// absent or unreadable.
func AvailableYear(r pack.Reference) int { return dateYear(r.AvailableDate) }

// dateYear reads the first date-part, which CSL-JSON allows as a number or
// a numeric string; anything else counts as no year.
func dateYear(d *pack.CSLDate) int {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 {
		return 0
	}
	y := 0
	switch v := d.DateParts[0][0].(type) {
	case float64:
		if v != math.Trunc(v) || math.IsInf(v, 0) || math.IsNaN(v) || v < 1 || v > 9999 {
			return 0
		}
		y = int(v)
	case int:
		y = v
	case int64:
		y = int(v)
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return 0
		}
		y = int(n)
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0
		}
		y = n
	default:
		return 0
	}
	if y < 1 || y > 9999 {
		return 0
	}
	return y
}

// FirstAuthorFamily is the first author's family name with any
// non-dropping particle ("Scotto di Palumbo"), or the literal name.
func FirstAuthorFamily(r pack.Reference) string {
	if len(r.Author) == 0 {
		return ""
	}
	return familyWithParticle(r.Author[0])
}

// ShortAuthors names r's authors for a short, author-year label: "Vispute",
// "Stallknecht & Dela", "Scotto di Palumbo et al."; "" when it has none.
func ShortAuthors(r pack.Reference) string {
	switch len(r.Author) {
	case 0:
		return ""
	case 1:
		return familyWithParticle(r.Author[0])
	case 2:
		return familyWithParticle(r.Author[0]) + " & " + familyWithParticle(r.Author[1])
	}
	return familyWithParticle(r.Author[0]) + " et al."
}

func familyWithParticle(n pack.Name) string {
	if n.Literal != "" && n.Family == "" {
		return n.Literal
	}
	return joinNonEmpty(" ", n.NonDroppingPart, n.Family)
}

func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

// initials turns "Nanna L." into "N. L." and "Jean-Pierre" into "J.-P.".
func initials(given string) string {
	var out []string
	for _, word := range strings.Fields(given) {
		var parts []string
		for _, part := range strings.Split(word, "-") {
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(part, "."))
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				continue
			}
			parts = append(parts, string(unicode.ToUpper(r))+".")
		}
		if len(parts) > 0 {
			out = append(out, strings.Join(parts, "-"))
		}
	}
	return strings.Join(out, " ")
}

// apaName is "Family, G. I." with particles placed the APA way: the
// non-dropping particle stays before the family name, a dropping particle
// follows the initials ("Beethoven, L. van").
func apaName(n pack.Name) string {
	fam := familyWithParticle(n)
	if n.Family == "" {
		return fam
	}
	ini := joinNonEmpty(" ", initials(n.Given), n.DroppingParticle)
	if ini == "" {
		return fam
	}
	return fam + ", " + ini
}

// apaAuthors lists the authors per APA 7: commas, "&" before the last,
// and past 20 authors the first 19, "...", then the last.
func apaAuthors(names []pack.Name) string {
	list := make([]string, 0, len(names))
	for _, n := range names {
		if s := apaName(n); s != "" {
			list = append(list, s)
		}
	}
	switch {
	case len(list) == 0:
		return ""
	case len(list) == 1:
		return list[0]
	case len(list) > apaMaxAuthors:
		return strings.Join(list[:apaMaxAuthors-1], ", ") + ", . . . " + list[len(list)-1]
	default:
		return strings.Join(list[:len(list)-1], ", ") + ", & " + list[len(list)-1]
	}
}

// endSentence adds a full stop unless s already ends with terminal punctuation.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	switch s[len(s)-1] {
	case '.', '?', '!':
		return s
	}
	return s + "."
}

// pageRange uses the en dash APA asks for between first and last page.
func pageRange(p string) string {
	p = strings.TrimSpace(p)
	if i := strings.Index(p, "--"); i >= 0 {
		return p[:i] + "–" + p[i+2:]
	}
	return strings.Replace(p, "-", "–", 1)
}

// APASegments is the APA 7 reference as runs; the container title and
// volume are italic.
func APASegments(r pack.Reference) []Segment {
	var segs []Segment
	add := func(text string, italic bool) {
		if text == "" {
			return
		}
		if n := len(segs); n > 0 && segs[n-1].Italic == italic {
			segs[n-1].Text += text
			return
		}
		segs = append(segs, Segment{Text: text, Italic: italic})
	}

	year := YearText(r)
	authors := apaAuthors(r.Author)
	title := endSentence(r.Title)
	if authors != "" {
		add(endSentence(authors)+" ", false)
		add("("+year+"). ", false)
		if title != "" {
			add(title+" ", false)
		}
	} else {
		// APA moves the title into the author position when there is no author.
		if title != "" {
			add(title+" ", false)
		}
		add("("+year+"). ", false)
	}

	if c := strings.TrimSpace(r.ContainerTitle); c != "" {
		add(c, true)
		if v := strings.TrimSpace(r.Volume); v != "" {
			add(", "+v, true)
		}
		if is := strings.TrimSpace(r.Issue); is != "" {
			add("("+is+")", false)
		}
		if p := strings.TrimSpace(r.Page); p != "" {
			add(", "+pageRange(p), false)
		}
		add(". ", false)
	}
	if u := DOIURL(r); u != "" {
		add(u, false)
	} else if u := strings.TrimSpace(r.URL); u != "" {
		add(u, false)
	}
	if n := len(segs); n > 0 && !segs[n-1].Italic {
		segs[n-1].Text = strings.TrimRight(segs[n-1].Text, " ")
	}
	return segs
}

// APA is the APA 7 reference as plain text.
func APA(r pack.Reference) string {
	var b strings.Builder
	for _, s := range APASegments(r) {
		b.WriteString(s.Text)
	}
	return b.String()
}

// DOIURL is the https://doi.org/ link for r, "" without a DOI.
func DOIURL(r pack.Reference) string {
	if d := bareDOI(r.DOI); d != "" {
		return "https://doi.org/" + d
	}
	return ""
}

// bareDOI strips a resolver URL or "doi:" prefix, so a DOI written either
// way comes out the same.
func bareDOI(d string) string {
	d = strings.TrimSpace(d)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if len(d) >= len(p) && strings.EqualFold(d[:len(p)], p) {
			d = strings.TrimSpace(d[len(p):])
			break
		}
	}
	return d
}

// PubMedURL is the PubMed page for r, "" without a numeric PMID.
func PubMedURL(r pack.Reference) string {
	p := strings.TrimSpace(r.PMID)
	if p == "" {
		return ""
	}
	for _, c := range p {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return "https://pubmed.ncbi.nlm.nih.gov/" + p + "/"
}

// CSLJSON is the single item as indented CSL-JSON, custom fields included.
func CSLJSON(r pack.Reference) (string, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", fmt.Errorf("cite: reference %q: %w", r.ID, err)
	}
	return string(b), nil
}

// BibTeXKey is a stable key: ASCII-folded first author family, year and
// the first significant title word, e.g. "stallknecht2007blood".
func BibTeXKey(r pack.Reference) string {
	var b strings.Builder
	writeKeyPart(&b, FirstAuthorFamily(r), true)
	if y := IssuedYear(r); y > 0 {
		b.WriteString(strconv.Itoa(y))
	}
	for _, w := range strings.Fields(r.Title) {
		var wb strings.Builder
		writeKeyPart(&wb, w, false)
		if wb.Len() > 3 && !stopWords[wb.String()] {
			b.WriteString(wb.String())
			break
		}
	}
	if b.Len() == 0 {
		writeKeyPart(&b, r.ID, false)
	}
	if b.Len() == 0 {
		return "ref"
	}
	return b.String()
}

var stopWords = map[string]bool{"with": true, "from": true, "that": true, "this": true, "does": true, "into": true, "there": true, "their": true, "what": true, "when": true, "which": true}

// writeKeyPart writes the lowercase ASCII letters and digits of s,
// folding Latin diacritics ("Löberbauer-Purer" -> "loberbauerpurer").
func writeKeyPart(b *strings.Builder, s string, lettersOnly bool) {
	for _, c := range s {
		c = unicode.ToLower(c)
		if f, ok := asciiFold[c]; ok {
			b.WriteString(f)
			continue
		}
		if c >= 'a' && c <= 'z' || !lettersOnly && c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
}

// asciiFold maps common Latin letters with diacritics to ASCII for keys.
var asciiFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ą': "a", 'æ': "ae",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ß': "ss", 'ť': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// bibEscape protects BibTeX specials; non-ASCII stays UTF-8 (biber and
// modern BibTeX read it).
func bibEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '{', '}', '&', '%', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// bibName is "{Family}, Given"; the family is braced so particles and
// compound names are not split by BibTeX's name parser.
func bibName(n pack.Name) string {
	if n.Family == "" {
		return "{" + bibEscape(n.Literal) + "}"
	}
	fam := "{" + bibEscape(familyWithParticle(n)) + "}"
	given := joinNonEmpty(" ", n.Given, n.DroppingParticle)
	if given == "" {
		return fam
	}
	return fam + ", " + bibEscape(given)
}

// BibTeX is r as one @article entry (or @misc when there is no journal).
func BibTeX(r pack.Reference) string {
	kind := "article"
	if strings.TrimSpace(r.ContainerTitle) == "" {
		kind = "misc"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", kind, BibTeXKey(r))
	field := func(name, val string) {
		if val = strings.TrimSpace(val); val != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", name, val)
		}
	}
	var names []string
	for _, n := range r.Author {
		names = append(names, bibName(n))
	}
	field("author", strings.Join(names, " and "))
	field("title", "{"+bibEscape(r.Title)+"}")
	field("journal", bibEscape(r.ContainerTitle))
	if y := IssuedYear(r); y > 0 {
		field("year", strconv.Itoa(y))
	}
	field("volume", bibEscape(r.Volume))
	field("number", bibEscape(r.Issue))
	if p := strings.TrimSpace(r.Page); p != "" {
		field("pages", bibEscape(strings.Replace(strings.Replace(p, "–", "-", 1), "-", "--", 1)))
	}
	field("doi", bibEscape(bareDOI(r.DOI)))
	field("pmid", bibEscape(r.PMID))
	field("url", bibEscape(r.URL))
	field("note", bibEscape(r.Note))
	b.WriteString("}\n")
	return b.String()
}

// RIS is r as one RIS record (TY JOUR ... ER).
func RIS(r pack.Reference) string {
	var b strings.Builder
	tag := func(t, v string) {
		v = strings.Join(strings.Fields(v), " ")
		if v != "" {
			fmt.Fprintf(&b, "%s  - %s\r\n", t, v)
		}
	}
	ty := "JOUR"
	if strings.TrimSpace(r.ContainerTitle) == "" {
		ty = "GEN"
	}
	tag("TY", ty)
	tag("ID", r.ID)
	for _, n := range r.Author {
		if n.Family == "" {
			tag("AU", n.Literal)
			continue
		}
		tag("AU", joinNonEmpty(", ", familyWithParticle(n), joinNonEmpty(" ", n.Given, n.DroppingParticle)))
	}
	tag("TI", r.Title)
	tag("T2", r.ContainerTitle)
	tag("J2", r.ContainerShort)
	if y := IssuedYear(r); y > 0 {
		tag("PY", strconv.Itoa(y))
	}
	tag("VL", r.Volume)
	tag("IS", r.Issue)
	if p := strings.TrimSpace(r.Page); p != "" {
		sp, ep, ok := strings.Cut(strings.Replace(p, "–", "-", 1), "-")
		tag("SP", sp)
		if ok {
			tag("EP", ep)
		}
	}
	tag("DO", bareDOI(r.DOI))
	tag("UR", r.URL)
	tag("AN", r.PMID)
	tag("N1", r.Note)
	b.WriteString("ER  - \r\n")
	return b.String()
}
