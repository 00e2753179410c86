package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// A marker whose anchor ends in a link goes after the link's whole syntax,
// however the link is written, and none goes into a code block, an HTML
// block or a link reference definition (the HTML handout has none there).
func TestMarkdownMarkersAfterLinkSyntax(t *testing.T) {
	const mark = " [⚠ differs from source](#disc-dipalumbo2017-1)"
	for _, c := range []struct{ article, anchor, want string }{
		{"See [foo][a\\]b] now.\n\n[a\\]b]: https://x.org\n", "foo", "See [foo][a\\]b]" + mark + " now."},
		{"See [foo](<https://x.org/a)b> \"t\") now.\n", "foo", "See [foo](<https://x.org/a)b> \"t\")" + mark + " now."},
		{"See [foo](https://x.org \"a)b\") now.\n", "foo", "See [foo](https://x.org \"a)b\")" + mark + " now."},
		{"See [foo](https://x.org 'a(b') and more) text.\n", "foo", "See [foo](https://x.org 'a(b')" + mark + " and more) text."},
		{"See [foo ![img](a.png)](https://x.org) now.\n", "foo", "See [foo ![img](a.png)](https://x.org)" + mark + " now."},
		{"See [foo](https://x.org/a_(b)) now.\n", "foo", "See [foo](https://x.org/a_(b))" + mark + " now."},
		{"```\ncode foo here\n```\n\nafter\n", "foo", "```\ncode foo here\n```\n\nafter"},
		{"- item\n\n  ```\n  code foo\n  ```\n", "foo", "  ```\n  code foo\n  ```"},
		{"    indented foo code\n\nafter\n", "foo", "    indented foo code\n\nafter"},
		{"<div>\nfoo\n</div>\n\nafter\n", "foo", "<div>\nfoo\n</div>\n\nafter"},
		{"See [foo]\n\n[foo]: https://x.org\n", "x.org", "See [foo]\n\n[foo]: https://x.org\n"},
	} {
		p := testPack()
		p.Sources[pack.FileArticle] = []byte("# A\n\n" + c.article)
		p.Studies[1].Discrepancies[0].Anchor = c.anchor
		var b bytes.Buffer
		if err := Markdown(&b, p, nil); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		out = out[strings.Index(out, "# A\n"):strings.Index(out, "# Studies compared")]
		if !strings.Contains(out, c.want) {
			t.Errorf("anchor %q in %q:\n%s\nwant it to hold %q", c.anchor, c.article, out, c.want)
		}
		if n := strings.Count(out, "⚠"); n != strings.Count(c.want, "⚠") {
			t.Errorf("anchor %q in %q: %d markers:\n%s", c.anchor, c.article, n, out)
		}
	}
}

// A definition in a code block of a list item (whose lines start after the
// item's indent) is code, left as written.
func TestMarkdownAppLinkDefsInListCode(t *testing.T) {
	p := testPack()
	p.Sources[pack.FileGuidance] = []byte("# G\n\n- item\n\n  ```\n  [a]: cite:stallknecht2007\n  ```\n\n- See [x][b].\n\n  [b]: cite:stallknecht2007\n")
	var b bytes.Buffer
	if err := Markdown(&b, p, nil); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"  ```\n  [a]: cite:stallknecht2007\n  ```", "  [b]: #ref-stallknecht2007\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out[strings.Index(out, "# G"):])
		}
	}
}
