package doc

import (
	"strings"
	"testing"
)

const followBase = `# Title

Intro paragraph.

## First section

Alpha paragraph.

Beta paragraph.

---

## Second section

Gamma paragraph.

Same words.

## Third section

Same words.

Delta paragraph.
`

// blockIndex is the index of the top-level block whose text is text,
// under heading (the nth such block when several are).
func blockIndex(t *testing.T, d *Document, heading, text string) int {
	t.Helper()
	in := ""
	for i, b := range d.Blocks {
		if b.Kind == Heading {
			in = b.PlainText()
		}
		if b.PlainText() == text && (heading == "" || in == heading) {
			return i
		}
	}
	t.Fatalf("no block %q under %q", text, heading)
	return -1
}

func TestFollowerKeepsTheSameText(t *testing.T) {
	old := mustParse(t, followBase)
	cases := []struct {
		name, edited string
		// the old block followed and the new block it should land on,
		// each as (heading, text)
		fromHeading, from string
		toHeading, to     string
	}{
		{"insert above", strings.Replace(followBase, "## First section", "## QA HEADING INSERTED\n\nA new paragraph.\n\n## First section", 1),
			"Second section", "Gamma paragraph.", "Second section", "Gamma paragraph."},
		{"delete above", strings.Replace(followBase, "Alpha paragraph.\n\nBeta paragraph.\n\n---\n\n", "", 1),
			"Second section", "Gamma paragraph.", "Second section", "Gamma paragraph."},
		{"append below", followBase + "\n## Added\n\nMore.\n",
			"Second section", "Gamma paragraph.", "Second section", "Gamma paragraph."},
		// The block itself edited, a paragraph added above it: the block
		// before it is found and the edited block is the one after it.
		{"edit the block", strings.Replace(strings.Replace(followBase, "Gamma paragraph.", "Gamma paragraph, reworded.", 1), "Intro paragraph.", "Intro paragraph.\n\nAnother.", 1),
			"Second section", "Gamma paragraph.", "Second section", "Gamma paragraph, reworded."},
		// A block removed: the reader lands where it was, on the block
		// that followed it.
		{"delete the block", strings.Replace(followBase, "Gamma paragraph.\n\n", "", 1),
			"Second section", "Gamma paragraph.", "Second section", "Same words."},
		// The same words twice: the copy under the same heading, even
		// when the other copy is nearer the old index.
		{"same text twice", strings.Replace(followBase, "Gamma paragraph.", "Gamma paragraph.\n\nOne.\n\nTwo.\n\nThree.", 1),
			"Third section", "Same words.", "Third section", "Same words."},
		{"same text, heading renamed", strings.Replace(followBase, "## Third section", "## Third section, renamed", 1),
			"Third section", "Same words.", "Third section, renamed", "Same words."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nd := mustParse(t, c.edited)
			from := blockIndex(t, old, c.fromHeading, c.from)
			want := blockIndex(t, nd, c.toHeading, c.to)
			if got := NewFollower(old, nd).Block(from); got != want {
				t.Fatalf("block %d (%q) followed to %d (%q), want %d", from, c.from, got, nd.Blocks[max(got, 0)].PlainText(), want)
			}
		})
	}
}

func TestFollowerEdges(t *testing.T) {
	old := mustParse(t, followBase)
	empty := mustParse(t, "")
	f := NewFollower(old, empty)
	if got := f.Block(3); got != -1 {
		t.Errorf("into an empty document: %d, want -1", got)
	}
	if got := NewFollower(old, old).Block(-1); got != -1 {
		t.Errorf("no block: %d, want -1", got)
	}
	short := mustParse(t, "# Other\n\nNothing in common.\n")
	if got := NewFollower(old, short).Block(8); got != 1 {
		t.Errorf("nothing in common: %d, want the index within the new blocks (1)", got)
	}
	if got := NewFollower(nil, old).Block(4); got != 4 {
		t.Errorf("no old version: %d, want the index kept", got)
	}
	if got := NewFollower(old, old).Block(len(old.Blocks) + 5); got != len(old.Blocks)-1 {
		t.Errorf("past the end: %d, want the last block", got)
	}
}
