package present

import (
	"image/color"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

// Slides are designed on a 1280×720 canvas and scaled to the size they are
// shown at, so a slide looks the same on a projector, a laptop and a
// thumbnail.
const (
	designW = 1280
	designH = 720
	// slideRatio is the width/height of every slide.
	slideRatio = float32(designW) / designH
)

// Sizes on the design canvas.
const (
	designText     = 34 // body text
	designTitle    = 50 // slide titles (level-2 headings and below)
	designH1       = 68 // the heading of a title slide
	designTable    = 20 // comparison, risk-of-bias and reference text
	designMarginX  = 64
	designMarginY  = 40
	designBodyGap  = 22
	defaultTextRef = 14 // Fyne's default text size, the base for paddings
)

// Theme sizes used inside slides. They are standard names, so text that
// ever falls back to the app theme still gets a usable size.
const (
	sizeSlideTable = theme.SizeNameCaptionText
	sizeSlideTitle = theme.SizeNameSubHeadingText
)

// Colours of the slides: dark text on white, the same in light and dark app
// themes, because a projected slide is read from the back of a room.
var (
	slideBG     = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	slideFG     = color.NRGBA{0x1b, 0x1f, 0x24, 0xff}
	slideAccent = color.NRGBA{0x1d, 0x4f, 0x91, 0xff}
	slideMuted  = color.NRGBA{0x55, 0x5d, 0x66, 0xff}
	slideRule   = color.NRGBA{0xc9, 0xd1, 0xd9, 0xff}
	slideHeadBG = color.NRGBA{0xe8, 0xee, 0xf5, 0xff}
	rowMain     = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	lightLow    = color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	lightSome   = color.NRGBA{0xe0, 0x9b, 0x00, 0xff}
	lightHigh   = color.NRGBA{0xc6, 0x28, 0x28, 0xff}
	lightNone   = color.NRGBA{0x9a, 0xa0, 0xa6, 0xff}
)

// slideTheme sizes everything on a slide by one scale factor, the slide's
// height over the design height, times a fit factor below 1 that shrinks a
// slide whose content would otherwise overflow.
type slideTheme struct {
	scale float32
	fit   float32
}

func (t *slideTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return slideBG
	case theme.ColorNameForeground:
		return slideFG
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return slideAccent
	case theme.ColorNameSeparator:
		return slideRule
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return slideMuted
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (t *slideTheme) Size(n fyne.ThemeSizeName) float32 {
	// The fit factor sizes the generated tables (caption text and the
	// paddings); titles and body text keep their size.
	s := t.scale * t.fit
	switch n {
	case theme.SizeNameText:
		return designText * t.scale
	case theme.SizeNameHeadingText:
		return designH1 * t.scale
	case theme.SizeNameSubHeadingText:
		return designTitle * t.scale
	case theme.SizeNameCaptionText:
		return designTable * s
	case theme.SizeNameLineSpacing:
		return designText * 0.3 * s
	case theme.SizeNamePadding, theme.SizeNameInnerPadding:
		// Small and fixed: table cells are Labels, and a Label pads its
		// text by the inner padding on every side.
		return 5 * s
	}
	// Paddings grow with the text so lines keep their rhythm.
	return theme.DefaultTheme().Size(n) * designText / defaultTextRef * s
}

func (t *slideTheme) Font(st fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(st) }
func (t *slideTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

// slideView draws one slide, scaled to whatever size it is given.
type slideView struct {
	widget.BaseWidget
	th      *slideTheme
	bg      *canvas.Rectangle
	over    *container.ThemeOverride
	content *fyne.Container
	body    *slideBodyLayout
	// title is true for a title slide, whose text is centred.
	title bool
	memo  *fitMemo
	index int
	// shrinks is true for slides with generated tables, which are shrunk
	// to fit. Written slides are not: nested list text does not report
	// its wrapped height reliably, and authors keep slides short.
	shrinks bool
	// forms are the forms the generated content can take, the fullest
	// first (a risk-of-bias table with a row per study, then shorter
	// ones); the slide shows the first that fits at a readable size.
	forms []fyne.CanvasObject
	// measured is set once the view has been fitted to a size.
	measured bool
	// a11y is what a screen reader is told about the slide.
	a11y string
}

// newSlideView builds the view of s. The pack supplies directive content;
// memo, which may be nil, shares fit factors with the slide's other views.
func newSlideView(p *pack.Pack, s deck.Slide, memo *fitMemo) *slideView {
	v := &slideView{th: &slideTheme{scale: 1, fit: 1}, bg: canvas.NewRectangle(slideBG), memo: memo, index: s.Index}
	var objs []fyne.CanvasObject
	body := s.Body
	title, level, rest := splitTitle(body)
	v.title = level == 1
	if title != "" {
		st := widget.RichTextStyle{
			ColorName: theme.ColorNamePrimary,
			SizeName:  sizeSlideTitle,
			TextStyle: fyne.TextStyle{Bold: true},
		}
		if v.title {
			st.SizeName = theme.SizeNameHeadingText
			st.Alignment = fyne.TextAlignCenter
		}
		t := widget.NewRichText(widgets.SymbolSafeSegments([]widget.RichTextSegment{&widget.TextSegment{Text: title, Style: st}})...)
		t.Wrapping = fyne.TextWrapWord
		objs = append(objs, t)
		body = rest
	}
	if strings.TrimSpace(body) != "" {
		rt := widget.NewRichText(slideMarkdown(body)...)
		if v.title {
			// A title slide's lines are centred, bullets and all.
			rt.Wrapping = fyne.TextWrapWord
			rt.Segments = plainSegments(rt.Segments, true)
			objs = append(objs, rt)
		} else {
			objs = append(objs, slideBlocks(rt.Segments, v.th))
		}
	}
	v.a11y = slideText(p, s, objs)
	if forms := directiveForms(p, s.Directive, v.th); len(forms) > 0 {
		objs = append(objs, forms[0])
		v.forms = forms
		v.shrinks = true
	}
	v.body = &slideBodyLayout{th: v.th, centre: v.title}
	v.content = container.New(v.body, objs...)
	v.over = container.NewThemeOverride(v.content, v.th)
	v.ExtendBaseWidget(v)
	return v
}

// AccessibilityLabel implements fyne.Accessible: the slide's number and
// title, and its text, which screen readers cannot reach inside the slide.
func (v *slideView) AccessibilityLabel() string { return v.a11y }

// AccessibilityRole implements fyne.Accessible.
func (v *slideView) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// slideText is a slide read aloud: "Slide 3: title. Its text." from the
// title and body objects (the directive's table is not among them). The
// risk-of-bias lights are read study by study, each domain the slide shows
// in its tool's words ("Domain D2 (deviations from intended
// interventions): some concerns"); the other tables made from the pack are
// named.
func slideText(p *pack.Pack, s deck.Slide, objs []fyne.CanvasObject) string {
	var parts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.RichText:
			parts = append(parts, richTextLines(x.Segments)...)
		case *fyne.Container:
			kids := x.Objects
			if _, ok := x.Layout.(*hangLayout); ok && len(kids) == 2 {
				kids = kids[1:] // a list item's text, without its bullet
			}
			for _, k := range kids {
				walk(k)
			}
		}
	}
	for _, o := range objs {
		walk(o)
	}
	switch s.Directive.Kind {
	case deck.KindStudies:
		parts = append(parts, "Table comparing the studies")
	case deck.KindReferences:
		parts = append(parts, "The list of references")
	case deck.KindRoB:
		ss := directiveStudies(p, s.Directive)
		tools := map[string]bool{}
		for _, st := range ss {
			if r := st.RiskOfBias; r != nil {
				tools[r.ToolName()] = true
			}
		}
		for _, st := range ss {
			r := st.RiskOfBias
			if r == nil {
				continue
			}
			name := st.Label
			if len(tools) > 1 {
				// The table names each tool in its header; so does this.
				name += " (" + r.ToolName() + ")"
			}
			parts = append(parts, name+": "+robText(r))
		}
	}
	return "Slide " + strconv.Itoa(s.Index+1) + ": " + sentences(parts)
}

// richTextLines are the lines rich text shows, one per paragraph, heading
// or list item: RichText.String runs them together ("…packLast reviewed").
func richTextLines(segs []widget.RichTextSegment) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	var walk func(segs []widget.RichTextSegment)
	walk = func(segs []widget.RichTextSegment) {
		for _, sg := range segs {
			switch x := sg.(type) {
			case *widget.ParagraphSegment:
				flush()
				walk(x.Texts)
				flush()
			case *widget.ListSegment:
				for _, it := range x.Items {
					flush()
					walk([]widget.RichTextSegment{it})
					flush()
				}
			default:
				cur.WriteString(sg.Textual())
				if !sg.Inline() {
					flush()
				}
			}
		}
	}
	walk(segs)
	flush()
	return out
}

