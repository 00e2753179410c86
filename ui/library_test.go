package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/evpack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/internal/shelf"
	"github.com/evidence-reader/evidence-reader/ui/reader"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

func init() {
	// Results of loads go to the UI goroutine; here, to the test's (see uiDo).
	uiDo = func(f func()) {
		queueMu.Lock()
		queue = append(queue, f)
		queueMu.Unlock()
	}
}

var (
	queueMu sync.Mutex
	queue   []func()
)

// waitLoads waits for the shell's loads and copies and runs what they hand
// to the UI goroutine, until none is left (an apply may start another).
func waitLoads(s *Shell) {
	for {
		s.WaitLoads()
		queueMu.Lock()
		q := queue
		queue = nil
		queueMu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}

// examplePack is the example pack folder from docs/pack-format.md.
func examplePack(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "testdata", "example-pack"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// copyExample copies the example pack folder to dir/name.
func copyExample(t *testing.T, dir, name string) string {
	t.Helper()
	files, err := evpack.ReadFolder(examplePack(t))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	os.MkdirAll(out, 0o755)
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(out, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// exampleArchive packs the example pack as dir/name (an .evpack).
func exampleArchive(t *testing.T, dir, name string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	if err := evpack.Write(examplePack(t), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// libraryShell is newTestShell with the settings and the shelf saved in
// a temporary folder, and Add to library copying into another.
func libraryShell(t *testing.T) (*Shell, fyne.Window, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "evidence-reader", settings.FileName)
	s, w := newTestShell(t, path)
	s.LibraryDir = filepath.Join(t.TempDir(), "packs")
	return s, w, path
}

func rowsOf(s *Shell) []string {
	var out []string
	for i := range s.Library().Entries() {
		out = append(out, strings.Join(s.Library().RowText(i), " | "))
	}
	return out
}

// key types a key as the driver would: to the focused widget, else to
// the canvas.
func key(s *Shell, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := s.Win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	s.Win.Canvas().OnTypedKey()(ev)
}

// The "done when": after opening the bundled pack and the example
// pack, Ctrl+L lists both with their review state and position.
func TestLibraryListsBothPacksWithReviewStateAndPosition(t *testing.T) {
	s, w, _ := libraryShell(t)
	if !strings.Contains(w.Title(), "(version 1.0.0) — Evidence Reader") {
		t.Fatalf("title %q does not name the version", w.Title())
	}
	// Read a third of the way into the bundled article, then open the
	// example pack: the bundled pack's place stays on the shelf.
	n := len(s.Loaded.Pack.Article.Blocks)
	s.Go(reader.Location{View: reader.ViewArticle, Block: n / 3})
	readTo := s.Article().Position().Block
	s.OpenPath(examplePack(t))
	waitLoads(s)
	if s.Loaded.Pack.Meta.ID != "example-stretching" {
		t.Fatalf("opened %q, want the example pack", s.Loaded.Pack.Meta.ID)
	}
	if want := "(version 0.1.0) — Evidence Reader"; !strings.HasSuffix(w.Title(), want) {
		t.Fatalf("title %q, want it to end %q", w.Title(), want)
	}

	typeShortcut(w, ctrl(fyne.KeyL))
	if !s.LibraryShowing() || w.Title() != "Library — Evidence Reader" {
		t.Fatalf("Ctrl+L: library showing %v, title %q", s.LibraryShowing(), w.Title())
	}
	es := s.Library().Entries()
	if len(es) != 2 || es[0].Kind != shelf.Bundled || es[1].ID != "example-stretching" {
		t.Fatalf("entries %+v, want the bundled pack then the example pack", es)
	}
	rows := rowsOf(s)
	bundled, example := rows[0], rows[1]
	b := s.lib.shelf.Entries[s.lib.shelf.Find("bundled")]
	wantPct := shelf.ProgressOf(cli.LoadBundled(time.Now()).Pack, settings.Location{View: "article", Block: readTo}).Percent
	for _, want := range []string{"Version 1.0.0", "reviewed 2026-11-27", "next review 2027-11-27",
		fmt.Sprintf("Read to Article, %d%%", wantPct), "Built into the app"} {
		if !strings.Contains(bundled, want) {
			t.Errorf("bundled row %q lacks %q", bundled, want)
		}
	}
	if b.Position == nil || b.Position.Block != readTo || wantPct <= 0 {
		t.Errorf("bundled position %+v, want block %d (%d%%)", b.Position, readTo, wantPct)
	}
	for _, want := range []string{"Example pack (illustrative data)", "Version 0.1.0", "reviewed 2026-11-27", "next review 2027-11-27",
		"Read to Article, 0%", "open now", "Folder " + examplePack(t)} {
		if !strings.Contains(example, want) {
			t.Errorf("example row %q lacks %q", example, want)
		}
	}
	if strings.Contains(bundled+example, "overdue") {
		t.Error("neither pack is overdue")
	}
	// The open pack is chosen; Esc goes back to it.
	if e, _ := s.Library().Selected(); e.ID != "example-stretching" {
		t.Fatalf("selected %q, want the open pack", e.ID)
	}
	key(s, fyne.KeyEscape)
	if s.LibraryShowing() || s.Article() == nil || s.Loaded.Pack.Meta.ID != "example-stretching" {
		t.Fatal("Esc did not return to the example pack")
	}
}

func TestSwitchingBackRestoresThePositionFromTheShelf(t *testing.T) {
	s, w, path := libraryShell(t)
	n := len(s.Loaded.Pack.Article.Blocks)
	s.Go(reader.Location{View: reader.ViewArticle, Block: n / 2})
	// A little way into the block, as TestSettingsPersistence does.
	s.Article().Docs.ScrollTo(s.Article().Docs.Offset() + 23)
	readTo := s.Article().Position().Block
	s.OpenPath(examplePack(t))
	waitLoads(s)
	// Back to the bundled pack from the library, with the keyboard.
	s.ShowLibrary()
	key(s, fyne.KeyHome)
	key(s, fyne.KeyReturn)
	waitLoads(s)
	if s.Loaded.Pack.Meta.ID != "spot-reduction" || s.LibraryShowing() {
		t.Fatalf("Enter on the bundled pack opened %q (library showing %v)", s.Loaded.Pack.Meta.ID, s.LibraryShowing())
	}
	if got := s.Article().Position().Block; got != readTo {
		t.Fatalf("bundled pack reopened at block %d, want %d", got, readTo)
	}
	// Saved: a new window (a restart) lists both, each with its place.
	s.SaveSettings()
	s2, _ := newTestShell(t, path)
	got := map[string]shelf.Entry{}
	for _, e := range s2.lib.shelf.Sorted() {
		got[e.ID] = e
	}
	if e := got["spot-reduction"]; e.Position == nil || e.Position.Block != readTo || e.LastOpened.IsZero() {
		t.Fatalf("after a restart the bundled entry is %+v", e)
	}
	if e := got["example-stretching"]; e.Position == nil || e.Path != examplePack(t) || e.Kind != shelf.Folder {
		t.Fatalf("after a restart the example entry is %+v", e)
	}
	_ = w
}

func TestLibraryKeys(t *testing.T) {
	s, w, _ := libraryShell(t)
	dir := t.TempDir()
	a := copyExample(t, dir, "a")
	bPack := exampleArchive(t, dir, "b.evpack")
	for _, p := range []string{a, bPack} {
		s.OpenPath(p)
		waitLoads(s)
	}
	typeShortcut(w, ctrl(fyne.KeyL))
	v := s.Library()
	if len(v.Entries()) != 3 {
		t.Fatalf("%d entries, want 3", len(v.Entries()))
	}
	if w.Canvas().Focused() != v.list {
		t.Fatalf("focus on %T, want the list", w.Canvas().Focused())
	}
	// Most recent first after the bundled pack: b.evpack is open and chosen.
	if e, _ := v.Selected(); e.Path != bPack {
		t.Fatalf("selected %q, want %q", e.Path, bPack)
	}
	key(s, fyne.KeyDown)
	if e, _ := v.Selected(); e.Path != a {
		t.Fatalf("Down chose %q, want %q", e.Path, a)
	}
	key(s, fyne.KeyDown) // stays on the last
	key(s, fyne.KeyHome)
	if e, _ := v.Selected(); e.Kind != shelf.Bundled {
		t.Fatal("Home did not choose the bundled pack")
	}
	key(s, fyne.KeyDelete)
	if len(v.Entries()) != 3 || !strings.Contains(v.Status(), "stays on the shelf") {
		t.Fatalf("Delete on the bundled pack: %d entries, status %q", len(v.Entries()), v.Status())
	}
	key(s, fyne.KeyEnd)
	// Backspace takes nothing off the shelf; only Delete, as the page says.
	key(s, fyne.KeyBackspace)
	if len(v.Entries()) != 3 || s.lib.shelf.Find("folder:"+a) < 0 {
		t.Fatalf("Backspace took a pack off the shelf: %d entries", len(v.Entries()))
	}
	key(s, fyne.KeyDelete)
	if len(v.Entries()) != 2 || s.lib.shelf.Find("folder:"+a) >= 0 {
		t.Fatalf("Delete did not take %s off the shelf", a)
	}
	if _, err := os.Stat(filepath.Join(a, "pack.toml")); err != nil {
		t.Fatal("taking a pack off the shelf touched its files")
	}
	if !strings.Contains(v.Status(), "Removed") {
		t.Fatalf("status %q", v.Status())
	}
	// F1 still works on the library page.
	key(s, fyne.KeyF1)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(textOf(top), "Library") {
		t.Fatal("F1 on the library page did not list the shortcuts (with Ctrl+L)")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	// With nothing focused the page still takes the keys.
	w.Canvas().Unfocus()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyHome})
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
	if e, _ := v.Selected(); e.Path != bPack {
		t.Fatalf("unfocused Down chose %q", e.Path)
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.LibraryShowing() || s.Loaded.Source.Path != bPack {
		t.Fatal("Enter on the open pack did not go back to it")
	}
}

func TestLibraryKeysReturnToThePack(t *testing.T) {
	s, w, _ := libraryShell(t)
	typeShortcut(w, ctrl(fyne.KeyL))
	// Enter on the open pack goes back to it without loading it again.
	before := s.Article()
	key(s, fyne.KeyReturn)
	if s.LibraryShowing() || s.Article() != before {
		t.Fatal("Enter on the open pack did not go straight back to it")
	}
	if !strings.Contains(w.Title(), "(version 1.0.0)") {
		t.Fatalf("title after going back: %q", w.Title())
	}
	typeShortcut(w, ctrl(fyne.Key2)) // the reading shortcuts are back
	if s.Current() != reader.ViewStudies {
		t.Fatalf("Ctrl+2 after the library showed %q", s.Current())
	}
}

func TestDoubleClickOpensAndClickChooses(t *testing.T) {
	s, w, _ := libraryShell(t)
	ex := examplePack(t)
	s.lib.shelf.Put(shelf.Entry{Kind: shelf.Folder, Path: ex, ID: "example-stretching", Title: "Example"})
	s.ShowLibrary()
	w.Resize(fyne.NewSize(1100, 750))
	var rows []*shelfRow
	walk(w.Content(), func(o fyne.CanvasObject) bool {
		if r, ok := o.(*shelfRow); ok && r.id >= 0 && r.Visible() {
			rows = append(rows, r)
		}
		return true
	})
	if len(rows) < 2 {
		t.Fatalf("%d rows drawn, want 2", len(rows))
	}
	var exRow *shelfRow
	for _, r := range rows {
		if s.Library().Entries()[r.id].Path == ex {
			exRow = r
		}
	}
	test.Tap(exRow)
	if e, _ := s.Library().Selected(); e.Path != ex || w.Canvas().Focused() != s.Library().list {
		t.Fatalf("a click chose %q (focus %T)", e.Path, w.Canvas().Focused())
	}
	test.DoubleTap(exRow)
	waitLoads(s)
	if s.LibraryShowing() || s.Loaded.Pack.Meta.ID != "example-stretching" {
		t.Fatal("a double click did not open the pack")
	}
}

func TestMissingPackIsNotFoundAndCanBeLocated(t *testing.T) {
	s, w, _ := libraryShell(t)
	dir := t.TempDir()
	old := copyExample(t, dir, "old")
	s.OpenPath(old)
	waitLoads(s)
	s.Go(reader.Location{View: reader.ViewStudies, Block: -1, Study: s.Loaded.Pack.Studies[1].ID})
	s.openBundled()
	waitLoads(s)
	moved := filepath.Join(dir, "moved")
	if err := os.Rename(old, moved); err != nil {
		t.Fatal(err)
	}
	s.ShowLibrary()
	v := s.Library()
	v.Select(1)
	// The page is up at once, before anything looked at the disk: the
	// check runs off the UI goroutine, and its answers come through uiDo.
	if row := strings.Join(v.RowText(1), " | "); !strings.Contains(row, "Folder "+old) || strings.Contains(row, "Not found") {
		t.Fatalf("row %q before the check", row)
	}
	waitLoads(s)
	row := strings.Join(v.RowText(1), " | ")
	if !strings.Contains(row, "Not found: folder "+old+" was moved or deleted. Locate…") {
		t.Fatalf("row %q does not say the pack is missing", row)
	}
	if v.open.Visible() || !v.locate.Visible() {
		t.Fatal("a missing pack offers Open instead of Locate…")
	}
	// Enter on a missing pack asks where it is; the dialog shows the
	// pack's pack.toml and none of its other files.
	key(s, fyne.KeyReturn)
	d := s.chooser
	if d == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("Locate… did not show the open dialog")
	}
	// It starts where the pack was: in dir, beside the folder it went to
	// (the open pack is the bundled one, which gives no folder).
	if names := dialogNames(w); !slices.Contains(names, "moved") {
		t.Fatalf("Locate… starts in a folder showing %v, want %s with moved in it", names, dir)
	}
	chooseFile(t, w, d, moved, "pack.toml")
	waitLoads(s)
	if s.LibraryShowing() || s.Loaded.Pack.Meta.ID != "example-stretching" || s.Loaded.Source.Path != moved {
		t.Fatalf("after Locate…: %q from %q", s.Loaded.Pack.Meta.ID, s.Loaded.Source.Path)
	}
	// One entry, at the new place, with the old place in the pack kept.
	if s.lib.shelf.Find("folder:"+old) >= 0 || len(s.lib.shelf.Entries) != 2 {
		t.Fatalf("shelf after Locate…: %+v", s.lib.shelf.Entries)
	}
	if s.Current() != reader.ViewStudies {
		t.Fatalf("located pack opened at %q, want where the reader left it (studies)", s.Current())
	}
}

func TestLocateRefusesAnotherPack(t *testing.T) {
	s, w, _ := libraryShell(t)
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone.evpack")
	s.lib.shelf.Put(shelf.Entry{Kind: shelf.Archive, Path: gone, ID: "something-else", Title: "Something else"})
	s.ShowLibrary()
	waitLoads(s)
	s.Library().Select(1)
	other := copyExample(t, dir, "other")
	key(s, fyne.KeyReturn)
	chooseFile(t, w, s.chooser, other, "pack.toml")
	waitLoads(s)
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textOf(top), "Not the same pack") {
		t.Fatal("locating a different pack did not say so")
	}
	if s.lib.shelf.Find("archive:"+gone) < 0 || s.Loaded.Pack.Meta.ID != "spot-reduction" {
		t.Fatal("locating a different pack changed the shelf or the open pack")
	}
}

// dialogNames are the names the file dialog on top shows.
func dialogNames(w fyne.Window) []string {
	var names []string
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
		if fmt.Sprintf("%T", o) == "*dialog.fileDialogItem" {
			names = append(names, strings.TrimSpace(textOf(o)))
		}
		return true
	})
	return names
}

func TestNearestFolder(t *testing.T) {
	dir := t.TempDir()
	for path, want := range map[string]string{
		filepath.Join(dir, "gone"):                          dir,
		filepath.Join(dir, "gone", "deeper", "pack.evpack"): dir,
		filepath.Join(dir, "pack.evpack"):                   dir,
		"relative/pack.evpack":                              "",
	} {
		if got := nearestFolder(path); got != want {
			t.Errorf("nearestFolder(%q) = %q, want %q", path, got, want)
		}
	}
}

// chooseFile drives Fyne's file dialog: it goes to dir, clicks name and
// then Open.
func chooseFile(t *testing.T, w fyne.Window, d *dialog.FileDialog, dir, name string) {
	t.Helper()
	lister, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		t.Fatal(err)
	}
	d.SetView(dialog.ListView) // full names (the grid hides extensions)
	d.SetLocation(lister)
	d.Resize(fyne.NewSize(760, 520)) // lays the new list out
	top := w.Canvas().Overlays().Top()
	var names []string
	var item fyne.Tappable
	walk(top, func(o fyne.CanvasObject) bool {
		if fmt.Sprintf("%T", o) != "*dialog.fileDialogItem" {
			return true
		}
		n := strings.TrimSpace(textOf(o))
		names = append(names, n)
		if n == name {
			item = o.(fyne.Tappable)
		}
		return true
	})
	if item == nil {
		t.Fatalf("the dialog in %s shows %v, not %s", dir, names, name)
	}
	for _, n := range names {
		// Folders (no dots in these test names), pack.toml and .evpack.
		if strings.Contains(n, ".") && n != "pack.toml" && !strings.HasSuffix(n, ".evpack") {
			t.Fatalf("the dialog shows %q, which is no pack (all: %v)", n, names)
		}
	}
	item.Tapped(&fyne.PointEvent{})
	var open *widget.Button
	walk(top, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == "Open" {
			open = b
			return false
		}
		return true
	})
	if open == nil || open.Disabled() {
		t.Fatal("the dialog's Open button is missing or disabled")
	}
	test.Tap(open)
}

