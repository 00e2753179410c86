//go:build flatpak && !windows && !android && !ios && !wasm && !js

package ui

// The portal draws the dialog: Show only. FileDialog.Resize after a
// portal Show dereferences a dialog Fyne never made.
var wantFileDialogCalls = []string{"Show"}
