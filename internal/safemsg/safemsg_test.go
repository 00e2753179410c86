package safemsg

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

func rules(t *testing.T) *Rules {
	t.Helper()
	rs := For("en")
	if rs == nil {
		t.Fatal(`For("en") = nil`)
	}
	return rs
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %d:%d [%s] %s\n", f.Line, f.Col, f.Rule, f.Message)
	}
	return b.String()
}

func TestFor(t *testing.T) {
	for _, tag := range []string{"en", "EN", "en-GB", "en_US", " en-Latn-US "} {
		if For(tag) == nil {
			t.Errorf("For(%q) = nil, want the English rules", tag)
		}
	}
	for _, tag := range []string{"", "de", "fr-CA", "eng"} {
		if For(tag) != nil {
			t.Errorf("For(%q) has rules; want none", tag)
		}
	}
	if got := strings.Join(Languages(), ","); got != "en" {
		t.Errorf("Languages() = %s", got)
	}
}

// Every rule's own examples: the breaking sentence fires that rule (and
// only it), the near miss is quiet, in Markdown and in a TOML string.
func TestRuleExamples(t *testing.T) {
	rs := rules(t)
	if len(rs.List()) != 6 {
		t.Fatalf("%d rules", len(rs.List()))
	}
	for _, r := range rs.List() {
		if r.Breaks == "" || r.Passes == "" || r.Problem == "" || r.Instead == "" {
			t.Errorf("%s: incomplete table row %+v", r.ID, r)
			continue
		}
		md := rs.Markdown([]byte("# Guidance\n\n" + r.Breaks + "\n"))
		if len(md) != 1 || md[0].Rule != r.ID || md[0].Line != 3 {
			t.Errorf("%s: Markdown(%q) =\n%s want one %s finding on line 3", r.ID, r.Breaks, dump(md), r.ID)
		}
		if md := rs.Markdown([]byte(r.Passes)); len(md) != 0 {
			t.Errorf("%s: near miss %q fired:\n%s", r.ID, r.Passes, dump(md))
		}
		toml := rs.TOML([]byte("[[study]]\nconclusion = \""+r.Breaks+"\"\n"), []string{"study.conclusion"})
		if len(toml) != 1 || toml[0].Rule != r.ID || toml[0].Line != 2 || toml[0].Col < 15 {
			t.Errorf("%s: TOML = \n%s", r.ID, dump(toml))
		}
		if toml := rs.TOML([]byte("[[study]]\nconclusion = \""+r.Passes+"\"\n"), []string{"study.conclusion"}); len(toml) != 0 {
			t.Errorf("%s: TOML near miss fired:\n%s", r.ID, dump(toml))
		}
	}
}

