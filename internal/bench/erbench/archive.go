package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/bench"
	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/evpack"
)

// archiveRuns is how many times each form is loaded, alternating.
const archiveRuns = 21

// archiveFigure compares opening the bundled pack from a .evpack archive
// with opening it from its folder, both through cli.LoadPath (as the
// window and check do): the bundled pack's files are written to a
// folder, and evpack.Write packs that folder.
func archiveFigure(work string) bench.Figure {
	f := bench.Figure{Name: "Opening the bundled pack from its .evpack, vs its folder", Unit: "ms", Budget: "≤ 1.2x floor"}
	dir := filepath.Join(work, "bundled-pack")
	arc := filepath.Join(work, "bundled.evpack")
	if err := writeBundled(dir); err != nil {
		f.Note = "not measured: " + err.Error()
		return f
	}
	if err := evpack.Write(dir, arc); err != nil {
		f.Note = "not measured: " + err.Error()
		return f
	}
	now := time.Now()
	load := func(path string) (time.Duration, cli.Loaded) {
		t0 := time.Now()
		l := cli.LoadPath(path, now)
		return time.Since(t0), l
	}
	var fromArc, fromDir []float64
	for range archiveRuns {
		da, la := load(arc)
		dd, ld := load(dir)
		if la.Diags.HasErrors() || ld.Diags.HasErrors() || len(la.Pack.References) != len(ld.Pack.References) ||
			len(la.Pack.Studies) != len(ld.Pack.Studies) || len(la.Pack.Sources) != len(ld.Pack.Sources) {
			f.Note = fmt.Sprintf("not measured: the archive and the folder load differently (errors %v, %v)", la.Diags.HasErrors(), ld.Diags.HasErrors())
			return f
		}
		fromArc, fromDir = append(fromArc, bench.Ms(da)), append(fromDir, bench.Ms(dd))
	}
	st, _ := os.Stat(arc)
	f.Value, f.Floor = bench.Median(fromArc), bench.Median(fromDir)
	f.Pass = f.Value > 0 && f.Value <= 1.2*f.Floor
	f.Note = fmt.Sprintf("median of %d cli.LoadPath runs each, alternating (open, check, TOML, CSL-JSON, Markdown, validation); the archive is %d bytes, made by evpack.Write from the folder; floor: the same pack from its folder", archiveRuns, st.Size())
	return f
}

// writeBundled copies the bundled pack's files into dir.
func writeBundled(dir string) error {
	src, err := content.Pack(content.Default)
	if err != nil {
		return err
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), b, 0o644)
	})
}
