package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// About shows the pack's content hash and, beside the review dates, its
// changelog: the newest entries with their versions, dates and notes; the
// window title names the pack and its version.
func TestAboutShowsChangelogAndHash(t *testing.T) {
	dir := copyPack(t, "../testdata/example-pack")
	var log strings.Builder
	log.WriteString("# Changelog\n\n## 0.1.0 — 2026-11-20\n\n- Added the *second* study.\n- See [the notes](https://example.org/notes).\n\n")
	for i := 9; i >= 1; i-- {
		fmt.Fprintf(&log, "## 0.0.%d — 2026-10-0%d\n\n- Draft %d.\n\n", i, i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "changelog.md"), []byte(log.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	l := cli.LoadPath(dir, time.Now())
	if l.Diags.HasErrors() || len(l.Pack.Changelog) != 10 {
		t.Fatalf("set-up: errors %v, %d changelog entries", l.Diags.HasErrors(), len(l.Pack.Changelog))
	}
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	s := NewShell(a, w, l, cli.OpenOptions{Version: "test"}, "")
	t.Cleanup(s.stopPreview)
	w.Resize(fyne.NewSize(1000, 700))

	about := textOf(s.AboutContent())
	for _, want := range []string{"Content hash", l.Pack.Hash, "Changes", "0.1.0 — 2026-11-20", "Added the second study.", "the notes", "0.0.6 — 2026-10-06", "…and 5 earlier in changelog.md."} {
		if !strings.Contains(about, want) {
			t.Errorf("About lacks %q:\n%s", want, about)
		}
	}
	if strings.Contains(about, "0.0.5 —") {
		t.Error("About shows more than the newest five entries")
	}
	// Beside the review dates: after them, before the disclaimer.
	if i, j := strings.Index(about, "Evidence searched to"), strings.Index(about, "Changes"); i < 0 || j < i {
		t.Error("the changelog is not after the review dates")
	}
	if want := l.Pack.Meta.Title + " (version 0.1.0) — Evidence Reader"; w.Title() != want {
		t.Errorf("window title %q, want %q", w.Title(), want)
	}
}

// The bundled pack has no changelog: About shows its hash and no Changes.
func TestAboutBundledHash(t *testing.T) {
	s, _ := newTestShell(t, "")
	about := textOf(s.AboutContent())
	if !strings.Contains(about, s.Loaded.Pack.Hash) || !strings.HasPrefix(s.Loaded.Pack.Hash, "sha256:") {
		t.Errorf("About lacks the content hash %q", s.Loaded.Pack.Hash)
	}
	if strings.Contains(about, "Changes") {
		t.Error("About shows a changelog the pack does not have")
	}
}

// About renders the blocks the loader parsed for each changelog entry and
// parses nothing itself (a parse could take up to a second on the UI
// goroutine): notes that were never parsed show as they are written.
func TestAboutRendersTheLoadersChangelogBlocks(t *testing.T) {
	parsed, err := doc.Parse([]byte("- Parsed *by the loader*."))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTestShell(t, "")
	p := *s.Loaded.Pack
	p.Changelog = []pack.ChangelogEntry{
		{Version: "2.0.0", Notes: "the notes as written", Doc: parsed, Blocks: parsed.Blocks},
		{Version: "1.0.0", Notes: "- *raw* notes"},
	}
	objs := s.provenance(&p)
	var text strings.Builder
	for _, o := range objs {
		text.WriteString(textOf(o) + "\n")
	}
	got := text.String()
	if !strings.Contains(got, "Parsed by the loader.") || strings.Contains(got, "the notes as written") {
		t.Errorf("2.0.0 does not show the loader's blocks:\n%s", got)
	}
	if !strings.Contains(got, "- *raw* notes") {
		t.Errorf("1.0.0, with no blocks, does not show its notes as written:\n%s", got)
	}
}
