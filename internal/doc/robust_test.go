package doc

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// pathological are inputs on which goldmark v1.8.7 is quadratic or worse.
var pathological = map[string]string{
	"list markers":      strings.Repeat("- ", 32000),
	"emphasis":          strings.Repeat("*a_", 32000),
	"link destinations": strings.Repeat("[a](<b", 32000),
	"nested brackets":   strings.Repeat("[", 50000),
	"nested quotes":     strings.Repeat("> ", 32000),
	"emphasis lines":    strings.Repeat("*a_\n", 32000),
	"destination lines": strings.Repeat("[a](<b\n", 32000),
	"bracket lines":     strings.Repeat("[\n", 50000),
	"nested lists":      strings.Repeat("* ", 32000) + "x",
	"ordered lists":     strings.Repeat("1. ", 20000) + "x",
	"reference defs":    strings.Repeat("[a]: b\n", 32000),
	"shortcut refs":     strings.Repeat("[a]", 32000),
	"padded table":      "a\n" + strings.Repeat("-|", 16000) + "\n" + strings.Repeat("a|\n", 16000),
	"long table":        strings.Repeat("|a", 64) + "\n" + strings.Repeat("-|", 64) + "\n" + strings.Repeat(strings.Repeat("a|", 64)+"\n", 20000),
	// Each new empty heading counted its id up from "section-2": 20,000
	// took over 10 s.
	"empty headings": strings.Repeat("#\n", 20000),
	// Whole-file limits: each block and marker costs memory.
	"many paragraphs": strings.Repeat("a\n\n", 200000),
	"many markers":    strings.Repeat(strings.Repeat("*a ", 2000)+"\n\n", 100),
	// goldmark keeps about a kilobyte for every line of a paragraph: 4 MiB
	// of "a\n" took 1.5 s and 1 GB, and paragraphs of 40 such lines 1 s and
	// 760 MB for 1.6 million lines.
	"long paragraph": strings.Repeat("a\n", 2000000),
	"many lines":     strings.Repeat(strings.Repeat("a\n", 40)+"\n", 50000),
}

// TestLineLimitsBoundMemory: the line limits refuse the long paragraphs
// before goldmark keeps a kilobyte for each line.
func TestLineLimitsBoundMemory(t *testing.T) {
	for _, name := range []string{"long paragraph", "many lines"} {
		src := []byte(pathological[name])
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := ParseWithin(src, 5*time.Second)
		runtime.ReadMemStats(&after)
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "lines") {
			t.Errorf("%s: err %v, want a refusal for its lines", name, err)
		}
		// The screen itself allocates almost nothing.
		if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
			t.Errorf("%s (%d bytes): allocated %d MB", name, len(src), n>>20)
		}
	}
}

// TestPathologicalBudget: every pathological input is parsed or refused
// quickly (measured: all within a few ms, because the pre-screen refuses
// them; the budget is generous for slow CI machines).
func TestPathologicalBudget(t *testing.T) {
	for name, src := range pathological {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			d, err := ParseWithin([]byte(src), 5*time.Second)
			took := time.Since(start)
			if took > 5*time.Second {
				t.Errorf("took %v", took)
			}
			var pe *Error
			switch {
			case err == nil:
				checkDoc(t, d)
			case !errors.As(err, &pe):
				t.Errorf("error %v is not an *Error", err)
			case strings.Contains(pe.Msg, "took longer"):
				t.Errorf("hit the deadline instead of being screened: %v", err)
			case pe.Line < 1:
				t.Errorf("refusal names no line: %v", err)
			}
			t.Logf("%v: %v", took, err)
		})
	}
}

