package doc

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// PlainText joins the text of inline runs.
func PlainText(in []Inline) string {
	var sb strings.Builder
	for _, r := range in {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

// LineText joins the text of inline runs on one line: a hard line break
// (a run of just "\n") becomes a space.
func LineText(in []Inline) string {
	var sb strings.Builder
	for _, r := range in {
		if r.Text == "\n" {
			sb.WriteByte(' ')
			continue
		}
		sb.WriteString(r.Text)
	}
	return sb.String()
}

// PlainText returns the text of a block and everything inside it; child
// blocks and table cells are separated by newlines.
func (b *Block) PlainText() string {
	var sb strings.Builder
	b.writeText(&sb)
	return strings.TrimSuffix(sb.String(), "\n")
}

func (b *Block) writeText(sb *strings.Builder) {
	if len(b.Inlines) > 0 {
		sb.WriteString(PlainText(b.Inlines))
		sb.WriteByte('\n')
	}
	for _, c := range b.Children {
		c.writeText(sb)
	}
	if t := b.Table; t != nil {
		writeRow(sb, t.Header)
		for _, r := range t.Rows {
			writeRow(sb, r)
		}
	}
}

func writeRow(sb *strings.Builder, row [][]Inline) {
	for i, c := range row {
		if i > 0 {
			sb.WriteByte('\t')
		}
		sb.WriteString(PlainText(c))
	}
	if len(row) > 0 {
		sb.WriteByte('\n')
	}
}

// Text returns all the document's text, blocks separated by newlines.
func (d *Document) Text() string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		b.writeText(&sb)
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

// Slug makes a URL-style id: lowercase letters and digits, with runs of
// anything else collapsed to a single '-', none at either end.
func Slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' { // "author's" -> "authors"
			continue
		}
		dash = true
	}
	return sb.String()
}

// decode resolves backslash escapes and entity references the way
// goldmark's HTML writer does, producing plain text.
func decode(v []byte) string {
	var sb strings.Builder
	sb.Grow(len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			i++
			sb.WriteByte(v[i])
		case c == 0:
			sb.WriteString("\uFFFD")
		case c == '&':
			if r, n := entity(v[i:]); n > 0 {
				sb.WriteString(r)
				i += n - 1
			} else {
				sb.WriteByte(c)
			}
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// entity decodes an entity or numeric character reference at the start of
// v, returning its text and length, or n == 0 if there is none.
func entity(v []byte) (string, int) {
	semi := -1
	for i := 1; i < len(v) && i < 40; i++ {
		if v[i] == ';' {
			semi = i
			break
		}
	}
	if semi < 2 {
		return "", 0
	}
	body := string(v[1:semi])
	if body[0] == '#' {
		num, base := body[1:], 10
		if len(num) > 0 && (num[0] == 'x' || num[0] == 'X') {
			num, base = num[1:], 16
		}
		if num == "" || (base == 10 && len(num) > 7) || (base == 16 && len(num) > 6) {
			return "", 0
		}
		x, err := strconv.ParseUint(num, base, 32)
		if err != nil {
			return "", 0
		}
		r := rune(x)
		if r == 0 || r > unicode.MaxRune || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), semi + 1
	}
	for _, c := range []byte(body) {
		if !util.IsAlphaNumeric(c) {
			return "", 0
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(body); ok {
		return string(e.Characters), semi + 1
	}
	return "", 0
}

// decodeURL resolves escapes and references in a link destination, keeping
// it otherwise verbatim.
func decodeURL(v []byte) []byte {
	return []byte(decode(v))
}
