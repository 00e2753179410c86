package doc

import "testing"

func TestLineTextTurnsHardBreaksIntoSpaces(t *testing.T) {
	d, err := Parse([]byte("first line\\\nsecond *line*\n"))
	if err != nil {
		t.Fatal(err)
	}
	in := d.Blocks[0].Inlines
	if got := PlainText(in); got != "first line\nsecond line" {
		t.Fatalf("PlainText = %q; the test needs a hard break run", got)
	}
	if got := LineText(in); got != "first line second line" {
		t.Fatalf("LineText = %q, want one line", got)
	}
}
