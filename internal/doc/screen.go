package doc

import (
	"bytes"
	"fmt"
)

// Limits of the pre-screen. goldmark v1.8.7 spends time quadratic in each
// of these quantities; real articles stay far below them.
const (
	maxNesting    = 32   // list/quote markers opening on one line
	maxUnclosed   = 1000 // unclosed [ ( < in one paragraph
	maxDelimiters = 5000 // runs of * _ ~ in one paragraph
	maxOpeners    = 5000 // [ in one paragraph, closed or not (links, references)
	// GFM pads every row to the header's column count, and goldmark spends
	// microseconds per cell, so a short file could ask for millions.
	maxTableCells = 100000
	// Whole-file limits. goldmark and the document model keep about 500
	// bytes for every block and 400 for every emphasis marker or bracket,
	// so 4 MiB of "a\n\n" took 3.6 s and 820 MB, and 4 MiB of "*a " in
	// paragraphs just under maxDelimiters 2 s and 540 MB. A long real
	// article has a few thousand blocks and fewer markers.
	maxBlocks = 100000 // paragraphs, headings, list items, quotes, fences
	maxMarkup = 100000 // runs of * _ ~ and [ outside code, in the file
	// Line limits. goldmark keeps about a kilobyte for every line of a
	// paragraph (its segment, text node and soft break, and the model's
	// run), linear but costly: 4 MiB of "a\n", one paragraph of 2 million
	// lines, took 1.5 s and 1 GB, and paragraphs of 40 such lines 1 s and
	// 760 MB. A paragraph's lines here are a line that starts a block
	// and the lines after it that start none (a list item or a quote
	// marker starts one, and maxBlocks bounds those); a long real article,
	// hard-wrapped, has a few thousand lines and paragraphs of a few dozen.
	maxParagraphLines = 10000  // lines of one paragraph
	maxLines          = 100000 // non-blank lines in the file, code included
)

// Screen runs the pre-screen alone on Markdown without front matter, for a
// caller that hands goldmark text of its own (a slide's title): it returns
// the *Error that Parse would refuse src with, or nil.
func Screen(src []byte) error {
	return screen(src, 0)
}

// screen refuses the input shapes known to make goldmark v1.8.7 quadratic,
// so that they fail fast with a located error instead of burning CPU. It
// looks at the Markdown body only (from bodyStart), numbering lines of the
// whole file. It is a cheap approximation: it ignores code spans and
// treats every run of non-blank lines as one paragraph, skipping fenced
// code.
func screen(src []byte, bodyStart int) error {
	line := 1 + bytes.Count(src[:bodyStart], []byte("\n"))
	body := src[bodyStart:]
	var (
		fence      byte // '`' or '~' while inside a fenced code block
		fenceLen   int
		paraLine   int // first line of the current paragraph, 0 between paragraphs
		unclosed   [3]int
		delimiters int
		openers    int
		columns    int // of the table whose delimiter row was seen, or 0
		cells      int
		textLine   int // first line of the paragraph being read
		textLines  int // and how many lines it has so far
		blocks     int // in the file
		markup     int // in the file
		lines      int // non-blank lines in the file
	)
	tooMany := func(what string, limit int) error {
		return &Error{Line: line, Col: 1, Msg: fmt.Sprintf(
			"the file has more than %d %s; markdown this large is refused", limit, what)}
	}
	reset := func() {
		paraLine, textLines, unclosed, delimiters, openers, columns, cells = 0, 0, [3]int{}, 0, 0, 0, 0
	}
	check := func() error {
		if paraLine == 0 {
			return nil
		}
		if n := unclosed[0] + unclosed[1] + unclosed[2]; n > maxUnclosed {
			return &Error{Line: paraLine, Col: 1, Msg: fmt.Sprintf(
				"paragraph has %d unclosed brackets (more than %d); markdown this pathological is refused", n, maxUnclosed)}
		}
		return nil
	}
	for len(body) > 0 {
		l, rest, _ := cutLine(body)
		body = rest
		depth, content := containers(l)
		blocksBefore := blocks
		if depth > maxNesting {
			return &Error{Line: line, Col: 1, Msg: fmt.Sprintf(
				"lists or quotes nested %d levels deep (more than %d); markdown this pathological is refused", depth, maxNesting)}
		}
		if fence == 0 {
			blocks += depth
			if t := bytes.TrimSpace(content); len(t) > 0 && (paraLine == 0 || t[0] == '#' || isBreak(content)) {
				blocks++ // a paragraph, heading or rule starts (blank lines count none)
			}
			if blocks > maxBlocks {
				return tooMany("blocks (paragraphs, headings, list items, quotes)", maxBlocks)
			}
		}
		startsBlock := blocks > blocksBefore
		if len(bytes.TrimSpace(l)) > 0 {
			if lines++; lines > maxLines {
				return tooMany("lines of text", maxLines)
			}
		}
		if c, n := fenceOf(content); fence != 0 {
			if c == fence && n >= fenceLen && len(bytes.TrimSpace(content[n:])) == 0 {
				fence = 0
			}
			line++
			continue
		} else if n > 0 {
			if err := check(); err != nil {
				return err
			}
			reset()
			fence, fenceLen = c, n
			line++
			continue
		}
		if len(bytes.TrimSpace(content)) == 0 {
			if err := check(); err != nil {
				return err
			}
			reset()
			line++
			continue
		}
		if paraLine == 0 {
			paraLine = line
		} else if n := delimiterRow(content); n > 0 && columns == 0 {
			columns, cells = n, n // the header; this row is counted below
		}
		if columns > 0 {
			cells += columns
			if cells > maxTableCells {
				return &Error{Line: paraLine, Col: 1, Msg: fmt.Sprintf(
					"table has more than %d cells (%d columns); markdown this pathological is refused", maxTableCells, columns)}
			}
		}
		switch {
		case columns > 0:
			// A table's rows are bounded by maxTableCells.
		case startsBlock:
			textLine, textLines = line, 1
		default:
			// A line that continues the paragraph above it.
			if textLines++; textLines > maxParagraphLines {
				return &Error{Line: textLine, Col: 1, Msg: fmt.Sprintf(
					"paragraph has more than %d lines; markdown this pathological is refused (leave a blank line between paragraphs)", maxParagraphLines)}
			}
		}
		for i := 0; i < len(content); i++ {
			c := content[i]
			switch c {
			case '\\':
				i++
			case '[', '(', '<':
				unclosed[bracketKind(c)]++
				if c == '[' {
					if markup++; markup > maxMarkup {
						return tooMany("emphasis markers and link brackets", maxMarkup)
					}
					if openers++; openers > maxOpeners {
						return &Error{Line: line, Col: 1, Msg: fmt.Sprintf(
							"paragraph starting at line %d has more than %d link brackets; markdown this pathological is refused",
							paraLine, maxOpeners)}
					}
				}
			case ']', ')', '>':
				if k := bracketKind(c); unclosed[k] > 0 {
					unclosed[k]--
				}
			case '*', '_', '~':
				for i+1 < len(content) && content[i+1] == c {
					i++
				}
				delimiters++
				if markup++; markup > maxMarkup {
					return tooMany("emphasis markers and link brackets", maxMarkup)
				}
				if delimiters > maxDelimiters {
					return &Error{Line: line, Col: 1, Msg: fmt.Sprintf(
						"paragraph starting at line %d has more than %d emphasis markers (* _ ~); markdown this pathological is refused",
						paraLine, maxDelimiters)}
				}
			}
		}
		line++
	}
	return check()
}

