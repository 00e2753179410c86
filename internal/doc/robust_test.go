package doc

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
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
		strings.Repeat("> ", 32) + "x",                      // exactly at the nesting limit
		strings.Repeat("[", 1000),                           // exactly at the bracket limit
		strings.Repeat("- - - ", 1000),                      // a thematic break, not lists
		"```\n" + strings.Repeat("*a_[", 20000) + "\n```\n", // fenced code is not inline markup
		strings.Repeat("*a_\n\n", 3000),                     // many small paragraphs
		"|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 40000), // 80,002 cells
	}
	for _, src := range ok {
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("%.20q...: %v", src, err)
		}
	}
	bad := map[string]int{
		"intro\n\n" + strings.Repeat("> ", 33) + "x\n":           3,
		"a\n\n- " + strings.Repeat("1. ", 40):                    3,
		"+++\nt=1\n+++\n" + strings.Repeat("(", 1001):            4,
		"x\n" + strings.Repeat("*a_\n", 3000):                    2502,
		"x\n\n|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 60000): 3,
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

func TestPanicRecovered(t *testing.T) {
	saved := parseMarkdown
	defer func() { parseMarkdown = saved }()
	parseMarkdown = func([]byte) ast.Node { panic("boom") }
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
