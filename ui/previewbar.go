package ui

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// The live-preview bar: while the newest save of the pack has errors, or
// its folder is gone, the window keeps the last good version and this bar
// says so, with the problems one click away. It goes when a save loads
// cleanly. A save that loads with warnings is shown, under a quiet bar
// that lists them the same way (authors see the lint while writing). It also says when the pack cannot be followed at all, and when
// it is followed where edits made outside the sandbox are not reported
// (a folder the document portal exposes, ui/sandbox.go).

// addPreviewBar puts the bar, when it shows, at the top of the notices
// of a pack page being built (withNotices calls it); the library page has
// none.
func (s *Shell) addPreviewBar(notices *fyne.Container) {
	if s.live.bar != nil && !s.lib.showing {
		notices.Add(s.live.bar)
	}
}

// previewBarBox is the bar: a type of its own, so that the notices of a
// page can be cleared of any earlier one.
type previewBarBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

func newPreviewBarBox(content fyne.CanvasObject) *previewBarBox {
	b := &previewBarBox{content: content}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer implements fyne.Widget.
func (b *previewBarBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

// PreviewBarText is what the bar says, "" when it is hidden (for tests).
func (s *Shell) PreviewBarText() string {
	text, _ := s.previewBarState()
	return text
}

// barKind is what the bar is about, which sets its icon and button.
type barKind int

const (
	// barNote says how the pack is followed: an info icon, no button.
	barNote barKind = iota
	// barGone: the pack is gone; a warning icon, no button.
	barGone
	// barBroken: the newest save has errors; a warning icon and Show
	// problems.
	barBroken
	// barWarnings: the newest save loaded, with warnings; an info icon,
	// so the bar stays quiet, and Show problems.
	barWarnings
)

// problems reports whether the bar offers the list of problems.
func (k barKind) problems() bool { return k == barBroken || k == barWarnings }

// previewBarState is the bar's text and what it is about.
func (s *Shell) previewBarState() (string, barKind) {
	p := s.live.p
	switch {
	case p == nil:
		return "", barNote
	case p.gone && !p.goodAt.IsZero():
		what, short := "pack folder", "folder"
		if p.src.Kind == cli.SourceArchive {
			what, short = "pack file", "file"
		}
		return fmt.Sprintf("The %s %s is gone — showing the version from %s. It reloads when the %s is back.",
			what, p.src.Path, s.versionTime(p.goodAt), short), barGone
	case p.broken != nil && !p.goodAt.IsZero():
		return brokenSummary(*p.broken) + " — showing the version from " + s.versionTime(p.goodAt), barBroken
	case p.watchErr != "":
		return "Changes to this pack are not followed: " + p.watchErr + ". View › Reload pack (Ctrl+R) reads it again.", barNote
	case p.portal && p.w != nil:
		what := "folder"
		if p.src.Kind == cli.SourceArchive {
			what = "file"
		}
		return fmt.Sprintf("Edits saved by other apps are not seen automatically: %s does not report them for a %s opened through its file chooser. "+
			"View › Reload pack (Ctrl+R) reads the pack again.", theSandbox(), what), barNote
	case p.warned != nil:
		return diagSummary(*p.warned, pack.Warning), barWarnings
	}
	return "", barNote
}

// listed is the load whose problems the list shows: the broken save, or
// the reloaded version's warnings; nil when there is none.
func (p *previewer) listed() *cli.Loaded {
	if p == nil {
		return nil
	}
	if p.broken != nil {
		return p.broken
	}
	return p.warned
}

// refreshPreviewBar shows the bar as the previewer's state has it, in the
// notices on screen: a new bar in place of the old, none when all is well.
func (s *Shell) refreshPreviewBar() {
	s.fillPreviewProblems()
	s.live.bar = nil
	if text, kind := s.previewBarState(); text != "" {
		s.live.bar = newPreviewBar(text, kind, s.ShowPreviewProblems)
	}
	if s.notices == nil {
		return
	}
	var objs []fyne.CanvasObject
	if s.live.bar != nil && !s.lib.showing {
		objs = append(objs, s.live.bar)
	}
	changed := len(objs) > 0
	for _, o := range s.notices.Objects {
		if _, old := o.(*previewBarBox); old {
			changed = true
			continue
		}
		objs = append(objs, o)
	}
	if changed {
		s.notices.Objects = objs
		s.notices.Refresh()
	}
}

// newPreviewBar is the bar: an icon, the text and, when it has problems
// to list, the button that lists them.
func newPreviewBar(text string, kind barKind, showProblems func()) *previewBarBox {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	icon := theme.InfoIcon()
	if kind == barGone || kind == barBroken {
		icon = theme.NewWarningThemedResource(theme.WarningIcon())
	}
	var right fyne.CanvasObject
	if kind.problems() {
		btnIcon := theme.ErrorIcon()
		if kind == barWarnings {
			btnIcon = theme.ListIcon()
		}
		right = container.NewCenter(widget.NewButtonWithIcon("Show problems", btnIcon, showProblems))
	}
	bg := widgets.NewThemedRect(theme.ColorNameInputBackground, fyne.Size{})
	return newPreviewBarBox(container.NewStack(bg,
		container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), right, msg)))
}

