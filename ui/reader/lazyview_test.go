package reader

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

type stubView struct {
	obj fyne.CanvasObject
	loc Location
}

func (s *stubView) Object() fyne.CanvasObject { return s.obj }
func (s *stubView) Reveal(loc Location)       { s.loc = loc }
func (s *stubView) Position() Location        { return s.loc }

func TestLazyViewBuildsOnFirstReveal(t *testing.T) {
	test.NewTempApp(t)
	builds := 0
	inner := &stubView{obj: widget.NewLabel("studies")}
	l := NewLazyView(ViewStudies, func() View { builds++; return inner })
	if p := l.Position(); builds != 0 || p.View != ViewStudies || p.Block != -1 {
		t.Fatalf("Position before use built the view or gave %+v", p)
	}
	box := l.Object().(*fyne.Container)
	if len(box.Objects) != 0 {
		t.Fatal("unbuilt view has content")
	}
	loc := Location{View: ViewStudies, Block: -1, Study: "s1"}
	l.Reveal(loc)
	l.Reveal(loc)
	if builds != 1 || len(box.Objects) != 1 || box.Objects[0] != inner.obj || l.Position() != loc {
		t.Fatalf("builds %d, objects %d, position %+v", builds, len(box.Objects), l.Position())
	}
}

// RevealLater keeps the place for an unbuilt view without building it,
// reports it as the view's position, and reveals it when the view is built.
func TestLazyViewRevealLater(t *testing.T) {
	test.NewTempApp(t)
	var stub *stubView
	lv := NewLazyView(ViewStudies, func() View { stub = &stubView{obj: widget.NewLabel("studies")}; return stub })
	want := Location{View: ViewStudies, Block: -1, Study: "s2"}
	lv.RevealLater(want)
	if lv.Built() != nil {
		t.Fatal("RevealLater built the view")
	}
	if got := lv.Position(); got != want {
		t.Fatalf("unbuilt position %+v, want %+v", got, want)
	}
	lv.Get()
	if stub == nil || stub.loc != want {
		t.Fatalf("built view revealed at %+v, want %+v", stub.loc, want)
	}
	other := Location{View: ViewStudies, Block: -1, Study: "s3"}
	lv.RevealLater(other)
	if stub.loc != other {
		t.Fatal("RevealLater on a built view does not reveal at once")
	}
}
