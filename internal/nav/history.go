// Package nav keeps the reader's back/forward history. It is Fyne-free and
// generic over the location type so it can be tested without a display.
package nav

// MaxEntries bounds the history so a long session cannot grow it forever.
const MaxEntries = 500

// History is a browser-style back/forward stack. Every move records where
// the reader was (the from argument), so going back returns to the exact
// position they left, not to where they first arrived.
type History[T any] struct {
	entries []T
	pos     int
}

// New returns a history whose only entry is start.
func New[T any](start T) *History[T] {
	return &History[T]{entries: []T{start}}
}

// Current is the entry the reader is at.
func (h *History[T]) Current() T { return h.entries[h.pos] }

// Replace updates the current entry in place, e.g. after scrolling.
func (h *History[T]) Replace(cur T) { h.entries[h.pos] = cur }

// Go records from as the current entry, drops any forward entries and
// makes to the new current entry.
func (h *History[T]) Go(from, to T) {
	h.entries[h.pos] = from
	h.entries = append(h.entries[:h.pos+1], to)
	h.pos++
	if over := len(h.entries) - MaxEntries; over > 0 {
		h.entries = append(h.entries[:0], h.entries[over:]...)
		h.pos -= over
	}
}

// CanBack reports whether Back would move.
func (h *History[T]) CanBack() bool { return h.pos > 0 }

// CanForward reports whether Forward would move.
func (h *History[T]) CanForward() bool { return h.pos < len(h.entries)-1 }

// Back saves from as the current entry and moves one step back. It returns
// the entry to show, and false when there is nothing to go back to.
func (h *History[T]) Back(from T) (T, bool) {
	if !h.CanBack() {
		var zero T
		return zero, false
	}
	h.entries[h.pos] = from
	h.pos--
	return h.entries[h.pos], true
}

// Forward saves from as the current entry and moves one step forward. It
// returns the entry to show, and false when there is nothing ahead.
func (h *History[T]) Forward(from T) (T, bool) {
	if !h.CanForward() {
		var zero T
		return zero, false
	}
	h.entries[h.pos] = from
	h.pos++
	return h.entries[h.pos], true
}

// Len is the number of entries.
func (h *History[T]) Len() int { return len(h.entries) }

// Map replaces every entry e with f(e), e.g. to follow the places in a
// document that was edited and reloaded.
func (h *History[T]) Map(f func(T) T) {
	for i, e := range h.entries {
		h.entries[i] = f(e)
	}
}
