package doc

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// dump renders a Document compactly for golden files and failure messages.
func dump(d *Document) string {
	var sb strings.Builder
	var blk func(b *Block, ind string)
	blk = func(b *Block, ind string) {
		fmt.Fprintf(&sb, "%s%s line=%d index=%d section=%d", ind,
			[]string{"Paragraph", "Heading", "List", "ListItem", "Quote", "Code", "Table", "Rule"}[b.Kind], b.Line, b.Index, b.Section)
		if b.Kind == Heading {
			fmt.Fprintf(&sb, " level=%d", b.Level)
		}
		if b.Kind == List {
			fmt.Fprintf(&sb, " ordered=%v start=%d", b.Ordered, b.Start)
		}
		sb.WriteString("\n")
		if len(b.Inlines) > 0 {
			fmt.Fprintf(&sb, "%s  %s\n", ind, runs(b.Inlines))
		}
		if t := b.Table; t != nil {
			fmt.Fprintf(&sb, "%s  align=%v\n", ind, t.Align)
			for _, c := range t.Header {
				fmt.Fprintf(&sb, "%s  th %s\n", ind, runs(c))
			}
			for _, r := range t.Rows {
				for _, c := range r {
					fmt.Fprintf(&sb, "%s  td %s\n", ind, runs(c))
				}
				fmt.Fprintf(&sb, "%s  --\n", ind)
			}
		}
		for _, c := range b.Children {
			blk(c, ind+"  ")
		}
	}
	for _, b := range d.Blocks {
		blk(b, "")
	}
	for _, s := range d.Sections {
		fmt.Fprintf(&sb, "section %+v\n", s)
	}
	for _, c := range d.Citations {
		fmt.Fprintf(&sb, "citation %+v\n", *c)
	}
	for _, l := range d.Links {
		fmt.Fprintf(&sb, "link %+v\n", *l)
	}
	if d.Front != nil {
		fmt.Fprintf(&sb, "front line=%d %q\n", d.FrontLine, d.Front)
	}
	return sb.String()
}

func runs(in []Inline) string {
	var parts []string
	for _, r := range in {
		s := fmt.Sprintf("%q", r.Text)
		if r.Style != 0 {
			s += fmt.Sprintf("/%d", r.Style)
		}
		if r.Link != "" {
			s += " ->" + r.Link
		}
		if r.Cite >= 0 {
			s += fmt.Sprintf(" cite%d", r.Cite)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " | ")
}

func mustParse(t *testing.T, src string) *Document {
	t.Helper()
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return d
}

// TestGolden parses testdata/*.md and compares the dump with *.golden
// (go test -run TestGolden -update rewrites them; review the diff).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no testdata/*.md")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := mustParse(t, string(src))
		got := dump(d)
		golden := strings.TrimSuffix(f, ".md") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s: dump differs from %s:\n%s", f, golden, got)
		}
	}
}

