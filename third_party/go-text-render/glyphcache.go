package render

// Evidence Reader patch: a cache of rasterised glyph outlines.
//
// Upstream rasterises every outline glyph of every run from its curves,
// and Fyne draws each new line of text through DrawShapedRunAt, so a page
// of new text costs thousands of outline extractions and curve
// flattenings. Here each glyph is rasterised once per face, size and
// quarter-pixel position into an alpha mask, and runs are composited from
// the masks. See docs/performance.md in Evidence Reader.

import (
	"image"
	"image/draw"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// subpixels is how many horizontal and vertical positions within a pixel
// a glyph is rasterised at; a quarter pixel is below what the eye sees at
// text sizes.
const subpixels = 4

// The cache starts again when it would hold more than maxCachedGlyphs
// glyphs or maxCachedBytes of masks. Body text in one size and a few
// styles needs a few hundred glyphs; full-screen slide text is what
// makes masks large.
const (
	maxCachedGlyphs = 16384
	maxCachedBytes  = 32 << 20
)

type glyphKey struct {
	face   *font.Face
	gid    font.GID
	scale  float32
	fx, fy uint8
}

// maxMaskPixels is the largest glyph the cache keeps (a 256 px square);
// larger glyphs, from text sizes far beyond a slide's, take upstream's
// path, which rasterises only what lands on the image.
const maxMaskPixels = 256 * 256

// glyphMask is a rasterised glyph. outline is false for glyphs that take
// upstream's path: bitmaps, SVG and outlines over maxMaskPixels.
type glyphMask struct {
	outline bool
	mask    *image.Alpha // nil when the glyph has no ink (a space)
	origin  image.Point  // top-left of mask relative to the pen's pixel
}

var glyphs = struct {
	sync.Mutex
	m     map[glyphKey]glyphMask
	bytes int // of the masks in m
}{m: map[glyphKey]glyphMask{}}

func cachedGlyph(k glyphKey) (glyphMask, bool) {
	glyphs.Lock()
	g, ok := glyphs.m[k]
	glyphs.Unlock()
	return g, ok
}

func storeGlyph(k glyphKey, g glyphMask) {
	n := 0
	if g.mask != nil {
		n = len(g.mask.Pix)
	}
	glyphs.Lock()
	if _, ok := glyphs.m[k]; !ok {
		if len(glyphs.m) >= maxCachedGlyphs || glyphs.bytes+n > maxCachedBytes {
			glyphs.m = map[glyphKey]glyphMask{}
			glyphs.bytes = 0
		}
		glyphs.m[k] = g
		glyphs.bytes += n
	}
	glyphs.Unlock()
}

// splitPixel returns the whole pixel below v and the sub-pixel step of
// the remainder.
func splitPixel(v float32) (int, uint8) {
	whole := math.Floor(float64(v))
	step := math.Round((float64(v) - whole) * subpixels)
	if step >= subpixels {
		return int(whole) + 1, 0
	}
	return int(whole), uint8(step)
}

// rasterizeOutline draws o at the given scale with the pen at (fx, fy)
// within a pixel, in the same coordinates as drawOutline, and returns the
// mask and where its top-left corner goes relative to the pen's pixel.
// A glyph with no ink has no mask; fits is false for one over
// maxMaskPixels.
func rasterizeOutline(o font.GlyphOutline, scale, fx, fy float32) (m *image.Alpha, at image.Point, fits bool) {
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for i := range o.Segments {
		for _, p := range o.Segments[i].ArgsSlice() {
			x, y := p.X*scale+fx, -p.Y*scale+fy
			minX, maxX = min(minX, x), max(maxX, x)
			minY, maxY = min(minY, y), max(maxY, y)
		}
	}
	if minX > maxX || minY > maxY {
		return nil, image.Point{}, true
	}
	x0, y0 := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	x1, y1 := int(math.Ceil(float64(maxX))), int(math.Ceil(float64(maxY)))
	if x1 <= x0 || y1 <= y0 {
		return nil, image.Point{}, true
	}
	if (x1-x0)*(y1-y0) > maxMaskPixels {
		return nil, image.Point{}, false
	}
	z := vector.NewRasterizer(x1-x0, y1-y0)
	ox, oy := fx-float32(x0), fy-float32(y0)
	tx := func(p opentype.SegmentPoint) (float32, float32) { return p.X*scale + ox, -p.Y*scale + oy }
	open := false
	for _, s := range o.Segments {
		a := s.Args
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(tx(a[0]))
			open = true
		case opentype.SegmentOpLineTo:
			z.LineTo(tx(a[0]))
		case opentype.SegmentOpQuadTo:
			bx, by := tx(a[0])
			cx, cy := tx(a[1])
			z.QuadTo(bx, by, cx, cy)
		case opentype.SegmentOpCubeTo:
			bx, by := tx(a[0])
			cx, cy := tx(a[1])
			dx, dy := tx(a[2])
			z.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	if open {
		z.ClosePath()
	}
	m = image.NewAlpha(image.Rect(0, 0, x1-x0, y1-y0))
	z.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	return m, image.Pt(x0, y0), true
}

// drawCachedGlyph composites the glyph g of face at pen position (x, y)
// onto img and reports true, or reports false when the glyph is not a
// plain outline and must be drawn the upstream way.
func drawCachedGlyph(face *font.Face, gid font.GID, scale float32, x, y float32, img draw.Image, src image.Image) bool {
	px, fx := splitPixel(x)
	py, fy := splitPixel(y)
	k := glyphKey{face: face, gid: gid, scale: scale, fx: fx, fy: fy}
	g, ok := cachedGlyph(k)
	if !ok {
		if o, isOutline := face.GlyphData(gid).(font.GlyphOutline); isOutline {
			m, at, fits := rasterizeOutline(o, scale, float32(fx)/subpixels, float32(fy)/subpixels)
			g = glyphMask{outline: fits, mask: m, origin: at}
		}
		storeGlyph(k, g)
	}
	if !g.outline {
		return false
	}
	if g.mask != nil {
		// Positions are relative to the image's top-left, as upstream's.
		r := g.mask.Rect.Add(g.origin).Add(image.Pt(px, py)).Add(img.Bounds().Min)
		draw.DrawMask(img, r, src, image.Point{}, g.mask, image.Point{}, draw.Over)
	}
	return true
}
