package ui

// Live preview: the window follows the open pack's files and reloads it
// after each save, keeping the reader's place (View → Reload on change,
// evidence-reader --pack DIR --watch). The bar that says what a broken
// save did is previewbar.go.
//
// Threading. internal/watch calls back on its own goroutine, once per
// burst of saves. The callback only numbers the request and wakes the
// previewer's loader goroutine, which reads the pack with cli.LoadPath
// (parsing never runs on the UI goroutine) and hands the result to the UI
// goroutine with fyne.Do. There it is applied only if it is still wanted:
// it belongs to the pack the window follows now (a previewer is made per
// pack opened, and results of an earlier one are dropped), and no later
// request has been applied (an earlier load that finishes late, or a
// load begun before the folder went away, is dropped). Requests that
// come while a load runs are folded into one more load.

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/nav"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/watch"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// livePreview is the shell's live-preview state.
type livePreview struct {
	// p follows the open pack; nil for the bundled pack, which is built in.
	p *previewer
	// choice is Reload on change as set this session, by pack path: the
	// menu's tick, or --watch for the pack given on the command line.
	choice map[string]bool
	// started is set once the first pack (the command line's) is followed.
	started bool
	// bar is the preview bar (previewbar.go) while it shows, put above
	// every pack page the shell builds.
	bar *previewBarBox
	// problems is the open list of the newest save's problems, and its
	// body; nil when it is closed.
	problems     *dialog.CustomDialog
	problemsBody *fyne.Container
	// do runs f on the UI goroutine: fyne.Do. Tests queue f for the test
	// goroutine instead, since the test driver's fyne.Do runs f at once
	// on the calling goroutine.
	do func(f func())
	// watchOpts tune the watcher (tests shorten the debounce).
	watchOpts watch.Options
	// reloaded, when set, is called on the UI goroutine after each reload
	// is applied or kept under the bar (tests and the benchmark).
	reloaded func()
}

// previewer follows one pack on disk: its watcher, its loader goroutine
// and what its bar shows. Fields below the line belong to the UI goroutine.
type previewer struct {
	s    *Shell
	src  cli.Source
	now  func() time.Time
	do   func(func())
	kick chan struct{}
	quit chan struct{}
	// seq numbers requests (saves, the folder going and coming back);
	// a result carries the number it was loaded for.
	seq atomic.Uint64

	w *watch.Watcher
	// applied is the number of the last request applied.
	applied uint64
	// goodAt is when the version on screen was loaded; zero when the
	// pack never loaded without errors.
	goodAt time.Time
	// broken is the newest load, which has errors, while the window keeps
	// the version from goodAt; nil when the newest load is on screen.
	broken *cli.Loaded
	// warned is the version on screen when a reload brought it with
	// warnings, for the quiet bar that lists them; nil when it has none
	// or was not reloaded.
	warned *cli.Loaded
	// gone: the pack folder (or file) is not there.
	gone bool
	// held is the newest load while the library page is on screen; it is
	// shown on the way back to the pack (resumePreview).
	held *reload
	// watchErr says why the pack cannot be followed, "" when it is.
	watchErr string
	// portal: the folder watched is the document portal's, which reports
	// no edits made outside the sandbox (ui/sandbox.go).
	portal bool
}

// reload is one load of the pack for the UI goroutine.
type reload struct {
	l cli.Loaded
	// missing: the pack folder or file did not exist.
	missing bool
}

// followPack points the live preview at the pack about to be shown (the
// shell's SetPack calls it first). A reload of the same pack keeps the
// watcher; another pack gets a previewer of its own.
func (s *Shell) followPack(l cli.Loaded) {
	lp := &s.live
	if lp.choice == nil {
		lp.choice = map[string]bool{}
	}
	if !lp.started {
		lp.started = true
		if s.opts.Watch != cli.WatchDefault && l.Source.Path != "" {
			lp.choice[l.Source.Path] = s.opts.Watch == cli.WatchOn
		}
	}
	if p := lp.p; p != nil && p.src == l.Source {
		// What the window shows next is l itself.
		p.broken, p.gone, p.warned = nil, false, nil
		if !l.Diags.HasErrors() {
			p.goodAt = p.now()
			if l.Diags.Count(pack.Warning) > 0 {
				p.warned = &l
			}
		}
		s.refreshPreviewBar()
		return
	}
	s.stopPreview()
	if l.Source.Kind == cli.SourceBundled || l.Source.Path == "" || s.opts.NoLivePreview {
		s.refreshPreviewBar()
		return
	}
	do := lp.do
	if do == nil {
		do = uiDo
	}
	p := &previewer{s: s, src: l.Source, now: s.Now, do: do,
		kick: make(chan struct{}, 1), quit: make(chan struct{})}
	if !l.Diags.HasErrors() {
		p.goodAt = p.now()
	}
	p.portal = portalPath(watchDir(l.Source))
	lp.p = p
	go p.run()
	if s.reloadOnChange(l.Source) {
		s.startWatch(p)
	}
	s.refreshPreviewBar()
}

