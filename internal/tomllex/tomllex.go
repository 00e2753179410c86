// Package tomllex is a lexer for just enough of TOML to follow its
// structure: strings (all four kinds, with TOML's escape and closing-quote
// rules), comments, keys, table headers, arrays and inline tables. It does
// not decode values; BurntSushi/toml does that.
//
// It is the one TOML lexer of the pack loader's pre-screen (which counts
// the nesting and the values before the parser runs) and of the
// safe-messaging check (which reads string values by their dotted keys).
// It runs in one pass, in time and memory linear in its input and in the
// depth at which the visitor stops it: each level of nesting costs one
// entry on a stack of names, never a copy of the names above it.
//
// Where the input is not valid TOML it keeps going rather than stopping,
// and counts every bracket as a level, so that it never sees less nesting
// than the parser does (the parser stops at the first error, so what
// follows costs it nothing).
package tomllex

// Span is the byte range [Start, End) of a piece of the source.
type Span struct{ Start, End int }

// Path is where a key, table, array element or string value sits.
type Path struct {
	// Depth counts the names on its full path: each part of a table header
	// and of a dotted key, each key of an inline table, and one for each
	// array level, whose name is empty.
	Depth int
	// Bytes is the length of the full dotted name: each name and a dot
	// after it (study.risk_of_bias.d1.level counts 27 + 1).
	Bytes int
	// names is the lexer's stack of names; the path's are the first Depth.
	names *[]Span
}

// Names returns the path's names as spans of the source (a quoted key with
// its quotes, an array level as an empty span). The slice is the lexer's
// own and is valid only during the visitor's call.
func (p Path) Names() []Span {
	if p.names == nil {
		return nil
	}
	return (*p.names)[:p.Depth]
}

// Visitor receives what Scan finds, in source order. Any field may be nil.
type Visitor struct {
	// Statement is called where each top-level statement starts: a key,
	// a table header, or what is left of a line that is not valid TOML.
	Statement func(off int)
	// Value is called for every key, table (a dotted key's implicit
	// parents too) and array element before it is read; returning false
	// stops the scan. The lexer recurses once per level, so a visitor
	// facing hostile input stops it at some depth.
	Value func(p Path) bool
	// String is called for every string value (not a quoted key) with its
	// contents, between the quotes with escapes as written, and its path.
	String func(contents Span, p Path)
	// Comment is called for every comment with its text after the "#",
	// without a final "\r"; alone is true when only blanks precede it on
	// its line.
	Comment func(text Span, alone bool)
}

type lexer struct {
	src   []byte
	i     int
	v     *Visitor
	names []Span
	stop  bool
}

// Scan lexes src, calling v for what it finds.
func Scan(src []byte, v *Visitor) {
	l := &lexer{src: src, v: v}
	l.run()
}

func (l *lexer) eof() bool  { return l.i >= len(l.src) || l.stop }
func (l *lexer) peek() byte { return l.src[l.i] }

func (l *lexer) at(off int) byte {
	if off < len(l.src) {
		return l.src[off]
	}
	return 0
}

func (l *lexer) path(depth, bytes int) Path { return Path{depth, bytes, &l.names} }

// child pushes a name onto p, which must be the innermost path, and
// returns the path of the name.
func (l *lexer) child(p Path, name Span) Path {
	l.names = append(l.names[:p.Depth], name)
	return l.path(p.Depth+1, p.Bytes+name.End-name.Start+1)
}

// count reports p to the visitor; false stops the scan.
func (l *lexer) count(p Path) bool {
	if l.stop {
		return false
	}
	if l.v.Value != nil && !l.v.Value(p) {
		l.stop = true
	}
	return !l.stop
}

func (l *lexer) statement() {
	if l.v.Statement != nil {
		l.v.Statement(l.i)
	}
}

func (l *lexer) run() {
	table := l.path(0, 0) // the current [table]
	for !l.eof() {
		l.skipSpace()
		if l.eof() {
			break
		}
		switch l.peek() {
		case '\n', '\r':
			l.i++
			continue
		case '#':
			l.skipComment()
			continue
		}
		l.statement()
		if l.peek() == '[' {
			table = l.header()
		} else {
			l.keyValue(table)
		}
		l.skipSpace()
		if !l.eof() && l.peek() == '#' {
			l.skipComment()
		}
		if !l.eof() && l.peek() != '\n' && l.peek() != '\r' {
			// Not valid TOML: the parser stops here. Count what is left of
			// the line as nesting anyway.
			l.statement()
			l.junk(l.child(table, Span{l.i, l.i}))
		}
	}
}

// header reads [a.b] or [[a.b]] and returns the table's path.
func (l *lexer) header() Path {
	l.i++ // [
	if !l.eof() && l.peek() == '[' {
		l.i++
	}
	p := l.key(l.path(0, 0))
	l.count(p)
	l.skipSpace()
	for n := 0; n < 2 && !l.eof() && l.peek() == ']'; n++ {
		l.i++
	}
	return p
}

// keyValue reads key = value in the table at t.
func (l *lexer) keyValue(t Path) {
	p := l.key(t)
	l.skipSpace()
	if l.eof() || l.peek() != '=' {
		return // not valid TOML; run counts the rest of the line
	}
	l.i++
	if l.count(p) {
		l.value(p)
	}
}

