package reader

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

func init() {
	// Timed UI resets (flash, "Copied") would run on timer goroutines
	// under the test driver; the tests check state, not the reset.
	AfterDelay = func(time.Duration, func()) {}
}

// fakeNav records every Go call.
type fakeNav struct {
	mu   sync.Mutex
	locs []Location
}

func (n *fakeNav) Go(l Location) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.locs = append(n.locs, l)
}

func (n *fakeNav) last(t *testing.T) Location {
	t.Helper()
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.locs) == 0 {
		t.Fatal("the navigator was never called")
	}
	return n.locs[len(n.locs)-1]
}

// examplePack loads the illustrative pack from the pack-format docs.
func examplePack(t *testing.T) *pack.Pack {
	t.Helper()
	p, ds := pack.Load(os.DirFS("../../testdata/example-pack"), "example", pack.Options{})
	if ds.HasErrors() {
		t.Fatalf("example pack has errors: %v", ds)
	}
	return p
}

// bundledPack loads the spot-reduction pack, which has non-ASCII names.
func bundledPack(t testing.TB) *pack.Pack {
	t.Helper()
	fsys, err := content.Pack(content.Default)
	if err != nil {
		t.Fatal(err)
	}
	p, ds := pack.Load(fsys, "bundled", pack.Options{})
	if ds.HasErrors() {
		t.Fatalf("bundled pack has errors: %v", ds)
	}
	return p
}
