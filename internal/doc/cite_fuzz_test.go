package doc

import (
	"strings"
	"testing"
	"time"
)

// FuzzCiteLinks puts fuzzed link text and cite: keys into a paragraph and
// checks what the views and the validator rely on: each citation has a
// position, its keys are trimmed and non-empty and never contain a
// separator, and for destinations Markdown leaves alone the keys are
// exactly the ;- and ,-separated parts of what was written.
func FuzzCiteLinks(f *testing.F) {
	for _, s := range [][2]string{
		{"Stallknecht 2007", "stallknecht2007"}, {"a", "x; y,z"}, {"", ""}, {"b", ";;"},
		{"[nested](cite:q)", "k"}, {"c", " k "}, {"**bold**", "a,b;c"}, {"`code`", "é"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, text, keys string) {
		src := "Before [" + text + "](cite:" + keys + ") after.\n"
		d, err := ParseWithin([]byte(src), 3*time.Second)
		if err != nil {
			return
		}
		for _, c := range d.Citations {
			if c.Line < 1 || c.Col < 1 {
				t.Errorf("citation %q at %d:%d", c.Text, c.Line, c.Col)
			}
			for _, k := range c.Keys {
				if k == "" || k != strings.TrimSpace(k) || strings.ContainsAny(k, ";,") {
					t.Errorf("bad key %q in %q", k, c.Keys)
				}
			}
		}
		plain := func(s string, extra string) bool {
			for _, r := range s {
				if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(extra, r)) {
					return false
				}
			}
			return true
		}
		if !plain(text, " ") || !plain(keys, ";,-_.") {
			return
		}
		want := strings.FieldsFunc(keys, func(r rune) bool { return r == ';' || r == ',' })
		if len(d.Citations) != 1 || strings.Join(d.Citations[0].Keys, "|") != strings.Join(want, "|") {
			t.Fatalf("%q: citations %+v, want one with keys %q", src, d.Citations, want)
		}
	})
}