// sentences joins parts into sentences: a full stop between two, unless
// the first already ends a sentence ("Why? Because").
func sentences(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if prev := parts[i-1]; !strings.HasSuffix(prev, ".") && !strings.HasSuffix(prev, "?") && !strings.HasSuffix(prev, "!") && !strings.HasSuffix(prev, ":") {
				b.WriteByte('.')
			}
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// robText is one study's row of a risk-of-bias slide read aloud: the
// judgements the slide shows, or why the tool does not apply, as the row
// says it.
func robText(r *pack.RiskOfBias) string {
	if !r.Applies {
		why := "not assessed with " + r.ToolName()
		if r.Reason != "" {
			why += ": " + firstSentenceOf(r.Reason)
		}
		return why
	}
	t := r.ToolInfo()
	var ls []string
	for _, j := range r.SlideJudgements() {
		ls = append(ls, widgets.RiskLabel(t, j.Domain, j.Level, ""))
	}
	ls = append(ls, widgets.OverallRiskLabel(t, r.OverallLevel(), ""))
	return strings.Join(ls, "; ")
}

// splitTitle takes a leading ATX heading off a slide body.
func splitTitle(body string) (title string, level int, rest string) {
	b := strings.TrimLeft(body, "\n")
	line, after, _ := strings.Cut(b, "\n")
	t := strings.TrimSpace(line)
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (len(t) > n && t[n] != ' ') {
		return "", 0, body
	}
	return deck.Title(line), n, after
}

// plainSegments flattens Markdown segments for slides and notes: list
// items and paragraphs become top-level text runs with their bullet or
// number written out, and links become plain text. Text nested inside a
// ParagraphSegment does not get its RichText's theme override, so nested
// list text would come out in the app's colours and size; and a slide is not
// clicked, while a hyperlink widget could take the keyboard focus. centre
// centres the text (title slides).
func plainSegments(segs []widget.RichTextSegment, centre bool) []widget.RichTextSegment {
	var blocks []slideBlock
	collectBlocks(&blocks, segs, 0)
	var out []widget.RichTextSegment
	text := func(t string, st widget.RichTextStyle) {
		if centre {
			st.Alignment = fyne.TextAlignCenter
		}
		out = append(out, &widget.TextSegment{Text: t, Style: st})
	}
	for _, b := range blocks {
		if b.mark != "" {
			text(strings.Repeat("      ", b.depth)+b.mark+"  ", widget.RichTextStyleInline)
		}
		for _, sg := range b.segs {
			if t, ok := sg.(*widget.TextSegment); ok {
				text(t.Text, t.Style)
			} else {
				out = append(out, sg)
			}
		}
		if n := len(out); n > 0 && out[n-1].Inline() {
			text("", widget.RichTextStyleParagraph)
		}
	}
	return out
}

// slideBlock is one paragraph of a slide's body: a list item (with its
// mark and nesting depth) or plain text.
type slideBlock struct {
	depth int
	// mark is the item's bullet or number, on its first paragraph only.
	mark string
	// item is set for every paragraph of a list item; ordered for those
	// of a numbered list.
	item, ordered bool
	segs          []widget.RichTextSegment
}

// collectBlocks splits Markdown segments into paragraphs and list items,
// their text flattened to top-level runs as plainSegments does.
func collectBlocks(out *[]slideBlock, segs []widget.RichTextSegment, depth int) {
	cur := &slideBlock{depth: depth}
	finish := func() {
		if len(cur.segs) > 0 {
			*out = append(*out, *cur)
		}
		cur = &slideBlock{depth: depth}
	}
	inline := func(t string, st widget.RichTextStyle) {
		st.Inline = true
		cur.segs = append(cur.segs, &widget.TextSegment{Text: t, Style: st})
	}
	for _, sg := range segs {
		switch t := sg.(type) {
		case *widget.HyperlinkSegment:
			inline(t.Text, widget.RichTextStyleInline)
		case *widget.ListSegment:
			finish()
			n := 0
			for _, item := range t.Items {
				p, ok := item.(*widget.ParagraphSegment)
				if !ok {
					collectBlocks(out, []widget.RichTextSegment{item}, depth+1)
					continue
				}
				n++
				mark := "•"
				if depth > 0 {
					mark = "–"
				}
				if t.Ordered {
					mark = strconv.Itoa(n) + "."
				}
				var item []slideBlock
				collectBlocks(&item, p.Texts, depth)
				if len(item) == 0 {
					item = []slideBlock{{depth: depth}}
				}
				item[0].mark = mark
				for k := range item {
					item[k].item, item[k].ordered = true, t.Ordered
				}
				*out = append(*out, item...)
			}
		case *widget.ParagraphSegment:
			finish()
			collectBlocks(out, t.Texts, depth)
		case *widget.TextSegment:
			switch {
			case t.Style.Inline:
				cur.segs = append(cur.segs, t)
			case t.Text == "":
				finish() // a paragraph's end
			case t.Style.SizeName != "":
				// A heading stands alone.
				finish()
				cur.segs = append(cur.segs, t)
				finish()
			default:
				// A paragraph's last run ends it.
				inline(t.Text, t.Style)
				finish()
			}
		default:
			finish()
			cur.segs = append(cur.segs, sg)
			finish()
		}
	}
	finish()
}

// slideBlocks lays a written slide's body out paragraph by paragraph, each
// list item with a hanging indent: its wrapped lines start under its first
// line's text, not under its bullet.
func slideBlocks(segs []widget.RichTextSegment, th *slideTheme) fyne.CanvasObject {
	var blocks []slideBlock
	collectBlocks(&blocks, segs, 0)
	box := container.New(&stackLayout{th: th})
	for _, b := range blocks {
		text := widget.NewRichText(b.segs...)
		text.Wrapping = fyne.TextWrapWord
		if !b.item {
			box.Add(text)
			continue
		}
		mark := widget.NewRichText(&widget.TextSegment{Text: b.mark, Style: widget.RichTextStyleInline})
		box.Add(container.New(&hangLayout{th: th, depth: b.depth, ordered: b.ordered}, mark, text))
	}
	return box
}

// stackLayout stacks parts top to bottom, each at its wrapped height,
// space ems of body text apart (paragraphs need none: a rich text's own
// padding spaces them as a paragraph break would).
type stackLayout struct {
	th    *slideTheme
	space float32
}

func (l *stackLayout) gap() float32 { return l.space * designText * l.th.scale }

func (l *stackLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.gap()
	}
}

