package reader

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// sectionEnd is the index after the last block of the section whose
// heading is block h.
func sectionEnd(d *doc.Document, h int) int {
	lvl := d.Blocks[h].Level
	for i := h + 1; i < len(d.Blocks); i++ {
		if b := d.Blocks[i]; b.Kind == doc.Heading && b.Level <= lvl {
			return i
		}
	}
	return len(d.Blocks)
}

// studyLinkID returns the id of a study: link, or "".
func studyLinkID(dest string) string {
	if id, ok := strings.CutPrefix(dest, "study:"); ok {
		return strings.TrimSpace(id)
	}
	return ""
}

// readableMaxWidth is a comfortable line length: about 75 characters.
func readableMaxWidth() float32 {
	return fyne.MeasureText(strings.Repeat("n", 75), theme.TextSize(), fyne.TextStyle{}).Width + theme.Padding()*4
}
