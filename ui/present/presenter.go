package present

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// largeText sets body text to the theme's heading size (not bold), so the
// notes read at a glance from a lectern. A theme override would not do:
// RichText wraps nested text with the app theme's sizes, and lines would
// run past the edge.
func largeText(segs []widget.RichTextSegment) []widget.RichTextSegment {
	for _, s := range segs {
		if t, ok := s.(*widget.TextSegment); ok && (t.Style.SizeName == "" || t.Style.SizeName == theme.SizeNameText) {
			t.Style.SizeName = theme.SizeNameHeadingText
		}
	}
	return segs
}

// presenterView is the presenter window: the current and next slides, the
// notes, the elapsed time and the controls.
type presenterView struct {
	pr   *Presentation
	root fyne.CanvasObject
	keys *keyCatcher

	position *canvas.Text
	clock    *canvas.Text
	status   *widget.Label
	pauseBtn *widget.Button
	blackBtn *widget.Button
	current  *fyne.Container
	next     *fyne.Container
	nextHead *widget.Label
	notes    *widget.RichText
	notesBox *container.Scroll

	currentViews, nextViews map[int]*slideView
	shown                   int
}

func newPresenterView(pr *Presentation) *presenterView {
	v := &presenterView{pr: pr, shown: -1, currentViews: map[int]*slideView{}, nextViews: map[int]*slideView{}}
	v.keys = newKeyCatcher(pr.Key)
	v.keys.label = pr.where
	fg := theme.Color(theme.ColorNameForeground)

	v.position = canvas.NewText("", fg)
	v.position.TextSize = 28
	v.position.TextStyle.Bold = true
	v.clock = canvas.NewText("0:00", fg)
	v.clock.TextSize = 28
	v.clock.TextStyle = fyne.TextStyle{Monospace: true} // not bold too: few themes ship a bold monospace face
	v.status = widget.NewLabel("")
	v.status.Importance = widget.WarningImportance

	// Buttons hand the keyboard back to the key catcher after each click.
	btn := func(label string, icon fyne.Resource, f func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, func() { f(); pr.focusKeys() })
		return b
	}
	v.pauseBtn = btn("Pause", theme.MediaPauseIcon(), func() {
		pr.Nav.Timer.Toggle()
		v.updateClock()
	})
	reset := btn("Reset", theme.MediaReplayIcon(), func() {
		pr.Nav.Timer.Reset()
		v.updateClock()
	})
	prev := btn("Previous", theme.NavigateBackIcon(), func() { pr.Go(pr.Nav.Current - 1) })
	next := btn("Next", theme.NavigateNextIcon(), func() { pr.Go(pr.Nav.Current + 1) })
	next.IconPlacement = widget.ButtonIconTrailingText
	v.blackBtn = btn("Black screen", theme.VisibilityOffIcon(), pr.ToggleBlackout)
	overviewBtn := btn("Overview", theme.GridIcon(), func() { pr.Key("O") })
	end := btn("End", theme.CancelIcon(), pr.Close)

	top := container.NewBorder(nil, nil,
		container.NewHBox(widgets.NewLabelled(v.position, fyne.AccessibleRoleText, func() string { return v.position.Text })),
		container.NewHBox(widgets.NewLabelled(v.clock, fyne.AccessibleRoleText, v.clockLabel), v.pauseBtn, reset),
		container.NewCenter(v.status))

	v.current = container.New(aspectLayout{})
	v.next = container.New(aspectLayout{})
	v.nextHead = widget.NewLabel("Next")
	v.nextHead.TextStyle.Bold = true
	v.nextHead.Truncation = fyne.TextTruncateEllipsis
	currentHead := widget.NewLabel("Current slide")
	currentHead.TextStyle.Bold = true

	slides := container.New(&presenterSlidesLayout{},
		currentHead, v.current, v.nextHead, v.next)

	v.notes = widget.NewRichText()
	v.notes.Wrapping = fyne.TextWrapWord
	v.notesBox = container.NewVScroll(v.notes)
	notesHead := widget.NewLabel("Notes")
	notesHead.TextStyle.Bold = true
	notes := container.NewBorder(notesHead, nil, nil, nil, v.notesBox)

	split := container.NewHSplit(slides, notes)
	split.Offset = 0.45

	controls := container.NewHBox(prev, next, layout.NewSpacer(), v.blackBtn, overviewBtn, layout.NewSpacer(), end)
	help := widget.NewLabel("Keys: Right, Space, Page Down or Enter next · Left or Page Up previous · Home, End · a number then Enter jumps · B or . black screen · O or Tab overview · Esc ends")
	// Foreground, not LowImportance: Fyne draws low importance in the
	// disabled colour, 1.5:1 on the dark background and 1.3:1 on light.
	help.Truncation = fyne.TextTruncateEllipsis

	body := container.NewBorder(top, container.NewVBox(controls, help), nil, nil, split)
	bg := newTapArea(canvas.NewRectangle(color.Transparent), pr.focusKeys)
	v.root = container.NewStack(bg, v.keys, container.NewPadded(body))
	return v
}

