package reader

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
)

// searchDebounce is how long typing must pause before a search starts.
const searchDebounce = 80 * time.Millisecond

// SearchPalette is the "search everywhere" dialog (Ctrl+K): an entry over
// grouped results. Searches run off the UI goroutine; results a newer
// keystroke has overtaken are dropped by generation number.
type SearchPalette struct {
	p        *pack.Pack
	nav      Navigator
	win      fyne.Window
	searcher *search.Searcher

	entry  *paletteEntry
	list   *widget.List
	status *widget.Label
	pop    *widget.PopUp

	rows []paletteRow
	// sizing hides the rows from the list while their heights are set:
	// Fyne re-lays out every visible row for each height that changes, so
	// a broad query (every entry with a word starting "a") cost a second
	// of re-shaping truncated text before its results appeared.
	sizing bool
	// sel is the highlighted row, -1 for none; listSel is the row the
	// list has selected (-1 for none), which it keeps across new results.
	sel     int
	listSel int
	selfSel bool
	// snipRunes and titleRunes are how much of a text and a title a row
	// shows (fitRunes).
	snipRunes, titleRunes int

	mu    sync.Mutex
	gen   uint64
	timer *time.Timer

	// deliver hands a finished search to the UI goroutine; tests replace
	// it to receive results deterministically.
	deliver func(func())
	// applied is the generation of the results on screen.
	applied uint64
	// rowUpdates counts updateRow calls, for the test that keeps applying
	// results linear in the rows shown.
	rowUpdates int
}

// paletteRow is a group heading or one hit.
type paletteRow struct {
	header bool
	kind   search.Kind
	total  int
	hit    search.Hit
}

// shownText is the snippet text a hit row shows, "" for none.
func (r paletteRow) shownText() string {
	t, _ := r.hit.Entry.ShownText(nil)
	return t
}

// ShowSearch opens the search palette over win and focuses its entry.
func ShowSearch(p *pack.Pack, ix *search.Index, nav Navigator, win fyne.Window) *SearchPalette {
	s := NewSearchPalette(p, ix, nav, win)
	s.Show()
	return s
}

// NewSearchPalette builds the palette without showing it.
func NewSearchPalette(p *pack.Pack, ix *search.Index, nav Navigator, win fyne.Window) *SearchPalette {
	s := &SearchPalette{p: p, nav: nav, win: win, searcher: search.NewSearcher(ix), sel: -1, listSel: -1, snipRunes: 200, titleRunes: 200, deliver: fyne.Do}
	s.entry = newPaletteEntry(s)
	s.entry.SetPlaceHolder("Search sections, paragraphs, studies, limitations, guidance, references…")
	s.entry.OnChanged = s.query
	s.status = widget.NewLabel("Type to search the whole pack. Up and Down to move, Enter to open, Esc to close.")
	s.status.TextStyle.Italic = true
	s.list = widget.NewList(
		func() int {
			if s.sizing {
				return 0
			}
			return len(s.rows)
		},
		func() fyne.CanvasObject {
			title := widget.NewRichText()
			// Rows are cut to fit by fitLine: Fyne's ellipsis truncation
			// builds a shaping plan for the ellipsis every time it runs.
			snip := widget.NewRichText()
			return container.NewVBox(title, snip)
		},
		s.updateRow,
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		if s.selfSel {
			return
		}
		s.sel = id
		s.Activate()
	}
	return s
}

// Show opens the palette as a modal pop-up sized to the window.
func (s *SearchPalette) Show() {
	content := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, s.entry), s.status),
		nil, nil, nil, s.list)
	s.pop = widget.NewModalPopUp(content, s.win.Canvas())
	size := s.win.Canvas().Size()
	w, h := size.Width-48, size.Height-64
	if w > 760 {
		w = 760
	}
	if h > 560 {
		h = 560
	}
	s.pop.Resize(fyne.NewSize(w, h))
	s.pop.Show()
	s.win.Canvas().Focus(s.entry)
}

// Hide closes the palette.
func (s *SearchPalette) Hide() {
	if s.pop != nil {
		s.pop.Hide()
	}
}

// Visible reports whether the palette is open.
func (s *SearchPalette) Visible() bool { return s.pop != nil && s.pop.Visible() }

// query starts a debounced search for q off the UI goroutine.
func (s *SearchPalette) query(q string) {
	s.mu.Lock()
	s.gen++
	gen := s.gen
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(searchDebounce, func() {
		res := s.searcher.Search(gen, q)
		s.deliver(func() { s.apply(res) })
	})
	s.mu.Unlock()
}

// SetQueryNow types q and shows its results at once, on the calling (UI)
// goroutine: for screenshots and scripted use, where waiting is pointless.
func (s *SearchPalette) SetQueryNow(q string) {
	s.entry.SetText(q)
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
	}
	gen := s.gen
	s.mu.Unlock()
	s.apply(s.searcher.Search(gen, q))
}

