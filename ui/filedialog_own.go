//go:build !flatpak || windows || android || ios || wasm || js

package ui

// sizeFileDialog sizes a dialog Fyne draws in the window. It runs after
// Show: Fyne 2.8.1's FileDialog.Resize reads the dialog Show makes (its
// MinSize dereferences it) and panics before.
func sizeFileDialog(d fileDialog) {
	d.Resize(fileDialogSize)
}
