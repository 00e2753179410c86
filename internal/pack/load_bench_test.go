package pack_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/gen"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// largePackFS is make bench's window pack (10,000 references, 1,000
// studies, a 1 MB article) read into memory, so the benchmark times
// decoding and checking, not the disk.
func largePackFS(b *testing.B) fs.FS {
	b.Helper()
	dir := b.TempDir()
	if err := gen.WritePack(dir, gen.Options{Seed: 1}); err != nil {
		b.Fatal(err)
	}
	m := fstest.MapFS{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		m[e.Name()] = &fstest.MapFile{Data: data}
	}
	return m
}

// BenchmarkLoadLarge is pack.Load of the large pack: the window waits for
// it before its first frame (docs/performance.md, "First frame, large pack").
func BenchmarkLoadLarge(b *testing.B) {
	fsys := largePackFS(b)
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := pack.Load(fsys, "large", pack.Options{Now: now}); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}
