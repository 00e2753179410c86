// Package topicwords finds the bundled pack's topic words in text. Tests use
// it to keep those words out of the code (every word about a pack's topic
// comes from the pack) and to check that a pack on another question shows
// none of them anywhere. The list is words.txt.
package topicwords

import (
	_ "embed"
	"strings"
	"unicode"
)

//go:embed words.txt
var list string

// term is one entry of the list: words to match in a row, the last one
// as a prefix when prefix is set.
type term struct {
	words  []string
	prefix bool
	text   string
}

var terms = parse(list)

func parse(src string) []term {
	var out []term
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		t := term{text: line}
		if strings.HasSuffix(line, "*") {
			t.prefix = true
			line = strings.TrimSuffix(line, "*")
		}
		t.words = Words(line)
		out = append(out, t)
	}
	return out
}

// List is the topic words as written in words.txt.
func List() []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.text
	}
	return out
}

// Words splits text into lower-case words, breaking at every character
// that is not a letter and inside camelCase ("WarmUp" is "warm up").
func Words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	var prev rune
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		prev = r
	}
	flush()
	return out
}

// Find returns the topic words that occur in s, as the list writes them.
func Find(s string) []string {
	words := Words(s)
	var found []string
	for _, t := range terms {
		if matches(words, t) {
			found = append(found, t.text)
		}
	}
	return found
}

func matches(words []string, t term) bool {
	n := len(t.words)
	for i := 0; i+n <= len(words); i++ {
		ok := true
		for j, w := range t.words {
			got := words[i+j]
			if j == n-1 && t.prefix {
				ok = strings.HasPrefix(got, w)
			} else {
				ok = got == w
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
