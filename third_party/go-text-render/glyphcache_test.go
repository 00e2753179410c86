package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sync"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"
)

func loadFace(t testing.TB, ttf []byte) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(ttf))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func shapeRun(face *font.Face, s string, size float32) shaping.Output {
	text := []rune(s)
	return (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{
		Text: text, RunStart: 0, RunEnd: len(text), Face: face, Size: fixed.I(int(size)),
	})
}

// upstreamDrawRun is go-text/render v0.2.1's DrawShapedRunAt for outline
// glyphs: every glyph's curves into one filler, rasterised at the end.
func upstreamDrawRun(r *Renderer, run shaping.Output, img draw.Image, startX, startY int) {
	scale := r.FontSize * r.PixScale / float32(run.Face.Upem())
	b := img.Bounds()
	f := rasterx.NewFiller(b.Dx(), b.Dy(), rasterx.NewScannerGV(b.Dx(), b.Dy(), img, b))
	f.SetColor(r.Color)
	x, y := float32(startX), float32(startY)
	for _, g := range run.Glyphs {
		if o, ok := run.Face.GlyphData(g.GlyphID).(font.GlyphOutline); ok {
			r.drawOutline(g, o, f, scale, x+fixed266ToFloat(g.XOffset)*r.PixScale, y-fixed266ToFloat(g.YOffset)*r.PixScale)
		}
		x += fixed266ToFloat(g.Advance) * r.PixScale
	}
	f.Draw()
}

func alphaOf(img *image.RGBA) []int {
	a := make([]int, 0, len(img.Pix)/4)
	for i := 3; i < len(img.Pix); i += 4 {
		a = append(a, int(img.Pix[i]))
	}
	return a
}

// ink is how far a pixel is from the background, summed over R, G, B, A.
func ink(img *image.RGBA, bg color.RGBA, x, y int) int {
	c := img.RGBAAt(x, y)
	d := 0
	for _, p := range [][2]uint8{{c.R, bg.R}, {c.G, bg.G}, {c.B, bg.B}, {c.A, bg.A}} {
		if p[0] > p[1] {
			d += int(p[0] - p[1])
		} else {
			d += int(p[1] - p[0])
		}
	}
	return d
}

// compareWithUpstream draws run both ways onto images filled with bg and
// checks that they agree: the whole image channel by channel, and each
// glyph's column on its own (its ink and where the ink's centre is), so a
// glyph that is missing or misplaced fails even when the rest matches. The
// cache places glyphs to a quarter pixel and composites overlapping glyphs
// one by one, so small differences are expected.
func compareWithUpstream(t *testing.T, run shaping.Output, size, scale float32, fg color.Color, bg color.RGBA) {
	t.Helper()
	w := int(fixed266ToFloat(run.Advance)*scale) + 8
	h := int(size*scale*2) + 4
	base := int(size * scale * 1.3)
	got := image.NewRGBA(image.Rect(0, 0, w, h))
	want := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(got, got.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	draw.Draw(want, want.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	end := (&Renderer{FontSize: size, PixScale: scale, Color: fg}).DrawShapedRunAt(run, got, 2, base)
	upstreamDrawRun(&Renderer{FontSize: size, PixScale: scale, Color: fg}, run, want, 2, base)

	if wantEnd := 2 + int(fixed266ToFloat(run.Advance)*scale+0.999); end < wantEnd-1 || end > wantEnd+1 {
		t.Errorf("run ends at x=%d, want about %d", end, wantEnd)
	}
	var diffSum, inkWant, inkGot int
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			diffSum += ink(got, want.RGBAAt(x, y), x, y)
			inkWant += ink(want, bg, x, y)
			inkGot += ink(got, bg, x, y)
		}
	}
	if inkWant == 0 {
		t.Fatal("upstream drew nothing; the test is broken")
	}
	if rel := float64(diffSum) / float64(inkWant); rel > 0.15 {
		t.Errorf("pixels differ by %.1f%% of the ink", 100*rel)
	}
	if rel := float64(inkGot-inkWant) / float64(inkWant); rel > 0.03 || rel < -0.03 {
		t.Errorf("ink %d against upstream's %d (%.1f%%)", inkGot, inkWant, 100*rel)
	}

	// Each glyph's column, from its pen position to the next.
	pen := float32(2)
	for i, g := range run.Glyphs {
		x0 := int(pen)
		pen += fixed266ToFloat(g.Advance) * scale
		x1 := min(int(pen), w)
		var sg, sw, xg, xw, yg, yw float64
		for y := 0; y < h; y++ {
			for x := x0; x < x1; x++ {
				a, b := float64(ink(got, bg, x, y)), float64(ink(want, bg, x, y))
				sg, xg, yg = sg+a, xg+a*float64(x), yg+a*float64(y)
				sw, xw, yw = sw+b, xw+b*float64(x), yw+b*float64(y)
			}
		}
		if sw < 255 { // a space, or a sliver of a kerned neighbour
			continue
		}
		if d := sg - sw; d > 0.2*sw+300 || d < -0.2*sw-300 {
			t.Errorf("glyph %d (columns %d-%d): ink %.0f against upstream's %.0f", i, x0, x1, sg, sw)
			continue
		}
		if dx, dy := xg/sg-xw/sw, yg/sg-yw/sw; dx > 0.5 || dx < -0.5 || dy > 0.5 || dy < -0.5 {
			t.Errorf("glyph %d: ink centred %.2f, %.2f px from upstream's", i, dx, dy)
		}
	}
}

