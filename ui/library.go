package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/internal/shelf"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// library is the shelf of packs as the window keeps it: the shelf and
// where it is saved, the folder Add to library copies into, the library
// page, and the loads in flight.
type library struct {
	path       string // "" keeps the shelf in memory
	shelf      shelf.Shelf
	notice     string // one notice for the first screen, "" for none
	first      bool   // a first start: show the library, not a pack
	saveFailed bool
	// dir is where Add to library copies pack files: "packs" in Fyne's
	// storage root, unless the shell's LibraryDir says otherwise.
	dir string

	view    *ShelfView
	showing bool
	// restore puts the open pack (or its error view) back on screen.
	restore func()
	// current is the open pack's shelf key, "" for none.
	current string
	// pending is the bundled pack, loaded at a first start while the
	// library is shown, so opening it from there is instant.
	pending *cli.Loaded

	// later are notices for the next page shown (what a drop left out).
	later []string

	gen   int // the latest load; older loads are dropped
	loads sync.WaitGroup
	// saves writes the shelf file off the UI goroutine.
	saves saver
	// checking: a check of which packs are missing runs (checkMissing);
	// recheck: another is wanted after it.
	checking, recheck bool
}

// loadLibrary reads the shelf beside the settings file. With no shelf
// file yet it is made from today's settings (shelf.Migrate) and saved at
// once, and the start is a first start when the settings knew no pack
// either.
func loadLibrary(settingsPath string, set settings.Settings) *library {
	lib := &library{path: shelf.Path(settingsPath)}
	b := shelf.BundledEntry()
	sh, found, notice := shelf.Load(lib.path)
	if found {
		sh.EnsureBundled(b)
	} else {
		var remembered bool
		sh, remembered = shelf.Migrate(set, b)
		lib.first = !remembered && lib.path != ""
		if lib.path != "" {
			// Saved now, so only this start is a first start. A failure
			// is reported by the next save.
			_ = shelf.Save(lib.path, sh)
		}
	}
	lib.shelf, lib.notice = sh, notice
	return lib
}

// idAt is the id of the pack the shelf last saw at path, a folder or an
// .evpack file as given on the command line ("" for the bundled pack);
// "" when it has none.
func (lib *library) idAt(path string) string {
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			path = filepath.Clean(abs)
		}
	}
	for _, e := range lib.shelf.Entries {
		if path == "" && e.Kind == shelf.Bundled || path != "" && e.Kind != shelf.Bundled && e.Path == path {
			return e.ID
		}
	}
	return ""
}

// memoryLibrary is a shelf that is never saved (tests, screenshots).
func memoryLibrary() *library {
	lib := &library{}
	lib.shelf.EnsureBundled(shelf.BundledEntry())
	return lib
}

func kindOf(src cli.Source) shelf.Kind {
	switch src.Kind {
	case cli.SourceFolder:
		return shelf.Folder
	case cli.SourceArchive:
		return shelf.Archive
	}
	return shelf.Bundled
}

func entryFor(l cli.Loaded) shelf.Entry {
	return shelf.FromPack(l.Pack, kindOf(l.Source), l.Source.Path)
}

// recordOpened puts a pack that opened on the shelf and returns where the
// reader left it there, nil for nowhere yet. The caller saves the shelf
// once the pack's page is up, so a failure is reported on it.
func (s *Shell) recordOpened(l cli.Loaded) *settings.Location {
	e := s.lib.shelf.Opened(entryFor(l), s.Now())
	s.lib.current = e.Key()
	if e.Position != nil && e.Progress.View == "" {
		// Migrated from the settings file: describe it now the pack is here.
		s.lib.shelf.SetPosition(e.Key(), *e.Position, shelf.ProgressOf(l.Pack, *e.Position))
	}
	return e.Position
}

// rememberPosition keeps the open pack's reading position on its shelf
// entry (unless it was taken off the shelf while open).
func (s *Shell) rememberPosition(loc settings.Location) {
	if s.lib.current == "" || s.Loaded.Pack == nil {
		return
	}
	s.lib.shelf.SetPosition(s.lib.current, loc, shelf.ProgressOf(s.Loaded.Pack, loc))
}

// saveLibrary has the shelf written, on its saver's goroutine (a copy of
// it as it is now: the last asked for wins); a failure is reported once.
// SaveSettings waits for it.
func (s *Shell) saveLibrary() {
	if s.lib.path == "" {
		return
	}
	path, sh := s.lib.path, s.lib.shelf.Clone()
	s.lib.saves.save(func() error { return writeShelf(path, sh) }, func(err error) {
		if !leftAsItWas(err) && !s.lib.saveFailed {
			s.lib.saveFailed = true
			s.closableNotice("The library could not be saved, so packs opened now will not be on it next time: " + err.Error())
		}
	})
}

// leftAsItWas reports whether a save failed because the file could not be
// read at start and is left alone this session (settings.ErrNotRead), which
// the start's notice already said: no second notice.
func leftAsItWas(err error) bool { return errors.Is(err, settings.ErrNotRead) }

