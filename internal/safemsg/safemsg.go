// Package safemsg checks the text a pack's editors write (guidance,
// limitations, study summaries, slides) against safe-messaging rules for
// writing about bodies, weight and eating: no body weights, no calorie or
// weight-loss targets, no labels such as "problem areas" for parts of the
// body, no before-and-after framing, and no phone numbers, which go stale
// in a pack that is read offline.
//
// The rules are a table per language (English now). They work on raw file
// text and report byte positions, so a finding names the file's line and
// column. The package knows nothing of the pack model: the pack loader
// decides which files and fields are its editors' own words.
//
// A line can be let off one rule with an opt-out comment:
//
//	[//]: # (safemsg: allow weight-target)     Markdown, on the line before
//	# safemsg: allow weight-target             TOML, on the line or the line before
package safemsg

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Rule is one row of a language's rules table.
type Rule struct {
	// ID names the rule in messages and opt-out comments, e.g. "weight-target".
	ID string
	// What the rule catches, for the docs table: "weight-loss targets".
	What string
	// Problem completes a message after the quoted words: "sets a weight-loss target".
	Problem string
	// Instead says what to write instead.
	Instead string
	// Breaks and Passes are example sentences: one the rule reports and a
	// near miss it leaves alone. The tests check both.
	Breaks, Passes string
	// QuotedToo reports the rule's words even inside quotation marks: a
	// quoted phone number can still be dialled. Other rules let quotations
	// be, since they report what someone else said ("the article's “a few
	// grams of fat loss” cannot be checked").
	QuotedToo bool

	patterns []pattern
}

// pattern is one regular expression of a rule.
type pattern struct {
	re *regexp.Regexp
	// words marks a pattern of words, not numbers: it is not reported
	// after a negation in its sentence ("avoid before-and-after photos").
	words bool
	// accept, when set, has the last word on a match at src[start:end].
	accept func(src string, start, end int) bool
	// need lists words, in lower case, of which a paragraph must hold one
	// for the pattern to be tried on it at all, also lists more of which it
	// must hold one too, and digits is how many digits it must hold: Go's
	// regexp engine has no DFA, and most paragraphs fail these cheap tests.
	need, also []string
	digits     int
}

// Rules is the rules table of one language.
type Rules struct {
	// Language is the primary language subtag the table is for, e.g. "en".
	Language string
	rules    []*Rule
}

var tables = map[string]*Rules{"en": english}

// For returns the rules for a BCP 47 language tag such as "en" or "en-GB",
// or nil when there are none for its language.
func For(tag string) *Rules {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	return tables[primary]
}

