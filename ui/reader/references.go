package reader

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
)

// ReferencesView lists every reference, filtered as you type, with copy
// buttons for four citation formats, DOI and PubMed links, and "cited in"
// back-links into the article.
type ReferencesView struct {
	p   *pack.Pack
	nav Navigator
	win fyne.Window
	// OpenURL opens a DOI or PubMed address; the shell sets it to its link policy.
	OpenURL URLOpener

	entry  *widget.Entry
	count  *widget.Label
	list   *fyne.Container
	scroll *container.Scroll
	root   fyne.CanvasObject
	// items are the reference cards by pack index, built on first show:
	// a pack with 10,000 references would otherwise build 10,000 cards
	// (a minute of start-up on a 2-core machine) before the first frame.
	items []*refItem
	// shown are the reference indexes the filter keeps, in pack order.
	shown []int
	// limit is how many of shown are on screen; more grows it by refPage.
	limit   int
	hits    map[int]search.RefHit
	more    *widget.Button
	current string
}

// refPage is how many reference cards are added at a time.
const refPage = 100

// refItem is one reference's card; it is built once and shown or hidden.
type refItem struct {
	ref      *pack.Reference
	line     *widget.RichText
	bg       *canvas.Rectangle
	obj      fyne.CanvasObject
	copyAPA  *widget.Button
	copyBib  *widget.Button
	copyRIS  *widget.Button
	copyCSL  *widget.Button
	openDOI  *widget.Button
	openPM   *widget.Button
	citedIn  []*widget.Button
	studyBtn *widget.Button
}

// NewReferencesView builds the references view over p.
func NewReferencesView(p *pack.Pack, nav Navigator, win fyne.Window) *ReferencesView {
	v := &ReferencesView{p: p, nav: nav, win: win}
	v.entry = widget.NewEntry()
	v.entry.SetPlaceHolder("Filter references: author, year, title, journal, DOI…")
	v.entry.OnChanged = v.filter
	v.count = widget.NewLabel("")
	v.items = make([]*refItem, len(p.References))
	v.limit = refPage
	v.more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() {
		v.limit += refPage
		v.render()
	})
	v.more.Importance = widget.LowImportance
	v.list = container.NewVBox()
	v.scroll = container.NewVScroll(container.NewPadded(v.list))
	top := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), v.count, v.entry)
	v.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, v.scroll)
	v.filter("")
	return v
}

// Object implements View.
func (v *ReferencesView) Object() fyne.CanvasObject { return v.root }

// Position implements View.
func (v *ReferencesView) Position() Location {
	return Location{View: ViewReferences, Block: -1, Ref: v.current, Offset: v.scroll.Offset.Y}
}

// Reveal implements View: scrolls to the reference and flashes it.
func (v *ReferencesView) Reveal(loc Location) {
	if loc.Ref == "" {
		if loc.Offset > 0 {
			v.scroll.ScrollToOffset(fyne.NewPos(0, loc.Offset))
		}
		return
	}
	idx := -1
	for i := range v.p.References {
		if v.p.References[i].ID == loc.Ref {
			idx = i
		}
	}
	if idx < 0 {
		return
	}
	if it := v.items[idx]; it == nil || !it.obj.Visible() {
		v.entry.SetText("")
	}
	for pos, i := range v.shown {
		if i == idx && pos >= v.limit {
			v.limit = (pos/refPage + 1) * refPage
			v.render()
		}
	}
	v.current = loc.Ref
	v.list.Refresh()
	y := v.items[idx].obj.Position().Y
	v.scroll.ScrollToOffset(fyne.NewPos(0, y))
	if loc.Highlight {
		it := v.items[idx]
		it.bg.FillColor = tintFlash
		it.bg.Refresh()
		AfterDelay(1500*time.Millisecond, func() {
			it.bg.FillColor = alpha(theme.Color(theme.ColorNameForeground), 0x0a)
			it.bg.Refresh()
		})
	}
}

// Shown returns the ids of the references the filter keeps, in order.
func (v *ReferencesView) Shown() []string {
	var out []string
	for _, i := range v.shown {
		out = append(out, v.p.References[i].ID)
	}
	return out
}

// SetQuery types a filter (as the entry does).
func (v *ReferencesView) SetQuery(q string) { v.entry.SetText(q) }

func (v *ReferencesView) filter(q string) {
	hits := search.FilterReferences(v.p.References, q)
	keep := map[int]search.RefHit{}
	v.shown = v.shown[:0]
	for _, h := range hits {
		keep[h.Index] = h
		v.shown = append(v.shown, h.Index)
	}
	v.hits = keep
	v.limit = refPage
	v.render()
	if strings.TrimSpace(q) == "" {
		v.count.SetText(v.p.Vocab().Count(len(v.items)) + " references")
	} else {
		v.count.SetText(v.p.Vocab().Count(len(hits)) + " of " + v.p.Vocab().Count(len(v.items)))
	}
}

