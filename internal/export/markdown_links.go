package export

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// appLink is an inline link to one of the app's own schemes, cite: or
// study:, as pack authors write them: [text](cite:key) or
// [text](study:id), the text without brackets of its own.
var appLink = regexp.MustCompile(`(?i)\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?(cite|study):([^()<>\s]*)>?\s*\)`)

// appLinkDef is a link reference definition with one of the app's schemes
// as its destination, for reference-style links ([text][label]):
// "[label]: cite:key" at the start of a line, an optional title after it.
var appLinkDef = regexp.MustCompile(`(?im)^ {0,3}\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*<?(cite|study):([^()<>\s]*)>?`)

// mdAppLinks rewrites the cite: and study: links of Markdown copied into
// the Markdown handout, which no Markdown viewer can follow, as links to
// the handout's own anchors (#ref-ID before each reference, #study-ID at
// each study's heading), or as their plain text when the handout has no
// such anchor. Code (spans and blocks) is left as written.
func (m *mdRenderer) mdAppLinks(src []byte) []byte {
	src = m.mdAppLinkDefs(src)
	return rewrite(src, appLink, func(b *bytes.Buffer, last int, loc []int) int {
		label := src[loc[2]:loc[3]]
		target := m.anchor(string(src[loc[4]:loc[5]]), string(src[loc[6]:loc[7]]))
		b.Write(src[last:loc[0]])
		if target != "" {
			b.WriteByte('[')
			b.Write(label)
			b.WriteString("](" + target + ")")
		} else {
			b.Write(label)
		}
		return loc[1]
	})
}

// rewrite copies src with each match of re outside code rewritten by
// write, which is given the offset the copy has reached and the match's
// submatch indexes, writes up to and in place of the match, and returns
// the offset to go on from. re's first group must follow the "[" that a
// match is looked for in code at.
func rewrite(src []byte, re *regexp.Regexp, write func(b *bytes.Buffer, last int, loc []int) int) []byte {
	locs := re.FindAllSubmatchIndex(src, -1)
	if len(locs) == 0 {
		return src
	}
	code := codeRanges(src)
	var b bytes.Buffer
	last := 0
	for _, loc := range locs {
		// From the match's "[" (its first group follows it), not from any
		// indent before it: a code block in a list item starts its lines
		// after the item's indent.
		if !inRanges(code, loc[2]-1) {
			last = write(&b, last, loc)
		}
	}
	b.Write(src[last:])
	return b.Bytes()
}

// anchor is the handout's anchor for a cite: or study: link's target
// ("#ref-ID", "#study-ID"), or "" when the handout has none.
func (m *mdRenderer) anchor(scheme, target string) string {
	switch strings.ToLower(scheme) {
	case "cite":
		for _, k := range citeKeys(target) {
			if _, ok := m.refs[k]; ok {
				return "#ref-" + k
			}
		}
	case "study":
		if id := strings.TrimSpace(target); m.studies[id] {
			return "#study-" + id
		}
	}
	return ""
}

// mdAppLinkDefs points the link reference definitions with a cite: or
// study: destination at the handout's anchors, so the reference-style
// links that use them work as the inline ones do. A definition without an
// anchor (a key check reports as unknown) points at the top of the page,
// "#": a definition cannot become plain text. Code is left as written.
func (m *mdRenderer) mdAppLinkDefs(src []byte) []byte {
	return rewrite(src, appLinkDef, func(b *bytes.Buffer, last int, loc []int) int {
		target := m.anchor(string(src[loc[4]:loc[5]]), string(src[loc[6]:loc[7]]))
		if target == "" {
			target = "#"
		}
		// The definition up to its destination stays as written; the
		// destination, with any <...> around it, is replaced.
		dest := loc[4]
		if src[dest-1] == '<' {
			dest--
		}
		b.Write(src[last:dest])
		b.WriteString(target)
		return loc[1]
	})
}

// codeRanges returns the byte ranges of src's code spans and code blocks,
// sorted by start.
func codeRanges(src []byte) [][2]int {
	doc := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser().Parse(text.NewReader(src))
	var out [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					out = append(out, [2]int{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				out = append(out, [2]int{s.Start, s.Stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// inRanges reports whether off falls in one of the sorted ranges.
func inRanges(rs [][2]int, off int) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i][1] > off })
	return i < len(rs) && rs[i][0] <= off
}
