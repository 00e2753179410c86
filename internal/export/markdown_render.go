package export

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/evidence-reader/evidence-reader/internal/links"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// fileAnchors maps links to a pack's own files onto the handout's parts.
var fileAnchors = map[string]string{
	pack.FileArticle:     "#article",
	pack.FileStudies:     "#studies",
	pack.FileLimitations: "#limitations",
	pack.FileGuidance:    "#guidance",
	pack.FileReferences:  "#references",
	pack.FileSlides:      "#slides",
}

// mdRenderer turns one Markdown source into HTML for the handout. Raw HTML
// is never passed through (goldmark's default, html.WithUnsafe is not set).
type mdRenderer struct {
	refs    map[string]pack.Reference
	studies map[string]bool
	// parts are the ids of the handout's parts, for links to pack files.
	parts map[string]bool
}

// render converts src. Heading ids get prefix so that ids from different
// sources never clash; headings move down shift levels.
func (m *mdRenderer) render(src []byte, prefix string, shift int) (out []byte, err error) {
	return m.renderWith(src, prefix, shift, nil)
}

// marker is a discrepancy marker to place in the text: a "⚠" link right
// after the source byte end (the end of its anchor text).
type marker struct {
	end   int
	href  string
	title string
}

// markerSymbol is the app's marker (ui.MarkerSymbol), so the handout and
// the screen flag the same places the same way.
const markerSymbol = "⚠"

// renderWith is render with discrepancy markers.
func (m *mdRenderer) renderWith(src []byte, prefix string, shift int, markers []marker) (out []byte, err error) {
	defer func() {
		// goldmark has panicked on tiny inputs in the past; fail the export
		// with an error rather than crash the app.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("rendering Markdown: %v", r)
		}
	}()
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(&linker{m: m, shift: shift, markers: markers}, 100)),
		),
	)
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(&prefixIDs{prefix: prefix, used: map[string]bool{}}))
	if err := md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// prefixIDs generates heading ids as prefix + slug, unique per source.
type prefixIDs struct {
	prefix string
	used   map[string]bool
}

func (p *prefixIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := p.prefix + slug(string(value))
	id := base
	for i := 1; p.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	p.used[id] = true
	return []byte(id)
}

func (p *prefixIDs) Put(value []byte) { p.used[string(value)] = true }

// slug keeps ASCII letters and digits, lower-cased, joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// linker rewrites the AST before rendering: cite: and study: links point
// at anchors in the handout, images become links (a handout loads nothing),
// and headings move down to fit under the handout's own headings.
type linker struct {
	m       *mdRenderer
	shift   int
	markers []marker
}

func (l *linker) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var links []*ast.Link
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			v.Level = min(6, v.Level+l.shift)
		case *ast.Link:
			links = append(links, v)
		case *ast.Image:
			images = append(images, v)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		l.image(img)
	}
	for _, lk := range links {
		l.link(lk)
	}
	l.placeMarkers(doc)
}

// placeMarkers puts each marker after the text node that holds its
// anchor's last byte, splitting the node there. A marker whose anchor
// ends inside a link follows the link (links do not nest); one whose end
// lies in no text node (inside link syntax) goes at the end of the block
// around it.
func (l *linker) placeMarkers(doc *ast.Document) {
	if len(l.markers) == 0 {
		return
	}
	type textNode struct {
		t     *ast.Text
		block ast.Node
	}
	var texts []textNode
	var blocks []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			blocks = append(blocks, n)
		}
		if t, ok := n.(*ast.Text); ok {
			var blk ast.Node = t
			for blk != nil && blk.Type() != ast.TypeBlock {
				blk = blk.Parent()
			}
			texts = append(texts, textNode{t, blk})
		}
		return ast.WalkContinue, nil
	})
	for _, mk := range l.markers {
		last := mk.end - 1
		placed := false
		for i := range texts {
			t := texts[i].t
			seg := t.Segment
			if last < seg.Start || last >= seg.Stop {
				continue
			}
			after := ast.Node(t)
			if mk.end < seg.Stop {
				// Split: t keeps the anchor's end, rest takes what follows.
				rest := ast.NewTextSegment(text.NewSegment(mk.end, seg.Stop))
				rest.SetSoftLineBreak(t.SoftLineBreak())
				rest.SetHardLineBreak(t.HardLineBreak())
				rest.SetRaw(t.IsRaw())
				t.Segment = text.NewSegment(seg.Start, mk.end)
				t.SetSoftLineBreak(false)
				t.SetHardLineBreak(false)
				t.Parent().InsertAfter(t.Parent(), t, rest)
				texts = append(texts, textNode{rest, texts[i].block})
			}
			for p := t.Parent(); p != nil && p.Type() != ast.TypeBlock; p = p.Parent() {
				if p.Kind() == ast.KindLink || p.Kind() == ast.KindAutoLink {
					after = p
				}
			}
			parent := after.Parent()
			link := markerLink(mk)
			parent.InsertAfter(parent, after, link)
			parent.InsertBefore(parent, link, ast.NewString([]byte(" ")))
			placed = true
			break
		}
		if placed {
			continue
		}
		for i := len(blocks) - 1; i >= 0; i-- {
			b := blocks[i]
			lines := b.Lines()
			if lines.At(0).Start <= last && last < lines.At(lines.Len()-1).Stop && b.FirstChild() != nil && b.FirstChild().Type() == ast.TypeInline {
				b.AppendChild(b, ast.NewString([]byte(" ")))
				b.AppendChild(b, markerLink(mk))
				break
			}
		}
	}
}

// markerLink is "⚠ differs from source", linking to the discrepancy.
func markerLink(mk marker) ast.Node {
	lk := ast.NewLink()
	lk.Destination = []byte(mk.href)
	lk.Title = []byte(mk.title)
	lk.SetAttributeString("class", []byte("marker"))
	lk.AppendChild(lk, ast.NewString([]byte(markerSymbol+" differs from source")))
	return lk
}

