package present

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/ui/internal/uitest"
)

type presentClock struct{ t time.Time }

func (c *presentClock) now() time.Time { return c.t }

// startBundled presents the bundled deck in the test driver, with a clock
// that only moves when told and no ticking goroutine work.
func startBundled(t *testing.T) (*Presentation, *presentClock) {
	t.Helper()
	a := test.NewTempApp(t)
	l := cli.LoadBundled(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
	slides, ds := cli.Deck(l.Pack)
	if len(ds) > 0 || len(slides) < 12 {
		t.Fatalf("bundled deck: %d slides, diagnostics %v", len(slides), ds)
	}
	clk := &presentClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	pr := present(a, l.Pack, slides, presentOptions{now: clk.now, tick: time.Hour, do: func(f func()) { f() }})
	t.Cleanup(pr.Close)
	pr.Audience.Resize(fyne.NewSize(1280, 720))
	pr.Presenter.Resize(fyne.NewSize(1200, 760))
	return pr, clk
}

// press sends a key the way the window does: to the focused widget, or to
// the canvas handler when nothing is focused.
func pressKeys(w fyne.Window, keys ...fyne.KeyName) {
	for _, k := range keys {
		ev := &fyne.KeyEvent{Name: k}
		if f := w.Canvas().Focused(); f != nil {
			f.TypedKey(ev)
		} else {
			w.Canvas().OnTypedKey()(ev)
		}
	}
}

func shownIndex(t *testing.T, pr *Presentation) int {
	t.Helper()
	if len(pr.aud.stage.Objects) != 1 {
		t.Fatalf("audience stage holds %d objects", len(pr.aud.stage.Objects))
	}
	return pr.aud.stage.Objects[0].(*slideView).index
}

func TestPresentKeysMoveSlides(t *testing.T) {
	pr, _ := startBundled(t)
	n := len(pr.slides)
	if got := shownIndex(t, pr); got != 0 {
		t.Fatalf("starts at slide %d", got)
	}
	steps := []struct {
		keys []fyne.KeyName
		want int
	}{
		{[]fyne.KeyName{fyne.KeyRight}, 1},
		{[]fyne.KeyName{fyne.KeySpace}, 2},
		{[]fyne.KeyName{fyne.KeyPageDown}, 3},
		{[]fyne.KeyName{fyne.KeyReturn}, 4},
		{[]fyne.KeyName{fyne.KeyLeft}, 3},
		{[]fyne.KeyName{fyne.KeyPageUp}, 2},
		{[]fyne.KeyName{fyne.KeyEnd}, n - 1},
		{[]fyne.KeyName{fyne.KeyRight}, n - 1},
		{[]fyne.KeyName{fyne.KeyHome}, 0},
		{[]fyne.KeyName{fyne.Key1, fyne.Key2, fyne.KeyReturn}, 11},
		{[]fyne.KeyName{fyne.Key9, fyne.Key9, fyne.KeyReturn}, 11}, // out of range: ignored
	}
	for _, s := range steps {
		pressKeys(pr.Audience, s.keys...)
		if got := shownIndex(t, pr); got != s.want || pr.Nav.Current != s.want {
			t.Fatalf("after %v: audience shows %d, nav at %d; want %d", s.keys, got, pr.Nav.Current, s.want)
		}
	}
	// The presenter window's keys drive the same deck.
	pressKeys(pr.Presenter, fyne.KeyRight)
	if got := shownIndex(t, pr); got != 12 {
		t.Fatalf("presenter Right: audience shows %d, want 12", got)
	}
	// With nothing focused the canvas handler still gets keys.
	pr.Audience.Canvas().Unfocus()
	pressKeys(pr.Audience, fyne.KeyLeft)
	if got := shownIndex(t, pr); got != 11 {
		t.Fatalf("canvas handler Left: audience shows %d, want 11", got)
	}
}

func TestPresentTypedNumberShownToPresenter(t *testing.T) {
	pr, _ := startBundled(t)
	pressKeys(pr.Presenter, fyne.Key1, fyne.Key4)
	if !strings.Contains(pr.pres.status.Text, "Go to slide 14") {
		t.Fatalf("status %q does not show the typed number", pr.pres.status.Text)
	}
	pressKeys(pr.Presenter, fyne.KeyReturn)
	if pr.Nav.Current != 13 || pr.pres.status.Text != "" {
		t.Fatalf("jump: current %d, status %q", pr.Nav.Current, pr.pres.status.Text)
	}
}

func TestBlackoutBlanksAudienceOnly(t *testing.T) {
	pr, clk := startBundled(t)
	pressKeys(pr.Audience, fyne.KeyRight) // starts the timer
	clk.t = clk.t.Add(30 * time.Second)
	for _, k := range []fyne.KeyName{"B", fyne.KeyPeriod} {
		pressKeys(pr.Audience, k)
		if !pr.aud.black.Visible() {
			t.Fatalf("%s: audience not blacked out", k)
		}
		if !pr.pres.current.Visible() || len(pr.pres.current.Objects) != 1 || !strings.Contains(pr.pres.status.Text, "black") {
			t.Fatalf("%s: presenter view lost its slide or does not say the screen is black (%q)", k, pr.pres.status.Text)
		}
		if pr.Nav.Timer.Running() {
			t.Fatalf("%s: blackout did not pause the timer", k)
		}
		pressKeys(pr.Audience, k)
		if pr.aud.black.Visible() || !pr.Nav.Timer.Running() {
			t.Fatalf("%s again: still black (%v) or timer not resumed", k, pr.aud.black.Visible())
		}
	}
	// The presenter's button blacks out the audience window only.
	test.Tap(pr.pres.blackBtn)
	if !pr.aud.black.Visible() || pr.pres.blackBtn.Text != "Show slide" {
		t.Fatalf("presenter button: black %v, button %q", pr.aud.black.Visible(), pr.pres.blackBtn.Text)
	}
	if pr.Presenter.Canvas().Focused() != pr.pres.keys {
		t.Fatal("a button kept the keyboard focus")
	}
}

func TestOverviewOpensAndPicks(t *testing.T) {
	pr, _ := startBundled(t)
	pressKeys(pr.Audience, "O")
	if !pr.aud.grid.root.Visible() || pr.aud.stage.Visible() {
		t.Fatal("O did not open the overview")
	}
	grid := pr.aud.grid.root.Objects[0].(*fyne.Container)
	if len(grid.Objects) != len(pr.slides) {
		t.Fatalf("overview has %d thumbnails for %d slides", len(grid.Objects), len(pr.slides))
	}
	test.Tap(grid.Objects[5].(*tapArea))
	if pr.aud.grid.root.Visible() || shownIndex(t, pr) != 5 {
		t.Fatalf("tap: overview open %v, slide %d", pr.aud.grid.root.Visible(), pr.Nav.Current)
	}
	// Tab opens it too; arrows move the selection a row at a time; Enter picks.
	pressKeys(pr.Audience, fyne.KeyTab)
	if !pr.aud.grid.root.Visible() {
		t.Fatal("Tab did not open the overview")
	}
	pressKeys(pr.Audience, fyne.KeyDown, fyne.KeyRight)
	want := 5 + pr.Nav.Cols + 1
	if pr.aud.grid.frames[want].StrokeWidth == 0 {
		t.Fatalf("selection frame not on slide %d", want)
	}
	pressKeys(pr.Audience, fyne.KeyReturn)
	if pr.aud.grid.root.Visible() || shownIndex(t, pr) != want {
		t.Fatalf("Enter: overview open %v, slide %d, want %d", pr.aud.grid.root.Visible(), pr.Nav.Current, want)
	}
	// Esc closes the overview without ending the presentation.
	pressKeys(pr.Audience, "O", fyne.KeyEscape)
	if pr.closed || pr.aud.grid.root.Visible() {
		t.Fatal("Esc in the overview ended the presentation or left the overview open")
	}
}

func TestEscapeClosesBothWindowsAndStopsClock(t *testing.T) {
	a := test.NewTempApp(t)
	l := cli.LoadBundled(time.Now())
	slides, _ := cli.Deck(l.Pack)
	ticks := make(chan struct{}, 100)
	// A real, fast ticker: the goroutine must stop when the presentation ends.
	pr := present(a, l.Pack, slides, presentOptions{tick: time.Millisecond, do: func(func()) {
		select {
		case ticks <- struct{}{}:
		default:
		}
	}})
	<-ticks
	closed := false
	pr.OnClose = func() { closed = true }
	pressKeys(pr.Presenter, fyne.KeyEscape)
	select {
	case <-pr.Done():
	case <-time.After(2 * time.Second):
		t.Fatal("clock goroutine still running after Esc")
	}
	if !closed || !pr.closed {
		t.Fatal("Esc did not end the presentation")
	}
	for _, w := range a.Driver().AllWindows() {
		if w == pr.Audience || w == pr.Presenter {
			t.Fatalf("window %q still open", w.Title())
		}
	}
	pressKeys(pr.Audience, fyne.KeyRight) // keys after the end are ignored, not a panic
}

func TestPresenterShowsNotesPositionAndTimer(t *testing.T) {
	pr, clk := startBundled(t)
	if pr.pres.position.Text != "Slide 1 of 15" {
		t.Fatalf("position %q", pr.pres.position.Text)
	}
	if !strings.Contains(pr.pres.notes.String(), "read one popular article") {
		t.Fatalf("notes: %q", pr.pres.notes.String())
	}
	if ts := pr.pres.notes.Segments[0].(*widget.TextSegment); ts.Style.SizeName != theme.SizeNameHeadingText {
		t.Fatalf("notes text size %q, want the large heading size", ts.Style.SizeName)
	}
	if !strings.HasPrefix(pr.pres.nextHead.Text, "Next: The question") {
		t.Fatalf("next heading %q", pr.pres.nextHead.Text)
	}
	pressKeys(pr.Presenter, fyne.KeyRight)
	if pr.pres.position.Text != "Slide 2 of 15" || !strings.Contains(pr.pres.notes.String(), "common wish") {
		t.Fatalf("after Right: %q, notes %q", pr.pres.position.Text, pr.pres.notes.String())
	}
	clk.t = clk.t.Add(65 * time.Second)
	pr.updateClock()
	if pr.pres.clock.Text != "1:05" {
		t.Fatalf("clock %q, want 1:05", pr.pres.clock.Text)
	}
	test.Tap(pr.pres.pauseBtn)
	clk.t = clk.t.Add(time.Hour)
	pr.updateClock()
	if pr.pres.clock.Text != "1:05" || pr.pres.pauseBtn.Text != "Resume" {
		t.Fatalf("paused clock %q, button %q", pr.pres.clock.Text, pr.pres.pauseBtn.Text)
	}
	test.Tap(pr.pres.pauseBtn)
	test.Tap(presenterButton(t, pr.pres.root, "Reset"))
	if pr.pres.clock.Text != "0:00" || !pr.Nav.Timer.Running() {
		t.Fatalf("reset clock %q, running %v", pr.pres.clock.Text, pr.Nav.Timer.Running())
	}
	pressKeys(pr.Presenter, fyne.KeyEnd)
	if !strings.Contains(pr.pres.nextHead.Text, "end of the presentation") {
		t.Fatalf("last slide's next heading %q", pr.pres.nextHead.Text)
	}
	if formatElapsed(3723*time.Second) != "1:02:03" {
		t.Fatalf("formatElapsed(1h2m3s) = %q", formatElapsed(3723*time.Second))
	}
}

func presenterButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkObjects(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}

func TestAudienceHasNothingFocusableButTheKeyCatcher(t *testing.T) {
	pr, _ := startBundled(t)
	pressKeys(pr.Audience, "O") // build the overview too
	pressKeys(pr.Audience, "O")
	walkObjects(pr.Audience.Content(), func(o fyne.CanvasObject) {
		if f, ok := o.(fyne.Focusable); ok && f != fyne.Focusable(pr.aud.keys) {
			t.Errorf("%T in the audience window can take the keyboard focus", o)
		}
	})
	if pr.Audience.Canvas().Focused() != pr.aud.keys {
		t.Error("the key catcher does not have the focus")
	}
	if !pr.Audience.FullScreen() || pr.Audience.Padded() {
		t.Error("audience window is not full screen and unpadded")
	}
}

func TestDirectiveSlidesRenderTables(t *testing.T) {
	test.NewTempApp(t)
	l := cli.LoadBundled(time.Now())
	slides, _ := cli.Deck(l.Pack)
	texts := func(s deck.Slide) (string, int) {
		v := newSlideView(l.Pack, s, nil)
		w := test.NewTempWindow(t, v)
		// 1280×720 is scale 1, the size a slide starts at: it must still be
		// fitted.
		w.Resize(fyne.NewSize(1280, 720))
		v.Resize(fyne.NewSize(1280, 720))
		if v.body.needed > v.over.Size().Height+1 || v.th.fit >= 1 {
			t.Errorf("slide %d overflows: needs %.0f of %.0f (fit %.2f)", s.Index+1, v.body.needed, v.over.Size().Height, v.th.fit)
		}
		var b strings.Builder
		circles := 0
		walkObjects(v, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Text:
				b.WriteString(x.Text + "|")
			case *canvas.Circle:
				circles++
			}
		})
		return b.String(), circles
	}
	byKind := map[string]deck.Slide{}
	for _, s := range slides {
		byKind[s.Directive.Kind] = s
	}
	st, _ := texts(byKind[deck.KindStudies])
	for _, want := range []string{"Stallknecht 2007", "Mechanism", "Body composition", "Not measured", "Local fat loss?"} {
		if !strings.Contains(st, want) {
			t.Errorf("comparison slide lacks %q", want)
		}
	}
	rob, circles := texts(byKind[deck.KindRoB])
	if circles == 0 || !strings.Contains(rob, "concerns") || !strings.Contains(rob, "Not assessed with RoB 2") {
		t.Errorf("risk-of-bias slide: %d lights, text %.300s", circles, rob)
	}
	refs, _ := texts(byKind[deck.KindReferences])
	for _, r := range l.Pack.References {
		if r.DOI != "" && !strings.Contains(refs, r.DOI) {
			t.Errorf("references slide lacks %s", r.DOI)
		}
	}
}

func TestGeneratedDeckPresents(t *testing.T) {
	a := test.NewTempApp(t)
	l := cli.LoadBundled(time.Now())
	p := *l.Pack
	p.Slides = nil
	slides, _ := cli.Deck(&p) // as PresentPack does
	pr := present(a, &p, slides, presentOptions{tick: time.Hour, do: func(f func()) { f() }})
	defer pr.Close()
	pressKeys(pr.Audience, fyne.KeyEnd)
	if pr.Nav.Current != len(slides)-1 || shownIndex(t, pr) != len(slides)-1 {
		t.Fatalf("generated deck: at %d of %d", pr.Nav.Current, len(slides))
	}
}

func TestSplitTitle(t *testing.T) {
	for _, tc := range []struct {
		in, title string
		level     int
	}{
		{"# Title\n\nbody", "Title", 1},
		{"## Two *words*\n- a", "Two words", 2},
		{"#hashtag\ntext", "", 0},
		{"Plain text", "", 0},
		{"", "", 0},
	} {
		title, level, _ := splitTitle(tc.in)
		if title != tc.title || level != tc.level {
			t.Errorf("splitTitle(%q) = %q, %d", tc.in, title, level)
		}
	}
}

var walkObjects = uitest.WalkAll