// currentEntry is the open pack's shelf entry.
func (s *Shell) currentEntry() (shelf.Entry, bool) {
	if s.lib.current == "" {
		return shelf.Entry{}, false
	}
	return s.lib.shelf.Get(s.lib.current)
}

// libraryDir is where Add to library copies pack files.
func (s *Shell) libraryDir() string {
	if s.LibraryDir != "" {
		return s.LibraryDir
	}
	if s.lib.dir == "" {
		if root := s.App.Storage().RootURI(); root != nil && root.Scheme() == "file" {
			s.lib.dir = filepath.Join(root.Path(), "packs")
		}
	}
	return s.lib.dir
}

// ShowLibrary shows the shelf of packs as the window's page (File →
// Library, Ctrl+L). Esc, Back or opening the open pack returns to it.
func (s *Shell) ShowLibrary() {
	lib := s.lib
	if lib.view == nil {
		v := NewShelfView()
		v.OnOpen = s.openEntry
		v.OnLocate = s.locateEntry
		v.OnRemove = s.removeEntry
		v.OnAddToLibrary = s.addToLibrary
		v.OnOpenPack = s.OpenPack
		v.OnOpenFolder = s.OpenFolder
		lib.view = v
	}
	v := lib.view
	v.Now = s.Now
	if s.views != nil && !lib.showing {
		// The open pack's row says how far the reader has got now.
		pos := s.Position()
		s.rememberPosition(settings.Location{View: pos.View, Block: pos.Block, Offset: pos.Offset, Delta: pos.Delta, Study: pos.Study, Ref: pos.Ref})
		s.saveLibrary()
	}
	v.SetStatus("")
	if lib.restore != nil && s.Loaded.Pack != nil {
		v.SetBack(s.leaveLibrary)
	} else {
		v.SetBack(nil)
	}
	v.SetEntries(lib.shelf.Sorted(), lib.current)
	s.checkMissing()
	lib.showing = true
	s.Win.SetTitle("Library — Evidence Reader")
	s.Win.SetMainMenu(s.menu(false))
	s.Win.SetContent(s.withNotices(v.Object()))
	s.registerShortcuts(false)
	// The page's keys work with nothing focused too (after a click on the
	// background); the rest (F1, and Esc over a dialog) go where they
	// went before.
	c := s.Win.Canvas()
	base := c.OnTypedKey()
	v.OnKey = base
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if c.Overlays().Top() != nil {
			base(ev)
			return
		}
		v.key(ev)
	})
	v.Focus(c)
}

// leaveLibrary returns from the library to the open pack.
func (s *Shell) leaveLibrary() {
	if !s.lib.showing || s.lib.restore == nil {
		return
	}
	s.lib.showing = false
	s.lib.restore()
	s.resumePreview()
}

// LibraryShowing reports whether the library is the page on screen.
func (s *Shell) LibraryShowing() bool { return s.lib.showing }

// Library is the library page, nil before it was first shown (for tests).
func (s *Shell) Library() *ShelfView { return s.lib.view }

// refreshLibrary redraws the library page when it is on screen.
func (s *Shell) refreshLibrary() {
	if s.lib.showing && s.lib.view != nil {
		s.lib.view.SetEntries(s.lib.shelf.Sorted(), s.lib.current)
		s.checkMissing()
	}
}

// checkMissing finds out whether each pack on the shelf is still where it
// was, off the UI goroutine (a stat of a network mount that is gone can
// take minutes), and marks each row as its answer comes. One check runs at
// a time; one asked for meanwhile runs after it, with the shelf as it is
// then.
func (s *Shell) checkMissing() {
	lib := s.lib
	if lib.checking {
		lib.recheck = true
		return
	}
	lib.checking = true
	entries := lib.shelf.Sorted()
	lib.loads.Add(1)
	go func() {
		defer lib.loads.Done()
		for _, e := range entries {
			if e.Kind == shelf.Bundled {
				continue
			}
			key, missing := e.Key(), e.Missing()
			uiDo(func() {
				if lib.view != nil {
					lib.view.SetMissing(key, missing)
				}
			})
		}
		uiDo(func() {
			lib.checking = false
			if lib.recheck {
				lib.recheck = false
				s.checkMissing()
			}
		})
	}()
}

// openEntry opens a pack from the shelf; the open pack just goes back on
// screen.
func (s *Shell) openEntry(e shelf.Entry) {
	if e.Key() == s.lib.current && s.lib.restore != nil {
		s.leaveLibrary()
		return
	}
	if e.Kind == shelf.Bundled {
		s.openBundled()
		return
	}
	s.OpenPath(e.Path)
}

// removeEntry takes a pack off the shelf. Its files stay where they are,
// except a copy in the library folder, which is deleted after asking.
func (s *Shell) removeEntry(e shelf.Entry) {
	title := ellipsis(displayTitle(e), 48)
	if e.Copy && s.inLibraryDir(e.Path) && !e.Missing() {
		widgets.ShowDestructiveConfirm("Remove from the library?",
			fmt.Sprintf("“%s” is a copy in the library folder. Removing it deletes the copy:\n%s", title, e.Path),
			"Remove", "Cancel",
			func(ok bool) {
				if !ok {
					return
				}
				status := fmt.Sprintf("Removed “%s” and deleted its copy.", title)
				if err := os.Remove(e.Path); err != nil {
					status = fmt.Sprintf("Removed “%s” from the shelf, but its copy could not be deleted: %v", title, err)
				}
				s.dropEntry(e, status)
			}, s.Win)
		return
	}
	s.dropEntry(e, fmt.Sprintf("Removed “%s” from the shelf; its files are where they were.", title))
}

