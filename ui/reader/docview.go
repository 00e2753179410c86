package reader

import (
	"container/list"
	"image/color"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// DocView shows a rendered document in a vertical scroll and can scroll to
// a top-level block and flash it. The article, limitations and guidance
// views all use it.
//
// It is virtualized: only the blocks in view (plus a cache of recently
// shown ones) are rendered, so a 1 MB article costs one screen of text
// shaping at start-up and each frame walks a screen's worth of objects.
// It is a custom scroller rather than a widget.List because a List's rows
// are selectable, hoverable and focusable (arrow keys move a highlight),
// which an article must not be, and because List walks every row's height
// on each scroll once rows have their own heights. Block heights start as
// estimates from the text length and are measured when a block is first
// shown; a Fenwick tree of heights makes BlockY and BlockAt O(log n).
type DocView struct {
	Doc    *doc.Document
	Scroll *container.Scroll
	// OnScrolled is called after a scroll with where the reader is
	// (readBlock): the block at the top of the view, the last at the end.
	OnScrolled func(block int)

	// src renders the rows: the document's blocks, or (the references
	// view) a card per reference.
	src     rowSource
	surface *docSurface
	root    *fyne.Container

	// Set before the first layout: a readable column, page margins in
	// paddings, an object above the first block, a card behind a range.
	readable bool
	margins  float32
	header   fyne.CanvasObject
	band     *docBand

	shapes  []blockShape
	heights []float32
	// mgen[i] is the layout generation block i was measured in; a width
	// or text size change starts a new generation, so every height is an
	// estimate again until its block is shown.
	mgen []uint32
	gen  uint32
	sums fenwick
	key  layoutKey
	est  estimator
	colX float32
	colW float32
	top  float32 // y of block 0

	rows  map[int]*docRow // on screen, by block
	objs  []fyne.CanvasObject
	cache rowCache
	// keep is the block whose top stays where it is on screen while blocks
	// above it are measured (-1: none); so text never jumps when a block
	// entering from above turns out taller than estimated.
	keep     int
	inLayout bool
	laidOff  float32

	pending *Location
	// lastFlash is the block most recently highlighted.
	lastFlash int
	// flashing is the highlighted block (-1 for none); armed means its
	// highlight starts when it is next on screen.
	flashing int
	armed    bool
	flashSeq int
	// The block at the top and how far into it the reader is, kept so a
	// new width (window resize, text size) keeps the same text in view.
	anchorBlock int
	anchorDelta float32
	showing     bool
}

// docBand is a tinted card drawn behind a range of blocks.
type docBand struct {
	start, end int
	rect       *canvas.Rectangle
}

// blockShape is what the height estimate needs from a block, so no text
// is kept besides the document.
type blockShape struct {
	kind   doc.BlockKind
	level  int8
	runes  int32
	breaks int32
}

type docRow struct {
	block int
	flash *canvas.Rectangle
	obj   fyne.CanvasObject
	gen   uint32
	w     float32
	el    *list.Element
	// text is the segments of a word-wrapped RichText row before
	// prewrap broke them into lines for a width.
	text []widget.RichTextSegment
}

// layoutKey is everything block heights depend on besides the text.
type layoutKey struct {
	colW, text, pad float32
	fg              color.NRGBA
}

// rowCacheSize bounds the rendered blocks kept for scrolling back.
const rowCacheSize = 256

// rowSource is what a DocView shows: rows rendered on demand, each with
// a shape for its height estimate until it is first shown.
type rowSource interface {
	rowCount() int
	renderRow(i int) fyne.CanvasObject
	rowShape(i int) blockShape
	// rowLabel is row i as a screen reader speaks it.
	rowLabel(i int) string
}

// docRows are a document's top-level blocks, rendered by RenderBlock.
type docRows struct {
	d    *doc.Document
	opts RenderOptions
}

func (r docRows) rowCount() int             { return len(r.d.Blocks) }
func (r docRows) rowShape(i int) blockShape { return shapeOf(r.d.Blocks[i]) }
func (r docRows) renderRow(i int) fyne.CanvasObject {
	return RenderBlock(r.d, r.d.Blocks[i], r.opts.Markers[i], r.opts)
}
func (r docRows) rowLabel(i int) string {
	return spokenBlock(r.d, r.d.Blocks[i], r.opts.Markers[i], r.opts)
}

// NewDocView renders d with opts.
func NewDocView(d *doc.Document, opts RenderOptions) *DocView {
	if d == nil {
		d = &doc.Document{}
	}
	v := newRowView(docRows{d: d, opts: opts})
	v.Doc = d
	return v
}

// newRowView is a DocView over any rows.
func newRowView(src rowSource) *DocView {
	v := &DocView{Doc: &doc.Document{}, lastFlash: -1, flashing: -1, keep: -1, margins: 1, rows: map[int]*docRow{}}
	v.cache.init()
	v.setRows(src)
	v.surface = &docSurface{v: v}
	v.surface.ExtendBaseWidget(v.surface)
	v.Scroll = container.NewVScroll(v.surface)
	v.Scroll.OnScrolled = func(p fyne.Position) {
		if !v.showing {
			// The reader scrolled: an unfinished restore no longer applies.
			v.pending = nil
		}
		v.recordAnchor()
		if v.OnScrolled != nil {
			v.OnScrolled(v.readBlock())
		}
	}
	v.root = container.New(&afterLayout{after: v.laidOut}, v.Scroll)
	return v
}

// setRows makes src the rows, shown from the top. Rendered rows are
// dropped (the source keeps what it wants to reuse); heights go back to
// estimates.
func (v *DocView) setRows(src rowSource) {
	n := src.rowCount()
	v.src = src
	v.shapes = make([]blockShape, n)
	v.heights = make([]float32, n)
	v.mgen = make([]uint32, n)
	for i := range v.shapes {
		v.shapes[i] = src.rowShape(i)
	}
	v.cache.init()
	v.rows = map[int]*docRow{}
	v.lastFlash, v.flashing, v.armed, v.keep = -1, -1, false, -1
	v.pending = nil
	v.anchorBlock, v.anchorDelta = 0, 0
	v.laidOff = -1
	if v.Scroll == nil {
		return
	}
	// A new generation: every height is estimated again at the next layout.
	v.key = layoutKey{}
	if v.Scroll.Offset.Y != 0 {
		// Moving the surface back to the top lays it out.
		v.Scroll.ScrollToOffset(fyne.NewPos(0, 0))
	}
	v.layoutVisible()
}

// SetReadable caps the text at a comfortable line length, centred, with
// margins of the given number of paddings. Call it before the first layout.
func (v *DocView) SetReadable(margins float32) {
	v.readable = true
	v.margins = margins
}

// SetHeader puts obj above the first block. Call it before the first layout.
func (v *DocView) SetHeader(obj fyne.CanvasObject) { v.header = obj }

// SetBand draws a card tinted fill behind blocks start to end-1 and
// returns it. Call it before the first layout.
func (v *DocView) SetBand(start, end int, fill color.Color) fyne.CanvasObject {
	r := cardRect(fill)
	v.band = &docBand{start: start, end: end, rect: r}
	return r
}

// Object is the view's root object.
func (v *DocView) Object() fyne.CanvasObject { return v.root }

func (v *DocView) gap() float32 { return theme.Padding() }

// BlockY is the vertical offset of block i inside the scroll.
func (v *DocView) BlockY(i int) float32 {
	if i < 0 || i >= len(v.heights) {
		return 0
	}
	return v.top + float32(v.sums.prefix(i))
}

// BlockAt returns the block at vertical scroll offset y (-1 when empty):
// the last block whose top is at most two paddings below y.
func (v *DocView) BlockAt(y float32) int {
	n := len(v.heights)
	if n == 0 {
		return -1
	}
	x := y + v.gap()*2 - v.top
	if x < 0 {
		return 0
	}
	return min(v.sums.count(float64(x)), n-1)
}

// blockOver is the block whose extent (with the gap below it) holds y.
func (v *DocView) blockOver(y float32) int {
	n := len(v.heights)
	if y <= v.top {
		return 0
	}
	return min(v.sums.count(float64(y-v.top)), n-1)
}

// Offset is the current scroll offset.
func (v *DocView) Offset() float32 { return v.Scroll.Offset.Y }

// AtEnd reports whether the view is scrolled as far down as it goes, in a
// document taller than the view: the last blocks may then never reach
// the top.
func (v *DocView) AtEnd() bool {
	y := v.Scroll.Offset.Y
	return y > 0 && y >= v.contentHeight()-v.Scroll.Size().Height-1
}

// readBlock is where the reader is after scrolling: the block at the top
// of the view, or the last block once scrolled to the end, so that the
// contents show the last section there even when it is too short to reach
// the top. A jump to a block (Show) reports that block instead.
func (v *DocView) readBlock() int {
	if v.AtEnd() && len(v.heights) > 0 {
		return len(v.heights) - 1
	}
	return v.BlockAt(v.Offset())
}

// Position is the reading position in view: the block at the top, the
// offset, and how far into the block the offset is.
func (v *DocView) Position(view string) Location {
	off := v.Offset()
	b := v.BlockAt(off)
	return Location{View: view, Block: b, Offset: off, Delta: off - v.BlockY(b)}
}

func (v *DocView) contentHeight() float32 {
	n := len(v.heights)
	h := v.top + float32(v.sums.prefix(n))
	if n > 0 {
		h -= v.gap()
	}
	return h + v.margins*theme.Padding()
}

func (v *DocView) recordAnchor() {
	if len(v.heights) == 0 {
		return
	}
	y := v.Scroll.Offset.Y
	v.anchorBlock = v.BlockAt(y)
	v.anchorDelta = y - v.BlockY(v.anchorBlock)
}

// sized reports whether the view has a real size: a window's first
// layouts can be at a token size, where offsets mean nothing.
func (v *DocView) sized() bool {
	sz := v.Scroll.Size()
	return sz.Height >= 60 && sz.Width >= 120
}

// Show scrolls to loc: to its Offset when set (returning to a reading
// position), else to its Block, flashing it when loc.Highlight. Before the
// view is laid out the move waits for the first layout.
func (v *DocView) Show(loc Location) {
	if !v.sized() {
		l := loc
		v.pending = &l
		return
	}
	v.pending = nil
	v.showing = true
	defer func() { v.showing = false }()
	v.sync()
	n := len(v.heights)
	var y float32
	switch {
	case loc.Offset > 0:
		y = loc.Offset
		if b := loc.Block; b >= 0 && b < n {
			// Blocks measured since the position was taken may have moved
			// the block: keep the text rather than the pixel.
			if at := v.BlockY(b) + loc.Delta; (loc.Delta != 0 || v.BlockAt(y) != b) && math.Abs(float64(at-y)) >= 0.5 {
				y = at
			}
		}
		v.keep = v.blockOver(y)
	case loc.Block >= 0 && loc.Block < n:
		y = v.BlockY(loc.Block) - theme.Padding()
		v.keep = loc.Block
	default:
		v.keep = -1
	}
	v.scrollTo(y)
	if loc.Block >= 0 && loc.Block < n && loc.Offset <= 0 {
		// Measuring the blocks now on screen may have moved the target.
		if want := v.BlockY(loc.Block) - theme.Padding(); math.Abs(float64(want-v.Offset())) >= 0.5 {
			v.keep = loc.Block
			v.scrollTo(want)
		}
	}
	if loc.Offset > 0 && v.Offset() < y-1 {
		// Not laid out at full size yet (the offset was clamped): try
		// again on the next layout unless the reader scrolls first.
		l := loc
		v.pending = &l
	}
	if loc.Highlight && loc.Block >= 0 && loc.Block < n {
		v.Flash(loc.Block)
	}
	v.recordAnchor()
	if v.OnScrolled != nil {
		// A jump to a block reports that block, even one near the end
		// that could not be scrolled to the top.
		at := v.BlockAt(v.Offset())
		if loc.Block >= 0 && loc.Block < n && loc.Offset <= 0 {
			at = loc.Block
		}
		v.OnScrolled(at)
	}
}

// ScrollTo moves the view to offset y (clamped), laying out what is then
// in view. The bench hook pages through the article with it.
func (v *DocView) ScrollTo(y float32) {
	v.scrollTo(y)
	v.recordAnchor()
	if v.OnScrolled != nil {
		v.OnScrolled(v.readBlock())
	}
}

func (v *DocView) scrollTo(y float32) {
	if y < 0 {
		y = 0
	}
	if m := v.contentHeight() - v.Scroll.Size().Height; y > m {
		y = max(m, 0)
	}
	v.Scroll.ScrollToOffset(fyne.NewPos(0, y))
	v.layoutVisible()
}

// Flash briefly tints block i so the eye finds it after a jump; a block
// not on screen is tinted when it is next shown.
func (v *DocView) Flash(i int) {
	if i < 0 || i >= len(v.heights) {
		return
	}
	v.lastFlash = i
	if old := v.rows[v.flashing]; old != nil && v.flashing != i {
		old.flash.Hide()
	}
	v.flashing, v.armed = i, true
	if r := v.rows[i]; r != nil {
		v.startFlash(r)
	}
}

func (v *DocView) startFlash(r *docRow) {
	v.armed = false
	v.flashSeq++
	seq, block := v.flashSeq, r.block
	r.flash.FillColor = tintFlash
	r.flash.Show()
	r.flash.Refresh()
	AfterDelay(1500*time.Millisecond, func() {
		if v.flashSeq != seq {
			return
		}
		v.flashing = -1
		if r := v.rows[block]; r != nil {
			r.flash.Hide()
			r.flash.Refresh()
		}
	})
}

// Flashing reports whether block i is highlighted (or will be when shown).
func (v *DocView) Flashing(i int) bool { return i >= 0 && v.flashing == i }

// LastFlashed is the block most recently highlighted, -1 for none.
func (v *DocView) LastFlashed() int { return v.lastFlash }

// Rendered is block i as rendered for the screen (from the cache when it
// has been shown recently), nil when out of range.
func (v *DocView) Rendered(i int) fyne.CanvasObject {
	if i < 0 || i >= len(v.heights) {
		return nil
	}
	return v.row(i).obj
}

// Realized is how many blocks are on screen (for tests).
func (v *DocView) Realized() int { return len(v.rows) }

func (v *DocView) laidOut(fyne.Size) {
	if !v.sized() {
		return
	}
	if v.pending != nil {
		v.Show(*v.pending)
		return
	}
	// A taller view shows more blocks without the content changing size,
	// which the scroll does not pass on to its content.
	v.layoutVisible()
}

// sync starts a new layout generation when the column width or the text
// size changed: every height goes back to an estimate at the new width,
// the cache of rendered blocks is dropped when the theme changed, and the
// reading position is kept.
func (v *DocView) sync() {
	vw := v.Scroll.Size().Width
	pad := theme.Padding()
	m := v.margins * pad
	colW := vw - 2*m
	if v.readable {
		colW = min(colW, readableMaxWidth())
	}
	colW = max(colW, 40)
	fg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameForeground)).(color.NRGBA)
	k := layoutKey{colW: colW, text: theme.TextSize(), pad: pad, fg: fg}
	if k == v.key {
		return
	}
	laid := v.key.colW != 0
	themed := laid && (k.text != v.key.text || k.pad != v.key.pad || k.fg != v.key.fg)
	v.key = k
	v.gen++
	if themed {
		// Rendered blocks off screen missed the theme change.
		v.cache.clear(v.rows)
	}
	v.colW = colW
	v.colX = (vw - colW) / 2
	v.top = m
	if v.header != nil {
		v.header.Resize(fyne.NewSize(colW, v.header.MinSize().Height))
		h := v.header.MinSize().Height
		v.header.Resize(fyne.NewSize(colW, h))
		v.header.Move(fyne.NewPos(v.colX, m))
		v.top += h + pad
	}
	v.est.reset(colW)
	vals := make([]float64, len(v.heights))
	gap := v.gap()
	for i := range v.heights {
		w := v.rowWidth(i)
		v.heights[i] = v.est.height(v.shapes[i], w)
		vals[i] = float64(v.heights[i] + gap)
	}
	v.sums = newFenwick(vals)
	if laid && v.anchorBlock >= 0 && v.anchorBlock < len(v.heights) {
		y := v.BlockY(v.anchorBlock) + v.anchorDelta
		v.Scroll.Offset.Y = max(0, min(y, v.contentHeight()-v.Scroll.Size().Height))
		v.keep = v.anchorBlock
	}
}