func TestOpenDialogTakesAnEvpackOrAFoldersPackToml(t *testing.T) {
	s, w, _ := libraryShell(t)
	dir := t.TempDir()
	folder := copyExample(t, dir, "folder-pack")
	archive := exampleArchive(t, dir, "stretching.evpack")
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a pack"), 0o644)

	typeShortcut(w, ctrl(fyne.KeyO))
	if s.chooser == nil || !strings.Contains(textOf(w.Canvas().Overlays().Top()), openPackTitle) {
		t.Fatal("Ctrl+O did not show the Open pack… dialog")
	}
	chooseFile(t, w, s.chooser, dir, "stretching.evpack")
	waitLoads(s)
	if s.Loaded.Source.Kind != cli.SourceArchive || s.Loaded.Source.Path != archive || s.Loaded.Diags.HasErrors() {
		t.Fatalf("opened %+v (errors %v), want the archive", s.Loaded.Source, s.Loaded.Diags.HasErrors())
	}
	about := textOf(s.AboutContent())
	if !strings.Contains(about, "Opened from: pack file "+archive) || !strings.Contains(about, "Version: 0.1.0") {
		t.Fatalf("About does not say where the pack came from:\n%s", about)
	}

	s.OpenPack()
	chooseFile(t, w, s.chooser, folder, "pack.toml")
	waitLoads(s)
	if s.Loaded.Source.Kind != cli.SourceFolder || s.Loaded.Source.Path != folder {
		t.Fatalf("choosing pack.toml opened %+v, want the folder %s", s.Loaded.Source, folder)
	}
	if len(s.lib.shelf.Entries) != 3 {
		t.Fatalf("shelf %+v, want the bundled pack, the archive and the folder", s.lib.shelf.Entries)
	}
}

