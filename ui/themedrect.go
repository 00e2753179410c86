package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// themedRect is a rectangle filled with a theme colour that follows theme
// changes (a bare canvas.Rectangle keeps the colour it was made with).
type themedRect struct {
	widget.BaseWidget
	name fyne.ThemeColorName
	min  fyne.Size
	rect *canvas.Rectangle
}

func newThemedRect(name fyne.ThemeColorName, min fyne.Size) *themedRect {
	t := &themedRect{name: name, min: min, rect: canvas.NewRectangle(theme.Color(name))}
	t.ExtendBaseWidget(t)
	return t
}

func (t *themedRect) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.rect)
}

func (t *themedRect) MinSize() fyne.Size { return t.min }

func (t *themedRect) Refresh() {
	t.rect.FillColor = theme.ColorForWidget(t.name, t)
	t.BaseWidget.Refresh()
}
