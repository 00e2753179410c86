package reader

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// Golden-markup test of the study record on its own, in the light theme at
// 100% text (as the shell sets them for its markup tests in package ui) at
// a fixed size, compared with a master in testdata/. A master that is
// missing or differs is written to testdata/failed/; read it before
// copying it over the master.

// markupNow is the clock of the markup tests, inside the bundled pack's
// review period.
var markupNow = time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)

func TestMarkupStudyDetail(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(widgets.NewReaderTheme(settings.ThemeLight, 1))
	l := cli.LoadBundled(markupNow)
	if l.Diags.HasErrors() {
		t.Fatalf("bundled pack has errors: %v", l.Diags)
	}
	st, ok := l.Pack.Study("loberbauerpurer2012")
	if !ok {
		t.Fatal("no loberbauerpurer2012 in the bundled pack")
	}
	// The window the record's dialogs would open over, as the shell's is.
	host := test.NewTempWindow(t, widget.NewLabel(""))
	d := newStudyDetail(l.Pack, st, &fakeNav{}, host, func(string) {})
	w := test.NewTempWindow(t, d.Object())
	w.Resize(fyne.NewSize(700, 1900))
	test.AssertRendersToMarkup(t, "study_detail.xml", w.Canvas())
}

// TestMarkupStudyDetailOnAnotherQuestion: a record of the pack on injuries,
// with its field names, its outcome type's caution and an assessment with
// ROBINS-I's seven domains.
func TestMarkupStudyDetailOnAnotherQuestion(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(widgets.NewReaderTheme(settings.ThemeLight, 1))
	l := cli.LoadDir("../../testdata/stretching-pack", markupNow)
	if l.Diags.HasErrors() {
		t.Fatalf("stretching pack has errors: %v", l.Diags)
	}
	host := test.NewTempWindow(t, widget.NewLabel(""))
	for _, c := range []struct{ id, master string }{
		{"specimen2003", "study_detail_robins.xml"},
		{"sample2012", "study_detail_acute.xml"},
	} {
		st, ok := l.Pack.Study(c.id)
		if !ok {
			t.Fatalf("no %s in the stretching pack", c.id)
		}
		d := newStudyDetail(l.Pack, st, &fakeNav{}, host, func(string) {})
		w := test.NewTempWindow(t, d.Object())
		w.Resize(fyne.NewSize(700, 1900))
		test.AssertRendersToMarkup(t, c.master, w.Canvas())
	}
}
