package pack

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/tomllex"
)

// tomlTypeErr matches the decoder's message for a value of the wrong kind
// (BurntSushi/toml v1 returns it as a plain error, not a ParseError):
// "incompatible types: TOML value has type string; destination has type integer".
var tomlTypeErr = regexp.MustCompile(`^incompatible types: TOML value has type (.+); destination has type (.+)$`)

// tomlKinds names the decoder's Go types of TOML values, and of the
// fields they go into, in a pack author's words.
var tomlKinds = map[string]string{
	// what the TOML holds
	"string":           "text",
	"int64":            "a whole number",
	"float64":          "a number with a decimal point",
	"bool":             "true or false",
	"time.Time":        "a date",
	"[]any":            "a list",
	"[]map[string]any": "a list of tables",
	"map[string]any":   "a table",
	// what the field wants
	"integer":                 "a whole number",
	"float":                   "a number",
	"boolean":                 "true or false",
	"slice":                   "a list",
	"map":                     "a table",
	"primitive (string-like)": "text",
}

func tomlKind(t string) string {
	if k, ok := tomlKinds[t]; ok {
		return k
	}
	if strings.HasPrefix(t, "[]") {
		return "a list"
	}
	if strings.HasPrefix(t, "map[") {
		return "a table"
	}
	return t
}

// tomlTypeMessage turns a type mismatch into words for the pack's author;
// ok is false for any other message. line is 1-based in src; col is where
// the value starts on it (1 when it cannot be found).
func tomlTypeMessage(src []byte, line int, key, msg string) (atLine, col int, text string, ok bool) {
	m := tomlTypeErr.FindStringSubmatch(msg)
	if m == nil {
		return 0, 0, "", false
	}
	// The decoder's line is that of the key's last occurrence in the file
	// (it keeps one position per dotted key, and every [[study]] has the
	// same keys), so look for the first value of that key and kind: the
	// decoder goes in order and stops at the first wrong one.
	if l, _, found := tomlFirstValue(src, key, m[1]); found {
		line = l
	}
	col, value := tomlValueOnLine(lineOf(src, line))
	text = key + " should be " + tomlKind(m[2]) + ", not " + tomlKind(m[1])
	if value != "" {
		text += " (" + value + ")"
	}
	return line, col, text, true
}

// tomlFirstValue finds the first "key = value" whose dotted key (tables
// and array levels included, quotes removed) is key and whose value is of
// the decoder's Go type goType. It returns the value's 1-based line and
// column.
func tomlFirstValue(src []byte, key, goType string) (line, col int, found bool) {
	off := -1
	tomllex.Scan(src, &tomllex.Visitor{Value: func(p tomllex.Path) bool {
		names := p.Names()
		if len(names) == 0 || names[len(names)-1].Start == names[len(names)-1].End {
			return true
		}
		v := names[len(names)-1].End
		v = skipBlanks(src, v)
		if v >= len(src) || src[v] != '=' {
			return true // a table header or a dotted key's parent
		}
		v = skipBlanks(src, v+1)
		if v >= len(src) || tomlValueType(src[v:]) != goType {
			return true
		}
		var b strings.Builder
		for _, n := range names {
			if n.Start == n.End {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(strings.Trim(string(src[n.Start:n.End]), `"'`))
		}
		if b.String() != key {
			return true
		}
		off = v
		return false
	}})
	if off < 0 {
		return 0, 0, false
	}
	line, col = lineCol(src, off)
	return line, col, true
}

func skipBlanks(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// tomlValueType is the decoder's Go type for the TOML value at the start
// of v, guessed from how it is written; "" when it cannot tell.
func tomlValueType(v []byte) string {
	switch v[0] {
	case '"', '\'':
		return "string"
	case '[':
		return "[]any"
	case '{':
		return "map[string]any"
	}
	end := 0
	for end < len(v) && !strings.ContainsRune(" \t\r\n,#]}", rune(v[end])) {
		end++
	}
	t := string(v[:end])
	switch {
	case t == "true" || t == "false":
		return "bool"
	case strings.ContainsAny(t, ":") || len(t) >= 10 && t[4] == '-':
		return "time.Time"
	case strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0o") || strings.HasPrefix(t, "0b"):
		return "int64"
	case strings.ContainsAny(t, ".eE") || strings.Contains(t, "inf") || strings.Contains(t, "nan"):
		return "float64"
	case t != "":
		return "int64"
	}
	return ""
}

// lineOf returns the 1-based line n of src, or "".
func lineOf(src []byte, n int) string {
	s := string(src)
	for i := 1; i < n; i++ {
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSuffix(s, "\r")
}

// maxShownValue is how much of a wrong value the message quotes.
const maxShownValue = 40

// tomlValueOnLine finds the value of a "key = value" line: its 1-based
// byte column and its text as written (a string with its quotes, cut at
// maxShownValue characters). It returns column 1 and "" when the line has
// no "=" outside quotes.
func tomlValueOnLine(s string) (int, string) {
	eq := -1
	var quote byte
	for i := 0; i < len(s) && eq < 0; i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return 1, ""
		case c == '=':
			eq = i
		}
	}
	if eq < 0 {
		return 1, ""
	}
	start := eq + 1
	for start < len(s) && (s[start] == ' ' || s[start] == '\t') {
		start++
	}
	if start >= len(s) {
		return 1, ""
	}
	v := s[start:]
	if q := v[0]; q == '"' || q == '\'' {
		end := len(v)
		for i := 1; i < len(v); i++ {
			if v[i] == '\\' && q == '"' {
				i++
			} else if v[i] == q {
				end = i + 1
				break
			}
		}
		v = v[:end]
	} else {
		v, _, _ = strings.Cut(v, "#")
		v = strings.TrimSpace(v)
	}
	if utf8.RuneCountInString(v) > maxShownValue {
		r := []rune(v)
		v = string(r[:maxShownValue]) + "…"
	}
	return start + 1, v
}
