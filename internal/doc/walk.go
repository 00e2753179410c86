package doc

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// builder converts one goldmark AST into a Document.
type builder struct {
	doc     *Document
	src     []byte // the Markdown body the AST's segments point into
	lines   *lineIndex
	top     int // index of the current top-level block
	section int // index of the current section, -1 before the first heading
	ids     map[string]bool
	// next is the suffix to try first for a section id already taken, so
	// that thousands of headings with one title do not each count up
	// from 2 (2 million empty headings took minutes).
	next map[string]int
	// prog, when set, is watched by ParseWithin: the build notes the block
	// it is on and stops when asked, like the goldmark phases.
	prog *progress
	// softTail is set while the last run added ends with the space that
	// stands for a soft line break.
	softTail bool
}

func build(root ast.Node, src []byte, li *lineIndex, prog *progress) *Document {
	b := &builder{doc: &Document{}, src: src, lines: li, section: -1, ids: map[string]bool{}, next: map[string]int{}, prog: prog}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if prog != nil {
			if prog.stop.Load() {
				panic(errStopped)
			}
			if off, ok := firstOffset(n); ok {
				prog.start.Store(int64(off))
			}
		}
		b.top = len(b.doc.Blocks)
		if blk := b.block(n, 1); blk != nil {
			b.doc.Blocks = append(b.doc.Blocks, blk)
		}
	}
	return b.doc
}

// line returns the 1-based file line of a node, falling back to its
// parent's line when goldmark recorded no position.
func (b *builder) line(n ast.Node, fallback int) int {
	if p := nodePos(n); p >= 0 {
		l, _ := b.lines.at(p)
		return l
	}
	return fallback
}

// nodePos is where goldmark says a node starts: the opening marker for
// most blocks (so a fenced code block starts at its fence), else its first
// line.
func nodePos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock {
		if ls := n.Lines(); ls != nil && ls.Len() > 0 {
			return ls.At(0).Start
		}
	}
	return -1
}

// block converts a block node; it returns nil for nodes that produce no
// block (link reference definitions). parentLine is used when the node has
// no recorded position.
func (b *builder) block(n ast.Node, parentLine int) *Block {
	if b.prog != nil && b.prog.stop.Load() {
		panic(errStopped)
	}
	blk := &Block{Index: b.top, Section: b.section, Line: b.line(n, parentLine)}
	switch n := n.(type) {
	case *ast.Heading:
		blk.Kind, blk.Level = Heading, n.Level
		b.section = len(b.doc.Sections)
		blk.Section = b.section
		blk.Inlines = b.inlines(n)
		title := PlainText(blk.Inlines)
		b.doc.Sections = append(b.doc.Sections, Section{
			Title: title, Level: n.Level, ID: b.uniqueID(Slug(title)), Block: b.top, Line: blk.Line,
		})
	case *ast.Paragraph, *ast.TextBlock:
		blk.Kind = Paragraph
		blk.Inlines = b.inlines(n)
	case *ast.ThematicBreak:
		blk.Kind = Rule
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		// Raw HTML is shown as literal source text, never interpreted.
		blk.Kind = Code
		var sb strings.Builder
		ls := n.Lines()
		for i := 0; i < ls.Len(); i++ {
			s := ls.At(i)
			sb.Write(s.Value(b.src))
		}
		if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
			sb.Write(h.ClosureLine.Value(b.src))
		}
		if t := strings.TrimRight(sb.String(), "\n"); t != "" {
			blk.Inlines = []Inline{{Text: strings.ReplaceAll(t, "\x00", "\uFFFD"), Style: Mono, Cite: -1}}
		}
	case *ast.Blockquote:
		blk.Kind = Quote
		blk.Children = b.children(n, blk.Line)
	case *ast.List:
		blk.Kind = List
		blk.Ordered = n.IsOrdered()
		if blk.Ordered {
			blk.Start = n.Start
		}
		blk.Children = b.children(n, blk.Line)
	case *ast.ListItem:
		blk.Kind = ListItem
		blk.Children = b.children(n, blk.Line)
	case *east.Table:
		blk.Kind = Table
		blk.Table = b.table(n)
	case *ast.LinkReferenceDefinition:
		return nil
	default:
		// An unknown block (none with this parser configuration): keep
		// whatever it contains rather than lose text.
		blk.Kind = Quote
		blk.Children = b.children(n, blk.Line)
	}
	return blk
}