func TestPackFilter(t *testing.T) {
	for name, want := range map[string]bool{"pack.toml": true, "PACK.TOML": true, "x.evpack": true, "X.EVPACK": true,
		"article.md": false, "notes.toml": false, "x.zip": false} {
		if got := (packFilter{}).Matches(storage.NewFileURI("/d/" + name)); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

func TestDropOpensThePackAndShelvesTheRest(t *testing.T) {
	s, w, _ := libraryShell(t)
	dir := t.TempDir()
	archive := exampleArchive(t, dir, "dropped.evpack")
	folder := copyExample(t, dir, "dropped-folder")
	broken := writeBrokenPack(t)
	pdf := filepath.Join(dir, "paper.pdf")
	os.WriteFile(pdf, []byte("%PDF"), 0o644)
	n := len(s.Loaded.Pack.Article.Blocks)
	s.Go(reader.Location{View: reader.ViewArticle, Block: n / 4})
	readTo := s.Article().Position().Block

	s.Dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(archive), storage.NewFileURI(pdf), storage.NewFileURI(folder), storage.NewFileURI(broken)})
	waitLoads(s)
	if s.Loaded.Source.Path != archive || s.Article() == nil {
		t.Fatalf("the drop opened %+v, want the archive", s.Loaded.Source)
	}
	if e, ok := s.lib.shelf.Get("bundled"); !ok || e.Position == nil || e.Position.Block != readTo {
		t.Fatalf("the pack the drop replaced lost its place: %+v", e)
	}
	if f, ok := s.lib.shelf.Get("folder:" + folder); !ok || !f.LastOpened.IsZero() {
		t.Fatalf("the second dropped pack is not on the shelf (unopened): %+v %v", f, ok)
	}
	if s.lib.shelf.Find("folder:"+broken) >= 0 {
		t.Fatal("a pack with errors was put on the shelf")
	}
	text := textOf(w.Content())
	for _, want := range []string{"Not a pack, so not opened: paper.pdf", "Also put on the shelf: 1 pack", "because they have errors: " + filepath.Base(broken)} {
		if !strings.Contains(text, want) {
			t.Errorf("no notice %q in:\n%s", want, text)
		}
	}
	// A pack folder's pack.toml dropped alone opens the folder.
	s.Dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(filepath.Join(folder, "pack.toml"))})
	waitLoads(s)
	if s.Loaded.Source.Kind != cli.SourceFolder || s.Loaded.Source.Path != folder {
		t.Fatalf("dropping pack.toml opened %+v", s.Loaded.Source)
	}
	// Nothing usable: nothing changes.
	s.Dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(filepath.Join(dir, "nothing-here"))})
	waitLoads(s)
	if s.Loaded.Source.Path != folder {
		t.Fatal("a drop of nothing usable changed the open pack")
	}
}

