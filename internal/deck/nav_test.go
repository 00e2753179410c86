package deck

import (
	"testing"
	"time"
)

// clock is a fake clock advanced by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time       { return c.t }
func (c *clock) tick(d time.Duration) { c.t = c.t.Add(d) }
func newTestNav(n int) (*Nav, *clock) { c := &clock{t: time.Unix(1e9, 0)}; return NewNav(n, c.now), c }
func at(n *Nav, cur int) *Nav         { n.Current = cur; return n }
func keyAt(n int, cur int, k string) (Action, *Nav) {
	nav, _ := newTestNav(n)
	at(nav, cur)
	return nav.Key(k), nav
}

func TestNavMoveKeys(t *testing.T) {
	tests := []struct {
		key      string
		from     int
		want     Action
		wantCurr int
	}{
		{"Right", 0, Changed, 1},
		{"Space", 0, Changed, 1},
		{"Next", 0, Changed, 1},
		{"Return", 0, Changed, 1},
		{"Enter", 0, Changed, 1},
		{"KP_Enter", 0, Changed, 1},
		{"Down", 0, Changed, 1},
		{"Left", 2, Changed, 1},
		{"Prior", 2, Changed, 1},
		{"Up", 2, Changed, 1},
		{"Home", 3, Changed, 0},
		{"End", 1, Changed, 4},
		// Bounds: nothing moves past the ends.
		{"Right", 4, None, 4},
		{"Space", 4, None, 4},
		{"Next", 4, None, 4},
		{"Return", 4, None, 4},
		{"Left", 0, None, 0},
		{"Prior", 0, None, 0},
		{"Home", 0, None, 0},
		{"End", 4, None, 4},
		// Unknown keys do nothing.
		{"F1", 2, None, 2},
		{"", 2, None, 2},
	}
	for _, tt := range tests {
		got, nav := keyAt(5, tt.from, tt.key)
		if got != tt.want || nav.Current != tt.wantCurr {
			t.Errorf("Key(%q) from %d = %v, current %d; want %v, %d", tt.key, tt.from, got, nav.Current, tt.want, tt.wantCurr)
		}
	}
}

func TestNavEmptyDeck(t *testing.T) {
	nav, _ := newTestNav(0)
	for _, k := range []string{"Right", "Left", "Home", "End", "1", "Return"} {
		if a := nav.Key(k); a != None || nav.Current != 0 {
			t.Errorf("empty deck Key(%q) = %v, current %d", k, a, nav.Current)
		}
	}
}

func TestNavJump(t *testing.T) {
	nav, _ := newTestNav(12)
	for _, k := range []string{"1", "2"} {
		if a := nav.Key(k); a != None {
			t.Fatalf("digit %s returned %v", k, a)
		}
	}
	if nav.Typed() != "12" {
		t.Fatalf("typed = %q", nav.Typed())
	}
	if a := nav.Key("Return"); a != Changed || nav.Current != 11 {
		t.Fatalf("12 Return: %v, current %d", a, nav.Current)
	}
	if nav.Typed() != "" {
		t.Errorf("typed not cleared: %q", nav.Typed())
	}

	// BackSpace edits the number: 3, 4, BackSpace, Enter -> slide 3.
	for _, k := range []string{"3", "4", "BackSpace"} {
		nav.Key(k)
	}
	if a := nav.Key("KP_Enter"); a != Changed || nav.Current != 2 {
		t.Errorf("3 4 BackSpace Enter: %v, current %d", a, nav.Current)
	}
	// BackSpace on an empty buffer is harmless.
	if a := nav.Key("BackSpace"); a != None || nav.Typed() != "" {
		t.Errorf("BackSpace on empty: %v %q", a, nav.Typed())
	}

	// Out of range is ignored, not clamped, and does not advance.
	for _, num := range [][]string{{"0"}, {"1", "3"}, {"9", "9", "9", "9"}} {
		nav.Current = 4
		for _, k := range num {
			nav.Key(k)
		}
		if a := nav.Key("Return"); a != None || nav.Current != 4 {
			t.Errorf("jump to %v: %v, current %d", num, a, nav.Current)
		}
	}
	// The buffer is capped, so a long number cannot overflow.
	for range 30 {
		nav.Key("9")
	}
	if len(nav.Typed()) != maxTyped {
		t.Errorf("typed buffer = %q", nav.Typed())
	}
	// A non-digit key clears the number and does its own job.
	nav.Current = 0
	nav.Key("Right")
	if nav.Typed() != "" || nav.Current != 1 {
		t.Errorf("Right after digits: typed %q, current %d", nav.Typed(), nav.Current)
	}
	// Shift on its own (AZERTY keyboards type digits with it) keeps the
	// number: Shift 1 Shift 1 Enter goes to slide 11.
	nav.Current = 0
	for _, k := range []string{"LeftShift", "1", "RightShift", "1", "CapsLock"} {
		if a := nav.Key(k); a != None {
			t.Fatalf("%s while typing a number: %v", k, a)
		}
	}
	if a := nav.Key("Return"); a != Changed || nav.Current != 10 {
		t.Errorf("Shift 1 Shift 1 Enter: %v, current %d, want slide 11", a, nav.Current+1)
	}
	nav.Current = 1
	// Jumping to the current slide is not a change.
	nav.Key("2")
	if a := nav.Key("Return"); a != None || nav.Current != 1 {
		t.Errorf("jump to current: %v, %d", a, nav.Current)
	}
}

