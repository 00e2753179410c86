package reader

import "github.com/evidence-reader/evidence-reader/ui/internal/uitest"

// The window-reading helpers shared with the other ui packages' tests.
var (
	walk    = uitest.Walk
	walkAll = uitest.WalkAll
	textOf  = uitest.TextOf
)
