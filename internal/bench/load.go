package bench

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// LoadThroughput compares loading and checking a pack with goldmark
// parsing the same pack's Markdown, both in MB/s of the bytes they read.
type LoadThroughput struct {
	// PackBytes is every file Load reads; MarkdownBytes the Markdown files.
	PackBytes, MarkdownBytes int
	// Load is pack.Load's MB/s over PackBytes; Goldmark is goldmark's
	// MB/s over MarkdownBytes (median of the runs each).
	Load, Goldmark float64
	Errors         int
}

var markdownFiles = []string{pack.FileArticle, pack.FileLimitations, pack.FileGuidance}

// MeasureLoad loads fsys runs times and parses its Markdown with goldmark
// (with the table and strikethrough extensions the reader's parser
// enables) runs times.
func MeasureLoad(fsys fs.FS, runs int) (LoadThroughput, error) {
	var res LoadThroughput
	var md [][]byte
	for _, f := range markdownFiles {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return res, fmt.Errorf("bench: %w", err)
		}
		md = append(md, b)
		res.MarkdownBytes += len(b)
	}
	var loads, parses []float64
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for range runs {
		t0 := time.Now()
		p, ds := pack.Load(fsys, "bench", pack.Options{Now: now})
		el := time.Since(t0)
		res.Errors = ds.Count(pack.Error)
		n := 0
		for _, b := range p.Sources {
			n += len(b)
		}
		res.PackBytes = n
		loads = append(loads, float64(n)/1e6/el.Seconds())

		gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
		t0 = time.Now()
		for _, b := range md {
			gm.Parser().Parse(text.NewReader(b))
		}
		parses = append(parses, float64(res.MarkdownBytes)/1e6/time.Since(t0).Seconds())
	}
	res.Load, res.Goldmark = Median(loads), Median(parses)
	return res, nil
}
