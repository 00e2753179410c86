package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// lazyView builds its view the first time it is revealed or asked for,
// so start-up pays only for the view on screen. With a large pack the
// studies table and the references list cost seconds to build.
type lazyView struct {
	name  string
	build func() View
	v     View
	box   *fyne.Container
}

// newLazyView wraps build, which makes the view named name.
func newLazyView(name string, build func() View) *lazyView {
	return &lazyView{name: name, build: build, box: container.NewStack()}
}

// get returns the view, building it on first use.
func (l *lazyView) get() View {
	if l.v == nil {
		l.v = l.build()
		l.box.Objects = []fyne.CanvasObject{l.v.Object()}
		l.box.Refresh()
	}
	return l.v
}

// Object implements View: a stack that receives the view once built.
func (l *lazyView) Object() fyne.CanvasObject { return l.box }

// Reveal implements View; it builds the view.
func (l *lazyView) Reveal(loc Location) { l.get().Reveal(loc) }

// Position implements View; an unbuilt view is at its start.
func (l *lazyView) Position() Location {
	if l.v == nil {
		return Location{View: l.name, Block: -1}
	}
	return l.v.Position()
}