// render puts the first limit filtered cards in the list, building the
// ones not built yet, and hides every other built card.
func (v *ReferencesView) render() {
	n := min(len(v.shown), v.limit)
	objs := make([]fyne.CanvasObject, 0, n+1)
	on := make(map[int]bool, n)
	base := widget.RichTextStyleStrong
	base.SizeName = theme.SizeNameSubHeadingText
	for _, i := range v.shown[:n] {
		it := v.items[i]
		if it == nil {
			it = v.buildItem(&v.p.References[i])
			v.items[i] = it
		}
		h := v.hits[i]
		it.line.Segments = highlightSegments(h.Line, h.Ranges, base)
		it.line.Refresh()
		it.obj.Show()
		on[i] = true
		objs = append(objs, it.obj)
	}
	for i, it := range v.items {
		if it != nil && !on[i] {
			it.obj.Hide()
		}
	}
	if rest := len(v.shown) - n; rest > 0 {
		v.more.SetText(fmt.Sprintf("Show %d more of %d", min(rest, refPage), rest))
		objs = append(objs, v.more)
	}
	v.list.Objects = objs
	v.list.Refresh()
}

func (v *ReferencesView) openURL(raw string) { openWith(v.OpenURL, v.win, raw) }

func (v *ReferencesView) buildItem(r *pack.Reference) *refItem {
	it := &refItem{ref: r}
	it.line = widget.NewRichText()
	it.line.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(it.line)

	apa := referenceText(r)
	if ap := strings.TrimSpace(r.Custom.AsPrinted); ap != "" && !sameText(ap, cite.APA(*r)) {
		box.Add(container.NewGridWithColumns(2,
			container.NewVBox(keyLabel("Verified (APA 7)"), apa),
			container.NewVBox(keyLabel("As printed in the article"), para(ap)),
		))
	} else {
		box.Add(apa)
	}
	if r.Note != "" {
		box.Add(hintLabel("Note: " + r.Note))
	}

	copyBtn := func(label, format string, text func() (string, error)) *widget.Button {
		b := widget.NewButtonWithIcon(label, theme.ContentCopyIcon(), nil)
		b.OnTapped = func() {
			s, err := text()
			if err != nil {
				s = ""
			}
			if s == "" {
				return
			}
			copyText(v.win, s)
			b.SetText("Copied " + format)
			AfterDelay(1200*time.Millisecond, func() { b.SetText(label) })
		}
		return b
	}
	it.copyAPA = copyBtn("APA", "APA", func() (string, error) { return cite.APA(*r), nil })
	it.copyBib = copyBtn("BibTeX", "BibTeX", func() (string, error) { return cite.BibTeX(*r), nil })
	it.copyRIS = copyBtn("RIS", "RIS", func() (string, error) { return cite.RIS(*r), nil })
	it.copyCSL = copyBtn("CSL-JSON", "CSL-JSON", func() (string, error) { return cite.CSLJSON(*r) })
	buttons := container.New(layout.NewRowWrapLayout(), quietLabel("Copy as"), it.copyAPA, it.copyBib, it.copyRIS, it.copyCSL)
	if u := cite.DOIURL(*r); u != "" {
		it.openDOI = widget.NewButtonWithIcon("DOI", theme.ComputerIcon(), func() { v.openURL(u) })
		buttons.Add(it.openDOI)
	}
	if u := cite.PubMedURL(*r); u != "" {
		it.openPM = widget.NewButtonWithIcon("PubMed", theme.ComputerIcon(), func() { v.openURL(u) })
		buttons.Add(it.openPM)
	}
	box.Add(buttons)

	if st, ok := v.p.StudyForRef(r.ID); ok {
		id := st.ID
		voc := v.p.Vocab()
		it.studyBtn = widget.NewButtonWithIcon(fmt.Sprintf("Study: %s · %s · %s", studytable.Cell(voc, st, studytable.ColStudy),
			voc.Outcome(st.Outcome).Label, voc.VerdictLabel(st.Verdict)), theme.NavigateNextIcon(), func() {
			v.nav.Go(Location{View: ViewStudies, Block: -1, Study: id, Highlight: true})
		})
		it.studyBtn.Importance = widget.LowImportance
		it.studyBtn.Alignment = widget.ButtonAlignLeading
		box.Add(it.studyBtn)
	}
	cs := v.p.CitationsOf(r.ID)
	if len(cs) == 0 {
		box.Add(quietLabel("Not cited in the article"))
	} else {
		box.Add(quietLabel("Cited in the article:"))
		for _, c := range cs {
			block := c.Block
			b := widget.NewButtonWithIcon(citationLabel(v.p.Article, c), theme.NavigateNextIcon(), func() {
				v.nav.Go(Location{View: ViewArticle, Block: block, Highlight: true})
			})
			b.Importance = widget.LowImportance
			b.Alignment = widget.ButtonAlignLeading
			it.citedIn = append(it.citedIn, b)
			box.Add(b)
		}
	}
	it.bg = canvas.NewRectangle(alpha(theme.Color(theme.ColorNameForeground), 0x0a))
	it.bg.CornerRadius = theme.InputRadiusSize() * 2
	it.obj = container.NewVBox(
		container.NewStack(it.bg, container.NewPadded(box)),
		layout.NewSpacer(),
	)
	return it
}

// sameText compares two renderings of a reference, ignoring spacing and
// the dash style, so only real differences show the printed version.
func sameText(a, b string) bool {
	norm := func(s string) string {
		s = strings.NewReplacer("–", "-", "—", "-").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	return norm(a) == norm(b)
}
