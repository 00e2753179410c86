package pack

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// slowReferences decodes src with the encoding/json path alone.
func slowReferences(src []byte) ([]Reference, bool, Diagnostics) {
	l := &loader{p: &Pack{Sources: map[string][]byte{}}}
	l.decodeReferences(src, newLineIndex(src))
	return l.p.References, l.refsOK, l.ds
}

// agree fails when the fast path accepts src and gives anything but what
// the encoding/json path gives; it returns whether the fast path accepted.
func agree(t *testing.T, src []byte) bool {
	t.Helper()
	fast, ok := fastReferences(src)
	if !ok {
		return false
	}
	slow, slowOK, ds := slowReferences(src)
	if len(ds) > 0 || !slowOK {
		t.Fatalf("fast path accepted what encoding/json reports (%v):\n%s", ds, src)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fast path disagrees with encoding/json on\n%s\nfast: %#v\nslow: %#v", src, fast, slow)
	}
	return true
}

// TestFastReferencesAgrees holds the fast path to encoding/json: on what
// it accepts the two give the same references (nil and empty slices
// apart, numbers as float64, escapes unquoted, lines), and what it must
// not decode itself it leaves alone.
func TestFastReferencesAgrees(t *testing.T) {
	bundled, err := os.ReadFile("../../content/spot-reduction/references.json")
	if err != nil {
		t.Fatal(err)
	}
	minimal, err := os.ReadFile("testdata/minimal/references.json")
	if err != nil {
		t.Fatal(err)
	}
	item := func(fields string) string { return "[\n  {\"id\": \"a\", " + fields + "}\n]\n" }
	accepted := []string{
		string(bundled),
		string(minimal),
		"[]",
		" \r\n\t[ ] \n",
		item(`"title": "Medicine \u0026 Science \"quoted\" \\ \/ \b\f\n\r\t \ud83d\ude00 \ud800 tail"`),
		item(`"title": "Łódź — naïve ⚠"`),
		item(`"author": []`),
		item(`"author": [{}, {"family": "O'Neil", "given": "A.", "non-dropping-particle": "de", "dropping-particle": "van", "literal": "Lit"}]`),
		item(`"issued": {"date-parts": []}`),
		item(`"issued": {"date-parts": [[]]}`),
		item(`"issued": {"date-parts": [[2001, 2, 3], [2002]], "literal": "x", "raw": "2001"}`),
		item(`"issued": {"date-parts": [["2001", "spring"], [true, false, null]]}`),
		item(`"issued": {"date-parts": [[-0, 0.5, 1e3, 2E-2, 1.5e+2, 20010]]}`),
		item(`"available-date": {"date-parts": [[2001, 9, 16]]}, "issued": {}`),
		item(`"custom": {}`),
		item(`"custom": {"as-printed": "Smith A. (2001).", "verified": "DOI", "other": [1, {"x": null}]}`),
		item(`"publisher": "P", "abstract": {"nested": [[[true]], "s", -1.5e-3]}, "ISSN": null, "language": "en"`),
		item(`"container-title": "J", "container-title-short": "J.", "volume": "1", "issue": "2", "page": "3-4", "DOI": "10.1/x", "PMID": "1", "PMCID": "PMC1", "URL": "https://x", "note": "n", "type": "book"`),
		"[{\"id\":\"a\"},{\"id\":\"b\"}\n,\n{\"id\":\"c\"}]",
		"[\n\n\n    {\"id\": \"late\"}]",
	}
	for _, src := range accepted {
		if !agree(t, []byte(src)) {
			t.Errorf("fast path refused a plain file it should decode:\n%s", src)
		}
	}

	// Valid JSON that encoding/json decodes in its own way (case-folded
	// keys, the last of a key given twice, null leaving a field alone,
	// escaped keys): the fast path decodes it too, the same way.
	for _, src := range []string{
		item(`"Title": "case-folded key"`),
		item(`"title": "one", "title": "twice"`),
		item(`"author": null`),
		item(`"title": null`),
		item(`"\u0074itle": "escaped key"`),
		item(`"tıtle": "non-ASCII key"`),
		item(`"x": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100)),
		item(`"issued": {"date-parts": [[{"y": 1}]]}`),
		item(`"issued": {"date-parts": [null]}`),
	} {
		if !agree(t, []byte(src)) {
			t.Errorf("fast path refused valid JSON:\n%s", src)
		}
	}

	// Each of these encoding/json reports, so the fast path must leave it
	// to that path.
	refused := []string{
		item(`"issued": {"date-parts": [[1e400]]}`),
		item(`"title": 12`),
		item(`"author": [{"family": 1}]`),
		item(`"author": ["Smith"]`),
		item(`"custom": "x"`),
		item(`"issued": "2001"`),
		item(`"title": "a",`),
		item(`"title" "a"`),
		item(`"title": "a\x"`),
		item(`"title": "a\u12"`),
		item("\"title\": \"tab\tinside\""),
		item(`"x": [1, 2,]`),
		item(`"x": 01`),
		item(`"x": -`),
		item(`"x": 1.`),
		item(`"x": tru`),
		"[\"just a string\"]",
		"[{\"id\": \"a\"} {\"id\": \"b\"}]",
		"[{\"id\": \"a\"},]",
		"[{\"id\": \"a\"}",
		"[{\"id\": \"a\"}] trailing",
		"[{\"id\": \"a\"}]\n[{\"id\": \"b\"}]\n",
		"[{\"id\": \"a\"}]\n}",
		"{\"id\": \"a\"}",
		"",
	}
	for _, src := range refused {
		if _, _, ds := slowReferences([]byte(src)); len(ds) == 0 {
			t.Errorf("encoding/json path reports nothing on\n%s", src)
		}
		if agree(t, []byte(src)) {
			t.Errorf("fast path decoded what it must leave to encoding/json:\n%s", src)
		}
	}
}

// FuzzReferences holds the fast path to encoding/json on any bytes.
func FuzzReferences(f *testing.F) {
	for _, name := range []string{"../../content/spot-reduction/references.json", "testdata/minimal/references.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`[{"id":"a","author":[],"issued":{"date-parts":[[2001,"x",true,null,1e3]]},"custom":{"as-printed":"\u0041"},"x":[{"y":null}]}]`))
	f.Add([]byte(`[{"ID":"a","title":"b","title":"c"}]`))
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) {
			return // read refuses it before either path runs
		}
		agree(t, src)
	})
}

// BenchmarkReferences decodes a references.json of 10,000 items (the
// bundled pack's, renumbered, indented as encoding/json writes them, about
// 8 MB) by the fast path and by encoding/json.
func BenchmarkReferences(b *testing.B) {
	bundled, err := os.ReadFile("../../content/spot-reduction/references.json")
	if err != nil {
		b.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(bundled, &items); err != nil {
		b.Fatal(err)
	}
	var many []map[string]any
	for i := range 10000 {
		it := maps.Clone(items[i%len(items)])
		it["id"] = fmt.Sprintf("ref%d", i)
		many = append(many, it)
	}
	src, err := json.MarshalIndent(many, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			if refs, ok := fastReferences(src); !ok || len(refs) != 10000 {
				b.Fatal("fast path refused the file")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			if refs, ok, _ := slowReferences(src); !ok || len(refs) != 10000 {
				b.Fatal("encoding/json refused the file")
			}
		}
	})
}

// A hostile references.json of bare "id" strings (each 5 bytes) does not
// make the fast path reserve room for a Reference per "id": 3 MB of them
// would reserve about 170 MB (288 bytes a Reference).
func TestFastReferencesReservesByItems(t *testing.T) {
	src := []byte("[" + strings.Repeat(`"id",`, 600000) + `"id"]`)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, ok := fastReferences(src); ok {
		t.Fatal("an array of strings was accepted as references")
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("the fast path allocated %d MB for a 3 MB file", got>>20)
	}
}

// Text after the array is reported where it starts, not ignored: a second
// array pasted below the first would otherwise be lost without a word.
func TestTextAfterTheReferencesArray(t *testing.T) {
	_, ok, ds := slowReferences([]byte("[{\"id\": \"a\"}]\n\n  [{\"id\": \"b\"}]\n"))
	if ok || len(ds) != 1 || ds[0].Line != 3 || ds[0].Col != 3 || !strings.Contains(ds[0].Message, "text after the closing ]") {
		t.Errorf("ok %v, diagnostics %v; want one error at 3:3", ok, ds)
	}
}
