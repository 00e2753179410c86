// Package sandbox knows what the Flatpak sandbox changes for the app: whether
// it runs inside one, and whether a path is one the document portal made up.
//
// A Flatpak'd app with no filesystem access reads what the reader chooses in
// the desktop's file chooser (the xdg-desktop-portal), and the portal grants
// exactly what was chosen: one file, or one folder with everything in it. It
// hands the app a path in the document portal's own file system,
// /run/user/<uid>/doc/<id>/<name> (also reachable as /run/flatpak/doc/… in
// the sandbox), where the folder around a chosen file holds that file alone,
// and where inotify sees no edits made by the host's apps
// (flatpak/xdg-desktop-portal#567). Paths the app was granted with flatpak
// override --filesystem come at their real place and are ordinary.
//
// Both answers are found at run time, not by build tag, so a build wrapped
// in a Flatpak by someone else behaves the same. The package imports no
// Fyne package.
package sandbox

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// InfoFile is the file Flatpak puts at the root of every sandbox; its being
// there is the documented test for running inside one.
const InfoFile = "/.flatpak-info"

// InFlatpak reports whether the app runs inside a Flatpak sandbox. The
// answer cannot change while the app runs, so the file is looked at once.
func InFlatpak() bool { return inFlatpakOnce() }

var inFlatpakOnce = sync.OnceValue(func() bool { return HasInfoFile(InfoFile) })

// HasInfoFile reports whether info, a sandbox's InfoFile, exists: InFlatpak
// with the file given (tests pass one of their own).
func HasInfoFile(info string) bool {
	_, err := os.Lstat(info)
	return err == nil
}

// PortalPath reports whether path lies in the document portal's file
// system, at or under /run/user/<uid>/doc or /run/flatpak/doc. The path is
// cleaned first; a relative path is never a portal path.
func PortalPath(path string) bool {
	if !filepath.IsAbs(path) {
		return false
	}
	parts := strings.Split(strings.TrimPrefix(filepath.ToSlash(filepath.Clean(path)), "/"), "/")
	switch {
	case len(parts) >= 4 && parts[0] == "run" && parts[1] == "user" && isUID(parts[2]) && parts[3] == "doc":
		return true
	case len(parts) >= 3 && parts[0] == "run" && parts[1] == "flatpak" && parts[2] == "doc":
		return true
	}
	return false
}

// isUID reports whether s is a user id: decimal digits only.
func isUID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
