package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// NewCloseDialog is dialog.NewCustom with a Close button that also closes
// on Esc while it has focus (after Tab); with nothing focused the shell's
// Esc handler closes the dialog on top.
func NewCloseDialog(title string, content fyne.CanvasObject, win fyne.Window) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, win)
	b := &EscButton{}
	b.Text = "Close"
	b.OnTapped = d.Hide
	b.ExtendBaseWidget(b)
	d.SetButtons([]fyne.CanvasObject{b})
	return d
}

// EscButton is a button that Esc activates too: the Close button of
// NewCloseDialog.
type EscButton struct{ widget.Button }

// TypedKey implements fyne.Focusable.
func (b *EscButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		b.OnTapped()
		return
	}
	b.Button.TypedKey(ev)
}
