package cli

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string][2]int{"800x600": {800, 600}, " 1280X800 ": {1280, 800}, "320x240": {320, 240}} {
		w, h, err := ParseSize(in)
		if err != nil || w != want[0] || h != want[1] {
			t.Errorf("ParseSize(%q) = %d, %d, %v; want %v", in, w, h, err, want)
		}
	}
	for _, in := range []string{"", "800", "800x", "x600", "800x600x2", "800x600px", "10x10", "9000x600", "-800x600", "big"} {
		if _, _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

func TestOpenPassesSize(t *testing.T) {
	var got OpenOptions
	gui := GUI{Open: func(l Loaded, o OpenOptions) error { got = o; return nil }}
	if code, stderr := runGUI(t, gui, "--size", "800x600"); code != ExitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	if got.Width != 800 || got.Height != 600 {
		t.Fatalf("--size 800x600 gave %dx%d", got.Width, got.Height)
	}
	got = OpenOptions{}
	if code, _ := runGUI(t, gui); code != ExitOK || got.Width != 0 || got.Height != 0 {
		t.Fatalf("no --size: code %d, size %dx%d; want 0x0 (remembered or default)", code, got.Width, got.Height)
	}
	code, stderr := runGUI(t, gui, "--size", "tiny")
	if code != ExitUsage || !strings.Contains(stderr, `bad --size "tiny"`) {
		t.Fatalf("--size tiny: code %d, stderr %q", code, stderr)
	}
}