func TestNavBlackoutAndTimer(t *testing.T) {
	nav, c := newTestNav(5)
	if nav.Timer.Running() {
		t.Fatal("timer runs before the first slide change")
	}
	nav.Key("Right")
	if !nav.Timer.Running() {
		t.Fatal("timer did not start at the first slide change")
	}
	c.tick(10 * time.Second)

	for _, k := range []string{"B", "."} {
		if a := nav.Key(k); a != BlackoutToggled || !nav.Blackout {
			t.Fatalf("%s: %v, blackout %v", k, a, nav.Blackout)
		}
		if nav.Timer.Running() {
			t.Fatalf("%s: timer still running in blackout", k)
		}
		c.tick(time.Minute) // not counted
		// Moving during blackout works and keeps the screen black.
		if a := nav.Key("Right"); a != Changed || !nav.Blackout {
			t.Fatalf("Right in blackout: %v, blackout %v", a, nav.Blackout)
		}
		nav.Key("Left")
		if a := nav.Key(k); a != BlackoutToggled || nav.Blackout {
			t.Fatalf("%s again: %v, blackout %v", k, a, nav.Blackout)
		}
		if !nav.Timer.Running() {
			t.Fatalf("%s: timer not resumed", k)
		}
	}
	if got := nav.Timer.Elapsed(); got != 10*time.Second {
		t.Errorf("elapsed = %v, want 10s (blackout time excluded)", got)
	}

	// A timer paused by hand stays paused after blackout.
	nav.Timer.Pause()
	nav.Key("b")
	nav.Key("b")
	if nav.Timer.Running() {
		t.Error("blackout resumed a timer the presenter had paused")
	}

	// Toggle and Reset.
	nav.Timer.Toggle()
	c.tick(5 * time.Second)
	if got := nav.Timer.Elapsed(); got != 15*time.Second {
		t.Errorf("elapsed after toggle = %v", got)
	}
	nav.Timer.Reset()
	if nav.Timer.Elapsed() != 0 || !nav.Timer.Running() {
		t.Errorf("after reset: %v running %v", nav.Timer.Elapsed(), nav.Timer.Running())
	}
	c.tick(2 * time.Second)
	nav.Timer.Toggle()
	c.tick(time.Hour)
	if got := nav.Timer.Elapsed(); got != 2*time.Second {
		t.Errorf("paused timer counted: %v", got)
	}
	nav.Timer.Start()
	nav.Timer.Start() // no double start
	c.tick(time.Second)
	if got := nav.Timer.Elapsed(); got != 3*time.Second {
		t.Errorf("elapsed = %v, want 3s", got)
	}
}

