package pack

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// fastReferences decodes references.json in one pass when it is the
// common, well-formed case, and reports ok = false for anything else, after
// which loadReferences decodes the file with encoding/json and reports what
// is wrong where it is wrong. encoding/json spent about 120 ms on the
// 8 MB references.json of make bench's large pack, most of it in
// reflection and in scanning every byte twice; this takes a tenth of that
// (BenchmarkReferences), and the window waits for it before its first
// frame.
//
// It gives exactly what the encoding/json path gives, because it only
// accepts what it fully understands and gives up otherwise: JSON syntax
// checked as strictly as encoding/json checks it; each item an object; the
// known fields of Reference, Name, CSLDate and CSLCustom spelt exactly as
// their tags, each at most once per object, with a value of the field's
// type (no null); other keys, in ASCII and without escapes, that match no
// field even ignoring case (encoding/json matches case-insensitively),
// skipped; date parts that are numbers, strings, booleans or null; nothing
// after the closing bracket but spaces (the encoding/json path stops
// reading there). Strings with escapes are unquoted by encoding/json
// itself. TestFastReferencesAgrees and FuzzReferences hold it to the
// encoding/json path. src is valid UTF-8 (read checks it first), which
// encoding/json would otherwise mend in strings.
func fastReferences(src []byte) (refs []Reference, ok bool) {
	d := cslDecoder{src: src}
	d.space()
	if !d.consume('[') {
		return nil, false
	}
	d.space()
	if d.consume(']') {
		return nil, d.end()
	}
	// Every item has an "id"; counting them saves growing the slice
	// (a Reference is 300 bytes) a dozen times.
	refs = make([]Reference, 0, bytes.Count(src, []byte(`"id"`)))
	line, counted := 1, 0
	for {
		start := d.i
		var r Reference
		if !d.reference(&r) {
			return nil, false
		}
		line += bytes.Count(src[counted:start], []byte{'\n'})
		counted = start
		r.Line = line
		refs = append(refs, r)
		d.space()
		if d.consume(',') {
			d.space()
			continue
		}
		if d.consume(']') {
			return refs, d.end()
		}
		return nil, false
	}
}

// cslDecoder reads src from i; every method returns false (or "", false)
// at the first thing it does not accept.
type cslDecoder struct {
	src []byte
	i   int
	// names and parts are reused for each array, which is then copied
	// once at its size: growing each from empty was a third of the bytes
	// the decoder allocated.
	names []Name
	parts []any
}

// maxSkipDepth bounds the nesting of skipped unknown values; deeper ones
// are left to encoding/json, which has its own limit.
const maxSkipDepth = 64

