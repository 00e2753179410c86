package deck

import (
	"strconv"
	"strings"
	"time"
)

// Action tells the UI what a key did.
type Action int

// Actions returned by Nav.Key.
const (
	// None: nothing visible changed (a bound was hit, a digit was typed).
	None Action = iota
	// Changed: the current slide changed.
	Changed
	// BlackoutToggled: the audience screen went black or came back.
	BlackoutToggled
	// OverviewToggled: the overview grid opened or closed.
	OverviewToggled
	// Exit: leave present mode.
	Exit
)

func (a Action) String() string {
	switch a {
	case Changed:
		return "Changed"
	case BlackoutToggled:
		return "BlackoutToggled"
	case OverviewToggled:
		return "OverviewToggled"
	case Exit:
		return "Exit"
	}
	return "None"
}

// maxTyped caps the typed slide number; no deck has 10,000 slides.
const maxTyped = 4

// modifierKeys are the names Fyne gives keys that only modify others.
var modifierKeys = map[string]bool{
	"LeftShift": true, "RightShift": true, "LeftControl": true, "RightControl": true,
	"LeftAlt": true, "RightAlt": true, "LeftSuper": true, "RightSuper": true, "CapsLock": true,
}

// Nav is the presentation's navigation state, shared by the audience and
// presenter windows. It is pure: the UI feeds it key names and redraws on
// the returned Action. Nav is not safe for concurrent use; Fyne delivers
// keys on one goroutine.
//
// Decisions:
//   - Moving past the first or last slide does nothing (Action None).
//   - "number then Enter" with a number outside 1..N is ignored rather than
//     clamped: a mistyped "88" should not throw the deck to its last slide.
//   - Any key other than a digit, BackSpace or Enter clears a typed number
//     and then does its own job; modifier keys on their own (Shift, Ctrl,
//     Alt, Super, Caps Lock) do nothing, since some layouts (AZERTY) need
//     Shift for every digit.
//   - While blacked out the keys still move the current slide, so the
//     presenter can move on while the audience sees black.
//   - Escape closes the overview or drops a typed number before it exits.
//   - The timer starts at the first slide change (as Keynote does), or when
//     the UI calls Timer.Start.
type Nav struct {
	// N is the number of slides.
	N int
	// Current is the 0-based current slide (the selected one in the overview).
	Current  int
	Blackout bool
	Overview bool
	// Cols is the overview grid's column count, used by Up and Down while
	// the overview is open; 0 or 1 makes Up and Down move by one slide.
	Cols  int
	Timer Timer

	typed string
	// resume is true when blackout paused a running timer.
	resume bool
}

// NewNav returns navigation over n slides. now is the clock; nil means time.Now.
func NewNav(n int, now func() time.Time) *Nav {
	return &Nav{N: n, Timer: Timer{Now: now}}
}

// SetN changes the slide count, as when slides.md is reloaded, keeping the
// current slide where it still exists and moving to the last one otherwise.
func (n *Nav) SetN(count int) {
	n.N = max(count, 0)
	n.Current = max(min(n.Current, n.N-1), 0)
}

// Typed returns the digits typed so far for a jump, "" if none.
func (n *Nav) Typed() string { return n.typed }

// Key handles one key, named as Fyne names it (fyne.KeyName).
func (n *Nav) Key(k string) Action {
	if len(k) == 1 && k[0] >= '0' && k[0] <= '9' {
		if len(n.typed) < maxTyped {
			n.typed += k
		}
		return None
	}
	if modifierKeys[k] {
		return None
	}
	if k == "BackSpace" {
		if n.typed != "" {
			n.typed = n.typed[:len(n.typed)-1]
		}
		return None
	}
	typed := n.typed
	n.typed = ""
	switch strings.ToUpper(k) {
	case "RETURN", "ENTER", "KP_ENTER":
		if typed != "" {
			v, err := strconv.Atoi(typed)
			if err != nil || v < 1 || v > n.N {
				return None
			}
			return n.Go(v - 1)
		}
		if n.Overview {
			n.Overview = false
			return OverviewToggled
		}
		return n.Go(n.Current + 1)
	case "RIGHT", "SPACE", "NEXT":
		return n.Go(n.Current + 1)
	case "LEFT", "PRIOR":
		return n.Go(n.Current - 1)
	case "DOWN":
		return n.Go(n.Current + n.step())
	case "UP":
		return n.Go(n.Current - n.step())
	case "HOME":
		return n.Go(0)
	case "END":
		return n.Go(n.N - 1)
	case "B", ".":
		n.ToggleBlackout()
		return BlackoutToggled
	case "O", "TAB":
		n.Overview = !n.Overview
		return OverviewToggled
	case "ESCAPE":
		if n.Overview {
			n.Overview = false
			return OverviewToggled
		}
		if typed != "" {
			return None
		}
		return Exit
	}
	return None
}

func (n *Nav) step() int {
	if n.Overview && n.Cols > 1 {
		return n.Cols
	}
	return 1
}

// Go moves to slide i (0-based). Out of range does nothing and returns None.
func (n *Nav) Go(i int) Action {
	if i < 0 || i >= n.N || i == n.Current {
		return None
	}
	n.Current = i
	if !n.Timer.started {
		if n.Blackout {
			// Start counting when the audience can see again.
			n.resume = true
		} else {
			n.Timer.Start()
		}
	}
	return Changed
}

// ToggleBlackout blacks the audience screen out or brings it back. Blacking
// out pauses a running timer; coming back resumes it only if blackout paused it.
func (n *Nav) ToggleBlackout() {
	n.Blackout = !n.Blackout
	if n.Blackout {
		n.resume = n.Timer.Running()
		n.Timer.Pause()
		return
	}
	if n.resume {
		n.Timer.Start()
	}
	n.resume = false
}

// Timer measures presenting time; it can be paused, resumed and reset.
type Timer struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	started bool
	running bool
	since   time.Time
	acc     time.Duration
}

func (t *Timer) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// Start starts or resumes the timer; it does nothing if it is running.
func (t *Timer) Start() {
	t.started = true
	if t.running {
		return
	}
	t.running = true
	t.since = t.now()
}

// Pause stops the timer, keeping the elapsed time.
func (t *Timer) Pause() {
	if !t.running {
		return
	}
	t.acc += t.now().Sub(t.since)
	t.running = false
}

// Toggle pauses a running timer or resumes a paused one.
func (t *Timer) Toggle() {
	if t.running {
		t.Pause()
	} else {
		t.Start()
	}
}

// Reset sets the elapsed time to zero and keeps running if it was.
func (t *Timer) Reset() {
	t.acc = 0
	t.since = t.now()
}

// Running reports whether the timer is counting.
func (t *Timer) Running() bool { return t.running }

// Elapsed returns the time counted so far.
func (t *Timer) Elapsed() time.Duration {
	d := t.acc
	if t.running {
		d += t.now().Sub(t.since)
	}
	return d
}
