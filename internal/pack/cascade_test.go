package pack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// bundledFS is the bundled pack as a MapFS the tests can change.
func bundledFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	dir := "../../content/spot-reduction"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = &fstest.MapFile{Data: b}
	}
	return m
}

// TestNoCascadeFromAnUnreadFile: a file that could not be read or decoded
// gets its own error, and the checks that compare it with another file are
// skipped, as they are for references.json. A refused studies.toml brought
// 8 "reference … is never cited" warnings on the bundled pack (its
// cited = false studies were gone), and a refused article.md one for every
// reference and every cited study.
func TestNoCascadeFromAnUnreadFile(t *testing.T) {
	clean := func() Diagnostics {
		_, ds := Load(bundledFS(t), "bundled", Options{Now: testNow})
		return ds
	}()
	for _, c := range []struct {
		name, file string
		change     func(fstest.MapFS)
	}{
		{"studies.toml refused by the screen", FileStudies, func(m fstest.MapFS) {
			m[FileStudies] = &fstest.MapFile{Data: append(m[FileStudies].Data, "\nx = "+strings.Repeat("{a=", 20)+"1"+strings.Repeat("}", 20)+"\n"...)}
		}},
		{"studies.toml malformed", FileStudies, func(m fstest.MapFS) {
			m[FileStudies] = &fstest.MapFile{Data: append(m[FileStudies].Data, "\nx = \n"...)}
		}},
		{"studies.toml missing", FileStudies, func(m fstest.MapFS) { delete(m, FileStudies) }},
		{"article.md refused by the screen", FileArticle, func(m fstest.MapFS) {
			m[FileArticle] = &fstest.MapFile{Data: append(m[FileArticle].Data, "\n\n"+strings.Repeat("[", 2000)+"\n"...)}
		}},
		{"article.md missing", FileArticle, func(m fstest.MapFS) { delete(m, FileArticle) }},
		{"article.md not UTF-8", FileArticle, func(m fstest.MapFS) {
			m[FileArticle] = &fstest.MapFile{Data: append(m[FileArticle].Data, 0xff)}
		}},
		{"pack.toml malformed after its outcome types", FilePack, func(m fstest.MapFS) {
			m[FilePack] = &fstest.MapFile{Data: append(m[FilePack].Data, "\nx = \n"...)}
		}},
		// The decoder fills in what it read before a value of the wrong
		// type: the first outcome type, not the second.
		{"pack.toml with a value of the wrong type", FilePack, replace(FilePack, `key = "body-composition"`, `key = 1`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := bundledFS(t)
			c.change(m)
			_, ds := Load(m, "bundled", Options{Now: testNow})
			errorAt(t, ds, c.file)
			// Every diagnostic is about the broken file, or was there
			// before the file broke.
			was := map[string]bool{}
			for _, d := range clean {
				was[d.String()] = true
			}
			for _, d := range ds {
				if d.File != c.file && !was[d.String()] {
					t.Errorf("follows from the broken %s: %s", c.file, d)
				}
			}
		})
	}
}
