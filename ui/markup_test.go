package ui

import (
	"testing"
	"testing/fstest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// Golden-markup tests: each renders the window (dialogs over the studies
// view) in the light theme at a fixed size and compares it with a master
// in testdata/. The study record on its own is ui/reader's
// TestMarkupStudyDetail. A master that is missing or
// differs is written to testdata/failed/; read it before copying it over
// the master.

// markupNow is the clock of the markup tests, inside the bundled pack's
// review period so no overdue notice or "(overdue)" appears.
var markupNow = time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)

var markupSize = fyne.NewSize(1000, 700)

// markupShell opens l in a light-themed window of markupSize with a fixed
// clock and version.
func markupShell(t *testing.T, l cli.Loaded) (*Shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	bundled := func() cli.Loaded { return cli.LoadBundled(markupNow) }
	s := NewShell(a, w, l, cli.OpenOptions{Version: "1.0.0-test", Bundled: bundled}, "")
	// Open it again with the fixed clock and the light theme remembered.
	s.Now = func() time.Time { return markupNow }
	s.views = nil
	s.set.Set(s.packKey(), settings.Pack{Theme: settings.ThemeLight, TextScale: 1})
	s.SetPack(l)
	w.Resize(markupSize)
	return s, w
}

func markupBundled(t *testing.T) (*Shell, fyne.Window) {
	t.Helper()
	l := cli.LoadBundled(markupNow)
	if l.Diags.HasErrors() {
		t.Fatalf("bundled pack has errors: %v", l.Diags)
	}
	return markupShell(t, l)
}

func markupStudies(t *testing.T) (*Shell, *reader.StudiesView, fyne.Window) {
	t.Helper()
	s, w := markupBundled(t)
	s.GoView(reader.ViewStudies)
	return s, s.View(reader.ViewStudies).(*reader.LazyView).Get().(*reader.StudiesView), w
}

func TestMarkupStudiesView(t *testing.T) {
	_, _, w := markupStudies(t)
	test.AssertRendersToMarkup(t, "studies_view.xml", w.Canvas())
}

func TestMarkupCompareTwoStudies(t *testing.T) {
	_, v, w := markupStudies(t)
	v.SetChecked("stallknecht2007", true)
	v.SetChecked("loberbauerpurer2012", true)
	v.ShowCompare()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no comparison dialog")
	}
	test.AssertRendersToMarkup(t, "compare_two.xml", w.Canvas())
}

func TestMarkupReferencesQuery(t *testing.T) {
	s, w := markupBundled(t)
	s.GoView(reader.ViewReferences)
	v := s.View(reader.ViewReferences).(*reader.LazyView).Get().(*reader.ReferencesView)
	v.SetQuery("löberbauer")
	if got := v.Shown(); len(got) != 1 || got[0] != "loberbauerpurer2012" {
		t.Fatalf("query shows %v", got)
	}
	test.AssertRendersToMarkup(t, "references_query.xml", w.Canvas())
}

func TestMarkupSearchResults(t *testing.T) {
	s, w := markupBundled(t)
	s.GoView(reader.ViewStudies)
	s.OpenSearch()
	searchTyper(s.ctx, "Löberbauer")
	if len(s.palette().Rows()) == 0 {
		t.Fatal("the query found nothing")
	}
	test.AssertRendersToMarkup(t, "search_results.xml", w.Canvas())
}

func TestMarkupAboutDialog(t *testing.T) {
	s, w := markupBundled(t)
	s.GoView(reader.ViewStudies)
	s.ShowAbout()
	test.AssertRendersToMarkup(t, "about_dialog.xml", w.Canvas())
}

func TestMarkupErrorViewBrokenPack(t *testing.T) {
	// An in-memory pack, so the error view names "broken-pack" and not a
	// temporary folder that changes every run.
	fsys := fstest.MapFS{
		"pack.toml":  {Data: []byte("id = \"broken\"\ntitle = [unclosed\n")},
		"article.md": {Data: []byte("# Hi\n")},
	}
	p, ds := pack.Load(fsys, "broken-pack", pack.Options{Now: markupNow})
	if !ds.HasErrors() {
		t.Fatal("fixture pack has no errors")
	}
	_, w := markupShell(t, cli.Loaded{Pack: p, Diags: ds})
	test.AssertRendersToMarkup(t, "error_view_broken_pack.xml", w.Canvas())
}
