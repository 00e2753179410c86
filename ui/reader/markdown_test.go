package reader

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynecontainer "fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

const constructs = `# Title with *emphasis*

A paragraph with **strong**, *emphasis*, ` + "`code`" + `, ~~struck~~ and a [link](https://example.org) and [a cite](cite:a2007).

1. first
2. second
   - nested **bold**
   - nested two
3. third

> A quoted line with [a link](javascript:alert(1)).

` + "```" + `
code block
  indented
` + "```" + `

| Study | n | Verdict |
|:------|--:|:-------:|
| Kostek | 104 | no |
| Vispute | 24 | no |

---

Last ![an image](https://example.org/x.png) line.
`

func TestRenderConstructs(t *testing.T) {
	test.NewTempApp(t)
	d, err := doc.Parse([]byte(constructs))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	var cites []*doc.Citation
	objs := RenderDoc(d, RenderOptions{
		OnLink: func(dest string) { links = append(links, dest) },
		OnCite: func(c *doc.Citation) { cites = append(cites, c) },
	})
	if len(objs) != len(d.Blocks) {
		t.Fatalf("%d objects for %d blocks", len(objs), len(d.Blocks))
	}
	w := test.NewTempWindow(t, vbox(objs))
	w.Resize(fyne.NewSize(600, 900))
	text := textOf(w.Content())
	for _, want := range []string{"Title with emphasis", "strong", "first", "nested bold", "third", "A quoted line", "code block", "Kostek", "104", "Last", "an image"} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered text lacks %q", want)
		}
	}
	if strings.Contains(text, "x.png") {
		t.Error("an image address is shown or fetched; only its alt text may appear")
	}
	var table *widget.TableSegment
	var hyper []*widget.HyperlinkSegment
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) bool {
			if rt, ok := o.(*widget.RichText); ok {
				for _, s := range rt.Segments {
					switch v := s.(type) {
					case *widget.TableSegment:
						table = v
					case *widget.HyperlinkSegment:
						hyper = append(hyper, v)
					}
				}
			}
			return true
		})
	}
	if table == nil || len(table.Rows) != 2 || table.Alignments[1] != fyne.TextAlignTrailing || table.Alignments[2] != fyne.TextAlignCenter {
		t.Fatalf("table not rendered with its rows and alignments: %+v", table)
	}
	// The image's alt text links to its address (through the link policy,
	// never fetched).
	if len(hyper) != 4 {
		t.Fatalf("%d hyperlinks, want 4 (web link, citation, quoted link, image alt text)", len(hyper))
	}
	for _, h := range hyper {
		h.OnTapped()
	}
	if len(cites) != 1 || cites[0].Keys[0] != "a2007" {
		t.Fatalf("citation taps: %v", cites)
	}
	if strings.Join(links, " ") != "https://example.org javascript:alert(1) https://example.org/x.png" {
		t.Fatalf("link taps passed %q", links)
	}
	// Ordered list numbering and nesting.
	if !strings.Contains(text, "2.") || !strings.Contains(text, "    •") {
		t.Errorf("list markers missing:\n%s", text)
	}
}

func TestMarkerPlacement(t *testing.T) {
	d, _ := doc.Parse([]byte("Cited as (Smith, 2017) here.\n"))
	tapped := 0
	objs := RenderDoc(d, RenderOptions{Markers: map[int][]Marker{0: {
		{Anchor: "Smith, 2017", Label: "differs from source", OnTapped: func() { tapped++ }},
		{Anchor: "not in the text", Label: "second", OnTapped: func() {}},
	}}})
	var got []string
	walk(objs[0], func(o fyne.CanvasObject) bool {
		if rt, ok := o.(*widget.RichText); ok {
			for _, s := range rt.Segments {
				got = append(got, s.Textual())
			}
		}
		return true
	})
	joined := strings.Join(got, "|")
	if !strings.Contains(joined, "Smith, 2017| "+MarkerSymbol+" |differs from source|)") {
		t.Fatalf("marker not right after its anchor: %q", joined)
	}
	if !strings.HasSuffix(joined, "second") {
		t.Fatalf("a marker whose anchor is missing should end the block: %q", joined)
	}
}

func vbox(objs []fyne.CanvasObject) fyne.CanvasObject {
	return fynecontainer.NewVScroll(fynecontainer.NewVBox(objs...))
}

func TestRenderedLinksGoThroughThePolicy(t *testing.T) {
	var got []string
	d := &doc.Document{Blocks: []*doc.Block{{Kind: doc.Paragraph, Inlines: []doc.Inline{
		{Text: "see ", Cite: -1},
		{Text: "this", Link: "javascript:alert(1)", Cite: -1},
		{Text: " and ", Cite: -1, Style: doc.Strong},
		{Text: "code", Cite: -1, Style: doc.Mono},
	}}}}
	objs := RenderDoc(d, RenderOptions{OnLink: func(dest string) { got = append(got, dest) }})
	rt := objs[0].(*widget.RichText)
	var link *widget.HyperlinkSegment
	for _, seg := range rt.Segments {
		if h, ok := seg.(*widget.HyperlinkSegment); ok {
			link = h
		}
	}
	if link == nil || link.Text != "this" {
		t.Fatal("the link is not rendered as a hyperlink")
	}
	if link.URL != nil {
		t.Fatal("a rendered link carries a URL Fyne could open by itself")
	}
	link.OnTapped()
	if len(got) != 1 || got[0] != "javascript:alert(1)" {
		t.Fatalf("tapping passed %v to the policy, want the raw destination", got)
	}
	if rt.String() != "see this and code" {
		t.Fatalf("text %q", rt.String())
	}
}