func (b *builder) children(n ast.Node, line int) []*Block {
	var out []*Block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if blk := b.block(c, line); blk != nil {
			out = append(out, blk)
		}
	}
	return out
}

func (b *builder) table(t *east.Table) *TableData {
	td := &TableData{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			td.Align = append(td.Align, AlignLeft)
		case east.AlignCenter:
			td.Align = append(td.Align, AlignCenter)
		case east.AlignRight:
			td.Align = append(td.Align, AlignRight)
		default:
			td.Align = append(td.Align, AlignNone)
		}
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row [][]Inline
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			row = append(row, b.inlines(c))
		}
		if _, ok := r.(*east.TableHeader); ok {
			td.Header = row
		} else {
			td.Rows = append(td.Rows, row)
		}
	}
	return td
}

func (b *builder) uniqueID(id string) string {
	if id == "" {
		id = "section"
	}
	u := id
	// Suffixes below next[id] were all taken when it was set, and ids are
	// never given back, so starting there finds what counting from 2 would.
	i := max(b.next[id], 2)
	for ; b.ids[u]; i++ {
		u = id + "-" + itoa(i)
	}
	b.next[id] = i
	b.ids[u] = true
	return u
}

// firstOffset is the body offset of the first text line in n or its first
// descendants (a list starts where its first item's text does).
func firstOffset(n ast.Node) (int, bool) {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start, true
		}
	}
	return 0, false
}

func itoa(i int) string {
	var buf [20]byte
	p := len(buf)
	for {
		p--
		buf[p] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(buf[p:])
		}
	}
}

// span is the inline state inherited by a node's descendants.
type span struct {
	style Style
	link  string
	cite  int
}

// inlines converts the inline children of a block.
func (b *builder) inlines(n ast.Node) []Inline {
	var out []Inline
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = b.inline(out, c, span{cite: -1})
	}
	out = mergeRuns(out)
	// Soft breaks become spaces; one at the very end of a block is noise.
	if k := len(out) - 1; b.softTail && k >= 0 {
		if t := out[k].Text[:len(out[k].Text)-1]; t == "" {
			out = out[:k]
		} else {
			out[k].Text = t
		}
	}
	b.softTail = false
	return out
}

// add appends a run. Runs that look alike are merged once the block is
// done (mergeRuns): merging here, one string concatenation a run, was
// quadratic, and a 15 KB paragraph of "*a " took 35 ms, a 4 MB file 8 s.
func add(out []Inline, text string, s span) []Inline {
	if text == "" {
		return out
	}
	return append(out, Inline{Text: text, Style: s.style, Link: s.link, Cite: s.cite})
}

// mergeRuns joins neighbouring runs of the same style, link and citation,
// in place. A hard line break ("\n") stays a run of its own.
func mergeRuns(runs []Inline) []Inline {
	out := runs[:0]
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && alike(runs[i], runs[j]) {
			j++
		}
		r := runs[i]
		if j > i+1 {
			var sb strings.Builder
			for _, x := range runs[i:j] {
				sb.WriteString(x.Text)
			}
			r.Text = sb.String()
		}
		out = append(out, r)
		i = j
	}
	return out
}

func alike(a, b Inline) bool {
	return a.Text != "\n" && b.Text != "\n" && a.Style == b.Style && a.Link == b.Link && a.Cite == b.Cite
}

// add is the free add that also clears softTail.
func (b *builder) add(out []Inline, text string, s span) []Inline {
	if text != "" {
		b.softTail = false
	}
	return add(out, text, s)
}

func (b *builder) kids(out []Inline, n ast.Node, s span) []Inline {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = b.inline(out, c, s)
	}
	return out
}