func (l *stackLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
		if i > 0 {
			h += l.gap()
		}
	}
	return fyne.NewSize(w, h)
}

// hangLayout puts a list item's mark in a column of its own and its text
// beside it, both indented by the item's depth.
type hangLayout struct {
	th      *slideTheme
	depth   int
	ordered bool
}

// indent is the width of the mark column, in ems of body text: room for
// a bullet, or for "10." in a numbered list.
func (l *hangLayout) indent() float32 {
	em := designText * l.th.scale
	if l.ordered {
		return 1.7 * em
	}
	return 1.1 * em
}

// left is where the item's text starts: nested lists step in by an
// indent of their own.
func (l *hangLayout) left() float32 {
	return float32(l.depth)*1.2*designText*l.th.scale + l.indent()
}

func (l *hangLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := l.left()
	mark, text := objs[0], objs[1]
	tw := max(size.Width-x, 1)
	text.Resize(fyne.NewSize(tw, text.MinSize().Height))
	text.Move(fyne.NewPos(x, 0))
	text.Resize(fyne.NewSize(tw, text.MinSize().Height))
	mark.Move(fyne.NewPos(x-l.indent(), 0))
	mark.Resize(fyne.NewSize(l.indent(), mark.MinSize().Height))
}

func (l *hangLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m, t := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(l.left()+t.Width, max(m.Height, t.Height))
}