func (v *DocView) inBand(i int) bool {
	return v.band != nil && i >= v.band.start && i < v.band.end
}

func (v *DocView) bandInset() float32 { return theme.Padding() * 2 }

func (v *DocView) rowWidth(i int) float32 {
	if v.inBand(i) {
		return max(v.colW-2*v.bandInset(), 20)
	}
	return v.colW
}

func (v *DocView) setHeight(i int, h float32) float32 {
	d := h - v.heights[i]
	if d != 0 {
		v.heights[i] = h
		v.sums.add(i, float64(d))
	}
	return d
}

// row returns block i's rendered row, rendering it if it is not cached.
func (v *DocView) row(i int) *docRow {
	if r := v.cache.get(i); r != nil {
		return r
	}
	f := canvas.NewRectangle(tintFlash)
	f.CornerRadius = theme.InputRadiusSize()
	f.Hide()
	r := &docRow{block: i, flash: f, obj: v.src.renderRow(i)}
	if rt, ok := r.obj.(*widget.RichText); ok && rt.Wrapping == fyne.TextWrapWord {
		r.text = rt.Segments
	}
	v.cache.put(r, v.rows)
	return r
}

// measure lays block i out at its width and records its real height,
// returning the change from the previous estimate.
func (v *DocView) measure(i int) float32 {
	r := v.row(i)
	w := v.rowWidth(i)
	if r.gen == v.gen && r.w == w {
		return 0
	}
	h := v.heights[i]
	if rt, ok := r.obj.(*widget.RichText); ok && r.text != nil {
		// Lines broken here from cached word widths (prewrap.go), or
		// Fyne's wrapping where prewrap cannot.
		if segs, ok := prewrap(r.text, w); ok {
			rt.Wrapping, rt.Segments = fyne.TextWrapOff, segs
		} else {
			rt.Wrapping, rt.Segments = fyne.TextWrapWord, r.text
		}
		if rt.Size() == fyne.NewSize(w, h) {
			rt.Refresh()
		}
	}
	r.obj.Resize(fyne.NewSize(w, h))
	mh := r.obj.MinSize().Height
	if _, rich := r.obj.(*widget.RichText); mh != h && !rich {
		// A RichText wraps and draws the same at any height, and each
		// Resize wraps its text again; containers need their real height.
		r.obj.Resize(fyne.NewSize(w, mh))
	}
	r.gen, r.w = v.gen, w
	v.mgen[i] = v.gen
	return v.setHeight(i, mh)
}