// key reads a bare, quoted or dotted key below t and returns its path. The
// parents a dotted key implies (a and a.b in a.b.c) are counted here, as
// the parser makes a table for each.
func (l *lexer) key(t Path) Path {
	p := t
	for !l.eof() {
		l.skipSpace()
		if l.eof() {
			break
		}
		start := l.i
		switch l.peek() {
		case '"', '\'':
			l.str()
		default:
			for !l.eof() && !isKeyStop(l.peek()) {
				l.i++
			}
		}
		p = l.child(p, Span{start, min(l.i, len(l.src))})
		l.skipSpace()
		if l.eof() || l.peek() != '.' {
			break
		}
		l.i++
		if !l.count(p) {
			break
		}
	}
	if p.Depth == t.Depth {
		p = l.child(t, Span{l.i, l.i}) // no key at all: not valid TOML
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
func (l *lexer) value(p Path) {
	l.skipSpace()
	if l.eof() {
		return
	}
	switch l.peek() {
	case '"', '\'':
		s := l.str()
		if l.v.String != nil {
			l.v.String(s, p)
		}
	case '[':
		l.i++
		l.array(p)
	case '{':
		l.i++
		l.inline(p)
	default:
		for !l.eof() && !isValueStop(l.peek()) {
			l.i++
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
// level below the array, with an empty name.
func (l *lexer) array(p Path) {
	for !l.eof() {
		l.skipBlank()
		if l.eof() {
			return
		}
		switch l.peek() {
		case ']':
			l.i++
			return
		case ',', '}', '=':
			l.i++ // "," between elements; the others are not valid here
			continue
		}
		if el := l.child(p, Span{l.i, l.i}); l.count(el) {
			l.value(el)
		}
	}
}

// inline reads the keys of an inline table after { up to the closing }.
// Newlines are allowed inside, as TOML 1.1 does.
func (l *lexer) inline(t Path) {
	for !l.eof() {
		l.skipBlank()
		if l.eof() {
			return
		}
		switch l.peek() {
		case '}':
			l.i++
			return
		case ',', ']':
			l.i++
			continue
		case '[', '{':
			// Not valid TOML; counted as a level of nesting, so that
			// "{{{{…" cannot recurse without the visitor seeing it.
			if c := l.child(t, Span{l.i, l.i}); l.count(c) {
				l.value(c)
			}
			continue
		}
		p := l.key(t)
		l.skipSpace()
		if !l.eof() && l.peek() == '=' {
			l.i++
		}
		if l.count(p) {
			l.value(p)
		}
	}
}

// junk counts the nesting of what is left of a line that is not valid
// TOML, treating every [ and { as a level.
func (l *lexer) junk(p Path) {
	for !l.eof() && l.peek() != '\n' {
		switch l.peek() {
		case '[', '{':
			if l.count(p) {
				l.value(p)
			}
		case '"', '\'':
			l.str()
		case '#':
			l.skipComment()
		default:
			l.i++
		}
	}
}

// str skips a string of any of TOML's four kinds, starting at its quote,
// and returns its contents.
func (l *lexer) str() Span {
	q := l.peek()
	if l.at(l.i+1) == q && l.at(l.i+2) == q {
		l.i += 3
		start := l.i
		for !l.eof() {
			c := l.peek()
			switch {
			case c == '\\' && q == '"':
				l.i += 2
			case c == q:
				// A run of three to five quotes closes the string; the
				// first one or two belong to its text.
				n := 0
				for !l.eof() && l.peek() == q {
					n++
					l.i++
				}
				if n >= 3 {
					return Span{start, l.i - 3}
				}
			default:
				l.i++
			}
		}
		return Span{start, min(l.i, len(l.src))}
	}
	l.i++
	start := l.i
	for !l.eof() {
		switch c := l.peek(); {
		case c == '\\' && q == '"':
			l.i += 2
		case c == q:
			l.i++
			return Span{start, l.i - 1}
		case c == '\n':
			return Span{start, l.i} // unterminated: the parser refuses the line
		default:
			l.i++
		}
	}
	return Span{start, min(l.i, len(l.src))}
}

func (l *lexer) skipSpace() {
	for !l.eof() && (l.peek() == ' ' || l.peek() == '\t') {
		l.i++
	}
}

// skipBlank skips spaces, newlines and comments, as allowed between array
// elements.
func (l *lexer) skipBlank() {
	for !l.eof() {
		switch l.peek() {
		case ' ', '\t', '\r', '\n':
			l.i++
		case '#':
			l.skipComment()
		default:
			return
		}
	}
}

// skipComment skips a comment from its "#" to the end of its line and
// reports it.
func (l *lexer) skipComment() {
	hash := l.i
	for !l.eof() && l.peek() != '\n' {
		l.i++
	}
	if l.v.Comment == nil {
		return
	}
	end := min(l.i, len(l.src))
	if end > hash+1 && l.src[end-1] == '\r' {
		end--
	}
	// Only one comment fits on a line, so looking back over the blanks
	// before it costs no more than the line itself.
	alone := true
	for j := hash - 1; j >= 0 && l.src[j] != '\n'; j-- {
		if c := l.src[j]; c != ' ' && c != '\t' && c != '\r' {
			alone = false
			break
		}
	}
	l.v.Comment(Span{hash + 1, end}, alone)
}
