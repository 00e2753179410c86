package ui

import (
	"bytes"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// DocView shows a rendered document in a vertical scroll, one object per
// top-level block, and can scroll to a block and flash it. The article,
// limitations and guidance views all use it.
type DocView struct {
	Doc    *doc.Document
	Scroll *container.Scroll
	// OnScrolled is called with the block at the top of the view.
	OnScrolled func(block int)

	list    *fyne.Container
	flashes []*canvas.Rectangle
	root    *fyne.Container
	pending *Location
	// lastFlash is the block most recently highlighted.
	lastFlash int
	// The block at the top and how far into it the reader is, kept so a
	// new width (window resize, text size) keeps the same text in view.
	anchorBlock int
	anchorDelta float32
	lastWidth   float32
	relayout    bool
	showing     bool
}

func (v *DocView) recordAnchor() {
	if v.relayout {
		return
	}
	y := v.Scroll.Offset.Y
	v.anchorBlock = v.BlockAt(y)
	v.anchorDelta = y - v.BlockY(v.anchorBlock)
}

// NewDocView renders d with opts.
func NewDocView(d *doc.Document, opts RenderOptions) *DocView {
	v := &DocView{Doc: d, lastFlash: -1}
	blocks := RenderDoc(d, opts)
	rows := make([]fyne.CanvasObject, 0, len(blocks))
	for _, b := range blocks {
		f := flashRect()
		v.flashes = append(v.flashes, f)
		rows = append(rows, container.NewStack(f, b))
	}
	// One NewVBox, not Add per block: Add lays the box out again each
	// time, which is quadratic in the number of blocks.
	v.list = container.NewVBox(rows...)
	v.Scroll = container.NewVScroll(container.NewPadded(v.list))
	v.Scroll.OnScrolled = func(p fyne.Position) {
		if !v.showing && !v.relayout {
			// The reader scrolled: an unfinished restore no longer applies.
			v.pending = nil
		}
		v.recordAnchor()
		if v.OnScrolled != nil {
			v.OnScrolled(v.BlockAt(p.Y))
		}
	}
	v.root = container.New(&afterLayout{after: v.laidOut}, v.Scroll)
	return v
}

// Object is the view's root object.
func (v *DocView) Object() fyne.CanvasObject { return v.root }

// BlockY is the vertical offset of block i inside the scroll.
func (v *DocView) BlockY(i int) float32 {
	if i < 0 || i >= len(v.list.Objects) {
		return 0
	}
	return v.list.Objects[i].Position().Y + theme.Padding()
}

// BlockAt returns the block at vertical scroll offset y (-1 when empty).
func (v *DocView) BlockAt(y float32) int {
	at := -1
	for i := range v.list.Objects {
		if v.BlockY(i) > y+theme.Padding()*2 {
			break
		}
		at = i
	}
	if at < 0 && len(v.list.Objects) > 0 {
		at = 0
	}
	return at
}

// Offset is the current scroll offset.
func (v *DocView) Offset() float32 { return v.Scroll.Offset.Y }

// Show scrolls to loc: to its Offset when set (returning to a reading
// position), else to its Block, flashing it when loc.Highlight. Before the
// view is laid out the move waits for the first layout.
func (v *DocView) Show(loc Location) {
	if sz := v.Scroll.Size(); sz.Height < 60 || sz.Width < 120 {
		l := loc
		v.pending = &l
		return
	}
	v.pending = nil
	v.showing = true
	defer func() { v.showing = false }()
	switch {
	case loc.Offset > 0:
		v.Scroll.ScrollToOffset(fyne.NewPos(0, loc.Offset))
		if v.Scroll.Offset.Y < loc.Offset-1 {
			// Not laid out at full size yet (the offset was clamped): try
			// again on the next layout unless the reader scrolls first.
			l := loc
			v.pending = &l
		}
	case loc.Block >= 0 && loc.Block < len(v.list.Objects):
		v.Scroll.ScrollToOffset(fyne.NewPos(0, v.BlockY(loc.Block)-theme.Padding()))
	default:
		v.Scroll.ScrollToTop()
	}
	if loc.Highlight && loc.Block >= 0 && loc.Block < len(v.flashes) {
		v.Flash(loc.Block)
	}
	v.recordAnchor()
	if v.OnScrolled != nil {
		v.OnScrolled(v.BlockAt(v.Scroll.Offset.Y))
	}
}

// Flash briefly tints block i so the eye finds it after a jump.
func (v *DocView) Flash(i int) {
	v.lastFlash = i
	r := v.flashes[i]
	c := theme.Color(theme.ColorNameSelection)
	cr, cg, cb, _ := c.RGBA()
	base := color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8)}
	r.Show()
	a := fyne.NewAnimation(1600*time.Millisecond, func(f float32) {
		base.A = uint8(255 * (1 - f) * 0.9)
		r.FillColor = base
		if f >= 1 {
			r.Hide()
		}
		r.Refresh()
	})
	a.Curve = fyne.AnimationEaseIn
	a.Start()
}