func TestLastOpenWins(t *testing.T) {
	s, _, _ := libraryShell(t)
	dir := t.TempDir()
	first := copyExample(t, dir, "first")
	second := exampleArchive(t, dir, "second.evpack")
	s.OpenPath(first)
	s.OpenPath(second)
	waitLoads(s)
	if s.Loaded.Source.Path != second {
		t.Fatalf("open pack %s, want the one asked for last", s.Loaded.Source.Path)
	}
	if s.lib.shelf.Find("folder:"+first) >= 0 {
		t.Fatal("the load that lost was applied too")
	}
}

func TestAddToLibraryCopiesThePackFile(t *testing.T) {
	s, w, _ := libraryShell(t)
	downloads := t.TempDir()
	src := exampleArchive(t, downloads, "stretching.evpack")
	s.OpenPath(src)
	waitLoads(s)
	var menuHas bool
	for _, it := range w.MainMenu().Items[0].Items {
		menuHas = menuHas || it.Label == "Add to library"
	}
	if !menuHas {
		t.Fatal("File has no Add to library for a pack file")
	}
	s.ShowLibrary()
	v := s.Library()
	if !v.add.Visible() {
		t.Fatal("no Add to library for the open pack file")
	}
	test.Tap(v.add)
	waitLoads(s)
	e, ok := s.currentEntry()
	if !ok || !e.Copy || e.Original != src || filepath.Dir(e.Path) != s.LibraryDir {
		t.Fatalf("after Add to library: %+v", e)
	}
	if b, err := os.ReadFile(e.Path); err != nil || len(b) == 0 {
		t.Fatalf("no copy at %s: %v", e.Path, err)
	}
	row := strings.Join(v.RowText(v.selected), " | ")
	if !strings.Contains(row, "Copy in the library · from "+src) || v.add.Visible() {
		t.Fatalf("row %q (add visible %v)", row, v.add.Visible())
	}
	if !strings.Contains(textOf(s.AboutContent()), "a copy in the library, from "+src) {
		t.Fatal("About does not say the pack is a copy")
	}
	// Downloads cleaned: the copy is still there and opens.
	os.Remove(src)
	s.refreshLibrary()
	waitLoads(s)
	if strings.Contains(strings.Join(v.RowText(v.selected), " "), "Not found") {
		t.Fatal("the copy was reported missing when the original went")
	}
	// Removing a copy asks, then deletes the copy. The question is
	// destructive: Cancel has focus, and Esc and Enter (focused, or with
	// nothing focused, after a click on the question's text) say no.
	for _, answer := range []func(){
		func() { key(s, fyne.KeyEscape) },
		func() { key(s, fyne.KeyReturn) },
		func() { w.Canvas().Unfocus(); key(s, fyne.KeyReturn) },
	} {
		key(s, fyne.KeyDelete)
		top := w.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(textOf(top), "deletes the copy") {
			t.Fatal("removing a copy did not ask first")
		}
		if f, ok := w.Canvas().Focused().(*widgets.KeyButton); !ok || &f.Button != findButton(t, top, "Cancel") {
			t.Fatalf("the question's Cancel button has no focus (focus on %T)", w.Canvas().Focused())
		}
		if b := findButton(t, top, "Remove"); b.Importance != widget.DangerImportance {
			t.Fatal("the Remove button is not marked as dangerous")
		}
		answer()
		if w.Canvas().Overlays().Top() != nil || s.lib.shelf.Find(e.Key()) < 0 {
			t.Fatal("the answer did not close the question, or removed the copy")
		}
		if _, err := os.Stat(e.Path); err != nil {
			t.Fatal("saying no deleted the copy")
		}
	}
	// Remove says yes.
	key(s, fyne.KeyDelete)
	test.Tap(findButton(t, w.Canvas().Overlays().Top(), "Remove"))
	if _, err := os.Stat(e.Path); !os.IsNotExist(err) {
		t.Fatal("the copy was not deleted")
	}
	if s.lib.shelf.Find(e.Key()) >= 0 {
		t.Fatal("the copy is still on the shelf")
	}
}

