package present

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/topicwords"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

func exposedLabels(o fyne.CanvasObject) map[string]fyne.AccessibleRole {
	m := map[string]fyne.AccessibleRole{}
	for _, e := range widgets.Exposed(o) {
		m[e.Label] = e.Role
	}
	return m
}

// TestPresentationLabels: what a screen reader is told in both windows:
// the slide, where the presentation is, the timer, the overview's slides.
func TestPresentationLabels(t *testing.T) {
	pr, clk := startBundled(t)
	pressKeys(pr.Audience, fyne.KeyRight)
	want := "Slide 2 of 15: " + pr.slides[1].Title
	if pr.slides[1].Title == "" || pr.aud.keys.AccessibilityLabel() != want {
		t.Errorf("key catcher %q, want %q", pr.aud.keys.AccessibilityLabel(), want)
	}
	aud := exposedLabels(pr.Audience.Content())
	if aud[want] != fyne.AccessibleRoleText {
		t.Errorf("the audience window does not expose %q: %v", want, aud)
	}
	slide := pr.aud.stage.Objects[0].(*slideView)
	if !strings.HasPrefix(slide.AccessibilityLabel(), "Slide 2: "+pr.slides[1].Title+". ") || slide.AccessibilityRole() != fyne.AccessibleRoleText {
		t.Errorf("slide label %q, role %q", slide.AccessibilityLabel(), slide.AccessibilityRole())
	}
	if aud[slide.AccessibilityLabel()] != fyne.AccessibleRoleText {
		t.Errorf("the audience window does not expose the slide's text: %v", aud)
	}
	pressKeys(pr.Audience, "B")
	if got := pr.aud.keys.AccessibilityLabel(); !strings.HasSuffix(got, "; the audience screen is black") {
		t.Errorf("during blackout: %q", got)
	}
	pressKeys(pr.Audience, "B", fyne.Key1)
	if got := pr.pres.keys.AccessibilityLabel(); !strings.HasSuffix(got, "; going to slide 1") {
		t.Errorf("while typing a number: %q", got)
	}
	pressKeys(pr.Audience, fyne.KeyEscape)

	// The presenter window: position and timer, in plain containers.
	clk.t = clk.t.Add(65 * time.Second)
	pr.updateClock()
	pres := exposedLabels(pr.Presenter.Content())
	for _, l := range []string{"Slide 2 of 15", "Elapsed time 1:05, running", "Black screen", "Next", "End"} {
		if _, ok := pres[l]; !ok {
			t.Errorf("the presenter window does not expose %q: %v", l, pres)
		}
	}
	pr.Nav.Timer.Pause()
	if got := pr.pres.clockLabel(); got != "Elapsed time 1:05, paused" {
		t.Errorf("paused clock label %q", got)
	}

	// The overview's slides are buttons named after their slide.
	pressKeys(pr.Audience, "O")
	ov := exposedLabels(pr.Audience.Content())
	last := pr.slides[len(pr.slides)-1]
	if l := "Go to Slide 15 of 15: " + last.Title; ov[l] != fyne.AccessibleRoleButton {
		t.Errorf("the overview does not expose %q as a button: %v", l, ov)
	}
	for l := range ov {
		if l == "" {
			t.Error("something in the audience window is read with an empty label")
		}
	}
}

// TestRiskOfBiasSlideIsRead: a risk-of-bias slide's lights are read by
// domain code, name and level in RoB 2's words, not left as coloured
// circles.
func TestRiskOfBiasSlideIsRead(t *testing.T) {
	pr, _ := startBundled(t)
	var rob *deck.Slide
	for i := range pr.slides {
		if pr.slides[i].Directive.Kind == deck.KindRoB {
			rob = &pr.slides[i]
		}
	}
	if rob == nil {
		t.Fatal("the bundled deck has no risk-of-bias slide")
	}
	got := newSlideView(pr.pack, *rob, nil).AccessibilityLabel()
	for _, want := range []string{"Domain D1 (randomisation process): ", "Domain D2 (deviations from intended interventions): ",
		"Domain D5 (selection of the reported result): ", "; Overall: ", "not assessed with RoB 2: "} {
		if !strings.Contains(got, want) {
			t.Errorf("risk-of-bias slide read as %q: no %q", got, want)
		}
	}
	if !strings.Contains(got, "low risk") && !strings.Contains(got, "some concerns") && !strings.Contains(got, "high risk") {
		t.Errorf("no level in %q", got)
	}
	if strings.Contains(got, "..") || strings.Contains(got, "(RoB 2)") {
		t.Errorf("read with a doubled full stop, or a tool named on a one-tool slide: %q", got)
	}
}

// TestScreenReaderSlidesOnAnotherQuestion: the generated deck of the pack
// on injuries is read in that pack's words: each study's lights in its
// own tool's domains and levels (ROBINS-I's seven, AMSTAR 2's critical
// items as the slide shows them), the tool named as the table names it,
// and none of the bundled pack's topic words.
func TestScreenReaderSlidesOnAnotherQuestion(t *testing.T) {
	test.NewTempApp(t)
	p, slides := stretchingDeck(t)
	var rob string
	for _, s := range slides {
		l := newSlideView(p, s, nil).AccessibilityLabel()
		if found := topicwords.Find(l); len(found) > 0 {
			t.Errorf("slide %d is read with topic words of another pack: %q", s.Index+1, found)
		}
		if !strings.HasPrefix(l, "Slide "+strconv.Itoa(s.Index+1)+": ") {
			t.Errorf("slide %d read as %q", s.Index+1, l)
		}
		if s.Directive.Kind == deck.KindRoB {
			rob = l
		}
		// The title slide's lines are read as sentences, not run together.
		if s.Index == 0 && !strings.Contains(l, "comes from the pack. Last reviewed ") {
			t.Errorf("title slide read as %q", l)
		}
	}
	for _, want := range []string{
		"Specimen 2003 (ROBINS-I): Domain D1 (confounding): serious risk; ",
		"Domain D5 (missing data): no information; ",
		"Domain D7 (selection of the reported result): moderate risk; Overall: serious risk",
		"Placeholder 2014 (review) (AMSTAR 2): Item Q2 (methods set out in a protocol before the review): partial yes; Item Q4 ",
		"Item Q15 (publication bias investigated): ",
		"Overall confidence: ",
		"(RoB 2): Domain D1 (randomisation process): ",
		"not assessed with RoB 2: ",
	} {
		if !strings.Contains(rob, want) {
			t.Errorf("risk-of-bias slide read without %q:\n%s", want, rob)
		}
	}
	// Only the critical items are on the slide, so only they are read.
	if strings.Contains(rob, "Item Q1 ") || strings.Contains(rob, "Item Q3 ") {
		t.Errorf("the slide is read with items it does not show:\n%s", rob)
	}
}
