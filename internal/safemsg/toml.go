package safemsg

import (
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/tomllex"
)

// maxTOMLDepth is where TOML stops reading a file: the pack loader refuses
// anything deeper than 8 levels before the check runs, and the lexer
// recurses once per level.
const maxTOMLDepth = 64

// TOML checks the string values of the given keys in a TOML file. A key
// is written as its dotted path from the top of the file, with array
// tables named without brackets: "title" for a top-level key, and
// "study.conclusion" for conclusion in every [[study]] table. A key whose
// value is an array of strings has each string checked.
//
// The scan is lexical (internal/tomllex: strings, comments, brackets and
// headers), so it keeps exact positions, and it never fails: on malformed
// TOML it checks what it can, and the TOML decoder reports the error. It
// is linear in the file's size; it stops at a value nested deeper than 64
// levels.
//
// An opt-out comment, `# safemsg: allow RULE`, lets its own line off the
// named rules when it ends a line, and the next line when it stands alone.
func (rs *Rules) TOML(src []byte, keys []string) []Finding {
	want := map[string]bool{}
	// No wanted key has more names than this, so a deeper string's key is
	// never built.
	names := 0
	for _, k := range keys {
		want[strings.ToLower(k)] = true
		names = max(names, strings.Count(k, ".")+1)
	}
	text := string(src)
	li := newLineIndex(text)
	var (
		a     allowances
		extra []Finding
		spans []span
		key   strings.Builder
	)
	tomllex.Scan(src, &tomllex.Visitor{
		Value: func(p tomllex.Path) bool { return p.Depth <= maxTOMLDepth },
		String: func(s tomllex.Span, p tomllex.Path) {
			if dottedKey(&key, text, p, names) && want[key.String()] {
				spans = append(spans, span{s.Start, s.End})
			}
		},
		Comment: func(s tomllex.Span, alone bool) {
			c := text[s.Start:s.End]
			if _, ok := parseDirective(c); !ok {
				return
			}
			line, _ := li.at(s.Start)
			covers := []int{line}
			if alone {
				covers = []int{line + 1}
			}
			// Point at the "#".
			extra = append(extra, rs.directiveFindings(li, s.Start-1, c, covers, &a)...)
		},
	})
	return rs.findings(text, li, rs.check(text, spans), &a, extra)
}

// dottedKey writes the lower-case dotted key of a value at p into b
// (array levels, which have no name, left out: an array of strings has the
// key of the array) and reports true, or false when it has more than limit
// names.
func dottedKey(b *strings.Builder, text string, p tomllex.Path, limit int) bool {
	b.Reset()
	n := 0
	for _, s := range p.Names() {
		if s.Start == s.End {
			continue
		}
		if n++; n > limit {
			return false
		}
		if n > 1 {
			b.WriteByte('.')
		}
		b.WriteString(strings.ToLower(normKey(text[s.Start:s.End])))
	}
	return true
}

// normKey removes the spaces and quotes from a dotted key or table name.
func normKey(k string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '"', '\'', '\r':
			return -1
		}
		return r
	}, k)
}
