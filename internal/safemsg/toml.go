package safemsg

import (
	"strings"
)

// TOML checks the string values of the given keys in a TOML file. A key
// is written as its dotted path from the top of the file, with array
// tables named without brackets: "title" for a top-level key, and
// "study.conclusion" for conclusion in every [[study]] table. A key whose
// value is an array of strings has each string checked.
//
// The scan is lexical (strings, comments, brackets and headers), so it
// keeps exact positions, and it never fails: on malformed TOML it checks
// what it can, and the TOML decoder reports the error.
//
// An opt-out comment, `# safemsg: allow RULE`, lets its own line off the
// named rules when it ends a line, and the next line when it stands alone.
func (rs *Rules) TOML(src []byte, keys []string) []Finding {
	want := map[string]bool{}
	for _, k := range keys {
		want[strings.ToLower(k)] = true
	}
	text := string(src)
	li := newLineIndex(text)
	var (
		a     allowances
		extra []Finding
		spans []span
	)
	for _, tok := range scanTOML(text) {
		switch tok.kind {
		case tokString:
			if want[strings.ToLower(tok.key)] {
				spans = append(spans, span{tok.start, tok.end})
			}
		case tokComment:
			c := text[tok.start:tok.end]
			if _, ok := parseDirective(c); !ok {
				continue
			}
			line, _ := li.at(tok.start)
			covers := []int{line}
			if tok.alone {
				covers = []int{line + 1}
			}
			// Point at the "#".
			extra = append(extra, rs.directiveFindings(li, tok.start-1, c, covers, &a)...)
		}
	}
	return rs.findings(text, li, rs.check(text, spans), &a, extra)
}

type tokKind int

const (
	tokString tokKind = iota
	tokComment
)

// token is a string's contents (between its quotes, escapes as written)
// with the dotted key it is the value of, or a comment's text after its #.
type token struct {
	kind       tokKind
	start, end int
	key        string
	// alone is true for a comment with nothing before it on its line.
	alone bool
}

// frame is one open value: the top-level value of a key, an array or an
// inline table. Strings take the key of the innermost frame.
type frame struct {
	brace bool
	// base is the key of the enclosing frame; key is the key whose value is
	// being read (an inline table's current key extends base).
	base, key string
}

type tomlScanner struct {
	src   string
	i     int
	table string
	stack []frame
	// expectKey is true where an inline table's next key may start.
	expectKey bool
	toks      []token
}

func scanTOML(src string) []token {
	s := &tomlScanner{src: src}
	s.run()
	return s.toks
}

func (s *tomlScanner) top() *frame {
	if len(s.stack) == 0 {
		s.stack = append(s.stack, frame{})
	}
	return &s.stack[len(s.stack)-1]
}

func (s *tomlScanner) run() {
	lineStart, lineHasCode := true, false
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch c {
		case '\n':
			s.i++
			lineStart, lineHasCode = true, false
			continue
		case ' ', '\t', '\r':
			s.i++
			continue
		case '#':
			end := strings.IndexByte(s.src[s.i:], '\n')
			if end < 0 {
				end = len(s.src)
			} else {
				end += s.i
			}
			textEnd := end
			if textEnd > s.i+1 && s.src[textEnd-1] == '\r' {
				textEnd--
			}
			s.toks = append(s.toks, token{kind: tokComment, start: s.i + 1, end: textEnd, alone: !lineHasCode})
			s.i = end
			continue
		}
		lineHasCode = true
		if lineStart && len(s.stack) <= 1 {
			lineStart = false
			if c == '[' {
				s.header()
			} else {
				s.key()
			}
			continue
		}
		lineStart = false
		if s.expectKey && c != '}' {
			s.expectKey = false
			s.inlineKey()
			continue
		}
		switch c {
		case '"', '\'':
			s.str()
		case '[':
			s.stack = append(s.stack, frame{base: s.top().key, key: s.top().key})
			s.i++
		case '{':
			s.stack = append(s.stack, frame{brace: true, base: s.top().key, key: s.top().key})
			s.expectKey = true
			s.i++
		case ']', '}':
			if len(s.stack) > 1 {
				s.stack = s.stack[:len(s.stack)-1]
			}
			s.expectKey = false
			s.i++
		case ',':
			s.expectKey = s.top().brace
			s.i++
		default:
			s.i++
		}
	}
}

// header reads a [table] or [[array.table]] header.
func (s *tomlScanner) header() {
	rest := s.src[s.i:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	inner := strings.TrimLeft(rest, "[")
	name, _, _ := strings.Cut(inner, "]")
	s.table = normKey(name)
	s.stack = nil
	s.expectKey = false
	// Skip to after the closing brackets; a comment after them is scanned
	// as usual.
	skip := len(rest) - len(inner) + len(name)
	for skip < len(rest) && rest[skip] == ']' {
		skip++
	}
	s.i += skip
}

// readKeyText reads a (possibly dotted, possibly quoted) key up to its "=",
// leaving s.i after the "=". It stops at the end of the line on a key with
// no "=".
func (s *tomlScanner) readKeyText() string {
	var b strings.Builder
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch c {
		case '=':
			s.i++
			return b.String()
		case '\n':
			return b.String()
		case '"', '\'':
			end := strings.IndexAny(s.src[s.i+1:], string(c)+"\n")
			if end < 0 {
				end = len(s.src) - s.i - 1
			}
			b.WriteString(s.src[s.i+1 : s.i+1+end])
			s.i += end + 2
			continue
		}
		b.WriteByte(c)
		s.i++
	}
	return b.String()
}

func (s *tomlScanner) key() {
	k := normKey(s.readKeyText())
	if s.table != "" {
		k = s.table + "." + k
	}
	s.stack = []frame{{key: k}}
}

func (s *tomlScanner) inlineKey() {
	f := s.top()
	f.key = f.base + "." + normKey(s.readKeyText())
}

// str reads a basic or literal string, single- or multi-line, and records
// its contents with the current key.
func (s *tomlScanner) str() {
	q := s.src[s.i]
	multi := strings.HasPrefix(s.src[s.i:], strings.Repeat(string(q), 3))
	start := s.i + 1
	if multi {
		start = s.i + 3
	}
	i := start
	end := len(s.src)
	for i < len(s.src) {
		c := s.src[i]
		if c == '\\' && q == '"' {
			i += 2
			continue
		}
		if c == '\n' && !multi {
			end = i
			break
		}
		if c == q && (!multi || strings.HasPrefix(s.src[i:], strings.Repeat(string(q), 3))) {
			end = i
			break
		}
		i++
	}
	end = min(end, len(s.src))
	s.toks = append(s.toks, token{kind: tokString, start: start, end: end, key: s.top().key})
	s.i = end
	if end < len(s.src) && s.src[end] != '\n' {
		s.i++
		if multi {
			s.i = min(end+3, len(s.src))
		}
	}
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