// Add to library on the open pack, then a reload (Ctrl+R): the window
// reloads the copy, not the original, and the shelf keeps one entry for
// the pack (the previewer used to follow the original's path, and the
// reload shelved it again).
func TestAddToLibraryThenReloadStaysOnTheCopy(t *testing.T) {
	s, w, _ := libraryShell(t)
	q := &uiQueue{wake: make(chan struct{}, 1)}
	s.live.do = q.do
	reloads := 0
	s.live.reloaded = func() { reloads++ }
	t.Cleanup(s.stopPreview)
	src := exampleArchive(t, t.TempDir(), "stretching.evpack")
	s.OpenPath(src)
	waitLoads(s)
	s.ShowLibrary()
	test.Tap(s.Library().add)
	waitLoads(s)
	e, ok := s.currentEntry()
	if !ok || !e.Copy {
		t.Fatalf("after Add to library the open pack's entry is %+v", e)
	}
	entries := len(s.lib.shelf.Sorted())
	key(s, fyne.KeyEscape) // back to the pack
	if s.LibraryShowing() {
		t.Fatal("Esc did not return to the pack")
	}
	typeShortcut(w, ctrl(fyne.KeyR))
	q.until(t, "the reload", func() bool { return reloads > 0 })
	if s.Loaded.Source.Path != e.Path {
		t.Fatalf("the reload opened %s, want the copy %s", s.Loaded.Source.Path, e.Path)
	}
	if got := len(s.lib.shelf.Sorted()); got != entries {
		t.Fatalf("the reload changed the shelf from %d entries to %d: %v", entries, got, rowsOf(s))
	}
	if s.lib.shelf.Find("archive:"+src) >= 0 {
		t.Fatal("the reload put the original back on the shelf")
	}
	if cur, _ := s.currentEntry(); cur.Key() != e.Key() {
		t.Fatalf("the open pack's entry is %+v, want the copy's", cur)
	}
}