func TestRules(t *testing.T) {
	rs := rules(t)
	cases := []struct {
		text string
		// rule is the rule that must fire, "" for none; quote its words.
		rule, quote string
	}{
		// weight-target
		{"Aim to lose 2 kg in a month.", "weight-target", "lose 2 kg"},
		{"You could shed up to five pounds.", "weight-target", "shed up to five pounds"},
		{"Drop a dress size by summer.", "weight-target", "Drop a dress size"},
		{"Write down your goal weight.", "weight-target", "goal weight"},
		{"Set a weight-loss target.", "weight-target", "weight-loss target"},
		{"Lose belly fat fast with this move.", "weight-target", "Lose belly fat fast"},
		{"Try to lose 5% body fat.", "weight-target", "lose 5%"},
		{"The group lost weight.", "", ""},
		{"Avoid setting a goal weight.", "", ""},
		// body-weight
		{"She weighed 60kg at the start.", "body-weight", "60kg"},
		{"At 11 stone he felt heavy.", "body-weight", "11 stone"},
		{"A BMI of 30 or more.", "body-weight", "BMI of 30"},
		{"She wears dress size 12.", "body-weight", "dress size 12"},
		{"Her 80 cm waist.", "body-weight", "80 cm waist"},
		{"Fat was weighed on a scale.", "", ""},
		{"The first stone of the building.", "", ""},
		// calories
		{"Eat 1,500 kcal a day.", "calories", "1,500 kcal"},
		{"A 500-calorie snack.", "calories", "500-calorie"},
		{"Start counting calories.", "calories", "counting calories"},
		{"Keep a calorie deficit.", "calories", "calorie deficit"},
		{"Try cutting calories.", "calories", "cutting calories"},
		{"Rather than counting calories, eat regular meals.", "", ""},
		{"Exercise burns calories all over the body.", "", ""},
		// body-part-label
		{"target your problem areas", "body-part-label", "problem areas"},
		{"Every woman has trouble spots.", "body-part-label", "trouble spots"},
		{"Melt that stubborn fat.", "body-part-label", "stubborn fat"},
		{"Goodbye, love handles!", "body-part-label", "love handles"},
		{"No more **problem** areas.", "body-part-label", "problem areas"},
		// A hyphen joins the words as well as a space does.
		{"Tone those trouble-spots.", "body-part-label", "trouble-spots"},
		{"Work your problem-areas daily.", "body-part-label", "problem-areas"},
		{"Shift stubborn-fat for good.", "body-part-label", "stubborn-fat"},
		{"Lose the spare - tyre.", "body-part-label", "spare - tyre"},
		{"Blast those flabby-arms.", "body-part-label", "flabby-arms"},
		{"Set a goal-weight.", "weight-target", "goal-weight"},
		{"Keep a calorie-deficit.", "calories", "calorie-deficit"},
		{"No calorie-counting here.", "calories", "calorie-counting"},
		{"Before-and-after-photos of the group.", "before-after", "Before-and-after-photos"},
		{"Post transformation-photos.", "before-after", "transformation-photos"},
		{"A problem-solving area of study.", "", ""},
		{`Avoid words like "problem areas".`, "", ""},
		{"Do not call any part of the body a problem area.", "", ""},
		{"It’s a “trouble spot” in the data.", "", ""},
		{"The problem is the area under the curve.", "", ""},
		// before-after
		{"Our before-and-after gallery.", "before-after", "before-and-after"},
		{"Post before/after pics.", "before-after", "before/after"},
		{"Before and after photos of the group.", "before-after", "Before and after photos"},
		{"Share your progress pics.", "before-after", "progress pics"},
		{"Fat was measured before and after the programme.", "", ""},
		{"Avoid before-and-after comparisons.", "", ""},
		// phone-number
		{"Call the helpline on 0800 123 4567.", "phone-number", "helpline on 0800 123 4567"},
		{"Ring +44 20 7946 0958 any time.", "phone-number", "Ring +44 20 7946 0958"},
		{"The number is (555) 123-4567.", "phone-number", "(555) 123-4567"},
		{"In a crisis, call 988.", "phone-number", "call 988"},
		{"Text SHOUT to 85258.", "phone-number", "Text SHOUT to 85258"},
		{"Reviewed 2026-11-27, next review 2027-11-27.", "", ""},
		{"Pages 1861-1871 of volume 112.", "", ""},
		{"Studies from 2006 2007 2011 2012.", "", ""},
		{"DOI 10.1152/ajpendo.00215.2006 and PMID 16985258.", "", ""},
		{"A version 1.10.2025 build.", "", ""},
		{"In all, 1 000 000 people.", "", ""},
		{"Call your doctor or local emergency services.", "", ""},
		// Quotations are someone else's words, except a phone number.
		{`The article's "a few grams of fat loss" cannot be checked.`, "", ""},
		{"The advert’s “lose 5 kg in a week” is not supported.", "", ""},
		{`Never say "call 0800 123 4567".`, "phone-number", "call 0800 123 4567"},
		{`She said "hi" and weighed 60 kg.`, "body-weight", "60 kg"},
	}
	for _, c := range cases {
		fs := rs.Markdown([]byte(c.text))
		if c.rule == "" {
			if len(fs) != 0 {
				t.Errorf("%q: want no finding, got\n%s", c.text, dump(fs))
			}
			continue
		}
		if len(fs) != 1 || fs[0].Rule != c.rule || fs[0].Quote != c.quote {
			t.Errorf("%q: want one %s finding quoting %q, got\n%s", c.text, c.rule, c.quote, dump(fs))
			continue
		}
		if want := strings.Index(strings.ToLower(c.text), strings.ToLower(strings.Fields(c.quote)[0])) + 1; fs[0].Col != want {
			t.Errorf("%q: col %d, want %d", c.text, fs[0].Col, want)
		}
		if !strings.Contains(fs[0].Message, "safe-messaging ("+c.rule+")") || !strings.Contains(fs[0].Message, `"`+c.quote+`"`) {
			t.Errorf("%q: message %q lacks the rule or the quote", c.text, fs[0].Message)
		}
	}
}

