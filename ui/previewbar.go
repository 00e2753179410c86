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
// cleanly. It also says when the pack cannot be followed at all, and when
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

// previewBarState is the bar's text and whether it offers the problems.
func (s *Shell) previewBarState() (string, bool) {
	p := s.live.p
	switch {
	case p == nil:
		return "", false
	case p.gone && !p.goodAt.IsZero():
		what, short := "pack folder", "folder"
		if p.src.Kind == cli.SourceArchive {
			what, short = "pack file", "file"
		}
		return fmt.Sprintf("The %s %s is gone — showing the version from %s. It reloads when the %s is back.",
			what, p.src.Path, s.versionTime(p.goodAt), short), false
	case p.broken != nil && !p.goodAt.IsZero():
		return brokenSummary(*p.broken) + " — showing the version from " + s.versionTime(p.goodAt), true
	case p.watchErr != "":
		return "Changes to this pack are not followed: " + p.watchErr + ". View › Reload pack (Ctrl+R) reads it again.", false
	case p.portal && p.w != nil:
		what := "folder"
		if p.src.Kind == cli.SourceArchive {
			what = "file"
		}
		return fmt.Sprintf("Edits saved by other apps are not seen automatically: %s does not report them for a %s opened through its file chooser. "+
			"View › Reload pack (Ctrl+R) reads the pack again.", theSandbox(), what), false
	}
	return "", false
}

// refreshPreviewBar shows the bar as the previewer's state has it, in the
// notices on screen: a new bar in place of the old, none when all is well.
func (s *Shell) refreshPreviewBar() {
	s.fillPreviewProblems()
	s.live.bar = nil
	if text, problems := s.previewBarState(); text != "" {
		s.live.bar = newPreviewBar(text, problems, s.live.p.gone, s.ShowPreviewProblems)
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

// newPreviewBar is the bar: an icon, the text and, when problems, the
// button that lists them.
func newPreviewBar(text string, problems, gone bool, showProblems func()) *previewBarBox {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var icon fyne.Resource = theme.NewWarningThemedResource(theme.WarningIcon())
	if !problems && !gone {
		icon = theme.InfoIcon()
	}
	var right fyne.CanvasObject
	if problems {
		right = container.NewCenter(widget.NewButtonWithIcon("Show problems", theme.ErrorIcon(), showProblems))
	}
	bg := widgets.NewThemedRect(theme.ColorNameInputBackground, fyne.Size{})
	return newPreviewBarBox(container.NewStack(bg,
		container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), right, msg)))
}

// ShowPreviewProblems lists the problems of the newest save, each as
// file:line:col: severity: message. The list follows later saves while it
// is open, and closes when a save loads cleanly.
func (s *Shell) ShowPreviewProblems() {
	p := s.live.p
	if p == nil || p.broken == nil {
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
	if p == nil || p.broken == nil {
		s.live.problems, s.live.problemsBody = nil, nil
		d.Hide()
		return
	}
	rows, copyAll := diagnosticList(p.broken.Diags)
	head := widgets.Wrapped(fmt.Sprintf("The files saved in %s have %s. The window shows the version from %s until they are fixed; it reloads after every save.",
		p.src.Path, cli.Plural(p.broken.Diags.Count(pack.Error), "error"), s.versionTime(p.goodAt)), widget.RichTextStyleParagraph)
	body.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(head, container.NewHBox(copyAll)), nil, nil, nil, container.NewScroll(rows))}
	body.Refresh()
}

// brokenSummary counts the errors and names their files: "3 errors in
// studies.toml", "4 errors in studies.toml and article.md", "6 errors in
// 3 files".
func brokenSummary(l cli.Loaded) string {
	counts := map[string]int{}
	var files []string
	n := 0
	for _, d := range l.Diags {
		if d.Severity != pack.Error {
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
	msg := cli.Plural(n, "error")
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
