package ui

import (
	"fmt"
	"image/color"
	"net/url"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/nav"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/internal/version"
	"github.com/evidence-reader/evidence-reader/ui/benchhook"
	"github.com/evidence-reader/evidence-reader/ui/reader"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// AppID is the application id, from FyneApp.toml.
const AppID = version.ID

// Open runs the reader window on a loaded pack until it is closed.
func Open(l cli.Loaded, o cli.OpenOptions) error {
	// Most of the reader's heap is long-lived (font faces, a few MB per
	// text style, and the pack); the garbage is text shaping and view
	// building. Collecting when the heap has grown by 40% of the live size
	// instead of 100% keeps peak memory near the live size (make bench:
	// peak RSS), for a few percent more GC time. Until the window system
	// starts (OnStarted runs on the UI goroutine right before the first
	// frame) the default applies: the heap only grows then, and collecting
	// it twice as often cost start-up about 35 ms of CPU time
	// (docs/performance.md).
	a := app.NewWithID(AppID)
	a.Lifecycle().SetOnStarted(func() { debug.SetGCPercent(40) })
	path, _ := settings.Path()
	set, notice := loadSettings(path)
	lib := loadLibrary(path, set)
	if benchhook.Armed() {
		// make bench and make test-network time and trace the reading
		// window from a fresh settings folder: no first-start library.
		lib.first = false
	}
	// Fyne reads the theme while it loads a font face, so the theme is set
	// before the fonts start loading: the theme of the pack about to open,
	// which the window can then be shown in before the pack has loaded.
	a.Settings().SetTheme(expectedTheme(l, o, set, lib))
	fonts := warmFonts(firstScreenStyles)
	w := a.NewWindow("Evidence Reader")
	// Sized first, so the content is laid out once, at the window's size.
	w.Resize(windowSize(o, set))
	if o.Loading != nil {
		select {
		case l = <-o.Loading:
		default:
			// A large pack is still loading (10 MB: about 150 ms on a
			// 2-core laptop): the window is created and shown meanwhile.
			showWhileLoading(w)
			l = <-o.Loading
		}
	}
	// The shell sets the theme, which the font goroutine reads, and
	// measures text, which must not run beside it (see warmFonts).
	<-fonts
	s := newShell(a, w, l, o, path, set, notice, lib)
	w.SetMaster()
	w.SetOnClosed(func() {
		// A save that never ends (a home folder on a network share that
		// went away) must not keep the process alive with no window.
		hung := time.AfterFunc(saveLimit, func() {
			fmt.Fprintf(os.Stderr, "evidence-reader: the settings and the library were not written within %v; quitting without them\n", saveLimit)
			os.Exit(1)
		})
		s.stopPreview()
		s.SaveSettings()
		hung.Stop()
		exitIfStuck()
	})
	// make bench: a no-op unless an EVIDENCE_READER_BENCH_* variable is set.
	benchhook.Attach(a, w, s.benchTargets())
	w.ShowAndRun()
	return nil
}

// expectedTheme is the theme of the pack Open is about to show: the
// settings of l's pack, or while it loads (o.Loading), of the pack the
// shelf last saw at the path it is loading from. A pack never opened has
// the default settings, which are then right too.
func expectedTheme(l cli.Loaded, o cli.OpenOptions, set settings.Settings, lib *library) *widgets.ReaderTheme {
	pset := settings.DefaultPack()
	switch {
	case o.Loading == nil:
		pset = set.For(packKeyOf(l))
	case lib.idAt(o.LoadingPath) != "":
		pset = set.For(lib.idAt(o.LoadingPath))
	}
	return widgets.NewReaderTheme(pset.Theme, pset.TextScale)
}

// showWhileLoading shows the window, empty, before the pack has loaded, so
// that creating it (the window, its GL context and shaders: about 60 ms of
// CPU on a 2-core laptop) runs beside the loading of a large pack instead
// of after it; the content follows when the pack has loaded
// (docs/performance.md, "First frame, large pack"). Painting the empty
// window measures no text, so the fonts may still be loading.
func showWhileLoading(w fyne.Window) {
	w.SetContent(canvas.NewRectangle(color.Transparent))
	w.Show()
}

// viewInfo describes one sidebar entry.
type viewInfo struct {
	name, title string
	icon        fyne.Resource
}

// Shell is the main window: sidebar, toolbar, notices, menus, shortcuts,
// history and settings around the views.
type Shell struct {
	App     fyne.App
	Win     fyne.Window
	Loaded  cli.Loaded
	opts    cli.OpenOptions
	ctx     *reader.Context
	theme   *widgets.ReaderTheme
	setPath string
	// setSaves writes the settings file off the UI goroutine.
	setSaves saver
	set      settings.Settings
	pset     settings.Pack
	// notice is the one settings notice to show, "" for none.
	notice     string
	saveFailed bool
	// lib is the shelf of packs and the library page (library.go).
	lib *library
	// chooser is the Open pack… dialog last shown, folderChooser the Open
	// pack folder… one (for tests).
	chooser, folderChooser *dialog.FileDialog
	// LibraryDir, when set, is where Add to library copies pack files
	// instead of the app's storage folder; tests set it.
	LibraryDir string

	views   map[string]reader.View
	order   []viewInfo
	current string
	hist    *nav.History[reader.Location]
	article *reader.ArticleView

	sidebar   *widget.List
	sideSync  bool
	center    *fyne.Container
	back, fwd *widgets.IconButton
	notices   *fyne.Container

	// OpenURL opens external links; tests replace it.
	OpenURL func(*url.URL) error
	// Now is the clock for the review notice; tests replace it.
	Now func() time.Time

	// live follows the open pack's files and reloads it (preview.go).
	live livePreview
}

// NewShell builds the window's content for a loaded pack, which it shows
// (only Open shows the library at a first start). settingsPath "" keeps
// settings in memory only, and the shelf of packs beside them too.
func NewShell(a fyne.App, w fyne.Window, l cli.Loaded, o cli.OpenOptions, settingsPath string) *Shell {
	set, notice := loadSettings(settingsPath)
	lib := memoryLibrary()
	if settingsPath != "" {
		lib = loadLibrary(settingsPath, set)
		lib.first = false
	}
	return newShell(a, w, l, o, settingsPath, set, notice, lib)
}

// loadSettings reads the settings file; "" keeps settings in memory only.
func loadSettings(path string) (settings.Settings, string) {
	if path == "" {
		return settings.Settings{Packs: map[string]settings.Pack{}}, ""
	}
	return settings.Load(path)
}

func newShell(a fyne.App, w fyne.Window, l cli.Loaded, o cli.OpenOptions, settingsPath string, set settings.Settings, notice string, lib *library) *Shell {
	s := &Shell{App: a, Win: w, opts: o, setPath: settingsPath, Now: time.Now, set: set, notice: notice, lib: lib}
	// The theme Open set, if it did: SetPack sets the pack's only when it
	// differs.
	s.theme, _ = a.Settings().Theme().(*widgets.ReaderTheme)
	s.OpenURL = a.OpenURL
	w.SetOnDropped(s.Dropped)
	if lib.first && l.Source.Kind == cli.SourceBundled && l.Pack != nil && !l.Diags.HasErrors() {
		// A first start shows the library; the bundled pack it lists
		// first is loaded already.
		s.lib.pending = &l
		s.pset = s.set.For(l.Pack.Meta.ID)
		s.theme = widgets.NewReaderTheme(s.pset.Theme, s.pset.TextScale)
		s.App.Settings().SetTheme(s.theme)
		s.ShowLibrary()
		return s
	}
	s.SetPack(l)
	return s
}

func (s *Shell) packKey() string { return packKeyOf(s.Loaded) }

// packKeyOf is the key a pack's settings are kept under.
func packKeyOf(l cli.Loaded) string {
	if l.Pack == nil || l.Pack.Meta.ID == "" {
		return "unnamed"
	}
	return l.Pack.Meta.ID
}

// SetPack switches the window to another loaded pack, or to the error view
// when it has errors.
func (s *Shell) SetPack(l cli.Loaded) {
	if s.Loaded.Pack != nil && s.views != nil {
		s.saveSoon()
	}
	s.followPack(l)
	s.Loaded = l
	s.lib.pending, s.lib.current, s.lib.showing = nil, "", false
	s.pset = s.set.For(s.packKey())
	if t := widgets.NewReaderTheme(s.pset.Theme, s.pset.TextScale); s.theme == nil || *t != *s.theme {
		// Setting a theme refreshes everything on screen, which is about
		// to be replaced: only when the pack's theme differs.
		s.theme = t
		s.App.Settings().SetTheme(s.theme)
	}
	s.views = nil
	s.article = nil
	// No view of the new pack is on screen yet: show must show the first.
	s.current = ""
	if l.Diags.HasErrors() {
		var bundled func()
		if s.opts.Bundled != nil {
			bundled = s.openBundled
		}
		s.present("Pack has errors — Evidence Reader", s.withNotices(NewErrorView(l, bundled, s.OpenPack)), false)
		return
	}
	// The shelf's position is this pack's (two packs may share an id).
	shelved := s.recordOpened(l)
	s.ctx = &reader.Context{Pack: l.Pack, Window: s.Win, Nav: s, HasView: s.HasView}
	s.ctx.OpenLink = s.openLink
	s.ctx.ShowReferences = s.showReferences
	s.buildViews()
	s.present(windowTitle(l.Pack), s.layout(), true)
	s.saveLibrary()

	start := s.pset.Position
	if shelved != nil {
		start = *shelved
	}
	loc := reader.Location{View: start.View, Block: start.Block, Offset: start.Offset, Delta: start.Delta, Study: start.Study, Ref: start.Ref}
	if _, ok := s.views[loc.View]; !ok {
		loc = reader.Location{View: reader.ViewArticle, Block: -1}
	}
	s.hist = nav.New(loc)
	s.show(loc)
}

// present puts a pack's page (the reading views, or the error view) on
// screen, and remembers how, for coming back from the library.
func (s *Shell) present(title string, content fyne.CanvasObject, reading bool) {
	notices := s.notices
	s.lib.restore = func() {
		s.notices = notices
		s.Win.SetTitle(title)
		s.Win.SetMainMenu(s.menu(reading))
		s.Win.SetContent(content)
		s.registerShortcuts(reading)
	}
	s.lib.showing = false
	s.lib.restore()
}

// windowTitle names the pack and its version: "Title (version 1.0.0) —
// Evidence Reader".
func windowTitle(p *pack.Pack) string {
	title := p.Meta.Title
	if title == "" {
		title = p.Meta.ID
	}
	if title == "" {
		title = p.Name
	}
	if v := p.Meta.Version; v != "" {
		title += " (version " + v + ")"
	}
	return title + " — Evidence Reader"
}

// buildViews makes every view this build has. Views from other files
// register through viewMakers.
func (s *Shell) buildViews() {
	s.views = map[string]reader.View{}
	s.article = reader.NewArticleView(s.ctx)
	s.views[reader.ViewArticle] = s.article
	s.order = []viewInfo{{reader.ViewArticle, "Article", theme.DocumentIcon()}}
	for _, m := range viewMakers {
		// Built on first show: start-up pays only for the article.
		s.views[m.name] = reader.NewLazyView(m.name, func() reader.View { return m.make(s.ctx) })
		s.order = append(s.order, viewInfo{m.name, m.title, m.icon()})
	}
}

// viewMaker adds a view to the shell.
type viewMaker struct {
	name, title string
	icon        func() fyne.Resource
	make        func(*reader.Context) reader.View
}

// viewMakers lists the views after the article, in sidebar order.
var viewMakers []viewMaker

// HasView reports whether the view exists in this window.
func (s *Shell) HasView(name string) bool {
	_, ok := s.views[name]
	return ok
}

// View returns a view by name (nil when absent).
func (s *Shell) View(name string) reader.View { return s.views[name] }

// Article is the article view.
func (s *Shell) Article() *reader.ArticleView { return s.article }

// currentDoc is the document on screen (article, limitations or
// guidance), nil for the other views.
func (s *Shell) currentDoc() *reader.DocView {
	v := s.views[s.current]
	if l, ok := v.(*reader.LazyView); ok {
		v = l.Built()
	}
	switch d := v.(type) {
	case *reader.ArticleView:
		return d.Docs
	case *reader.LimitationsView:
		return d.Docs
	case *reader.GuidanceView:
		return d.Docs
	}
	return nil
}

// Current is the name of the view on screen.
func (s *Shell) Current() string { return s.current }

func (s *Shell) layout() fyne.CanvasObject {
	s.sidebar = widget.NewList(
		func() int { return len(s.order) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.DocumentIcon()), widget.NewLabel("References"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(s.order[i].icon)
			box.Objects[1].(*widget.Label).SetText(s.order[i].title)
		},
	)
	// No rules between rows: the selection marks the view, and every rule
	// is one more draw call in every frame (docs/performance.md).
	s.sidebar.HideSeparators = true
	s.sidebar.OnSelected = func(i widget.ListItemID) {
		if s.sideSync {
			return
		}
		s.GoView(s.order[i].name)
	}
	s.back = widgets.NewIconButton("Back", theme.NavigateBackIcon(), s.Back)
	s.fwd = widgets.NewIconButton("Forward", theme.NavigateNextIcon(), s.Forward)
	tools := []fyne.CanvasObject{s.back, s.fwd}
	if searchOpener != nil {
		sb := widget.NewButtonWithIcon("Search", theme.SearchIcon(), s.OpenSearch)
		sb.Importance = widget.LowImportance
		tools = append(tools, sb)
	}
	about := widgets.NewIconButton("About", theme.InfoIcon(), s.ShowAbout)
	pack := widget.NewLabelWithStyle(s.Loaded.Pack.Meta.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pack.Truncation = fyne.TextTruncateEllipsis
	toolbar := container.NewBorder(nil, nil, container.NewHBox(tools...), about, pack)
	s.center = container.NewStack()
	for _, v := range s.views {
		o := v.Object()
		o.Hide()
		s.center.Add(o)
	}
	side := container.NewBorder(nil, nil, nil, widget.NewSeparator(), s.sidebar)
	// Children in reading order, so Tab goes toolbar, sidebar, then the
	// view (NewBorder puts its centre first: Tab went into the view first,
	// then the sidebar, then the toolbar).
	main := container.New(layout.NewBorderLayout(nil, nil, side, nil), side, s.center)
	head := container.NewVBox(toolbar, widget.NewSeparator())
	return s.withNotices(container.New(layout.NewBorderLayout(head, nil, nil, nil), head, main))
}

// withNotices puts the review and settings notices above content (the
// library page has no pack's review notice).
func (s *Shell) withNotices(content fyne.CanvasObject) fyne.CanvasObject {
	s.notices = container.NewVBox()
	s.addPreviewBar(s.notices)
	p := s.Loaded.Pack
	if p != nil && p.Overdue(s.Now()) && !s.lib.showing {
		msg := fmt.Sprintf("This pack was due for review on %s and has not been reviewed since %s. The evidence may have moved on; read it with that in mind.",
			p.Meta.NextReview, p.Meta.LastReviewed)
		s.notices.Add(noticeBar(theme.WarningIcon(), msg, nil))
	}
	// Each shown once: settings, library, then what a drop left out.
	for _, n := range append([]string{s.notice, s.lib.notice}, s.lib.later...) {
		s.closableNotice(n)
	}
	s.notice, s.lib.notice, s.lib.later = "", "", nil
	// The notices (their close buttons) come before the page in Tab order.
	return container.New(layout.NewBorderLayout(s.notices, nil, nil, nil), s.notices, content)
}

// noticeBar is a calm one-line bar with an icon, wrapped text and an
// optional close button.
func noticeBar(icon fyne.Resource, text string, onClose func()) fyne.CanvasObject {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var right fyne.CanvasObject
	if onClose != nil {
		right = widgets.NewIconButton("Close this notice", theme.CancelIcon(), onClose)
	}
	bg := widgets.NewThemedRect(theme.ColorNameInputBackground, fyne.Size{})
	return container.NewStack(bg, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), right, msg))
}

