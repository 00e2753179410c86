package cli

import (
	"strings"
	"testing"
)

// --watch reaches the window as WatchOn (and the pack's path as
// LoadingPath), after a bare folder or --pack,
// before or after it; --watch=false as WatchOff; no flag as the default.
func TestOpenPassesWatch(t *testing.T) {
	const dir = "../../testdata/example-pack"
	var got OpenOptions
	var gotDir string
	gui := GUI{Open: func(_ Loaded, o OpenOptions) error { got = o; gotDir = (<-o.Loading).Dir; return nil }}
	for _, c := range []struct {
		args []string
		want WatchMode
	}{
		{[]string{"--pack", dir, "--watch"}, WatchOn},
		{[]string{dir, "--watch"}, WatchOn},
		{[]string{"--watch", dir}, WatchOn},
		{[]string{dir, "--watch=false"}, WatchOff},
		{[]string{dir}, WatchDefault},
	} {
		got, gotDir = OpenOptions{}, ""
		if code, stderr := runGUI(t, gui, c.args...); code != ExitOK {
			t.Fatalf("%v: code %d: %s", c.args, code, stderr)
		}
		if got.Watch != c.want || gotDir != dir || got.LoadingPath != dir {
			t.Errorf("%v: Watch %v, pack folder %q (LoadingPath %q); want %v and %q", c.args, got.Watch, gotDir, got.LoadingPath, c.want, dir)
		}
	}
}

// The bundled pack is built in: --watch without a pack is a usage error
// that says what to give.
func TestWatchNeedsAPack(t *testing.T) {
	opened := false
	gui := GUI{Open: func(Loaded, OpenOptions) error { opened = true; return nil }}
	code, stderr := runGUI(t, gui, "--watch")
	if code != ExitUsage || opened || !strings.Contains(stderr, "--pack DIR --watch") {
		t.Fatalf("--watch alone: code %d, opened %v, stderr %q", code, opened, stderr)
	}
}