func (d *cslDecoder) space() {
	for d.i < len(d.src) {
		switch d.src[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *cslDecoder) consume(c byte) bool {
	if d.i < len(d.src) && d.src[d.i] == c {
		d.i++
		return true
	}
	return false
}

// end is true when only spaces follow.
func (d *cslDecoder) end() bool {
	d.space()
	return d.i == len(d.src)
}

// object reads one JSON object whose fields are keys, calling field with
// the decoder at the value of each key it has; other keys' values are
// skipped.
func (d *cslDecoder) object(keys []string, field func(k int) bool) bool {
	if !d.consume('{') {
		return false
	}
	d.space()
	if d.consume('}') {
		return true
	}
	var seen uint64
	for {
		key, ok := d.key()
		if !ok {
			return false
		}
		d.space()
		if !d.consume(':') {
			return false
		}
		d.space()
		k := fieldIndex(keys, key)
		switch {
		case k == -2:
			return false
		case k == -1:
			if !d.skip(0) {
				return false
			}
		default:
			if seen&(1<<k) != 0 {
				// A second value merges into or replaces the first in
				// encoding/json, depending on the type.
				return false
			}
			seen |= 1 << k
			if !field(k) {
				return false
			}
		}
		d.space()
		if d.consume(',') {
			d.space()
			continue
		}
		return d.consume('}')
	}
}

// fieldIndex is key's index in keys, -1 when it matches none, and -2 when
// encoding/json might match it to one all the same (another case, or
// non-ASCII bytes, which its case folding treats specially).
func fieldIndex(keys []string, key []byte) int {
	for _, c := range key {
		if c >= 0x80 {
			return -2
		}
	}
	for i, k := range keys {
		if string(key) == k {
			return i
		}
	}
	for _, k := range keys {
		if asciiEqualFold(key, k) {
			return -2
		}
	}
	return -1
}

func asciiEqualFold(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// key reads a quoted key without escapes.
func (d *cslDecoder) key() ([]byte, bool) {
	raw, escaped, ok := d.scanString()
	return raw, ok && !escaped
}

// scanString reads a JSON string at i and returns what is between its
// quotes, whether it holds an escape, and whether it is valid.
func (d *cslDecoder) scanString() (raw []byte, escaped, ok bool) {
	if !d.consume('"') {
		return nil, false, false
	}
	start := d.i
	for d.i < len(d.src) {
		c := d.src[d.i]
		switch {
		case c == '"':
			raw = d.src[start:d.i]
			d.i++
			return raw, escaped, true
		case c == '\\':
			escaped = true
			if d.i+1 >= len(d.src) {
				return nil, false, false
			}
			switch d.src[d.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.i += 2
			case 'u':
				if d.i+6 > len(d.src) {
					return nil, false, false
				}
				for _, h := range d.src[d.i+2 : d.i+6] {
					if !isHex(h) {
						return nil, false, false
					}
				}
				d.i += 6
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		default:
			d.i++
		}
	}
	return nil, false, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// str reads a JSON string value.
func (d *cslDecoder) str(dst *string) bool {
	start := d.i
	raw, escaped, ok := d.scanString()
	if !ok {
		return false
	}
	if !escaped {
		*dst = string(raw)
		return true
	}
	// Escapes are rare: encoding/json unquotes them, surrogates and all.
	return json.Unmarshal(d.src[start:d.i], dst) == nil
}

// number reads a JSON number as encoding/json does into an interface.
func (d *cslDecoder) number() (float64, bool) {
	start := d.i
	d.consume('-')
	switch {
	case d.consume('0'):
	case d.i < len(d.src) && '1' <= d.src[d.i] && d.src[d.i] <= '9':
		d.digits()
	default:
		return 0, false
	}
	if d.consume('.') {
		if !d.digits() {
			return 0, false
		}
	}
	if d.i < len(d.src) && (d.src[d.i] == 'e' || d.src[d.i] == 'E') {
		d.i++
		if !d.consume('+') {
			d.consume('-')
		}
		if !d.digits() {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(d.src[start:d.i]), 64)
	return f, err == nil
}

// digits reads one or more digits.
func (d *cslDecoder) digits() bool {
	start := d.i
	for d.i < len(d.src) && '0' <= d.src[d.i] && d.src[d.i] <= '9' {
		d.i++
	}
	return d.i > start
}

func (d *cslDecoder) literal(word string) bool {
	if len(d.src)-d.i >= len(word) && string(d.src[d.i:d.i+len(word)]) == word {
		d.i += len(word)
		return true
	}
	return false
}

// array reads a JSON array, calling elem with the decoder at each element.
func (d *cslDecoder) array(elem func() bool) bool {
	if !d.consume('[') {
		return false
	}
	d.space()
	if d.consume(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		d.space()
		if d.consume(',') {
			d.space()
			continue
		}
		return d.consume(']')
	}
}

// skip reads any JSON value, checking its syntax.
func (d *cslDecoder) skip(depth int) bool {
	if d.i >= len(d.src) || depth > maxSkipDepth {
		return false
	}
	switch c := d.src[d.i]; {
	case c == '"':
		_, _, ok := d.scanString()
		return ok
	case c == '{':
		d.i++
		d.space()
		if d.consume('}') {
			return true
		}
		for {
			if _, _, ok := d.scanString(); !ok {
				return false
			}
			d.space()
			if !d.consume(':') {
				return false
			}
			d.space()
			if !d.skip(depth + 1) {
				return false
			}
			d.space()
			if d.consume(',') {
				d.space()
				continue
			}
			return d.consume('}')
		}
	case c == '[':
		return d.array(func() bool { return d.skip(depth + 1) })
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	default:
		_, ok := d.number()
		return ok
	}
}

// The JSON keys of each type's fields, in the order the switches below
// handle them; they must match the struct tags (TestFastReferenceKeys).
var (
	referenceKeys = []string{"id", "type", "title", "author", "issued", "available-date", "container-title",
		"container-title-short", "volume", "issue", "page", "DOI", "PMID", "PMCID", "URL", "note", "custom"}
	nameKeys   = []string{"family", "given", "non-dropping-particle", "dropping-particle", "literal"}
	dateKeys   = []string{"date-parts", "literal", "raw"}
	customKeys = []string{"as-printed", "verified"}
)

func (d *cslDecoder) reference(r *Reference) bool {
	return d.object(referenceKeys, func(k int) bool {
		switch k {
		case 0:
			return d.str(&r.ID)
		case 1:
			return d.str(&r.Type)
		case 2:
			return d.str(&r.Title)
		case 3:
			d.names = d.names[:0]
			ok := d.array(func() bool {
				d.names = append(d.names, Name{})
				return d.name(&d.names[len(d.names)-1])
			})
			// encoding/json makes [] an empty slice, not nil.
			r.Author = make([]Name, len(d.names))
			copy(r.Author, d.names)
			return ok
		case 4:
			r.Issued = &CSLDate{}
			return d.date(r.Issued)
		case 5:
			r.AvailableDate = &CSLDate{}
			return d.date(r.AvailableDate)
		case 6:
			return d.str(&r.ContainerTitle)
		case 7:
			return d.str(&r.ContainerShort)
		case 8:
			return d.str(&r.Volume)
		case 9:
			return d.str(&r.Issue)
		case 10:
			return d.str(&r.Page)
		case 11:
			return d.str(&r.DOI)
		case 12:
			return d.str(&r.PMID)
		case 13:
			return d.str(&r.PMCID)
		case 14:
			return d.str(&r.URL)
		case 15:
			return d.str(&r.Note)
		case 16:
			return d.object(customKeys, func(k int) bool {
				if k == 0 {
					return d.str(&r.Custom.AsPrinted)
				}
				return d.str(&r.Custom.Verified)
			})
		}
		return false
	})
}

func (d *cslDecoder) name(n *Name) bool {
	return d.object(nameKeys, func(k int) bool {
		switch k {
		case 0:
			return d.str(&n.Family)
		case 1:
			return d.str(&n.Given)
		case 2:
			return d.str(&n.NonDroppingPart)
		case 3:
			return d.str(&n.DroppingParticle)
		case 4:
			return d.str(&n.Literal)
		}
		return false
	})
}

func (d *cslDecoder) date(c *CSLDate) bool {
	return d.object(dateKeys, func(k int) bool {
		switch k {
		case 0:
			c.DateParts = [][]any{}
			return d.array(func() bool {
				d.parts = d.parts[:0]
				ok := d.array(func() bool {
					v, ok := d.datePart()
					d.parts = append(d.parts, v)
					return ok
				})
				part := make([]any, len(d.parts))
				copy(part, d.parts)
				c.DateParts = append(c.DateParts, part)
				return ok
			})
		case 1:
			return d.str(&c.Literal)
		case 2:
			return d.str(&c.Raw)
		}
		return false
	})
}

// datePart reads one element of a date-parts array as encoding/json
// decodes it into an interface: numbers as float64.
func (d *cslDecoder) datePart() (any, bool) {
	if d.i >= len(d.src) {
		return nil, false
	}
	switch d.src[d.i] {
	case '"':
		var s string
		ok := d.str(&s)
		return s, ok
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		return nil, d.literal("null")
	case '{', '[':
		return nil, false
	}
	return d.number()
}
