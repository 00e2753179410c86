package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// TestNoSymbolBeforeSpace: no string of the window's own is drawn with a
// "�" for a space (Fyne 2.8.1 draws a space after a character of its
// symbol font so, fyne-io/fyne#6216; widgets.SplitSymbolSpaces). Menu
// paths are written "View › Reload pack", keys "↑/↓".
func TestNoSymbolBeforeSpace(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			checked++
			for i, r := range s {
				next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
				if widgets.FromSymbolFont(r) && unicode.IsSpace(next) && next != '\n' {
					t.Errorf("%s: %q has %q before a space, which Fyne draws as \"�\"", path, s, r)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 500 {
		t.Fatalf("only %d strings checked", checked)
	}
}
