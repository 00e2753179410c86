package doc

import (
	"bytes"
	"fmt"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Error is a parse failure located in the source (1-based line and byte column).
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line <= 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d, col %d: %s", e.Line, e.Col, e.Msg)
}

// The one goldmark instance: CommonMark plus GFM tables and strikethrough.
// Goldmark parsers are safe for concurrent use.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// parseMarkdown runs goldmark; a variable so tests can make it panic.
var parseMarkdown = func(body []byte) ast.Node {
	return md.Parser().Parse(text.NewReader(body))
}

// Parse parses a Markdown file, with optional TOML front matter between
// +++ lines, into a Document. Inputs known to make goldmark quadratic are
// refused with an *Error; a panic inside goldmark is returned as an *Error.
// Use ParseWithin for untrusted files to bound the time spent.
func Parse(src []byte) (doc *Document, err error) {
	front, frontLine, bodyStart, err := splitFront(src)
	if err != nil {
		return nil, err
	}
	body := src[bodyStart:]
	if err := screen(src, bodyStart); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, &Error{Msg: fmt.Sprintf("markdown parser failed: %v", r)}
		}
	}()
	root := parseMarkdown(body)
	doc = build(root, body, newLineIndex(src, bodyStart))
	doc.Front, doc.FrontLine = front, frontLine
	return doc, nil
}

// ParseWithin is Parse with a deadline. Goldmark cannot be interrupted, so
// on timeout the parse goroutine is abandoned (it finishes in the
// background) and an *Error is returned at once.
func ParseWithin(src []byte, d time.Duration) (*Document, error) {
	type result struct {
		doc *Document
		err error
	}
	ch := make(chan result, 1) // buffered: a late parse must not block forever
	go func() {
		doc, err := Parse(src)
		ch <- result{doc, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.doc, r.err
	case <-t.C:
		return nil, &Error{Msg: fmt.Sprintf("markdown took longer than %v to parse; the file is too deeply nested or pathological", d)}
	}
}

// splitFront separates TOML front matter. It returns the front matter body
// (nil if absent), the 1-based line where that body starts, and the byte
// offset where the Markdown starts.
func splitFront(src []byte) (front []byte, frontLine, bodyStart int, err error) {
	first, rest, ok := cutLine(src)
	if !ok || !isFence(first) {
		return nil, 0, 0, nil
	}
	start := len(src) - len(rest)
	pos := start
	for len(rest) > 0 {
		line, next, _ := cutLine(rest)
		if isFence(line) {
			return src[start:pos:pos], 2, len(src) - len(next), nil
		}
		pos += len(rest) - len(next)
		rest = next
	}
	return nil, 0, 0, &Error{Line: 1, Col: 1, Msg: "front matter opened with +++ is never closed by a +++ line"}
}

// cutLine returns the first line of b without its line ending, and the rest
// after the ending. ok is false for empty input.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	if len(b) == 0 {
		return nil, nil, false
	}
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, true
	}
	return b[:i], b[i+1:], true
}

func isFence(line []byte) bool {
	return string(bytes.TrimSuffix(line, []byte("\r"))) == "+++"
}

// lineIndex maps byte offsets in the Markdown body to 1-based lines and
// columns of the whole file.
type lineIndex struct {
	starts []int // offsets in the whole file where each line starts
	base   int   // offset of the body in the whole file
}

func newLineIndex(src []byte, base int) *lineIndex {
	starts := make([]int, 1, 1+bytes.Count(src, []byte("\n")))
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{starts: starts, base: base}
}

// at converts a body offset to a file line and column.
func (li *lineIndex) at(off int) (line, col int) {
	off += li.base
	lo, hi := 0, len(li.starts)
	for hi-lo > 1 { // largest start <= off
		m := (lo + hi) / 2
		if li.starts[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo + 1, off - li.starts[lo] + 1
}