// TestCachedGlyphsMatchUpstream draws text at the sizes and scales Fyne
// uses, in opaque black on transparent as Fyne's text textures are.
func TestCachedGlyphsMatchUpstream(t *testing.T) {
	faces := map[string]*font.Face{"regular": loadFace(t, goregular.TTF), "bold": loadFace(t, gobold.TTF)}
	texts := []string{
		"Heart flow meta-analysis data participants (Stallknecht, 2007); 12 weeks vs 8.",
		"fi fl ffi AVAWAY To. Wa, \"quotes\" — dashes – and 0123456789 %&@",
	}
	for name, face := range faces {
		for _, size := range []float32{12, 14, 21} {
			for _, scale := range []float32{1, 1.5, 2} {
				for i, s := range texts {
					t.Run(fmt.Sprintf("%s/%v/%v/%d", name, size, scale, i), func(t *testing.T) {
						compareWithUpstream(t, shapeRun(face, s, size), size, scale, color.Black, color.RGBA{})
					})
				}
			}
		}
	}
}

// TestTranslucentColourOnOpaque covers the other compositing case: a
// translucent colour (disabled text) over an opaque background.
func TestTranslucentColourOnOpaque(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	run := shapeRun(face, "Disabled text, drawn at 60% over white: Wo.", 14)
	compareWithUpstream(t, run, 14, 1, color.NRGBA{R: 200, G: 30, B: 30, A: 160}, color.RGBA{255, 255, 255, 255})
}

// TestVerticalGlyphOffsets moves glyphs up and down, as marks and
// superscript features do, and checks they land where upstream puts them.
func TestVerticalGlyphOffsets(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	run := shapeRun(face, "HxHxHxH", 16)
	run.Glyphs = append([]shaping.Glyph(nil), run.Glyphs...)
	for i := range run.Glyphs {
		if i%2 == 1 {
			run.Glyphs[i].YOffset = fixed.I(4)
		} else if i%4 == 2 {
			run.Glyphs[i].YOffset = -fixed.I(3)
		}
	}
	compareWithUpstream(t, run, 16, 1.5, color.Black, color.RGBA{})
}

// TestDrawIntoSubImage draws into an image whose bounds do not start at
// (0, 0); positions are relative to its top-left, as upstream's.
func TestDrawIntoSubImage(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	run := shapeRun(face, "Hi", 20)
	r := &Renderer{FontSize: 20, PixScale: 1, Color: color.Black}
	plain := image.NewRGBA(image.Rect(0, 0, 60, 40))
	r.DrawShapedRunAt(run, plain, 5, 30)
	big := image.NewRGBA(image.Rect(0, 0, 200, 200))
	sub := big.SubImage(image.Rect(100, 120, 160, 160)).(*image.RGBA)
	r.DrawShapedRunAt(run, sub, 5, 30)
	if alphaSum(plain) == 0 {
		t.Fatal("nothing drawn")
	}
	for y := 0; y < 40; y++ {
		for x := 0; x < 60; x++ {
			if a, b := plain.RGBAAt(x, y).A, big.RGBAAt(100+x, 120+y).A; a != b {
				t.Fatalf("pixel (%d,%d) of the sub-image has alpha %d, want %d", x, y, b, a)
			}
		}
	}
}

// TestHugeGlyphsAreNotCached draws text far larger than any slide: it
// must come out as upstream's and leave no mask in the cache.
func TestHugeGlyphsAreNotCached(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	run := shapeRun(face, "W", 400)
	compareWithUpstream(t, run, 400, 1, color.Black, color.RGBA{})
	glyphs.Lock()
	defer glyphs.Unlock()
	for k, g := range glyphs.m {
		if k.scale == 400*1/float32(face.Upem()) && g.mask != nil {
			t.Fatalf("a %dx%d mask was cached", g.mask.Rect.Dx(), g.mask.Rect.Dy())
		}
	}
}

