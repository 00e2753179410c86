// Package deck parses a pack's slides.md into slides, generates a deck for
// packs that have none, and holds the presentation's navigation state.
//
// # slides.md format
//
// Slides are Markdown separated by a line that is exactly "---" (trailing
// spaces allowed). Because CommonMark reads a "---" line directly under a
// line of text as that text's heading underline (a setext H2), a "---" in a
// slide's body separates slides only when it is the first line of the file
// (after any front matter), follows a blank line, or follows another
// separator. A "---" directly under text or a heading stays in the slide
// (where Markdown shows it as a heading underline or a rule) and gets a
// diagnostic, so the author sees why the deck did not split there. Inside
// speaker notes every "---" separates: notes are spoken text, not headings.
// A "---" inside a fenced code block (``` or ~~~) never separates.
//
// A line that is exactly "Note:" or "Notes:" (any case) starts the slide's
// speaker notes, which run to the end of the slide.
//
// TOML front matter fenced by "+++" lines at the very top is skipped.
//
// A line of the form "::: kind [args]" in a slide's body is a directive: the
// slide shows generated content instead of, or below, its Markdown. The
// syntax is the one of pandoc's fenced divs and markdown-it-container, so
// other Markdown tools show the line as plain text rather than hide it.
// Kinds:
//
//	::: studies            comparison table of every study in the pack
//	::: studies cited      only the studies the article cites
//	::: studies ID ID...   only the named studies, in that order
//	::: rob                risk-of-bias traffic lights (same arguments)
//	::: references         the reference list ("cited": only cited ones)
//
// A slide has at most one directive. Unknown kinds, extra directives and
// arguments that name no study are reported as diagnostics with their line;
// they never stop the deck from loading.
//
// Slides that end up empty (no body, notes or directive), such as those made
// by a leading, trailing or doubled separator, are dropped.
package deck

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Directive kinds.
const (
	KindStudies    = "studies"
	KindRoB        = "rob"
	KindReferences = "references"
)

// ArgCited restricts a directive to what the article cites.
const ArgCited = "cited"

// Slide is one slide of a deck.
type Slide struct {
	// Index is the slide's 0-based position in the deck.
	Index int
	// Title is the plain text of the slide's first heading, "" if none.
	Title string
	// Body is the slide's Markdown source without notes and directive line.
	Body string
	// Notes are the speaker notes (Markdown), "" if none.
	Notes string
	// Directive is the slide's generated content; Kind is "" when none.
	Directive Directive
	// Line is the 1-based line in slides.md where the slide's content
	// starts; 0 for generated slides.
	Line int
}

// Directive asks for generated content on a slide.
type Directive struct {
	// Kind is KindStudies, KindRoB or KindReferences.
	Kind string
	// Args are the words after the kind.
	Args []string
	// Line is the directive's 1-based line in slides.md.
	Line int
}

// Cited reports whether the directive is restricted to cited items.
func (d Directive) Cited() bool {
	return len(d.Args) == 1 && d.Args[0] == ArgCited
}

// IDs returns the study ids the directive names, nil for "all" or "cited".
func (d Directive) IDs() []string {
	if len(d.Args) == 0 || d.Cited() {
		return nil
	}
	return d.Args
}

// Diagnostic is a problem in slides.md that did not stop parsing.
type Diagnostic struct {
	Line int
	Msg  string
}

func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s:%d: %s", pack.FileSlides, d.Line, d.Msg)
}

// line is one source line with its 1-based number.
type line struct {
	n    int
	text string
}

