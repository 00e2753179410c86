package present

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/scaffold"
)

var newPackNow = time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)

// newPackDeck is the pack evidence-reader new writes, without its
// slides.md: one study, and the generated deck.
func newPackDeck(t *testing.T) (*pack.Pack, []deck.Slide) {
	t.Helper()
	files, err := scaffold.Render(scaffold.Options{Title: "N", Now: newPackNow}, "/tmp/n")
	if err != nil {
		t.Fatal(err)
	}
	delete(files, pack.FileSlides)
	m := fstest.MapFS{}
	for n, b := range files {
		m[n] = &fstest.MapFile{Data: b}
	}
	p, ds := pack.Load(m, "n", pack.Options{Now: newPackNow})
	if ds.HasErrors() {
		t.Fatalf("new pack: %v", ds)
	}
	slides, _ := cli.Deck(p)
	return p, slides
}

// slideOfKind renders the deck's slide with directive kind k at the
// design size.
func slideOfKind(t *testing.T, p *pack.Pack, slides []deck.Slide, k string) (*slideView, fyne.Window) {
	t.Helper()
	for _, s := range slides {
		if s.Directive.Kind == k {
			v, w, _ := renderSlide(t, p, s)
			return v, w
		}
	}
	t.Fatalf("no slide of kind %v", k)
	return nil, nil
}

// shownTexts are the lines of text the slide draws.
func shownTexts(v *slideView) []string {
	var out []string
	walkObjects(v, func(o fyne.CanvasObject) {
		if x, ok := o.(*canvas.Text); ok && o.Visible() && strings.TrimSpace(x.Text) != "" {
			out = append(out, strings.TrimSpace(x.Text))
		}
	})
	return out
}

// TestRoBHeadersKeepTheirWords: on the risk-of-bias slide of a one-study
// pack, every domain's name is drawn with each word whole: a short table
// that has room to spare must still shrink (or widen its columns) until
// "Randomisation" fits, not break it as "Randomisatio" / "n".
func TestRoBHeadersKeepTheirWords(t *testing.T) {
	test.NewTempApp(t)
	p, slides := newPackDeck(t)
	v, _ := slideOfKind(t, p, slides, deck.KindRoB)
	shown := map[string]bool{}
	for _, line := range shownTexts(v) {
		for _, w := range strings.Fields(line) {
			shown[w] = true
		}
	}
	tool := p.Studies[0].RiskOfBias.ToolInfo()
	for _, d := range tool.SlideDomains() {
		for _, w := range strings.Fields(d.Short) {
			if !shown[w] {
				t.Errorf("the header word %q is not drawn whole; the slide shows %q", w, shownTexts(v))
			}
		}
	}
}
