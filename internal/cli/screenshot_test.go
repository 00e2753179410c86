package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestScreenshotOptions(t *testing.T) {
	var got ScreenshotOptions
	var loaded Loaded
	env := func(errb *bytes.Buffer) Env {
		return Env{Stdout: &bytes.Buffer{}, Stderr: errb, Getenv: func(string) string { return "" },
			Now: func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }, Version: "9.9",
			GUI: GUI{Screenshot: func(l Loaded, o ScreenshotOptions) error { got, loaded = o, l; return nil }}}
	}
	var errb bytes.Buffer
	code := Main([]string{"screenshot", "--view", "references", "--query", "löb", "--theme", "dark", "--size", "800x600", "--out", "x.png"}, env(&errb))
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errb.String())
	}
	want := ScreenshotOptions{View: "references", Query: "löb", Theme: "dark", Width: 800, Height: 600, Out: "x.png", Version: "9.9"}
	if got != want {
		t.Fatalf("options %+v, want %+v", got, want)
	}
	if loaded.Pack == nil || loaded.Dir != "" {
		t.Fatal("the bundled pack was not loaded")
	}
	// Defaults, and no display needed: Getenv returns no DISPLAY above.
	Main([]string{"screenshot", "--out", "y.png"}, env(&errb))
	if got.View != "article" || got.Theme != "light" || got.Width != 1280 || got.Height != 800 {
		t.Fatalf("defaults %+v", got)
	}
	for _, args := range [][]string{
		{"screenshot", "--view", "nope", "--out", "a.png"},
		{"screenshot", "--theme", "blue", "--out", "a.png"},
		{"screenshot", "--size", "big", "--out", "a.png"},
		{"screenshot", "--size", "10x10", "--out", "a.png"},
		{"screenshot"},
	} {
		errb.Reset()
		if code := Main(args, env(&errb)); code != ExitUsage || !strings.Contains(errb.String(), "screenshot") {
			t.Errorf("%v: code %d, stderr %q; want a usage error", args, code, errb.String())
		}
	}
	errb.Reset()
	e := env(&errb)
	e.GUI.Screenshot = nil
	if code := Main([]string{"screenshot", "--out", "a.png"}, e); code != ExitError {
		t.Fatalf("no GUI: code %d", code)
	}
}

// A missing folder in --out is a usage error, made by no one: the view is
// not rendered and no folder appears.
func TestScreenshotRefusesAMissingFolder(t *testing.T) {
	called := false
	var errb bytes.Buffer
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &errb, Getenv: func(string) string { return "" },
		Now: time.Now, GUI: GUI{Screenshot: func(Loaded, ScreenshotOptions) error { called = true; return nil }}}
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(tmp, "nonexistent")
	for out, want := range map[string]string{
		filepath.Join(missing, "x.png"): "there is no folder " + missing,
		filepath.Join(file, "x.png"):    file + " is not a folder",
		tmp:                             "it is a folder",
	} {
		errb.Reset()
		code := Main([]string{"screenshot", "--out", out}, env)
		if code != ExitUsage || !strings.Contains(errb.String(), want) || strings.Count(errb.String(), "\n") != 1 {
			t.Errorf("--out %s: code %d, stderr %q; want %d and %q", out, code, errb.String(), ExitUsage, want)
		}
	}
	if called {
		t.Error("a view was rendered for a bad --out")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("the missing folder was made (%v)", err)
	}
	if code := Main([]string{"screenshot", "--out", filepath.Join(tmp, "ok.png")}, env); code != ExitOK || !called {
		t.Errorf("an existing folder: code %d, rendered %v, stderr %q", code, called, errb.String())
	}
}