func (v *presenterView) view(cache map[int]*slideView, i int) *slideView {
	s, ok := cache[i]
	if !ok {
		s = newSlideView(v.pr.pack, v.pr.slides[i], v.pr.fits)
		cache[i] = s
	}
	return s
}

func (v *presenterView) update() {
	pr := v.pr
	n := pr.Nav
	total := len(pr.slides)
	v.position.Text = fmt.Sprintf("Slide %d of %d", n.Current+1, total)
	if total == 0 {
		v.position.Text = "No slides"
	}
	v.position.Refresh()

	var status []string
	if n.Blackout {
		status = append(status, "Audience screen is black (B to show)")
		v.blackBtn.SetText("Show slide")
		v.blackBtn.SetIcon(theme.VisibilityIcon())
	} else {
		v.blackBtn.SetText("Black screen")
		v.blackBtn.SetIcon(theme.VisibilityOffIcon())
	}
	if n.Overview {
		status = append(status, "Overview open: arrows and Enter pick a slide")
	}
	if t := n.Typed(); t != "" {
		status = append(status, "Go to slide "+t+"… (Enter)")
	}
	v.status.SetText(strings.Join(status, " · "))

	if total > 0 && v.shown != n.Current {
		v.shown = n.Current
		v.current.Objects = []fyne.CanvasObject{v.view(v.currentViews, n.Current)}
		v.current.Refresh()
		if n.Current+1 < total {
			v.next.Objects = []fyne.CanvasObject{v.view(v.nextViews, n.Current+1)}
			title := pr.slides[n.Current+1].Title
			if title == "" {
				title = fmt.Sprintf("slide %d", n.Current+2)
			}
			v.nextHead.SetText("Next: " + title)
		} else {
			v.next.Objects = []fyne.CanvasObject{endCard()}
			v.nextHead.SetText("Next: end of the presentation")
		}
		v.next.Refresh()
		notes := pr.slides[n.Current].Notes
		if strings.TrimSpace(notes) == "" {
			notes = "*No notes for this slide.*"
		}
		// Not ParseMarkdown: it draws the segments before they are made
		// plain, images included (slideMarkdown).
		v.notes.Segments = largeText(plainSegments(slideMarkdown(notes), false))
		v.notes.Refresh()
		v.notesBox.ScrollToTop()
	}
	v.updateClock()
}

// endCard stands in for the next slide after the last one.
func endCard() fyne.CanvasObject {
	t := canvas.NewText("End", color.NRGBA{0xcc, 0xcc, 0xcc, 0xff})
	t.TextSize = 24
	return container.NewStack(canvas.NewRectangle(color.Black), container.NewCenter(t))
}

func (v *presenterView) updateClock() {
	t := &v.pr.Nav.Timer
	text := formatElapsed(t.Elapsed())
	if text != v.clock.Text {
		v.clock.Text = text
		v.clock.Refresh()
	}
	label, icon := "Pause", theme.MediaPauseIcon()
	if !t.Running() {
		label, icon = "Start", theme.MediaPlayIcon()
		if t.Elapsed() > 0 {
			label = "Resume"
		}
	}
	if v.pauseBtn.Text != label {
		v.pauseBtn.SetText(label)
		v.pauseBtn.SetIcon(icon)
	}
}

// clockLabel is how the presenter's timer is read: "Elapsed time 1:05,
// running" (or paused, or not started).
func (v *presenterView) clockLabel() string {
	t := &v.pr.Nav.Timer
	state := "running"
	switch {
	case !t.Running() && t.Elapsed() == 0:
		state = "not started"
	case !t.Running():
		state = "paused"
	}
	return "Elapsed time " + v.clock.Text + ", " + state
}

// formatElapsed writes a duration as m:ss, or h:mm:ss from an hour.
func formatElapsed(d time.Duration) string {
	s := int(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// presenterSlidesLayout puts the current slide large at the top and the
// next one smaller below it, each under its heading.
type presenterSlidesLayout struct{}

func (presenterSlidesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	curHead, cur, nextHead, next := objs[0], objs[1], objs[2], objs[3]
	hh := curHead.MinSize().Height
	avail := size.Height - 2*hh
	curH := min(avail*0.6, size.Width/slideRatio)
	nextH := min(avail-curH, size.Width*0.7/slideRatio)
	y := float32(0)
	curHead.Move(fyne.NewPos(0, y))
	curHead.Resize(fyne.NewSize(size.Width, hh))
	y += hh
	cur.Move(fyne.NewPos(0, y))
	cur.Resize(fyne.NewSize(size.Width, curH))
	y += curH
	nextHead.Move(fyne.NewPos(0, y))
	nextHead.Resize(fyne.NewSize(size.Width, hh))
	y += hh
	next.Move(fyne.NewPos(0, y))
	next.Resize(fyne.NewSize(size.Width, nextH))
}

func (presenterSlidesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(200, 2*objs[0].MinSize().Height+200)
}
