// Package fold lower-cases text and maps Latin letters with diacritics to
// their base letters, so "Löberbauer" matches "loberbauer" and "Ramírez"
// matches "ramirez". The mapping is one rune to one rune, so offsets in
// folded text are offsets in the original, which highlighting relies on.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// table maps lower-case Latin letters with diacritics to the base letter.
var table = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ā': 'a', 'ă': 'a', 'ą': 'a', 'æ': 'a',
	'ç': 'c', 'ć': 'c', 'ĉ': 'c', 'ċ': 'c', 'č': 'c', 'ď': 'd', 'đ': 'd', 'ð': 'd',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'ĕ': 'e', 'ė': 'e', 'ę': 'e', 'ě': 'e',
	'ĝ': 'g', 'ğ': 'g', 'ġ': 'g', 'ģ': 'g', 'ĥ': 'h', 'ħ': 'h',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ĩ': 'i', 'ī': 'i', 'ĭ': 'i', 'į': 'i', 'ı': 'i',
	'ĵ': 'j', 'ķ': 'k', 'ĺ': 'l', 'ļ': 'l', 'ľ': 'l', 'ŀ': 'l', 'ł': 'l',
	'ñ': 'n', 'ń': 'n', 'ņ': 'n', 'ň': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ō': 'o', 'ŏ': 'o', 'ő': 'o', 'œ': 'o',
	'ŕ': 'r', 'ŗ': 'r', 'ř': 'r', 'ś': 's', 'ŝ': 's', 'ş': 's', 'š': 's', 'ß': 's',
	'ţ': 't', 'ť': 't', 'ŧ': 't', 'þ': 't',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ũ': 'u', 'ū': 'u', 'ŭ': 'u', 'ů': 'u', 'ű': 'u', 'ų': 'u',
	'ŵ': 'w', 'ý': 'y', 'ÿ': 'y', 'ŷ': 'y', 'ź': 'z', 'ż': 'z', 'ž': 'z',
	// Typographic dashes fold to "-" so "meta–analysis" matches "meta-analysis".
	'‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-',
}

// Rune lower-cases r and strips a Latin diacritic.
func Rune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	r = unicode.ToLower(r)
	if f, ok := table[r]; ok {
		return f
	}
	return r
}

// String folds every rune of s. The result has exactly as many runes as s.
func String(s string) string {
	f, _ := StringASCII(s)
	return f
}

// StringASCII folds s and reports whether the result is pure ASCII (then
// byte offsets equal rune offsets). Already-folded ASCII is returned as is.
func StringASCII(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			goto slow
		}
	}
	if ascii {
		return s, true
	}
slow:
	var b strings.Builder
	b.Grow(len(s))
	ascii = true
	for _, r := range s {
		f := Rune(r)
		if f >= utf8.RuneSelf {
			ascii = false
		}
		b.WriteRune(f)
	}
	return b.String(), ascii
}