func bracketKind(c byte) int {
	switch c {
	case '[', ']':
		return 0
	case '(', ')':
		return 1
	}
	return 2
}

// containers counts the block-quote and list markers that open on a line
// and returns the rest of the line. A thematic break such as "- - -" is not
// a list.
func containers(l []byte) (depth int, rest []byte) {
	if isBreak(l) {
		return 0, l
	}
	i := 0
	for {
		j := i
		for k := 0; k < 4 && j < len(l) && (l[j] == ' ' || l[j] == '\t'); k++ {
			j++
		}
		if j >= len(l) {
			return depth, l[i:]
		}
		switch c := l[j]; {
		case c == '>':
			j++
		case c == '-' || c == '*' || c == '+':
			if j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t' {
				return depth, l[i:]
			}
			j++
		case c >= '0' && c <= '9':
			k := j
			for k < len(l) && k-j < 9 && l[k] >= '0' && l[k] <= '9' {
				k++
			}
			if k >= len(l) || (l[k] != '.' && l[k] != ')') || (k+1 < len(l) && l[k+1] != ' ' && l[k+1] != '\t') {
				return depth, l[i:]
			}
			j = k + 1
		default:
			return depth, l[i:]
		}
		depth++
		i = j
		if depth > maxNesting {
			return depth, l[i:]
		}
	}
}

// isBreak reports whether l is a thematic break (three or more of one of
// - * _ with only spaces or tabs between).
func isBreak(l []byte) bool {
	var c byte
	n := 0
	for _, b := range l {
		switch b {
		case ' ', '\t', '\r':
		case '-', '*', '_':
			if c != 0 && b != c {
				return false
			}
			c = b
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// fenceOf returns the fence character and length if l opens or closes a
// fenced code block.
func fenceOf(l []byte) (byte, int) {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	if i >= len(l) || (l[i] != '`' && l[i] != '~') {
		return 0, 0
	}
	c, n := l[i], 0
	for i+n < len(l) && l[i+n] == c {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return c, n
}

// delimiterRow returns the column count if l looks like a GFM table
// delimiter row (only | - : and blanks, with at least one | and one -).
func delimiterRow(l []byte) int {
	t := bytes.TrimSpace(l)
	if bytes.IndexByte(t, '|') < 0 || bytes.IndexByte(t, '-') < 0 {
		return 0
	}
	for _, c := range t {
		switch c {
		case '|', '-', ':', ' ', '\t':
		default:
			return 0
		}
	}
	t = bytes.TrimSuffix(bytes.TrimPrefix(t, []byte("|")), []byte("|"))
	return bytes.Count(t, []byte("|")) + 1
}
