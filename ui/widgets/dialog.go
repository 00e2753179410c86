package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
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

// ConfirmDialog asks a yes-or-no question the keyboard can answer: Enter
// presses the default button, which has focus when the dialog shows (so
// its focus ring says what Enter does), and Esc the dismiss button; each
// runs the callback as a click would. The default is the confirm button,
// except for a destructive question (ShowDestructiveConfirm), where it is
// the dismiss button: deleting takes a click or Tab then Enter, never an
// Enter typed by habit. Tab moves between the buttons, and Enter or Space
// presses the one with focus. With nothing focused (after a click on its
// text) the window's key handler answers through PressDialogKey.
type ConfirmDialog struct {
	*dialog.CustomDialog
	win              fyne.Window
	confirm, dismiss *KeyButton
	// destructive makes dismiss the default (see ConfirmDialog).
	destructive bool
	// overlay is the dialog's overlay on the canvas while it shows.
	overlay fyne.CanvasObject
}

// shownConfirms are the confirmation dialogs on screen, for
// PressDialogKey; only the UI goroutine touches it.
var shownConfirms []*ConfirmDialog

// NewConfirmDialog makes a confirmation dialog with content and the two
// buttons' labels; callback gets true for confirm. Show it with Show.
func NewConfirmDialog(title, confirm, dismiss string, content fyne.CanvasObject, callback func(bool), win fyne.Window) *ConfirmDialog {
	d := &ConfirmDialog{CustomDialog: dialog.NewCustomWithoutButtons(title, content, win), win: win}
	answer := func(ok bool) {
		if d.overlay == nil { // answered already: a key and a click at once
			return
		}
		d.forget()
		d.Hide()
		if callback != nil {
			callback(ok)
		}
	}
	d.dismiss = newKeyButton(dismiss, theme.CancelIcon(), func() { answer(false) })
	d.confirm = newKeyButton(confirm, theme.ConfirmIcon(), func() { answer(true) })
	d.confirm.Importance = widget.HighImportance
	d.dismiss.escape, d.confirm.escape = d.dismiss.OnTapped, d.dismiss.OnTapped
	d.SetButtons([]fyne.CanvasObject{d.dismiss, d.confirm})
	return d
}

// ShowConfirm shows a confirmation dialog with a message: Enter says yes,
// Esc no.
func ShowConfirm(title, message, confirm, dismiss string, callback func(bool), win fyne.Window) *ConfirmDialog {
	return showConfirm(title, message, confirm, dismiss, false, callback, win)
}

// ShowDestructiveConfirm shows a confirmation dialog for an action that
// cannot be undone (deleting a file): its confirm button is marked as
// dangerous, and the dismiss button has focus, so Enter and Esc both say
// no.
func ShowDestructiveConfirm(title, message, confirm, dismiss string, callback func(bool), win fyne.Window) *ConfirmDialog {
	return showConfirm(title, message, confirm, dismiss, true, callback, win)
}

func showConfirm(title, message, confirm, dismiss string, destructive bool, callback func(bool), win fyne.Window) *ConfirmDialog {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	d := NewConfirmDialog(title, confirm, dismiss, msg, callback, win)
	if destructive {
		d.destructive = true
		d.confirm.Importance = widget.DangerImportance
	}
	d.Show()
	d.Resize(fyne.NewSize(min(480, win.Canvas().Size().Width-2*theme.Padding()), 0))
	return d
}

// Show shows the dialog with the default button focused.
func (d *ConfirmDialog) Show() {
	d.CustomDialog.Show()
	c := d.win.Canvas()
	d.overlay = c.Overlays().Top()
	shownConfirms = append(shownConfirms, d)
	c.Focus(d.defaultButton())
}

// defaultButton is the button Enter presses unless another has focus.
func (d *ConfirmDialog) defaultButton() *KeyButton {
	if d.destructive {
		return d.dismiss
	}
	return d.confirm
}

// Confirm answers yes, as the confirm button does.
func (d *ConfirmDialog) Confirm() { d.confirm.OnTapped() }

// Dismiss answers no, as the dismiss button does.
func (d *ConfirmDialog) Dismiss() { d.dismiss.OnTapped() }

func (d *ConfirmDialog) forget() {
	d.overlay = nil
	for i, o := range shownConfirms {
		if o == d {
			shownConfirms = append(shownConfirms[:i], shownConfirms[i+1:]...)
			break
		}
	}
}

// PressDialogKey answers Enter (the default button) or Esc (no) for the ConfirmDialog
// that is the top overlay of c, for the window's key handler: it gets the
// keys when nothing in the dialog has focus. It reports whether it
// answered.
func PressDialogKey(c fyne.Canvas, key fyne.KeyName) bool {
	top := c.Overlays().Top()
	on := map[fyne.CanvasObject]bool{}
	for _, o := range c.Overlays().List() {
		on[o] = true
	}
	var d *ConfirmDialog
	kept := shownConfirms[:0]
	for _, o := range shownConfirms {
		if o.win.Canvas() == c && !on[o.overlay] {
			continue // its overlay was removed without an answer
		}
		kept = append(kept, o)
		if o.overlay == top {
			d = o
		}
	}
	clear(shownConfirms[len(kept):])
	shownConfirms = kept
	if d == nil || top == nil {
		return false
	}
	switch key {
	case fyne.KeyReturn, fyne.KeyEnter:
		d.defaultButton().OnTapped()
	case fyne.KeyEscape:
		d.Dismiss()
	default:
		return false
	}
	return true
}

// KeyButton is a ConfirmDialog's button: Enter presses it when it has
// focus, and Esc answers no.
type KeyButton struct {
	widget.Button
	escape func()
}

func newKeyButton(label string, icon fyne.Resource, tapped func()) *KeyButton {
	b := &KeyButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey implements fyne.Focusable.
func (b *KeyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.OnTapped()
	case fyne.KeyEscape:
		if b.escape != nil {
			b.escape()
		}
	default:
		b.Button.TypedKey(ev)
	}
}
