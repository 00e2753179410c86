package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/shelf"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// ShelfView is the library page (File → Library, Ctrl+L): every pack on
// the shelf with its title, version, review state, how far the reader got
// and where it comes from, and Open, Add to library, Remove from shelf and,
// for a pack whose folder or file is gone, Locate…. It is keyboard first:
// the list has focus, ↑ ↓ Home End Page Up/Down choose, Enter opens (or
// locates a missing pack), Delete removes from the shelf, Esc goes back
// to the open pack. A double click opens too. The shell fills it from
// internal/shelf and acts on the callbacks.
type ShelfView struct {
	// OnOpen opens an entry; OnLocate asks where a missing one went.
	OnOpen, OnLocate func(shelf.Entry)
	// OnRemove takes an entry off the shelf; OnAddToLibrary copies an
	// .evpack into the app's library folder.
	OnRemove, OnAddToLibrary func(shelf.Entry)
	// OnOpenPack and OnOpenFolder are File → Open pack… and Open pack folder….
	OnOpenPack, OnOpenFolder func()
	// OnKey gets the keys the page does not use (F1, say).
	OnKey func(*fyne.KeyEvent)
	// Now is the clock for the overdue badge.
	Now func() time.Time

	items    []shelfItem
	current  string
	selected int
	// missing is what the shell found out of each entry's folder or
	// file (SetMissing), by key; an entry not in it shows as there.
	missing map[string]bool

	list                      *shelfList
	root                      fyne.CanvasObject
	back                      *widgets.IconButton
	onBack                    func()
	open, add, remove, locate *widget.Button
	status                    *widget.Label
}

// shelfItem is an entry as the page shows it.
type shelfItem struct {
	shelf.Entry
	missing bool
}

