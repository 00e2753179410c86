package pack

import (
	"fmt"
)

// Limits of the TOML pre-screen, which runs before BurntSushi/toml sees a
// file (pack.toml, studies.toml and Markdown front matter). The parser
// (v1.6.0) spells out the full dotted name of a key for every level it
// opens, so time and memory grow with the square of the nesting depth: a
// 60 KB pack.toml of 15,000 nested inline tables took a minute and 9.5 GB,
// and 85,000 keys like k.a.a.a.a.a.a.a.a.a.a.a.a.a.a = 1 took 24 s and 1.3 GB.
// It also keeps a few hundred bytes for every key, table and array element
// (8 MiB of "kN = 1" lines: 4.6 s and 370 MB). docs/pack-format.md lists
// the limits; real packs stay far below them (the bundled pack nests 4
// deep, and the 1,000-study benchmark pack's studies.toml holds 27,000
// values).
const (
	// MaxTOMLDepth is the deepest a value may sit: the names on its full
	// path, counting each part of a table header and of a dotted key, each
	// inline table and each array level.
	MaxTOMLDepth = 8
	// MaxTOMLValues is how many keys, tables (the implicit parents of a
	// dotted key too) and array elements one file may hold.
	MaxTOMLValues = 50000
	// MaxTOMLNameBytes bounds the full dotted names of all of a file's
	// keys and tables together (study.risk_of_bias.d1.level counts 27),
	// which the parser keeps a copy of for each.
	MaxTOMLNameBytes = 4 << 20
)

// tomlScreen is a lexer for just enough of TOML to measure nesting: strings
// (all four kinds, with TOML's escape and closing-quote rules), comments,
// keys, table headers, arrays and inline tables. It must never see less
// nesting than the parser does, so where the input is not valid TOML it
// keeps counting brackets rather than stopping (the parser stops at the
// first error, so what follows costs it nothing).
type tomlScreen struct {
	src       []byte
	i         int
	values    int
	nameBytes int
	// stmt is the offset where the current top-level statement (a key or
	// a table header) starts; the errors point there.
	stmt       int
	stmtValues int
	// heavy is the statement with the most values, for the deadline error.
	heavy, heavyValues int
	err                *tomlScreenError
}

// tomlPath is where a value sits: its depth and the length of its full name.
type tomlPath struct{ depth, bytes int }

// child is the path of a name of n bytes inside p.
func (p tomlPath) child(n int) tomlPath { return tomlPath{p.depth + 1, p.bytes + n + 1} }

// tomlScreenError is a refusal at a byte offset of the screened source.
type tomlScreenError struct {
	off int
	msg string
}

// screenTOML checks src against MaxTOMLDepth and MaxTOMLValues. It returns
// the refusal, if any, and the offset of the statement holding the most
// values, where a parse that runs out of time most likely spent it.
func screenTOML(src []byte) (refusal *tomlScreenError, heaviest int, values int) {
	s := &tomlScreen{src: src}
	s.run()
	return s.err, s.heavy, s.values
}

func (s *tomlScreen) eof() bool  { return s.i >= len(s.src) || s.err != nil }
func (s *tomlScreen) peek() byte { return s.src[s.i] }

func (s *tomlScreen) at(off int) byte {
	if off < len(s.src) {
		return s.src[off]
	}
	return 0
}

func (s *tomlScreen) run() {
	var table tomlPath // the current [table]
	for !s.eof() {
		s.skipSpace()
		if s.eof() {
			break
		}
		switch s.peek() {
		case '\n', '\r':
			s.i++
			continue
		case '#':
			s.skipComment()
			continue
		}
		s.begin()
		if s.peek() == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		s.end()
		s.skipSpace()
		if !s.eof() && s.peek() == '#' {
			s.skipComment()
		}
		if !s.eof() && s.peek() != '\n' && s.peek() != '\r' {
			// Not valid TOML: the parser stops here. Count what is left of
			// the line as nesting anyway.
			s.begin()
			s.junk(table.child(0))
			s.end()
		}
	}
}

func (s *tomlScreen) begin() { s.stmt, s.stmtValues = s.i, 0 }

func (s *tomlScreen) end() {
	if s.stmtValues > s.heavyValues {
		s.heavy, s.heavyValues = s.stmt, s.stmtValues
	}
}

// count adds one key, table or array element at p. It reports false once
// the file is refused.
func (s *tomlScreen) count(p tomlPath) bool {
	s.values++
	s.stmtValues++
	s.nameBytes += p.bytes
	switch {
	case s.err != nil:
	case p.depth > MaxTOMLDepth:
		s.err = &tomlScreenError{off: s.stmt, msg: fmt.Sprintf(
			"TOML nested more than %d levels deep (table names, dotted keys, inline tables and arrays together); refused", MaxTOMLDepth)}
	case s.values > MaxTOMLValues:
		s.err = &tomlScreenError{off: s.stmt, msg: fmt.Sprintf(
			"more than %d keys, tables and array elements; a TOML file this large is refused", MaxTOMLValues)}
	case s.nameBytes > MaxTOMLNameBytes:
		s.err = &tomlScreenError{off: s.stmt, msg: fmt.Sprintf(
			"the full names of the keys add up to more than %d MiB; a TOML file with keys this long is refused", MaxTOMLNameBytes>>20)}
	}
	return s.err == nil
}