func (v *slideView) CreateRenderer() fyne.WidgetRenderer {
	return &slideRenderer{v: v}
}

type slideRenderer struct{ v *slideView }

func (r *slideRenderer) Layout(size fyne.Size) {
	v := r.v
	v.bg.Resize(size)
	scale := size.Height / designH
	if w := size.Width / designW; w < scale {
		scale = w
	}
	// Below this a slide is a speck; laying text out there only wraps
	// every word onto its own line.
	if scale < minScale {
		v.over.Hide()
		return
	}
	v.over.Show()
	mx, my := designMarginX*scale, designMarginY*scale
	inner := fyne.NewSize(size.Width-2*mx, size.Height-2*my)
	v.over.Move(fyne.NewPos(mx, my))
	if d := scale - v.th.scale; d > 0.001 || d < -0.001 || !v.measured {
		v.measured = true
		v.th.scale = scale
		v.th.fit = v.fitAt(inner)
	}
	v.over.Resize(inner)
	v.body.Layout(v.content.Objects, inner)
}

// minScale is the smallest scale at which a slide's content is drawn.
const minScale = 0.05

// fitAt finds the largest fit factor (down to minFit) at which the slide's
// content fits in inner, re-wrapping the text at each try, in the fullest
// of the content's forms that fits with its table text at least
// minReadableTable (or, when none does, the form that fits largest). The
// answer does not depend on the scale, so it is remembered for the
// slide's other views.
func (v *slideView) fitAt(inner fyne.Size) float32 {
	if !v.shrinks {
		v.over.Refresh()
		return 1
	}
	// Small views (thumbnails, the presenter's slides) reuse the fit of a
	// full-size view: text metrics are too coarse there to measure well.
	small := v.th.scale < memoScale
	if v.memo != nil && small {
		if f, ok := v.memo.fits[v.index]; ok {
			v.setForm(f.form)
			v.over.Refresh()
			return f.fit
		}
	}
	fits := func(f float32) bool {
		v.th.fit = f
		v.over.Refresh()
		v.over.Resize(inner)
		v.body.Layout(v.content.Objects, inner)
		// A table whose words do not fit its columns does not fit,
		// however short it is.
		return v.body.needed <= inner.Height+1 && !cramped(v.content)
	}
	// Bisect: text height does not fall smoothly with text size (lines
	// re-wrap, header words must fit), so no formula finds the size.
	largest := func() float32 {
		if fits(maxFit) {
			return maxFit
		}
		lo, hi := float32(minFit), float32(maxFit)
		for range 6 {
			mid := (lo + hi) / 2
			if fits(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		return lo
	}
	form, best := 0, float32(-1)
	for i := range v.forms {
		v.setForm(i)
		f := largest()
		if f*designTable >= minReadableTable {
			form, best = i, f
			break
		}
		if f > best {
			form, best = i, f
		}
	}
	v.setForm(form)
	fits(best)
	if v.memo != nil && !small {
		v.memo.fits[v.index] = fitted{fit: best, form: form}
	}
	return best
}

// setForm shows form i of the generated content.
func (v *slideView) setForm(i int) {
	if i < 0 || i >= len(v.forms) {
		return
	}
	v.content.Objects[len(v.content.Objects)-1] = v.forms[i]
}

// minReadableTable is the smallest table text, in pixels of the design
// canvas, that a slide shows by choice: about 13.5 pt on a 7.5 in high
// slide, read from the back of a classroom. A table that is smaller even
// in its shortest form is shrunk further (to minFit).
const minReadableTable = 18

// maxFit lets a short table grow past its design size to fill the slide.
const maxFit = 1.4

// minFit is how far an overfull slide is shrunk; past it, the slide is
// too full to read anyway and its bottom is cut off.
const minFit = 0.45

// memoScale is the scale from which a view's fit is measured and shared.
const memoScale = 0.6

// fitMemo shares fit factors and forms between the views of one deck's
// slides.
type fitMemo struct{ fits map[int]fitted }

// fitted is the form a slide's content is shown in and its fit factor.
type fitted struct {
	fit  float32
	form int
}

func newFitMemo() *fitMemo { return &fitMemo{fits: map[int]fitted{}} }

func (r *slideRenderer) MinSize() fyne.Size { return fyne.NewSize(16, 9) }
func (r *slideRenderer) Refresh() {
	r.v.over.Refresh()
	r.Layout(r.v.Size())
}

func (r *slideRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.v.bg, r.v.over} }
func (r *slideRenderer) Destroy()                     {}

// slideBodyLayout stacks a slide's parts top to bottom at their wrapped
// heights; the last part (a directive's table) gets the rest of the space.
// A title slide's parts are centred vertically.
type slideBodyLayout struct {
	th     *slideTheme
	centre bool
	// needed is the height the parts took at the last layout.
	needed float32
}

func (l *slideBodyLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := designBodyGap * l.th.scale
	heights := make([]float32, len(objs))
	total := float32(0)
	for i, o := range objs {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		heights[i] = o.MinSize().Height
		total += heights[i]
		if i > 0 {
			total += gap
		}
	}
	l.needed = total
	y := float32(0)
	if l.centre && total < size.Height {
		y = (size.Height - total) / 2
	}
	for i, o := range objs {
		h := heights[i]
		if i == len(objs)-1 && !l.centre {
			h = max(size.Height-y, h)
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += heights[i] + gap
	}
}

func (l *slideBodyLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(1, 1) }

// aspectLayout centres its objects at the largest 16:9 size that fits,
// leaving black bars (letterboxing) around them.
type aspectLayout struct{}

func (aspectLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w, h := size.Width, size.Width/slideRatio
	if h > size.Height {
		h, w = size.Height, size.Height*slideRatio
	}
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

func (aspectLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(16, 9) }

// directiveForms builds the generated content a directive asks for, in
// the forms it can take, the fullest first; none when there is nothing to
// show.
func directiveForms(p *pack.Pack, d deck.Directive, th *slideTheme) []fyne.CanvasObject {
	switch d.Kind {
	case deck.KindStudies:
		if ss := directiveStudies(p, d); len(ss) > 0 {
			return []fyne.CanvasObject{studyTable(p.Vocab(), ss, th)}
		}
	case deck.KindRoB:
		if ss := directiveStudies(p, d); len(ss) > 0 {
			var forms []fyne.CanvasObject
			for _, f := range []robForm{robRows, robNoted, robCoded, robDots} {
				if o := robTable(ss, f, th); o != nil {
					forms = append(forms, o)
				}
			}
			return forms
		}
	case deck.KindReferences:
		if o := referenceList(p, d.Cited(), th); o != nil {
			return []fyne.CanvasObject{o}
		}
	}
	return nil
}

// directiveStudies returns the studies a directive selects, in its order.
func directiveStudies(p *pack.Pack, d deck.Directive) []pack.Study {
	if ids := d.IDs(); ids != nil {
		var out []pack.Study
		for _, id := range ids {
			if s, ok := p.Study(id); ok {
				out = append(out, *s)
			}
		}
		return out
	}
	var out []pack.Study
	for _, s := range p.Studies {
		if !d.Cited() || s.Cited {
			out = append(out, s)
		}
	}
	return out
}

// cellText is a table cell: wrapped text at the slide's table size.
func cellText(s string, bold bool) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = sizeSlideTable
	l.TextStyle.Bold = bold
	return l
}

// shortDesign keeps a study design to its first clause, for slides.
func shortDesign(d string) string {
	d = strings.TrimSpace(d)
	if d == "" {
		return "Not reported"
	}
	if i := strings.IndexAny(d, "(;:,"); i > 0 {
		d = strings.TrimSpace(d[:i])
	}
	return clipWords(d, 34)
}

// clipWords shortens s to about n bytes at a word boundary, with an ellipsis.
func clipWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := s[:n]
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

func participants(v *pack.Vocabulary, pp pack.Population) string {
	if pp.N <= 0 {
		return "Not reported"
	}
	s := v.Count(pp.N)
	if pp.Sex != "" && pp.Sex != "not reported" {
		s += " " + pp.Sex
	}
	return s
}

// outcomeColours are a study row's background and its outcome badge, by
// the outcome type's tone, in the reading views' colours (widgets): a
// mechanism-like type's row tinted as the app tints it, over the white
// slide, the badge the colour deepened for white text. Only those rows are
// shaded, since the footer says what shaded rows are (studyFooter); the
// others stay white, their badge naming their type.
func outcomeColours(v *pack.Vocabulary, o string) (row, badge color.Color) {
	t := v.Outcome(o).Tone
	row = widgets.Over(widgets.OutcomeTint(t), slideBG)
	if t != pack.ToneMechanism {
		row = rowMain
	}
	return row, widgets.OutcomeInk(t)
}

// badge is white bold text on a rounded coloured box.
func badge(text string, c color.Color, th *slideTheme) fyne.CanvasObject {
	bg := canvas.NewRectangle(c)
	t := canvas.NewText(text, color.White)
	t.TextStyle.Bold = true
	return container.New(&badgeLayout{th: th, bg: bg, t: t}, bg, t)
}

type badgeLayout struct {
	th *slideTheme
	bg *canvas.Rectangle
	t  *canvas.Text
}

func (l *badgeLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.t.TextSize = l.th.Size(sizeSlideTable)
	ts := l.t.MinSize()
	pad := l.th.Size(sizeSlideTable) * 0.4
	l.bg.CornerRadius = pad
	l.bg.Resize(fyne.NewSize(ts.Width+2*pad, ts.Height+pad))
	// On the first text line of the row's other cells, which Labels
	// inset by the inner padding.
	top := max(l.th.Size(theme.SizeNameInnerPadding)-pad/2, 0)
	l.bg.Move(fyne.NewPos(0, top))
	l.t.Move(fyne.NewPos(pad, top+pad/2))
	l.t.Resize(ts)
}

func (l *badgeLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	l.t.TextSize = l.th.Size(sizeSlideTable)
	ts := l.t.MinSize()
	pad := l.th.Size(sizeSlideTable) * 0.4
	return fyne.NewSize(ts.Width+2*pad, ts.Height+pad)
}

// studyTable is the compact comparison: study, design, participants,
// outcome type and the answer to the pack's question. Mechanism-like rows
// are tinted and badged so they are not read as answers to it.
func studyTable(v *pack.Vocabulary, ss []pack.Study, th *slideTheme) fyne.CanvasObject {
	t := &tableLayout{th: th, cols: []float32{0.25, 0.30, 0.13, 0.17, 0.15}}
	t.header([]string{"Study", "Design", "People", "Outcome type", v.VerdictQuestion()})
	for _, s := range ss {
		row, bc := outcomeColours(v, s.Outcome)
		name := s.Label
		if !s.Cited {
			name += " ·"
		}
		lbl := cellText(name, true)
		t.row(row, []tcell{
			{obj: lbl},
			{obj: cellText(shortDesign(s.Design), false)},
			{obj: cellText(participants(v, s.Population), false)},
			{obj: badge(v.Outcome(s.Outcome).Label, bc, th)},
			{obj: cellText(v.VerdictAnswer(s.Verdict), !v.IsMechanism(s.Outcome))},
		})
	}
	if foot := studyFooter(v, ss); foot != "" {
		note := cellText(foot, false)
		note.Importance = widget.LowImportance
		t.footer(note)
	}
	return t.container()
}

// studyFooter explains what the table shows that needs explaining, and
// nothing else: the "·" only when a study on it is not cited, the slide
// notes of the outcome types on it (what shaded rows mean).
func studyFooter(v *pack.Vocabulary, ss []pack.Study) string {
	var parts []string
	used := map[string]bool{}
	for _, s := range ss {
		used[s.Outcome] = true
		if !s.Cited && len(parts) == 0 {
			parts = append(parts, "· not cited in the article.")
		}
	}
	for _, o := range v.Outcomes() {
		switch {
		case !used[o.Key]:
		case o.SlideNote != "":
			parts = append(parts, o.SlideNote)
		case o.Mechanism:
			n := "Shaded rows: " + o.Label
			if o.Legend != "" {
				n += ", " + o.Legend
			}
			parts = append(parts, n+".")
		}
	}
	return strings.Join(parts, "  ")
}

// robForm is a form of the risk-of-bias table, fullest first; each
// shortens the one before it.
type robForm int

const (
	// robRows has a row per study, a study the tool does not apply to
	// saying why across its row.
	robRows robForm = iota
	// robNoted has a row per study assessed; the others are named, with
	// why, in a note under the table.
	robNoted
	// robCoded is robNoted with the domains' codes ("D1") as headers and
	// a key to them under the table, as risk-of-bias figures have.
	robCoded
	// robDots is robCoded with each light a dot and its symbol, and a key
	// to the dots. It is made only when no two levels on the table share
	// a dot.
	robDots
)

// robTable shows risk-of-bias traffic lights, one table per tool with the
// tool's domains: a coloured circle with a symbol and a word in every
// cell (or, in robDots, a key to the symbols), so it reads without colour
// too. nil when the form cannot be made or would not be shorter than the
// form before it.
func robTable(ss []pack.Study, form robForm, th *slideTheme) fyne.CanvasObject {
	var order []string
	groups := map[string][]pack.Study{}
	for _, s := range ss {
		if s.RiskOfBias == nil {
			continue
		}
		n := s.RiskOfBias.ToolName()
		if _, ok := groups[n]; !ok {
			order = append(order, n)
		}
		groups[n] = append(groups[n], s)
	}
	if len(order) == 0 {
		return nil
	}
	if form != robRows {
		shorter := false
		for _, n := range order {
			ok, short := robFormFits(groups[n], form)
			if !ok {
				return nil
			}
			shorter = shorter || short
		}
		if !shorter {
			return nil
		}
	}
	if len(order) == 1 {
		return robToolTable(groups[order[0]], false, form, th)
	}
	box := container.New(&stackLayout{th: th, space: 0.5})
	for _, n := range order {
		box.Add(robToolTable(groups[n], true, form, th))
	}
	return box
}

// robFormFits reports whether form can show the studies of one tool, and
// whether it is shorter than the form before it: a study not assessed to
// move into the note (robNoted), domains to code (robCoded), lights to
// turn into dots (robDots).
func robFormFits(ss []pack.Study, form robForm) (ok, shorter bool) {
	assessed, notes := 0, 0
	for _, s := range ss {
		if s.RiskOfBias.Applies {
			assessed++
		} else {
			notes++
		}
	}
	if assessed == 0 {
		// Nothing but the note: the full form says it best.
		return false, false
	}
	switch form {
	case robNoted:
		return true, notes > 0
	case robCoded:
		t := ss[0].RiskOfBias.ToolInfo()
		return t != nil, t != nil && len(t.SlideDomains()) > 0
	case robDots:
		seen := map[pack.Rating]string{}
		for _, l := range robLevels(ss) {
			if k, dup := seen[l.Rating]; dup && k != l.Key {
				return false, false
			}
			seen[l.Rating] = l.Key
		}
		return true, true
	}
	return true, false
}

// robLevels are the levels the lights of the assessed studies show, in
// the order of their ratings (best first), each once.
func robLevels(ss []pack.Study) []pack.RoBLevel {
	var out []pack.RoBLevel
	seen := map[string]bool{}
	add := func(l pack.RoBLevel) {
		if !seen[l.Key] {
			seen[l.Key] = true
			out = append(out, l)
		}
	}
	for _, s := range ss {
		r := s.RiskOfBias
		if !r.Applies {
			continue
		}
		for _, j := range r.SlideJudgements() {
			add(j.Level)
		}
		add(r.OverallLevel())
	}
	rank := func(r pack.Rating) int {
		switch r {
		case pack.RatingGood:
			return 0
		case pack.RatingFair:
			return 1
		case pack.RatingPoor:
			return 2
		case pack.RatingNone:
			return 3
		}
		return 4
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].Rating) < rank(out[j].Rating) })
	return out
}

