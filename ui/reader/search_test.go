package reader

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/search"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// newPalette opens a palette whose finished searches arrive on a channel,
// so the test runs them on its own (the UI) goroutine.
func newPalette(t *testing.T) (*SearchPalette, *fakeNav, chan func()) {
	t.Helper()
	test.NewTempApp(t)
	p := bundledPack(t)
	w := test.NewTempWindow(t, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(1000, 700))
	nav := &fakeNav{}
	s := NewSearchPalette(p, search.NewIndex(p), nav, w)
	ch := make(chan func(), 16)
	s.deliver = func(f func()) { ch <- f }
	s.Show()
	return s, nav, ch
}

// settle applies delivered searches until the newest one is on screen.
func settle(t *testing.T, s *SearchPalette, ch chan func()) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		s.mu.Lock()
		want := s.gen
		s.mu.Unlock()
		if s.applied == want {
			return
		}
		select {
		case f := <-ch:
			f()
		case <-deadline:
			t.Fatalf("search generation %d never arrived (applied %d)", want, s.applied)
		}
	}
}

func TestSearchTypingGroupsAndHighlights(t *testing.T) {
	s, _, ch := newPalette(t)
	test.Type(s.entry, "löberbauer")
	settle(t, s, ch)
	rows := s.Rows()
	joined := strings.Join(rows, "\n")
	for _, want := range []string{"# Studies", "Löberbauer-Purer 2012", "# References"} {
		if !strings.Contains(joined, want) {
			t.Errorf("results lack %q:\n%s", want, joined)
		}
	}
	if s.Selected() < 0 || s.rows[s.Selected()].header {
		t.Fatalf("first hit not highlighted: %d", s.Selected())
	}
	// The highlight covers the runes of "Löberbauer" in the study label.
	for _, r := range s.rows {
		if r.header || r.hit.Entry.Title != "Löberbauer-Purer 2012" {
			continue
		}
		segs := highlightSegments(r.hit.Entry.Title, r.hit.Title, widget.RichTextStyleInline)
		if got := segs[0].(*widget.TextSegment).Text; got != "Löberbauer" {
			t.Errorf("highlighted %q, want \"Löberbauer\"", got)
		}
	}
}

func TestSearchKeyboardJumps(t *testing.T) {
	s, nav, ch := newPalette(t)
	test.Type(s.entry, "kostek")
	settle(t, s, ch)
	first := s.Selected()
	s.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.Selected() <= first && len(s.rows) > first+1 {
		t.Errorf("Down did not move: %d -> %d", first, s.Selected())
	}
	s.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if s.Selected() != first {
		t.Errorf("Up did not return: %d, want %d", s.Selected(), first)
	}
	target := s.rows[first].hit.Entry.Target
	s.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	got := nav.last(t)
	if got != targetLocation(target) || !got.Highlight {
		t.Errorf("Enter went to %+v, want %+v", got, targetLocation(target))
	}
	if s.Visible() {
		t.Error("palette still open after Enter")
	}
}

func TestSearchEscapeCloses(t *testing.T) {
	s, nav, _ := newPalette(t)
	s.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.Visible() {
		t.Error("Esc left the palette open")
	}
	if len(nav.locs) != 0 {
		t.Errorf("Esc navigated: %v", nav.locs)
	}
}

func TestSearchDropsStaleResults(t *testing.T) {
	s, _, ch := newPalette(t)
	test.Type(s.entry, "vispute")
	settle(t, s, ch)
	want := s.Rows()
	old := s.searcher.Search(1, "kostek") // an overtaken generation
	s.apply(old)
	if got := s.Rows(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("stale results replaced the current ones:\n%v\nwas\n%v", got, want)
	}
}

func TestSnippetShiftsRanges(t *testing.T) {
	text := strings.Repeat("x", 100) + "Kässmann" + strings.Repeat("y", 100)
	out, rs := snippet(text, []search.Range{{Start: 100, End: 108}}, 10, 40)
	if len(rs) != 1 {
		t.Fatalf("ranges = %v", rs)
	}
	if got := string([]rune(out)[rs[0].Start:rs[0].End]); got != "Kässmann" {
		t.Errorf("snippet range covers %q", got)
	}
	if !strings.HasPrefix(out, "…") || !strings.HasSuffix(out, "…") {
		t.Errorf("cut snippet lacks ellipses: %q", out)
	}
}

