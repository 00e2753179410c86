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
	// later is where to reveal the view when it is built (RevealLater).
	later *Location
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
		if l.later != nil {
			loc := *l.later
			l.later = nil
			l.v.Reveal(loc)
		}
	}
	return l.v
}

// RevealLater reveals loc now if the view is built, else when it is: the
// shell returns views to their place after a reload without building the
// ones not on screen.
func (l *LazyView) RevealLater(loc Location) {
	if l.v != nil {
		l.v.Reveal(loc)
		return
	}
	l.later = &loc
}

// Object implements View: a stack that receives the view once built.
func (l *LazyView) Object() fyne.CanvasObject { return l.box }

// Reveal implements View; it builds the view.
func (l *LazyView) Reveal(loc Location) { l.Get().Reveal(loc) }

// Position implements View; an unbuilt view is at its start, or where
// RevealLater will put it.
func (l *LazyView) Position() Location {
	if l.v == nil {
		if l.later != nil {
			return *l.later
		}
		return Location{View: l.name, Block: -1}
	}
	return l.v.Position()
}

// Built returns the view if it has been built, else nil; it never builds.
func (l *LazyView) Built() View { return l.v }