// NewShelfView builds the page; SetEntries fills it.
func NewShelfView() *ShelfView {
	v := &ShelfView{Now: time.Now, selected: -1}
	title := widget.NewLabelWithStyle("Library", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	hint := widget.NewLabel("Every pack you have opened. The arrow keys choose, Enter opens, Delete takes a pack off the shelf (its files stay where they are, but a copy in the library is deleted, after asking). Drop a pack folder or an .evpack file on the window to open it.")
	hint.Wrapping = fyne.TextWrapWord
	openPack := widget.NewButtonWithIcon("Open pack…", theme.FileIcon(), func() {
		if v.OnOpenPack != nil {
			v.OnOpenPack()
		}
	})
	openFolder := widget.NewButtonWithIcon("Open pack folder…", theme.FolderOpenIcon(), func() {
		if v.OnOpenFolder != nil {
			v.OnOpenFolder()
		}
	})
	// Icon only, as the reader's own back button: the header must fit a
	// small window at a large text size. Its label is what screen readers
	// say, not the icon's file name.
	v.back = widgets.NewIconButton("Back to the open pack", theme.NavigateBackIcon(), func() {
		if v.onBack != nil {
			v.onBack()
		}
	})
	v.back.Hide()

	v.open = widget.NewButtonWithIcon("Open", theme.DocumentIcon(), v.openSelected)
	v.open.Importance = widget.HighImportance
	v.locate = widget.NewButtonWithIcon("Locate…", theme.SearchIcon(), v.openSelected)
	v.locate.Importance = widget.HighImportance
	v.add = widget.NewButtonWithIcon("Add to library", theme.DownloadIcon(), v.addSelected)
	v.remove = widget.NewButtonWithIcon("Remove from shelf", theme.DeleteIcon(), v.removeSelected)
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.status.Hide()

	v.list = newShelfList(v)
	head := container.NewBorder(nil, nil, container.NewHBox(v.back, title), container.NewHBox(openPack, openFolder))
	actions := container.NewHBox(v.open, v.locate, v.add, v.remove)
	top := container.NewVBox(head, hint, actions, widget.NewSeparator())
	// top goes first among the children so Tab reaches the buttons in
	// reading order; the list has focus when the page opens.
	v.root = container.NewPadded(container.New(layout.NewBorderLayout(top, v.status, nil, nil), top, v.status, v.list))
	v.sync()
	return v
}

// Object is the page's root.
func (v *ShelfView) Object() fyne.CanvasObject { return v.root }

// SetEntries shows entries in shelf order; current is the key of the open
// pack ("" for none), which is selected. It touches no file: whether each
// folder or file is still there is what SetMissing last said (a stat can
// hang on a network mount that is gone, so the shell finds out off the UI
// goroutine).
func (v *ShelfView) SetEntries(entries []shelf.Entry, current string) {
	old := ""
	if e, ok := v.Selected(); ok {
		old = e.Key()
	}
	v.items = v.items[:0]
	for _, e := range entries {
		v.items = append(v.items, shelfItem{Entry: e, missing: v.missing[e.Key()]})
	}
	v.current = current
	v.list.UnselectAll()
	v.selected = -1
	// The same entry stays chosen; else the open pack; else the first.
	want, cur := -1, 0
	for i, it := range v.items {
		switch it.Key() {
		case old:
			want = i
		case current:
			cur = i
		}
	}
	if want < 0 {
		want = cur
	}
	v.list.Refresh()
	if len(v.items) > 0 {
		v.Select(want)
	}
	v.sync()
}

// SetMissing says whether the folder or file of the entry with key is
// gone (moved or deleted), and redraws its row.
func (v *ShelfView) SetMissing(key string, missing bool) {
	if v.missing == nil {
		v.missing = map[string]bool{}
	}
	if v.missing[key] == missing {
		return
	}
	v.missing[key] = missing
	for i := range v.items {
		if v.items[i].Key() == key {
			v.items[i].missing = missing
			v.list.RefreshItem(i)
		}
	}
	v.sync()
}

// SetBack shows the back button, for returning to the open pack; nil
// hides it (no pack is open).
func (v *ShelfView) SetBack(back func()) {
	v.onBack = back
	if back == nil {
		v.back.Hide()
		return
	}
	v.back.Show()
}

// Focus gives the list the keyboard.
func (v *ShelfView) Focus(c fyne.Canvas) {
	if c != nil {
		c.Focus(v.list)
	}
}

// Select chooses entry i (in shelf order).
func (v *ShelfView) Select(i int) {
	if i < 0 || i >= len(v.items) {
		return
	}
	v.list.Select(i)
	v.list.Highlight(i)
	v.selected = i
	v.sync()
}

// SelectKey chooses the entry with shelf key key, and reports whether
// there is one.
func (v *ShelfView) SelectKey(key string) bool {
	for i, it := range v.items {
		if it.Key() == key {
			v.Select(i)
			return true
		}
	}
	return false
}

// Selected is the chosen entry.
func (v *ShelfView) Selected() (shelf.Entry, bool) {
	if v.selected < 0 || v.selected >= len(v.items) {
		return shelf.Entry{}, false
	}
	return v.items[v.selected].Entry, true
}

// Entries are the entries shown, in order (for tests).
func (v *ShelfView) Entries() []shelf.Entry {
	out := make([]shelf.Entry, len(v.items))
	for i, it := range v.items {
		out[i] = it.Entry
	}
	return out
}

// SetStatus shows one line under the list ("" hides it).
func (v *ShelfView) SetStatus(text string) {
	v.status.SetText(text)
	if text == "" {
		v.status.Hide()
	} else {
		v.status.Show()
	}
}

// Status is the line under the list.
func (v *ShelfView) Status() string { return v.status.Text }

// RowText is what row i says, line by line (for tests).
func (v *ShelfView) RowText(i int) []string {
	if i < 0 || i >= len(v.items) {
		return nil
	}
	var out []string
	for _, line := range v.rowLines(v.items[i]) {
		var b strings.Builder
		for _, s := range line {
			b.WriteString(s.text)
		}
		out = append(out, b.String())
	}
	return out
}

func (v *ShelfView) openSelected() {
	it, ok := v.item()
	if !ok {
		return
	}
	if it.missing {
		if v.OnLocate != nil {
			v.OnLocate(it.Entry)
		}
		return
	}
	if v.OnOpen != nil {
		v.OnOpen(it.Entry)
	}
}

func (v *ShelfView) addSelected() {
	it, ok := v.item()
	if !ok || !canAdd(it) || v.OnAddToLibrary == nil {
		return
	}
	v.OnAddToLibrary(it.Entry)
}

func (v *ShelfView) removeSelected() {
	it, ok := v.item()
	if !ok {
		return
	}
	if it.Kind == shelf.Bundled {
		v.SetStatus("The bundled pack comes with the app, so it stays on the shelf.")
		return
	}
	if v.OnRemove != nil {
		v.OnRemove(it.Entry)
	}
}

func (v *ShelfView) item() (shelfItem, bool) {
	if v.selected < 0 || v.selected >= len(v.items) {
		return shelfItem{}, false
	}
	return v.items[v.selected], true
}

// canAdd: only a pack file that is not already a copy, and is there.
func canAdd(it shelfItem) bool {
	return it.Kind == shelf.Archive && !it.Copy && !it.missing
}

// sync shows the buttons that apply to the chosen entry.
func (v *ShelfView) sync() {
	it, ok := v.item()
	show := func(b *widget.Button, on bool) {
		if on {
			b.Show()
		} else {
			b.Hide()
		}
	}
	show(v.open, !ok || !it.missing)
	show(v.locate, ok && it.missing)
	show(v.add, ok && canAdd(it))
	if ok && it.Key() == v.current && v.onBack != nil {
		v.open.SetText("Back to reading")
	} else {
		v.open.SetText("Open")
	}
	for _, b := range []*widget.Button{v.open, v.remove} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok && it.Kind == shelf.Bundled {
		v.remove.Disable()
	}
}

// key handles every key typed while the list has focus.
func (v *ShelfView) key(ev *fyne.KeyEvent) {
	n := len(v.items)
	switch ev.Name {
	case fyne.KeyUp:
		v.Select(max(v.selected-1, 0))
	case fyne.KeyDown:
		v.Select(min(v.selected+1, n-1))
	case fyne.KeyPageUp:
		v.Select(max(v.selected-5, 0))
	case fyne.KeyPageDown:
		v.Select(min(v.selected+5, n-1))
	case fyne.KeyHome:
		v.Select(0)
	case fyne.KeyEnd:
		v.Select(n - 1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		v.openSelected()
	case fyne.KeyDelete:
		// Delete only, as the page says: Backspace is typed by mistake
		// too easily for a key that takes a pack off the shelf unasked.
		v.removeSelected()
	case fyne.KeyEscape:
		if v.onBack != nil {
			v.onBack()
		}
	default:
		if v.OnKey != nil {
			v.OnKey(ev)
		}
	}
}

// seg is one run of a row's text.
type seg struct {
	text  string
	color fyne.ThemeColorName
	bold  bool
}

// rowLines is what a row says: title; subtitle; version and review dates
// (with the overdue badge); how far the reader got and when it was last
// opened; where it comes from (a copy, or not found).
func (v *ShelfView) rowLines(it shelfItem) [][]seg {
	title := it.Title
	if title == "" {
		title = it.ID
	}
	if title == "" {
		title = filepath.Base(it.Path)
	}
	first := []seg{{text: title, bold: true}}
	if it.Key() == v.current {
		first = append(first, seg{text: "  · open now", color: theme.ColorNamePrimary, bold: true})
	}
	sub := it.Subtitle
	if sub == "" {
		sub = " "
	}
	var review []string
	if it.Version != "" {
		review = append(review, "Version "+it.Version)
	}
	if it.LastReviewed != "" {
		review = append(review, "reviewed "+it.LastReviewed)
	}
	if it.NextReview != "" {
		review = append(review, "next review "+it.NextReview)
	}
	if len(review) == 0 {
		review = append(review, "No review dates given")
	}
	rl := []seg{{text: upperFirst(strings.Join(review, " · "))}}
	if it.Overdue(v.now()) {
		// Only the sign in colour: orange text is hard to read on white.
		rl = append(rl, seg{text: "  ⚠ ", color: theme.ColorNameWarning, bold: true}, seg{text: "Review overdue", color: theme.ColorNameForeground, bold: true})
	}
	progress := []seg{{text: progressText(it.Entry)}}
	if !it.LastOpened.IsZero() {
		progress[0].text += " · last opened " + it.LastOpened.Local().Format("2006-01-02 15:04")
	}
	var where []seg
	switch {
	case it.missing:
		where = []seg{{text: "Not found: ", color: theme.ColorNameError, bold: true},
			{text: sourceText(it.Entry) + " was moved or deleted. Locate… to find it.", color: theme.ColorNameForeground}}
	case it.Copy:
		where = []seg{{text: "Copy in the library", color: theme.ColorNameForeground, bold: true}}
		if it.Original != "" {
			where = append(where, seg{text: " · from " + it.Original})
		}
	default:
		where = []seg{{text: upperFirst(sourceText(it.Entry))}}
	}
	return [][]seg{first, {{text: sub}}, rl, progress, where}
}

func (v *ShelfView) now() time.Time {
	if v.Now == nil {
		return time.Now()
	}
	return v.Now()
}

// progressText says how far the reader got: "Read to Article, 40%
// (Methods)", "Read to Studies: Kim 2019", "Not started".
func progressText(e shelf.Entry) string {
	if e.Position == nil {
		return "Not started"
	}
	p := e.Progress
	view := p.View
	if view == "" {
		view = e.Position.View
	}
	s := "Read to " + viewTitle(view)
	switch {
	case p.Item != "":
		s += ": " + p.Item
	case p.View != "" && p.Percent >= 0:
		s += fmt.Sprintf(", %d%%", p.Percent)
		if p.Section != "" {
			s += " (" + ellipsis(p.Section, 60) + ")"
		}
	}
	return s
}

// sourceText says where a pack comes from.
func sourceText(e shelf.Entry) string {
	switch e.Kind {
	case shelf.Folder:
		return "folder " + e.Path
	case shelf.Archive:
		return "pack file " + e.Path
	}
	return "built into the app"
}

// viewTitle is the sidebar title of a view.
func viewTitle(name string) string {
	if name == "article" || name == "" {
		return "Article"
	}
	for _, m := range viewMakers {
		if m.name == name {
			return m.title
		}
	}
	return upperFirst(name)
}

// upperFirst capitalises the first letter, whatever its length in bytes
// ("école" → "École").
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func ellipsis(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// shelfList is the list of packs; the page handles its keys.
type shelfList struct {
	widget.List
	v *ShelfView
}

func newShelfList(v *ShelfView) *shelfList {
	l := &shelfList{v: v}
	l.Length = func() int { return len(v.items) }
	l.CreateItem = func() fyne.CanvasObject { return newShelfRow(v) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*shelfRow).set(id, v.items[id]) }
	l.OnSelected = func(id widget.ListItemID) {
		v.selected = id
		v.sync()
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey implements fyne.Focusable: the page's keys replace the list's.
func (l *shelfList) TypedKey(ev *fyne.KeyEvent) { l.v.key(ev) }

// shelfRow is one pack in the list. It takes the taps itself so a double
// click can open the pack; a single click chooses it and gives the list
// the keyboard, as a click on a plain list row does.
type shelfRow struct {
	widget.BaseWidget
	v    *ShelfView
	id   int
	icon *widget.Icon
	text *widget.RichText
}

func newShelfRow(v *ShelfView) *shelfRow {
	r := &shelfRow{v: v, icon: widget.NewIcon(theme.FileIcon()), text: widget.NewRichText()}
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.set(-1, shelfItem{Entry: shelf.Entry{Kind: shelf.Bundled, Title: "Title", Subtitle: "Subtitle"}})
	r.ExtendBaseWidget(r)
	return r
}

func (r *shelfRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(r.icon)), nil, r.text))
}

func (r *shelfRow) set(id int, it shelfItem) {
	r.id = id
	icon := theme.FileIcon()
	switch it.Kind {
	case shelf.Bundled:
		icon = theme.HomeIcon()
	case shelf.Folder:
		icon = theme.FolderIcon()
	}
	if it.missing {
		icon = theme.NewErrorThemedResource(theme.QuestionIcon())
	}
	r.icon.SetResource(icon)
	var segs []widget.RichTextSegment
	for i, line := range r.v.rowLines(it) {
		for j, s := range line {
			st := widget.RichTextStyleInline
			if j == len(line)-1 {
				st = widget.RichTextStyleParagraph
			}
			st.ColorName = s.color
			st.TextStyle.Bold = s.bold
			if i == 1 {
				st.TextStyle.Italic = true
			}
			if i >= 2 && s.color == "" {
				st.ColorName = theme.ColorNamePlaceHolder
			}
			segs = append(segs, &widget.TextSegment{Text: s.text, Style: st})
		}
	}
	r.text.Segments = segs
	r.text.Refresh()
}

// Tapped chooses the row.
func (r *shelfRow) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.v.list); c != nil {
		c.Focus(r.v.list)
	}
	r.v.Select(r.id)
}

// DoubleTapped opens the row's pack.
func (r *shelfRow) DoubleTapped(*fyne.PointEvent) {
	r.v.Select(r.id)
	r.v.openSelected()
}
