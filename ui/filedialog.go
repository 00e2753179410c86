package ui

import "fyne.io/fyne/v2"

// fileDialogSize is the size of the file dialogs the app draws itself.
var fileDialogSize = fyne.NewSize(760, 520)

// fileDialog is what showFileDialog needs of a *dialog.FileDialog (an
// interface so that the tests can see what is called).
type fileDialog interface {
	Show()
	Resize(fyne.Size)
}

// showFileDialog shows a file dialog at fileDialogSize. Every Open, Open
// folder and Save dialog goes through it: how to size one depends on who
// draws it (filedialog_own.go, filedialog_portal.go).
func showFileDialog(d fileDialog) {
	d.Show()
	sizeFileDialog(d)
}