// reloadOnChange is the Reload on change setting for a pack: as the reader
// set it, else on for a folder and off for an .evpack file (a finished
// pack, which rarely changes under the reader).
func (s *Shell) reloadOnChange(src cli.Source) bool {
	if on, ok := s.live.choice[src.Path]; ok {
		return on
	}
	return src.Kind == cli.SourceFolder
}

// ReloadOnChange reports whether the window follows the open pack's files.
func (s *Shell) ReloadOnChange() bool { return s.live.p != nil && s.live.p.w != nil }

// CanReload reports whether the open pack can be read again: it is on disk.
func (s *Shell) CanReload() bool { return s.live.p != nil }

// SetReloadOnChange turns following the open pack's files on or off, for
// the rest of the session. Turned on, it reloads at once, so saves made
// while it was off show.
func (s *Shell) SetReloadOnChange(on bool) {
	p := s.live.p
	if p == nil {
		return
	}
	s.live.choice[p.src.Path] = on
	switch {
	case on && p.w == nil:
		s.startWatch(p)
		p.request()
	case !on && p.w != nil:
		p.w.Close()
		p.w = nil
		p.watchErr = ""
	}
	s.refreshPreviewBar()
	s.Win.SetMainMenu(s.menu(s.views != nil && !s.lib.showing))
}

// Reload reads the open pack again now (View → Reload pack, Ctrl+R).
func (s *Shell) Reload() {
	if p := s.live.p; p != nil {
		p.request()
	}
}

// watchDir is the folder watched for a pack: the pack folder, or an
// .evpack file's folder.
func watchDir(src cli.Source) string {
	if src.Kind == cli.SourceArchive {
		return filepath.Dir(src.Path)
	}
	return src.Path
}

// startWatch starts the watcher: on the folder, or for an .evpack file on
// its folder, for that one file.
func (s *Shell) startWatch(p *previewer) {
	dir, opt := watchDir(p.src), s.live.watchOpts
	if p.src.Kind == cli.SourceArchive {
		base := filepath.Base(p.src.Path)
		opt.Relevant = func(name string) bool { return name == base }
	}
	w, err := watch.New(dir, p.event, opt)
	if err != nil {
		p.watchErr = err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			// Not the system call's words ("stat …: no such file or directory").
			p.watchErr = "there is no folder " + dir
		}
		return
	}
	p.w, p.watchErr = w, ""
}

// stopPreview stops following the open pack. It is called on the UI
// goroutine, which the watcher's callback never waits for, so Close
// returns promptly; a load still running is dropped when it ends.
func (s *Shell) stopPreview() {
	p := s.live.p
	if p == nil {
		return
	}
	if p.w != nil {
		p.w.Close()
		p.w = nil
	}
	close(p.quit)
	s.live.p = nil
}

// event is the watcher's callback, on the watcher's goroutine.
func (p *previewer) event(e watch.Event) {
	if e.Kind == watch.Gone {
		n := p.seq.Add(1)
		p.do(func() { p.s.applyGone(p, n) })
		return
	}
	p.request()
}

// request asks for a load; any goroutine. Requests made while a load runs
// are served by one more load.
func (p *previewer) request() {
	p.seq.Add(1)
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// run is the loader goroutine.
func (p *previewer) run() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.kick:
		}
		n := p.seq.Load()
		r := p.load()
		select {
		case <-p.quit:
			return
		default:
		}
		p.do(func() { p.s.applyReload(p, n, r) })
	}
}

// load reads the pack; any goroutine.
func (p *previewer) load() reload {
	r := reload{l: cli.LoadPath(p.src.Path, p.now())}
	if _, err := os.Stat(p.src.Path); errors.Is(err, fs.ErrNotExist) {
		r.missing = true
	}
	return r
}

// wanted reports whether a result for request n of p is still wanted,
// and marks it applied.
func (s *Shell) wanted(p *previewer, n uint64) bool {
	if s.live.p != p || n <= p.applied {
		return false
	}
	p.applied = n
	return true
}

// showingGood reports whether the window shows a pack's reading views
// (rather than the error view of a pack that never loaded).
func (s *Shell) showingGood() bool {
	return s.views != nil && s.Loaded.Pack != nil && !s.Loaded.Diags.HasErrors()
}

// applyReload shows a reload, on the UI goroutine: a good one in place of
// the version on screen, at the same place; a broken one under the bar,
// keeping the version on screen, or, when there is none, in the error
// view.
func (s *Shell) applyReload(p *previewer, n uint64, r reload) {
	if !s.wanted(p, n) {
		return
	}
	defer s.reloadDone()
	if s.lib.showing {
		// The library page stays; the pack is shown as saved on the way
		// back to it.
		p.held = &r
		return
	}
	s.showReload(p, r)
}

