package ui

import "github.com/evidence-reader/evidence-reader/ui/present"

// presenting holds each shell's running presentation, so F5 while
// presenting brings it forward instead of opening a second one. It is only
// touched on the UI goroutine.
var presenting = map[*Shell]*present.Presentation{}

// Present starts presenting the open pack (F5, View → Present): its
// slides.md, or a deck generated from the pack. A pack with errors is not
// presented; the reader is showing them.
func (s *Shell) Present() {
	if pr := presenting[s]; pr != nil {
		pr.Audience.RequestFocus()
		return
	}
	if s.Loaded.Pack == nil || s.Loaded.Diags.HasErrors() {
		return
	}
	pr := present.PresentPack(s.App, s.Loaded.Pack)
	presenting[s] = pr
	pr.OnClose = func() { delete(presenting, s) }
}