func TestInlines(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Inline
	}{
		{"plain", "hello world", []Inline{{Text: "hello world", Cite: -1}}},
		{"emphasis", "a *b* **c** ***d***", []Inline{
			{Text: "a ", Cite: -1}, {Text: "b", Style: Emph, Cite: -1}, {Text: " ", Cite: -1},
			{Text: "c", Style: Strong, Cite: -1}, {Text: " ", Cite: -1}, {Text: "d", Style: Emph | Strong, Cite: -1}}},
		{"code span", "x `a  *b*` y", []Inline{
			{Text: "x ", Cite: -1}, {Text: "a  *b*", Style: Mono, Cite: -1}, {Text: " y", Cite: -1}}},
		{"strikethrough", "~~gone~~ kept", []Inline{{Text: "gone", Style: Strike, Cite: -1}, {Text: " kept", Cite: -1}}},
		{"soft break is a space", "one\ntwo", []Inline{{Text: "one two", Cite: -1}}},
		{"hard break spaces", "one  \ntwo", []Inline{{Text: "one", Cite: -1}, {Text: "\n", Cite: -1}, {Text: "two", Cite: -1}}},
		{"hard break backslash", "one\\\ntwo", []Inline{{Text: "one", Cite: -1}, {Text: "\n", Cite: -1}, {Text: "two", Cite: -1}}},
		{"entities", "&amp; &copy; &#35; &#x22; &bogus; \\&amp;", []Inline{{Text: "& © # \" &bogus; &amp;", Cite: -1}}},
		{"escapes", `\*not emph\* \[x\]`, []Inline{{Text: "*not emph* [x]", Cite: -1}}},
		{"raw html is literal", "a <b onclick=\"x()\">bold</b>", []Inline{{Text: "a <b onclick=\"x()\">bold</b>", Cite: -1}}},
		{"link", "see [the *site*](https://example.org/a?b=1&amp;c) now", []Inline{
			{Text: "see ", Cite: -1}, {Text: "the ", Link: "https://example.org/a?b=1&c", Cite: -1},
			{Text: "site", Style: Emph, Link: "https://example.org/a?b=1&c", Cite: -1}, {Text: " now", Cite: -1}}},
		{"autolink", "<https://x.org/p>", []Inline{{Text: "https://x.org/p", Link: "https://x.org/p", Cite: -1}}},
		{"email autolink", "<me@x.org>", []Inline{{Text: "me@x.org", Link: "mailto:me@x.org", Cite: -1}}},
		{"image alt is plain text", "![a *chart*](c.png \"t\")", []Inline{{Text: "a chart", Link: "c.png", Cite: -1}}},
		{"citation", "as [Stallknecht, 2017](cite:stallknecht2007) said", []Inline{
			{Text: "as ", Cite: -1}, {Text: "Stallknecht, 2017", Cite: 0}, {Text: " said", Cite: -1}}},
		{"adjacent links stay apart", "[a](u)[b](u)", []Inline{{Text: "ab", Link: "u", Cite: -1}}},
		{"code span keeps its trailing space", "x `a `", []Inline{{Text: "x ", Cite: -1}, {Text: "a ", Style: Mono, Cite: -1}}},
		{"soft break after emphasis", "*a*\nb\n", []Inline{{Text: "a", Style: Emph, Cite: -1}, {Text: " b", Cite: -1}}},
		{"NUL", "a\x00b", []Inline{{Text: "a\uFFFDb", Cite: -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.src)
			if len(d.Blocks) != 1 || d.Blocks[0].Kind != Paragraph {
				t.Fatalf("want one paragraph, got:\n%s", dump(d))
			}
			if got := d.Blocks[0].Inlines; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("inlines\n got %s\nwant %s", runs(got), runs(tt.want))
			}
		})
	}
}

func TestCitations(t *testing.T) {
	src := "# Intro\n\nFirst [Stallknecht, 2017](cite:stallknecht2007).\n\n" +
		"## Evidence\n\n- item with [(A, 2001; B, 2002)](cite:a2001;b2002) and\n  [*C* et al.](<cite: c1 , c2 ;c3>)\n\n" +
		"Empty [nobody](cite:) and a [normal](https://x.org) link.\n"
	d := mustParse(t, src)
	want := []Citation{
		{Index: 0, Text: "Stallknecht, 2017", Keys: []string{"stallknecht2007"}, Line: 3, Col: 8, Block: 1, Section: 0},
		{Index: 1, Text: "(A, 2001; B, 2002)", Keys: []string{"a2001", "b2002"}, Line: 7, Col: 14, Block: 3, Section: 1},
		{Index: 2, Text: "C et al.", Keys: []string{"c1", "c2", "c3"}, Line: 8, Col: 4, Block: 3, Section: 1},
		{Index: 3, Text: "nobody", Keys: nil, Line: 10, Col: 8, Block: 4, Section: 1},
	}
	if len(d.Citations) != len(want) {
		t.Fatalf("got %d citations, want %d:\n%s", len(d.Citations), len(want), dump(d))
	}
	for i, c := range d.Citations {
		if !reflect.DeepEqual(*c, want[i]) {
			t.Errorf("citation %d\n got %+v\nwant %+v", i, *c, want[i])
		}
	}
	// The source at Line/Col is the start of the link text.
	lines := strings.Split(src, "\n")
	for i, at := range []string{"Stallknecht, 2017]", "(A, 2001;", "*C* et al.]", "nobody]"} {
		c := d.Citations[i]
		if got := lines[c.Line-1][c.Col-1:]; !strings.HasPrefix(got, at) {
			t.Errorf("citation %d at %d:%d points at %q, want %q", i, c.Line, c.Col, got, at)
		}
	}
	// Runs inside citation 2 carry its index, including the emphasised one.
	item := d.Blocks[3].Children[0].Children[0]
	var cited []string
	for _, r := range item.Inlines {
		if r.Cite == 2 {
			cited = append(cited, r.Text)
			if r.Link != "" {
				t.Errorf("citation run %q has Link %q", r.Text, r.Link)
			}
		}
	}
	if strings.Join(cited, "") != "C et al." {
		t.Errorf("runs of citation 2 = %q", cited)
	}
	if len(d.Links) != 1 || d.Links[0].URL != "https://x.org" || d.Links[0].Text != "normal" || d.Links[0].Line != 10 || d.Links[0].Col != 29 || d.Links[0].Block != 4 {
		t.Errorf("links = %+v", d.Links)
	}
}

