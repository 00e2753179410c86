package cli

import (
	"bytes"
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
