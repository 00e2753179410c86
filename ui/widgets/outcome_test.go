package widgets

import (
	"image/color"
	"math"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// hue is a colour's hue in degrees.
func hue(c color.NRGBA) float64 {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	mx, mn := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	d := mx - mn
	if d == 0 {
		return 0
	}
	var h float64
	switch mx {
	case r:
		h = math.Mod((g-b)/d, 6)
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	h *= 60
	if h < 0 {
		h += 360
	}
	return h
}

// TestOutcomeColours: each tone's tint (the app) and ink (the slides'
// badges) are its one colour: the same hue, the tint translucent, the ink
// dark enough for white text; and the tones differ.
func TestOutcomeColours(t *testing.T) {
	tones := []pack.Tone{pack.ToneMechanism, pack.ToneMain, pack.ToneSecondary}
	seen := map[color.NRGBA]bool{}
	for _, tone := range tones {
		c, tint, ink := OutcomeColor(tone), OutcomeTint(tone), OutcomeInk(tone)
		if seen[c] {
			t.Errorf("tone %d shares its colour %v with another", tone, c)
		}
		seen[c] = true
		if tint.R != c.R || tint.G != c.G || tint.B != c.B || tint.A == 0xff || tint.A == 0 {
			t.Errorf("tone %d: tint %v is not %v made translucent", tone, tint, c)
		}
		if r := Contrast(ink, color.White); r < 4.5 {
			t.Errorf("tone %d: white on its ink %v has contrast %.2f, want 4.5", tone, ink, r)
		}
		if c.R != c.G || c.G != c.B { // a grey has no hue
			if d := math.Abs(hue(ink) - hue(c)); d > 3 {
				t.Errorf("tone %d: ink %v (hue %.0f) is not the colour %v (hue %.0f)", tone, ink, hue(ink), c, hue(c))
			}
		}
	}
	if got := OutcomeColor(pack.ToneMechanism); hue(got) < 250 || hue(got) > 290 {
		t.Errorf("mechanism-like results are %v (hue %.0f), want the purple the app has always shown", got, hue(got))
	}
}

func TestContrastAndOver(t *testing.T) {
	if r := Contrast(color.Black, color.White); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white %.2f, want 21", r)
	}
	if got := Over(color.NRGBA{R: 0xff, A: 0x80}, color.White); got != (color.NRGBA{R: 0xff, G: 0x7f, B: 0x7f, A: 0xff}) {
		t.Errorf("half red over white = %v", got)
	}
}
