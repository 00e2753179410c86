// Package reader holds Evidence Reader's reading views, one per file: the
// article, studies (with the study record and the comparison),
// limitations, guidance, references and the search palette, with the
// virtualized document scroller and the one Markdown renderer they share,
// and the types the window shell (package ui) drives them by: View,
// Location, Navigator and Context. Each view gets its data from internal/
// packages and talks back through callbacks or the Navigator; none of them
// parses files or holds logic that could be tested without a display.
package reader

import "fyne.io/fyne/v2"

// View names, used in Locations, the sidebar and saved settings.
const (
	ViewArticle     = "article"
	ViewStudies     = "studies"
	ViewLimitations = "limitations"
	ViewGuidance    = "guidance"
	ViewReferences  = "references"
)

// Location is a place in the pack that can be shown, pushed on the
// back/forward history and saved as the reading position.
type Location struct {
	View string
	// Block is a top-level block index in the view's document (article,
	// limitations, guidance), -1 for none.
	Block int
	// Offset is the scroll offset in pixels, used to return exactly to a
	// reading position.
	Offset float32
	// Delta is how far Offset is below the top of Block, so a reading
	// position survives block heights being measured since it was taken.
	Delta float32
	// Study and Ref select a study or reference in their views.
	Study string
	Ref   string
	// Highlight asks the view to flash the target so the eye finds it.
	Highlight bool
}

// Navigator moves the reader to a location and records the move in the
// back/forward history.
type Navigator interface {
	Go(loc Location)
}

// View is one page of the reader.
type View interface {
	// Object is the view's root canvas object, built once.
	Object() fyne.CanvasObject
	// Reveal shows loc (whose View is this view's name): scrolls to a block,
	// selects a study or reference, and highlights it when asked.
	Reveal(loc Location)
	// Position is where the reader is now, for history and settings.
	Position() Location
}
