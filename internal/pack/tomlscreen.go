package pack

import (
	"fmt"

	"github.com/evidence-reader/evidence-reader/internal/tomllex"
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

// tomlScreen measures a file's nesting and size on internal/tomllex, the
// lexer the safe-messaging check shares. The lexer must never see less
// nesting than the parser does, so where the input is not valid TOML it
// keeps counting brackets rather than stopping.
type tomlScreen struct {
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

// tomlScreenError is a refusal at a byte offset of the screened source.
type tomlScreenError struct {
	off int
	msg string
}

// screenTOML checks src against MaxTOMLDepth and MaxTOMLValues. It returns
// the refusal, if any, and the offset of the statement holding the most
// values, where a parse that runs out of time most likely spent it.
func screenTOML(src []byte) (refusal *tomlScreenError, heaviest int, values int) {
	s := &tomlScreen{}
	tomllex.Scan(src, &tomllex.Visitor{
		Statement: func(off int) {
			s.end()
			s.stmt, s.stmtValues = off, 0
		},
		Value: s.count,
	})
	s.end()
	return s.err, s.heavy, s.values
}

func (s *tomlScreen) end() {
	if s.stmtValues > s.heavyValues {
		s.heavy, s.heavyValues = s.stmt, s.stmtValues
	}
}

// count adds one key, table or array element at p. It reports false, which
// stops the lexer, once the file is refused.
func (s *tomlScreen) count(p tomllex.Path) bool {
	s.values++
	s.stmtValues++
	s.nameBytes += p.Bytes
	switch {
	case s.err != nil:
	case p.Depth > MaxTOMLDepth:
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