// LastFlashed is the block most recently highlighted, -1 for none.
func (v *DocView) LastFlashed() int { return v.lastFlash }

func (v *DocView) laidOut(size fyne.Size) {
	// A window's first layouts can be at a token size; offsets measured
	// there mean nothing, so wait for a real one.
	if size.Height < 60 || size.Width < 120 {
		return
	}
	widthChanged := v.lastWidth != 0 && size.Width != v.lastWidth
	v.lastWidth = size.Width
	if v.pending != nil {
		v.Show(*v.pending)
		return
	}
	if widthChanged && v.anchorBlock >= 0 {
		v.relayout = true
		v.Scroll.ScrollToOffset(fyne.NewPos(0, v.BlockY(v.anchorBlock)+v.anchorDelta))
		v.relayout = false
	}
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

// ArticleView is the article with its outline, citation links, a side
// panel for references and discrepancy markers.
type ArticleView struct {
	ctx  *Context
	Docs *DocView

	outline     *widget.List
	syncing     bool
	section     int
	panel       *fyne.Container
	panelTitle  *widget.Label
	panelBody   *container.Scroll
	body        *fyne.Container
	root        fyne.CanvasObject
	split       *container.Split
	markerCount int
	// outlineHidden is set while a narrow window hides the outline for the panel.
	outlineHidden bool
	outlineOffset float64
}

// NewArticleView builds the article view. The pack is already parsed by
// the loader, so this only creates widgets.
func NewArticleView(ctx *Context) *ArticleView {
	a := &ArticleView{ctx: ctx, section: -1}
	d := ctx.Pack.Article
	if d == nil {
		d = &doc.Document{}
	}
	markers := a.discrepancyMarkers(d)
	a.Docs = NewDocView(d, RenderOptions{
		OnCite:  a.ShowCitation,
		OnLink:  ctx.OpenLink,
		Markers: markers,
	})
	a.Docs.OnScrolled = a.scrolled

	a.outline = widget.NewList(
		func() int { return len(d.Sections) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Section title")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := d.Sections[i]
			indent := ""
			if s.Level > 1 {
				indent = strings.Repeat("   ", s.Level-2)
			}
			l := o.(*widget.Label)
			l.TextStyle.Bold = s.Level == 1
			l.SetText(indent + s.Title)
		},
	)
	a.outline.OnSelected = func(i widget.ListItemID) {
		if a.syncing {
			return
		}
		a.ctx.Nav.Go(Location{View: ViewArticle, Block: d.Sections[i].Block, Highlight: false})
	}
	outlineTitle := widget.NewLabelWithStyle("Contents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	outlineBox := container.NewBorder(outlineTitle, nil, nil, nil, a.outline)

	a.panelTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.panelTitle.Truncation = fyne.TextTruncateEllipsis
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), a.ClosePanel)
	closeBtn.Importance = widget.LowImportance
	a.panelBody = container.NewVScroll(container.NewVBox())
	bg := newThemedRect(theme.ColorNameMenuBackground, fyne.Size{})
	a.panel = container.NewStack(bg, container.NewBorder(
		container.NewBorder(nil, widget.NewSeparator(), nil, closeBtn, a.panelTitle),
		nil, nil, nil, a.panelBody))
	a.panel.Hide()

	a.body = container.New(&sidePanelLayout{}, a.Docs.Object(), a.panel)
	a.split = container.NewHSplit(outlineBox, a.body)
	a.split.Offset = 0.24
	a.root = a.split
	return a
}

// Object implements View.
func (a *ArticleView) Object() fyne.CanvasObject { return a.root }

// Position implements View.
func (a *ArticleView) Position() Location {
	off := a.Docs.Offset()
	return Location{View: ViewArticle, Block: a.Docs.BlockAt(off), Offset: off}
}

// Reveal implements View.
func (a *ArticleView) Reveal(loc Location) { a.Docs.Show(loc) }

// MarkerCount is how many discrepancy markers the article shows.
func (a *ArticleView) MarkerCount() int { return a.markerCount }

// PanelOpen reports whether the reference side panel is showing.
func (a *ArticleView) PanelOpen() bool { return a.panel.Visible() }

// ClosePanel hides the side panel.
func (a *ArticleView) ClosePanel() {
	if a.outlineHidden {
		a.outlineHidden = false
		a.split.SetOffset(a.outlineOffset)
	}
	a.panel.Hide()
	a.body.Refresh()
}