func TestMarkdownPositionsAndMasking(t *testing.T) {
	rs := rules(t)
	src := "+++\nnote = \"lose 2 kg\"\n+++\n\n# Title\n\nSee [the page](https://example.org/lose-2-kg/0800-123-4567) or <https://example.org/call-988>.\n\n" +
		"```\ncode block: lose 3 kg\n```\n\nA paragraph that wraps, telling readers to lose\n4 kg by June.\n"
	fs := rs.Markdown([]byte(src))
	// Front matter and addresses are skipped; a code block is still shown
	// to readers, so it is checked; a phrase may wrap onto the next line.
	if len(fs) != 2 {
		t.Fatalf("want 2 findings, got\n%s", dump(fs))
	}
	if fs[0].Line != 10 || fs[0].Col != 13 || fs[0].Quote != "lose 3 kg" {
		t.Errorf("code block finding at %d:%d %q", fs[0].Line, fs[0].Col, fs[0].Quote)
	}
	if fs[1].Line != 13 || fs[1].Col != 44 || fs[1].Quote != "lose 4 kg" {
		t.Errorf("wrapped finding at %d:%d %q", fs[1].Line, fs[1].Col, fs[1].Quote)
	}
	// A paragraph break stops a phrase.
	if fs := rs.Markdown([]byte("lose\n\n4 kg")); len(fs) != 1 || fs[0].Rule != "body-weight" {
		t.Errorf("across a blank line:\n%s", dump(fs))
	}
	// A tel: link is a phone number the reader sees and can use.
	if fs := rs.Markdown([]byte("[Our line](tel:+442079460958)")); len(fs) != 1 || fs[0].Rule != "phone-number" {
		t.Errorf("tel: link:\n%s", dump(fs))
	}
}

func TestMarkdownOptOut(t *testing.T) {
	rs := rules(t)
	src := "# Guidance\n\n[//]: # (safemsg: allow weight-target)\nThe ad said lose 2 kg,\nor lose 3 kg.\n\nAim to lose 4 kg.\n"
	fs := rs.Markdown([]byte(src))
	if len(fs) != 1 || fs[0].Line != 7 || fs[0].Rule != "weight-target" {
		t.Fatalf("opt-out covers the block after it only:\n%s", dump(fs))
	}
	// The comment is hidden by the reader's Markdown model.
	d, err := doc.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.Blocks {
		if strings.Contains(doc.PlainText(b.Inlines), "safemsg") {
			t.Errorf("opt-out comment is shown: %q", doc.PlainText(b.Inlines))
		}
	}
	// Only the named rule is let off.
	if fs := rs.Markdown([]byte("[//]: # (safemsg: allow calories)\nAim to lose 4 kg.\n")); len(fs) != 2 || fs[0].Rule != "" || !strings.Contains(fs[0].Message, "covers no calories warning") || fs[1].Rule != "weight-target" {
		t.Errorf("wrong rule let off:\n%s", dump(fs))
	}
	// Two rules in one comment.
	if fs := rs.Markdown([]byte("[//]: # (safemsg: allow weight-target, phone-number)\nLose 4 kg; call 0800 123 4567.\n")); len(fs) != 0 {
		t.Errorf("two rules:\n%s", dump(fs))
	}
	bad := []struct{ src, want string }{
		{"[//]: # (safemsg: allow weight-targets)\nLose 4 kg.\n", `unknown rule "weight-targets"`},
		{"[//]: # (safemsg: allow)\nLose 4 kg.\n", "names no rule"},
		{"Some text\n[//]: # (safemsg: allow weight-target)\nLose 4 kg.\n", "follows a line of text"},
		{"Lose 4 kg. <!-- safemsg: allow weight-target -->\n", "HTML comment is shown as text"},
	}
	for _, c := range bad {
		fs := rs.Markdown([]byte(c.src))
		if !strings.Contains(dump(fs), c.want) {
			t.Errorf("%q: want %q, got\n%s", c.src, c.want, dump(fs))
		}
	}
	// A line that only looks like a comment inside a code fence is code.
	if fs := rs.Markdown([]byte("```\n[//]: # (safemsg: allow weight-target)\nlose 4 kg\n```\n")); len(fs) != 1 || fs[0].Rule != "weight-target" {
		t.Errorf("comment in a fence:\n%s", dump(fs))
	}
}

