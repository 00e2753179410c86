// Package widgets holds the look and the small widgets that Evidence
// Reader's window shell (package ui) and its reading views (ui/reader)
// share: the reader theme, the outcome types' colours (which the slides in
// ui/present use too), a theme-coloured rectangle, rich-text label
// helpers, the dialog with a Close button that Esc activates, the
// confirmation that Enter confirms and Esc cancels (ConfirmDialog), and the
// dialogs of the link-opening policy. It imports neither the shell nor the
// views.
package widgets