func (a *ArticleView) openPanel(title string, content fyne.CanvasObject) {
	a.panelTitle.SetText(title)
	a.panelBody.Content = container.NewPadded(content)
	a.panelBody.Refresh()
	a.panelBody.ScrollToTop()
	// In a narrow window the outline gives way to the panel while it is open.
	if w := a.split.Size().Width; w > 0 && w < 760 && !a.outlineHidden {
		a.outlineHidden = true
		a.outlineOffset = a.split.Offset
		a.split.SetOffset(0)
	}
	a.panel.Show()
	a.body.Refresh()
}

// ShowCitation opens the side panel for a citation, keeping the reading position.
func (a *ArticleView) ShowCitation(c *doc.Citation) {
	a.openPanel("Reference", ReferenceDetails(a.ctx, c.Keys, c))
}

// ShowReferences opens the side panel for references named by id.
func (a *ArticleView) ShowReferences(ids []string) {
	a.openPanel("Reference", ReferenceDetails(a.ctx, ids, nil))
}

func (a *ArticleView) showDiscrepancy(st *pack.Study, d pack.Discrepancy) {
	box := container.NewVBox(DiscrepancyDetails(d), wrapped("Study: "+st.Label, widget.RichTextStyleStrong))
	if st.Ref != "" {
		box.Add(widget.NewButtonWithIcon("Show the reference", theme.InfoIcon(), func() { a.ShowReferences([]string{st.Ref}) }))
	}
	if a.ctx.HasView != nil && a.ctx.HasView(ViewStudies) {
		id := st.ID
		box.Add(widget.NewButtonWithIcon("Open the study", theme.NavigateNextIcon(), func() {
			a.ctx.Nav.Go(Location{View: ViewStudies, Block: -1, Study: id, Highlight: true})
		}))
	}
	a.openPanel("Editors' note", box)
}

// discrepancyMarkers places a marker for every study discrepancy whose
// anchor occurs in the article: in the block whose text holds it, or else
// in the block where its source line is.
func (a *ArticleView) discrepancyMarkers(d *doc.Document) map[int][]Marker {
	out := map[int][]Marker{}
	texts := make([]string, len(d.Blocks))
	for i, b := range d.Blocks {
		texts[i] = plainBlock(b)
	}
	src := a.ctx.Pack.Sources[pack.FileArticle]
	for si := range a.ctx.Pack.Studies {
		st := &a.ctx.Pack.Studies[si]
		for _, disc := range st.Discrepancies {
			if disc.Anchor == "" {
				continue
			}
			block := -1
			for i, t := range texts {
				if strings.Contains(t, disc.Anchor) {
					block = i
					break
				}
			}
			anchor := disc.Anchor
			if block < 0 {
				off := bytes.Index(src, []byte(disc.Anchor))
				if off < 0 {
					continue
				}
				line := 1 + bytes.Count(src[:off], []byte("\n"))
				for i, b := range d.Blocks {
					if b.Line <= line {
						block = i
					}
				}
				anchor = "" // not in the rendered text: mark the block's end
			}
			if block < 0 {
				continue
			}
			disc := disc
			out[block] = append(out[block], Marker{Anchor: anchor, Label: "differs from source",
				OnTapped: func() { a.showDiscrepancy(st, disc) }})
			a.markerCount++
		}
	}
	return out
}

func (a *ArticleView) scrolled(block int) {
	d := a.Docs.Doc
	if block < 0 || block >= len(d.Blocks) {
		return
	}
	sec := d.Blocks[block].Section
	if sec == a.section || sec < 0 {
		return
	}
	a.section = sec
	a.syncing = true
	a.outline.Select(sec)
	a.outline.ScrollTo(sec)
	a.syncing = false
}

// CurrentSection is the outline entry for where the reader is.
func (a *ArticleView) CurrentSection() int { return a.section }

// sidePanelLayout gives the panel (second object) a readable width on the
// right when it is visible and the rest to the document.
type sidePanelLayout struct{}

func (sidePanelLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	main, panel := objs[0], objs[1]
	w := size.Width
	if panel.Visible() {
		pw := size.Width * 0.45
		if pw < 260 {
			pw = 260
		}
		if pw > 400 {
			pw = 400
		}
		if pw > size.Width-120 {
			pw = size.Width - 120
		}
		w = size.Width - pw
		panel.Move(fyne.NewPos(w, 0))
		panel.Resize(fyne.NewSize(pw, size.Height))
	}
	main.Move(fyne.NewPos(0, 0))
	main.Resize(fyne.NewSize(w, size.Height))
}

func (sidePanelLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize()
}
