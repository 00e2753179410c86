package widgets

import (
	"bytes"
	"sync"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"
)

// Fyne 2.8.1 draws a space that follows a character of its bundled symbol
// font (the arrows ← ↑ → ↓ among others) as "�" and a gap: go-text shapes
// the space in the face of the character before it, assuming every font
// has a space, and Fyne's symbol font has none (fyne-io/fyne#6216). A
// space that starts a text object of its own is shaped in the text font,
// so SplitSymbolSpaces cuts the text there, and the reader's own strings
// avoid the pair (TestNoSymbolBeforeSpace in ui).

var symbolFaces struct {
	once       sync.Once
	text, symb *font.Face
}

func loadSymbolFaces() {
	symbolFaces.once.Do(func() {
		symbolFaces.text, _ = font.ParseTTF(bytes.NewReader(theme.DefaultTextFont().Content()))
		symbolFaces.symb, _ = font.ParseTTF(bytes.NewReader(theme.DefaultSymbolFont().Content()))
	})
}

// FromSymbolFont reports whether Fyne draws r from its bundled symbol
// font: the text font lacks it and the symbol font has it.
func FromSymbolFont(r rune) bool {
	if r < 0x80 {
		return false
	}
	loadSymbolFaces()
	f := &symbolFaces
	if f.text == nil || f.symb == nil {
		return false
	}
	if _, ok := f.text.NominalGlyph(r); ok {
		return false
	}
	_, ok := f.symb.NominalGlyph(r)
	return ok
}

// SplitSymbolSpaces cuts text after each symbol-font character that a
// space follows, so that each piece is drawn as a text object of its own.
// Text without such a pair comes back whole (one piece).
func SplitSymbolSpaces(text string) []string {
	var pieces []string
	start := 0
	for i, r := range text {
		if r < 0x80 || !FromSymbolFont(r) {
			continue
		}
		next := i + utf8.RuneLen(r)
		if spaceAt(text, next) {
			pieces = append(pieces, text[start:next])
			start = next
		}
	}
	return append(pieces, text[start:])
}

// SymbolSafeSegments is segs with every text segment cut by
// SplitSymbolSpaces into segments of the same style, inline all but the
// last, inside paragraphs and lists too.
func SymbolSafeSegments(segs []widget.RichTextSegment) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, s := range segs {
		switch t := s.(type) {
		case *widget.TextSegment:
			if !hasSymbolSpace(t.Text) {
				out = append(out, t)
				continue
			}
			pieces := SplitSymbolSpaces(t.Text)
			for i, p := range pieces {
				st := t.Style
				if i < len(pieces)-1 {
					st.Inline = true
				}
				out = append(out, &widget.TextSegment{Text: p, Style: st})
			}
		case *widget.ParagraphSegment:
			t.Texts = SymbolSafeSegments(t.Texts)
			out = append(out, t)
		case *widget.ListSegment:
			t.Items = SymbolSafeSegments(t.Items)
			out = append(out, t)
		default:
			out = append(out, s)
		}
	}
	return out
}

// hasSymbolSpace is a quick test before cutting: most text has no
// character outside ASCII followed by a space at all. It looks at the
// next character only, so a long run without spaces stays linear.
func hasSymbolSpace(text string) bool {
	for i, r := range text {
		if r >= 0x80 && spaceAt(text, i+utf8.RuneLen(r)) && FromSymbolFont(r) {
			return true
		}
	}
	return false
}

// spaceAt reports whether a space other than a line break starts text at i.
func spaceAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r) && r != '\n'
}