func TestScreenLimits(t *testing.T) {
	ok := []string{
		strings.Repeat("> ", 32) + "x",                              // exactly at the nesting limit
		strings.Repeat("[", 1000),                                   // exactly at the bracket limit
		strings.Repeat("- - - ", 1000),                              // a thematic break, not lists
		"```\n" + strings.Repeat("*a_[", 20000) + "\n```\n",         // fenced code is not inline markup
		strings.Repeat("*a_\n\n", 3000),                             // many small paragraphs
		"|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 40000),         // 80,002 cells
		strings.Repeat("a\n\n", maxBlocks),                          // exactly at the block limit
		strings.Repeat("\n", 300000),                                // blank lines are no blocks
		strings.Repeat("a\n", maxParagraphLines),                    // exactly at the paragraph's line limit
		strings.Repeat(strings.Repeat("a\n", 40)+"\n", maxLines/40), // and at the file's
		strings.Repeat(strings.Repeat("*a ", 2000)+"\n\n", maxMarkup/2000),
		// Code is neither blocks nor markup: with them, 150,000 markers
		// and 100,000 blocks; the file is just at the line limit.
		strings.Repeat("a\n\n", 50000) + "```\n" + strings.Repeat("- *a_[\n", maxLines-50002) + "```\n",
		"- a\n" + strings.Repeat("  b\n", maxParagraphLines-1) + "- c\n" + strings.Repeat("d\n", maxParagraphLines-1), // each item's paragraph at the limit
	}
	for _, src := range ok {
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("%.20q...: %v", src, err)
		}
	}
	bad := map[string]int{
		"intro\n\n" + strings.Repeat("> ", 33) + "x\n":                3,
		"a\n\n- " + strings.Repeat("1. ", 40):                         3,
		"+++\nt=1\n+++\n" + strings.Repeat("(", 1001):                 4,
		"x\n" + strings.Repeat("*a_\n", 3000):                         2502,
		"x\n\n|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 60000):      3,
		strings.Repeat("a\n\n", maxBlocks+1):                          2*maxBlocks + 1,
		strings.Repeat("# h\n", maxBlocks+1):                          maxBlocks + 1,
		strings.Repeat("- a\n", maxBlocks+1):                          maxBlocks, // the first item and its paragraph count 2
		strings.Repeat(strings.Repeat("*a ", 2000)+"\n\n", 51):        101,
		"x\n\n" + strings.Repeat("a\n", maxParagraphLines+1):          3,
		"x\n\n- a\n" + strings.Repeat("  b\n", maxParagraphLines):     3, // a list item's paragraph
		strings.Repeat(strings.Repeat("a\n", 40)+"\n", maxLines/40+1): maxLines/40*41 + 1,
		"```\n" + strings.Repeat("a\n", maxLines) + "```\n":           maxLines + 1, // code's lines count too
	}
	for src, line := range bad {
		_, err := Parse([]byte(src))
		var pe *Error
		if !errors.As(err, &pe) || pe.Line != line {
			t.Errorf("%.20q...: err %v, want an *Error at line %d", src, err, line)
		}
	}
}

func TestParseWithinTimeout(t *testing.T) {
	src := genArticle(1 << 20)
	_, err := ParseWithin(src, time.Microsecond)
	var pe *Error
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "took longer than 1µs") {
		t.Fatalf("err = %v, want a deadline *Error", err)
	}
	d, err := ParseWithin(src, time.Minute)
	if err != nil || len(d.Blocks) == 0 {
		t.Fatalf("ParseWithin(1 MB, 1m) = %v", err)
	}
}

// TestDeadlineNamesTheSlowBlock: a parse that runs out of time is refused
// at the start of the block goldmark was on, not at 1:1. The file opens
// with 100 lines of quick prose, then paragraphs each just inside the
// pre-screen's limits but slow for goldmark (about 20 ms each).
func TestDeadlineNamesTheSlowBlock(t *testing.T) {
	var sb strings.Builder
	for range 50 {
		sb.WriteString("Plain prose.\n\n")
	}
	first := 101
	slow := map[int]bool{}
	for i := range 45 {
		slow[first+2*i] = true
		sb.WriteString(strings.Repeat("*a ", 2000) + "\n\n")
	}
	src := []byte(sb.String())
	located := false
	// The parse takes 20-150 ms; the deadline must pass while it is in the
	// slow paragraphs, so shorter ones are tried first.
	for _, d := range []time.Duration{1, 2, 5, 10, 20, 50, 100, 200} {
		d *= time.Millisecond
		_, err := ParseWithin(src, d)
		if err == nil {
			continue // this machine parsed it all in time
		}
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "took longer") {
			t.Fatalf("err = %v, want a deadline *Error", err)
		}
		if pe.Line < first {
			continue // the deadline passed before the parse reached the slow part
		}
		if !slow[pe.Line] || pe.Col != 1 {
			t.Fatalf("deadline error at %d:%d, want the start of a slow paragraph (line %d or later, odd): %v", pe.Line, pe.Col, first, err)
		}
		t.Logf("deadline %v: %v", d, err)
		located = true
		break
	}
	if !located {
		t.Fatal("no deadline error was located at a slow paragraph")
	}
}

