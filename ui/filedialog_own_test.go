//go:build !flatpak || windows || android || ios || wasm || js

package ui

// Fyne draws the dialog: shown first, then sized (Resize before Show
// panics in Fyne 2.8.1).
var wantFileDialogCalls = []string{"Show", "Resize 760x520"}
