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

// Color implements fyne.Theme.
func (t *ReaderTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, t.Variant(v))
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
