package reader

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// RenderOptions says how rendered documents behave.
type RenderOptions struct {
	// OnCite is called when an in-text citation is activated. When nil,
	// citations go to OnLink as their cite: destination, or are plain text
	// when that is nil too.
	OnCite func(c *doc.Citation)
	// OnLink is called with the destination of any other link, exactly as
	// written; the caller applies the link policy (see OpenLink). When nil,
	// links are rendered as plain text.
	OnLink func(dest string)
	// Markers are shown in the top-level block with the given index, right
	// after the first occurrence of their Anchor (or at the block's end).
	Markers map[int][]Marker
	// CiteLabel is how a citation is read by a screen reader; nil reads
	// "Citation: " and its text.
	CiteLabel func(c *doc.Citation) string
}

// CitationLabel is how an in-text citation is read by a screen reader:
// "Citation: Stallknecht, 2017", and "; differs from source" when a study
// it cites records a place where the article and its source disagree.
func CitationLabel(p *pack.Pack, c *doc.Citation) string {
	l := "Citation: " + c.Text
	if p == nil {
		return l
	}
	for _, k := range c.Keys {
		if st, ok := p.StudyForRef(k); ok && len(st.Discrepancies) > 0 {
			return l + "; differs from source"
		}
	}
	return l
}

// MarkerLabel is how a marker is read: "Warning: differs from source".
func MarkerLabel(m Marker) string { return "Warning: " + m.Label }

