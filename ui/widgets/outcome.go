package widgets

import (
	"image/color"
	"math"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// The colours of the outcome types' tones, one mapping for the reading
// views and the slides, so a type looks the same in both: purple for
// mechanism-like results (which do not answer the pack's question), teal
// for the pack's main outcome, grey for the rest. Every use pairs the
// colour with the type's label, so colour never carries the meaning alone.
var (
	outcomeMechanism = color.NRGBA{R: 0x9a, G: 0x6b, B: 0xd6, A: 0xff}
	outcomeMain      = color.NRGBA{R: 0x2a, G: 0x9d, B: 0x8f, A: 0xff}
	outcomeOther     = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
)

// OutcomeColor is the colour of an outcome type's tone, opaque.
func OutcomeColor(t pack.Tone) color.NRGBA {
	switch t {
	case pack.ToneMechanism:
		return outcomeMechanism
	case pack.ToneMain:
		return outcomeMain
	}
	return outcomeOther
}

// OutcomeTint is OutcomeColor made translucent, so it reads behind text
// on the light and the dark theme: the reading views' study rows, chips
// and cards.
func OutcomeTint(t pack.Tone) color.NRGBA {
	c := OutcomeColor(t)
	c.A = 0x38
	if t == pack.ToneMechanism {
		c.A = 0x40
	}
	return c
}

// OutcomeInk is OutcomeColor darkened, hue kept, until white bold text on
// it has a contrast of at least 4.5:1 (WCAG AA for any size): the outcome
// badges on slides, read from the back of a room.
func OutcomeInk(t pack.Tone) color.NRGBA {
	c := OutcomeColor(t)
	for k := 1.0; k > 0; k -= 0.02 {
		d := color.NRGBA{R: scale8(c.R, k), G: scale8(c.G, k), B: scale8(c.B, k), A: 0xff}
		if Contrast(d, color.White) >= 4.5 {
			return d
		}
	}
	return color.NRGBA{A: 0xff}
}

// Over is c, translucent, drawn over the opaque colour bg.
func Over(c color.NRGBA, bg color.Color) color.NRGBA {
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(c.A) / 0xff
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(c.R, b.R), G: mix(c.G, b.G), B: mix(c.B, b.B), A: 0xff}
}

// Contrast is the WCAG contrast ratio of two opaque colours, 1 to 21.
func Contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG's relative luminance.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	ch := func(v uint8) float64 {
		s := float64(v) / 0xff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
}

func scale8(v uint8, k float64) uint8 { return uint8(math.Round(float64(v) * k)) }