// layoutVisible renders and places the blocks in view.
func (v *DocView) layoutVisible() {
	if v.inLayout || !v.sized() {
		return
	}
	v.inLayout = true
	defer func() { v.inLayout = false }()
	v.sync()
	size := v.Scroll.Size()
	n := len(v.heights)
	off := v.Scroll.Offset.Y
	first, last := 0, -1
	for iter := 0; iter < 4 && n > 0; iter++ {
		first = v.blockOver(off)
		last = v.blockOver(off + size.Height)
		var shift float32
		for i := first; i <= last; i++ {
			if d := v.measure(i); v.keep >= 0 && i < v.keep {
				shift += d
			}
		}
		if shift == 0 {
			break
		}
		off += shift
	}
	oldH := v.surface.Size().Height
	total := v.contentHeight()
	off = max(0, min(off, total-size.Height))
	v.place(first, last, off, size.Height)
	if n > 0 {
		v.keep = first
	}
	v.surface.Resize(fyne.NewSize(size.Width, max(total, size.Height)))
	v.laidOff = off
	if off != v.Scroll.Offset.Y || oldH != v.surface.Size().Height {
		v.Scroll.Offset.Y = off
		v.surface.BaseWidget.Move(fyne.NewPos(0, -off))
		v.Scroll.Refresh()
	}
	canvas.Refresh(v.surface)
}

