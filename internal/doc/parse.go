package doc

import (
	"bytes"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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

// The one goldmark instance: CommonMark plus GFM tables and strikethrough,
// and the progress probe (a no-op unless ParseWithin is watching).
// Goldmark parsers are safe for concurrent use.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(probe{}, 0))),
)

// parseMarkdown runs goldmark; a variable so tests can make it panic or
// slow. prog is nil for a parse nobody watches.
var parseMarkdown = func(body []byte, prog *progress) ast.Node {
	if prog == nil {
		return md.Parser().Parse(text.NewReader(body))
	}
	pc := parser.NewContext()
	pc.Set(progressKey, prog)
	r := &watchedReader{Reader: text.NewReader(body), prog: prog, pc: pc}
	return md.Parser().Parse(r, parser.WithContext(pc))
}

// progress follows one parse, so that ParseWithin can say where goldmark
// was when the deadline passed and make it stop. Goldmark cannot be
// interrupted, but it calls the reader for every line of the block phase
// and the probe for every markup character of the inline phase, and a
// panic there (recovered by Parse) ends the parse.
type progress struct {
	// start is the body offset where the block being parsed starts.
	start atomic.Int64
	// stop asks the parse to end at the next line or markup character.
	stop atomic.Bool
	// top and inline are the blocks last noted by the block phase and the
	// probe; only the parse goroutine uses them.
	top, inline ast.Node
}

// errStopped is the panic that ends a parse past its deadline.
var errStopped = &Error{Msg: "markdown parse stopped at its deadline"}

var progressKey = parser.NewContextKey()

// watchedReader notes, at each new line of goldmark's block phase, where
// the outermost open block started.
type watchedReader struct {
	text.Reader
	prog *progress
	pc   parser.Context
}

func (r *watchedReader) AdvanceLine() {
	if r.prog.stop.Load() {
		panic(errStopped)
	}
	if open := r.pc.OpenedBlocks(); len(open) > 0 && open[0].Node != r.prog.top {
		// The block opened on the line being left.
		r.prog.top = open[0].Node
		_, seg := r.Reader.Position()
		src := r.Reader.Source()
		r.prog.start.Store(int64(bytes.LastIndexByte(src[:min(seg.Start, len(src))], '\n') + 1))
	}
	r.Reader.AdvanceLine()
}

// probe is an inline parser that never parses anything: goldmark offers it
// every markup character first (priority 0), and it notes the block whose
// text is being parsed.
type probe struct{}

func (probe) Trigger() []byte { return []byte{'*', '_', '~', '`', '[', ']', '!', '<'} }

func (probe) Parse(parent ast.Node, _ text.Reader, pc parser.Context) ast.Node {
	prog, _ := pc.Get(progressKey).(*progress)
	if prog == nil {
		return nil
	}
	if prog.stop.Load() {
		panic(errStopped)
	}
	if parent != prog.inline {
		prog.inline = parent
		for n := parent; n != nil; n = n.Parent() {
			if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
				prog.start.Store(int64(n.Lines().At(0).Start))
				break
			}
		}
	}
	return nil
}

// Parse parses a Markdown file, with optional TOML front matter between
// +++ lines, into a Document. Inputs known to make goldmark quadratic are
// refused with an *Error; a panic inside goldmark is returned as an *Error.
// Use ParseWithin for untrusted files to bound the time spent.
func Parse(src []byte) (doc *Document, err error) {
	return parse(src, nil)
}

func parse(src []byte, prog *progress) (doc *Document, err error) {
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
	root := parseMarkdown(body, prog)
	doc = build(root, body, newLineIndex(src, bodyStart), prog)
	doc.Front, doc.FrontLine = front, frontLine
	return doc, nil
}

// ParseWithin is Parse with a deadline. Goldmark cannot be interrupted
// from outside, so on timeout the parse is asked to stop at its next line or
// markup character (it then ends in the background) and an *Error is
// returned at once, located at the start of the block goldmark was on.
func ParseWithin(src []byte, d time.Duration) (*Document, error) {
	type result struct {
		doc *Document
		err error
	}
	prog := &progress{}
	ch := make(chan result, 1) // buffered: a late parse must not block forever
	go func() {
		doc, err := parse(src, prog)
		ch <- result{doc, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.doc, r.err
	case <-t.C:
		prog.stop.Store(true)
		_, _, bodyStart, _ := splitFront(src)
		line, col := newLineIndex(src, bodyStart).at(int(prog.start.Load()))
		return nil, &Error{Line: line, Col: col, Msg: fmt.Sprintf(
			"markdown took longer than %v to parse; the block starting here is too deeply nested or pathological", d)}
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
