package reader

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Pre-wrapping. Fyne wraps a RichText by measuring longer and longer
// prefixes of every line until one does not fit, shaping the text anew
// each time: scrolling the 1 MB article a page a frame spent 29% of its
// CPU time there (docs/performance.md). A paragraph's words repeat across
// the article, so the DocView breaks its lines itself from cached word
// widths and gives the RichText the lines with wrapping off.
//
// It breaks only at spaces, as Fyne's word wrapping does, and never inside
// a link (a link that does not fit goes to the next line whole). A block
// it cannot lay out that way (a list, a quote, code, a table, a word or
// link wider than the line) keeps Fyne's wrapping.

// wrapWidths caches word and space widths by text, size and style.
var wrapWidths struct {
	sync.Mutex
	m map[wrapKey]float32
}

type wrapKey struct {
	text  string
	size  float32
	style fyne.TextStyle
}

// wrapCacheMax bounds the cache; past it, it starts again (an article's
// words are far fewer).
const wrapCacheMax = 200000

func wordWidth(text string, size float32, style fyne.TextStyle) float32 {
	k := wrapKey{text, size, style}
	wrapWidths.Lock()
	w, ok := wrapWidths.m[k]
	wrapWidths.Unlock()
	if ok {
		return w
	}
	w = fyne.MeasureText(text, size, style).Width
	wrapWidths.Lock()
	if wrapWidths.m == nil || len(wrapWidths.m) >= wrapCacheMax {
		wrapWidths.m = map[wrapKey]float32{}
	}
	wrapWidths.m[k] = w
	wrapWidths.Unlock()
	return w
}

// spaceWidth is the advance of a space between words, measured in context
// (a lone space may measure as nothing).
func spaceWidth(size float32, style fyne.TextStyle) float32 {
	return max(wordWidth("n n", size, style)-2*wordWidth("n", size, style), 0)
}

// wrapPiece is a run of text of one segment: a word part or spaces.
type wrapPiece struct {
	seg   int
	text  string
	space bool
	width float32
	// link is set for a whole link segment, which is never broken.
	link bool
}

// prewrap returns segs with a line break for each place a line is full at
// width (the RichText's size; Fyne lays text inside its inner padding),
// for a RichText with wrapping off; ok is false when segs are not plain
// inline text and links, or something is wider than a line.
func prewrap(segs []widget.RichTextSegment, width float32) ([]widget.RichTextSegment, bool) {
	avail := width - 2*theme.InnerPadding()
	if avail <= 0 {
		return nil, false
	}
	var pieces []wrapPiece
	for i, s := range segs {
		switch s := s.(type) {
		case *widget.TextSegment:
			if !s.Style.Inline || s.Style.QuotingDepth > 0 {
				return nil, false
			}
			size := theme.TextSize()
			if s.Style.SizeName != "" {
				size = theme.Size(s.Style.SizeName)
			}
			sp := spaceWidth(size, s.Style.TextStyle)
			for _, p := range splitSpaces(s.Text) {
				if strings.ContainsRune(p, '\n') {
					return nil, false
				}
				if isSpace(p) {
					pieces = append(pieces, wrapPiece{seg: i, text: p, space: true, width: sp * float32(utf8.RuneCountInString(p))})
				} else {
					pieces = append(pieces, wrapPiece{seg: i, text: p, width: wordWidth(p, size, s.Style.TextStyle)})
				}
			}
		case *widget.HyperlinkSegment:
			if strings.ContainsRune(s.Text, '\n') {
				return nil, false
			}
			// Fyne measures links at the body text size when it wraps.
			pieces = append(pieces, wrapPiece{seg: i, text: s.Text, link: true, width: wordWidth(s.Text, theme.TextSize(), s.TextStyle)})
		default:
			return nil, false
		}
	}
	// breaks[k] marks piece k, a run of spaces, as the end of a line.
	breaks := make([]bool, len(pieces))
	line := float32(0)
	for k := 0; k < len(pieces); {
		if pieces[k].space {
			k++
			continue
		}
		// A word is the pieces up to the next space, across segments.
		end, w := k, float32(0)
		for end < len(pieces) && !pieces[end].space {
			w += pieces[end].width
			end++
		}
		if w > avail {
			return nil, false
		}
		gap := float32(0)
		if k > 0 && pieces[k-1].space {
			gap = pieces[k-1].width
		}
		if line > 0 && line+gap+w > avail {
			breaks[k-1] = true
			line = w
		} else {
			line += gap + w
		}
		k = end
	}
	out := make([]widget.RichTextSegment, 0, len(segs))
	for i, s := range segs {
		t, ok := s.(*widget.TextSegment)
		if !ok {
			out = append(out, s)
			continue
		}
		var b strings.Builder
		for k, p := range pieces {
			if p.seg != i {
				continue
			}
			if breaks[k] {
				b.WriteByte('\n')
			} else {
				b.WriteString(p.text)
			}
		}
		c := *t
		c.Text = b.String()
		out = append(out, &c)
	}
	return out, true
}

// splitSpaces cuts s into runs of spaces and runs of anything else.
func splitSpaces(s string) []string {
	var out []string
	start := 0
	prev := -1
	for i, r := range s {
		sp := 0
		if unicode.IsSpace(r) && r != '\n' {
			sp = 1
		}
		if prev >= 0 && sp != prev {
			out = append(out, s[start:i])
			start = i
		}
		prev = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func isSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