// place makes the rows of blocks first..last the surface's objects.
func (v *DocView) place(first, last int, off, viewH float32) {
	objs := v.objs[:0]
	if b := v.band; b != nil && b.start < b.end && b.start <= last && b.end > first {
		p := theme.Padding()
		y0 := v.BlockY(b.start) - p
		y1 := v.BlockY(b.end-1) + v.heights[b.end-1] + p
		b.rect.Move(fyne.NewPos(v.colX, y0))
		b.rect.Resize(fyne.NewSize(v.colW, y1-y0))
		objs = append(objs, b.rect)
	}
	if v.header != nil && off < v.top {
		objs = append(objs, v.header)
	}
	rows := make(map[int]*docRow, last-first+1)
	for i := first; i <= last; i++ {
		r := v.row(i)
		x := v.colX
		if v.inBand(i) {
			x += v.bandInset()
		}
		y := v.BlockY(i)
		h := v.heights[i]
		r.obj.Move(fyne.NewPos(x, y))
		r.flash.Move(fyne.NewPos(x, y))
		r.flash.Resize(fyne.NewSize(r.w, h))
		if i == v.flashing {
			if v.armed {
				v.startFlash(r)
			} else if !r.flash.Visible() {
				r.flash.Show()
			}
		} else if r.flash.Visible() {
			r.flash.Hide()
		}
		rows[i] = r
		objs = append(objs, r.flash, r.obj)
	}
	for i := len(objs); i < len(v.objs); i++ {
		v.objs[i] = nil
	}
	v.objs = objs
	v.rows = rows
}