// Go implements reader.Navigator: it records where the reader is and moves.
func (s *Shell) Go(loc reader.Location) {
	if _, ok := s.views[loc.View]; !ok || s.hist == nil {
		return
	}
	s.hist.Go(s.Position(), loc)
	s.show(loc)
}

// GoView switches to a view where the reader left it.
func (s *Shell) GoView(name string) {
	v, ok := s.views[name]
	if !ok || name == s.current {
		return
	}
	s.Go(v.Position())
}

// Position is where the reader is now.
func (s *Shell) Position() reader.Location {
	if v, ok := s.views[s.current]; ok {
		return v.Position()
	}
	return reader.Location{View: reader.ViewArticle, Block: -1}
}

// Back returns to the previous location.
func (s *Shell) Back() {
	if s.hist == nil {
		return
	}
	if loc, ok := s.hist.Back(s.Position()); ok {
		s.show(loc)
	}
}

// Forward undoes Back.
func (s *Shell) Forward() {
	if s.hist == nil {
		return
	}
	if loc, ok := s.hist.Forward(s.Position()); ok {
		s.show(loc)
	}
}

func (s *Shell) show(loc reader.Location) {
	v := s.views[loc.View]
	if loc.View != s.current {
		for name, o := range s.views {
			if name == loc.View {
				o.Object().Show()
			} else {
				o.Object().Hide()
			}
		}
		s.current = loc.View
		s.center.Refresh()
	}
	for i, info := range s.order {
		if info.name == loc.View {
			s.sideSync = true
			s.sidebar.Select(i)
			s.sideSync = false
		}
	}
	v.Reveal(loc)
	s.updateButtons()
}

