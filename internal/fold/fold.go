// Package fold maps Latin letters with diacritics to their base letters and
// lower-cases them, so "Löberbauer" matches "loberbauer" and "Ramírez"
// matches "ramirez". It keeps a one-rune-to-one-rune mapping so offsets in
// folded text are offsets in the original, which highlighting relies on.
package fold

import "unicode"

// table covers Latin-1 Supplement and Latin Extended-A, which hold the
// accented letters of European author names.
var table = map[rune]rune{}

func init() {
	groups := map[rune]string{
		'a': "àáâãäåāăąÀÁÂÃÄÅĀĂĄ", 'c': "çćĉċčÇĆĈĊČ", 'd': "ďđĎĐ", 'e': "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
		'g': "ĝğġģĜĞĠĢ", 'h': "ĥħĤĦ", 'i': "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", 'j': "ĵĴ", 'k': "ķĶ",
		'l': "ĺļľŀłĹĻĽĿŁ", 'n': "ñńņňÑŃŅŇ", 'o': "òóôõöøōŏőÒÓÔÕÖØŌŎŐ", 'r': "ŕŗřŔŖŘ",
		's': "śŝşšŚŜŞŠ", 't': "ţťŧŢŤŦ", 'u': "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", 'w': "ŵŴ",
		'y': "ýÿŷÝŸŶ", 'z': "źżžŹŻŽ",
	}
	for base, s := range groups {
		for _, r := range s {
			table[r] = base
		}
	}
}

// Rune folds one rune: diacritics removed (for Latin letters), lower case.
func Rune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	if b, ok := table[r]; ok {
		return b
	}
	return unicode.ToLower(r)
}

// String folds every rune of s. The result has exactly as many runes as s.
func String(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, Rune(r))
	}
	return string(out)
}