// showReload puts a wanted reload on screen.
func (s *Shell) showReload(p *previewer, r reload) {
	if r.l.Diags.HasErrors() && s.showingGood() {
		p.broken, p.gone = &r.l, r.missing
		s.refreshPreviewBar()
		return
	}
	keep := s.keepPlace()
	s.SetPack(r.l)
	if !r.l.Diags.HasErrors() {
		s.restorePlace(keep)
	}
}

// applyGone is the folder going away, on the UI goroutine: the window
// keeps the version on screen under the bar; an error view is reloaded to
// say the folder is missing.
func (s *Shell) applyGone(p *previewer, n uint64) {
	if !s.wanted(p, n) {
		return
	}
	p.held = nil
	if !s.showingGood() {
		p.request()
		return
	}
	defer s.reloadDone()
	p.gone, p.broken = true, nil
	s.refreshPreviewBar()
}

// resumePreview brings the pack page up to date on the way back from the
// library page (leaveLibrary calls it): the newest load held meanwhile, or
// the bar as it is now.
func (s *Shell) resumePreview() {
	p := s.live.p
	if p == nil {
		return
	}
	if r := p.held; r != nil {
		p.held = nil
		s.showReload(p, *r)
		return
	}
	s.refreshPreviewBar()
}

func (s *Shell) reloadDone() {
	if s.live.reloaded != nil {
		s.live.reloaded()
	}
}

// place is where the reader is in every view built so far, and the
// back/forward history, kept across a reload, with the pack they were
// taken in.
type place struct {
	current reader.Location
	others  []reader.Location
	hist    *nav.History[reader.Location]
	pack    *pack.Pack
}

func (s *Shell) keepPlace() *place {
	if s.views == nil || s.hist == nil {
		return nil
	}
	k := &place{current: s.Position(), hist: s.hist, pack: s.Loaded.Pack}
	for _, info := range s.order {
		v := s.views[info.name]
		if loc := v.Position(); info.name != s.current && (loc.Offset > 0 || loc.Study != "" || loc.Ref != "") {
			k.others = append(k.others, loc)
		}
	}
	return k
}

// restorePlace returns the reloaded views to k: each built view to its
// block anchor (the block at the top and the distance into it, as the
// saved reading position keeps it) or its selected study or reference,
// then the view on screen, with the history as it was. A block anchor
// follows its text (doc.Follower), so an edit above the reader's place,
// which adds or removes blocks, leaves the same text on screen.
func (s *Shell) restorePlace(k *place) {
	if k == nil || s.views == nil {
		return
	}
	k.follow(s.Loaded.Pack)
	for _, loc := range k.others {
		switch v := s.views[loc.View].(type) {
		case *reader.LazyView:
			// Built when next shown, not now: a reload costs the page
			// on screen only.
			v.RevealLater(loc)
		case reader.View:
			v.Reveal(loc)
		}
	}
	if _, ok := s.views[k.current.View]; !ok {
		return
	}
	s.hist = k.hist
	s.show(k.current)
}

// follow moves k's block anchors, taken in k.pack, to the blocks of np
// that show the same text. Offset and Delta are kept: a Location's Block
// and Delta say where to go, the Offset only that the reader scrolled.
func (k *place) follow(np *pack.Pack) {
	if k.pack == nil || np == nil || k.pack == np {
		return
	}
	followers := map[string]*doc.Follower{}
	move := func(loc reader.Location) reader.Location {
		if loc.Block < 0 {
			return loc
		}
		f, ok := followers[loc.View]
		if !ok {
			if od, nd := viewDoc(k.pack, loc.View), viewDoc(np, loc.View); od != nil && nd != nil {
				f = doc.NewFollower(od, nd)
			}
			followers[loc.View] = f
		}
		if f != nil {
			loc.Block = f.Block(loc.Block)
		}
		return loc
	}
	k.current = move(k.current)
	for i, loc := range k.others {
		k.others[i] = move(loc)
	}
	k.hist.Map(move)
}

// viewDoc is the document a reading view shows, nil for the views that
// show none.
func viewDoc(p *pack.Pack, view string) *doc.Document {
	switch view {
	case reader.ViewArticle:
		return p.Article
	case reader.ViewLimitations:
		return p.Limitations
	case reader.ViewGuidance:
		return p.Guidance
	}
	return nil
}

// previewMenuItems are View → Reload on change (ticked while the window
// follows the pack's files) and Reload pack; both are off for the bundled
// pack, which is built in.
func (s *Shell) previewMenuItems() []*fyne.MenuItem {
	follow := fyne.NewMenuItem("Reload on change", func() {
		s.SetReloadOnChange(!s.ReloadOnChange())
	})
	follow.Checked = s.ReloadOnChange()
	now := item("Reload pack", ctrl(fyne.KeyR), s.Reload)
	follow.Disabled, now.Disabled = !s.CanReload(), !s.CanReload()
	return []*fyne.MenuItem{follow, now}
}