// spokenBlock is a top-level block as a screen reader reads it: its text,
// each citation by its label, and each marker right after its anchor, as
// RenderBlock places it (at the block's end when the anchor is not found).
func spokenBlock(d *doc.Document, b *doc.Block, markers []Marker, opts RenderOptions) string {
	cite := opts.CiteLabel
	if cite == nil {
		cite = func(c *doc.Citation) string { return "Citation: " + c.Text }
	}
	// The text as shown, and where each citation is in it.
	type span struct {
		start, end int
		label      string
	}
	var shown strings.Builder
	var cites []span
	var walk func(b *doc.Block)
	walk = func(b *doc.Block) {
		for _, in := range b.Inlines {
			start := shown.Len()
			shown.WriteString(in.Text)
			if in.Cite >= 0 && in.Cite < len(d.Citations) {
				cites = append(cites, span{start, shown.Len(), cite(d.Citations[in.Cite])})
			}
		}
		for _, c := range b.Children {
			shown.WriteByte(' ')
			walk(c)
		}
	}
	walk(b)
	text := shown.String()
	after := map[int][]string{} // marker labels by the offset they follow
	for _, m := range markers {
		at := len(text)
		if i := strings.Index(text, m.Anchor); m.Anchor != "" && i >= 0 {
			at = i + len(m.Anchor)
		}
		after[at] = append(after[at], " ["+MarkerLabel(m)+"]")
	}
	var out strings.Builder
	next := 0 // the next citation
	for i := 0; i <= len(text); {
		if next < len(cites) && cites[next].start == i {
			c := cites[next]
			out.WriteString(c.label)
			for k := c.start + 1; k <= c.end; k++ {
				for _, w := range after[k] {
					out.WriteString(w)
				}
			}
			i = c.end
			next++
			continue
		}
		if i < len(text) {
			out.WriteByte(text[i])
		}
		i++
		for _, w := range after[i] {
			if i <= len(text) {
				out.WriteString(w)
			}
		}
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

// Marker is a small tappable note placed in the text, such as the
// "differs from source" flag on a discrepancy.
type Marker struct {
	// Anchor is the text the marker follows; "" puts it at the block's end.
	Anchor string
	// Label is the tappable text, e.g. "differs from source".
	Label    string
	OnTapped func()
}

// MarkerSymbol starts every marker so it stands out without colour alone.
const MarkerSymbol = "⚠"

// RenderBlock renders one top-level block with its markers.
func RenderBlock(d *doc.Document, b *doc.Block, markers []Marker, opts RenderOptions) fyne.CanvasObject {
	r := &renderer{d: d, opts: opts}
	for _, m := range markers {
		r.pending = append(r.pending, &placedMarker{Marker: m})
	}
	obj := r.block(b, 0)
	// Markers whose anchor was not found in the block's text go at its end.
	var rest []widget.RichTextSegment
	for _, m := range r.pending {
		if !m.placed {
			rest = append(rest, r.markerSegs(m.Marker, widget.RichTextStyleInline)...)
		}
	}
	if len(rest) == 0 {
		return obj
	}
	tail := widget.NewRichText(rest...)
	tail.Wrapping = fyne.TextWrapWord
	return container.NewVBox(obj, tail)
}

type placedMarker struct {
	Marker
	placed bool
}

type renderer struct {
	d       *doc.Document
	opts    RenderOptions
	pending []*placedMarker
}

func newRich(segs []widget.RichTextSegment) *widget.RichText {
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

func (r *renderer) block(b *doc.Block, depth int) fyne.CanvasObject {
	switch b.Kind {
	case doc.Heading:
		base := widget.RichTextStyleHeading
		switch {
		case b.Level == 2:
			base = widget.RichTextStyleSubHeading
		case b.Level > 2:
			base = widget.RichTextStyleStrong
		}
		return newRich(r.inlines(b.Inlines, base))
	case doc.Paragraph:
		return newRich(r.inlines(b.Inlines, widget.RichTextStyleInline))
	case doc.List:
		return newRich(r.list(b, depth))
	case doc.Quote:
		return r.quote(b, depth)
	case doc.Code:
		var text strings.Builder
		for _, in := range b.Inlines {
			text.WriteString(in.Text)
		}
		return newRich([]widget.RichTextSegment{&widget.CodeBlockSegment{Text: strings.TrimRight(text.String(), "\n")}})
	case doc.Table:
		return newRich([]widget.RichTextSegment{r.table(b.Table)})
	case doc.Rule:
		return widget.NewSeparator()
	case doc.ListItem:
		return newRich(r.list(&doc.Block{Kind: doc.List, Children: []*doc.Block{b}}, depth))
	}
	return widget.NewLabel("")
}

// quote draws a bar beside the quoted blocks, which keeps links and nested
// structure intact (RichText's own quoting only covers plain text).
func (r *renderer) quote(b *doc.Block, depth int) fyne.CanvasObject {
	bar := widgets.NewThemedRect(theme.ColorNameSeparator, fyne.NewSize(4, 0))
	inner := container.NewVBox()
	for _, c := range b.Children {
		inner.Add(r.block(c, depth))
	}
	return container.NewBorder(nil, nil, container.NewPadded(bar), nil, inner)
}

// list renders a list as one line per item paragraph. Fyne's RichText ends a
// row after a block segment only when the block's last segment is not
// inline, so each line is built as Fyne's own ListSegment builds its items:
// the bullet, then the item's text in a paragraph of its own. The nested
// paragraph ends the line and lets a wrapped line hang under the text, not
// under the bullet. (ListSegment itself cannot be used: the indentation of
// a nested list is unexported, and it wants an item's blocks as segments.)
func (r *renderer) list(b *doc.Block, depth int) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	n := b.Start
	if b.Ordered && n == 0 && len(b.Children) > 0 {
		n = 1
	}
	indent := func(d int) string { return strings.Repeat("    ", d) }
	line := func(lead string, style widget.RichTextStyle, texts []widget.RichTextSegment) {
		if len(texts) == 0 {
			// A line of its lead alone (an empty item, or one that starts
			// with a nested list) is ended by the lead itself.
			style.Inline = false
			out = append(out, &widget.ParagraphSegment{Texts: []widget.RichTextSegment{
				&widget.TextSegment{Text: lead, Style: style}}})
			return
		}
		out = append(out, &widget.ParagraphSegment{Texts: []widget.RichTextSegment{
			&widget.TextSegment{Text: lead, Style: style},
			&widget.ParagraphSegment{Texts: texts},
		}})
	}
	for _, item := range b.Children {
		bullet := "•"
		if b.Ordered {
			bullet = itoa(n) + "."
			n++
		}
		lead := indent(depth) + bullet + " "
		first := true
		for _, c := range item.Children {
			// The first block of an item follows its bullet; the others are
			// indented to the text.
			l, style := indent(depth+1), widget.RichTextStyleInline
			if first {
				l, style = lead, widget.RichTextStyleStrong
			}
			switch c.Kind {
			case doc.Paragraph, doc.Heading:
				line(l, style, r.inlines(c.Inlines, widget.RichTextStyleInline))
			case doc.List:
				if first {
					line(l, style, nil)
				}
				out = append(out, r.list(c, depth+1)...)
			default:
				// Code, quotes and tables inside list items are shown as
				// indented plain text; the structure is kept by the lines.
				seg := &widget.TextSegment{Text: plainBlock(c), Style: widget.RichTextStyleInline}
				if c.Kind == doc.Code {
					seg.Style.TextStyle.Monospace = true
				}
				line(l, style, []widget.RichTextSegment{seg})
			}
			first = false
		}
		if first {
			line(lead, widget.RichTextStyleStrong, nil)
		}
	}
	return out
}

func (r *renderer) table(t *doc.TableData) *widget.TableSegment {
	seg := &widget.TableSegment{}
	for _, a := range t.Align {
		switch a {
		case doc.AlignCenter:
			seg.Alignments = append(seg.Alignments, fyne.TextAlignCenter)
		case doc.AlignRight:
			seg.Alignments = append(seg.Alignments, fyne.TextAlignTrailing)
		default:
			seg.Alignments = append(seg.Alignments, fyne.TextAlignLeading)
		}
	}
	if len(t.Header) > 0 {
		for _, cell := range t.Header {
			seg.Headers = append(seg.Headers, r.inlines(cell, widget.RichTextStyleStrong))
		}
	}
	for _, row := range t.Rows {
		var cells [][]widget.RichTextSegment
		for _, cell := range row {
			cells = append(cells, r.inlines(cell, widget.RichTextStyleInline))
		}
		seg.Rows = append(seg.Rows, cells)
	}
	return seg
}

// inlines turns runs into segments, placing any pending marker right
// after the first occurrence of its anchor in this run of text.
func (r *renderer) inlines(runs []doc.Inline, base widget.RichTextStyle) []widget.RichTextSegment {
	var text strings.Builder
	for _, in := range runs {
		text.WriteString(in.Text)
	}
	full := text.String()
	type cut struct {
		at int
		m  *placedMarker
	}
	var cuts []cut
	for _, m := range r.pending {
		if m.placed || m.Anchor == "" {
			continue
		}
		if i := strings.Index(full, m.Anchor); i >= 0 {
			m.placed = true
			cuts = append(cuts, cut{i + len(m.Anchor), m})
		}
	}
	var out []widget.RichTextSegment
	pos := 0
	for _, in := range runs {
		t := in.Text
		for len(cuts) > 0 {
			// Place every marker that ends inside (or at the end of) this run.
			best := -1
			for i, c := range cuts {
				if c.at > pos && c.at <= pos+len(t) && (best < 0 || c.at < cuts[best].at) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			c := cuts[best]
			cuts = append(cuts[:best], cuts[best+1:]...)
			k := c.at - pos
			out = append(out, r.run(in, t[:k], base)...)
			out = append(out, r.markerSegs(c.m.Marker, base)...)
			pos += k
			t = t[k:]
		}
		if t != "" {
			out = append(out, r.run(in, t, base)...)
		}
		pos += len(t)
	}
	return out
}

func (r *renderer) markerSegs(m Marker, base widget.RichTextStyle) []widget.RichTextSegment {
	sym := base
	sym.Inline = true
	sym.ColorName = theme.ColorNameWarning
	sym.TextStyle = fyne.TextStyle{Bold: true}
	// The label is a plain-weight link: the bold warning symbol marks it,
	// and an italic face would be one more font style (its faces and emoji
	// fallback, about 45 ms and 8 MB) to load before the first frame.
	link := &widget.HyperlinkSegment{Text: m.Label, OnTapped: m.OnTapped, SizeName: base.SizeName,
		TextStyle: base.TextStyle}
	return []widget.RichTextSegment{
		// The space after the symbol keeps it off the link's first word.
		&widget.TextSegment{Text: " " + MarkerSymbol + " ", Style: sym},
		link,
	}
}

// codeInline is Fyne's inline-code style (it draws a background).
var codeInline = widget.RichTextStyleCodeInline

func (r *renderer) run(in doc.Inline, text string, base widget.RichTextStyle) []widget.RichTextSegment {
	style := base
	style.Inline = true
	if in.Style&doc.Mono != 0 {
		size := style.SizeName
		style = codeInline
		style.SizeName = size
	}
	if in.Style&doc.Emph != 0 {
		style.TextStyle.Italic = true
	}
	if in.Style&doc.Strong != 0 {
		style.TextStyle.Bold = true
	}
	if in.Style&doc.Strike != 0 {
		style.TextStyle.Strikethrough = true
	}
	if in.Cite >= 0 && in.Cite < len(r.d.Citations) && r.opts.OnCite != nil {
		c := r.d.Citations[in.Cite]
		onCite := r.opts.OnCite
		return []widget.RichTextSegment{&widget.HyperlinkSegment{Text: text, TextStyle: style.TextStyle, SizeName: style.SizeName,
			OnTapped: func() { onCite(c) }}}
	}
	if in.Link != "" && (in.Cite < 0 || r.opts.OnCite == nil) && r.opts.OnLink != nil {
		// Without a citation handler a cite: link is an ordinary link.
		dest := in.Link
		onLink := r.opts.OnLink
		return []widget.RichTextSegment{&widget.HyperlinkSegment{Text: text, TextStyle: style.TextStyle, SizeName: style.SizeName,
			OnTapped: func() { onLink(dest) }}}
	}
	if text == "\n" {
		return []widget.RichTextSegment{&widget.TextSegment{Text: "\n", Style: style}}
	}
	return widgets.SymbolSafeSegments([]widget.RichTextSegment{&widget.TextSegment{Text: text, Style: style}})
}

// plainBlock is a block's text without markup, for matching marker anchors
// and for code, quotes and tables shown inside list items.
func plainBlock(b *doc.Block) string {
	var s strings.Builder
	for _, in := range b.Inlines {
		s.WriteString(in.Text)
	}
	for _, c := range b.Children {
		if s.Len() > 0 {
			s.WriteByte('\n')
		}
		s.WriteString(plainBlock(c))
	}
	if b.Table != nil {
		row := func(cells [][]doc.Inline) {
			for i, cell := range cells {
				if i > 0 {
					s.WriteString(" | ")
				}
				for _, in := range cell {
					s.WriteString(in.Text)
				}
			}
			s.WriteByte('\n')
		}
		row(b.Table.Header)
		for _, r := range b.Table.Rows {
			row(r)
		}
	}
	return s.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