func (s *Shell) updateButtons() {
	if s.back == nil {
		return
	}
	if s.hist.CanBack() {
		s.back.Enable()
	} else {
		s.back.Disable()
	}
	if s.hist.CanForward() {
		s.fwd.Enable()
	} else {
		s.fwd.Disable()
	}
}

// CanBack and CanForward mirror the history for the buttons and tests.
func (s *Shell) CanBack() bool    { return s.hist != nil && s.hist.CanBack() }
func (s *Shell) CanForward() bool { return s.hist != nil && s.hist.CanForward() }

func (s *Shell) openLink(dest string) {
	widgets.OpenLink(s.Win, dest, widgets.LinkActions{
		OpenURL: func(u *url.URL) error { return s.OpenURL(u) },
		Cite:    s.showReferences,
		Study: func(id string) {
			if s.HasView(reader.ViewStudies) {
				s.Go(reader.Location{View: reader.ViewStudies, Block: -1, Study: id, Highlight: true})
			}
		},
	})
}

// showReferences shows references in the article's side panel when the
// article is on screen, else in a dialog, so the reader keeps their place.
func (s *Shell) showReferences(ids []string) {
	if s.current == reader.ViewArticle && s.article != nil {
		s.article.ShowReferences(ids)
		return
	}
	body := container.NewVScroll(container.NewPadded(reader.ReferenceDetails(s.ctx, ids, nil)))
	d := widgets.NewCloseDialog("Reference", body, s.Win)
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
}