// Parse splits slides.md into slides. It never fails: problems come back as
// diagnostics and the slides are as complete as the source allows.
func Parse(src []byte) ([]Slide, []Diagnostic) {
	lines := splitLines(src)
	var diags []Diagnostic
	start := 0
	if len(lines) > 0 && strings.TrimRight(lines[0].text, " \t") == "+++" {
		end := -1
		for i := 1; i < len(lines); i++ {
			if strings.TrimRight(lines[i].text, " \t") == "+++" {
				end = i
				break
			}
		}
		if end < 0 {
			diags = append(diags, Diagnostic{1, "front matter opened with +++ is never closed; it is read as slide text"})
		} else {
			start = end + 1
		}
	}

	var (
		slides  []Slide
		cur     raw
		fence   fenceState
		inNotes bool
		// prevBreaks is true when the previous line lets a "---" separate:
		// start of input, a blank line or another separator.
		prevBreaks = true
	)
	flush := func() {
		if s, ok := cur.slide(); ok {
			s.Index = len(slides)
			slides = append(slides, s)
		}
		cur = raw{}
		inNotes = false
	}
	for _, l := range lines[start:] {
		t := l.text
		if fence.open {
			fence.update(t)
			cur.add(l, inNotes)
			prevBreaks = false
			continue
		}
		trimmed := strings.TrimRight(t, " \t")
		if trimmed == "---" {
			if prevBreaks || inNotes {
				flush()
				prevBreaks = true
				continue
			}
			diags = append(diags, Diagnostic{l.n, `"---" directly under text is not a slide separator (Markdown reads it as a heading underline or a rule); put a blank line before it to start a new slide`})
		}
		if fence.update(t) {
			cur.add(l, inNotes)
			cur.fenceLine = l.n
			prevBreaks = false
			continue
		}
		switch {
		case !inNotes && isNotesMarker(trimmed):
			inNotes = true
			cur.notesSeen = true
		case !inNotes && strings.HasPrefix(trimmed, ":::"):
			d, diag, ok := parseDirective(l)
			switch {
			case diag != "":
				diags = append(diags, Diagnostic{l.n, diag})
			case cur.dir.Kind != "":
				diags = append(diags, Diagnostic{l.n, fmt.Sprintf("a slide has one directive; this one is ignored (the slide already has %q on line %d)", cur.dir.Kind, cur.dir.Line)})
			case ok:
				cur.dir = d
			}
			if !ok {
				// Not a directive at all (e.g. a pandoc div fence): keep the text.
				cur.add(l, inNotes)
			}
		default:
			cur.add(l, inNotes)
		}
		prevBreaks = trimmed == ""
	}
	if fence.open {
		diags = append(diags, Diagnostic{cur.fenceLine, "code fence is never closed; everything after it belongs to one slide"})
	}
	flush()
	return slides, diags
}

// splitLines splits on \n, dropping any \r before it, and numbers the lines.
func splitLines(src []byte) []line {
	if len(src) == 0 {
		return nil
	}
	s := string(src)
	s = strings.TrimSuffix(s, "\n")
	parts := strings.Split(s, "\n")
	out := make([]line, len(parts))
	for i, p := range parts {
		out[i] = line{i + 1, strings.TrimRight(p, "\r")}
	}
	return out
}

func isNotesMarker(trimmed string) bool {
	t := strings.ToLower(strings.TrimLeft(trimmed, " \t"))
	return t == "note:" || t == "notes:"
}

// parseDirective reads a ":::" line. ok is false when the line is not a
// directive (bare ":::" or ":::" glued to a word, as in pandoc's ":::{.x}"),
// diag is set for a directive line that has a problem.
func parseDirective(l line) (d Directive, diag string, ok bool) {
	rest := strings.TrimPrefix(strings.TrimSpace(l.text), ":::")
	if rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return Directive{}, "", false
	}
	f := strings.Fields(rest)
	if len(f) == 0 {
		return Directive{}, "", false
	}
	kind := strings.ToLower(f[0])
	switch kind {
	case KindStudies, KindRoB, KindReferences:
	default:
		return Directive{}, fmt.Sprintf("unknown directive %q (known: studies, rob, references)", f[0]), true
	}
	args := f[1:]
	if kind == KindReferences && len(args) > 0 && !(len(args) == 1 && args[0] == ArgCited) {
		return Directive{}, fmt.Sprintf("directive references takes no arguments or %q, not %q", ArgCited, strings.Join(args, " ")), true
	}
	for _, a := range args {
		if a == ArgCited && len(args) > 1 {
			return Directive{}, fmt.Sprintf("%q cannot be combined with study ids", ArgCited), true
		}
	}
	if len(args) == 0 {
		args = nil
	}
	return Directive{Kind: kind, Args: args, Line: l.n}, "", true
}

// fenceState tracks CommonMark fenced code blocks.
type fenceState struct {
	open bool
	char byte
	n    int
}

