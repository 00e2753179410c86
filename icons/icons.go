// Package icons embeds the application icon. icon.svg is the source; the
// PNGs are rendered from it by `make icons` and committed so that a build
// needs no SVG renderer.
package icons

import (
	_ "embed"
	"fmt"
)

// Sizes lists, in increasing order, the pixel sizes of the square PNG icons
// in this folder (icon-<size>.png), the hicolor sizes installed on Linux.
var Sizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

// AppIcon is the 512 px PNG app icon, the size Fyne uses for window and
// About icons and scales down as needed.
//
//go:embed icon-512.png
var AppIcon []byte

// SVG is the scalable source icon (icon.svg).
//
//go:embed icon.svg
var SVG []byte

// FileName returns the file name of the PNG icon of the given size, or an
// error if there is no such size.
func FileName(size int) (string, error) {
	for _, s := range Sizes {
		if s == size {
			return fmt.Sprintf("icon-%d.png", size), nil
		}
	}
	return "", fmt.Errorf("icons: no %d px icon; sizes are %v", size, Sizes)
}