// OpenSearch opens the search palette when this build has one.
func (s *Shell) OpenSearch() {
	if searchOpener != nil && s.ctx != nil {
		searchOpener(s.ctx)
	}
}

// searchOpener shows the search-everywhere palette; set in views.go.
var searchOpener func(*reader.Context)

// SetTheme switches light, dark or system and remembers it.
func (s *Shell) SetTheme(mode string) {
	s.pset.Theme = mode
	s.theme = widgets.NewReaderTheme(mode, s.pset.TextScale)
	s.App.Settings().SetTheme(s.theme)
	s.saveSoon()
}

// Zoom changes the text scale by steps (0 resets).
func (s *Shell) Zoom(steps int) {
	v := 1.0
	if steps != 0 {
		v = settings.ClampScale(s.pset.TextScale + float64(steps)*settings.ScaleStep)
	}
	s.pset.TextScale = v
	s.theme = widgets.NewReaderTheme(s.pset.Theme, v)
	s.App.Settings().SetTheme(s.theme)
}

// TextScale is the current text scale.
func (s *Shell) TextScale() float64 { return s.pset.TextScale }

// ThemeMode is the current theme mode.
func (s *Shell) ThemeMode() string { return s.pset.Theme }

// DefaultWindowSize is the first window's size, before one is remembered.
var DefaultWindowSize = fyne.NewSize(1100, 750)