// update feeds one line and reports whether it opened or closed a fence.
func (f *fenceState) update(t string) bool {
	indent := 0
	for indent < len(t) && indent < 4 && t[indent] == ' ' {
		indent++
	}
	if indent > 3 {
		return false
	}
	s := t[indent:]
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return false
	}
	c := s[0]
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	if n < 3 {
		return false
	}
	info := s[n:]
	if f.open {
		if c == f.char && n >= f.n && strings.TrimSpace(info) == "" {
			f.open = false
			return true
		}
		return false
	}
	if c == '`' && strings.Contains(info, "`") {
		return false
	}
	f.open, f.char, f.n = true, c, n
	return true
}

// raw collects one slide's lines while parsing.
type raw struct {
	body, notes []line
	dir         Directive
	notesSeen   bool
	fenceLine   int
}

func (r *raw) add(l line, notes bool) {
	if notes {
		r.notes = append(r.notes, l)
	} else {
		r.body = append(r.body, l)
	}
}

func (r *raw) slide() (Slide, bool) {
	body, bodyLine := join(r.body)
	notes, notesLine := join(r.notes)
	if body == "" && notes == "" && r.dir.Kind == "" {
		return Slide{}, false
	}
	first := bodyLine
	for _, n := range []int{r.dir.Line, notesLine} {
		if n > 0 && (first == 0 || n < first) {
			first = n
		}
	}
	return Slide{Title: Title(body), Body: body, Notes: notes, Directive: r.dir, Line: first}, true
}

// join returns the lines' text without leading and trailing blank lines,
// and the number of the first non-blank line.
func join(ls []line) (string, int) {
	for len(ls) > 0 && strings.TrimSpace(ls[0].text) == "" {
		ls = ls[1:]
	}
	for len(ls) > 0 && strings.TrimSpace(ls[len(ls)-1].text) == "" {
		ls = ls[:len(ls)-1]
	}
	if len(ls) == 0 {
		return "", 0
	}
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String(), ls[0].n
}

var titleMD = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// Title returns the plain text of the first heading in a Markdown body.
func Title(body string) (title string) {
	if !strings.ContainsAny(body, "#-=") {
		return ""
	}
	defer func() {
		// goldmark has panicked on tiny inputs before; a title is not worth a crash.
		if recover() != nil {
			title = ""
		}
	}()
	src := []byte(body)
	// goldmark is quadratic on shapes the pre-screen refuses; the loader
	// reports slides.md's refusal, and such a slide has no title.
	if doc.Screen(src) != nil {
		return ""
	}
	root := titleMD.Parser().Parse(text.NewReader(src))
	var found ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindHeading {
			found = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found == nil {
		return ""
	}
	return strings.TrimSpace(PlainText(found, src))
}

// PlainText returns the text of a goldmark node and its children, without
// markup; line breaks become spaces.
func PlainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if tx, ok := ch.(*ast.Text); ok {
					b.Write(tx.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(t.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Check reports directive arguments that name no study in the pack.
func Check(slides []Slide, p *pack.Pack) []Diagnostic {
	known := map[string]bool{}
	for _, s := range p.Studies {
		known[s.ID] = true
	}
	var out []Diagnostic
	for _, s := range slides {
		for _, id := range s.Directive.IDs() {
			if !known[id] {
				out = append(out, Diagnostic{s.Directive.Line, fmt.Sprintf("directive %s names study %q, which is not in %s", s.Directive.Kind, id, pack.FileStudies)})
			}
		}
	}
	return out
}

// Image is an image a slide's Markdown names: ![Alt](Dest).
type Image struct {
	// Dest is the image's address as written (goldmark's destination).
	Dest string
	// Alt is its alt text, plain.
	Alt string
}

// imagesMD parses as Fyne's Markdown widget does (the same extensions), so
// Images finds the images Fyne would make segments of.
var imagesMD = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.TaskList, extension.Table))

// Images returns the images in a Markdown body (a slide's or its notes'),
// in source order, so that the presentation can show each as its alt text
// instead of fetching it. Markdown the pre-screen refuses has none.
func Images(body string) (images []Image) {
	if !strings.Contains(body, "![") {
		return nil
	}
	src := []byte(body)
	if doc.Screen(src) != nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			images = nil
		}
	}()
	root := imagesMD.Parser().Parse(text.NewReader(src))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if im, ok := n.(*ast.Image); ok && entering {
			images = append(images, Image{Dest: string(im.Destination), Alt: strings.TrimSpace(PlainText(im, src))})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return images
}