// apply shows results unless a newer query has been typed since.
func (s *SearchPalette) apply(res search.Results) {
	s.mu.Lock()
	latest := s.gen
	s.mu.Unlock()
	if res.Gen != latest || s.searcher.Stale(res.Gen) {
		return
	}
	s.applied = res.Gen
	s.rows = s.rows[:0]
	for _, g := range res.Groups {
		s.rows = append(s.rows, paletteRow{header: true, kind: g.Kind, total: g.Total})
		for _, h := range g.Hits {
			s.rows = append(s.rows, paletteRow{kind: g.Kind, hit: h})
		}
	}
	switch {
	case res.Query == "":
		s.status.SetText("Type to search the whole pack. Up and Down to move, Enter to open, Esc to close.")
	case res.Count() == 0:
		s.status.SetText(fmt.Sprintf("Nothing matches “%s”.", res.Query))
	case res.Count() == 1:
		s.status.SetText("1 result. Up and Down to move, Enter to open, Esc to close.")
	default:
		s.status.SetText(fmt.Sprintf("%s results. Up and Down to move, Enter to open, Esc to close.", s.p.Vocab().Count(res.Count())))
	}
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	s.sizing = true
	for i, r := range s.rows {
		if r.header || r.shownText() == "" {
			s.list.SetItemHeight(i, line+theme.InnerPadding()*2)
		} else {
			s.list.SetItemHeight(i, line*2+theme.InnerPadding()*4)
		}
	}
	s.sizing = false
	s.snipRunes = s.fitRunes(theme.CaptionTextSize())
	s.titleRunes = s.fitRunes(theme.TextSize())
	s.sel = -1
	first := -1
	for i, r := range s.rows {
		if !r.header {
			first = i
			break
		}
	}
	if first < 0 {
		s.listSel = -1
		s.list.UnselectAll()
		s.list.Refresh()
		return
	}
	// One refresh fills the rows: Select scrolls to the row and redraws
	// the list, but does nothing when the row is already selected.
	s.selfSel = true
	if s.listSel == first {
		s.list.ScrollTo(first)
	} else {
		s.list.Select(first)
	}
	s.selfSel = false
	s.sel, s.listSel = first, first
}

// fitRunes is how many runes of a hit's text (at text size size) the
// palette shows: a little more than fits on the row, so the ellipsis
// still marks the cut while the row shapes far less text than the whole
// paragraph.
func (s *SearchPalette) fitRunes(size float32) int {
	const sample = "the quick brown fox jumps over a lazy dog "
	w := fyne.MeasureText(sample, size, fyne.TextStyle{}).Width / float32(len(sample))
	n := 200
	if width := s.list.Size().Width; w > 0 && width > 0 {
		n = min(n, int(width/w*1.25)+8)
	}
	return max(n, 40)
}

// Rows describes the rows on screen, "# Kind" for headings and the hit's
// title otherwise (for tests).
func (s *SearchPalette) Rows() []string {
	var out []string
	for _, r := range s.rows {
		if r.header {
			out = append(out, "# "+r.kind.String())
		} else {
			out = append(out, r.hit.Entry.Title)
		}
	}
	return out
}

// Selected is the highlighted row, -1 for none.
func (s *SearchPalette) Selected() int { return s.sel }

// move highlights the next (dir 1) or previous (dir -1) hit, skipping headings.
func (s *SearchPalette) move(dir int) {
	i := s.sel
	for {
		i += dir
		if i < 0 || i >= len(s.rows) {
			return
		}
		if !s.rows[i].header {
			break
		}
	}
	s.sel, s.listSel = i, i
	s.selfSel = true
	// Select scrolls the row into view.
	s.list.Select(i)
	s.selfSel = false
}

// Activate jumps to the highlighted hit and closes the palette.
func (s *SearchPalette) Activate() {
	if s.sel < 0 || s.sel >= len(s.rows) || s.rows[s.sel].header {
		return
	}
	loc := targetLocation(s.rows[s.sel].hit.Entry.Target)
	s.Hide()
	s.nav.Go(loc)
}

// targetLocation turns a search target into a Location that highlights it.
func targetLocation(t search.Target) Location {
	loc := Location{Block: t.Block, Highlight: true}
	switch t.Place {
	case search.PlaceArticle:
		loc.View = ViewArticle
	case search.PlaceLimitations:
		loc.View = ViewLimitations
	case search.PlaceGuidance:
		loc.View = ViewGuidance
	case search.PlaceStudies:
		loc.View, loc.Study = ViewStudies, t.ID
	case search.PlaceReferences:
		loc.View, loc.Ref = ViewReferences, t.ID
	}
	return loc
}

