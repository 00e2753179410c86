package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-reader/evidence-reader/internal/cli"
)

// fakeSandbox makes the tests' folder root stand for the document portal's
// (everything at or under it is a portal path) and sets whether the app
// runs in a Flatpak, until the test ends.
func fakeSandbox(t *testing.T, root string, flatpak bool) {
	t.Helper()
	oldPortal, oldFlatpak := portalPath, inFlatpak
	t.Cleanup(func() { portalPath, inFlatpak = oldPortal, oldFlatpak })
	portalPath = func(p string) bool {
		return root != "" && (p == root || strings.HasPrefix(p, root+string(filepath.Separator)))
	}
	inFlatpak = func() bool { return flatpak }
}

// A pack.toml chosen through the portal comes without its folder: it is not
// loaded; a dialog says why and offers the folder chooser, whose choice
// opens the pack. An .evpack from the portal opens as ever.
func TestPortalPackTomlOffersTheFolderChooser(t *testing.T) {
	s, w, _ := libraryShell(t)
	portal := t.TempDir()
	fakeSandbox(t, portal, true)
	folder := copyExample(t, portal, "doc-id")
	before := s.Loaded.Source

	typeShortcut(w, ctrl(fyne.KeyO))
	chooseFile(t, w, s.chooser, folder, "pack.toml")
	waitLoads(s)
	if s.Loaded.Source != before {
		t.Fatalf("a portal pack.toml was loaded: %+v", s.Loaded.Source)
	}
	top := w.Canvas().Overlays().Top()
	text := textOf(top)
	for _, want := range []string{"Choose the pack folder", "The Flatpak sandbox lets the app read only the file you chose, pack.toml, and not the rest of its pack folder"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the dialog does not say %q:\n%s", want, text)
		}
	}
	open := findButton(t, top, "Open pack folder…")
	s.folderChooser = nil
	test.Tap(open)
	d := s.folderChooser
	if d == nil || w.Canvas().Overlays().Top() == top {
		t.Fatal("Open pack folder… did not show the folder dialog")
	}
	lister, err := storage.ListerForURI(storage.NewFileURI(folder))
	if err != nil {
		t.Fatal(err)
	}
	d.SetLocation(lister)
	test.Tap(findButton(t, w.Canvas().Overlays().Top(), "Open"))
	waitLoads(s)
	if s.Loaded.Source.Kind != cli.SourceFolder || s.Loaded.Source.Path != folder || s.Loaded.Diags.HasErrors() {
		t.Fatalf("the folder chosen opened %+v (errors %v), want %s", s.Loaded.Source, s.Loaded.Diags.HasErrors(), folder)
	}

	// Outside a Flatpak (a build someone wrapped) it names no Flatpak.
	fakeSandbox(t, portal, false)
	s.OpenPack()
	chooseFile(t, w, s.chooser, folder, "pack.toml")
	if text := textOf(w.Canvas().Overlays().Top()); !strings.Contains(text, "The sandbox the app runs in lets the app read only the file you chose") || strings.Contains(text, "Flatpak") {
		t.Fatalf("outside a Flatpak the dialog says:\n%s", text)
	}
	findButton(t, w.Canvas().Overlays().Top(), "Cancel").OnTapped()

	archive := exampleArchive(t, portal, "shared.evpack")
	s.OpenPack()
	chooseFile(t, w, s.chooser, portal, "shared.evpack")
	waitLoads(s)
	if s.Loaded.Source.Kind != cli.SourceArchive || s.Loaded.Source.Path != archive {
		t.Fatalf("a portal .evpack opened %+v, want the archive", s.Loaded.Source)
	}
}

// A dropped path that cannot be read is named as such, with the reason in
// words, not as "not a pack"; in a Flatpak the notice says what to do.
func TestDropOfAnUnreadablePathSaysSo(t *testing.T) {
	for _, flatpak := range []bool{false, true} {
		s, w, _ := libraryShell(t)
		fakeSandbox(t, "", flatpak)
		dir := t.TempDir()
		gone := filepath.Join(dir, "gone-pack")
		pdf := filepath.Join(dir, "paper.pdf")
		os.WriteFile(pdf, []byte("%PDF"), 0o644)
		before := s.Loaded.Source
		s.Dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(gone), storage.NewFileURI(pdf)})
		waitLoads(s)
		if s.Loaded.Source != before {
			t.Fatalf("flatpak %v: the drop changed the open pack to %+v", flatpak, s.Loaded.Source)
		}
		text := textOf(w.Content())
		if !strings.Contains(text, "Could not be read, so not opened: gone-pack (not found).") {
			t.Errorf("flatpak %v: no could-not-be-read notice in:\n%s", flatpak, text)
		}
		if !strings.Contains(text, "Not a pack, so not opened: paper.pdf.") || strings.Contains(text, "gone-pack.") || strings.Contains(text, "gone-pack,") {
			t.Errorf("flatpak %v: the path that could not be read is called no pack, or the pdf is not:\n%s", flatpak, text)
		}
		if strings.Contains(text, "stat ") || strings.Contains(text, "no such file") {
			t.Errorf("flatpak %v: the notice shows a raw error:\n%s", flatpak, text)
		}
		if got := strings.Contains(text, "The Flatpak sandbox cannot read files dropped from other apps: open them with File › Open pack… (Ctrl+O) or Open pack folder… (Ctrl+Shift+O)."); got != flatpak {
			t.Errorf("flatpak %v: the Flatpak hint shown %v:\n%s", flatpak, got, text)
		}
	}
}

func TestUnreadReason(t *testing.T) {
	_, missing := os.Stat(filepath.Join(t.TempDir(), "none"))
	for err, want := range map[error]string{
		missing: "not found",
		&os.PathError{Op: "stat", Path: "/p", Err: os.ErrPermission}:                "no permission",
		&os.PathError{Op: "stat", Path: "/p", Err: errString("input/output error")}: "input/output error",
	} {
		if got := unreadReason(err); got != want {
			t.Errorf("unreadReason(%v) = %q, want %q", err, got, want)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// A pack followed in a portal folder gets a note in the preview bar that
// edits made outside the sandbox do not reload it; one in an ordinary
// folder gets no bar; turning Reload on change off takes the note away.
func TestPreviewBarNotesAPortalFolder(t *testing.T) {
	plain := copyPack(t, "../testdata/example-pack")
	portal := copyPack(t, "../testdata/example-pack")
	fakeSandbox(t, portal, true)

	h := previewShell(t, plain, cli.OpenOptions{})
	if !h.s.ReloadOnChange() || h.s.PreviewBarText() != "" {
		t.Fatalf("ordinary folder: followed %v, bar %q", h.s.ReloadOnChange(), h.s.PreviewBarText())
	}
	h.s.stopPreview()

	h = previewShell(t, portal, cli.OpenOptions{})
	want := "Edits saved by other apps are not seen automatically: the Flatpak sandbox does not report them for a folder opened through its file chooser. View › Reload pack (Ctrl+R) reads the pack again."
	if !h.s.ReloadOnChange() || h.s.PreviewBarText() != want {
		t.Fatalf("portal folder: followed %v, bar %q", h.s.ReloadOnChange(), h.s.PreviewBarText())
	}
	if text := textOf(h.w.Content()); !strings.Contains(text, want) {
		t.Fatalf("the note is not on the page:\n%s", text)
	}
	h.s.SetReloadOnChange(false)
	if text := h.s.PreviewBarText(); text != "" {
		t.Fatalf("Reload on change off: bar %q", text)
	}
}
