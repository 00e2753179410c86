//go:build flatpak && !windows && !android && !ios && !wasm && !js

package ui

// sizeFileDialog does nothing in the Flatpak build: there Fyne 2.8.1's
// FileDialog.Show hands the dialog to the desktop's file chooser portal
// and returns without making a dialog of its own (dialog/file_xdg_flatpak.go),
// so FileDialog.Resize, whose MinSize reads that dialog, would panic. The
// portal's window sizes itself. The build constraint is Fyne's own for
// file_xdg_flatpak.go.
func sizeFileDialog(fileDialog) {}
