package reader

import (
	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// RenderDoc renders every top-level block of d, in order, as DocView
// would when each comes into view.
func RenderDoc(d *doc.Document, opts RenderOptions) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(d.Blocks))
	for i, b := range d.Blocks {
		out[i] = RenderBlock(d, b, opts.Markers[i], opts)
	}
	return out
}
