package ui

import (
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// BenchmarkReload measures the live preview's reload of the bundled pack
// (a folder copy of content/spot-reduction), headless: "load" is the
// loader goroutine's part (cli.LoadPath), "apply" the UI goroutine's
// (the views rebuilt and returned to the reader's place: the article
// half-way down, a study selected), "total" both, which is a reload after
// the watcher's debounce (150 ms) less the painting of the frame. The
// issue asks for well under a second.
func BenchmarkReload(b *testing.B) {
	dir := copyPack(b, "../content/spot-reduction")
	h := previewShell(b, dir, cli.OpenOptions{})
	s := h.s
	s.Go(reader.Location{View: reader.ViewStudies, Block: -1, Study: s.Loaded.Pack.Studies[1].ID})
	s.Go(reader.Location{View: reader.ViewArticle, Block: len(s.Loaded.Pack.Article.Blocks) / 2})
	p := s.live.p
	check := func() {
		if s.Loaded.Diags.HasErrors() || s.views == nil || s.Current() != reader.ViewArticle {
			b.Fatalf("the reload did not show the pack: errors %v, view %q", s.Loaded.Diags.HasErrors(), s.Current())
		}
	}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if r := p.load(); r.l.Diags.HasErrors() {
				b.Fatal(r.l.Diags)
			}
		}
	})
	r := p.load()
	b.Run("apply", func(b *testing.B) {
		for b.Loop() {
			s.applyReload(p, p.seq.Add(1), r)
		}
		check()
	})
	b.Run("total", func(b *testing.B) {
		for b.Loop() {
			s.applyReload(p, p.seq.Add(1), p.load())
		}
		check()
	})
}
