// Package present is Evidence Reader's presentation mode: a full-screen
// audience window and a presenter window (notes, next slide, clock,
// overview) over one deck, from a pack's slides.md or a deck generated
// from the pack. The slides are drawn here from internal/deck's model; the
// key handling follows internal/deck's state machine. The shell (package
// ui) starts a presentation with PresentPack or Present.
package present
