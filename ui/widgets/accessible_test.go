package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// TestRiskLabel: each tool's lights are read with its own noun, codes,
// domain names and levels.
func TestRiskLabel(t *testing.T) {
	lvl := func(tool *pack.RoBTool, key string) pack.RoBLevel {
		l, ok := tool.Level(key)
		if !ok {
			t.Fatalf("%s has no level %q", tool.Name, key)
		}
		return l
	}
	overall := func(tool *pack.RoBTool, key string) pack.RoBLevel {
		l, ok := tool.Overall(key)
		if !ok {
			t.Fatalf("%s has no overall level %q", tool.Name, key)
		}
		return l
	}
	for _, c := range []struct{ got, want string }{
		{RiskLabel(pack.RoB2, pack.RoB2.Domains[1], lvl(pack.RoB2, "some-concerns"), "Participants knew\n their group."),
			"Domain D2 (deviations from intended interventions): some concerns — Participants knew their group."},
		{RiskLabel(pack.ROBINSI, pack.ROBINSI.Domains[0], lvl(pack.ROBINSI, "serious"), ""),
			"Domain D1 (confounding): serious risk"},
		{RiskLabel(pack.AMSTAR2, pack.AMSTAR2.Domains[3], lvl(pack.AMSTAR2, "partial-yes"), " "),
			"Item Q4 (comprehensive literature search): partial yes"},
		{RiskLabel(nil, pack.RoBDomain{Key: "d9"}, pack.RoBLevel{Label: "Low risk"}, ""), "Domain D9: low risk"},
		{OverallRiskLabel(pack.RoB2, overall(pack.RoB2, "high"), " why "), "Overall: high risk — why"},
		{OverallRiskLabel(pack.AMSTAR2, overall(pack.AMSTAR2, "critically-low"), ""), "Overall confidence: critically low confidence"},
		{OverallRiskLabel(nil, pack.RoBLevel{Label: "Not reported"}, ""), "Overall: not reported"},
	} {
		if c.got != c.want {
			t.Errorf("read as %q, want %q", c.got, c.want)
		}
	}
}

// TestLowerFirst: a name is lowered for the middle of a sentence, an
// abbreviation at its start is not.
func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Confounding": "confounding", "PICO components": "PICO components", "É": "é", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
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
