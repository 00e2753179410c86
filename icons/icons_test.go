package icons

import (
	"bytes"
	"image/png"
	"os"
	"testing"
)

// Every listed size exists with the right pixel dimensions, so a size added to
// Sizes without running `make icons` (or a wrong render) fails here.
func TestPNGSizes(t *testing.T) {
	for _, s := range Sizes {
		name, err := FileName(s)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if cfg.Width != s || cfg.Height != s {
			t.Errorf("%s is %dx%d, want %dx%d", name, cfg.Width, cfg.Height, s, s)
		}
	}
}

func TestEmbedded(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(AppIcon))
	if err != nil || cfg.Width != 512 {
		t.Fatalf("AppIcon: %v, width %d", err, cfg.Width)
	}
	if !bytes.Contains(SVG, []byte("<svg")) {
		t.Fatal("SVG is not an SVG")
	}
	if _, err := FileName(17); err == nil {
		t.Fatal("FileName(17) gave no error")
	}
}
