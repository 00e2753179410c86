package present

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// TestPresenterKeyLegendReadable: the "Keys: …" line at the bottom of the
// presenter window is drawn at 4.5:1 or more on the window's background in
// both variants (it was Fyne's disabled colour, 1.5:1 on dark).
func TestPresenterKeyLegendReadable(t *testing.T) {
	pr, _ := startBundled(t)
	for _, mode := range []string{settings.ThemeLight, settings.ThemeDark} {
		th := widgets.NewReaderTheme(mode, 1)
		fyne.CurrentApp().Settings().SetTheme(th)
		pr.Presenter.Content().Refresh()
		var legend *canvas.Text
		for _, o := range test.LaidOutObjects(pr.Presenter.Content()) {
			if txt, ok := o.(*canvas.Text); ok && strings.HasPrefix(txt.Text, "Keys: ") {
				legend = txt
			}
		}
		if legend == nil {
			t.Fatalf("%s: no key legend in the presenter window", mode)
		}
		bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
		if r := widgets.Contrast(legend.Color, bg); r < 4.5 {
			t.Errorf("%s: key legend %v on %v is %.2f:1, want 4.5:1", mode, legend.Color, bg, r)
		}
	}
}