func (s *Shell) dropEntry(e shelf.Entry, status string) {
	if !s.lib.shelf.Remove(e.Key()) {
		return
	}
	s.saveLibrary()
	s.refreshLibrary()
	if s.lib.view != nil {
		s.lib.view.SetStatus(status)
	}
}

// inLibraryDir reports whether path is inside the library folder: the
// only files the app ever deletes.
func (s *Shell) inLibraryDir(path string) bool {
	dir := s.libraryDir()
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

// addToLibrary copies a pack file into the library folder, off the UI
// goroutine, and points its shelf entry at the copy.
func (s *Shell) addToLibrary(e shelf.Entry) {
	dir := s.libraryDir()
	if dir == "" {
		dialog.ShowError(fmt.Errorf("this system gives the app no folder of its own to copy packs into"), s.Win)
		return
	}
	title := displayTitle(e)
	if s.lib.view != nil {
		s.lib.view.SetStatus(fmt.Sprintf("Copying “%s” into the library…", ellipsis(title, 48)))
	}
	s.lib.loads.Add(1)
	go func() {
		defer s.lib.loads.Done()
		dst, err := shelf.CopyInto(dir, e.Path)
		uiDo(func() {
			if err != nil {
				if s.lib.view != nil {
					s.lib.view.SetStatus("")
				}
				dialog.ShowError(fmt.Errorf("“%s” could not be added to the library: %w", title, err), s.Win)
				return
			}
			// The copy gets a key of its own: keep it chosen if the pack
			// still was, rather than the open pack SetEntries falls back to.
			chosen := false
			if s.lib.view != nil {
				sel, ok := s.lib.view.Selected()
				chosen = ok && sel.Key() == e.Key()
			}
			c, ok := s.lib.shelf.Get(e.Key())
			if !ok {
				c = e // taken off the shelf meanwhile: put the copy back on
				s.lib.shelf.Put(e)
			}
			c.Path, c.Copy, c.Original = dst, true, e.Path
			s.lib.shelf.Replace(e.Key(), c)
			if s.lib.current == e.Key() {
				s.lib.current = c.Key()
				s.movePack(dst)
			}
			s.saveLibrary()
			s.refreshLibrary()
			if chosen && s.lib.showing {
				s.lib.view.SelectKey(c.Key())
			}
			if s.lib.view != nil {
				s.lib.view.SetStatus(fmt.Sprintf("Added “%s” to the library: the app keeps its own copy, so it stays on the shelf if %s is deleted.", ellipsis(title, 48), filepath.Base(e.Path)))
			}
			s.Win.SetMainMenu(s.menu(!s.lib.showing && s.views != nil))
		})
	}()
}

// movePack makes the copy at path the open pack: it is what About names,
// what a reload reads and what the live preview follows, with the Reload
// on change the reader chose for the original.
func (s *Shell) movePack(path string) {
	old := s.Loaded.Source.Path
	s.Loaded.Source.Path = path
	if on, ok := s.live.choice[old]; ok {
		s.live.choice[path] = on
	}
	if s.live.p != nil {
		s.followPack(s.Loaded)
	}
}

// locateEntry asks where a moved or deleted pack is now, and opens it
// there when it is the same pack (the same id); its shelf entry keeps its
// reading position.
func (s *Shell) locateEntry(e shelf.Entry) {
	title := displayTitle(e)
	// It is looked for near where it was: the nearest folder above it
	// that is still there.
	start := s.dialogStart()
	if dir := nearestFolder(e.Path); dir != "" {
		if l := folderURI(dir); l != nil {
			start = l
		}
	}
	s.choosePackFrom(fmt.Sprintf("Locate “%s”: its .evpack file, or pack.toml in its folder", ellipsis(title, 50)), start, func(path string) {
		now := s.Now()
		s.loadThen(filepath.Base(path), func() cli.Loaded { return cli.LoadPath(path, now) }, func(l cli.Loaded) {
			if l.Diags.HasErrors() {
				s.SetPack(l)
				return
			}
			if id := l.Pack.Meta.ID; id != e.ID && e.ID != "" {
				dialog.ShowInformation("Not the same pack",
					fmt.Sprintf("%s holds the pack “%s” (id %s), not “%s” (id %s). The shelf is unchanged; open it with File › Open pack… to add it.",
						path, l.Pack.Meta.Title, id, title, e.ID), s.Win)
				return
			}
			s.lib.shelf.Replace(e.Key(), entryFor(l))
			s.SetPack(l)
		})
	})
}

func displayTitle(e shelf.Entry) string {
	switch {
	case e.Title != "":
		return e.Title
	case e.ID != "":
		return e.ID
	}
	return filepath.Base(e.Path)
}
