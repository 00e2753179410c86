package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/ui/reader"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// shortcut is one keyboard shortcut with what it does, for the menus, the
// canvas and the F1 dialog.
type shortcut struct {
	keys   []*desktop.CustomShortcut
	label  string
	action func()
	// reading is false for shortcuts that need a loaded pack's views.
	reading bool
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func alt(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

func plain(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k}
}

// Shortcuts lists every shortcut, in the order the F1 dialog shows them.
func (s *Shell) shortcuts() []shortcut {
	list := []shortcut{}
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6}
	for i, v := range s.order {
		if i >= len(keys) {
			break
		}
		name := v.name
		list = append(list, shortcut{keys: []*desktop.CustomShortcut{ctrl(keys[i])}, label: "Show " + v.title, action: func() { s.GoView(name) }, reading: true})
	}
	if searchOpener != nil {
		list = append(list, shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyK), ctrl(fyne.KeyF)}, label: "Search everywhere", action: s.OpenSearch, reading: true})
	}
	list = append(list,
		shortcut{keys: []*desktop.CustomShortcut{alt(fyne.KeyLeft)}, label: "Back", action: s.Back, reading: true},
		shortcut{keys: []*desktop.CustomShortcut{alt(fyne.KeyRight)}, label: "Forward", action: s.Forward, reading: true},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyPlus), ctrl(fyne.KeyEqual), ctrlShift(fyne.KeyEqual)}, label: "Bigger text", action: func() { s.Zoom(1) }},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyMinus)}, label: "Smaller text", action: func() { s.Zoom(-1) }},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.Key0)}, label: "Reset text size", action: func() { s.Zoom(0) }},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyO)}, label: "Open pack (a .evpack file, or pack.toml in a folder)…", action: s.OpenPack},
		shortcut{keys: []*desktop.CustomShortcut{ctrlShift(fyne.KeyO)}, label: "Open pack folder…", action: s.OpenFolder},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyL)}, label: "Library: every pack you have opened", action: s.ShowLibrary},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyE)}, label: "Export handout…", action: s.ExportHandout, reading: true},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyR)}, label: "Reload the pack from disk", action: s.Reload},
		shortcut{keys: []*desktop.CustomShortcut{plain(fyne.KeyEscape)}, label: "Close the dialog or the reference panel", action: s.closePanel, reading: true},
		shortcut{keys: []*desktop.CustomShortcut{plain(fyne.KeyF5)}, label: "Present", action: s.Present, reading: true},
		shortcut{keys: []*desktop.CustomShortcut{plain(fyne.KeyF1)}, label: "Keyboard shortcuts", action: s.ShowShortcuts},
		shortcut{keys: []*desktop.CustomShortcut{ctrl(fyne.KeyQ)}, label: "Quit", action: s.App.Quit},
	)
	return list
}

func (s *Shell) closePanel() {
	if s.article != nil && s.current == reader.ViewArticle {
		s.article.ClosePanel()
	}
}

// registerShortcuts puts every shortcut on the canvas so it works whether
// or not the menu shows it.
// Keys without a modifier (F1, Esc) never reach shortcut handlers in
// Fyne's desktop driver, so they are handled as typed keys instead.
func (s *Shell) registerShortcuts(reading bool) {
	c := s.Win.Canvas()
	plainKeys := map[fyne.KeyName]func(){}
	for _, sc := range s.shortcuts() {
		for _, k := range sc.keys {
			c.RemoveShortcut(k)
			if sc.reading && !reading {
				continue
			}
			action := sc.action
			if k.Modifier == 0 {
				plainKeys[k.KeyName] = action
				continue
			}
			c.AddShortcut(k, func(fyne.Shortcut) { action() })
		}
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		// Esc closes the dialog on top (About, shortcuts, compare, a link
		// confirmation) as Close or Cancel would; Fyne's dialogs have no
		// key of their own for it. The overlay is removed rather than
		// hidden: a dialog's overlay wrapper ignores Hide, and every dialog
		// here is made anew each time, so none is shown again.
		// Other keys belong to the dialog too: they must not scroll or
		// switch the page behind it.
		if top := c.Overlays().Top(); top != nil {
			// A confirmation (widgets.ConfirmDialog) answers Enter and Esc
			// with its buttons, so its callback runs; its focused button
			// takes them first, and this is for when nothing has focus.
			if widgets.PressDialogKey(c, ev.Name) {
				return
			}
			if ev.Name == fyne.KeyEscape {
				c.Overlays().Remove(top)
			}
			return
		}
		if f, ok := plainKeys[ev.Name]; ok {
			f()
			return
		}
		// With nothing focused, the reading keys scroll the page on screen.
		if reading {
			if d := s.currentDoc(); d != nil {
				d.ScrollKey(ev.Name)
			}
		}
	})
}

// ShortcutNames lists the registered shortcut names (for tests).
func (s *Shell) ShortcutNames() []string {
	var out []string
	for _, sc := range s.shortcuts() {
		for _, k := range sc.keys {
			out = append(out, k.ShortcutName())
		}
	}
	return out
}

func item(label string, sc *desktop.CustomShortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	if sc != nil {
		it.Shortcut = sc
	}
	return it
}