func TestTargetLocations(t *testing.T) {
	cases := []struct {
		in   search.Target
		want Location
	}{
		{search.Target{Place: search.PlaceArticle, Block: 4}, Location{View: ViewArticle, Block: 4, Highlight: true}},
		{search.Target{Place: search.PlaceLimitations, Block: 2}, Location{View: ViewLimitations, Block: 2, Highlight: true}},
		{search.Target{Place: search.PlaceGuidance, Block: 1}, Location{View: ViewGuidance, Block: 1, Highlight: true}},
		{search.Target{Place: search.PlaceStudies, Block: -1, ID: "s"}, Location{View: ViewStudies, Block: -1, Study: "s", Highlight: true}},
		{search.Target{Place: search.PlaceReferences, Block: -1, ID: "r"}, Location{View: ViewReferences, Block: -1, Ref: "r", Highlight: true}},
	}
	for _, c := range cases {
		if got := targetLocation(c.in); got != c.want {
			t.Errorf("%+v -> %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestSearchSetQueryNow(t *testing.T) {
	s, _, _ := newPalette(t)
	s.SetQueryNow("vispute")
	if s.entry.Text != "vispute" || !strings.Contains(strings.Join(s.Rows(), "|"), "Vispute 2011") {
		t.Errorf("rows after SetQueryNow: %v", s.Rows())
	}
}

// TestBroadQueryUpdatesEachRowOnce: results are applied with each visible
// row drawn about once. Setting the rows' heights one by one used to
// re-draw every visible row for each height that changed, so a one-letter
// query (84 rows in the bundled pack) re-shaped about a thousand rows of
// truncated text and took a second before its results appeared.
func TestBroadQueryUpdatesEachRowOnce(t *testing.T) {
	s, _, _ := newPalette(t)
	s.SetQueryNow("a")
	if len(s.rows) < 50 {
		t.Fatalf("only %d rows for \"a\"; the test needs a broad query", len(s.rows))
	}
	s.rowUpdates = 0
	s.SetQueryNow("ab")
	s.SetQueryNow("a")
	// Two queries, each drawing at most the rows that fit the window
	// (about 20 at 700 px) a few times over.
	if s.rowUpdates > 120 {
		t.Errorf("applying two queries updated rows %d times, want each visible row about once", s.rowUpdates)
	}
}

func BenchmarkSearchPaletteBroadQuery(b *testing.B) {
	test.NewTempApp(b)
	p := bundledPack(b)
	w := test.NewTempWindow(b, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(1280, 800))
	s := NewSearchPalette(p, search.NewIndex(p), &fakeNav{}, w)
	s.Show()
	for b.Loop() {
		s.SetQueryNow("a")
		s.SetQueryNow("ab")
	}
}

// TestSearchHighlightReadableOnSelectedRow: matched runes are drawn in a
// colour that reads at 4.5:1 on a selected row and on a plain one in both
// variants (Fyne's primary was 3.1:1 on the dark selected row).
func TestSearchHighlightReadableOnSelectedRow(t *testing.T) {
	s, _, ch := newPalette(t)
	for _, mode := range []string{settings.ThemeDark, settings.ThemeLight} {
		th := widgets.NewReaderTheme(mode, 1)
		fyne.CurrentApp().Settings().SetTheme(th)
		s.entry.SetText("löberbauer" + strings.Repeat(" ", len(mode)%2)) // a new query each pass

		settle(t, s, ch)
		s.list.Refresh()
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
		bg := c(theme.ColorNameBackground)
		sel := widgets.Over(color.NRGBAModel.Convert(c(theme.ColorNameSelection)).(color.NRGBA), bg)
		n := 0
		for _, o := range test.LaidOutObjects(s.list) {
			txt, ok := o.(*canvas.Text)
			if !ok || !txt.TextStyle.Bold || !strings.EqualFold(txt.Text, "Löberbauer") {
				continue
			}
			n++
			for name, under := range map[string]color.Color{"selected row": sel, "row": bg} {
				if r := widgets.Contrast(txt.Color, under); r < 4.5 {
					t.Errorf("%s: highlight %v on %s %v is %.2f:1", mode, txt.Color, name, under, r)
				}
			}
		}
		if n == 0 {
			t.Fatalf("%s: no highlighted \"Löberbauer\" drawn in the results", mode)
		}
	}
}

// A study result is titled by its label and its snippet does not start
// with the study's internal id.
func TestSearchStudyRowShowsNoID(t *testing.T) {
	s, _, ch := newPalette(t)
	test.Type(s.entry, "ramirez")
	settle(t, s, ch)
	shown := textOf(s.list)
	if !strings.Contains(shown, "Ramírez-Campillo 2013") {
		t.Fatalf("the study's label is not on screen:\n%s", shown)
	}
	if strings.Contains(shown, "ramirezcampillo2013") || strings.Contains(shown, "ramirezcampillo2022") {
		t.Fatalf("a study's or reference's id shows in the results:\n%s", shown)
	}
}
