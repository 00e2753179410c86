package pack

import (
	"bytes"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// v1Semantics makes the v2 decoder decode as encoding/json does (case-
// insensitive names, a later duplicate key winning, null leaving a field
// alone), so the fast path and the encoding/json path give the same
// references for the same file.
var v1Semantics = jsonv1.DefaultOptionsV1()

// fastReferences decodes references.json with go-json-experiment/json, the
// encoding/json v2 prototype run with encoding/json's semantics, and
// reports ok = false on any error, after which loadReferences decodes the
// file with encoding/json and reports what is wrong where it is wrong.
// encoding/json spent about 120 ms on the 8 MB references.json of make
// bench's large pack, mostly in reflection, and the window waits for the
// pack before its first frame; the v2 decoder takes about half of that
// (BenchmarkReferences). Every message and position the tests pin still
// comes from the encoding/json path, and TestFastReferencesAgrees and
// FuzzReferences hold this path to its result. When encoding/json/v2
// leaves GOEXPERIMENT, it replaces the module.
func fastReferences(src []byte) (refs []Reference, ok bool) {
	dec := jsontext.NewDecoder(bytes.NewReader(src), v1Semantics)
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '[' {
		return nil, false
	}
	// Every item has an "id"; counting them saves growing the slice
	// (a Reference is 300 bytes) a dozen times. A hostile file of bare
	// "id" strings must not reserve a gigabyte: no item is under 10
	// bytes ({"id":""}), and past 65,536 append grows it.
	refs = make([]Reference, 0, min(bytes.Count(src, []byte(`"id"`)), len(src)/10, 1<<16))
	line, counted := 1, 0
	for dec.PeekKind() != ']' {
		// InputOffset is just past the previous item (or the "["); the
		// item's line is where its first byte after spaces and a comma is.
		start := int(dec.InputOffset())
		for start < len(src) && bytes.IndexByte([]byte(" \t\r\n,"), src[start]) >= 0 {
			start++
		}
		var r Reference
		if err := jsonv2.UnmarshalDecode(dec, &r, v1Semantics); err != nil {
			return nil, false
		}
		line += bytes.Count(src[counted:start], []byte{'\n'})
		counted = start
		r.Line = line
		refs = append(refs, r)
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, false
	}
	// Anything but spaces after the closing bracket is left to the
	// encoding/json path, which reports it.
	if len(bytes.TrimLeft(src[dec.InputOffset():], " \t\r\n")) != 0 {
		return nil, false
	}
	if len(refs) == 0 {
		return nil, true // as the encoding/json path leaves it
	}
	return refs, true
}
