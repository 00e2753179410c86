package topicwords

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// allowed are the only places outside content/ and testdata/ where a topic
// word may stand: the first format's field names, which the loader still
// reads, the fixtures of the benchmarks, and the safe-messaging rules,
// which must name what they catch. Each entry must still match
// something, so the list cannot outlive its reason.
var allowed = []struct {
	file string
	// text is removed from a line before it is checked; "" allows the
	// whole file.
	text   string
	reason string
}{
	{"internal/pack/load.go", `legacyMeasureKey = "fat_measure"`, "the first format's field name, still read"},
	{"internal/pack/load.go", `legacyControlKey = "diet_control"`, "the first format's field name, still read"},
	{"internal/pack/load.go", `toml:"fat_measure"`, "the first format's field name, still read"},
	{"internal/pack/load.go", `toml:"diet_control"`, "the first format's field name, still read"},
	{"internal/gen/gen.go", "", "the synthetic benchmark pack's filler text"},
	{"internal/bench/search.go", "", "benchmark queries against the bundled pack"},
	{"internal/safemsg/safemsg.go", "", "the safe-messaging lint names the wording it catches"},
	{"internal/safemsg/rules_en.go", "", "the safe-messaging rules name the words they catch"},
}

// scanned are the files that hold code or templates.
var scanned = []string{".go", ".tmpl", ".gotmpl", ".html", ".css", ".js"}

// TestNoTopicWordsInCode: every word about a pack's topic comes from the
// pack, so the code, comments included, holds none (content/ and every
// testdata/ folder hold pack text and fixtures; tests hold fixtures).
func TestNoTopicWordsInCode(t *testing.T) {
	root := filepath.Join("..", "..")
	used := make([]bool, len(allowed))
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "third_party", "node_modules", "fyne-cross", "dist":
				return filepath.SkipDir
			}
			// build/ holds what the packaging and window checks write,
			// copies of older sources among them (gitignored, like dist).
			if rel == "content" || rel == "build" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(rel, "_test.go") || !slices.Contains(scanned, filepath.Ext(rel)) {
			return nil
		}
		files++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for n, line := range strings.Split(string(src), "\n") {
			whole := false
			for i, a := range allowed {
				if a.file != rel {
					continue
				}
				if a.text == "" {
					whole, used[i] = true, true
				} else if strings.Contains(line, a.text) {
					line = strings.ReplaceAll(line, a.text, "")
					used[i] = true
				}
			}
			if whole {
				break
			}
			if found := Find(line); len(found) > 0 {
				t.Errorf("%s:%d: topic words %q in code (words.txt): %s", rel, n+1, found, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("scanned only %d files: is the walk at the module root?", files)
	}
	for i, a := range allowed {
		if !used[i] {
			t.Errorf("allowlist entry %s %q matches nothing any more: remove it", a.file, a.text)
		}
	}
}
