package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/evidence-reader/evidence-reader/internal/settings"
)

// ReaderTheme wraps Fyne's default theme to force a light or dark variant
// (or follow the system) and to scale every text size for readability.
// Views read colours and sizes through theme.* as usual.
type ReaderTheme struct {
	base fyne.Theme
	// Mode is settings.ThemeSystem, ThemeLight or ThemeDark.
	Mode string
	// Scale multiplies text sizes (settings.MinScale..MaxScale).
	Scale float32
}

// NewReaderTheme returns a theme in the given mode and text scale.
func NewReaderTheme(mode string, scale float64) *ReaderTheme {
	return &ReaderTheme{base: theme.DefaultTheme(), Mode: mode, Scale: float32(settings.ClampScale(scale))}
}

// Variant is the variant the theme forces, or v when it follows the system.
func (t *ReaderTheme) Variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.Mode {
	case settings.ThemeLight:
		return theme.VariantLight
	case settings.ThemeDark:
		return theme.VariantDark
	}
	return v
}

// ColorNameHighlight is the colour of matched text in search results (bold
// runs cut by highlightSegments). Fyne's primary blue reads at 2.9:1 on the
// dark theme's selected row and 4.47:1 on white, so matches get a colour of
// their own that reads at 4.5:1 or more on selected and unselected rows.
// Only ReaderTheme knows the name; the app always runs under it.
const ColorNameHighlight fyne.ThemeColorName = "readerHighlight"

// Colours that replace Fyne's defaults for contrast (WCAG 2.2; the ratios
// are asserted in theme_test.go).
var (
	// Fyne's #FF9800 reads at 2.0:1 on light #F5F5F5. This darker orange
	// reads at 4.6:1 or more on light backgrounds, also under the "differs
	// from source" tint; white on it (warning buttons) is 5.3:1. The dark
	// variant keeps #FF9800 (8.3:1 on its background).
	lightWarning = color.NRGBA{R: 0xa8, G: 0x54, B: 0x00, A: 0xff}

	// ColorNameFocus is a 2px ring round a focused hyperlink, but the fill
	// behind the text of a focused button, menu item, select, and the disc
	// behind a check or radio. One colour must serve both.
	//
	// Dark: an opaque blue meets both, 3.3:1 against the background as a
	// ring or fill, 4.8:1 for the foreground text drawn on it (5.4:1 white).
	darkFocus = color.NRGBA{R: 0x33, G: 0x66, B: 0xcc, A: 0xff}
	// Light: both cannot be met. A 3:1 fill on white has luminance 0.3 or
	// less, but the foreground #565656 needs 0.59 or more under it to read
	// at 4.5:1. Text wins (a focused button or menu item must stay
	// readable): this is the strongest translucent primary that keeps the
	// foreground at 4.5:1 on it over white and over a button's #F5F5F5. It
	// reads at 1.5:1 against white (Fyne's default 1.24:1). Translucent so
	// that a focused primary button stays blue under its white text.
	lightFocus = color.NRGBA{R: 0x29, G: 0x6f, B: 0xf6, A: 0x4e}

	// Matched text in search results, see ColorNameHighlight.
	lightHighlight = color.NRGBA{R: 0x1d, G: 0x4f, B: 0xb0, A: 0xff}
	darkHighlight  = color.NRGBA{R: 0x7a, G: 0xa7, B: 0xff, A: 0xff}
)

// Color implements fyne.Theme.
func (t *ReaderTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.Variant(v)
	light := v == theme.VariantLight
	switch n {
	case theme.ColorNameWarning:
		if light {
			return lightWarning
		}
	case theme.ColorNameFocus:
		if light {
			return lightFocus
		}
		return darkFocus
	case ColorNameHighlight:
		if light {
			return lightHighlight
		}
		return darkHighlight
	}
	return t.base.Color(n, v)
}

// Font implements fyne.Theme.
func (t *ReaderTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon implements fyne.Theme.
func (t *ReaderTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size implements fyne.Theme; text sizes are scaled.
func (t *ReaderTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.base.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText,
		theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		if t.Scale > 0 {
			return s * t.Scale
		}
	}
	return s
}