// robToolTable is the traffic lights of studies assessed with one tool,
// in form; named puts the tool's name in the first header, for slides
// with several.
func robToolTable(ss []pack.Study, named bool, form robForm, th *slideTheme) fyne.CanvasObject {
	r0 := ss[0].RiskOfBias
	tool := r0.ToolInfo()
	var domains []pack.RoBDomain
	overall := "Overall"
	if tool != nil {
		domains, overall = tool.SlideDomains(), tool.OverallName
	}
	first := float32(0.19)
	cols := []float32{first}
	for range len(domains) + 1 {
		cols = append(cols, (1-first)/float32(len(domains)+1))
	}
	heads := []string{"Study"}
	if named {
		heads[0] = "Study (" + r0.ToolName() + ")"
	}
	var codes []string
	for _, d := range domains {
		if form >= robCoded {
			heads = append(heads, d.Code())
			codes = append(codes, d.Code()+" "+d.Short)
			continue
		}
		heads = append(heads, d.Short)
	}
	heads = append(heads, overall)
	// The columns are sized to their words: a domain's name may be longer
	// than its lights, and the study column need not be wider than its
	// labels.
	t := &tableLayout{th: th, cols: cols, fitCols: true}
	t.header(heads)
	light := trafficLight
	if form == robDots {
		light = trafficDot
	}
	var notAssessed []pack.Study
	for _, s := range ss {
		r := s.RiskOfBias
		cells := []tcell{{obj: cellText(s.Label, true)}}
		if !r.Applies {
			if form != robRows {
				notAssessed = append(notAssessed, s)
				continue
			}
			why := "Not assessed with " + r.ToolName()
			if r.Reason != "" {
				why += ": " + firstSentenceOf(r.Reason)
			}
			na := cellText(why, false)
			na.Importance = widget.LowImportance
			cells = append(cells, tcell{obj: na, span: len(domains) + 1})
		} else {
			for _, j := range r.SlideJudgements() {
				cells = append(cells, tcell{obj: light(j.Level, th)})
			}
			cells = append(cells, tcell{obj: light(r.OverallLevel(), th)})
		}
		t.row(rowMain, cells)
	}
	// Under the table: the keys, then the studies not assessed.
	var foot []fyne.CanvasObject
	if form == robDots {
		key := container.New(&keyLayout{th: th})
		for _, l := range robLevels(ss) {
			key.Add(keyItem(l, th))
		}
		foot = append(foot, key)
	}
	if len(codes) > 0 {
		foot = append(foot, cellText(strings.Join(codes, " · "), false))
	}
	if len(notAssessed) > 0 {
		note := cellText(notAssessedNote(r0.ToolName(), notAssessed), false)
		note.Importance = widget.LowImportance
		foot = append(foot, note)
	}
	switch len(foot) {
	case 0:
	case 1:
		t.footer(foot[0])
	default:
		t.footer(container.New(&stackLayout{th: th}, foot...))
	}
	return t.container()
}

