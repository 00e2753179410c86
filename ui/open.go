package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// Opening packs: File → Open pack…, Open pack folder…, a drop on the
// window, and the library. Every pack loads off the UI goroutine and is
// applied with fyne.Do; the open pack's reading position is kept on the
// shelf when another replaces it (SetPack saves it first).
//
// Fyne's file dialog picks either files or folders, never both, so Open
// pack… is a file dialog that shows folders and, of files, only .evpack
// files and pack.toml: choosing a pack folder's pack.toml opens the
// folder, which is the one file every pack folder has. Open pack folder…
// (the folder dialog) is there for those who would rather pick the folder
// itself.

// openPackTitle is the Open pack… dialog's title: it says what to choose.
const openPackTitle = "Open pack: a .evpack file, or pack.toml in a pack folder"

// OpenPack asks for a pack file or a pack folder's pack.toml and opens it
// (Ctrl+O).
func (s *Shell) OpenPack() {
	s.choosePack(openPackTitle, s.OpenPath)
}

// OpenFolder asks for a pack folder and opens it (Ctrl+Shift+O).
func (s *Shell) OpenFolder() {
	s.chooseFolderFrom(s.dialogStart(), s.OpenPath)
}

// chooseFolderFrom shows the Open pack folder… dialog, starting in the
// folder start (nil: Fyne's choice), and calls then with the folder chosen.
func (s *Shell) chooseFolderFrom(start fyne.ListableURI, then func(path string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, s.Win)
			return
		}
		if u == nil {
			return
		}
		then(u.Path())
	}, s.Win)
	d.SetTitleText("Open pack folder: the folder that holds pack.toml")
	d.SetConfirmText("Open")
	if start != nil {
		d.SetLocation(start)
	}
	showFileDialog(d)
	s.folderChooser = d
}

// packFilter shows, of files, only those Open pack… can open.
type packFilter struct{}

func (packFilter) Matches(u fyne.URI) bool {
	return strings.EqualFold(u.Name(), "pack.toml") || cli.IsArchivePath(u.Name())
}

// choosePack shows the Open pack… dialog and calls then with the pack's
// path: the .evpack file, or the folder of the chosen pack.toml. A
// pack.toml the document portal handed over comes without its folder
// (ui/sandbox.go), so then is not called for it: the reader is offered the
// folder chooser instead, whose choice goes to then.
func (s *Shell) choosePack(title string, then func(path string)) {
	s.choosePackFrom(title, s.dialogStart(), then)
}

// choosePackFrom is choosePack starting in the folder start (nil: Fyne's
// choice, the last folder).
func (s *Shell) choosePackFrom(title string, start fyne.ListableURI, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, s.Win)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		target := packPath(path)
		if target != path && portalPath(target) {
			s.portalFileOnly(path, start, then)
			return
		}
		then(target)
	}, s.Win)
	d.SetTitleText(title)
	d.SetConfirmText("Open")
	d.SetFilter(packFilter{})
	if start != nil {
		d.SetLocation(start)
	}
	showFileDialog(d)
	s.chooser = d
}

// packPath is the pack a chosen file stands for: a pack folder's own file
// (pack.toml, article.md, …) stands for its folder.
func packPath(path string) string {
	if _, ok := pack.SizeCaps[filepath.Base(path)]; ok || strings.EqualFold(filepath.Base(path), "pack.toml") {
		return filepath.Dir(path)
	}
	return path
}

// dialogStart is where the open dialogs start: beside the open pack, when
// it is on disk and still there; nil leaves it to Fyne (the last folder).
func (s *Shell) dialogStart() fyne.ListableURI {
	p := s.Loaded.Source.Path
	if s.Loaded.Source.Kind == cli.SourceBundled || p == "" {
		return nil
	}
	dir := filepath.Dir(p)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	return folderURI(dir)
}

