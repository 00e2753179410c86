package nav

import "testing"

type loc struct {
	view   string
	offset float32
}

func TestBackReturnsToSavedOffset(t *testing.T) {
	h := New(loc{"article", 0})
	// Reader scrolled to 640, tapped a citation, jumped to references.
	h.Go(loc{"article", 640}, loc{"references", 0})
	if !h.CanBack() || h.CanForward() {
		t.Fatalf("after Go: CanBack=%v CanForward=%v, want true false", h.CanBack(), h.CanForward())
	}
	got, ok := h.Back(loc{"references", 120})
	if !ok || got != (loc{"article", 640}) {
		t.Fatalf("Back = %v, %v; want article at 640", got, ok)
	}
	got, ok = h.Forward(loc{"article", 700})
	if !ok || got != (loc{"references", 120}) {
		t.Fatalf("Forward = %v, %v; want references at 120 (the saved position)", got, ok)
	}
	got, _ = h.Back(loc{"references", 120})
	if got != (loc{"article", 700}) {
		t.Fatalf("second Back = %v; want the offset saved when leaving (700)", got)
	}
}

func TestGoDropsForwardEntries(t *testing.T) {
	h := New(loc{"a", 0})
	h.Go(loc{"a", 0}, loc{"b", 0})
	h.Go(loc{"b", 0}, loc{"c", 0})
	h.Back(loc{"c", 0})
	h.Back(loc{"b", 0})
	h.Go(loc{"a", 5}, loc{"d", 0})
	if h.CanForward() {
		t.Fatal("Go after Back must drop the forward entries")
	}
	if h.Len() != 2 || h.Current() != (loc{"d", 0}) {
		t.Fatalf("Len=%d Current=%v; want 2 and d", h.Len(), h.Current())
	}
}

func TestEmptyMoves(t *testing.T) {
	h := New(loc{"a", 1})
	if _, ok := h.Back(loc{"a", 2}); ok {
		t.Fatal("Back on a fresh history moved")
	}
	if _, ok := h.Forward(loc{"a", 2}); ok {
		t.Fatal("Forward on a fresh history moved")
	}
	if h.Current() != (loc{"a", 1}) {
		t.Fatalf("a refused move changed the current entry to %v", h.Current())
	}
	h.Replace(loc{"a", 9})
	if h.Current().offset != 9 {
		t.Fatal("Replace did not update the current entry")
	}
}

func TestBounded(t *testing.T) {
	h := New(0)
	for i := 0; i < MaxEntries*2; i++ {
		h.Go(i, i+1)
	}
	if h.Len() != MaxEntries {
		t.Fatalf("Len = %d, want %d", h.Len(), MaxEntries)
	}
	if h.Current() != MaxEntries*2 {
		t.Fatalf("Current = %d, want the newest entry", h.Current())
	}
	n := 0
	for h.CanBack() {
		h.Back(h.Current())
		n++
	}
	if n != MaxEntries-1 {
		t.Fatalf("could go back %d times, want %d", n, MaxEntries-1)
	}
}

func TestMap(t *testing.T) {
	h := New(1)
	h.Go(10, 2)
	h.Go(20, 3)
	h.Back(30)
	h.Map(func(n int) int { return n * 100 })
	if h.Current() != 2000 {
		t.Fatalf("current %d after Map, want 2000 (20 moved)", h.Current())
	}
	if e, _ := h.Back(0); e != 1000 {
		t.Fatalf("back to %d, want 1000", e)
	}
	if e, _ := h.Forward(0); e != 0 {
		t.Fatalf("forward to %d, want the 0 just saved", e)
	}
	if e, _ := h.Forward(0); e != 3000 {
		t.Fatalf("forward to %d, want 3000", e)
	}
}
