package doc

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// specExample is one CommonMark example from goldmark's own test suite
// (copied from the module's _test/spec.json into testdata).
type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

func loadSpec(t testing.TB) []specExample {
	t.Helper()
	b, err := os.ReadFile("testdata/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex []specExample
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	return ex
}

var tagRE = regexp.MustCompile(`(?s)<[^>]*>`)

// words returns the set of words (runs of letters and digits) in s.
func words(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		set[w] = true
	}
	return set
}

// htmlWords is the word set of the text content of goldmark's HTML for src.
func htmlWords(t testing.TB, src string) map[string]bool {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	return words(html.UnescapeString(tagRE.ReplaceAllString(buf.String(), "")))
}

// TestCommonMarkSpec runs every CommonMark example through Parse. Parse
// must not fail or panic, and every word of the text goldmark itself
// renders must be in Document.Text. Our text may hold more words than the
// HTML: raw HTML is kept as literal text (goldmark's safe renderer omits
// it), and image alt text is text for us but an attribute in HTML. Those
// are the only reasons the sets differ, so the assertion is one-sided.
func TestCommonMarkSpec(t *testing.T) {
	exact := 0
	ex := loadSpec(t)
	for _, e := range ex {
		d, err := Parse([]byte(e.Markdown))
		if e.Markdown == "+++\n" {
			// Example 44 is a paragraph "+++" in CommonMark, but for us a
			// first line of exactly +++ opens front matter, here unclosed.
			var pe *Error
			if !errors.As(err, &pe) || pe.Line != 1 {
				t.Errorf("example %d: got %v, want an unclosed front matter *Error on line 1", e.Example, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("example %d (%s): %v", e.Example, e.Section, err)
			continue
		}
		ours := words(d.Text())
		want := htmlWords(t, e.Markdown)
		var missing []string
		for w := range want {
			if !ours[w] {
				missing = append(missing, w)
			}
		}
		if len(missing) > 0 {
			t.Errorf("example %d (%s): words lost %q\nmarkdown: %q\ntext: %q", e.Example, e.Section, missing, e.Markdown, d.Text())
			continue
		}
		if len(ours) == len(want) {
			exact++
		}
	}
	t.Logf("%d of %d examples: word sets identical to goldmark's HTML text; the rest keep every word and add raw HTML or alt text", exact, len(ex))
	if len(ex) != 652 {
		t.Errorf("spec.json has %d examples, want 652", len(ex))
	}
}