// Add to library on a pack that is not the open one keeps that pack
// chosen, though its shelf key changes to the copy's.
func TestAddToLibraryKeepsTheAddedPackChosen(t *testing.T) {
	s, _, _ := libraryShell(t)
	src := exampleArchive(t, t.TempDir(), "stretching.evpack")
	s.OpenPath(src)
	waitLoads(s)
	s.openBundled()
	waitLoads(s)
	s.ShowLibrary()
	v := s.Library()
	if !v.SelectKey("archive:" + src) {
		t.Fatalf("no entry for %s: %v", src, rowsOf(s))
	}
	test.Tap(v.add)
	waitLoads(s)
	e, ok := v.Selected()
	if !ok || !e.Copy || e.Original != src {
		t.Fatalf("after Add to library the chosen entry is %+v, want the copy of %s", e, src)
	}
	if cur, _ := s.currentEntry(); cur.Kind != shelf.Bundled {
		t.Fatalf("the open pack changed to %+v", cur)
	}
}

func TestRemovingNeverDeletesOutsideTheLibraryFolder(t *testing.T) {
	s, w, _ := libraryShell(t)
	f := exampleArchive(t, t.TempDir(), "mine.evpack")
	// A shelf file claiming a file elsewhere is a copy.
	s.lib.shelf.Put(shelf.Entry{Kind: shelf.Archive, Path: f, Copy: true, Title: "Mine"})
	s.ShowLibrary()
	s.Library().Select(1)
	key(s, fyne.KeyDelete)
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Fatal("asked to delete a file outside the library folder")
	}
	if _, err := os.Stat(f); err != nil {
		t.Fatal("a file outside the library folder was deleted")
	}
}