// ShowPreviewProblems lists the problems of the newest save, each as
// file:line:col: severity: message: its errors, or the warnings of a
// save that loaded. The list follows later saves while it is open, and
// closes when a save loads without warnings.
func (s *Shell) ShowPreviewProblems() {
	if s.live.p.listed() == nil {
		return
	}
	body := container.NewStack()
	d := widgets.NewCloseDialog("Problems in the saved files", body, s.Win)
	s.live.problems, s.live.problemsBody = d, body
	d.SetOnClosed(func() {
		if s.live.problems == d {
			s.live.problems, s.live.problemsBody = nil, nil
		}
	})
	s.fillPreviewProblems()
	d.Resize(fyne.NewSize(720, 460))
	d.Show()
}

// fillPreviewProblems puts the newest save's problems in the open list,
// or closes it when there are none.
func (s *Shell) fillPreviewProblems() {
	d, body := s.live.problems, s.live.problemsBody
	if d == nil {
		return
	}
	p := s.live.p
	l := p.listed()
	if l == nil {
		s.live.problems, s.live.problemsBody = nil, nil
		d.Hide()
		return
	}
	rows, copyAll := diagnosticList(l.Diags)
	text := fmt.Sprintf("The files saved in %s have %s. The window shows the version from %s until they are fixed; it reloads after every save.",
		p.src.Path, cli.Plural(l.Diags.Count(pack.Error), "error"), s.versionTime(p.goodAt))
	if p.broken == nil {
		text = fmt.Sprintf("The files saved in %s loaded with %s. The window shows them; this list follows every save.",
			p.src.Path, cli.Plural(l.Diags.Count(pack.Warning), "warning"))
	}
	head := widgets.Wrapped(text, widget.RichTextStyleParagraph)
	body.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(head, container.NewHBox(copyAll)), nil, nil, nil, container.NewScroll(rows))}
	body.Refresh()
}

// brokenSummary counts the errors and names their files: "3 errors in
// studies.toml", "4 errors in studies.toml and article.md", "6 errors in
// 3 files".
func brokenSummary(l cli.Loaded) string { return diagSummary(l, pack.Error) }

// diagSummary counts the problems of one severity and names their files,
// as brokenSummary does for errors: "2 warnings in guidance.md and
// references.json".
func diagSummary(l cli.Loaded, sev pack.Severity) string {
	counts := map[string]int{}
	var files []string
	n := 0
	for _, d := range l.Diags {
		if d.Severity != sev {
			continue
		}
		n++
		f := d.File
		if f == "" || f == "." {
			f = "the pack"
			if l.Source.Path != "" {
				f = filepath.Base(l.Source.Path)
			}
		}
		if counts[f] == 0 {
			files = append(files, f)
		}
		counts[f]++
	}
	msg := cli.Plural(n, sev.String())
	switch len(files) {
	case 0:
	case 1:
		msg += " in " + files[0]
	case 2:
		msg += " in " + files[0] + " and " + files[1]
	default:
		msg += fmt.Sprintf(" in %d files", len(files))
	}
	return msg
}

// versionTime is when a version was loaded: "14:02", with the date when
// it was not today.
func (s *Shell) versionTime(t time.Time) string {
	now := s.Now()
	if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
		return t.Format("15:04")
	}
	return t.Format("15:04 on 2 January 2006")
}