func TestSectionsAndLines(t *testing.T) {
	src := "intro\n\n# Results & *Data*\n\ntext\n\nSetext\n------\n\n> quoted\n\n# Results & Data\n\n## Results: data!\n\n#\n"
	d := mustParse(t, src)
	want := []Section{
		{Title: "Results & Data", Level: 1, ID: "results-data", Block: 1, Line: 3},
		{Title: "Setext", Level: 2, ID: "setext", Block: 3, Line: 7},
		{Title: "Results & Data", Level: 1, ID: "results-data-2", Block: 5, Line: 12},
		{Title: "Results: data!", Level: 2, ID: "results-data-3", Block: 6, Line: 14},
		{Title: "", Level: 1, ID: "section", Block: 7, Line: 16},
	}
	if !reflect.DeepEqual(d.Sections, want) {
		t.Errorf("sections\n got %+v\nwant %+v", d.Sections, want)
	}
	type pos struct{ line, index, section int }
	var got []pos
	for _, b := range d.Blocks {
		got = append(got, pos{b.Line, b.Index, b.Section})
	}
	wantPos := []pos{{1, 0, -1}, {3, 1, 0}, {5, 2, 0}, {7, 3, 1}, {10, 4, 1}, {12, 5, 2}, {14, 6, 3}, {16, 7, 4}}
	if !reflect.DeepEqual(got, wantPos) {
		t.Errorf("block positions\n got %v\nwant %v", got, wantPos)
	}
	q := d.Blocks[4].Children[0]
	if q.Line != 10 || q.Index != 4 || q.Section != 1 {
		t.Errorf("quoted paragraph = line %d index %d section %d", q.Line, q.Index, q.Section)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Hello World":            "hello-world",
		"  What's new?  ":        "whats-new",
		"A -- B":                 "a-b",
		"Étude №5":               "étude-5",
		"!!!":                    "",
		"Study_2017 (n=12)":      "study-2017-n-12",
		"Ünïcödé and ASCII, 100": "ünïcödé-and-ascii-100",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	src := "+++\ntitle = \"T\"\nyear = 2024\n+++\n# Head\n\npara [x](cite:k)\n"
	d := mustParse(t, src)
	if string(d.Front) != "title = \"T\"\nyear = 2024\n" || d.FrontLine != 2 {
		t.Errorf("front = %q line %d", d.Front, d.FrontLine)
	}
	if len(d.Blocks) != 2 || d.Blocks[0].Line != 5 || d.Blocks[1].Line != 7 {
		t.Fatalf("blocks not numbered from the whole file:\n%s", dump(d))
	}
	if c := d.Citations[0]; c.Line != 7 || c.Col != 7 {
		t.Errorf("citation at %d:%d, want 7:7", c.Line, c.Col)
	}
	if s := d.Sections[0]; s.Line != 5 || s.Title != "Head" {
		t.Errorf("section %+v", s)
	}

	// CRLF and an empty body.
	d = mustParse(t, "+++\r\n+++\r\ntext\r\n")
	if len(d.Front) != 0 || d.Front == nil || d.FrontLine != 2 || d.Blocks[0].Line != 3 || d.Text() != "text" {
		t.Errorf("CRLF front matter: front %q line %d\n%s", d.Front, d.FrontLine, dump(d))
	}

	// No front matter: +++ not on the first line, or not alone on it.
	for _, src := range []string{"text\n+++\n", "+++ x\n", " +++\n+++\n"} {
		d := mustParse(t, src)
		if d.Front != nil || d.FrontLine != 0 {
			t.Errorf("%q: unexpected front matter %q", src, d.Front)
		}
	}

	for _, src := range []string{"+++\ntitle = 1\n", "+++", "+++\n++++\n"} {
		_, err := Parse([]byte(src))
		var pe *Error
		if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(pe.Error(), "never closed") {
			t.Errorf("%q: err = %v, want unclosed front matter *Error at line 1", src, err)
		}
	}
}

// TestCrashers are inputs that once crashed goldmark or trip its edge cases.
func TestCrashers(t *testing.T) {
	for _, src := range []string{"*\n\t* \t~", "> \t`", "\x00", "\xff\xfe[a](cite:\xff)", "-\t\x00", "|a|\n|-|\n|\x00|", "[](cite:x)", "![](cite:x)", "***\n"} {
		d, err := Parse([]byte(src))
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Errorf("%q: error %v is not an *Error", src, err)
			}
			continue
		}
		checkDoc(t, d)
	}
}

