package reader

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// shownRow is one row of a laid-out RichText: its text as drawn and where
// its first piece starts.
type shownRow struct {
	x    float32
	text string
}

// shownRows is the text of a laid-out RichText row by row, as drawn: its
// text objects and links grouped by their top edge, left to right.
func shownRows(t *testing.T, rt *widget.RichText) []shownRow {
	t.Helper()
	type piece struct {
		x, y float32
		text string
	}
	var ps []piece
	for _, o := range test.WidgetRenderer(rt).Objects() {
		var s string
		switch v := o.(type) {
		case *canvas.Text:
			s = v.Text
		case *widget.Hyperlink:
			s = v.Text
		case *fyne.Container: // a link, or inline code on its background
			for _, c := range v.Objects {
				switch c := c.(type) {
				case *canvas.Text:
					s += c.Text
				case *widget.Hyperlink:
					s += c.Text
				}
			}
		default:
			continue
		}
		if !o.Visible() || s == "" {
			continue
		}
		ps = append(ps, piece{o.Position().X, o.Position().Y, s})
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if d := ps[i].y - ps[j].y; d < -2 || d > 2 {
			return ps[i].y < ps[j].y
		}
		return ps[i].x < ps[j].x
	})
	var rows []shownRow
	lastY := float32(-100)
	for _, p := range ps {
		if d := p.y - lastY; d > 2 || d < -2 {
			rows = append(rows, shownRow{x: p.x})
			lastY = p.y
		}
		rows[len(rows)-1].text += p.text
	}
	return rows
}

// richTexts is every RichText under o.
func richTexts(o fyne.CanvasObject) []*widget.RichText {
	var out []*widget.RichText
	walk(o, func(o fyne.CanvasObject) bool {
		if rt, ok := o.(*widget.RichText); ok {
			out = append(out, rt)
			return false
		}
		return true
	})
	return out
}

var leadRe = regexp.MustCompile(`^ *(•|[0-9]+\.) `)

// TestListItemsStartTheirOwnLines: every item of a list, bulleted,
// numbered or nested, starts a line of its own, even when the item before
// it ends in a link or a marker, and a wrapped item does not swallow the
// next one.
func TestListItemsStartTheirOwnLines(t *testing.T) {
	test.NewTempApp(t)
	src := `- **If it is affecting your life:** talk to someone you trust, as (Smith, 2017) says, early ([Smith, 2017](cite:a2007))
- a short item
- an item ending in a [link](https://example.org)
- an item with a marker

3. third
4. fourth
   - nested one
   - nested two
5. fifth

- 
- after an empty item
`
	d, err := doc.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	opts := RenderOptions{
		OnLink: func(string) {},
		OnCite: func(*doc.Citation) {},
	}
	markers := []Marker{{Anchor: "with a marker", Label: "differs from source", OnTapped: func() {}}}
	var got [][]string
	for i, b := range d.Blocks {
		var m []Marker
		if i == 0 {
			m = markers
		}
		obj := RenderBlock(d, b, m, opts)
		w := test.NewTempWindow(t, obj)
		w.Resize(fyne.NewSize(420, 600))
		var leads []string
		for _, rt := range richTexts(obj) {
			rows := shownRows(t, rt)
			for k, row := range rows {
				if !leadRe.MatchString(row.text) {
					continue
				}
				leads = append(leads, row.text)
				// A wrapped line hangs under the item's text, not its bullet.
				if k+1 < len(rows) && !leadRe.MatchString(rows[k+1].text) && rows[k+1].x <= row.x {
					t.Errorf("the line after %q starts at x=%v, under its bullet (x=%v)", row.text, rows[k+1].x, row.x)
				}
			}
		}
		got = append(got, leads)
	}
	want := [][]string{
		{"• If it is affecting your life:", "• a short item", "• an item ending in a link", "• an item with a marker " + MarkerSymbol + " differs from source"},
		{"3. third", "4. fourth", "    • nested one", "    • nested two", "5. fifth"},
		{"• ", "• after an empty item"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d lists rendered, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("list %d: lines starting with a bullet %q, want %d: %q", i, got[i], len(want[i]), want[i])
			continue
		}
		for j, w := range want[i] {
			if !strings.HasPrefix(got[i][j], w) {
				t.Errorf("list %d line %d is %q, want it to start %q", i, j, got[i][j], w)
			}
		}
	}
}

// TestBundledListsOneLinePerItem: every list of the bundled pack's
// documents shows each item on a line of its own (the guidance's signs of
// BDD and its "When to seek help" list among them).
func TestBundledListsOneLinePerItem(t *testing.T) {
	test.NewTempApp(t)
	l := cli.LoadBundled(markupNow)
	if l.Diags.HasErrors() {
		t.Fatalf("bundled pack has errors: %v", l.Diags)
	}
	lists := 0
	for _, d := range []*doc.Document{l.Pack.Article, l.Pack.Limitations, l.Pack.Guidance} {
		for _, b := range d.Blocks {
			var items []string
			var collect func(b *doc.Block)
			collect = func(b *doc.Block) {
				for _, c := range b.Children {
					switch c.Kind {
					case doc.List, doc.Quote:
						collect(c)
					case doc.ListItem:
						if len(c.Children) > 0 {
							items = append(items, plainBlock(c.Children[0]))
						}
						collect(c)
					}
				}
			}
			if b.Kind == doc.List || b.Kind == doc.Quote {
				collect(b)
			}
			if len(items) == 0 {
				continue
			}
			lists++
			obj := RenderBlock(d, b, nil, RenderOptions{OnLink: func(string) {}, OnCite: func(*doc.Citation) {}})
			w := test.NewTempWindow(t, obj)
			w.Resize(fyne.NewSize(640, 1200))
			var leads []string
			for _, rt := range richTexts(obj) {
				for _, row := range shownRows(t, rt) {
					if leadRe.MatchString(row.text) {
						leads = append(leads, leadRe.ReplaceAllString(row.text, ""))
					}
				}
			}
			if len(leads) != len(items) {
				t.Errorf("a list of %d items shows %d lines starting with a bullet: %q", len(items), len(leads), leads)
				continue
			}
			for i, it := range items {
				// The line holds the item's first words (it may wrap).
				first := strings.Fields(it)
				if len(first) > 3 {
					first = first[:3]
				}
				if !strings.HasPrefix(leads[i], strings.Join(first, " ")) {
					t.Errorf("item %d's line is %q, want it to start with %q", i, leads[i], strings.Join(first, " "))
				}
			}
		}
	}
	if lists < 2 {
		t.Fatalf("found %d lists in the bundled documents, want the guidance's two at least", lists)
	}
}

// TestMarkupList: a numbered list with a nested one, a citation, a link and
// a marker, as drawn (light theme, 100% text), against its master.
func TestMarkupList(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(widgets.NewReaderTheme(settings.ThemeLight, 1))
	d, err := doc.Parse([]byte(`1. **The first point**, long enough to wrap under its own text ([Smith, 2017](cite:a2007)).
2. A second point with a list of its own:
   - nested, with a [link](https://example.org)
   - nested two, with a marker
3. Third.
`))
	if err != nil {
		t.Fatal(err)
	}
	obj := RenderBlock(d, d.Blocks[0], []Marker{{Anchor: "with a marker", Label: "differs from source", OnTapped: func() {}}},
		RenderOptions{OnLink: func(string) {}, OnCite: func(*doc.Citation) {}})
	w := test.NewTempWindow(t, obj)
	w.Resize(fyne.NewSize(360, 200))
	test.AssertRendersToMarkup(t, "list.xml", w.Canvas())
}
