package reader

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// LazyView builds its view the first time it is revealed or asked for,
// so start-up pays only for the view on screen. With a large pack the
// studies table and the references list cost seconds to build.
type LazyView struct {
	name  string
	build func() View
	v     View
	box   *fyne.Container
}

// NewLazyView wraps build, which makes the view named name.
func NewLazyView(name string, build func() View) *LazyView {
	return &LazyView{name: name, build: build, box: container.NewStack()}
}

// Get returns the view, building it on first use.
func (l *LazyView) Get() View {
	if l.v == nil {
		l.v = l.build()
		l.box.Objects = []fyne.CanvasObject{l.v.Object()}
		l.box.Refresh()
	}
	return l.v
}

// Object implements View: a stack that receives the view once built.
func (l *LazyView) Object() fyne.CanvasObject { return l.box }

// Reveal implements View; it builds the view.
func (l *LazyView) Reveal(loc Location) { l.Get().Reveal(loc) }

// Position implements View; an unbuilt view is at its start.
func (l *LazyView) Position() Location {
	if l.v == nil {
		return Location{View: l.name, Block: -1}
	}
	return l.v.Position()
}

// Built returns the view if it has been built, else nil; it never builds.
func (l *LazyView) Built() View { return l.v }