func (s *Shell) menu(reading bool) *fyne.MainMenu {
	file := fyne.NewMenu("File",
		item("Open pack…", ctrl(fyne.KeyO), s.OpenPack),
		item("Open pack folder…", ctrlShift(fyne.KeyO), s.OpenFolder),
		item("Library", ctrl(fyne.KeyL), s.ShowLibrary),
	)
	if e, ok := s.currentEntry(); ok && reading && canAdd(shelfItem{Entry: e}) {
		file.Items = append(file.Items, item("Add to library", nil, func() { s.addToLibrary(e) }))
	}
	if s.opts.Bundled != nil {
		file.Items = append(file.Items, item("Open the bundled pack", nil, s.openBundled))
	}
	if reading {
		file.Items = append(file.Items, item("Export handout…", ctrl(fyne.KeyE), s.ExportHandout))
	}
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), item("Quit", ctrl(fyne.KeyQ), s.App.Quit))
	file.Items[len(file.Items)-1].IsQuit = true

	view := fyne.NewMenu("View")
	if reading {
		keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6}
		for i, v := range s.order {
			name := v.name
			var sc *desktop.CustomShortcut
			if i < len(keys) {
				sc = ctrl(keys[i])
			}
			view.Items = append(view.Items, item(v.title, sc, func() { s.GoView(name) }))
		}
		view.Items = append(view.Items, fyne.NewMenuItemSeparator())
		if searchOpener != nil {
			view.Items = append(view.Items, item("Search everywhere", ctrl(fyne.KeyK), s.OpenSearch))
		}
		view.Items = append(view.Items,
			item("Present", plain(fyne.KeyF5), s.Present),
			fyne.NewMenuItemSeparator(),
			item("Back", alt(fyne.KeyLeft), s.Back),
			item("Forward", alt(fyne.KeyRight), s.Forward),
			fyne.NewMenuItemSeparator())
	}
	view.Items = append(view.Items,
		item("Bigger text", ctrl(fyne.KeyPlus), func() { s.Zoom(1) }),
		item("Smaller text", ctrl(fyne.KeyMinus), func() { s.Zoom(-1) }),
		item("Reset text size", ctrl(fyne.Key0), func() { s.Zoom(0) }),
		fyne.NewMenuItemSeparator(),
	)
	themes := fyne.NewMenuItem("Theme", nil)
	themes.ChildMenu = fyne.NewMenu("")
	for _, t := range []struct{ mode, label string }{{settings.ThemeSystem, "Follow the system"}, {settings.ThemeLight, "Light"}, {settings.ThemeDark, "Dark"}} {
		mode := t.mode
		it := fyne.NewMenuItem(t.label, func() { s.SetTheme(mode); s.Win.SetMainMenu(s.menu(reading)) })
		it.Checked = s.pset.Theme == mode
		themes.ChildMenu.Items = append(themes.ChildMenu.Items, it)
	}
	view.Items = append(view.Items, themes, fyne.NewMenuItemSeparator())
	view.Items = append(view.Items, s.previewMenuItems()...)

	help := fyne.NewMenu("Help",
		item("Keyboard shortcuts", plain(fyne.KeyF1), s.ShowShortcuts),
		item("About Evidence Reader", nil, s.ShowAbout),
	)
	return fyne.NewMainMenu(file, view, help)
}

// ShowShortcuts shows every shortcut (F1).
func (s *Shell) ShowShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, sc := range s.shortcuts() {
		var names []string
		for _, k := range sc.keys {
			names = append(names, shortcutLabel(k))
		}
		grid.Add(widget.NewLabel(sc.label))
		grid.Add(widget.NewLabelWithStyle(joinOr(names), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
	}
	extra := widget.NewLabel("Tab and Shift+Tab move between controls; Space activates the focused one (a button, a citation or other link, a tick box). Enter opens the chosen search result, library pack or study, and answers a confirmation. Arrow keys move in lists and tables. In the article, limitations and guidance, with no control focused, ↑/↓, Page Up, Page Down, Space, Home and End scroll the page. View › Theme switches between Follow the system, Light and Dark.")
	extra.Wrapping = fyne.TextWrapWord
	table := container.NewGridWithColumns(2)
	for _, k := range reader.TableKeys {
		table.Add(widget.NewLabel(k[1]))
		table.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
	}
	tableHead := widget.NewLabelWithStyle("In the studies table (Tab to it)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d := widgets.NewCloseDialog("Keyboard shortcuts", container.NewVScroll(container.NewVBox(grid, extra, tableHead, table)), s.Win)
	d.Resize(fyne.NewSize(560, 520))
	d.Show()
}

func shortcutLabel(k *desktop.CustomShortcut) string {
	var p string
	if k.Modifier&fyne.KeyModifierControl != 0 {
		p += "Ctrl+"
	}
	if k.Modifier&fyne.KeyModifierSuper != 0 {
		p += "Cmd+"
	}
	if k.Modifier&fyne.KeyModifierAlt != 0 {
		p += "Alt+"
	}
	if k.Modifier&fyne.KeyModifierShift != 0 {
		p += "Shift+"
	}
	name := string(k.KeyName)
	switch k.KeyName {
	case fyne.KeyLeft:
		name = "←"
	case fyne.KeyRight:
		name = "→"
	case fyne.KeyEscape:
		name = "Esc"
	}
	return p + name
}

func joinOr(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "  or  "
		}
		out += x
	}
	return out
}