func (l *linker) image(img *ast.Image) {
	parent := img.Parent()
	if parent == nil {
		return
	}
	kids := children(img)
	if isHTTP(string(img.Destination)) && !insideLink(img) {
		lk := ast.NewLink()
		lk.Destination = img.Destination
		lk.Title = img.Title
		lk.AppendChild(lk, ast.NewString([]byte("Image: ")))
		for _, k := range kids {
			lk.AppendChild(lk, k)
		}
		parent.ReplaceChild(parent, img, lk)
		return
	}
	parent.InsertBefore(parent, img, ast.NewString([]byte("[Image: ")))
	for _, k := range kids {
		parent.InsertBefore(parent, img, k)
	}
	parent.InsertBefore(parent, img, ast.NewString([]byte("]")))
	parent.RemoveChild(parent, img)
}

func (l *linker) link(lk *ast.Link) {
	dest := string(lk.Destination)
	lower := strings.ToLower(dest)
	switch {
	case strings.HasPrefix(lower, "cite:"):
		l.cite(lk, citeKeys(dest[len("cite:"):]))
	case strings.HasPrefix(lower, "study:"):
		id := strings.TrimSpace(dest[len("study:"):])
		if l.m.studies[id] {
			lk.Destination = []byte("#study-" + id)
		} else {
			unwrap(lk, " [study not found: "+id+"]")
		}
	case strings.HasPrefix(dest, "#"):
		// Heading ids are prefixed per source, so an author's fragment
		// can only hit the handout's fixed anchors; others would be dead
		// links (found by FuzzHandout).
		if !l.anchor(dest[1:]) {
			unwrap(lk, "")
		}
	default:
		if a, ok := fileAnchors[dest]; ok {
			if l.m.parts[a[1:]] {
				lk.Destination = []byte(a)
			} else {
				unwrap(lk, "")
			}
			return
		}
		// Anything else the app would not open (internal/links: another
		// scheme, a text-direction control, an address too long to check)
		// stays as its text, as the app shows it, and is never a link.
		if links.Classify(dest).Action != links.External {
			unwrap(lk, "")
		}
	}
}

// anchor reports whether the handout always has an element with id.
func (l *linker) anchor(id string) bool {
	if id == "top" || l.m.parts[id] {
		return true
	}
	if s, ok := strings.CutPrefix(id, "study-"); ok && l.m.studies[s] {
		return true
	}
	if r, ok := strings.CutPrefix(id, "ref-"); ok {
		_, known := l.m.refs[r]
		return known
	}
	return false
}

// cite points the link at its first known reference and lists the others
// after it as their own links.
func (l *linker) cite(lk *ast.Link, keys []string) {
	var known, missing []string
	for _, k := range keys {
		if _, ok := l.m.refs[k]; ok {
			known = append(known, k)
		} else {
			missing = append(missing, k)
		}
	}
	note := ""
	if len(missing) > 0 {
		note = " [reference not found: " + strings.Join(missing, ", ") + "]"
	}
	if len(known) == 0 {
		unwrap(lk, note)
		return
	}
	lk.Destination = []byte("#ref-" + known[0])
	lk.Title = []byte(referenceText(l.m.refs[known[0]]))
	parent := lk.Parent()
	after := lk.NextSibling()
	ins := func(n ast.Node) { parent.InsertBefore(parent, after, n) }
	if len(known) > 1 {
		ins(ast.NewString([]byte(" (also ")))
		for i, k := range known[1:] {
			if i > 0 {
				ins(ast.NewString([]byte("; ")))
			}
			other := ast.NewLink()
			other.Destination = []byte("#ref-" + k)
			other.Title = []byte(referenceText(l.m.refs[k]))
			other.AppendChild(other, ast.NewString([]byte(shortCite(l.m.refs[k]))))
			ins(other)
		}
		ins(ast.NewString([]byte(")")))
	}
	if note != "" {
		ins(ast.NewString([]byte(note)))
	}
}

// citeKeys splits "a; b,c" into keys.
func citeKeys(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		if k = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(k), "@")); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// unwrap replaces a link by its text, followed by note.
func unwrap(lk *ast.Link, note string) {
	parent := lk.Parent()
	if parent == nil {
		return
	}
	for _, k := range children(lk) {
		parent.InsertBefore(parent, lk, k)
	}
	if note != "" {
		parent.InsertBefore(parent, lk, ast.NewString([]byte(note)))
	}
	parent.RemoveChild(parent, lk)
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink || p.Kind() == ast.KindAutoLink {
			return true
		}
	}
	return false
}

func children(n ast.Node) []ast.Node {
	var out []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

// isHTTP reports whether the handout may link u: a web address that the
// app's own link policy (internal/links) would open, so an address with
// control or text-direction characters, or one too long to check, is
// printed but never linked, as in the app.
func isHTTP(u string) bool {
	if links.Classify(u).Action != links.External {
		return false
	}
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// stripFront removes TOML front matter fenced by "+++" lines.
func stripFront(src []byte) []byte {
	s := src
	if !bytes.HasPrefix(s, []byte("+++")) {
		return src
	}
	nl := bytes.IndexByte(s, '\n')
	if nl < 0 || strings.TrimSpace(string(s[:nl])) != "+++" {
		return src
	}
	rest := s[nl+1:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var ln []byte
		if end < 0 {
			ln = rest[off:]
			end = len(rest) - off - 1
		} else {
			ln = rest[off : off+end]
		}
		if strings.TrimSpace(string(ln)) == "+++" {
			return rest[off+end+1:]
		}
		off += end + 1
	}
	return src
}
