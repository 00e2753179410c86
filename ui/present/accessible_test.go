package present

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/deck"
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
// domain and level, not left as coloured circles.
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
	for _, want := range []string{"Domain 1 (randomisation): ", "Domain 2 (deviations): ", "Overall: ", "not assessed with RoB 2"} {
		if !strings.Contains(got, want) {
			t.Errorf("risk-of-bias slide read as %q: no %q", got, want)
		}
	}
	if !strings.Contains(got, "low risk") && !strings.Contains(got, "some concerns") && !strings.Contains(got, "high risk") {
		t.Errorf("no level in %q", got)
	}
}
