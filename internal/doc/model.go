// Package doc turns CommonMark (with GFM tables) into a small, Fyne-free
// document model: blocks, inline runs, sections and citations. The UI renders
// the model into widgets; search, export and the validator read it too.
package doc

// BlockKind is the kind of a Block.
type BlockKind int

// Block kinds.
const (
	Paragraph BlockKind = iota
	Heading
	List
	ListItem
	Quote
	Code
	Table
	Rule
)

// Style is a set of inline text styles.
type Style uint8

// Inline styles; they combine.
const (
	Emph Style = 1 << iota
	Strong
	Mono
	Strike
)

// Document is a parsed Markdown file.
type Document struct {
	// Blocks are the top-level blocks in source order.
	Blocks []*Block
	// Sections are the headings, in order, for the table of contents.
	Sections []Section
	// Citations are the cite: links in reading order.
	Citations []*Citation
	// Links are every other link (http, https, mailto, study:, anything).
	Links []*Link
	// Front is the TOML front matter between +++ lines, if any, without the fences.
	Front []byte
	// FrontLine is the 1-based line where the front matter's body starts.
	FrontLine int
}

// Block is a block-level element.
type Block struct {
	Kind BlockKind
	// Level is the heading level (1-6).
	Level int
	// Ordered and Start describe a List.
	Ordered bool
	Start   int
	// Inlines holds the text of a Paragraph, Heading or Code block. A Code
	// block has one Inline with Style Mono and the literal text.
	Inlines []Inline
	// Children are the items of a List, or the blocks of a ListItem or Quote.
	Children []*Block
	// Table is set for Kind Table.
	Table *TableData
	// Line is the 1-based source line where the block starts.
	Line int
	// Index is the position of the enclosing top-level block in Document.Blocks.
	Index int
	// Section is the index in Document.Sections of the section the block is in,
	// -1 before the first heading.
	Section int
}

// Align is a table column alignment.
type Align int

// Column alignments.
const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// TableData is a GFM table. Each cell is a run of inlines.
type TableData struct {
	Align  []Align
	Header [][]Inline
	Rows   [][][]Inline
}

// Inline is a run of text with one style. Text is never empty except for
// a hard line break, which is Text "\n".
type Inline struct {
	Text  string
	Style Style
	// Link is the destination when the run is inside a link (any scheme,
	// kept verbatim: the UI decides what may be opened).
	Link string
	// Cite is the index into Document.Citations when the run is inside a
	// cite: link, else -1.
	Cite int
}

// Citation is an in-text citation written as [text](cite:key1;key2).
type Citation struct {
	// Index is the position in Document.Citations.
	Index int
	// Text is the link text, the author's own words, e.g. "Stallknecht, 2017".
	Text string
	// Keys are the cited reference ids.
	Keys []string
	// Line and Col locate the link's text in the source (1-based; Col counts bytes).
	Line, Col int
	// Block is the index of the enclosing top-level block.
	Block int
	// Section is the enclosing section index, -1 before the first heading.
	Section int
}

// Link is a non-citation link.
type Link struct {
	Text string
	URL  string
	// Line and Col are where the link starts: its "[" (an image's "!", an
	// autolink's "<").
	Line, Col int
	Block     int
	// Auto marks an autolink (<https://…>), whose text is its address.
	Auto bool
}

// Section is a heading.
type Section struct {
	Title string
	Level int
	// ID is a URL-style slug, unique within the document.
	ID string
	// Block is the heading's index in Document.Blocks.
	Block int
	Line  int
}