// windowSize is the size to open at: --size, else the size the window had
// when it was last closed, else the default.
func windowSize(o cli.OpenOptions, set settings.Settings) fyne.Size {
	if o.Width > 0 && o.Height > 0 {
		return fyne.NewSize(float32(o.Width), float32(o.Height))
	}
	if w, h, ok := set.WindowSize(); ok {
		return fyne.NewSize(w, h)
	}
	return DefaultWindowSize
}

func (s *Shell) windowSize() fyne.Size { return windowSize(s.opts, s.set) }

// saveLimit is how long quitting waits for the settings and the shelf to
// be written.
const saveLimit = 10 * time.Second

// exitGrace is how long the process may take to end once the reader has
// saved everything and asked Fyne to quit.
const exitGrace = 3 * time.Second

// exitIfStuck ends the process if Fyne has not ended it within exitGrace.
// Fyne 2.8.1's Run waits for its lifecycle event queue after the main loop
// stops, and an event queued while it stops is never run, so the process
// can hang with no window (seen in benchmark runs, which quit right after
// the first frame). Open arms it in the window's OnClosed, after the
// settings are saved; App.Quit (File > Quit, Ctrl+Q) closes the window
// too, so it goes the same way.
func exitIfStuck() {
	time.AfterFunc(exitGrace, func() { os.Exit(0) })
}

