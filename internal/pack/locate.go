package pack

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/evidence-reader/evidence-reader/internal/tomllex"
)

// lineCol converts a byte offset into a 1-based line and column. Columns
// count bytes, as gcc and go vet do, matching the Markdown parser.
func lineCol(src []byte, off int) (int, int) {
	if off < 0 {
		off = 0
	}
	if off > len(src) {
		off = len(src)
	}
	before := src[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, len(before) - start + 1
}

// tomlTables returns the 1-based lines of every "[[name]]" header, in order.
func tomlTables(src []byte, name string) []int {
	var lines []int
	want := "[[" + name + "]]"
	blanks := strings.NewReplacer(" ", "", "\t", "", `"`, "", "'", "")
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		// The TOML decoder also takes [[ study ]], [["study"]], [['study']]
		// and, with no exact match, [[Study]].
		h, _, _ := strings.Cut(t, "#")
		if strings.EqualFold(blanks.Replace(h), want) {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// tomlKeyLine finds the line of `key =` at or after line from (1-based),
// stopping at the next [[top-level]] array-table header so a lookup never
// strays into the next study. It returns from when the key is absent.
// lines is the file split at "\n" (loader.linesOf keeps one per file, so
// a pack with thousands of studies is not split once per lookup).
func tomlKeyLine(lines []string, from int, key string) int {
	for i := max(from, 1); i <= len(lines); i++ {
		t := strings.TrimSpace(lines[i-1])
		if i > from && strings.HasPrefix(t, "[[") && !strings.Contains(t, ".") {
			break
		}
		k, _, ok := strings.Cut(t, "=")
		if ok && strings.Trim(strings.TrimSpace(k), `"`) == key {
			return i
		}
	}
	if from < 1 {
		return 1
	}
	return from
}

// tomlElemKeyLine finds the line of `key =` in the index-th (0-based)
// "[[parent.name]]" table of the study whose [[parent]] header is on line
// from: the line of that table's header when the key is absent, and from
// when the table has no header of its own (an inline array, say). The
// search for the key stops at the next header of any kind.
func tomlElemKeyLine(lines []string, from int, header string, index int, key string) int {
	want := "[[" + header + "]]"
	blanks := strings.NewReplacer(" ", "", "\t", "", `"`, "", "'", "")
	n := 0
	for i := max(from, 1) + 1; i <= len(lines); i++ {
		h, _, _ := strings.Cut(strings.TrimSpace(lines[i-1]), "#")
		if strings.HasPrefix(h, "[[") && !strings.Contains(h, ".") {
			break // the next study
		}
		if !strings.EqualFold(blanks.Replace(h), want) {
			continue
		}
		if n < index {
			n++
			continue
		}
		for j := i + 1; j <= len(lines); j++ {
			t := strings.TrimSpace(lines[j-1])
			if strings.HasPrefix(t, "[") {
				break
			}
			k, _, ok := strings.Cut(t, "=")
			if ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
				return j
			}
		}
		return i
	}
	return max(from, 1)
}

// lineIndex answers lineCol for many offsets into one file in O(log n)
// each; counting from the start every time made loading 10,000
// references quadratic.
type lineIndex struct {
	// starts holds the offset of every line's first byte.
	starts []int
	n      int
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &lineIndex{starts: starts, n: len(src)}
}

// lineCol is lineCol(src, off) for the indexed src.
func (li *lineIndex) lineCol(off int) (int, int) {
	off = max(0, min(off, li.n))
	// The last line start at or before off.
	i := sort.SearchInts(li.starts, off+1) - 1
	return i + 1, off - li.starts[i] + 1
}

// textLine finds the first line containing needle, or 0.
func textLine(src []byte, needle string) (int, int) {
	i := bytes.Index(src, []byte(needle))
	if i < 0 {
		return 0, 0
	}
	return lineCol(src, i)
}

// checkText reports invalid UTF-8 and NUL bytes with their position.
func checkText(file string, src []byte) []Diagnostic {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		l, c := lineCol(src, i)
		return []Diagnostic{{File: file, Line: l, Col: c, Severity: Error, Message: "file contains a NUL byte; it must be UTF-8 text"}}
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		l, c := lineCol(src, off)
		return []Diagnostic{{File: file, Line: l, Col: c, Severity: Error, Message: "invalid UTF-8; save the file as UTF-8"}}
	}
	return nil
}

// keyOffsets finds where each of keys is written in src, following the
// TOML with internal/tomllex, so that a comment or a string holding the
// same word is never taken for the key. The map is keyed by the key's
// parts joined with dots (an array of tables adds no part, as in
// toml.Key), and holds the offsets of as many of its occurrences as keys
// lists it, in source order: a key unknown in each of several [[study]]
// tables is listed once for each. A key it cannot find (one written with
// escapes) is left out.
func keyOffsets(src []byte, keys []toml.Key) map[string][]int {
	want := map[string]int{}
	for _, k := range keys {
		want[strings.Join(k, ".")]++
	}
	found := map[string][]int{}
	left := len(keys)
	var parts []string
	tomllex.Scan(src, &tomllex.Visitor{Value: func(p tomllex.Path) bool {
		names := p.Names()
		if len(names) == 0 || names[len(names)-1].Start == names[len(names)-1].End {
			return true // an array element
		}
		parts = parts[:0]
		for _, n := range names {
			if n.Start < n.End {
				parts = append(parts, strings.Trim(string(src[n.Start:n.End]), `"'`))
			}
		}
		d := strings.Join(parts, ".")
		if len(found[d]) < want[d] {
			found[d] = append(found[d], names[len(names)-1].Start)
			left--
		}
		return left > 0
	}})
	return found
}