func (s *SearchPalette) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	s.rowUpdates++
	if id >= len(s.rows) {
		return
	}
	box := o.(*fyne.Container)
	title := box.Objects[0].(*widget.RichText)
	snip := box.Objects[1].(*widget.RichText)
	r := s.rows[id]
	if r.header {
		st := widget.RichTextStyleStrong
		st.ColorName = theme.ColorNamePrimary
		text := r.kind.String()
		if n := len(searchHitsOf(s.rows, id)); r.total > n {
			text = fmt.Sprintf("%s · %d of %s", text, n, s.p.Vocab().Count(r.total))
		} else {
			text = fmt.Sprintf("%s · %d", text, r.total)
		}
		title.Segments = fitLine(text, nil, st, s.rowWidth())
		title.Refresh()
		snip.Hide()
		relayout(box)
		return
	}
	// A title is cut like a snippet, to a little more than fits, then to
	// what fits.
	tt, tr := snippet(r.hit.Entry.Title, r.hit.Title, s.titleRunes/2, s.titleRunes)
	title.Segments = fitLine(tt, tr, widget.RichTextStyleInline, s.rowWidth())
	title.Refresh()
	// A study's id finds it but is not shown: its label is the title.
	shown, shownRanges := r.hit.Entry.ShownText(r.hit.Text)
	text, ranges := snippet(shown, shownRanges, min(50, s.snipRunes/3), s.snipRunes)
	if text == "" {
		snip.Hide()
		relayout(box)
		return
	}
	base := widget.RichTextStyleInline
	base.SizeName = theme.SizeNameCaptionText
	snip.Segments = fitLine(text, ranges, base, s.rowWidth())
	snip.Refresh()
	snip.Show()
	// The row's heights follow its new text (a caption-size snippet is
	// shorter than the template's empty line), without refreshing its
	// widgets a second time.
	relayout(box)
}

// searchHitsOf returns the hit rows under the heading at i.
func searchHitsOf(rows []paletteRow, i int) []paletteRow {
	j := i + 1
	for j < len(rows) && !rows[j].header {
		j++
	}
	return rows[i+1 : j]
}

// snippet cuts a window of text around the first highlight: up to before
// runes ahead of it and max runes in all, with ellipses where cut, and
// shifts the rune ranges to match.
func snippet(text string, ranges []search.Range, before, max int) (string, []search.Range) {
	r := []rune(text)
	start := 0
	if len(ranges) > 0 && ranges[0].Start > before {
		start = ranges[0].Start - before
	}
	end := start + max
	if end > len(r) {
		end = len(r)
	}
	out := string(r[start:end])
	shift := -start
	if start > 0 {
		out = "…" + out
		shift++
	}
	if end < len(r) {
		out += "…"
	}
	var rs []search.Range
	for _, g := range ranges {
		if g.End <= start || g.Start >= end {
			continue
		}
		a, b := g.Start, g.End
		if a < start {
			a = start
		}
		if b > end {
			b = end
		}
		rs = append(rs, search.Range{Start: a + shift, End: b + shift})
	}
	return out, rs
}

// paletteEntry is the palette's entry: arrows move through the results,
// Enter opens one and Escape closes the palette.
type paletteEntry struct {
	widget.Entry
	s *SearchPalette
}

func newPaletteEntry(s *SearchPalette) *paletteEntry {
	e := &paletteEntry{s: s}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles navigation keys before the entry sees them.
func (e *paletteEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.s.move(1)
	case fyne.KeyUp:
		e.s.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		e.s.Activate()
	case fyne.KeyEscape:
		e.s.Hide()
	default:
		e.Entry.TypedKey(k)
	}
}

// rowWidth is the width a row's text may take.
func (s *SearchPalette) rowWidth() float32 {
	return s.list.Size().Width - 2*theme.InnerPadding() - theme.Padding()
}

// fitLine is text highlighted at ranges, cut with an ellipsis to fit width
// (when width is known). It measures the cut line once or twice instead of
// the whole-text search Fyne's truncation makes.
func fitLine(text string, ranges []search.Range, base widget.RichTextStyle, width float32) []widget.RichTextSegment {
	segs := highlightSegments(text, ranges, base)
	if width <= 0 {
		return segs
	}
	runes := []rune(text)
	n := len(runes)
	for range 6 {
		w := segmentsWidth(segs)
		if w <= width || n <= 1 {
			return segs
		}
		n = min(n-1, int(float32(n)*width/w))
		cut := string(runes[:n]) + "…"
		var rs []search.Range
		for _, r := range ranges {
			if r.Start < n {
				rs = append(rs, search.Range{Start: r.Start, End: min(r.End, n)})
			}
		}
		segs = highlightSegments(cut, rs, base)
	}
	return segs
}

// segmentsWidth is the width of text segments laid side by side.
func segmentsWidth(segs []widget.RichTextSegment) float32 {
	var w float32
	for _, sg := range segs {
		if t, ok := sg.(*widget.TextSegment); ok {
			size := theme.TextSize()
			if t.Style.SizeName != "" {
				size = theme.Size(t.Style.SizeName)
			}
			w += fyne.MeasureText(t.Text, size, t.Style.TextStyle).Width
		}
	}
	return w
}

// relayout lays a row out again for its new content without refreshing
// its widgets once more (they were just refreshed).
func relayout(box *fyne.Container) {
	box.Layout.Layout(box.Objects, box.Size())
}