func TestFirstStartShowsTheLibrary(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	path := filepath.Join(t.TempDir(), settings.FileName)
	set, notice := loadSettings(path)
	lib := loadLibrary(path, set)
	if !lib.first {
		t.Fatal("no settings and no shelf: a first start")
	}
	l := cli.LoadBundled(time.Now())
	s := newShell(a, w, l, cli.OpenOptions{Bundled: func() cli.Loaded { return cli.LoadBundled(time.Now()) }}, path, set, notice, lib)
	// The shelf and settings are written on goroutines of their own: wait
	// for them before the temporary folder is removed.
	t.Cleanup(s.flushSaves)
	if !s.LibraryShowing() || s.Library().back.Visible() {
		t.Fatal("a first start did not show the library (without a Back button)")
	}
	if e := s.Library().Entries(); len(e) != 1 || e[0].Kind != shelf.Bundled || e[0].Title == "" {
		t.Fatalf("first shelf %+v, want the bundled pack", e)
	}
	if _, err := os.Stat(shelf.Path(path)); err != nil {
		t.Fatal("the first shelf was not saved, so every start would be a first start")
	}
	key(s, fyne.KeyReturn)
	if s.LibraryShowing() || s.Article() == nil {
		t.Fatal("Enter did not open the bundled pack")
	}
	// The next start is not a first start.
	set2, _ := loadSettings(path)
	if loadLibrary(path, set2).first {
		t.Fatal("the second start was a first start too")
	}
}

func TestMigratedReaderIsNotAFirstStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), settings.FileName)
	var set settings.Settings
	set.Set("spot-reduction", settings.Pack{Position: settings.Location{View: "article", Block: 12}})
	if err := settings.Save(path, set); err != nil {
		t.Fatal(err)
	}
	set, _ = loadSettings(path)
	lib := loadLibrary(path, set)
	if lib.first {
		t.Fatal("a reader with today's settings file got the first-start library")
	}
	e, _ := lib.shelf.Get("bundled")
	if e.Position == nil || e.Position.Block != 12 {
		t.Fatalf("position not migrated: %+v", e.Position)
	}
	// Opening describes the migrated position.
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	s := newShell(a, w, cli.LoadBundled(time.Now()), cli.OpenOptions{}, path, set, "", lib)
	t.Cleanup(s.flushSaves)
	w.Resize(fyne.NewSize(1100, 750))
	if got := s.Article().Position().Block; got != 12 {
		t.Fatalf("opened at block %d, want the migrated 12", got)
	}
	if e, _ := s.lib.shelf.Get("bundled"); e.Progress.View != "article" || e.Progress.Percent <= 0 {
		t.Fatalf("migrated progress not described: %+v", e.Progress)
	}
}

func TestCorruptShelfNoticeOnceAndStartsWithTheBundledPack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, settings.FileName)
	body := `{"version":1,"entries":[{"kind":"folder","pa`
	os.WriteFile(shelf.Path(path), []byte(body), 0o644)
	s, w := newTestShell(t, path)
	text := textOf(w.Content())
	if strings.Count(text, "library starts empty") != 1 || !strings.Contains(text, shelf.Path(path)+".bad") {
		t.Fatalf("want one notice naming the kept file:\n%s", text)
	}
	if b, _ := os.ReadFile(shelf.Path(path) + ".bad"); string(b) != body {
		t.Fatal("the damaged shelf was not kept aside intact")
	}
	if s.Article() == nil {
		t.Fatal("a damaged shelf stopped the pack from opening")
	}
	s.ShowLibrary()
	if e := s.Library().Entries(); len(e) != 1 || e[0].Kind != shelf.Bundled {
		t.Fatalf("entries %+v, want just the bundled pack", e)
	}
	if strings.Contains(textOf(w.Content()), "library starts empty") {
		t.Fatal("the notice was shown twice")
	}
	// The shelf is saved again, readable.
	s.SaveSettings()
	if _, found, n := shelf.Load(shelf.Path(path)); !found || n != "" {
		t.Fatalf("after saving: found %v, notice %q", found, n)
	}
}

func TestUnsavableShelfSaysSoOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, settings.FileName)
	os.Mkdir(shelf.Path(path), 0o755) // a folder where the file goes
	s, w := newTestShell(t, path)
	text := textOf(w.Content())
	// One notice: it could not be read, so it is not saved (and no
	// save failure on top).
	if n := strings.Count(text, "The library could not be saved"); n != 0 || strings.Count(text, "could not be read") != 1 || !strings.Contains(text, "is not saved") {
		t.Fatalf("%d save-failure notices, want none, and one read failure saying it is not saved:\n%s", n, text)
	}
	s.OpenPath(examplePack(t))
	waitLoads(s)
	s.SaveSettings()
	if n := strings.Count(textOf(w.Content()), "The library could not be saved"); n != 0 {
		t.Fatalf("the save failure was reported %d more times", n)
	}
	if s.Article() == nil {
		t.Fatal("an unsavable shelf stopped a pack from opening")
	}
}