// TestCachedGlyphsLandWhereDrawn checks that a glyph drawn at a new
// position after being cached elsewhere moves with the pen.
func TestCachedGlyphsLandWhereDrawn(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	run := shapeRun(face, "H", 20)
	r := &Renderer{FontSize: 20, PixScale: 1, Color: color.Black}
	left := image.NewRGBA(image.Rect(0, 0, 80, 40))
	r.DrawShapedRunAt(run, left, 5, 30)
	right := image.NewRGBA(image.Rect(0, 0, 80, 40))
	r.DrawShapedRunAt(run, right, 45, 30)
	for y := 0; y < 40; y++ {
		for x := 0; x+40 < 80; x++ {
			if a, b := left.RGBAAt(x, y).A, right.RGBAAt(x+40, y).A; a != b {
				t.Fatalf("pixel (%d,%d) has alpha %d but (%d,%d) has %d", x, y, a, x+40, y, b)
			}
		}
	}
	if alphaSum(left) == 0 {
		t.Fatal("nothing drawn")
	}
}

func alphaSum(img *image.RGBA) int {
	s := 0
	for _, a := range alphaOf(img) {
		s += a
	}
	return s
}

// TestGlyphCacheIsBounded draws more distinct glyph sizes than the cache
// holds and checks it starts again instead of growing.
func TestGlyphCacheIsBounded(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	img := image.NewRGBA(image.Rect(0, 0, 400, 60))
	r := &Renderer{PixScale: 1, Color: color.Black}
	for i := 0; i < maxCachedGlyphs/40+10; i++ {
		r.FontSize = 10 + float32(i)/100
		r.DrawShapedRunAt(shapeRun(face, "abcdefghijklmnopqrstuvwxyz0123456789ABCD", r.FontSize), img, 0, 40)
		glyphs.Lock()
		n := len(glyphs.m)
		glyphs.Unlock()
		if n > maxCachedGlyphs {
			t.Fatalf("cache holds %d glyphs, more than %d", n, maxCachedGlyphs)
		}
	}
}

// TestGlyphCacheBytesAreBounded draws large text, as full-screen slides
// do, in many sizes and checks the masks kept stay within the byte bound.
func TestGlyphCacheBytesAreBounded(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	img := image.NewRGBA(image.Rect(0, 0, 4000, 400))
	r := &Renderer{PixScale: 2, Color: color.Black}
	grew := false
	for i := 0; i < 60; i++ {
		r.FontSize = 90 + float32(i)
		r.DrawShapedRunAt(shapeRun(face, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", r.FontSize), img, 0, 300)
		glyphs.Lock()
		n, b := len(glyphs.m), glyphs.bytes
		glyphs.Unlock()
		if b > maxCachedBytes {
			t.Fatalf("cache holds %d bytes of masks, more than %d", b, maxCachedBytes)
		}
		grew = grew || b > maxCachedBytes/2
		if n == 0 {
			t.Fatal("nothing cached")
		}
	}
	if !grew {
		t.Fatal("the test never filled half the cache; draw larger or more text")
	}
}

// TestConcurrentDrawing is for -race: Fyne's test and software painters
// draw text from more than one goroutine.
func TestConcurrentDrawing(t *testing.T) {
	face := loadFace(t, goregular.TTF)
	// Shaping mutates the face's caches, so the runs are shaped first
	// (Fyne's painter shapes on one goroutine); drawing then shares the
	// face and the glyph cache.
	var runs []shaping.Output
	for g := 0; g < 4; g++ {
		runs = append(runs, shapeRun(face, "Concurrent text drawing", 13+float32(g%2)))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := &Renderer{FontSize: 13 + float32(g%2), PixScale: 1, Color: color.Black}
			run := runs[g]
			for i := 0; i < 20; i++ {
				img := image.NewRGBA(image.Rect(0, 0, 300, 40))
				r.DrawShapedRunAt(run, img, i%4, 30)
				if alphaSum(img) == 0 {
					t.Error("nothing drawn")
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func benchRun(b *testing.B) (shaping.Output, *image.RGBA) {
	face := loadFace(b, goregular.TTF)
	run := shapeRun(face, "Circumference evidence tissue catecholamines cycling systematic perfusion body arm walking. Hormone", 14)
	return run, image.NewRGBA(image.Rect(0, 0, 800, 24))
}

// BenchmarkDrawRun draws one line of body text, as Fyne does for each new
// line on screen.
func BenchmarkDrawRun(b *testing.B) {
	run, img := benchRun(b)
	r := &Renderer{FontSize: 14, PixScale: 1, Color: color.Black}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.DrawShapedRunAt(run, img, 0, 18)
	}
}

// BenchmarkDrawRunUpstream is the same line drawn the upstream way.
func BenchmarkDrawRunUpstream(b *testing.B) {
	run, img := benchRun(b)
	r := &Renderer{FontSize: 14, PixScale: 1, Color: color.Black}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		upstreamDrawRun(r, run, img, 0, 18)
	}
}