func (b *builder) inline(out []Inline, n ast.Node, s span) []Inline {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(b.src)
		t := ""
		if n.IsRaw() {
			t = strings.ReplaceAll(string(v), "\x00", "\uFFFD")
		} else {
			t = decode(v)
		}
		out = b.add(out, t, s)
		switch {
		case n.HardLineBreak():
			out = b.add(out, "\n", s)
		case n.SoftLineBreak():
			out = b.add(out, " ", s)
			b.softTail = true
		}
	case *ast.String:
		if n.IsRaw() || n.IsCode() {
			out = b.add(out, string(n.Value), s)
		} else {
			out = b.add(out, decode(n.Value), s)
		}
	case *ast.CodeSpan:
		s.style |= Mono
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				v := string(t.Segment.Value(b.src))
				if strings.HasSuffix(v, "\n") {
					v = v[:len(v)-1] + " "
				}
				out = b.add(out, strings.ReplaceAll(v, "\x00", "\uFFFD"), s)
			} else {
				out = b.inline(out, c, s)
			}
		}
	case *ast.Emphasis:
		if n.Level >= 2 {
			s.style |= Strong
		} else {
			s.style |= Emph
		}
		out = b.kids(out, n, s)
	case *east.Strikethrough:
		s.style |= Strike
		out = b.kids(out, n, s)
	case *ast.Link:
		out = b.link(out, n, string(decodeURL(n.Destination)), s, false)
	case *ast.Image:
		// Alt text as plain text, linked to the image URL; never fetched.
		out = b.link(out, n, string(decodeURL(n.Destination)), s, true)
	case *ast.AutoLink:
		url := string(n.URL(b.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		label := string(n.Label(b.src))
		s.link = url
		line, col := b.lines.at(n.Pos()) // the "<"
		b.doc.Links = append(b.doc.Links, &Link{Text: label, URL: url, Line: line, Col: col, Block: b.top, Auto: true})
		out = b.add(out, label, s)
	case *ast.RawHTML:
		// Kept as the literal source text.
		var sb strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			sb.Write(seg.Value(b.src))
		}
		t := strings.ReplaceAll(sb.String(), "\n", " ")
		out = b.add(out, strings.ReplaceAll(t, "\x00", "\uFFFD"), s)
	default:
		out = b.kids(out, n, s)
	}
	return out
}

// link handles links and images: cite: destinations become citations,
// everything else a Link.
func (b *builder) link(out []Inline, n ast.Node, dest string, s span, image bool) []Inline {
	// Pos is the '[' (or '!' of an image): where a link is, for its
	// diagnostics. A citation is where its text starts, after the opener:
	// its diagnostics are about the text.
	opener := 1
	if image {
		opener = 2
	}
	line, col := b.lines.at(n.Pos() + opener)
	linkLine, linkCol := b.lines.at(n.Pos())
	if !image && s.cite < 0 && strings.HasPrefix(dest, "cite:") {
		c := &Citation{Index: len(b.doc.Citations), Keys: citeKeys(dest[len("cite:"):]),
			Line: line, Col: col, Block: b.top, Section: b.section}
		b.doc.Citations = append(b.doc.Citations, c)
		s.cite, s.link = c.Index, ""
		sub := b.kids(nil, n, s)
		c.Text = strings.TrimSpace(PlainText(sub))
		return appendRuns(out, sub)
	}
	s.link = dest
	sub := b.kids(nil, n, s)
	if image {
		for i := range sub {
			sub[i].Style = s.style // alt text is plain text
		}
	}
	b.doc.Links = append(b.doc.Links, &Link{
		Text: strings.TrimSpace(PlainText(sub)), URL: dest, Line: linkLine, Col: linkCol, Block: b.top,
	})
	return appendRuns(out, sub)
}

func appendRuns(out, runs []Inline) []Inline {
	for _, r := range runs {
		out = add(out, r.Text, span{style: r.Style, link: r.Link, cite: r.Cite})
	}
	return out
}

// citeKeys splits the keys of a cite: destination on ';' and ','.
func citeKeys(s string) []string {
	var keys []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}