// header reads [a.b] or [[a.b]] and returns the table's path.
func (s *tomlScreen) header() tomlPath {
	s.i++ // [
	if !s.eof() && s.peek() == '[' {
		s.i++
	}
	p := s.key(tomlPath{})
	s.count(p)
	s.skipSpace()
	for n := 0; n < 2 && !s.eof() && s.peek() == ']'; n++ {
		s.i++
	}
	return p
}

// keyValue reads key = value in the table at t.
func (s *tomlScreen) keyValue(t tomlPath) {
	p := s.key(t)
	s.skipSpace()
	if s.eof() || s.peek() != '=' {
		return // not valid TOML; run counts the rest of the line
	}
	s.i++
	if s.count(p) {
		s.value(p)
	}
}

// key reads a bare, quoted or dotted key below t and returns its path. The
// parents a dotted key implies (a and a.b in a.b.c) are counted here, as
// the parser makes a table for each.
func (s *tomlScreen) key(t tomlPath) tomlPath {
	p := t
	for !s.eof() {
		s.skipSpace()
		if s.eof() {
			break
		}
		start := s.i
		switch s.peek() {
		case '"', '\'':
			s.str()
		default:
			for !s.eof() && !isKeyStop(s.peek()) {
				s.i++
			}
		}
		p = p.child(s.i - start)
		s.skipSpace()
		if s.eof() || s.peek() != '.' {
			break
		}
		s.i++
		if !s.count(p) {
			break
		}
	}
	if p.depth == t.depth {
		p = t.child(0) // no key at all: not valid TOML
	}
	return p
}

// isKeyStop ends a bare key. TOML allows only A-Za-z0-9_- there; anything
// else is left to the parser to refuse.
func isKeyStop(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '.', '=', '#', '[', ']', '{', '}', ',', '"', '\'':
		return true
	}
	return false
}

// value reads the value of the key at p.
func (s *tomlScreen) value(p tomlPath) {
	s.skipSpace()
	if s.eof() {
		return
	}
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '[':
		s.i++
		s.array(p)
	case '{':
		s.i++
		s.inline(p)
	default:
		for !s.eof() && !isValueStop(s.peek()) {
			s.i++
		}
	}
}

// isValueStop ends a number, date, boolean or other bare value.
func isValueStop(c byte) bool {
	switch c {
	case '\r', '\n', ',', '#', '[', ']', '{', '}', '"', '\'', '=':
		return true
	}
	return false
}

// array reads the elements after [ up to the closing ]; each sits one
// level below the array.
func (s *tomlScreen) array(p tomlPath) {
	el := p.child(0)
	for !s.eof() {
		s.skipBlank()
		if s.eof() {
			return
		}
		switch s.peek() {
		case ']':
			s.i++
			return
		case ',', '}', '=':
			s.i++ // "," between elements; the others are not valid here
			continue
		}
		if s.count(el) {
			s.value(el)
		}
	}
}

// inline reads the keys of an inline table after { up to the closing }.
// Newlines are allowed inside, as TOML 1.1 does.
func (s *tomlScreen) inline(t tomlPath) {
	for !s.eof() {
		s.skipBlank()
		if s.eof() {
			return
		}
		switch s.peek() {
		case '}':
			s.i++
			return
		case ',', ']':
			s.i++
			continue
		case '[', '{':
			s.value(t.child(0)) // not valid TOML; counted as nesting
			continue
		}
		p := s.key(t)
		s.skipSpace()
		if !s.eof() && s.peek() == '=' {
			s.i++
		}
		if s.count(p) {
			s.value(p)
		}
	}
}

// junk counts the nesting of what is left of a line that is not valid
// TOML, treating every [ and { as a level.
func (s *tomlScreen) junk(p tomlPath) {
	for !s.eof() && s.peek() != '\n' {
		switch s.peek() {
		case '[', '{':
			if s.count(p) {
				s.value(p)
			}
		case '"', '\'':
			s.str()
		case '#':
			s.skipComment()
		default:
			s.i++
		}
	}
}

// str skips a string of any of TOML's four kinds, starting at its quote.
func (s *tomlScreen) str() {
	q := s.peek()
	if s.at(s.i+1) == q && s.at(s.i+2) == q {
		s.i += 3
		for !s.eof() {
			c := s.peek()
			switch {
			case c == '\\' && q == '"':
				s.i += 2
			case c == q:
				// A run of three to five quotes closes the string; the
				// first one or two belong to its text.
				n := 0
				for !s.eof() && s.peek() == q {
					n++
					s.i++
				}
				if n >= 3 {
					return
				}
			default:
				s.i++
			}
		}
		return
	}
	s.i++
	for !s.eof() {
		switch c := s.peek(); {
		case c == '\\' && q == '"':
			s.i += 2
		case c == q:
			s.i++
			return
		case c == '\n':
			return // unterminated: the parser refuses the line
		default:
			s.i++
		}
	}
}

func (s *tomlScreen) skipSpace() {
	for !s.eof() && (s.peek() == ' ' || s.peek() == '\t') {
		s.i++
	}
}

// skipBlank skips spaces, newlines and comments, as allowed between array
// elements.
func (s *tomlScreen) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.i++
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

func (s *tomlScreen) skipComment() {
	for !s.eof() && s.peek() != '\n' {
		s.i++
	}
}
