package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/evidence-reader/evidence-reader/internal/sandbox"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// What the Flatpak sandbox changes in the window (internal/sandbox knows
// where the app runs and what a document-portal path is): a pack.toml
// chosen through the portal's file chooser comes alone, without its
// folder (this file's dialog sends the reader to the folder chooser);
// dropped files are host paths the sandbox cannot see (Dropped says so);
// and a folder the portal exposes sends no change events (the preview
// bar says so).

// inFlatpak and portalPath are internal/sandbox's answers; tests replace
// them, so that a temporary folder can stand for a portal folder.
var (
	inFlatpak  = sandbox.InFlatpak
	portalPath = sandbox.PortalPath
)

// theSandbox names what keeps the app from the rest of the disk: the
// Flatpak sandbox, or, for a build someone else wrapped, just a sandbox.
func theSandbox() string {
	if inFlatpak() {
		return "the Flatpak sandbox"
	}
	return "the sandbox the app runs in"
}

// portalFileOnly says that a pack folder's file chosen through the portal
// came without the rest of its folder, and offers the folder chooser,
// whose choice goes to then as the Open pack… choice would have.
func (s *Shell) portalFileOnly(file string, start fyne.ListableURI, then func(path string)) {
	msg := fmt.Sprintf("%s lets the app read only the file you chose, %s, and not the rest of its pack folder, so the pack cannot be opened from it. "+
		"Choose the pack folder itself instead: the app may then read everything in it.",
		upperFirst(theSandbox()), filepath.Base(file))
	widgets.ShowConfirm("Choose the pack folder", msg, "Open pack folder…", "Cancel", func(ok bool) {
		if ok {
			s.chooseFolderFrom(start, then)
		}
	}, s.Win)
}

// flatpakDropHint follows the names of dropped files that could not be
// read, in a Flatpak.
const flatpakDropHint = "The Flatpak sandbox cannot read files dropped from other apps: open them with File › Open pack… (Ctrl+O) or Open pack folder… (Ctrl+Shift+O)."
