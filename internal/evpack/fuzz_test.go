package evpack

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// openBudget bounds one Open of a fuzz input; Open reads at most the caps,
// so anything near it means a path that reads too much.
const openBudget = 2 * time.Second

// FuzzOpen feeds arbitrary bytes to OpenReader, seeded with a good pack
// and every hostile archive of TestHostileArchivesAreRefused. Open must
// never panic; a refusal must name the archive and say what is wrong; an
// accepted archive must hold only pack files within their caps, load with
// pack.Load, and survive Encode and Open again unchanged.
func FuzzOpen(f *testing.F) {
	f.Add(encoded(f, exampleFiles(f)))
	f.Add(zipOf(f, append(exampleEnts(f, "x/"), ent{name: "x/"}, ent{name: "x/README"})...))
	for _, c := range hostile(f) {
		f.Add(c.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		a, err := OpenReader(bytes.NewReader(data), int64(len(data)), "fuzz.evpack")
		if el := time.Since(start); el > openBudget {
			t.Fatalf("Open of %d bytes took %v", len(data), el)
		}
		if err != nil {
			es := Errors(err)
			if len(es) == 0 {
				t.Fatalf("error without an *Error: %v", err)
			}
			for _, e := range es {
				if e.Archive != "fuzz.evpack" || e.Problem == "" || !strings.HasPrefix(e.Error(), "fuzz.evpack: ") {
					t.Fatalf("bad error %#v", e)
				}
				if d := e.Diagnostic(); d.File == "" || d.Severity != pack.Error {
					t.Fatalf("bad diagnostic %#v", d)
				}
			}
			return
		}
		files := map[string][]byte{}
		for _, n := range a.Files() {
			b, err := a.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			if int64(len(b)) > pack.SizeCaps[n] {
				t.Fatalf("%s is %d bytes, over its cap", n, len(b))
			}
			files[n] = b
		}
		for _, d := range a.Notes() {
			if d.File == "" || d.Severity == pack.Error {
				t.Fatalf("bad note %#v", d)
			}
		}
		if p, _ := pack.Load(a, "fuzz.evpack", pack.Options{Now: testNow}); p == nil {
			t.Fatal("pack.Load returned nil")
		}
		if len(files) == 0 {
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, files); err != nil {
			t.Fatalf("Encode of what Open accepted: %v", err)
		}
		b, err := OpenReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "again.evpack")
		if err != nil {
			t.Fatalf("Open of what Encode wrote: %v", err)
		}
		for n, want := range files {
			if got, _ := b.ReadFile(n); !bytes.Equal(got, want) {
				t.Fatalf("%s changed in the round trip", n)
			}
		}
		if !reflect.DeepEqual(a.Files(), b.Files()) {
			t.Fatalf("files %v became %v", a.Files(), b.Files())
		}
	})
}
