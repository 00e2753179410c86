package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A confirmation answers the keyboard: Enter on the focused button (the
// confirm button when it shows, or the one Tab moved to), and Enter or Esc
// with nothing focused, through PressDialogKey as the shell calls it.
func TestConfirmDialogKeys(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("page"))
	w.Resize(fyne.NewSize(600, 400))
	c := w.Canvas()
	cases := []struct {
		name string
		act  func(d *ConfirmDialog)
		want []bool
	}{
		{"Enter on the confirm button", func(d *ConfirmDialog) {
			if c.Focused() != d.confirm {
				t.Fatalf("focus on %T when the dialog shows, want the confirm button", c.Focused())
			}
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}, []bool{true}},
		{"Esc on the confirm button", func(d *ConfirmDialog) {
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}, []bool{false}},
		{"Enter on the dismiss button", func(d *ConfirmDialog) {
			c.Focus(d.dismiss)
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
		}, []bool{false}},
		{"Enter with nothing focused", func(d *ConfirmDialog) {
			c.Unfocus()
			if !PressDialogKey(c, fyne.KeyReturn) {
				t.Fatal("PressDialogKey found no default button")
			}
		}, []bool{true}},
		{"Esc with nothing focused", func(d *ConfirmDialog) {
			c.Unfocus()
			PressDialogKey(c, fyne.KeyEscape)
		}, []bool{false}},
		{"a key and a click at once", func(d *ConfirmDialog) {
			d.confirm.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			test.Tap(&d.dismiss.Button)
		}, []bool{true}},
	}
	for _, tc := range cases {
		var got []bool
		d := NewConfirmDialog("Sure?", "Yes", "No", widget.NewLabel("Really?"), func(ok bool) { got = append(got, ok) }, w)
		d.Show()
		tc.act(d)
		if len(got) != len(tc.want) || got[0] != tc.want[0] {
			t.Errorf("%s: answers %v, want %v", tc.name, got, tc.want)
		}
		if c.Overlays().Top() != nil {
			t.Errorf("%s: the dialog is still up", tc.name)
			c.Overlays().Remove(c.Overlays().Top())
		}
	}
	// Other dialogs are left to the shell: no Default or Cancel button.
	info := NewCloseDialog("Info", widget.NewLabel("x"), w)
	info.Show()
	if PressDialogKey(c, fyne.KeyReturn) || PressDialogKey(c, fyne.KeyEscape) {
		t.Fatal("PressDialogKey answered a dialog with no confirm buttons")
	}
}

// A confirmation whose overlay was taken away unanswered is forgotten.
func TestConfirmDialogRemovedUnanswered(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("page"))
	w.Resize(fyne.NewSize(600, 400))
	c := w.Canvas()
	n := len(shownConfirms)
	called := false
	d := NewConfirmDialog("Sure?", "Yes", "No", widget.NewLabel("Really?"), func(bool) { called = true }, w)
	d.Show()
	c.Overlays().Remove(c.Overlays().Top())
	if PressDialogKey(c, fyne.KeyReturn) || called {
		t.Fatal("Enter answered a dialog no longer on screen")
	}
	if len(shownConfirms) != n {
		t.Fatalf("%d confirmations remembered, want %d", len(shownConfirms), n)
	}
}

// A destructive confirmation defaults to no: the dismiss button has
// focus, Enter with nothing focused says no, and only the confirm button
// itself (clicked, or Enter once Tab moved to it) says yes; it is marked
// as dangerous.
func TestDestructiveConfirmDefaultsToNo(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("page"))
	w.Resize(fyne.NewSize(600, 400))
	c := w.Canvas()
	for _, tc := range []struct {
		name string
		act  func(d *ConfirmDialog)
		want bool
	}{
		{"Enter as it shows", func(d *ConfirmDialog) { c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }, false},
		{"Enter with nothing focused", func(d *ConfirmDialog) { c.Unfocus(); PressDialogKey(c, fyne.KeyReturn) }, false},
		{"Esc", func(d *ConfirmDialog) { PressDialogKey(c, fyne.KeyEscape) }, false},
		{"Enter on the confirm button", func(d *ConfirmDialog) {
			c.Focus(d.confirm)
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}, true},
		{"a click on it", func(d *ConfirmDialog) { test.Tap(&d.confirm.Button) }, true},
	} {
		var got []bool
		d := ShowDestructiveConfirm("Delete?", "It cannot be undone.", "Delete", "Cancel", func(ok bool) { got = append(got, ok) }, w)
		if c.Focused() != d.dismiss || d.confirm.Importance != widget.DangerImportance {
			t.Fatalf("%s: focus on %T, confirm importance %v; want the dismiss button focused and a dangerous confirm", tc.name, c.Focused(), d.confirm.Importance)
		}
		tc.act(d)
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: answers %v, want %v", tc.name, got, tc.want)
		}
		if c.Overlays().Top() != nil {
			t.Errorf("%s: the dialog is still up", tc.name)
			c.Overlays().Remove(c.Overlays().Top())
		}
	}
}