// SaveSettings writes the pack's settings, the window size and the shelf,
// and waits until they are written (quit, tests); a failure is reported
// once.
func (s *Shell) SaveSettings() {
	s.saveSoon()
	s.flushSaves()
}

// saveSoon is SaveSettings without the wait: the files are written on
// their savers' goroutines (saver.go), so switching packs or themes never
// waits for a disk.
func (s *Shell) saveSoon() {
	if s.Win != nil {
		if sz := s.Win.Canvas().Size(); sz.Width > 0 && sz.Height > 0 {
			s.set.SetWindowSize(sz.Width, sz.Height)
		}
	}
	if s.views != nil {
		pos := s.Position()
		s.pset.View = s.current
		s.pset.Position = settings.Location{View: pos.View, Block: pos.Block, Offset: pos.Offset, Delta: pos.Delta, Study: pos.Study, Ref: pos.Ref}
		s.rememberPosition(s.pset.Position)
	}
	s.set.Set(s.packKey(), s.pset)
	s.saveLibrary()
	if s.setPath == "" {
		return
	}
	path, set := s.setPath, s.set.Clone()
	s.setSaves.save(func() error { return writeSettings(path, set) }, func(err error) {
		if !s.saveFailed && !leftAsItWas(err) {
			s.saveFailed = true
			if s.notices != nil {
				s.notices.Add(noticeBar(theme.InfoIcon(), "Settings could not be saved, so they will not be remembered next time: "+err.Error(), nil))
			}
		}
	})
}
