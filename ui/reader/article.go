package reader

import (
	"bytes"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

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
		OnCite:    a.ShowCitation,
		OnLink:    ctx.OpenLink,
		Markers:   markers,
		CiteLabel: func(c *doc.Citation) string { return CitationLabel(ctx.Pack, c) },
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
			// The list refreshes every row when the reader's section
			// changes; setting the same text again would truncate it again.
			if bold, text := s.Level == 1, indent+s.Title; l.TextStyle.Bold != bold || l.Text != text {
				l.TextStyle.Bold = bold
				l.SetText(text)
			}
		},
	)
	// Like the sidebar, without rules: a contents list reads as one
	// column, and the rules cost a draw call each in every frame.
	a.outline.HideSeparators = true
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
	bg := widgets.NewThemedRect(theme.ColorNameMenuBackground, fyne.Size{})
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
	return a.Docs.Position(ViewArticle)
}

// Reveal implements View.
func (a *ArticleView) Reveal(loc Location) { a.Docs.Show(loc) }

// MarkerCount is how many discrepancy markers the article shows.
func (a *ArticleView) MarkerCount() int { return a.markerCount }

// PanelOpen reports whether the reference side panel is showing.
func (a *ArticleView) PanelOpen() bool { return a.panel.Visible() }

// Panel is the reference side panel, hidden until a citation or marker
// (or the shell) opens it. The shell's tests read and tap what it shows.
func (a *ArticleView) Panel() fyne.CanvasObject { return a.panel }

// Outline is the contents list beside the article; selecting a row jumps
// to its section.
func (a *ArticleView) Outline() *widget.List { return a.outline }

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
	box := container.NewVBox(DiscrepancyDetails(d), widgets.Wrapped("Study: "+st.Label, widget.RichTextStyleStrong))
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
	// The blocks' text is built only if some discrepancy has an anchor.
	var texts []string
	blockTexts := func() []string {
		if texts == nil {
			texts = make([]string, len(d.Blocks))
			for i, b := range d.Blocks {
				texts[i] = plainBlock(b)
			}
		}
		return texts
	}
	src := a.ctx.Pack.Sources[pack.FileArticle]
	for si := range a.ctx.Pack.Studies {
		st := &a.ctx.Pack.Studies[si]
		for _, disc := range st.Discrepancies {
			if disc.Anchor == "" {
				continue
			}
			block := -1
			for i, t := range blockTexts() {
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
