package deck

import (
	"strings"
	"testing"
)

func FuzzParseDeck(f *testing.F) {
	for _, s := range []string{
		"", "---", "# A\n\n---\n\n# B\nNote:\nn\n---\nc",
		"```\n---\n```\n\n---\n", "+++\nx=1\n+++\n::: studies cited\n",
		"a\n---\nb", "Note:\n---\nNote:\n", "\r\n---\r\n", "::: bogus\n:::rob\n",
		"~~~\n\n---\n", "    ```\n---\n", "Title\n===\n\n---\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		slides, diags := Parse(src)
		prev := 0
		for i, s := range slides {
			if s.Index != i {
				t.Fatalf("slide %d has Index %d", i, s.Index)
			}
			if s.Line <= prev {
				t.Fatalf("slide %d line %d not after %d", i, s.Line, prev)
			}
			prev = s.Line
			if s.Body == "" && s.Notes == "" && s.Directive.Kind == "" {
				t.Fatalf("empty slide %d kept", i)
			}
			var fs fenceState
			for _, l := range strings.Split(s.Notes, "\n") {
				if fs.open {
					fs.update(l)
					continue
				}
				if strings.TrimRight(l, " \t") == "---" {
					t.Fatalf("slide %d notes contain a separator: %q", i, s.Notes)
				}
				fs.update(l)
			}
		}
		again, _ := Parse([]byte(Format(slides)))
		if len(again) != len(slides) {
			t.Fatalf("Format round trip: %d slides, want %d\n%s", len(again), len(slides), Format(slides))
		}
		for i := range slides {
			a, b := slides[i], again[i]
			if a.Body != b.Body || a.Notes != b.Notes || a.Directive.Kind != b.Directive.Kind ||
				strings.Join(a.Directive.Args, " ") != strings.Join(b.Directive.Args, " ") || a.Title != b.Title {
				t.Fatalf("Format round trip changed slide %d:\n%+v\n%+v", i, a, b)
			}
		}
		for _, d := range diags {
			if d.Line < 1 {
				t.Fatalf("diagnostic without a line: %v", d)
			}
		}
	})
}