// docSurface is the scroll's content: as tall as the whole document, with
// only the blocks in view as children. Moving it (scrolling) lays out
// what came into view.
type docSurface struct {
	widget.BaseWidget
	v *DocView
}

func (s *docSurface) CreateRenderer() fyne.WidgetRenderer { return &docSurfaceRenderer{s} }

// AccessibilityLabel implements fyne.Accessible: the block at the top of
// the view, with its citations and markers spelled out.
func (s *docSurface) AccessibilityLabel() string {
	v := s.v
	n := v.src.rowCount()
	if n == 0 {
		return "Empty document"
	}
	return v.src.rowLabel(min(max(v.anchorBlock, 0), n-1))
}

// AccessibilityRole implements fyne.Accessible.
func (s *docSurface) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// MinSize is the document's height at the current width.
func (s *docSurface) MinSize() fyne.Size {
	v := s.v
	if v.sized() {
		v.sync()
	}
	return fyne.NewSize(40, v.contentHeight())
}

// Move follows the scroll offset.
func (s *docSurface) Move(p fyne.Position) {
	s.BaseWidget.Move(p)
	if -p.Y != s.v.laidOff {
		s.v.layoutVisible()
	}
}

type docSurfaceRenderer struct{ s *docSurface }

func (r *docSurfaceRenderer) Layout(fyne.Size)             { r.s.v.layoutVisible() }
func (r *docSurfaceRenderer) MinSize() fyne.Size           { return r.s.MinSize() }
func (r *docSurfaceRenderer) Objects() []fyne.CanvasObject { return r.s.v.objs }
func (r *docSurfaceRenderer) Destroy()                     {}

