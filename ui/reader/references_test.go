package reader

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

func newRefs(t *testing.T) (*ReferencesView, *fakeNav, fyne.App) {
	t.Helper()
	a := test.NewTempApp(t)
	p := bundledPack(t)
	nav := &fakeNav{}
	w := test.NewTempWindow(t, nil)
	v := NewReferencesView(p, nav, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(1000, 700))
	return v, nav, a
}

// itemFor returns the card of reference id, scrolling it into view (so
// built) when it is not built yet.
func itemFor(t *testing.T, v *ReferencesView, id string) *refItem {
	t.Helper()
	for _, it := range v.cards {
		if it.ref.ID == id {
			return it
		}
	}
	v.Reveal(Location{View: ViewReferences, Ref: id})
	for _, it := range v.cards {
		if it.ref.ID == id {
			return it
		}
	}
	t.Fatalf("no reference %s", id)
	return nil
}

// bold returns the text of the highlighted segments.
func bold(rt *widget.RichText) []string {
	var out []string
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.ColorName == widgets.ColorNameHighlight {
			out = append(out, ts.Text)
		}
	}
	return out
}

func TestReferencesFilterHighlightsRunes(t *testing.T) {
	v, _, _ := newRefs(t)
	all := len(v.Shown())
	if all != len(v.p.References) || all == 0 {
		t.Fatalf("empty query shows %d of %d", all, len(v.p.References))
	}
	for _, q := range []string{"löb", "LOB"} {
		test.Type(v.entry, q)
		shown := v.Shown()
		if len(shown) != 1 || shown[0] != "loberbauerpurer2012" {
			t.Fatalf("%q shows %v", q, shown)
		}
		it := itemFor(t, v, "loberbauerpurer2012")
		if got := bold(it.line); len(got) != 1 || got[0] != "Löb" {
			t.Errorf("%q highlights %q, want [Löb]", q, got)
		}
		if v.Card("stallknecht2007") != nil || v.docs.Realized() != 1 {
			t.Errorf("%q leaves a non-matching reference in the list (%d cards on screen)", q, v.docs.Realized())
		}
		v.entry.SetText("")
	}
	if len(v.Shown()) != all {
		t.Errorf("clearing the query shows %d, want %d", len(v.Shown()), all)
	}
}

func TestHighlightSegmentsSplitsAtRunes(t *testing.T) {
	segs := highlightSegments("Kässmann, H.", []search.Range{{Start: 1, End: 3}}, widget.RichTextStyleInline)
	var texts []string
	for _, s := range segs {
		texts = append(texts, s.(*widget.TextSegment).Text)
	}
	if len(texts) != 3 || texts[0] != "K" || texts[1] != "äs" || texts[2] != "smann, H." {
		t.Errorf("segments = %q", texts)
	}
	// Out-of-range and overlapping ranges are clipped, never a panic.
	segs = highlightSegments("ab", []search.Range{{Start: 1, End: 9}, {Start: 0, End: 2}}, widget.RichTextStyleInline)
	if len(segs) != 1 || segs[0].(*widget.TextSegment).Text != "ab" {
		t.Errorf("clipped ranges gave %d segments, want one \"ab\"", len(segs))
	}
}

func TestReferencesCopyFormats(t *testing.T) {
	v, _, a := newRefs(t)
	it := itemFor(t, v, "stallknecht2007")
	csl, err := cite.CSLJSON(*it.ref)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		b    *copyButton
		want string
	}{
		{it.copyAPA, cite.APA(*it.ref)},
		{it.copyBib, cite.BibTeX(*it.ref)},
		{it.copyRIS, cite.RIS(*it.ref)},
		{it.copyCSL, csl},
	}
	for _, c := range cases {
		test.Tap(c.b)
		if got := a.Clipboard().Content(); got != c.want || got == "" {
			t.Errorf("%s copied %q, want %q", c.b.Text, got, c.want)
		}
	}
}

