package gen

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

func TestGenerateSizes(t *testing.T) {
	p := Generate(Options{References: 300, Studies: 40, ArticleBytes: 50000, Seed: 1})
	if len(p.References) != 300 || len(p.Studies) != 40 {
		t.Fatalf("refs %d studies %d", len(p.References), len(p.Studies))
	}
	md := p.Sources[pack.FileArticle]
	if len(md) < 50000 || len(md) > 60000 {
		t.Errorf("article.md is %d bytes", len(md))
	}
	if len(p.Article.Sections) == 0 || p.Article.Blocks[p.Article.Sections[1].Block].Section != 1 {
		t.Error("sections and blocks disagree")
	}
	again := Generate(Options{References: 300, Studies: 40, ArticleBytes: 50000, Seed: 1})
	if !bytes.Equal(again.Sources[pack.FileArticle], md) || again.References[299].Title != p.References[299].Title {
		t.Error("same seed gave a different pack")
	}
}

// A generated pack is resolved as Load resolves a pack: its lookups work
// and its vocabulary is built once, not on every Vocab call.
func TestGeneratedPackIsResolved(t *testing.T) {
	p := Generate(Options{References: 30, Studies: 5, ArticleBytes: 2000, Seed: 1})
	if r, ok := p.Reference(p.References[29].ID); !ok || r.Title != p.References[29].Title {
		t.Errorf("Reference(%q) = %v, %v", p.References[29].ID, r, ok)
	}
	if s, ok := p.Study(p.Studies[4].ID); !ok || s.Label != p.Studies[4].Label {
		t.Errorf("Study(%q) = %v, %v", p.Studies[4].ID, s, ok)
	}
	// The same pointer twice: resolved once, when the pack was.
	if first, again := p.Vocab(), p.Vocab(); first != again {
		t.Error("Vocab resolves the vocabulary on every call")
	}
}

func TestWritePack(t *testing.T) {
	dir := t.TempDir()
	if err := WritePack(dir, Options{References: 50, Studies: 10, ArticleBytes: 4000, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	var meta struct {
		ID           string `toml:"id"`
		LastReviewed string `toml:"last_reviewed"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, pack.FilePack), &meta); err != nil || meta.ID != "generated" || meta.LastReviewed != "2026-11-01" {
		t.Errorf("pack.toml: %+v %v", meta, err)
	}
	var studies struct {
		Study []pack.Study `toml:"study"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, pack.FileStudies), &studies); err != nil || len(studies.Study) != 10 || studies.Study[3].ID != "study3" {
		t.Errorf("studies.toml: %d studies, %v", len(studies.Study), err)
	}
	b, err := os.ReadFile(filepath.Join(dir, pack.FileReferences))
	if err != nil {
		t.Fatal(err)
	}
	var refs []pack.Reference
	if err := json.Unmarshal(b, &refs); err != nil || len(refs) != 50 || refs[0].ID != "ref0" {
		t.Errorf("references.json: %d refs, %v", len(refs), err)
	}
	for _, f := range []string{pack.FileArticle, pack.FileLimitations, pack.FileGuidance} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}
