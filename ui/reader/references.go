package reader

import (
	"container/list"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
	"github.com/evidence-reader/evidence-reader/internal/studytable"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// ReferencesView lists every reference, filtered as you type, with copy
// buttons for four citation formats, DOI and PubMed links, and "cited in"
// back-links into the article.
//
// The list is a DocView over one card per reference the filter keeps, so
// only the cards in view are built and laid out: a keystroke in a pack
// of 100,000 references costs the matching and a screen of cards, and
// the whole list scrolls without paging.
type ReferencesView struct {
	p   *pack.Pack
	nav Navigator
	win fyne.Window
	// OpenURL opens a DOI or PubMed address; the shell sets it to its link policy.
	OpenURL URLOpener

	entry *widget.Entry
	count *widget.Label
	// none says that nothing matches the filter; hidden otherwise.
	none *widget.Label
	docs *DocView
	root fyne.CanvasObject
	// filter matches references; built with the view.
	index *search.RefIndex
	// cards are the built cards by pack index, the least recently shown
	// dropped past cardCacheSize.
	cards map[int]*refItem
	lru   *list.List
	// shown are the reference indexes the filter keeps (in pack order, or
	// best first for a fuzzy match); query is the filter they are for.
	shown  []int
	sorted bool
	query  string
	// shapes are the cards' height estimates by pack index, made when
	// first needed; cites and studied count what a card lists.
	shapes  []blockShape
	cites   map[string]int
	studied map[string]bool
	current string
}

// cardCacheSize bounds the built cards; more than the DocView keeps of
// its rows, so a card it still holds is never built twice.
const cardCacheSize = rowCacheSize + 64

// refItem is one reference's card; it is built when first shown.
type refItem struct {
	idx      int
	ref      *pack.Reference
	line     *widget.RichText
	bg       *canvas.Rectangle
	obj      fyne.CanvasObject
	copyAPA  *copyButton
	copyBib  *copyButton
	copyRIS  *copyButton
	copyCSL  *copyButton
	openDOI  *widget.Button
	openPM   *widget.Button
	citedIn  []*widget.Button
	studyBtn *widget.Button
	// query is the filter its line is highlighted for.
	query string
	shown bool
	el    *list.Element
}

// NewReferencesView builds the references view over p.
func NewReferencesView(p *pack.Pack, nav Navigator, win fyne.Window) *ReferencesView {
	v := &ReferencesView{p: p, nav: nav, win: win, cards: map[int]*refItem{}, lru: list.New(),
		index: search.NewRefIndex(p.References)}
	v.entry = widget.NewEntry()
	v.entry.SetPlaceHolder("Filter references: author, year, title, journal, DOI…")
	v.entry.OnChanged = v.filter
	v.count = widget.NewLabel("")
	v.none = widget.NewLabel("")
	v.none.Wrapping = fyne.TextWrapBreak
	v.none.Hide()
	v.docs = newRowView(v)
	top := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), v.count, v.entry)
	// The filter goes first among the children, so Tab reaches it before
	// the cards' buttons (NewBorder would put the cards first).
	head := container.NewVBox(container.NewPadded(top), v.none)
	v.root = container.New(layout.NewBorderLayout(head, nil, nil, nil), head, v.docs.Object())
	v.filter("")
	return v
}

// Object implements View.
func (v *ReferencesView) Object() fyne.CanvasObject { return v.root }

// Position implements View.
func (v *ReferencesView) Position() Location {
	pos := v.docs.Position(ViewReferences)
	return Location{View: ViewReferences, Block: -1, Ref: v.current, Offset: pos.Offset}
}

