package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestRiskLabel(t *testing.T) {
	for _, c := range []struct {
		domain              int
		name, level, reason string
		want                string
	}{
		{2, "Deviations from intended interventions", "Some concerns", "Participants knew their group.",
			"Domain 2 (deviations from intended interventions): some concerns — Participants knew their group."},
		{1, "", "Low risk", "", "Domain 1: low risk"},
		{0, "ignored", "High risk", " why ", "Overall: high risk — why"},
	} {
		if got := RiskLabel(c.domain, c.name, c.level, c.reason); got != c.want {
			t.Errorf("RiskLabel(%d, %q, %q, %q) = %q, want %q", c.domain, c.name, c.level, c.reason, got, c.want)
		}
	}
}

func TestIconButtonIsReadByItsLabel(t *testing.T) {
	test.NewTempApp(t)
	tapped := false
	b := NewIconButton("Back", theme.NavigateBackIcon(), func() { tapped = true })
	plain := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), nil)
	if b.AccessibilityLabel() != "Back" || b.AccessibilityRole() != fyne.AccessibleRoleButton {
		t.Errorf("icon button: %q, %q", b.AccessibilityLabel(), b.AccessibilityRole())
	}
	if plain.AccessibilityLabel() == "Back" {
		t.Error("a plain icon button already says Back: the wrapper is not needed")
	}
	test.Tap(b)
	if !tapped {
		t.Error("tapping the icon button did nothing")
	}
}

// TestExposedFollowsFyne: like Fyne's walk, Exposed reads accessible
// objects in containers and does not enter other widgets.
func TestExposedFollowsFyne(t *testing.T) {
	test.NewTempApp(t)
	inScroll := widget.NewLabel("in a scroller")
	hidden := widget.NewLabel("hidden")
	hidden.Hide()
	l := NewLabelled(widget.NewIcon(theme.InfoIcon()), fyne.AccessibleRoleText, func() string { return "Domain 1: low risk" })
	root := container.NewVBox(widget.NewLabel("title"), container.NewHBox(l, hidden), container.NewVScroll(inScroll))
	got := Exposed(root)
	want := []Accessible{{"title", fyne.AccessibleRoleText}, {"Domain 1: low risk", fyne.AccessibleRoleText}}
	if len(got) != len(want) {
		t.Fatalf("exposed %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("exposed[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}
