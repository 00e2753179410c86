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
