package ui

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// NewErrorView lists every problem found in a pack that cannot be shown,
// with file, line and column, as selectable text, and offers the bundled
// pack and another pack (openPack: File → Open pack…). It never needs the pack's content.
func NewErrorView(l cli.Loaded, openBundled, openPack func()) fyne.CanvasObject {
	where := "The pack in " + l.Dir
	switch {
	case l.Source.Kind == cli.SourceArchive:
		where = "The pack file " + l.Source.Path
	case l.Dir != "":
		if abs, err := filepath.Abs(l.Dir); err == nil {
			where = "The pack in " + abs
		}
	case l.Pack != nil:
		where = "The pack in " + l.Pack.Name
	}
	e, w := l.Diags.Count(pack.Error), l.Diags.Count(pack.Warning)
	title := widget.NewLabelWithStyle("This evidence pack cannot be opened", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	text := fmt.Sprintf("%s has %s and %s. Fix them in the files named below (errors first), or open another pack.",
		where, cli.Plural(e, "error"), cli.Plural(w, "warning"))
	// A refused archive loads as an empty pack: even when an error names
	// an entry, there are no files for a reader to fix.
	refused := l.Source.Kind == cli.SourceArchive && (l.Pack == nil || l.Pack.Hash == "")
	if refused || !aboutFiles(l.Diags) {
		// Nothing inside the pack to fix: the path is wrong, or the file
		// is not a pack a reader can use. The list below says why.
		path := cmp.Or(l.Source.Path, l.Dir)
		text = fmt.Sprintf("There is no usable evidence pack at %s, for the reason below. Open another pack.", path)
		if l.Source.Kind == cli.SourceArchive {
			text = fmt.Sprintf("The file %s is not a usable evidence pack, for the reason below. Open another pack, or ask whoever sent it for a new copy.", path)
		}
	}
	if !refused && l.Source.Kind == cli.SourceArchive && aboutFiles(l.Diags) {
		// The files are inside the archive: whoever made it fixes them in
		// the pack's folder and packs it again.
		text = fmt.Sprintf("%s has %s and %s in the files named below (errors first). Whoever made it can fix them in the pack's folder and pack it again; open another pack meanwhile.",
			where, cli.Plural(e, "error"), cli.Plural(w, "warning"))
	}
	summary := widget.NewLabel(text)
	summary.Wrapping = fyne.TextWrapWord

	rows, copyAll := diagnosticList(l.Diags)
	buttons := []fyne.CanvasObject{}
	if openBundled != nil {
		b := widget.NewButtonWithIcon("Open the bundled pack", theme.HomeIcon(), openBundled)
		b.Importance = widget.HighImportance
		buttons = append(buttons, b)
	}
	if openPack != nil {
		buttons = append(buttons, widget.NewButtonWithIcon("Open another pack…", theme.FolderOpenIcon(), openPack))
	}
	buttons = append(buttons, copyAll)
	head := container.NewVBox(title, summary, container.NewHBox(buttons...), widget.NewSeparator())
	// The head goes first among the children so Tab reaches the buttons
	// before the messages (NewBorder would put the messages first).
	return container.NewPadded(container.New(layout.NewBorderLayout(head, nil, nil, nil), head, container.NewScroll(rows)))
}

// aboutFiles reports whether any error names a file inside the pack; the
// others (File ".") are about the pack as a whole: a path with nothing
// there, a file that is not a pack, an archive refused as a whole.
func aboutFiles(ds pack.Diagnostics) bool {
	for _, d := range ds {
		if d.Severity == pack.Error && d.File != "." {
			return true
		}
	}
	return false
}

// maxListedDiagnostics is how many messages diagnosticList lays out. Each
// is a selectable label, and a pack with tens of thousands of messages
// (16,000 studies of two keys each, in a 640 KB studies.toml, give 80,000)
// left the window blank, busy laying them out, 30 s and more. The
// copy button still copies every message, and check prints them all.
const maxListedDiagnostics = 500

// diagnosticList lays out diagnostics one a line (file:line:col: severity:
// message, selectable) with a button that copies them all, for the error
// view and the live-preview bar's list. Past maxListedDiagnostics, one
// last line says how many more there are.
func diagnosticList(ds pack.Diagnostics) (*fyne.Container, *widget.Button) {
	// Errors first, then warnings, then notes, each in file order: the
	// error that stops the pack must not sit below a screen of warnings.
	diags := slices.Clone(ds)
	slices.SortStableFunc(diags, func(a, b pack.Diagnostic) int { return cmp.Compare(a.Severity, b.Severity) })
	rows := container.NewVBox()
	var all strings.Builder
	for i, d := range diags {
		icon := theme.InfoIcon()
		switch d.Severity {
		case pack.Error:
			icon = theme.NewErrorThemedResource(theme.ErrorIcon())
		case pack.Warning:
			icon = theme.NewWarningThemedResource(theme.WarningIcon())
		}
		line := strings.TrimSpace(d.String())
		if d.File == "." {
			// A problem with the pack as a whole (a refused archive, a
			// missing folder) has no file or line to point at.
			line = strings.TrimSpace(fmt.Sprintf("%s: %s", d.Severity, d.Message))
		}
		all.WriteString(line + "\n")
		if i >= maxListedDiagnostics {
			continue
		}
		text := widget.NewLabel(line)
		text.Selectable = true
		// No wrapping: wrapped rows in a scroll get uneven heights; long
		// messages scroll sideways instead.
		rows.Add(container.NewBorder(nil, nil, widget.NewIcon(icon), nil, text))
	}
	if more := len(diags) - maxListedDiagnostics; more > 0 {
		rest := widget.NewLabel(fmt.Sprintf("…and %d more, not listed here (%d in all). Copy all messages copies every one; evidence-reader check prints them all.", more, len(diags)))
		rest.TextStyle.Italic = true
		rows.Add(rest)
	}
	copyAll := widget.NewButtonWithIcon("Copy all messages", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(all.String())
	})
	return rows, copyAll
}