// Reveal implements View: scrolls to the reference and flashes it.
func (v *ReferencesView) Reveal(loc Location) {
	if loc.Ref == "" {
		if loc.Offset > 0 {
			v.docs.Show(Location{Block: -1, Offset: loc.Offset})
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
	at := v.position(idx)
	if at < 0 {
		// Filtered out: show every reference again.
		v.entry.SetText("")
		at = v.position(idx)
	}
	v.current = loc.Ref
	v.docs.Show(Location{Block: at, Highlight: loc.Highlight})
}

// position is where reference idx is in the filtered list, -1 if absent.
func (v *ReferencesView) position(idx int) int {
	if !v.sorted {
		return slices.Index(v.shown, idx)
	}
	i, ok := slices.BinarySearch(v.shown, idx)
	if !ok {
		return -1
	}
	return i
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
	v.showHits(q, v.index.Filter(q))
}

// showHits puts the references the filter kept on screen (make bench
// times it apart from the matching).
func (v *ReferencesView) showHits(q string, shown []int) {
	v.shown, v.query = shown, q
	v.sorted = slices.IsSorted(shown)
	v.docs.setRows(v)
	if strings.TrimSpace(q) == "" {
		v.count.SetText(v.p.Vocab().Count(len(v.p.References)) + " references")
	} else {
		v.count.SetText(v.p.Vocab().Count(len(shown)) + " of " + v.p.Vocab().Count(len(v.p.References)))
	}
	// An empty list under a filter is a blank page; say why, as the
	// search palette does.
	was := v.none.Visible()
	if len(shown) == 0 && strings.TrimSpace(q) != "" {
		v.none.SetText(fmt.Sprintf("No references match “%s”.", cutQuery(strings.TrimSpace(q))))
		v.none.Show()
	} else {
		v.none.Hide()
	}
	if was != v.none.Visible() {
		// The view's top grows or shrinks by the line: lay it out again.
		v.root.Refresh()
	}
}

// NoMatch is the line shown when the filter keeps nothing, "" when it is
// hidden (for tests).
func (v *ReferencesView) NoMatch() string {
	if !v.none.Visible() {
		return ""
	}
	return v.none.Text
}

// cutQuery shortens a long filter for a message: a pasted page would
// otherwise fill the view.
func cutQuery(q string) string {
	const most = 80
	if utf8.RuneCountInString(q) <= most {
		return q
	}
	return string([]rune(q)[:most]) + "…"
}

// rowCount, renderRow and rowShape make the view the DocView's rows.
func (v *ReferencesView) rowCount() int { return len(v.shown) }

func (v *ReferencesView) renderRow(i int) fyne.CanvasObject {
	it := v.card(v.shown[i])
	if it.query != v.query || !it.shown {
		h := v.index.Highlight(it.idx, v.query)
		base := widget.RichTextStyleStrong
		base.SizeName = theme.SizeNameSubHeadingText
		it.line.Segments = highlightSegments(h.Line, h.Ranges, base)
		it.line.Refresh()
		it.query, it.shown = v.query, true
	}
	return it.obj
}

// rowLabel is the reference's line as the list shows it.
func (v *ReferencesView) rowLabel(i int) string {
	return v.index.Highlight(v.shown[i], "").Line
}

func (v *ReferencesView) rowShape(i int) blockShape {
	idx := v.shown[i]
	if v.shapes == nil {
		v.shapes = make([]blockShape, len(v.p.References))
		v.cites, v.studied = map[string]int{}, map[string]bool{}
		if v.p.Article != nil {
			for _, c := range v.p.Article.Citations {
				for _, k := range c.Keys {
					v.cites[k]++
				}
			}
		}
		for _, s := range v.p.Studies {
			v.studied[s.Ref] = true
		}
	}
	if v.shapes[idx].runes == 0 {
		v.shapes[idx] = v.cardShape(&v.p.References[idx])
	}
	return v.shapes[idx]
}

// cardShape guesses a card's height as text: its line (a larger font,
// counted half again) and citation, and a line break for each row of
// buttons (twice a text line tall) and note, without formatting anything.
func (v *ReferencesView) cardShape(r *pack.Reference) blockShape {
	runes := 3*utf8.RuneCountInString(r.Title) + 2*utf8.RuneCountInString(r.ContainerTitle) + 40*len(r.Author) + 60
	breaks := 2 + 2 + 1 // padding, the copy buttons, "cited in" or "not cited"
	breaks += 2 * v.cites[r.ID]
	if v.studied[r.ID] {
		breaks += 2
	}
	if r.Note != "" {
		breaks++
		runes += utf8.RuneCountInString(r.Note)
	}
	return blockShape{kind: doc.Paragraph, runes: int32(runes), breaks: int32(breaks)}
}

// card returns reference idx's card, building it when needed.
func (v *ReferencesView) card(idx int) *refItem {
	if it := v.cards[idx]; it != nil {
		v.lru.MoveToFront(it.el)
		return it
	}
	it := v.buildItem(&v.p.References[idx])
	it.idx = idx
	it.el = v.lru.PushFront(it)
	v.cards[idx] = it
	for e := v.lru.Back(); v.lru.Len() > cardCacheSize && e != nil; {
		prev := e.Prev()
		old := e.Value.(*refItem)
		if !v.onScreen(old.idx) {
			v.lru.Remove(e)
			delete(v.cards, old.idx)
		}
		e = prev
	}
	return it
}

// onScreen reports whether reference idx's card is in the DocView now.
func (v *ReferencesView) onScreen(idx int) bool {
	at := v.position(idx)
	return at >= 0 && v.docs.rows[at] != nil
}

// Card is the card of the reference with this id when it has been built
// and is in the filtered list (for tests), else nil.
func (v *ReferencesView) Card(id string) fyne.CanvasObject {
	for _, it := range v.cards {
		if it.ref.ID == id && v.position(it.idx) >= 0 {
			return it.obj
		}
	}
	return nil
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

	copyBtn := func(label string, text func() (string, error)) *copyButton {
		return newCopyButton(label, func() {
			if s, err := text(); err == nil && s != "" {
				copyText(v.win, s)
			}
		})
	}
	it.copyAPA = copyBtn("APA", func() (string, error) { return cite.APA(*r), nil })
	it.copyBib = copyBtn("BibTeX", func() (string, error) { return cite.BibTeX(*r), nil })
	it.copyRIS = copyBtn("RIS", func() (string, error) { return cite.RIS(*r), nil })
	it.copyCSL = copyBtn("CSL-JSON", func() (string, error) { return cite.CSLJSON(*r) })
	buttons := container.New(widgets.NewFlowLayout(), quietLabel("Copy as"), it.copyAPA, it.copyBib, it.copyRIS, it.copyCSL)
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
	it.obj = container.NewStack(it.bg, container.NewPadded(box))
	return it
}

// copiedText is what a copy button says for a moment after a copy.
const copiedText = "Copied"

// copyButton copies a citation format. For a moment after a copy it says
// "Copied" with a tick instead of the format's name; it is always as wide
// as the wider of the two, so the confirmation does not push the buttons
// beside it along the row.
type copyButton struct {
	widget.Button
	label string
}

func newCopyButton(label string, copyIt func()) *copyButton {
	b := &copyButton{label: label}
	b.Text, b.Icon = label, theme.ContentCopyIcon()
	b.OnTapped = func() {
		copyIt()
		if b.Text == copiedText {
			return // a second tap while it says so: the reset is pending
		}
		b.Text, b.Icon = copiedText, theme.ConfirmIcon()
		b.Refresh()
		AfterDelay(1200*time.Millisecond, func() {
			b.Text, b.Icon = b.label, theme.ContentCopyIcon()
			b.Refresh()
		})
	}
	b.ExtendBaseWidget(b)
	return b
}

// MinSize implements fyne.Widget: the button's size for whichever of its
// two texts is wider.
func (b *copyButton) MinSize() fyne.Size {
	m := b.Button.MinSize()
	style := widget.RichTextStyleStrong.TextStyle
	size := theme.TextSize()
	wide := max(fyne.MeasureText(b.label, size, style).Width, fyne.MeasureText(copiedText, size, style).Width)
	if now := fyne.MeasureText(b.Text, size, style).Width; wide > now {
		m.Width += wide - now
	}
	return m
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
