package safemsg

import (
	"os"
	"strings"
	"testing"
)

// FuzzCheck runs the Markdown and TOML checks on any input: nothing may
// panic, every finding lies inside the input at the line and column its
// offset gives, findings come in file order, and a rule's quote is the
// input's own words there.
func FuzzCheck(f *testing.F) {
	for _, p := range []string{
		"../../content/spot-reduction/guidance.md", "../../content/spot-reduction/limitations.md",
		"../../content/spot-reduction/studies.toml", "../../content/spot-reduction/pack.toml",
	} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, r := range english.rules {
		f.Add([]byte(r.Breaks))
	}
	for _, s := range []string{
		"[//]: # (safemsg: allow weight-target)\nlose 2 kg\n",
		"+++\n+++\nlose\n2 kg",
		"conclusion = \"\"\"lose 2 kg\"\"\" # safemsg: allow weight-target\n",
		"[[study]]\nlimitations = [ { a = 'x' }, \"lose 2\\\" kg\", ]",
		"a = \"\\",
		"<!-- safemsg",
	} {
		f.Add([]byte(s))
	}
	rs := For("en")
	keys := []string{"title", "conclusion", "study.conclusion", "study.limitations", "a", "limitations"}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, fs := range [][]Finding{rs.Markdown(src), rs.TOML(src, keys)} {
			li := newLineIndex(string(src))
			last := -1
			for _, x := range fs {
				if x.Offset < 0 || x.Offset > len(src) || x.Offset < last {
					t.Fatalf("offset %d out of range or order (len %d, last %d)", x.Offset, len(src), last)
				}
				last = x.Offset
				if l, c := li.at(x.Offset); l != x.Line || c != x.Col || l < 1 || c < 1 {
					t.Fatalf("offset %d is %d:%d, finding says %d:%d", x.Offset, l, c, x.Line, x.Col)
				}
				if x.Message == "" {
					t.Fatal("empty message")
				}
				if x.Rule != "" {
					words := strings.Fields(x.Quote)
					if len(words) == 0 {
						t.Fatalf("rule %s with an empty quote", x.Rule)
					}
					if !strings.Contains(strings.ToLower(string(src[x.Offset:])), strings.ToLower(strings.Trim(words[len(words)-1], "*_~`[]\\"))) {
						t.Fatalf("quote %q is not in the input after offset %d", x.Quote, x.Offset)
					}
				}
			}
		}
	})
}
