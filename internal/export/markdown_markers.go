package export

import (
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
		switch n.Kind() {
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindLinkReferenceDefinition:
			// The end of their last line is still inside them: a marker
			// there would show as code or raw text, or break the
			// definition. The HTML handout shows none there either.
			return ast.WalkSkipChildren, nil
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
	// Text segments come in source order, and so do the blocks' starts;
	// each marker is found by a binary search, so that thousands of them
	// in a large article cost no more than one scan.
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	sort.SliceStable(blocks, func(i, j int) bool { return blocks[i][0] < blocks[j][0] })
	type insert struct {
		at   int
		text string
	}
	var ins []insert
	for _, mk := range mks {
		last, at := mk.end-1, -1
		if i := sort.Search(len(spans), func(i int) bool { return spans[i].start > last }) - 1; i >= 0 && last < spans[i].stop {
			s := spans[i]
			at = s.after
			if at == s.stop {
				at = mk.end
			}
		}
		if at < 0 {
			// In code or link syntax: the end of the innermost block.
			for i := sort.Search(len(blocks), func(i int) bool { return blocks[i][0] > last }) - 1; i >= 0; i-- {
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
	// In one pass; markers at one place keep their order.
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].at < ins[j].at })
	n := len(src)
	for _, in := range ins {
		n += len(in.text)
	}
	out := make([]byte, 0, n)
	last := 0
	for _, in := range ins {
		out = append(out, src[last:in.at]...)
		out = append(out, in.text...)
		last = in.at
	}
	return append(out, src[last:]...)
}

// linkEnd is the offset just past a link's or image's syntax in src,
// found from the end of its text: "](dest)", "](dest "title")",
// "][label]", "][]" or a shortcut "]"; 0 when it cannot be found.
func linkEnd(src []byte, n ast.Node) int {
	end := contentEnd(src, n)
	if end < 0 {
		return 0
	}
	i := skipTo(src, end, ']')
	if i < 0 {
		return 0
	}
	i++
	if i >= len(src) {
		return i
	}
	switch src[i] {
	case '(':
		return inlineEnd(src, i+1)
	case '[':
		if k := skipTo(src, i+1, ']'); k >= 0 {
			return k + 1
		}
		return 0
	}
	return i
}

// contentEnd is the end of the last thing written inside a link's or
// image's brackets: a text's end, a raw HTML tag's, or a nested image's or
// link's whole syntax; -1 when there is none.
func contentEnd(src []byte, n ast.Node) int {
	end := -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			end = max(end, c.Segment.Stop)
		case *ast.RawHTML:
			if c.Segments.Len() > 0 {
				end = max(end, c.Segments.At(c.Segments.Len()-1).Stop)
			}
		case *ast.Link, *ast.Image:
			if e := linkEnd(src, c); e > 0 {
				end = max(end, e)
			}
		default:
			end = max(end, contentEnd(src, c))
		}
	}
	return end
}

// skipTo is the offset of the first c at or after i that no backslash
// escapes, or -1.
func skipTo(src []byte, i int, c byte) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case c:
			return i
		}
	}
	return -1
}

// inlineEnd is the offset just past an inline link's ")", given the offset
// after its "(": a destination (in <...> or bare, with balanced
// parentheses), then an optional title in "...", '...' or (...); 0 when
// the syntax is not found.
func inlineEnd(src []byte, i int) int {
	blank := func() {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			i++
		}
	}
	blank()
	if i < len(src) && src[i] == '<' {
		if i = skipTo(src, i+1, '>'); i < 0 {
			return 0
		}
		i++
	} else {
		for depth := 0; i < len(src); i++ {
			c := src[i]
			if c == '\\' {
				i++
				continue
			}
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ')' && depth == 0 {
				break
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				depth--
			}
		}
	}
	blank()
	if i < len(src) && (src[i] == '"' || src[i] == '\'' || src[i] == '(') {
		closer := src[i]
		if closer == '(' {
			closer = ')'
		}
		if i = skipTo(src, i+1, closer); i < 0 {
			return 0
		}
		i++
		blank()
	}
	if i < len(src) && src[i] == ')' {
		return i + 1
	}
	return 0
}