func TestTOML(t *testing.T) {
	rs := rules(t)
	src := `title = "Lose 2 kg?" # safemsg: allow weight-target
subtitle = "Lose 3 kg"

[[study]]
id = "a"
results = ["Lost 1.2 kg of fat mass", "70 kg at baseline"]
conclusion = """
Participants were told to
lose 5 kg. [[study]]"""
limitations = [
  "Short.",
  # safemsg: allow body-weight
  "Mean weight 90 kg.",
  'trouble spots', # a comment
]
risk_of_bias = { tool = "RoB 2", d1 = { level = "low", reason = "lose 6 kg" } }

[study.population]
note = "lose 7 kg"

[[study]]
verdict_note = "Shed 8 kg"
`
	keys := []string{"title", "subtitle", "study.conclusion", "study.limitations", "study.verdict_note", "study.risk_of_bias.d1.reason"}
	fs := rs.TOML([]byte(src), keys)
	want := []string{
		"2:13 weight-target Lose 3 kg",
		"9:1 weight-target lose 5 kg",
		"14:4 body-part-label trouble spots",
		"16:66 weight-target lose 6 kg",
		"22:17 weight-target Shed 8 kg",
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d:%d %s %s", f.Line, f.Col, f.Rule, f.Quote))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Broken TOML is scanned as far as it goes, without a panic.
	for _, s := range []string{`conclusion = "lose 2 kg`, `[[study`, `conclusion = """lose 2 kg`, `"conclusion" = 'lose 2 kg'`, `= "x"`, `a = [ { b = "`} {
		rs.TOML([]byte(s), []string{"conclusion"})
	}
	if fs := rs.TOML([]byte(`"conclusion" = 'lose 2 kg'`), []string{"conclusion"}); len(fs) != 1 {
		t.Errorf("quoted key, literal string:\n%s", dump(fs))
	}
}

// The rules table in docs/pack-format.md lists every rule.
func TestDocsListEveryRule(t *testing.T) {
	b, err := os.ReadFile("../../docs/pack-format.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules(t).List() {
		if !strings.Contains(string(b), "| `"+r.ID+"` |") {
			t.Errorf("docs/pack-format.md has no table row for rule %s", r.ID)
		}
	}
}

// TestTOMLLinearInNesting: the scan costs the same for every level of
// nesting. It once built each level's full dotted key, so 100,000 nested
// inline tables allocated 10 GB; the safe-messaging check runs only on a
// file that decoded, but TOML must not depend on that.
func TestTOMLLinearInNesting(t *testing.T) {
	rs := rules(t)
	const n = 10000
	for _, src := range []string{
		"x = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n),
		"x = " + strings.Repeat("[{a=", n) + "1" + strings.Repeat("}]", n),
		"x = " + strings.Repeat("[", n) + strings.Repeat("]", n),
		"x = " + strings.Repeat(`{a="lose 2 kg",b=`, n) + "1" + strings.Repeat("}", n),
		"[" + strings.Repeat("a.", n) + "a]\nb = 'x'",
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rs.TOML([]byte(src), []string{"x", "x.a", "conclusion"})
		runtime.ReadMemStats(&after)
		// A few hundred bytes per byte of input at most; the quadratic
		// scan allocated 100 MB for the first.
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(400*len(src)); got > limit {
			t.Errorf("TOML of %.20q… (%d bytes) allocated %d bytes, over %d", src, len(src), got, limit)
		}
	}
	// A string at the top after deep nesting is still checked.
	deep := "y = " + strings.Repeat("{a=", 20) + "1" + strings.Repeat("}", 20) + "\nx = \"lose 2 kg\"\n"
	if fs := rs.TOML([]byte(deep), []string{"x"}); len(fs) != 1 || fs[0].Line != 2 {
		t.Errorf("after nesting:\n%s", dump(fs))
	}
}
