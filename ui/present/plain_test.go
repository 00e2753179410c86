package present

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dumpSegments writes segments one per line: inline or block, alignment,
// text; what a change to the flattening would change.
func dumpSegments(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		t, ok := s.(*widget.TextSegment)
		if !ok {
			fmt.Fprintf(&b, "%T\n", s)
			continue
		}
		kind := "block"
		if t.Style.Inline {
			kind = "inline"
		}
		fmt.Fprintf(&b, "%s %d %q %q\n", kind, t.Style.Alignment, t.Style.SizeName, t.Text)
	}
	return b.String()
}

// TestPlainSegments: presenter notes and title slides write list marks
// out (bullets, dashes when nested, numbers), end each paragraph and item
// with a paragraph break, keep headings apart, turn links into text and
// centre every run when asked.
func TestPlainSegments(t *testing.T) {
	src := "Intro with a [link](https://example.org) and **bold** words.\n\n" +
		"- one\n- two\n  - nested\n\n1. first\n2. second\n\n## Head\n\nEnd."
	want := `inline 0 "text" "Intro with a "
inline 0 "text" "link"
inline 0 "text" " and "
inline 0 "text" "bold"
inline 0 "text" " words."
block 0 "text" ""
inline 0 "text" "•  "
inline 0 "text" "one"
block 0 "text" ""
inline 0 "text" "•  "
inline 0 "text" "two"
block 0 "text" ""
inline 0 "text" "      –  "
inline 0 "text" "nested"
block 0 "text" ""
inline 0 "text" "1.  "
inline 0 "text" "first"
block 0 "text" ""
inline 0 "text" "2.  "
inline 0 "text" "second"
block 0 "text" ""
inline 0 "subHeadingText" "Head"
block 0 "text" ""
inline 0 "text" "End."
block 0 "text" ""
`
	if got := dumpSegments(plainSegments(slideMarkdown(src), false)); got != want {
		t.Errorf("plainSegments:\n%s\nwant:\n%s", got, want)
	}
	for _, s := range plainSegments(slideMarkdown(src), true) {
		if t2, ok := s.(*widget.TextSegment); ok && t2.Style.Alignment != fyne.TextAlignCenter {
			t.Errorf("centred: %q is aligned %d", t2.Text, t2.Style.Alignment)
		}
	}
}
