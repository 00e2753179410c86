package pack

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/evidence-reader/evidence-reader/internal/fold"
)

// Year returns the first date part as a year, or 0 when there is none.
// CSL allows numbers and numeric strings in date-parts.
func (d *CSLDate) Year() int {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 {
		return 0
	}
	n, _ := datePart(d.DateParts[0][0])
	return n
}

func datePart(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		if x != float64(int(x)) {
			return 0, false
		}
		return int(x), true
	case json.Number:
		n, err := strconv.Atoi(string(x))
		return n, err == nil
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	}
	return 0, false
}

// problem describes what is wrong with a CSL date, or "".
func (d *CSLDate) problem() string {
	if len(d.DateParts) == 0 {
		if d.Literal != "" || d.Raw != "" {
			return ""
		}
		return "no \"date-parts\""
	}
	parts := d.DateParts[0]
	if len(parts) == 0 || len(parts) > 3 {
		return "date-parts must hold [year], [year, month] or [year, month, day]"
	}
	limits := [][2]int{{1000, 3000}, {1, 12}, {1, 31}}
	for i, v := range parts {
		n, ok := datePart(v)
		if !ok || n < limits[i][0] || n > limits[i][1] {
			return fmt.Sprintf("date part %v is not a valid %s", v, []string{"year", "month", "day"}[i])
		}
	}
	return ""
}

type finding struct {
	sev Severity
	msg string
}

var yearPattern = regexp.MustCompile(`\b(1[6-9]\d\d|20\d\d)[a-z]?\b`)

// checkIntegrity compares an in-text citation's words with its reference:
// the year it names and the first author's surname. The author's words are
// never changed; mismatches become findings for the editor.
func checkIntegrity(text string, r *Reference) []finding {
	var out []finding
	issued, online := r.Issued.Year(), r.AvailableDate.Year()
	var years []int
	for _, m := range yearPattern.FindAllStringSubmatch(text, -1) {
		y, _ := strconv.Atoi(m[1])
		years = append(years, y)
	}
	if len(years) > 0 && issued > 0 {
		has := func(y int) bool {
			for _, v := range years {
				if v == y {
					return true
				}
			}
			return false
		}
		switch {
		case has(issued):
		case online > 0 && has(online):
			out = append(out, finding{Note, fmt.Sprintf("%q gives %d, the online-first year of %q; the print issue is dated %d (not an error)", text, online, r.ID, issued)})
		default:
			when := fmt.Sprintf("%d", issued)
			if online > 0 && online != issued {
				when += fmt.Sprintf(", online %d", online)
			}
			out = append(out, finding{Warning, fmt.Sprintf("citation-integrity: %q gives %s but reference %q is dated %s", text, yearList(years), r.ID, when)})
		}
	}
	if len(r.Author) > 0 {
		if msg := authorMismatch(text, r); msg != "" {
			out = append(out, finding{Warning, msg})
		}
	}
	return out
}

func yearList(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}

// authorMismatch checks that the first author's full surname (with any
// particles) appears in the citation text. A text that names only part of
// a compound surname, such as "di Palumbo" for "Scotto di Palumbo", is
// reported as such.
func authorMismatch(text string, r *Reference) string {
	a := r.Author[0]
	family := strings.TrimSpace(strings.Join(nonEmpty(a.NonDroppingPart, a.Family), " "))
	if family == "" {
		family = a.Literal
	}
	if family == "" {
		return ""
	}
	words := nameWords(text)
	fam := nameWords(family)
	if len(words) == 0 || len(fam) == 0 {
		return ""
	}
	if containsSeq(words, fam) {
		return ""
	}
	if a.Family == "" && a.NonDroppingPart == "" {
		// A group author ("Example Review Group") is cited by a shorter
		// form of its name as often as by the whole: any two of its words
		// in a row, or the whole of a one-word name, name it; a partial
		// surname does not apply to it.
		for i := 0; i+2 <= len(fam); i++ {
			if containsSeq(words, fam[i:i+2]) {
				return ""
			}
		}
	} else {
		// Trailing part of the surname present: a partial surname.
		for i := 1; i < len(fam); i++ {
			if containsSeq(words, fam[i:]) {
				return fmt.Sprintf("citation-integrity: %q gives only part of the first author's surname %q (reference %q)", text, family, r.ID)
			}
		}
	}
	if !looksLikeName(text) {
		return ""
	}
	return fmt.Sprintf("citation-integrity: %q does not name the first author %q of reference %q", text, family, r.ID)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// nameWords lower-cases, strips diacritics and splits on anything that is
// not a letter, so "Löberbauer-Purer" and "Loberbauer Purer" compare equal.
func nameWords(s string) []string {
	var b strings.Builder
	for _, r := range fold.String(s) {
		switch {
		case unicode.IsLetter(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

func containsSeq(hay, needle []string) bool {
	for i := 0; i+len(needle) <= len(hay); i++ {
		ok := true
		for j := range needle {
			if hay[i+j] != needle[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// looksLikeName reports whether the text has a capitalised word, so that
// link texts such as "this study" are not checked for an author.
func looksLikeName(s string) bool {
	for _, w := range strings.Fields(s) {
		r := []rune(strings.Trim(w, "([,;.)"))
		if len(r) > 1 && unicode.IsUpper(r[0]) {
			return true
		}
	}
	return false
}
