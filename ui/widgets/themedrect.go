package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ThemedRect is a rectangle filled with a theme colour that follows theme
// changes (a bare canvas.Rectangle keeps the colour it was made with).
type ThemedRect struct {
	widget.BaseWidget
	name fyne.ThemeColorName
	min  fyne.Size
	rect *canvas.Rectangle
}

// NewThemedRect fills a rectangle of minimum size min with the colour name.
func NewThemedRect(name fyne.ThemeColorName, min fyne.Size) *ThemedRect {
	t := &ThemedRect{name: name, min: min, rect: canvas.NewRectangle(theme.Color(name))}
	t.ExtendBaseWidget(t)
	return t
}

func (t *ThemedRect) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.rect)
}

func (t *ThemedRect) MinSize() fyne.Size { return t.min }

func (t *ThemedRect) Refresh() {
	t.rect.FillColor = theme.ColorForWidget(t.name, t)
	t.BaseWidget.Refresh()
}