func TestBlocks(t *testing.T) {
	src := "- a\n- b\n  1. c\n  2. d\n\n7) x\n\n> q\n> > n\n\n```go\nx := 1\n\n```\n\n    ind\n\n***\n\n<div>\n*raw*\n</div>\n\n[ref]: /r\n"
	d := mustParse(t, src)
	kinds := []BlockKind{}
	for _, b := range d.Blocks {
		kinds = append(kinds, b.Kind)
	}
	if !reflect.DeepEqual(kinds, []BlockKind{List, List, Quote, Code, Code, Rule, Code}) {
		t.Fatalf("kinds %v\n%s", kinds, dump(d))
	}
	l := d.Blocks[0]
	if l.Ordered || len(l.Children) != 2 || l.Children[1].Children[1].Kind != List || !l.Children[1].Children[1].Ordered ||
		l.Children[1].Children[1].Start != 1 || l.Children[1].Children[1].Children[1].Line != 4 {
		t.Errorf("nested list wrong:\n%s", dump(d))
	}
	if o := d.Blocks[1]; !o.Ordered || o.Start != 7 {
		t.Errorf("ordered list start %d", o.Start)
	}
	if q := d.Blocks[2]; len(q.Children) != 2 || q.Children[1].Kind != Quote || q.Children[1].PlainText() != "n" || q.PlainText() != "q\nn" {
		t.Errorf("nested quote wrong:\n%s", dump(d))
	}
	if c := d.Blocks[3]; !reflect.DeepEqual(c.Inlines, []Inline{{Text: "x := 1", Style: Mono, Cite: -1}}) || c.Line != 11 {
		t.Errorf("fenced code %+v line %d", c.Inlines, c.Line)
	}
	if c := d.Blocks[4]; c.PlainText() != "ind" || c.Line != 16 {
		t.Errorf("indented code %q line %d", c.PlainText(), c.Line)
	}
	if h := d.Blocks[6]; h.PlainText() != "<div>\n*raw*\n</div>" || h.Line != 20 {
		t.Errorf("html block %q line %d", h.PlainText(), h.Line)
	}
	if want := "a\nb\nc\nd\nx\nq\nn\nx := 1\nind\n<div>\n*raw*\n</div>"; d.Text() != want {
		t.Errorf("Text() = %q, want %q", d.Text(), want)
	}
}