// folderURI is dir as a dialog's location, nil when it cannot be listed.
func folderURI(dir string) fyne.ListableURI {
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// nearestFolder is the nearest folder above path that is still there:
// where a pack that was moved or deleted is looked for first. "" when
// path is not absolute or nothing above it is a folder.
func nearestFolder(path string) string {
	if !filepath.IsAbs(path) {
		return ""
	}
	for dir := filepath.Dir(filepath.Clean(path)); ; dir = filepath.Dir(dir) {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
		if dir == filepath.Dir(dir) {
			return ""
		}
	}
}

// OpenPath opens the pack folder or .evpack file at path, loading it off
// the UI goroutine. A pack with errors shows the error view.
func (s *Shell) OpenPath(path string) {
	now := s.Now()
	s.loadThen(filepath.Base(path), func() cli.Loaded { return cli.LoadPath(path, now) }, s.SetPack)
}

// openBundled opens the bundled pack (the one a first start already loaded,
// when there is one).
func (s *Shell) openBundled() {
	if p := s.lib.pending; p != nil {
		s.SetPack(*p)
		return
	}
	if s.opts.Bundled == nil {
		return
	}
	s.loadThen("the bundled pack", s.opts.Bundled, s.SetPack)
}

// busyDelay is how long a load may take before "Opening…" is shown.
const busyDelay = 400 * time.Millisecond

// loadThen runs load on a goroutine and then, on the UI goroutine, then
// with its result, unless another load started meanwhile (the last pack
// asked for wins). A load that takes a while shows "Opening name…".
func (s *Shell) loadThen(name string, load func() cli.Loaded, then func(cli.Loaded)) {
	lib := s.lib
	lib.gen++
	gen := lib.gen
	var busy dialog.Dialog
	done := false
	reader.AfterDelay(busyDelay, func() {
		if done || gen != lib.gen {
			return
		}
		bar := widget.NewProgressBarInfinite()
		busy = dialog.NewCustomWithoutButtons("Opening pack", container.NewVBox(widget.NewLabel("Opening "+name+"…"), bar), s.Win)
		busy.Show()
	})
	lib.loads.Add(1)
	go func() {
		defer lib.loads.Done()
		l := load()
		uiDo(func() {
			done = true
			if busy != nil {
				busy.Hide()
			}
			if gen != lib.gen {
				return
			}
			then(l)
		})
	}()
}

// uiDo runs f on the UI goroutine. Fyne's test driver runs fyne.Do at
// once on the calling goroutine, so tests queue f instead and run it on
// the test's goroutine, as the UI goroutine would (see waitLoads in the
// tests).
var uiDo = fyne.Do

// WaitLoads waits until the loads and copies in flight have handed their
// results to the UI goroutine.
func (s *Shell) WaitLoads() { s.lib.loads.Wait() }

// Dropped opens what was dropped on the window (Window.SetOnDropped): the
// first pack folder or .evpack file opens (a pack folder's pack.toml, or
// any of its files, stands for the folder), other packs go on the shelf,
// and anything else is named in a notice and left alone: what is no pack,
// and apart from it what could not be read at all (gone, no permission,
// or, in a Flatpak, outside what the sandbox can see).
func (s *Shell) Dropped(_ fyne.Position, uris []fyne.URI) {
	var packs, others, unread []string
	for _, u := range uris {
		if u == nil {
			continue
		}
		if u.Scheme() != "file" {
			others = append(others, u.String())
			continue
		}
		p, err := dropTarget(u.Path())
		switch {
		case err != nil:
			unread = append(unread, fmt.Sprintf("%s (%s)", filepath.Base(u.Path()), unreadReason(err)))
		case p != "":
			packs = append(packs, p)
		default:
			others = append(others, filepath.Base(u.Path()))
		}
	}
	var msgs []string
	if len(others) > 0 {
		msgs = append(msgs, fmt.Sprintf("Not a pack, so not opened: %s. Drop a pack folder or an .evpack file.", strings.Join(others, ", ")))
	}
	if len(unread) > 0 {
		msgs = append(msgs, fmt.Sprintf("Could not be read, so not opened: %s.", strings.Join(unread, ", ")))
		if inFlatpak() {
			msgs = append(msgs, flatpakDropHint)
		}
	}
	msg := strings.Join(msgs, " ")
	if len(packs) == 0 {
		s.closableNotice(msg)
		return
	}
	// The notices go on the page of the pack that opens, and the other
	// packs go on the shelf once it is open.
	path, rest, now := packs[0], packs[1:], s.Now()
	s.loadThen(filepath.Base(path), func() cli.Loaded { return cli.LoadPath(path, now) }, func(l cli.Loaded) {
		if msg != "" {
			s.lib.later = append(s.lib.later, msg)
		}
		s.SetPack(l)
		if len(rest) > 0 {
			s.shelve(rest)
		}
	})
}

// dropTarget is the pack a dropped path stands for, "" for something that
// is not a pack, and an error when the path cannot be read at all.
func dropTarget(path string) (string, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return "", err
	case st.IsDir():
		return path, nil
	case cli.IsArchivePath(path):
		return path, nil
	}
	if p := packPath(path); p != path {
		return p, nil
	}
	return "", nil
}

// unreadReason says in words why a path could not be read: "not found",
// "no permission", else the system's own words without the path.
func unreadReason(err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "not found"
	case errors.Is(err, fs.ErrPermission):
		return "no permission"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

// shelve puts packs on the shelf without opening them (the rest of a
// drop of several), loading them off the UI goroutine; packs with errors
// are named and left off.
func (s *Shell) shelve(paths []string) {
	now := s.Now()
	s.lib.loads.Add(1)
	go func() {
		defer s.lib.loads.Done()
		loads := make([]cli.Loaded, len(paths))
		for i, p := range paths {
			loads[i] = cli.LoadPath(p, now)
		}
		uiDo(func() {
			var put int
			var bad []string
			for i, l := range loads {
				if l.Diags.HasErrors() {
					bad = append(bad, fmt.Sprintf("%s (%s)", filepath.Base(paths[i]), cli.Plural(l.Diags.Count(pack.Error), "error")))
					continue
				}
				s.lib.shelf.Put(entryFor(l))
				put++
			}
			s.saveLibrary()
			s.refreshLibrary()
			var msg []string
			if put > 0 {
				msg = append(msg, fmt.Sprintf("Also put on the shelf: %s (File › Library, Ctrl+L).", cli.Plural(put, "pack")))
			}
			if len(bad) > 0 {
				msg = append(msg, "Not put on the shelf, because they have errors: "+strings.Join(bad, ", ")+".")
			}
			s.closableNotice(strings.Join(msg, " "))
		})
	}()
}

// closableNotice shows a notice with a close button above the page now
// on screen.
func (s *Shell) closableNotice(text string) {
	if s.notices == nil || text == "" {
		return
	}
	box := s.notices
	var bar fyne.CanvasObject
	bar = noticeBar(theme.InfoIcon(), text, func() { box.Remove(bar) })
	box.Add(bar)
}