// Languages lists the languages that have rules, sorted.
func Languages() []string {
	var out []string
	for k := range tables {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// List returns the rules in table order.
func (rs *Rules) List() []*Rule { return rs.rules }

// Rule returns the rule with the given id.
func (rs *Rules) Rule(id string) (*Rule, bool) {
	for _, r := range rs.rules {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// Finding is one place where text breaks a rule, or a problem with an
// opt-out comment (Rule is then "").
type Finding struct {
	// Line and Col are 1-based; Col counts bytes, as the pack's other
	// diagnostics do. Offset is the byte offset in the file.
	Line, Col, Offset int
	// Rule is the id of the rule broken, "" for an opt-out problem.
	Rule string
	// Quote is the words that break the rule, spaces collapsed.
	Quote string
	// Message is the whole message: the rule, the quoted words, the problem
	// and what to write instead.
	Message string
}

// span is a run of a file's text to check, as byte offsets [start, end).
type span struct{ start, end int }

// match is one rule match in a file, before opt-outs.
type match struct {
	start, end int
	rule       *Rule
}

// check finds every match in the given spans of text, which must keep the
// file's byte offsets (masked parts blanked with spaces, newlines kept).
// No match crosses a blank line.
func (rs *Rules) check(text string, spans []span) []match {
	var all []match
	for _, sp := range spans {
		for _, para := range paragraphs(text, sp) {
			seg := text[para.start:para.end]
			lower := strings.ToLower(seg)
			digits := countDigits(seg)
			for _, r := range rs.rules {
				for _, p := range r.patterns {
					if digits < p.digits || !hasAny(lower, p.need) || !hasAny(lower, p.also) {
						continue
					}
					for _, loc := range p.re.FindAllStringIndex(seg, -1) {
						s, e := para.start+loc[0], para.start+loc[1]
						if p.accept != nil && !p.accept(text, s, e) {
							continue
						}
						if !r.QuotedToo && quoted(text, para, s, e) {
							continue
						}
						if p.words && negated(text, para.start, s) {
							continue
						}
						all = append(all, match{s, e, r})
					}
				}
			}
		}
	}
	// The longest match at each place wins, and a match inside another is
	// dropped: "lose 2 kg" is a weight-loss target, not also a body weight.
	slices.SortFunc(all, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var out []match
	end := -1
	for _, m := range all {
		if m.start >= end {
			out = append(out, m)
			end = m.end
		}
	}
	return out
}

func hasAny(s string, words []string) bool {
	if len(words) == 0 {
		return true
	}
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// paragraphs splits a span at its blank lines (lines of only spaces).
func paragraphs(text string, sp span) []span {
	var out []span
	start := sp.start
	i := sp.start
	for i < sp.end {
		nl := strings.IndexByte(text[i:sp.end], '\n')
		if nl < 0 {
			break
		}
		lineEnd := i + nl
		if strings.TrimSpace(text[i:lineEnd]) == "" {
			if i > start {
				out = append(out, span{start, i})
			}
			start = lineEnd + 1
		}
		i = lineEnd + 1
	}
	if start < sp.end {
		out = append(out, span{start, sp.end})
	}
	return out
}

// quotes pairs each opening quotation mark with its closing one.
var quotes = [][2]string{{"“", "”"}, {"‘", "’"}, {"«", "»"}, {"„", "“"}}

// quoted reports whether text[s:e] stands inside quotation marks on its
// line (within para): the words are someone else's, or are being
// mentioned rather than used. Straight single quotes are not counted:
// they are also apostrophes.
func quoted(text string, para span, s, e int) bool {
	lo := para.start
	if i := strings.LastIndexByte(text[lo:s], '\n'); i >= 0 {
		lo += i + 1
	}
	hi := para.end
	if i := strings.IndexByte(text[e:hi], '\n'); i >= 0 {
		hi = e + i
	}
	before, after := text[lo:s], text[e:hi]
	if strings.Count(before, `"`)%2 == 1 && strings.Contains(after, `"`) {
		return true
	}
	for _, q := range quotes {
		if strings.LastIndex(before, q[0]) > strings.LastIndex(before, q[1]) && strings.Contains(after, q[1]) {
			return true
		}
	}
	return strings.HasSuffix(before, "'") && strings.HasPrefix(after, "'")
}

var negation = regexp.MustCompile(`(?i)\b(?:avoid|avoids|avoiding|avoided|don[’']t|do not|does not|never|instead of|rather than|without|not|stop using|no longer)\b`)

// negated reports whether a negation stands earlier in the match's
// sentence (on its line, at most 80 bytes back): "avoid before-and-after
// comparisons" advises against the framing instead of using it.
func negated(text string, from, s int) bool {
	lo := max(from, s-80)
	before := text[lo:s]
	if i := strings.LastIndexAny(before, ".!?\n"); i >= 0 {
		before = before[i+1:]
	}
	return negation.MatchString(before)
}

// lineIndex maps byte offsets to 1-based lines and columns.
type lineIndex []int

func newLineIndex(src string) lineIndex {
	li := lineIndex{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			li = append(li, i+1)
		}
	}
	return li
}

func (li lineIndex) at(off int) (line, col int) {
	i, found := slices.BinarySearch(li, off)
	if !found {
		i--
	}
	return i + 1, off - li[i] + 1
}

// allowances records the opt-out comments of a file: for each line, the
// rules it is let off.
type allowances struct {
	byLine map[int][]*optOut
	all    []*optOut
}

type optOut struct {
	line, col, offset int
	rule              string
	used              bool
}

// add lets the given lines off o.rule.
func (a *allowances) add(o *optOut, lines []int) {
	if a.byLine == nil {
		a.byLine = map[int][]*optOut{}
	}
	a.all = append(a.all, o)
	for _, l := range lines {
		a.byLine[l] = append(a.byLine[l], o)
	}
}

// allows reports whether line is let off rule, marking the opt-out used.
func (a *allowances) allows(line int, rule string) bool {
	ok := false
	for _, o := range a.byLine[line] {
		if o.rule == rule {
			o.used = true
			ok = true
		}
	}
	return ok
}

var directive = regexp.MustCompile(`^\s*safemsg\s*:\s*allow\b(.*)$`)

// parseDirective reads "safemsg: allow rule, rule" from a comment's text.
// It returns ok false when the comment is not a safemsg comment at all.
func parseDirective(comment string) (rules []string, ok bool) {
	m := directive.FindStringSubmatch(comment)
	if m == nil {
		return nil, strings.HasPrefix(strings.TrimSpace(comment), "safemsg")
	}
	return strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }), true
}

// directiveFindings turns one opt-out comment into opt-outs, reporting
// unknown rule names and a comment that names none.
func (rs *Rules) directiveFindings(li lineIndex, off int, comment string, covers []int, a *allowances) []Finding {
	names, _ := parseDirective(comment)
	line, col := li.at(off)
	if len(names) == 0 {
		return []Finding{{Line: line, Col: col, Offset: off, Message: fmt.Sprintf("safe-messaging: opt-out comment names no rule; write \"safemsg: allow RULE\" with one of %s", rs.ids())}}
	}
	var out []Finding
	for _, n := range names {
		if _, ok := rs.Rule(n); !ok {
			out = append(out, Finding{Line: line, Col: col, Offset: off, Message: fmt.Sprintf("safe-messaging: opt-out comment names unknown rule %q (rules: %s)", n, rs.ids())})
			continue
		}
		a.add(&optOut{line: line, col: col, offset: off, rule: n}, covers)
	}
	return out
}

func (rs *Rules) ids() string {
	var ids []string
	for _, r := range rs.rules {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}

// findings applies the opt-outs to the matches and reports unused opt-outs.
func (rs *Rules) findings(text string, li lineIndex, ms []match, a *allowances, extra []Finding) []Finding {
	out := extra
	for _, m := range ms {
		line, col := li.at(m.start)
		if a.allows(line, m.rule.ID) {
			continue
		}
		q := strings.Join(strings.Fields(text[m.start:m.end]), " ")
		out = append(out, Finding{
			Line: line, Col: col, Offset: m.start, Rule: m.rule.ID, Quote: q,
			Message: fmt.Sprintf("safe-messaging (%s): %q %s; %s", m.rule.ID, q, m.rule.Problem, m.rule.Instead),
		})
	}
	for _, o := range a.all {
		if !o.used {
			out = append(out, Finding{Line: o.line, Col: o.col, Offset: o.offset, Message: fmt.Sprintf("safe-messaging: the opt-out for %s covers no %s warning; remove it", o.rule, o.rule)})
		}
	}
	slices.SortStableFunc(out, func(x, y Finding) int { return x.Offset - y.Offset })
	return out
}
