package present

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/topicwords"
)

// stretchingDeck is the generated deck of the example pack on injuries.
func stretchingDeck(t *testing.T) (*pack.Pack, []deck.Slide) {
	t.Helper()
	l := cli.LoadDir("../../testdata/stretching-pack", time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC))
	if l.Diags.HasErrors() {
		t.Fatalf("stretching pack: %v", l.Diags)
	}
	slides, ds := cli.Deck(l.Pack)
	if len(ds) > 0 || l.Pack.Slides != nil {
		t.Fatalf("want the generated deck, got diagnostics %v", ds)
	}
	return l.Pack, slides
}

// renderSlide shows s at the design size and returns its view and the
// text it draws.
func renderSlide(t *testing.T, p *pack.Pack, s deck.Slide) (*slideView, fyne.Window, string) {
	t.Helper()
	v := newSlideView(p, s, nil)
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1280, 720))
	v.Resize(fyne.NewSize(1280, 720))
	var b strings.Builder
	walkObjects(v, func(o fyne.CanvasObject) {
		if x, ok := o.(*canvas.Text); ok {
			b.WriteString(x.Text + "\n")
		}
	})
	return v, w, b.String()
}

// TestDeckOnAnotherQuestion: every slide of the generated deck, and its
// notes, in the pack's words and none of the bundled pack's.
func TestDeckOnAnotherQuestion(t *testing.T) {
	test.NewTempApp(t)
	p, slides := stretchingDeck(t)
	var studies, rob string
	for _, s := range slides {
		v, _, text := renderSlide(t, p, s)
		if found := topicwords.Find(text + "\n" + s.Notes); len(found) > 0 {
			t.Errorf("slide %d (%s) has topic words of another pack: %q", s.Index+1, s.Title, found)
		}
		if v.body.needed > v.over.Size().Height+1 {
			t.Errorf("slide %d overflows: needs %.0f of %.0f", s.Index+1, v.body.needed, v.over.Size().Height)
		}
		switch s.Directive.Kind {
		case deck.KindStudies:
			studies = text
		case deck.KindRoB:
			rob = text
		}
	}
	for _, want := range []string{"Fewer", "injuries?", "Injuries", "Acute response", "1,538 men", "26,610 men", "Not measured",
		"· not cited in the article.  Shaded rows measured a response to one session, not injuries over weeks."} {
		if !strings.Contains(studies, want) {
			t.Errorf("studies slide lacks %q:\n%s", want, studies)
		}
	}
	for _, want := range []string{"Study (RoB 2)", "Study (ROBINS-I)", "Study (AMSTAR 2)", "Confounding", "Publication", "confidence", "No info", "Not assessed with RoB 2"} {
		if !strings.Contains(rob, want) {
			t.Errorf("risk-of-bias slide lacks %q:\n%s", want, rob)
		}
	}
}

// TestStudyFooterOnlyWhenItApplies: the "·" note only when a study on the
// slide is not cited, the shading note only when a shaded row is on it.
func TestStudyFooterOnlyWhenItApplies(t *testing.T) {
	p, _ := stretchingDeck(t)
	v := p.Vocab()
	by := func(ids ...string) []pack.Study {
		var out []pack.Study
		for _, id := range ids {
			s, _ := p.Study(id)
			out = append(out, *s)
		}
		return out
	}
	for _, c := range []struct {
		ids  []string
		want string
	}{
		{[]string{"illustra2000", "demo2010"}, ""},
		{[]string{"illustra2000", "mock2019"}, "· not cited in the article."},
		{[]string{"illustra2000", "sample2012"}, "Shaded rows measured a response to one session, not injuries over weeks."},
	} {
		if got := studyFooter(v, by(c.ids...)); got != c.want {
			t.Errorf("%v: footer %q, want %q", c.ids, got, c.want)
		}
	}
	// A mechanism-like type the pack gives no slide note still has its shading explained.
	p.Meta.Outcomes[0].SlideNote = ""
	if got := studyFooter(pack.NewVocabulary(p.Meta, p.Studies), by("sample2012")); got != "Shaded rows: Acute response, one session, no injuries counted." {
		t.Errorf("default shading note = %q", got)
	}
}

func TestMarkupStretchingDeck(t *testing.T) {
	test.NewTempApp(t)
	p, slides := stretchingDeck(t)
	for _, s := range slides {
		var name string
		switch {
		case s.Directive.Kind == deck.KindStudies:
			name = "stretching_studies_slide.xml"
		case s.Directive.Kind == deck.KindRoB:
			name = "stretching_rob_slide.xml"
		case s.Index == 1:
			name = "stretching_bullets_slide.xml"
		default:
			continue
		}
		_, w, _ := renderSlide(t, p, s)
		test.AssertRendersToMarkup(t, name, w.Canvas())
	}
}

// TestWrappedBulletsHang: a list item's wrapped lines start under its
// first line's text, not under its bullet.
func TestWrappedBulletsHang(t *testing.T) {
	test.NewTempApp(t)
	body := "## T\n\n- " + strings.Repeat("a long bullet that wraps ", 12) + "\n- short\n\n1. numbered\n   - nested item\n\nA paragraph."
	v, _, _ := renderSlide(t, &pack.Pack{}, deck.Slide{Body: body})
	box := v.content.Objects[1].(*fyne.Container)
	if len(box.Objects) != 5 {
		t.Fatalf("%d blocks, want 2 bullets, a numbered item, a nested item and a paragraph", len(box.Objects))
	}
	item := box.Objects[0].(*fyne.Container)
	mark, text := item.Objects[0].(*widget.RichText), item.Objects[1].(*widget.RichText)
	line := mark.MinSize().Height
	if text.Size().Height < 2*line*0.9 {
		t.Fatalf("the long bullet did not wrap: %v high, one line is %v", text.Size().Height, line)
	}
	if mark.Position().X >= text.Position().X || text.Position().X <= 0 {
		t.Errorf("bullet at %v, text at %v: the text should start right of its bullet", mark.Position().X, text.Position().X)
	}
	nested := box.Objects[3].(*fyne.Container)
	if nested.Objects[1].Position().X <= box.Objects[2].(*fyne.Container).Objects[1].Position().X {
		t.Error("a nested item is not indented further than its parent")
	}
	if box.Objects[4].Position().X != 0 {
		t.Error("a plain paragraph is indented")
	}
	if m := box.Objects[2].(*fyne.Container).Objects[0].(*widget.RichText); m.Segments[0].(*widget.TextSegment).Text != "1." {
		t.Errorf("numbered item mark = %q", m.Segments[0].(*widget.TextSegment).Text)
	}
}

// TestSlideTableShrinksForALongWord: a cell word wider than its column
// marks the table cramped, so the slide shrinks its text rather than Fyne
// break the word in the middle.
func TestSlideTableShrinksForALongWord(t *testing.T) {
	test.NewTempApp(t)
	th := &slideTheme{scale: 1, fit: 1}
	crampedWith := func(word string) bool {
		tb := &tableLayout{th: th, cols: []float32{0.5, 0.5}}
		tb.header([]string{"A", "B"})
		tb.row(rowMain, []tcell{{obj: cellText("x", false)}, {obj: trafficLight(pack.RoBLevel{Short: word, Rating: pack.RatingGood}, th)}})
		tb.place(200)
		return cramped(tb.container())
	}
	if crampedWith("Low") {
		t.Error("a short word is reported as not fitting")
	}
	if !crampedWith("Supercalifragilisticexpialidocious") {
		t.Error("a word wider than its column is not reported")
	}
}