// notAssessedNote names the studies a tool was not used for, grouped by
// why, names first so the reason cannot be read as applying to them:
// "Not assessed with RoB 2: Gwinup 1971, Katch 1984 (RoB 2 covers
// randomised trials); Kostek 2007 (RoB 2 covers randomised trials with
// compared groups)."
func notAssessedNote(tool string, ss []pack.Study) string {
	var reasons []string
	names := map[string][]string{}
	for _, s := range ss {
		why := strings.TrimSuffix(firstSentenceOf(strings.TrimSpace(s.RiskOfBias.Reason)), ".")
		if _, ok := names[why]; !ok {
			reasons = append(reasons, why)
		}
		names[why] = append(names[why], s.Label)
	}
	var groups []string
	for _, why := range reasons {
		g := strings.Join(names[why], ", ")
		if why != "" {
			g += " (" + why + ")"
		}
		groups = append(groups, g)
	}
	return "Not assessed with " + tool + ": " + strings.Join(groups, "; ") + "."
}

func firstSentenceOf(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

// ratingColour is a traffic light's colour.
func ratingColour(r pack.Rating) color.Color {
	switch r {
	case pack.RatingGood:
		return lightLow
	case pack.RatingFair:
		return lightSome
	case pack.RatingPoor:
		return lightHigh
	}
	return lightNone
}

func trafficLight(l pack.RoBLevel, th *slideTheme) fyne.CanvasObject {
	dot := canvas.NewCircle(ratingColour(l.Rating))
	mark := canvas.NewText(l.Rating.Symbol(), color.White)
	mark.TextStyle.Bold = true
	mark.Alignment = fyne.TextAlignCenter
	lbl := cellText(l.Short, false)
	return container.New(&lightLayout{th: th, dot: dot, mark: mark, lbl: lbl}, dot, mark, lbl)
}

// trafficDot is a traffic light without its word, for robDots: the
// table's key says what each dot means.
func trafficDot(l pack.RoBLevel, th *slideTheme) fyne.CanvasObject {
	dot := canvas.NewCircle(ratingColour(l.Rating))
	mark := canvas.NewText(l.Rating.Symbol(), color.White)
	mark.TextStyle.Bold = true
	mark.Alignment = fyne.TextAlignCenter
	return container.New(&lightLayout{th: th, dot: dot, mark: mark}, dot, mark)
}

// keyItem is one entry of a robDots table's key: a light with its word on
// one line.
func keyItem(l pack.RoBLevel, th *slideTheme) fyne.CanvasObject {
	o := trafficLight(l, th).(*fyne.Container)
	o.Layout.(*lightLayout).lbl.Wrapping = fyne.TextWrapOff
	return o
}

// keyLayout puts a key's entries side by side, a space of table text
// apart, each at its own width.
type keyLayout struct{ th *slideTheme }

func (l *keyLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	x := float32(0)
	for _, o := range objs {
		m := o.MinSize()
		o.Move(fyne.NewPos(x, 0))
		o.Resize(m)
		x += m.Width + l.th.Size(sizeSlideTable)
	}
}

func (l *keyLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		if i > 0 {
			w += l.th.Size(sizeSlideTable)
		}
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

// lightLayout lays out a traffic light: its dot with the rating's symbol
// and, unless lbl is nil (a dot alone), its word beside it.
type lightLayout struct {
	th   *slideTheme
	dot  *canvas.Circle
	mark *canvas.Text
	lbl  *widget.Label
}

func (l *lightLayout) dotSize() float32 { return l.th.Size(sizeSlideTable) * 1.5 }

func (l *lightLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	d := l.dotSize()
	l.dot.Resize(fyne.NewSize(d, d))
	l.dot.Move(fyne.NewPos(0, (size.Height-d)/2))
	l.mark.TextSize = l.th.Size(sizeSlideTable)
	ms := l.mark.MinSize()
	l.mark.Resize(fyne.NewSize(d, ms.Height))
	l.mark.Move(fyne.NewPos(0, (size.Height-ms.Height)/2))
	if l.lbl == nil {
		return
	}
	lw := max(size.Width-d, 1)
	l.lbl.Resize(fyne.NewSize(lw, l.lbl.MinSize().Height))
	lh := l.lbl.MinSize().Height
	l.lbl.Move(fyne.NewPos(d, (size.Height-lh)/2))
	l.lbl.Resize(fyne.NewSize(lw, lh))
}

func (l *lightLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	d := l.dotSize()
	if l.lbl == nil {
		return fyne.NewSize(d, d)
	}
	ls := l.lbl.MinSize()
	return fyne.NewSize(d+ls.Width, max(d, ls.Height))
}

// referenceList shows the references in two columns, short enough for a
// slide: first author, year, title, journal and DOI.
func referenceList(p *pack.Pack, citedOnly bool, th *slideTheme) fyne.CanvasObject {
	cited := map[string]bool{}
	if p.Article != nil {
		for _, c := range p.Article.Citations {
			for _, k := range c.Keys {
				cited[k] = true
			}
		}
	}
	var items []fyne.CanvasObject
	for _, r := range p.References {
		if citedOnly && !cited[r.ID] {
			continue
		}
		items = append(items, slideRefItem(r))
	}
	if len(items) == 0 {
		return nil
	}
	half := (len(items) + 1) / 2
	t := &tableLayout{th: th, cols: []float32{0.5, 0.5}, plain: true}
	for i := 0; i < half; i++ {
		right := fyne.CanvasObject(widget.NewLabel(""))
		if i+half < len(items) {
			right = items[i+half]
		}
		t.row(nil, []tcell{{obj: items[i]}, {obj: right}})
	}
	return t.container()
}

func slideRefItem(r pack.Reference) fyne.CanvasObject {
	// Top-level inline segments, not a ParagraphSegment: nested segments
	// do not see the slide's theme override.
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: refAuthors(r) + " (" + cite.YearText(r) + "). ", Style: tableStyle(true)},
		&widget.TextSegment{Text: endStop(r.Title) + " ", Style: tableStyle(false)},
	}
	if r.ContainerTitle != "" {
		st := tableStyle(false)
		st.TextStyle.Italic = true
		segs = append(segs, &widget.TextSegment{Text: r.ContainerTitle + ". ", Style: st})
	}
	if r.DOI != "" {
		st := tableStyle(false)
		st.ColorName = theme.ColorNamePrimary
		segs = append(segs, &widget.TextSegment{Text: "doi:" + r.DOI, Style: st})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

func tableStyle(bold bool) widget.RichTextStyle {
	return widget.RichTextStyle{Inline: true, SizeName: sizeSlideTable, TextStyle: fyne.TextStyle{Bold: bold}}
}

// refAuthors is the reference's short author label (internal/cite's),
// "Anonymous" when it names none.
func refAuthors(r pack.Reference) string {
	if a := cite.ShortAuthors(r); a != "" {
		return a
	}
	return "Anonymous"
}

// endStop ends s with a full stop unless it already ends a sentence.
func endStop(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