func TestTable(t *testing.T) {
	d := mustParse(t, "| a | *b* | c | d |\n|:--|:-:|--:|---|\n| [l](u) | `x` | ~~s~~ | |\n| 1 |\n")
	tb := d.Blocks[0].Table
	if d.Blocks[0].Kind != Table || tb == nil {
		t.Fatalf("no table:\n%s", dump(d))
	}
	if !reflect.DeepEqual(tb.Align, []Align{AlignLeft, AlignCenter, AlignRight, AlignNone}) {
		t.Errorf("align %v", tb.Align)
	}
	if len(tb.Header) != 4 || runs(tb.Header[1]) != `"b"/1` {
		t.Errorf("header %v", tb.Header)
	}
	if len(tb.Rows) != 2 || runs(tb.Rows[0][0]) != `"l" ->u` || runs(tb.Rows[0][1]) != `"x"/4` ||
		runs(tb.Rows[0][2]) != `"s"/8` || len(tb.Rows[0][3]) != 0 {
		t.Errorf("rows:\n%s", dump(d))
	}
	if got := d.Blocks[0].PlainText(); got != "a\tb\tc\td\nl\tx\ts\t\n1\t\t\t" && got != "a\tb\tc\td\nl\tx\ts\t\n1" {
		t.Errorf("table PlainText %q", got)
	}
	if len(d.Links) != 1 || d.Links[0].Line != 3 || d.Links[0].Col != 3 {
		t.Errorf("table link %+v", d.Links)
	}
}

func TestImageLink(t *testing.T) {
	d := mustParse(t, "x ![alt](pic.png)\n")
	// A link is where its "!" or "[" is, which check's warnings name.
	if len(d.Links) != 1 || *d.Links[0] != (Link{Text: "alt", URL: "pic.png", Line: 1, Col: 3, Block: 0}) {
		t.Errorf("image link %+v", d.Links)
	}
}

// checkDoc asserts the invariants every parsed Document must satisfy.
func checkDoc(t testing.TB, d *Document) {
	t.Helper()
	var walk func(b *Block, top int)
	checkRuns := func(in []Inline) {
		for _, r := range in {
			if r.Text == "" {
				t.Errorf("empty inline run %+v", r)
			}
			if r.Cite < -1 || r.Cite >= len(d.Citations) {
				t.Errorf("run %q cites %d of %d", r.Text, r.Cite, len(d.Citations))
			}
		}
	}
	walk = func(b *Block, top int) {
		if b.Index != top {
			t.Errorf("block index %d inside top-level block %d", b.Index, top)
		}
		if b.Section < -1 || b.Section >= len(d.Sections) {
			t.Errorf("block section %d of %d", b.Section, len(d.Sections))
		}
		if b.Line < 1 {
			t.Errorf("block line %d", b.Line)
		}
		checkRuns(b.Inlines)
		if b.Table != nil {
			for _, c := range b.Table.Header {
				checkRuns(c)
			}
			for _, r := range b.Table.Rows {
				for _, c := range r {
					checkRuns(c)
				}
			}
		}
		for _, c := range b.Children {
			walk(c, top)
		}
	}
	for i, b := range d.Blocks {
		walk(b, i)
	}
	for i, s := range d.Sections {
		if s.Block < 0 || s.Block >= len(d.Blocks) || s.ID == "" {
			t.Errorf("section %d: %+v", i, s)
		}
	}
	for i, c := range d.Citations {
		if c.Index != i || c.Block < 0 || c.Block >= len(d.Blocks) || c.Section < -1 || c.Section >= len(d.Sections) || c.Line < 1 || c.Col < 1 {
			t.Errorf("citation %d: %+v", i, *c)
		}
	}
	for _, l := range d.Links {
		if l.Block < 0 || l.Block >= len(d.Blocks) || l.Line < 1 || l.Col < 1 {
			t.Errorf("link %+v", *l)
		}
	}
}