// Refresh is also how a theme change (text size) arrives.
func (r *docSurfaceRenderer) Refresh() {
	r.s.v.layoutVisible()
	canvas.Refresh(r.s)
}

// estimator guesses a block's height from its text length without
// shaping any text, from a few measurements made once per generation.
type estimator struct {
	line, base, charW, heading, sub float32
}

func (e *estimator) reset(w float32) {
	sample := strings.Repeat("the quick brown fox jumps over a lazy dog ", 3)
	e.charW = fyne.MeasureText(sample, theme.TextSize(), fyne.TextStyle{}).Width / float32(utf8.RuneCountInString(sample))
	one := widget.NewRichTextWithText("x")
	two := widget.NewRichTextWithText("x\nx")
	h1, h2 := one.MinSize().Height, two.MinSize().Height
	e.line = max(h2-h1, theme.TextSize())
	e.base = max(h1-e.line, 0)
	e.heading = theme.Size(theme.SizeNameHeadingText) / theme.TextSize()
	e.sub = theme.Size(theme.SizeNameSubHeadingText) / theme.TextSize()
}

func (e *estimator) height(s blockShape, w float32) float32 {
	if s.kind == doc.Rule {
		return theme.SeparatorThicknessSize()
	}
	scale := float32(1)
	if s.kind == doc.Heading {
		switch {
		case s.level <= 1:
			scale = e.heading
		case s.level == 2:
			scale = e.sub
		}
	}
	perLine := max(w/(e.charW*scale), 1)
	lines := float32(math.Ceil(float64(float32(s.runes)/perLine))) + float32(s.breaks)
	if s.kind == doc.Table {
		lines *= 1.5
	}
	return e.base + max(lines, 1)*e.line*scale
}

// shapeOf counts a block's runes and line breaks as plainBlock lays them
// out, without building the text: NewDocView does this for every block of
// the document on the UI goroutine.
func shapeOf(b *doc.Block) blockShape {
	runes, breaks, _ := textCounts(b)
	return blockShape{kind: b.Kind, level: int8(min(b.Level, 6)), runes: runes, breaks: breaks}
}