func TestReferencesLinksAndBackLinks(t *testing.T) {
	v, nav, _ := newRefs(t)
	var opened []string
	v.OpenURL = func(u string) { opened = append(opened, u) }
	it := itemFor(t, v, "stallknecht2007")
	test.Tap(it.openDOI)
	test.Tap(it.openPM)
	if len(opened) != 2 || opened[0] != cite.DOIURL(*it.ref) || opened[1] != cite.PubMedURL(*it.ref) {
		t.Errorf("opened %v", opened)
	}
	cs := v.p.CitationsOf("stallknecht2007")
	if len(it.citedIn) != len(cs) || len(cs) == 0 {
		t.Fatalf("%d cited-in links for %d citations", len(it.citedIn), len(cs))
	}
	test.Tap(it.citedIn[0])
	if got, want := nav.last(t), (Location{View: ViewArticle, Block: cs[0].Block, Highlight: true}); got != want {
		t.Errorf("cited in went to %+v, want %+v", got, want)
	}
	test.Tap(it.studyBtn)
	if got := nav.last(t); got.View != ViewStudies || got.Study != "stallknecht2007" {
		t.Errorf("study link went to %+v", got)
	}
}

func TestReferencesRevealClearsFilter(t *testing.T) {
	v, _, _ := newRefs(t)
	v.SetQuery("löb")
	v.Reveal(Location{View: ViewReferences, Ref: "stallknecht2007", Highlight: true})
	if v.Card("stallknecht2007") == nil || !v.onScreen(slices.IndexFunc(v.p.References, func(r pack.Reference) bool { return r.ID == "stallknecht2007" })) || v.entry.Text != "" {
		t.Errorf("reveal of a filtered-out reference: card %v, query %q", v.Card("stallknecht2007"), v.entry.Text)
	}
	if v.Position().Ref != "stallknecht2007" {
		t.Errorf("position = %+v", v.Position())
	}
}

// A filter that keeps nothing says so instead of leaving a blank page,
// and the line goes when the filter matches again.
func TestReferencesFilterSaysWhenNothingMatches(t *testing.T) {
	v, _, _ := newRefs(t)
	if got := v.NoMatch(); got != "" {
		t.Fatalf("with no filter the view says %q", got)
	}
	v.SetQuery("zzqx")
	if len(v.Shown()) != 0 {
		t.Fatalf("set-up: zzqx kept %v", v.Shown())
	}
	if got, want := v.NoMatch(), "No references match “zzqx”."; got != want {
		t.Fatalf("no-match line %q, want %q", got, want)
	}
	if !v.none.Visible() || v.none.Size().Height <= 0 {
		t.Fatal("the no-match line is not laid out on screen")
	}
	v.SetQuery("palumbo")
	if len(v.Shown()) == 0 || v.NoMatch() != "" {
		t.Fatalf("palumbo: %d shown, line %q", len(v.Shown()), v.NoMatch())
	}
}

// "Copied" does not change a copy button's width, so the buttons beside
// it stay where they are; the button says it and goes back.
func TestReferencesCopiedKeepsTheButtonWidth(t *testing.T) {
	var reset []func()
	old := AfterDelay
	AfterDelay = func(_ time.Duration, f func()) { reset = append(reset, f) }
	t.Cleanup(func() { AfterDelay = old })
	v, _, _ := newRefs(t)
	it := itemFor(t, v, "stallknecht2007")
	for _, b := range []*copyButton{it.copyAPA, it.copyBib, it.copyRIS, it.copyCSL} {
		before := b.MinSize()
		test.Tap(b)
		if b.Text != copiedText {
			t.Fatalf("%s: after a copy the button says %q", b.label, b.Text)
		}
		if after := b.MinSize(); after != before {
			t.Errorf("%s: the button's size went from %v to %v when it said %q", b.label, before, after, b.Text)
		}
	}
	for _, f := range reset {
		f()
	}
	if it.copyAPA.Text != "APA" || it.copyAPA.MinSize().Width <= 0 {
		t.Fatalf("after the moment the APA button says %q", it.copyAPA.Text)
	}
}

// Tab reaches the filter before the cards' buttons: it is the view's first
// control, as in the other views.
func TestReferencesTabReachesTheFilterFirst(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	v := NewReferencesView(bundledPack(t), &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(1000, 700))
	w.Canvas().FocusNext()
	if f := w.Canvas().Focused(); f != fyne.Focusable(v.entry) {
		t.Errorf("the first Tab focused %T, want the filter", f)
	}
}
