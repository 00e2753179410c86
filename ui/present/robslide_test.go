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
	"github.com/evidence-reader/evidence-reader/ui/widgets"
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

// TestRoBSlideStaysReadable: the bundled pack's risk-of-bias slide, eleven
// studies of which six were not assessed, keeps its table text at least
// minReadableTable at the design size, by naming the six in a note under
// the table rather than giving each a row; its lights keep their words.
func TestRoBSlideStaysReadable(t *testing.T) {
	test.NewTempApp(t)
	l := cli.LoadBundled(newPackNow)
	slides, _ := cli.Deck(l.Pack)
	v, _ := slideOfKind(t, l.Pack, slides, deck.KindRoB)
	if got := v.th.Size(sizeSlideTable); got < minReadableTable-0.01 {
		t.Fatalf("table text %.1f px at the design size, want at least %d", got, minReadableTable)
	}
	text := strings.Join(shownTexts(v), " ")
	for _, want := range []string{"Not assessed with RoB 2: Stallknecht 2007", "Stallknecht 2007", "Ramirez-Campillo 2022", "Some concerns", "Randomisation"} {
		if !strings.Contains(text, want) {
			t.Errorf("the slide does not show %q: %s", want, text)
		}
	}
}

// TestRoBForms: each shorter form of a risk-of-bias table shortens it as
// it says, and is offered only where it makes a difference.
func TestRoBForms(t *testing.T) {
	test.NewTempApp(t)
	th := &slideTheme{scale: 1, fit: 1}
	p, _ := stretchingDeck(t)
	text := func(o fyne.CanvasObject) string {
		var b strings.Builder
		walkObjects(o, func(o fyne.CanvasObject) {
			if x, ok := o.(*canvas.Text); ok {
				b.WriteString(x.Text + "|")
			}
		})
		return b.String()
	}
	rob2 := func(ids ...string) []pack.Study {
		var out []pack.Study
		for _, id := range ids {
			s, _ := p.Study(id)
			out = append(out, *s)
		}
		return out
	}
	all := rob2("illustra2000", "demo2010", "sample2012", "mock2019")
	rows, noted, coded := robTable(all, robRows, th), robTable(all, robNoted, th), robTable(all, robCoded, th)
	if rows == nil || noted == nil || coded == nil {
		t.Fatal("a form of a RoB 2 table with a study not assessed is missing")
	}
	if s := text(rows); !strings.Contains(s, "Not assessed with RoB 2: RoB 2 covers") || !strings.Contains(s, "Randomisation") {
		t.Errorf("rows form: %s", s)
	}
	if s := text(noted); !strings.Contains(s, "Not assessed with RoB 2: Sample 2012 (RoB 2 covers") || !strings.Contains(s, "Randomisation") {
		t.Errorf("noted form: %s", s)
	}
	if s := text(coded); !strings.Contains(s, "|D1|") || !strings.Contains(s, "D1 Randomisation · D2 Deviations") || strings.Contains(s, "|Randomisation|") {
		t.Errorf("coded form: %s", s)
	}
	// All assessed: no note to move a study into.
	if robTable(rob2("illustra2000", "demo2010"), robNoted, th) != nil {
		t.Error("a noted form is offered with no study to note")
	}
	// RoB 2's three levels have a dot each, so a dot form is offered, with
	// a key; AMSTAR 2's "No" and "Low" share the red dot, so it is not.
	dots := robTable(rob2("illustra2000", "demo2010"), robDots, th)
	if dots == nil {
		t.Fatal("no dot form for RoB 2")
	}
	if s := text(dots); strings.Contains(s, "|Some concerns|") == false || strings.Count(s, "|Some concerns|") != 1 {
		t.Errorf("dot form: the lights keep their words, or the key lacks them: %s", s)
	}
	if robTable(rob2("placeholder2014"), robDots, th) != nil {
		t.Error("a dot form is offered where two levels share a dot")
	}
}

func TestNotAssessedNote(t *testing.T) {
	st := func(label, reason string) pack.Study {
		return pack.Study{Label: label, RiskOfBias: &pack.RiskOfBias{Reason: reason}}
	}
	got := notAssessedNote("RoB 2", []pack.Study{
		st("A 2001", "RoB 2 covers randomised trials. It is a cohort."),
		st("B 2002", ""),
		st("C 2003", "RoB 2 covers randomised trials."),
	})
	want := "Not assessed with RoB 2: A 2001, C 2003 (RoB 2 covers randomised trials); B 2002."
	if got != want {
		t.Errorf("note %q, want %q", got, want)
	}
}

// TestOutcomeBadgesInTheAppsColours: the studies slide shows each outcome
// type in the colour the reading views give it (widgets): the mechanism
// type "Acute response" purple, not a colour of the deck's own.
func TestOutcomeBadgesInTheAppsColours(t *testing.T) {
	test.NewTempApp(t)
	p, slides := stretchingDeck(t)
	v, _ := slideOfKind(t, p, slides, deck.KindStudies)
	want := map[string]pack.Tone{"Acute response": pack.ToneMechanism, "Injuries": pack.ToneMain, "Review": pack.ToneSecondary}
	found := map[string]bool{}
	walkObjects(v, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		b, ok := c.Layout.(*badgeLayout)
		if !ok {
			return
		}
		tone, ok := want[b.t.Text]
		if !ok {
			return
		}
		found[b.t.Text] = true
		if got := b.bg.FillColor; got != widgets.OutcomeInk(tone) {
			t.Errorf("the %q badge is %v, want %v (the app's colour for its type, deepened for white text)", b.t.Text, got, widgets.OutcomeInk(tone))
		}
	})
	for label := range want {
		if !found[label] {
			t.Errorf("no %q badge on the studies slide", label)
		}
	}
	row, _ := outcomeColours(p.Vocab(), "acute-response")
	if row != widgets.Over(widgets.OutcomeTint(pack.ToneMechanism), slideBG) {
		t.Errorf("a mechanism row is %v, want the app's tint over the white slide", row)
	}
}
