// Package ui is Evidence Reader's window shell: the entry points the
// command line calls (Open, Screenshot, RunPresent), the Shell around the
// reading views (sidebar, toolbar, notices, back/forward history, settings),
// menus and shortcuts, the About dialog, the error view for a pack that
// cannot be shown, the live preview of a pack on disk and its bar, the
// handout export, the font warm-up and the make bench
// wiring. The reading views are in ui/reader, the presentation in
// ui/present and the shared look and widgets in ui/widgets; the shell
// wires them together, and new rooms of the window go here.
package ui
