package export

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// mdMarkers puts the app's discrepancy markers into the article's Markdown
// for the Markdown handout, as the HTML handout has them: a link
// "⚠ differs from source" to the discrepancy's row, after the text that
// ends its anchor; after the link, when the anchor ends inside one (links
// do not nest); at the end of the block when it ends inside code or link
// syntax.
func mdMarkers(src []byte, mks []marker) []byte {
	if len(mks) == 0 {
		return src
	}
	doc := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser().Parse(text.NewReader(src))
	type span struct {
		start, stop int
		after       int // where a marker for this text goes
	}
	var spans []span
	var blocks [][2]int // each text block's first byte and the end of its last line
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			ls := n.Lines()
			end := ls.At(ls.Len() - 1).Stop
			for end > 0 && (src[end-1] == '\n' || src[end-1] == '\r') {
				end--
			}
			blocks = append(blocks, [2]int{ls.At(0).Start, end})
		}
		t, ok := n.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		after := t.Segment.Stop
		for p := t.Parent(); p != nil && p.Type() != ast.TypeBlock; p = p.Parent() {
			switch p.Kind() {
			case ast.KindLink, ast.KindImage:
				if end := linkEnd(src, p); end > 0 {
					after = end
				} else {
					after = -1
				}
			case ast.KindCodeSpan, ast.KindAutoLink, ast.KindRawHTML:
				after = -1
			}
		}
		spans = append(spans, span{t.Segment.Start, t.Segment.Stop, after})
		return ast.WalkContinue, nil
	})
	type insert struct {
		at   int
		text string
	}
	var ins []insert
	for _, mk := range mks {
		last, at := mk.end-1, -1
		for _, s := range spans {
			if s.start <= last && last < s.stop {
				at = s.after
				if at == s.stop {
					at = mk.end
				}
				break
			}
		}
		if at < 0 {
			// In code or link syntax: the end of the innermost block.
			for i := len(blocks) - 1; i >= 0; i-- {
				if blocks[i][0] <= last && last < blocks[i][1] {
					at = blocks[i][1]
					break
				}
			}
		}
		if at < 0 {
			continue
		}
		ins = append(ins, insert{at, " [" + markerSymbol + " differs from source](" + mk.href + ")"})
	}
	// From the end, so earlier offsets still hold; markers at one place
	// keep their order.
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].at > ins[j].at })
	out := bytes.Clone(src)
	for i := 0; i < len(ins); {
		j := i
		var group string
		for j < len(ins) && ins[j].at == ins[i].at {
			group += ins[j].text
			j++
		}
		out = append(out[:ins[i].at], append([]byte(group), out[ins[i].at:]...)...)
		i = j
	}
	return out
}

// linkEnd is the offset just past a link's or image's syntax in src,
// found from the end of its text: "](dest)", "][label]", "][]" or a
// shortcut "]"; 0 when it cannot be found.
func linkEnd(src []byte, n ast.Node) int {
	end := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			end = max(end, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	if end < 0 {
		return 0
	}
	i := bytes.IndexByte(src[end:], ']')
	if i < 0 {
		return 0
	}
	i += end + 1
	if i >= len(src) {
		return i
	}
	switch src[i] {
	case '(':
		depth := 0
		for k := i; k < len(src); k++ {
			switch src[k] {
			case '\\':
				k++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return k + 1
				}
			case '\n':
				if k+1 < len(src) && src[k+1] == '\n' {
					return 0
				}
			}
		}
		return 0
	case '[':
		if k := bytes.IndexByte(src[i:], ']'); k >= 0 {
			return i + k + 1
		}
		return 0
	}
	return i
}
