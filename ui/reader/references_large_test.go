package reader

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/gen"
)

// TestReferencesBuildCardsInView: with thousands of references only the
// cards in view are built, the whole list scrolls without paging, the
// built cards stay bounded, and a reference far down is revealed.
func TestReferencesBuildCardsInView(t *testing.T) {
	test.NewTempApp(t)
	p := gen.Generate(gen.Options{References: 1500, Studies: 50, ArticleBytes: 20000, Seed: 5})
	w := test.NewTempWindow(t, nil)
	v := NewReferencesView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(1000, 700))
	if n := len(v.cards); n == 0 || n > 20 || len(v.Shown()) != 1500 {
		t.Fatalf("built %d cards for %d shown, want a screen's worth", len(v.cards), len(v.Shown()))
	}
	last := p.References[1499].ID
	v.Reveal(Location{View: ViewReferences, Ref: last})
	if v.Card(last) == nil || !v.onScreen(1499) || v.current != last {
		t.Fatalf("Reveal(%s) did not show its card", last)
	}
	// Scroll from the top to the bottom: every card is built on the way,
	// but no more than the cache holds at once.
	v.docs.ScrollTo(0)
	for y := float32(0); ; y += 600 {
		v.docs.ScrollTo(y)
		if len(v.cards) > cardCacheSize {
			t.Fatalf("%d cards built at once, cache holds %d", len(v.cards), cardCacheSize)
		}
		if v.docs.Offset() < y {
			break
		}
	}
	if !v.onScreen(1499) {
		t.Error("scrolling to the end does not show the last reference")
	}
	v.SetQuery(p.References[7].Title)
	if sh := v.Shown(); len(sh) == 0 || len(sh) > 50 || v.position(7) < 0 {
		t.Errorf("filter by a title shows %d references (want it among a few)", len(sh))
	}
}
