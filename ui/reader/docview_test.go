package reader

import (
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// longDoc is n blocks: a heading every 20 blocks, paragraphs of varied
// length in between, so estimates and measured heights differ.
func longDoc(n int) *doc.Document {
	rng := rand.New(rand.NewSource(1))
	d := &doc.Document{}
	for i := 0; i < n; i++ {
		b := &doc.Block{Kind: doc.Paragraph, Index: i, Section: -1}
		text := strings.Repeat("Words of varied length wrap differently. ", 1+rng.Intn(12))
		if i%3 == 1 {
			// Wide letters: taller than the estimate from an average width.
			text = strings.Repeat("MMMMM WWWWW ", 4+rng.Intn(30))
		}
		if i%20 == 0 {
			b.Kind, b.Level = doc.Heading, 2
			text = "Section " + itoa(i/20)
		}
		b.Inlines = []doc.Inline{{Text: text, Cite: -1}}
		d.Blocks = append(d.Blocks, b)
	}
	return d
}

func newLongDocView(t *testing.T, n int) (*DocView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := NewDocView(longDoc(n), RenderOptions{})
	w := test.NewTempWindow(t, v.Object())
	w.Resize(fyne.NewSize(700, 500))
	return v, w
}

func near(a, b float32) bool { return math.Abs(float64(a-b)) < 0.5 }

func TestFenwickMatchesLinearSums(t *testing.T) {
	vals := []float64{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5}
	f := newFenwick(vals)
	f.add(4, 10)
	vals[4] += 10
	sum := 0.0
	for i := 0; i <= len(vals); i++ {
		if got := f.prefix(i); got != sum {
			t.Fatalf("prefix(%d) = %v, want %v", i, got, sum)
		}
		// count is the largest k with prefix(k) <= x.
		if i < len(vals) {
			if got := f.count(sum + vals[i]/2); got != i {
				t.Fatalf("count(%v) = %d, want %d", sum+vals[i]/2, got, i)
			}
			sum += vals[i]
		}
	}
}

func TestDocViewBlockAtAndBlockYAgree(t *testing.T) {
	v, _ := newLongDocView(t, 3000)
	if r := v.Realized(); r == 0 || r > 60 {
		t.Fatalf("%d blocks on screen for a 500 px window, want a screenful", r)
	}
	pad := theme.Padding()
	prev := float32(-1)
	for i := 0; i < len(v.Doc.Blocks); i += 7 {
		y := v.BlockY(i)
		if y <= prev {
			t.Fatalf("BlockY(%d) = %v is not below the block before (%v)", i, y, prev)
		}
		prev = y
		if got := v.BlockAt(y); got != i {
			t.Fatalf("BlockAt(BlockY(%d)) = %d", i, got)
		}
		if got := v.BlockAt(y - pad); got != i {
			t.Fatalf("BlockAt(BlockY(%d) - padding) = %d; Show puts a block there", i, got)
		}
	}
	if got := v.BlockAt(v.contentHeight() + 1000); got != len(v.Doc.Blocks)-1 {
		t.Fatalf("BlockAt past the end = %d", got)
	}
}

func TestDocViewShowFarBlock(t *testing.T) {
	v, _ := newLongDocView(t, 3000)
	var reported []int
	v.OnScrolled = func(b int) { reported = append(reported, b) }
	v.Show(Location{Block: 2400})
	if got := v.BlockAt(v.Offset()); got != 2400 {
		t.Fatalf("block at the top after Show = %d, want 2400", got)
	}
	if !near(v.Offset(), v.BlockY(2400)-theme.Padding()) {
		t.Fatalf("offset %v, want block 2400's top %v less a padding", v.Offset(), v.BlockY(2400))
	}
	if len(reported) == 0 || reported[len(reported)-1] != 2400 {
		t.Fatalf("OnScrolled reported %v, want 2400 last", reported)
	}
	if v.rows[2400] == nil || v.rows[0] != nil || v.Realized() > 60 {
		t.Fatalf("on screen: %d blocks, block 2400 %v, block 0 %v", v.Realized(), v.rows[2400] != nil, v.rows[0] != nil)
	}
	// The block is laid out where BlockY says.
	if got := v.rows[2400].obj.Position().Y; !near(got, v.BlockY(2400)) {
		t.Fatalf("block 2400 drawn at %v, BlockY says %v", got, v.BlockY(2400))
	}
}

// Going back returns to the same text even when blocks above it were
// measured in between, which moves every pixel offset below them.
func TestDocViewReturnsToReadingPosition(t *testing.T) {
	v, _ := newLongDocView(t, 3000)
	v.Show(Location{Block: 1500})
	v.ScrollTo(v.Offset() + 31)
	pos := v.Position("x")
	if pos.Block != 1500 || !near(pos.Delta, 31-theme.Padding()) {
		t.Fatalf("position %+v, want 31 px into block 1500", pos)
	}
	before := v.BlockY(1500)
	// Read through the blocks before it, then go back.
	v.Show(Location{Block: 1300})
	for i := 0; i < 20 && v.BlockAt(v.Offset()) < 1490; i++ {
		v.ScrollTo(v.Offset() + v.Scroll.Size().Height)
	}
	if near(v.BlockY(1500), before) {
		t.Fatal("measuring blocks 1300-1490 did not move block 1500; the test proves nothing")
	}
	v.Show(Location{})
	if v.Offset() != 0 {
		t.Fatalf("Show of the start left offset %v", v.Offset())
	}
	v.Show(pos)
	if got := v.Position("x"); got.Block != 1500 || !near(got.Delta, pos.Delta) {
		t.Fatalf("back at %+v, want block 1500, %v into it", got, pos.Delta)
	}
}

func TestDocViewFlashesFarBlockWhenShown(t *testing.T) {
	v, _ := newLongDocView(t, 3000)
	v.Flash(2000)
	if !v.Flashing(2000) || v.LastFlashed() != 2000 {
		t.Fatal("Flash of a block off screen was not recorded")
	}
	if v.rows[2000] != nil {
		t.Fatal("block 2000 is on screen at the start")
	}
	v.Show(Location{Block: 2000})
	r := v.rows[2000]
	if r == nil || !r.flash.Visible() || r.flash.FillColor != tintFlash {
		t.Fatal("block 2000 is not tinted once on screen")
	}
	v.Show(Location{Block: 10, Highlight: true})
	if !v.Flashing(10) || v.rows[10] == nil || !v.rows[10].flash.Visible() {
		t.Fatal("Show with Highlight did not tint block 10")
	}
	if v.rows[2000] != nil {
		t.Fatal("block 2000 still on screen")
	}
}

func TestDocViewKeepsAnchorAcrossResizeAndTextSize(t *testing.T) {
	v, w := newLongDocView(t, 3000)
	v.Show(Location{Block: 1200})
	v.ScrollTo(v.Offset() + 12)
	delta := v.Position("x").Delta
	w.Resize(fyne.NewSize(420, 500))
	if got := v.Position("x"); got.Block != 1200 || !near(got.Delta, delta) {
		t.Fatalf("after a narrower window at %+v, want block 1200, %v into it", got, delta)
	}
	if r := v.rows[1200]; r == nil || r.w >= 420 {
		t.Fatal("block 1200 was not laid out again at the narrower width")
	}
	fyne.CurrentApp().Settings().SetTheme(widgets.NewReaderTheme("light", 1.4))
	if got := v.Position("x"); got.Block != 1200 || !near(got.Delta, delta) {
		t.Fatalf("after a larger text size at %+v, want block 1200, %v into it", got, delta)
	}
}

// Scrolling up into blocks whose heights were only estimated keeps the
// text on screen still: the view is corrected by the difference.
func TestDocViewScrollUpKeepsTextStill(t *testing.T) {
	v, _ := newLongDocView(t, 3000)
	v.Show(Location{Block: 2500})
	screen := v.BlockY(2500) - v.Offset()
	before := v.BlockY(2500)
	v.ScrollTo(v.Offset() - 300)
	if near(v.BlockY(2500), before) {
		t.Fatal("no block above 2500 changed height; the test proves nothing")
	}
	if got := v.BlockY(2500) - v.Offset(); !near(got, screen+300) {
		t.Fatalf("block 2500 is %v below the top after scrolling up 300, want %v", got, screen+300)
	}
}

// The height estimate counts text without building it; the counts must be
// those of the text plainBlock builds.
func TestShapeOfCountsWhatPlainBlockWrites(t *testing.T) {
	md := "# Title\n\nPara with *emphasis* and a [link](cite:x).  \nHard break.\n\n" +
		"- one\n- two\n  - nested\n\n  ```\n  code in a list\n  ```\n\n> quote\n> more\n\n" +
		"| a | b |\n|---|---|\n| 1 | 2 |\n| Löberbauer | ≠ |\n\n1. first\n\n   second paragraph\n"
	synthetic, err := doc.Parse([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	p := cli.LoadBundled(time.Now()).Pack
	n := 0
	for _, d := range []*doc.Document{synthetic, p.Article, p.Limitations, p.Guidance, examplePack(t).Article} {
		for _, b := range d.Blocks {
			want := plainBlock(b)
			got := shapeOf(b)
			if int(got.runes) != utf8.RuneCountInString(want) || int(got.breaks) != strings.Count(want, "\n") {
				t.Errorf("block at line %d: counted %d runes, %d breaks; plainBlock has %d, %d",
					b.Line, got.runes, got.breaks, utf8.RuneCountInString(want), strings.Count(want, "\n"))
			}
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d blocks compared", n)
	}
}
