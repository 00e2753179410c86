package reader

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/gen"
)

// TestReferencesBuildCardsOnDemand: with thousands of references only one
// page of cards exists until the reader asks for more or jumps to one.
func TestReferencesBuildCardsOnDemand(t *testing.T) {
	test.NewTempApp(t)
	p := gen.Generate(gen.Options{References: 700, Studies: 50, ArticleBytes: 20000, Seed: 5})
	w := test.NewTempWindow(t, nil)
	v := NewReferencesView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(1000, 700))
	built := func() int {
		n := 0
		for _, it := range v.items {
			if it != nil {
				n++
			}
		}
		return n
	}
	if n := built(); n != refPage || len(v.Shown()) != 700 {
		t.Fatalf("built %d cards for %d shown, want %d", n, len(v.Shown()), refPage)
	}
	if !v.more.Visible() || v.list.Objects[len(v.list.Objects)-1] != v.more {
		t.Fatal("no 'show more' button after the first page")
	}
	test.Tap(v.more)
	if n := built(); n != 2*refPage {
		t.Errorf("after 'show more' %d cards, want %d", n, 2*refPage)
	}
	last := p.References[699].ID
	v.Reveal(Location{View: ViewReferences, Ref: last})
	if it := v.items[699]; it == nil || !it.obj.Visible() || v.current != last {
		t.Fatalf("Reveal(%s) did not show its card", last)
	}
	v.SetQuery(p.References[7].Title)
	if sh := v.Shown(); len(sh) == 0 || len(v.list.Objects) > refPage+1 {
		t.Errorf("filter shows %d, list has %d objects", len(sh), len(v.list.Objects))
	}
}