func TestNavBlackoutBeforeStart(t *testing.T) {
	nav, c := newTestNav(3)
	nav.Key("B")
	nav.Key("Right") // presenter moves on while the room sees black
	c.tick(time.Minute)
	if nav.Timer.Running() || nav.Timer.Elapsed() != 0 {
		t.Fatalf("timer counted during blackout: %v", nav.Timer.Elapsed())
	}
	nav.Key("B")
	if !nav.Timer.Running() {
		t.Fatal("timer did not start when the blackout ended")
	}
}

func TestNavOverview(t *testing.T) {
	for _, k := range []string{"O", "Tab", "o"} {
		nav, _ := newTestNav(10)
		if a := nav.Key(k); a != OverviewToggled || !nav.Overview {
			t.Fatalf("%s: %v overview %v", k, a, nav.Overview)
		}
		if a := nav.Key(k); a != OverviewToggled || nav.Overview {
			t.Fatalf("%s again: %v overview %v", k, a, nav.Overview)
		}
	}
	nav, _ := newTestNav(10)
	nav.Cols = 4
	nav.Key("Tab")
	if a := nav.Key("Down"); a != Changed || nav.Current != 4 {
		t.Errorf("Down in overview: %v, %d", a, nav.Current)
	}
	if a := nav.Key("Down"); a != Changed || nav.Current != 8 {
		t.Errorf("Down again: %v, %d", a, nav.Current)
	}
	if a := nav.Key("Down"); a != None || nav.Current != 8 {
		t.Errorf("Down past the end: %v, %d", a, nav.Current)
	}
	nav.Key("Up")
	nav.Key("Right")
	if nav.Current != 5 {
		t.Errorf("Up, Right: current %d, want 5", nav.Current)
	}
	// Enter picks the selected slide and closes the overview.
	if a := nav.Key("Return"); a != OverviewToggled || nav.Overview || nav.Current != 5 {
		t.Errorf("Return in overview: %v overview %v current %d", a, nav.Overview, nav.Current)
	}
	// A typed number in the overview moves the selection.
	nav.Key("O")
	nav.Key("2")
	if a := nav.Key("Return"); a != Changed || nav.Current != 1 || !nav.Overview {
		t.Errorf("2 Return in overview: %v current %d overview %v", a, nav.Current, nav.Overview)
	}
}

func TestNavEscape(t *testing.T) {
	nav, _ := newTestNav(3)
	nav.Key("O")
	if a := nav.Key("Escape"); a != OverviewToggled || nav.Overview {
		t.Errorf("Escape in overview: %v", a)
	}
	nav.Key("2")
	if a := nav.Key("Escape"); a != None || nav.Typed() != "" {
		t.Errorf("Escape with typed number: %v %q", a, nav.Typed())
	}
	nav.Key("B")
	if a := nav.Key("Escape"); a != Exit {
		t.Errorf("Escape: %v, want Exit", a)
	}
}

func TestActionString(t *testing.T) {
	want := map[Action]string{None: "None", Changed: "Changed", BlackoutToggled: "BlackoutToggled", OverviewToggled: "OverviewToggled", Exit: "Exit"}
	for a, s := range want {
		if a.String() != s {
			t.Errorf("%d.String() = %q", a, a.String())
		}
	}
}

func TestTimerRealClock(t *testing.T) {
	var tm Timer
	tm.Start()
	time.Sleep(2 * time.Millisecond)
	if tm.Elapsed() <= 0 {
		t.Error("real-clock timer did not advance")
	}
}

func TestNavSetN(t *testing.T) {
	nav, _ := newTestNav(10)
	nav.Current = 7
	nav.SetN(12)
	if nav.Current != 7 || nav.N != 12 {
		t.Errorf("grow: %d of %d", nav.Current, nav.N)
	}
	nav.SetN(5)
	if nav.Current != 4 {
		t.Errorf("shrink: current %d, want 4", nav.Current)
	}
	nav.SetN(-1)
	if nav.Current != 0 || nav.N != 0 {
		t.Errorf("empty: %d of %d", nav.Current, nav.N)
	}
}
