package export

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// FuzzHandout feeds arbitrary Markdown as the article and as slides and
// checks the handout stays well formed and loads nothing.
func FuzzHandout(f *testing.F) {
	f.Add([]byte(articleMD), []byte(slidesMD))
	f.Add([]byte("[![x](http://a/b.png)](cite:stallknecht2007)"), []byte("![i](https://x/y.png)\n\nNote:\n[a](cite:dipalumbo2017;x)"))
	f.Add([]byte("# [a](study:dipalumbo2017)\n\n<img src=x>\n\n`src=`"), []byte("::: studies cited"))
	f.Fuzz(func(t *testing.T, article, slidesSrc []byte) {
		p := testPack()
		p.Sources = map[string][]byte{pack.FileArticle: article, pack.FileGuidance: slidesSrc}
		// A discrepancy anchored in the middle of the article, so the
		// markers meet every place an anchor can end.
		// (A pack's anchors are TOML strings: valid UTF-8.)
		if n := len(article); n > 2 {
			p.Studies[1].Discrepancies[0].Anchor = strings.ToValidUTF8(string(article[n/3:n/2+1]), "")
		}
		var md bytes.Buffer
		if err := Markdown(&md, p, parseSlides(slidesSrc)); err == nil && utf8.Valid(article) && utf8.Valid(slidesSrc) && !utf8.Valid(md.Bytes()) {
			t.Fatal("the Markdown handout of UTF-8 files is not UTF-8")
		}
		slides := parseSlides(slidesSrc)
		var b bytes.Buffer
		if err := HTML(&b, p, slides); err != nil {
			return // a reported error is fine; a panic or bad HTML is not
		}
		out := b.String()
		checkBalanced(t, out)
		root, err := html.Parse(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		var hrefs []string
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "img", "script", "link", "iframe", "object", "embed", "video", "audio", "source", "image":
					t.Fatalf("handout has <%s>", n.Data)
				}
				for _, a := range n.Attr {
					switch {
					case a.Key == "src" || a.Key == "style" || strings.HasPrefix(a.Key, "on"):
						t.Fatalf("<%s> has attribute %s", n.Data, a.Key)
					case a.Key == "id":
						if ids[a.Val] {
							t.Fatalf("duplicate id %q", a.Val)
						}
						ids[a.Val] = true
					case a.Key == "href" && n.Data == "a":
						hrefs = append(hrefs, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(root)
		for _, h := range hrefs {
			if strings.HasPrefix(h, "#") && !ids[h[1:]] {
				t.Fatalf("link %q has no target", h)
			}
		}
		if strings.Count(out, "<style>") != 1 {
			t.Fatal("more than one style element")
		}
	})
}

func parseSlides(src []byte) []deck.Slide {
	s, _ := deck.Parse(src)
	return s
}
