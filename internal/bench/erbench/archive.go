package main

import "github.com/evidence-reader/evidence-reader/internal/bench"

// archiveFigure compares opening the bundled pack from a .evpack archive
// with opening it from its folder.
func archiveFigure(work string) bench.Figure {
	return bench.Figure{Name: "Opening the bundled pack from its .evpack, vs its folder", Budget: "≤ 1.2x floor",
		Note: "not measured: this build has no .evpack loading (internal/evpack)"}
}