// TestStoppedParseEnds: the parse ParseWithin abandons stops at its next
// line or markup character instead of running on in the background.
func TestStoppedParseEnds(t *testing.T) {
	for name, src := range map[string]string{
		"markup": strings.Repeat("*a [b] ", 1000),
		"lines":  strings.Repeat("a\n\n", 1000),
	} {
		prog := &progress{}
		prog.stop.Store(true)
		d, err := parse([]byte(src), prog)
		if err == nil || d != nil {
			t.Errorf("%s: a stopped parse returned %v, %v; want it refused", name, d, err)
		}
		if d, err := parse([]byte(src), &progress{}); err != nil || len(d.Blocks) == 0 {
			t.Errorf("%s: a watched parse that is not stopped failed: %v", name, err)
		}
	}
}

func TestSectionIDs(t *testing.T) {
	d, err := Parse([]byte("# a\n# a\n# a-2\n# a\n#\n#\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Sections {
		got = append(got, s.ID)
	}
	if want := "a a-2 a-2-2 a-3 section section-2"; strings.Join(got, " ") != want {
		t.Errorf("ids %q, want %q", strings.Join(got, " "), want)
	}
}

func TestPanicRecovered(t *testing.T) {
	saved := parseMarkdown
	defer func() { parseMarkdown = saved }()
	parseMarkdown = func([]byte, *progress) ast.Node { panic("boom") }
	_, err := Parse([]byte("text"))
	var pe *Error
	if !errors.As(err, &pe) || pe.Msg != "markdown parser failed: boom" {
		t.Fatalf("err = %v", err)
	}
}

// genArticle makes a realistic article of at least n bytes: headings,
// paragraphs with citations and links, lists, a quote and a table.
func genArticle(n int) []byte {
	var sb strings.Builder
	sb.WriteString("+++\ntitle = \"Generated\"\n+++\n")
	for i := 0; sb.Len() < n; i++ {
		fmt.Fprintf(&sb, "## Part %d: what the studies measured\n\n", i)
		fmt.Fprintf(&sb, "Researchers compared *two training plans* over twelve weeks "+
			"[(Author%d, 2017; Other, 2011)](cite:a%d;b%d) and found **no difference** between "+
			"groups in the `primary` outcome. See [the summary](https://example.org/s/%d) and "+
			"<https://example.org/raw/%d> for details &amp; caveats.\n"+
			"A second line continues the paragraph with ~~an old claim~~ a corrected one.\n\n", i, i, i, i, i)
		sb.WriteString("- sample sizes were small\n- diets were not controlled\n  1. in most trials\n  2. in some\n\n")
		fmt.Fprintf(&sb, "> Short studies can miss slow effects [Reviewer, 2020](cite:r%d).\n\n", i)
		sb.WriteString("| Study | Weeks | Result |\n|:--|:-:|--:|\n| A | 12 | null |\n| B | 8 | *small* |\n\n")
	}
	return []byte(sb.String())
}

func benchParse(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseArticle10KB(b *testing.B) { benchParse(b, genArticle(10<<10)) }
func BenchmarkParseArticle1MB(b *testing.B)  { benchParse(b, genArticle(1<<20)) }

func FuzzParse(f *testing.F) {
	if raw, err := os.ReadFile("testdata/spec.json"); err == nil {
		var ex []specExample
		if json.Unmarshal(raw, &ex) == nil {
			for _, e := range ex {
				f.Add([]byte(e.Markdown))
			}
		}
	}
	for _, s := range []string{"*\n\t* \t~", "> \t`", "+++\nx=1\n+++\n# h\n[a](cite:k;j)", "[x](cite:)", "|a|b|\n|-|:-:|\n|[c](cite:z)|d|"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// The pre-screen must keep every input well inside the deadline.
		d, err := ParseWithin(src, 3*time.Second)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if strings.Contains(pe.Msg, "took longer") {
				t.Fatalf("%d-byte input hit the deadline: %v", len(src), err)
			}
			return
		}
		checkDoc(t, d)
		// Inline text is valid UTF-8 whenever the input is.
		if utf8.Valid(src) && !utf8.ValidString(d.Text()) {
			t.Errorf("Text() is not valid UTF-8: %q", d.Text())
		}
	})
}
