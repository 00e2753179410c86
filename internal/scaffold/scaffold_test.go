package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/evidence-reader/evidence-reader/docs/schema"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

var now = time.Date(2026, 11, 27, 15, 4, 0, 0, time.UTC)

func load(t *testing.T, files map[string][]byte, at time.Time) (*pack.Pack, pack.Diagnostics) {
	t.Helper()
	m := fstest.MapFS{}
	for n, b := range files {
		m[n] = &fstest.MapFile{Data: b}
	}
	return pack.Load(m, "new", pack.Options{Now: at})
}

// others drops the notes on the scaffold's own placeholder sentences, which
// every new pack has (one a file that holds them, in want files).
func others(t *testing.T, ds pack.Diagnostics, want int) pack.Diagnostics {
	t.Helper()
	var rest pack.Diagnostics
	n := 0
	for _, d := range ds {
		if d.Severity == pack.Note && strings.Contains(d.Message, "placeholder from `evidence-reader new` not yet replaced") {
			n++
			continue
		}
		rest = append(rest, d)
	}
	if n != want {
		t.Errorf("%d placeholder notes, want %d:\n%s", n, want, dump(ds))
	}
	return rest
}

func dump(ds pack.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// A new pack is complete and clean: every file, no diagnostic but the notes
// on its placeholders (every file but the changelog), and slides with no
// warnings, checked on the day it was made and later.
func TestNewPackIsClean(t *testing.T) {
	files, err := Render(Options{Title: "Does stretching prevent injury?", Now: now}, "/tmp/stretching")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(Files) {
		t.Fatalf("%d files, want %d", len(files), len(Files))
	}
	for _, at := range []time.Time{now, now.AddDate(0, 6, 0)} {
		p, ds := load(t, files, at)
		if ds := others(t, ds, len(Files)-1); len(ds) != 0 {
			t.Fatalf("at %s: want no diagnostics, got\n%s", at.Format(time.DateOnly), dump(ds))
		}
		if p.Meta.ID != "stretching" || p.Meta.Title != "Does stretching prevent injury?" || p.Meta.Version != Version {
			t.Errorf("meta %+v", p.Meta)
		}
		if len(p.Studies) != 1 || len(p.References) != 1 || len(p.Article.Citations) != 1 || len(p.Changelog) != 1 {
			t.Errorf("studies %d, references %d, citations %d, changelog %d; want one each",
				len(p.Studies), len(p.References), len(p.Article.Citations), len(p.Changelog))
		}
		if p.Meta.LastReviewed.String() != "2026-11-27" || p.Meta.NextReview.String() != "2027-11-27" || p.Changelog[0].Date.String() != "2026-11-27" {
			t.Errorf("dates: %s, %s, %s", p.Meta.LastReviewed, p.Meta.NextReview, p.Changelog[0].Date)
		}
		if p.Studies[0].RiskOfBias == nil || len(p.Studies[0].Sources) != 1 {
			t.Errorf("study lacks risk of bias or a source: %+v", p.Studies[0])
		}
	}
	slides, diags := deck.Parse(files[pack.FileSlides])
	p, _ := load(t, files, now)
	diags = append(diags, deck.Check(slides, p)...)
	if len(diags) != 0 || len(slides) < 3 {
		t.Errorf("%d slides, diagnostics %v", len(slides), diags)
	}
	if !strings.Contains(string(files[pack.FileGuidance]), "Page last reviewed: 27 November 2026. Next review due: 27 November 2027.") {
		t.Error("guidance.md lacks its review dates")
	}
}

var (
	keyLine    = regexp.MustCompile(`^\s*([A-Za-z0-9_]+)\s*=`)
	headerLine = regexp.MustCompile(`^\s*\[`)
)

// Every key in the TOML files has a comment saying what it is for: on the
// lines above it, in its group of lines (no blank line between). Every
// enumerated field names its allowed values, taken from the validator.
func TestEveryFieldIsCommented(t *testing.T) {
	files, err := Render(Options{Now: now}, "p")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{pack.FilePack, pack.FileStudies} {
		lines := strings.Split(string(files[name]), "\n")
		for i, l := range lines {
			m := keyLine.FindStringSubmatch(l)
			if m == nil || strings.HasPrefix(strings.TrimSpace(l), "#") {
				continue
			}
			commented := false
			for j := i - 1; j >= 0 && strings.TrimSpace(lines[j]) != ""; j-- {
				commented = commented || strings.HasPrefix(strings.TrimSpace(lines[j]), "#")
			}
			if !commented && !headerLine.MatchString(l) {
				t.Errorf("%s:%d: key %s has no comment", name, i+1, m[1])
			}
		}
	}
	studies := string(files[pack.FileStudies])
	for _, vs := range [][]string{OutcomeKeys, pack.Verdicts, RoBLevels(), pack.Confidences, RoBTools()} {
		want := `"` + strings.Join(vs, `", "`) + `"`
		if !strings.Contains(studies, "one of "+want) {
			t.Errorf("studies.toml does not list the allowed values %s", want)
		}
	}
}

func TestTitleAndID(t *testing.T) {
	title := `A "quoted" \ title with *stars* and [brackets] — ünïcode` + "\t"
	files, err := Render(Options{Title: title, ID: "my.pack_2", Now: now}, "ignored")
	if err != nil {
		t.Fatal(err)
	}
	p, ds := load(t, files, now)
	if ds := others(t, ds, len(Files)-1); len(ds) != 0 {
		t.Fatalf("diagnostics:\n%s", dump(ds))
	}
	want := strings.TrimSpace(title)
	if p.Meta.Title != want || p.Meta.ID != "my.pack_2" {
		t.Errorf("title %q id %q", p.Meta.Title, p.Meta.ID)
	}
	if len(p.Article.Sections) == 0 || p.Article.Sections[0].Title != want {
		t.Errorf("article heading %+v, want %q", p.Article.Sections, want)
	}
	for _, bad := range []Options{{ID: "My Pack"}, {ID: "-x"}, {Title: "two\nlines"}} {
		if _, err := Render(bad, "p"); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	for dir, want := range map[string]string{
		"/tmp/My Pack (2)/": "my-pack-2", "Étude sur l'étirement": "etude-sur-l-etirement", "/tmp/___": "new-pack",
		"stretching": "stretching", "..": "new-pack", "_x.y": "x.y",
	} {
		if got := DefaultID(dir); got != want {
			t.Errorf("DefaultID(%q) = %q, want %q", dir, got, want)
		}
	}
	files, _ = Render(Options{Now: now}, "/tmp/stretching-and-injury")
	if p, _ := load(t, files, now); p.Meta.Title != "Stretching and injury" {
		t.Errorf("default title %q", p.Meta.Title)
	}
}

func TestWrite(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "a", "b", "pack")
	if err := Write(dir, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	p, ds := pack.Load(os.DirFS(dir), dir, pack.Options{Now: now})
	if ds := others(t, ds, len(Files)-1); len(ds) != 0 || p.Meta.ID != "pack" {
		t.Fatalf("written pack: id %q\n%s", p.Meta.ID, dump(ds))
	}
	if st, _ := os.Stat(dir); st.Mode().Perm()&0o700 != 0o700 {
		t.Errorf("folder mode %v", st.Mode())
	}
	// A folder with files is refused and left alone.
	err := Write(dir, Options{Now: now})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second Write: %v, want ErrNotEmpty", err)
	}
	// The refusal counts what is in the way: one file is "1 entry".
	one := filepath.Join(root, "one")
	os.Mkdir(one, 0o755)
	os.WriteFile(filepath.Join(one, ".hidden"), nil, 0o644)
	if err := Write(one, Options{Now: now}); !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "(it has 1 entry)") {
		t.Errorf("a folder with one file: %v", err)
	}
	if err := Write(dir, Options{Now: now}); err == nil || !strings.Contains(err.Error(), " entries)") {
		t.Errorf("a folder with many files: %v", err)
	}
	// An empty folder is used.
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	if err := Write(empty, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(empty, pack.FileStudies)); err != nil {
		t.Error(err)
	}
	// A file in the way is refused.
	file := filepath.Join(root, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	if err := Write(file, Options{Now: now}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("file in the way: %v", err)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// A failure part-way (in the pack's files or in its schemas) leaves no
// half-written pack and no temporary folder; an empty folder that was
// there is there again.
func TestWriteFailureLeavesNothing(t *testing.T) {
	for _, failAt := range []int{4, len(Files) + 2} {
		t.Run(fmt.Sprintf("file %d", failAt), func(t *testing.T) { writeFailsAt(t, failAt) })
	}
}

func writeFailsAt(t *testing.T, failAt int) {
	real := writeFile
	defer func() { writeFile = real }()
	n := 0
	writeFile = func(name string, data []byte) error {
		if n++; n == failAt {
			return errors.New("disk full")
		}
		return real(name, data)
	}
	root := t.TempDir()
	dir := filepath.Join(root, "pack")
	if err := Write(dir, Options{Now: now}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Write: %v", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	n = 0
	os.Mkdir(dir, 0o755)
	if err := Write(dir, Options{Now: now}); err == nil {
		t.Fatal("no error")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 || entries[0].Name() != "pack" {
		t.Errorf("after a failure into an empty folder: %v", entries)
	}
	if inside, _ := os.ReadDir(dir); len(inside) != 0 {
		t.Errorf("the empty folder got files: %v", inside)
	}
}

// A new pack carries the editor schemas its TOML files name on their first
// line, in its schema/ folder, as docs/schema has them. They are not pack
// content: the pack loads clean with them, and its content hash is the
// same with the folder, without it, and with other schemas in it.
func TestNewPackCarriesItsSchemas(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p")
	if err := Write(dir, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	for file, name := range schema.For {
		src, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if want := "#:schema ./schema/" + name + "\n"; !strings.HasPrefix(string(src), want) {
			t.Errorf("%s starts %q, want %q", file, src[:min(len(src), 60)], want)
		}
		got, err := os.ReadFile(filepath.Join(dir, "schema", name))
		if err != nil {
			t.Fatalf("the directive of %s does not resolve: %v", file, err)
		}
		orig, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, orig) {
			t.Errorf("schema/%s differs from docs/schema/%s", name, name)
		}
	}
	p, ds := pack.Load(os.DirFS(dir), dir, pack.Options{Now: now})
	if ds := others(t, ds, len(Files)-1); len(ds) != 0 {
		t.Fatalf("with schema/:\n%s", dump(ds))
	}
	files, err := Render(Options{Now: now}, dir)
	if err != nil {
		t.Fatal(err)
	}
	bare, _ := load(t, files, now)
	if p.Hash != bare.Hash || p.Hash == "" {
		t.Errorf("hash with schema/ %s, of the pack's files alone %s", p.Hash, bare.Hash)
	}
	os.WriteFile(filepath.Join(dir, "schema", "pack.schema.json"), []byte("{}"), 0o644)
	if again, _ := pack.Load(os.DirFS(dir), dir, pack.Options{Now: now}); again.Hash != p.Hash {
		t.Errorf("editing a schema changed the hash: %s, was %s", again.Hash, p.Hash)
	}
}