// textCounts mirrors plainBlock: the runes and newlines it would write,
// and whether it would write anything.
func textCounts(b *doc.Block) (runes, breaks int32, written bool) {
	add := func(t string) {
		runes += int32(utf8.RuneCountInString(t))
		breaks += int32(strings.Count(t, "\n"))
		written = written || t != ""
	}
	for _, in := range b.Inlines {
		add(in.Text)
	}
	for _, c := range b.Children {
		if written {
			add("\n")
		}
		r, br, w := textCounts(c)
		runes, breaks, written = runes+r, breaks+br, written || w
	}
	if t := b.Table; t != nil {
		for _, row := range append([][][]doc.Inline{t.Header}, t.Rows...) {
			for i, cell := range row {
				if i > 0 {
					add(" | ")
				}
				for _, in := range cell {
					add(in.Text)
				}
			}
			add("\n")
		}
	}
	return runes, breaks, written
}

// rowCache keeps recently rendered blocks, least recently used first out;
// blocks on screen are never dropped.
type rowCache struct {
	m   map[int]*docRow
	lru *list.List
}

func (c *rowCache) init() {
	c.m = map[int]*docRow{}
	c.lru = list.New()
}

func (c *rowCache) get(i int) *docRow {
	r := c.m[i]
	if r != nil {
		c.lru.MoveToFront(r.el)
	}
	return r
}

func (c *rowCache) put(r *docRow, onScreen map[int]*docRow) {
	r.el = c.lru.PushFront(r)
	c.m[r.block] = r
	for e := c.lru.Back(); c.lru.Len() > rowCacheSize && e != nil; {
		prev := e.Prev()
		old := e.Value.(*docRow)
		if onScreen[old.block] == nil && old != r {
			c.lru.Remove(e)
			delete(c.m, old.block)
		}
		e = prev
	}
}

// clear drops every row not on screen and marks those on screen stale.
func (c *rowCache) clear(onScreen map[int]*docRow) {
	c.init()
	for _, r := range onScreen {
		r.gen = 0
		r.el = c.lru.PushFront(r)
		c.m[r.block] = r
	}
}

// fenwick is a binary indexed tree of block extents (height plus gap):
// prefix sums and updates in O(log n).
type fenwick []float64

func newFenwick(vals []float64) fenwick {
	t := make(fenwick, len(vals)+1)
	copy(t[1:], vals)
	for i := 1; i < len(t); i++ {
		if j := i + i&-i; j < len(t) {
			t[j] += t[i]
		}
	}
	return t
}

func (t fenwick) add(i int, d float64) {
	for i++; i < len(t); i += i & -i {
		t[i] += d
	}
}

// prefix is the sum of the first i values.
func (t fenwick) prefix(i int) float64 {
	s := 0.0
	for i = min(i, len(t)-1); i > 0; i -= i & -i {
		s += t[i]
	}
	return s
}

// count is the largest k whose prefix(k) is at most x.
func (t fenwick) count(x float64) int {
	n := len(t) - 1
	pos := 0
	step := 1
	for step*2 <= n {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if pos+step <= n && t[pos+step] <= x {
			pos += step
			x -= t[pos]
		}
	}
	return pos
}

// afterLayout fills its area with its objects and then calls after, so a
// scroll target can wait until block positions are known.
type afterLayout struct {
	after func(fyne.Size)
}

func (l *afterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if l.after != nil {
		l.after(size)
	}
}

func (l *afterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// ScrollKey scrolls for a reading key pressed while nothing has focus:
// Up/Down by a few lines, Page Up/Page Down and Space by a screen less a
// line (so the last line stays in view), Home/End to either end. It
// reports whether the key was one of those.
func (v *DocView) ScrollKey(k fyne.KeyName) bool {
	line := theme.TextSize() * 1.5
	page := v.Scroll.Size().Height - 2*line
	if page < line {
		page = line
	}
	y := v.Offset()
	switch k {
	case fyne.KeyUp:
		y -= 3 * line
	case fyne.KeyDown:
		y += 3 * line
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyPageDown, fyne.KeySpace:
		y += page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = v.contentHeight()
	default:
		return false
	}
	v.ScrollTo(y)
	return true
}
