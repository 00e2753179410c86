package tomllex

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// collect scans src and lists what the visitor saw: strings as
// "dotted.name=contents", comments as "#text" (with "alone" when alone)
// and the number of values.
func collect(src string) (strs, comments []string, values, deepest int) {
	Scan([]byte(src), &Visitor{
		Value: func(p Path) bool {
			values++
			deepest = max(deepest, p.Depth)
			return true
		},
		String: func(s Span, p Path) {
			var names []string
			for _, n := range p.Names() {
				names = append(names, src[n.Start:n.End])
			}
			strs = append(strs, strings.Join(names, ".")+"="+src[s.Start:s.End])
		},
		Comment: func(s Span, alone bool) {
			c := "#" + src[s.Start:s.End]
			if alone {
				c += " alone"
			}
			comments = append(comments, c)
		},
	})
	return strs, comments, values, deepest
}

func TestStringsAndTheirNames(t *testing.T) {
	src := `title = "T" # trailing
# alone
[[study]]
id = 'a'
"quoted.key" = "q"
lim = ["x", 'y', """m
l""", '''z''']
rob = { d1 = { level = "low" }, tool = "RoB 2" }
a.b = "dotted"
four = """a""""
five = '''b'''''
esc = "c\"d\\"
[study.population]
note = "n"   
x = [[ "deep" ], { k = "v" }]
`
	strs, comments, _, _ := collect(src)
	want := []string{
		`title=T`, `study.id=a`, `study."quoted.key"=q`,
		`study.lim.=x`, `study.lim.=y`, "study.lim.=m\nl", `study.lim.=z`,
		`study.rob.d1.level=low`, `study.rob.tool=RoB 2`, `study.a.b=dotted`,
		`study.four=a"`, `study.five=b''`, `study.esc=c\"d\\`,
		`study.population.note=n`, `study.population.x..=deep`, `study.population.x..k=v`,
	}
	if got := strings.Join(strs, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("strings:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if got := strings.Join(comments, "|"); got != "# trailing|# alone alone" {
		t.Errorf("comments: %s", got)
	}
}

// A comment or bracket inside any kind of string is text; a comment in an
// array is a comment.
func TestStringsHideStructure(t *testing.T) {
	src := "a = \"# [[{\"\nb = '''\n[[study]]\n# x\n'''\nc = [\n  # in\n  1, # after\n]\r\n"
	strs, comments, values, deepest := collect(src)
	if len(strs) != 2 || strings.Join(comments, "|") != "# in alone|# after" {
		t.Errorf("strings %q, comments %q", strs, comments)
	}
	if values != 4 || deepest != 2 {
		t.Errorf("values %d, deepest %d; want 4 and 2", values, deepest)
	}
}

// Invalid TOML is counted as nesting, bracket by bracket, even where no
// key names a level: "{{{{" recursed without the visitor seeing it, and
// 8 MiB of it overflowed the stack.
func TestInvalidNestingIsCounted(t *testing.T) {
	for _, src := range []string{
		"x = " + strings.Repeat("{", 20),
		"x = 1 " + strings.Repeat("{", 20),
		"x = " + strings.Repeat("[{", 10),
		"[a] " + strings.Repeat("{", 20),
		"x = {" + strings.Repeat("[", 20),
	} {
		deepest := 0
		Scan([]byte(src), &Visitor{Value: func(p Path) bool {
			deepest = max(deepest, p.Depth)
			return p.Depth <= 8
		}})
		if deepest != 9 {
			t.Errorf("%q: deepest level seen %d, want the scan stopped at 9", src, deepest)
		}
	}
}

// Scan's memory is linear in the nesting: a level costs one name on the
// stack, never a copy of the names above it.
func TestLinearInNesting(t *testing.T) {
	const n = 20000
	for _, src := range []string{
		"x = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n),
		"x = " + strings.Repeat("[{a=", n) + "'s'" + strings.Repeat("}]", n),
		"x = " + strings.Repeat("[", n) + strings.Repeat("]", n),
		strings.Repeat("a.", n) + "a = 1",
	} {
		strs := 0
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		Scan([]byte(src), &Visitor{
			Value: func(p Path) bool { return true },
			String: func(s Span, p Path) {
				strs++
				if len(p.Names()) != p.Depth {
					t.Errorf("%d names at depth %d", len(p.Names()), p.Depth)
				}
			},
		})
		runtime.ReadMemStats(&after)
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(64*len(src)); got > limit {
			t.Errorf("%.20q… (%d bytes): allocated %d bytes, over %d", src, len(src), got, limit)
		}
	}
}

func ExampleScan() {
	src := []byte("[[study]]\nconclusion = \"Short.\" # note\nrob = { d1 = { level = \"low\" } }\n")
	Scan(src, &Visitor{
		String: func(s Span, p Path) {
			var names []string
			for _, n := range p.Names() {
				names = append(names, string(src[n.Start:n.End]))
			}
			fmt.Printf("%s = %q at depth %d\n", strings.Join(names, "."), src[s.Start:s.End], p.Depth)
		},
	})
	// Output:
	// study.conclusion = "Short." at depth 2
	// study.rob.d1.level = "low" at depth 4
}

// FuzzScan: on any input Scan ends without a panic, every span lies
// inside the input, in order, and every path has as many names as levels.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"a = 1", "[a.b]\nc = {d = [1, {e = 'x'}]}", "x = \"\"\"a\"\"\"\"", "x = '''\n", `x = "a\`, "# c\r\n", "x = {{[", "[[a]] # c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		last := 0
		in := func(s Span) {
			if s.Start < 0 || s.End > len(src) || s.Start > s.End || s.Start < last {
				t.Fatalf("span %v out of range or order (len %d, last %d)", s, len(src), last)
			}
			last = s.Start
		}
		Scan(src, &Visitor{
			Value: func(p Path) bool {
				if len(p.Names()) != p.Depth {
					t.Fatalf("%d names at depth %d", len(p.Names()), p.Depth)
				}
				return p.Depth < 50
			},
			String:  func(s Span, p Path) { in(s) },
			Comment: func(s Span, alone bool) { in(s) },
		})
	})
}
