package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func box(w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

func TestFlowLayoutShrinksAfterAWideLayout(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.Padding()
	a, b, c := box(100, 20), box(150, 20), box(80, 10)
	row := container.New(NewFlowLayout(), a, b, c)
	if got := row.MinSize(); got.Width != 150 || got.Height != 3*20+2*pad {
		t.Fatalf("before any layout: min %v, want the widest object and one a row", got)
	}
	row.Resize(fyne.NewSize(1000, 100))
	if got := row.MinSize(); got.Width != 150 || got.Height != 20 {
		t.Fatalf("laid out wide: min %v, want width 150 (not the row's) and one row", got)
	}
	if b.Position() != fyne.NewPos(100+pad, 0) || c.Position() != fyne.NewPos(250+2*pad, 5) {
		t.Fatalf("one row: b at %v, c at %v", b.Position(), c.Position())
	}
	row.Resize(fyne.NewSize(260, 100))
	if b.Position() != fyne.NewPos(100+pad, 0) || c.Position() != fyne.NewPos(0, 20+pad+5) {
		t.Fatalf("two rows: b at %v, c at %v", b.Position(), c.Position())
	}
	if got := row.MinSize(); got.Width != 150 || got.Height != 2*20+pad {
		t.Fatalf("two rows: min %v", got)
	}
	c.Hide()
	if got := row.MinSize(); got.Height != 20 {
		t.Fatalf("hidden objects take no room: min %v", got)
	}
	if got := container.New(NewFlowLayout()).MinSize(); !got.IsZero() {
		t.Fatalf("empty: %v", got)
	}
}
