package ui

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// recordingDialog records what showFileDialog calls.
type recordingDialog struct{ calls []string }

func (d *recordingDialog) Show() { d.calls = append(d.calls, "Show") }
func (d *recordingDialog) Resize(s fyne.Size) {
	d.calls = append(d.calls, fmt.Sprintf("Resize %vx%v", s.Width, s.Height))
}

// showFileDialog shows the dialog, and sizes it only where Fyne draws it
// (wantFileDialogCalls: filedialog_own_test.go, filedialog_portal_test.go).
func TestShowFileDialogCalls(t *testing.T) {
	d := &recordingDialog{}
	showFileDialog(d)
	if !slices.Equal(d.calls, wantFileDialogCalls) {
		t.Fatalf("showFileDialog called %q, want %q", d.calls, wantFileDialogCalls)
	}
}

// fileDialogMakers are Fyne's constructors of file dialogs.
var fileDialogMakers = map[string]bool{"NewFileOpen": true, "NewFileSave": true, "NewFolderOpen": true}

// Every file dialog of the ui packages is shown through showFileDialog:
// a Show or Resize called on one directly would crash the Flatpak build
// (Resize) or leave the dialog unsized elsewhere (Show).
func TestFileDialogsGoThroughShowFileDialog(t *testing.T) {
	fset := token.NewFileSet()
	var files []string
	for _, dir := range []string{".", "reader", "present", "widgets"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	dialogs := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		// The variables given a dialog.NewFileOpen, NewFileSave or
		// NewFolderOpen, by name within the file (the ui code names
		// them d).
		vars := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				return true
			}
			call, ok := as.Rhs[0].(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if ok && pkg.Name == "dialog" && fileDialogMakers[sel.Sel.Name] {
				if id, ok := as.Lhs[0].(*ast.Ident); ok {
					vars[id.Name] = true
					dialogs++
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Show" && sel.Sel.Name != "Resize" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && vars[id.Name] {
				t.Errorf("%s: %s.%s() on a file dialog: use showFileDialog", fset.Position(call.Pos()), id.Name, sel.Sel.Name)
			}
			return true
		})
	}
	if dialogs < 3 {
		t.Fatalf("found %d file dialogs in the ui packages, want at least 3 (Open pack, Open folder, Save handout): the test no longer sees them", dialogs)
	}
}

// The handout and pack-folder dialogs say what to choose: Fyne's save
// dialog has no format menu (the extension picks it), and its folder
// dialog is titled "Open Folder".
func TestDialogTitlesSayWhatToChoose(t *testing.T) {
	s, w := newTestShell(t, "")
	s.ExportHandout()
	if !strings.Contains(textOf(w.Canvas().Overlays().Top()), exportTitle) {
		t.Error("the handout dialog does not say how to choose the format")
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	s.OpenFolder()
	if !strings.Contains(textOf(w.Canvas().Overlays().Top()), "Open pack folder: the folder that holds pack.toml") {
		t.Error("the folder dialog does not say what to choose")
	}
}