// Settings and a shelf file that are there but cannot be read are left
// alone for the session: one notice each at start, none when saving, and
// the files are not replaced.
func TestUnreadableFilesAreNotReplaced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evidence-reader", settings.FileName)
	os.MkdirAll(filepath.Dir(path), 0o755)
	shelfPath := shelf.Path(path)
	for _, p := range []string{path, shelfPath} {
		if err := os.Symlink(filepath.Base(p), p); err != nil { // a link to itself: unreadable
			t.Skip("no symbolic links here:", err)
		}
	}
	s, w := newTestShell(t, path)
	text := textOf(w.Content())
	if !strings.Contains(text, "Settings could not be read") || !strings.Contains(text, "library of packs could not be read") {
		t.Fatalf("no notices at start:\n%s", text)
	}
	s.OpenPath(examplePack(t))
	waitLoads(s)
	s.SaveSettings()
	if text := textOf(w.Content()); strings.Contains(text, "could not be saved") {
		t.Fatalf("a second notice when saving:\n%s", text)
	}
	for _, p := range []string{path, shelfPath} {
		if st, err := os.Lstat(p); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s was replaced (%v, %v)", p, st.Mode(), err)
		}
	}
}

func TestOverdueAndOpenNowInTheLibrary(t *testing.T) {
	s, _, _ := libraryShell(t)
	s.Now = func() time.Time { return time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC) }
	s.ShowLibrary()
	row := strings.Join(s.Library().RowText(0), " | ")
	if !strings.Contains(row, "⚠ Review overdue") || !strings.Contains(row, "open now") {
		t.Fatalf("row %q, want the overdue badge and open now", row)
	}
}

// Ctrl+Shift+O shows the folder dialog (shown before sized, as Ctrl+E).
func TestOpenFolderShowsTheFolderDialog(t *testing.T) {
	s, w := newTestShell(t, "")
	typeShortcut(w, ctrlShift(fyne.KeyO))
	if top := w.Canvas().Overlays().Top(); top == nil || findButton(t, top, "Open") == nil {
		t.Fatal("Ctrl+Shift+O did not show the folder dialog")
	}
	_ = s
}

// Switching packs while reading the article shows the new pack's article
// (show once skipped it: the view name was the same as before).
func TestSwitchingPacksShowsTheNewArticle(t *testing.T) {
	s, _, _ := libraryShell(t)
	if s.Current() != reader.ViewArticle {
		t.Fatalf("start on %q", s.Current())
	}
	s.OpenPath(examplePack(t))
	waitLoads(s)
	if !s.Article().Object().Visible() || s.Current() != reader.ViewArticle {
		t.Fatalf("after switching packs the article is hidden (current %q)", s.Current())
	}
	for name, v := range s.views {
		if name != reader.ViewArticle && v.Object().Visible() {
			t.Errorf("view %s is shown beside the article", name)
		}
	}
}

// While a pack loads, the window is shown in the theme the pack will
// have: the settings of the pack the shelf last saw at the path being
// loaded (the path as typed, relative or not), the defaults for a path it
// does not know, the bundled pack's for the bundled pack. The shell then
// keeps that theme instead of setting an equal one again.
func TestExpectedThemeWhileLoading(t *testing.T) {
	path := filepath.Join(t.TempDir(), settings.FileName)
	dir := examplePack(t)
	ex := cli.LoadPath(dir, time.Now())
	bundled := cli.LoadBundled(time.Now())
	var set settings.Settings
	set.Set(ex.Pack.Meta.ID, settings.Pack{Theme: settings.ThemeDark, TextScale: 1.2})
	set.Set(bundled.Pack.Meta.ID, settings.Pack{Theme: settings.ThemeLight, TextScale: 1})
	lib := loadLibrary(path, set)
	lib.shelf.Put(entryFor(ex))
	rel := filepath.Join("..", "testdata", "example-pack")
	loading := cli.OpenOptions{Loading: make(chan cli.Loaded)}
	for _, c := range []struct {
		name string
		l    cli.Loaded
		o    cli.OpenOptions
		mode string
	}{
		{"a shelved folder", cli.Loaded{}, cli.OpenOptions{Loading: loading.Loading, LoadingPath: rel}, settings.ThemeDark},
		{"an unknown folder", cli.Loaded{}, cli.OpenOptions{Loading: loading.Loading, LoadingPath: t.TempDir()}, settings.ThemeSystem},
		{"the bundled pack", cli.Loaded{}, loading, settings.ThemeLight},
		{"a loaded pack", ex, cli.OpenOptions{}, settings.ThemeDark},
	} {
		if got := expectedTheme(c.l, c.o, set, lib); got.Mode != c.mode {
			t.Errorf("%s: theme %q, want %q", c.name, got.Mode, c.mode)
		}
	}

	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	want := expectedTheme(ex, cli.OpenOptions{}, set, lib)
	a.Settings().SetTheme(want)
	s := newShell(a, w, ex, cli.OpenOptions{}, path, set, "", lib)
	t.Cleanup(s.flushSaves)
	if got := a.Settings().Theme(); got != fyne.Theme(want) || s.theme != want {
		t.Errorf("the shell set the theme again: %v, want %v kept", got, want)
	}
}

func TestUpperFirst(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "A", "école": "École", "ßx": "ßx", "über alles": "Über alles", "1.0": "1.0"} {
		if got := upperFirst(in); got != want {
			t.Errorf("upperFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
