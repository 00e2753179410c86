package pack

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Rating is what a risk-of-bias level means for the reader, whatever the
// tool calls it: the app colours and marks levels by rating.
type Rating int

// Ratings, from unknown to worst.
const (
	RatingUnknown Rating = iota
	// RatingNone is a level that records that a domain does not apply
	// (AMSTAR 2's "no meta-analysis").
	RatingNone
	RatingGood
	RatingFair
	RatingPoor
)

// Symbol marks a rating in text, so a traffic light reads without colour.
func (r Rating) Symbol() string {
	switch r {
	case RatingGood:
		return "+"
	case RatingFair:
		return "!"
	case RatingPoor:
		return "×"
	case RatingNone:
		return "–"
	}
	return "?"
}

// RoBLevel is one answer a tool allows for a domain.
type RoBLevel struct {
	// Key is how studies.toml writes it ("some-concerns").
	Key string
	// Label stands on its own ("Some concerns", "Low risk").
	Label string
	// Short fits a traffic-light cell ("Low").
	Short  string
	Rating Rating
}

// RoBDomain is one domain (or, for AMSTAR 2, one item) of a tool.
type RoBDomain struct {
	// Key is the judgement's key in studies.toml ("d1", "q4").
	Key string
	// Name is the domain in full ("Randomisation process").
	Name string
	// Short fits a table header ("Randomisation").
	Short string
	// Critical marks AMSTAR 2's critical domains, the ones slides show.
	Critical bool
}

// Code is the domain's key as a reader sees it: "D1", "Q4".
func (d RoBDomain) Code() string { return strings.ToUpper(d.Key) }

// RoBTool is a risk-of-bias (or quality) tool: its domains and levels.
type RoBTool struct {
	Name string
	// Covers says which designs the tool is for (docs and messages).
	Covers string
	// DomainNoun is what the tool calls one of its Domains ("Domain",
	// AMSTAR 2's "Item"), for text that names one ("Item Q4").
	DomainNoun string
	Domains    []RoBDomain
	Levels     []RoBLevel
	// OverallLevels are the levels of the overall judgement; nil means
	// the domains' levels.
	OverallLevels []RoBLevel
	// OverallName heads the overall judgement.
	OverallName string
	// OverallPhrase introduces the overall judgement in a sentence
	// ("overall risk of bias", "overall confidence").
	OverallPhrase string
}

// Level returns the domain level with the given key.
func (t *RoBTool) Level(key string) (RoBLevel, bool) { return findLevel(t.Levels, key) }

// Overall returns the overall level with the given key.
func (t *RoBTool) Overall(key string) (RoBLevel, bool) {
	if t.OverallLevels != nil {
		return findLevel(t.OverallLevels, key)
	}
	return findLevel(t.Levels, key)
}

func (t *RoBTool) overallLevels() []RoBLevel {
	if t.OverallLevels != nil {
		return t.OverallLevels
	}
	return t.Levels
}

// SlideDomains are the domains a slide has room for: all of them, or for
// AMSTAR 2's sixteen items the seven critical ones.
func (t *RoBTool) SlideDomains() []RoBDomain {
	if len(t.Domains) <= 7 {
		return t.Domains
	}
	var out []RoBDomain
	for _, d := range t.Domains {
		if d.Critical {
			out = append(out, d)
		}
	}
	return out
}

func findLevel(ls []RoBLevel, key string) (RoBLevel, bool) {
	for _, l := range ls {
		if l.Key == key {
			return l, true
		}
	}
	return RoBLevel{Key: key, Label: notReported(key), Short: notReported(key)}, false
}

func notReported(key string) string {
	if key == "" {
		return "Not reported"
	}
	return key
}

func levelKeys(ls []RoBLevel) string {
	ks := make([]string, len(ls))
	for i, l := range ls {
		ks[i] = l.Key
	}
	return strings.Join(ks, ", ")
}

// The tools the app knows. RoB 2 is the default for a study that names none.
var (
	RoB2 = &RoBTool{
		Name:       "RoB 2",
		Covers:     "randomised trials",
		DomainNoun: "Domain",
		Domains: []RoBDomain{
			{Key: "d1", Name: "Randomisation process", Short: "Randomisation"},
			{Key: "d2", Name: "Deviations from intended interventions", Short: "Deviations"},
			{Key: "d3", Name: "Missing outcome data", Short: "Missing data"},
			{Key: "d4", Name: "Measurement of the outcome", Short: "Measurement"},
			{Key: "d5", Name: "Selection of the reported result", Short: "Reported result"},
		},
		Levels: []RoBLevel{
			{Key: "low", Label: "Low risk", Short: "Low", Rating: RatingGood},
			{Key: "some-concerns", Label: "Some concerns", Short: "Some concerns", Rating: RatingFair},
			{Key: "high", Label: "High risk", Short: "High", Rating: RatingPoor},
		},
		OverallName:   "Overall",
		OverallPhrase: "overall risk of bias",
	}
	ROBINSI = &RoBTool{
		Name:       "ROBINS-I",
		Covers:     "non-randomised studies of interventions",
		DomainNoun: "Domain",
		Domains: []RoBDomain{
			{Key: "d1", Name: "Confounding", Short: "Confounding"},
			{Key: "d2", Name: "Selection of participants into the study", Short: "Selection"},
			{Key: "d3", Name: "Classification of interventions", Short: "Classification"},
			{Key: "d4", Name: "Deviations from intended interventions", Short: "Deviations"},
			{Key: "d5", Name: "Missing data", Short: "Missing data"},
			{Key: "d6", Name: "Measurement of outcomes", Short: "Measurement"},
			{Key: "d7", Name: "Selection of the reported result", Short: "Reported result"},
		},
		Levels: []RoBLevel{
			{Key: "low", Label: "Low risk", Short: "Low", Rating: RatingGood},
			{Key: "moderate", Label: "Moderate risk", Short: "Moderate", Rating: RatingFair},
			{Key: "serious", Label: "Serious risk", Short: "Serious", Rating: RatingPoor},
			{Key: "critical", Label: "Critical risk", Short: "Critical", Rating: RatingPoor},
			{Key: "no-information", Label: "No information", Short: "No info", Rating: RatingUnknown},
		},
		OverallName:   "Overall",
		OverallPhrase: "overall risk of bias",
	}
	AMSTAR2 = &RoBTool{
		Name:       "AMSTAR 2",
		Covers:     "systematic reviews",
		DomainNoun: "Item",
		Domains: []RoBDomain{
			{Key: "q1", Name: "Research question and inclusion criteria include the components of PICO", Short: "PICO"},
			{Key: "q2", Name: "Methods set out in a protocol before the review", Short: "Protocol", Critical: true},
			{Key: "q3", Name: "Choice of study designs explained", Short: "Designs"},
			{Key: "q4", Name: "Comprehensive literature search", Short: "Search", Critical: true},
			{Key: "q5", Name: "Study selection in duplicate", Short: "Selection"},
			{Key: "q6", Name: "Data extraction in duplicate", Short: "Extraction"},
			{Key: "q7", Name: "List of excluded studies, with reasons", Short: "Exclusions", Critical: true},
			{Key: "q8", Name: "Included studies described in adequate detail", Short: "Description"},
			{Key: "q9", Name: "Risk of bias of the included studies assessed", Short: "Bias assessed", Critical: true},
			{Key: "q10", Name: "Funding of the included studies reported", Short: "Funding"},
			{Key: "q11", Name: "Appropriate methods of statistical combination", Short: "Pooling", Critical: true},
			{Key: "q12", Name: "Impact of risk of bias on the pooled result assessed", Short: "Bias impact"},
			{Key: "q13", Name: "Risk of bias accounted for when interpreting the results", Short: "Bias discussed", Critical: true},
			{Key: "q14", Name: "Heterogeneity explained and discussed", Short: "Heterogeneity"},
			{Key: "q15", Name: "Publication bias investigated", Short: "Publication bias", Critical: true},
			{Key: "q16", Name: "Conflicts of interest and funding of the review reported", Short: "Conflicts"},
		},
		Levels: []RoBLevel{
			{Key: "yes", Label: "Yes", Short: "Yes", Rating: RatingGood},
			{Key: "partial-yes", Label: "Partial yes", Short: "Partial yes", Rating: RatingFair},
			{Key: "no", Label: "No", Short: "No", Rating: RatingPoor},
			{Key: "no-meta-analysis", Label: "No meta-analysis", Short: "Not pooled", Rating: RatingNone},
		},
		OverallLevels: []RoBLevel{
			{Key: "high", Label: "High confidence", Short: "High", Rating: RatingGood},
			{Key: "moderate", Label: "Moderate confidence", Short: "Moderate", Rating: RatingFair},
			{Key: "low", Label: "Low confidence", Short: "Low", Rating: RatingPoor},
			{Key: "critically-low", Label: "Critically low confidence", Short: "Critically low", Rating: RatingPoor},
		},
		OverallName:   "Overall confidence",
		OverallPhrase: "overall confidence in the review",
	}
	// RoBTools lists them, in the order the docs present them.
	RoBTools = []*RoBTool{RoB2, ROBINSI, AMSTAR2}
)

// FindRoBTool looks a tool up by name, ignoring case, spaces and hyphens
// ("rob2", "ROBINS I", "amstar-2"); "" is RoB 2, the tool of the first
// pack format.
func FindRoBTool(name string) (*RoBTool, bool) {
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' || r == '_' {
				return -1
			}
			return r
		}, strings.ToLower(s))
	}
	n := squash(name)
	if n == "" {
		return RoB2, true
	}
	for _, t := range RoBTools {
		if squash(t.Name) == n {
			return t, true
		}
	}
	return nil, false
}

// RiskOfBias is a study's risk-of-bias (or, for reviews, confidence)
// assessment with one tool. Applies is false for designs the tool does not
// cover; Reason then says why.
//
// UnmarshalTOML reads it; the toml tags name the keys it reads, for the
// test that keeps docs/schema in step with the loader.
type RiskOfBias struct {
	Tool    string `toml:"tool"`
	Applies bool   `toml:"applies"`
	Reason  string `toml:"reason"`
	// Domains holds the judgements by domain key ("d1", "q4"): the keys
	// of the tools' domains (RoBTools).
	Domains map[string]Judgement `toml:"-"`
	Overall Judgement            `toml:"overall"`

	// problems are shape errors found while decoding, for the validator.
	problems []robProblem
}

type robProblem struct{ key, msg string }

// Judgement is one domain's judgement: a level of the tool and its reason.
type Judgement struct {
	Level  string `toml:"level"`
	Reason string `toml:"reason"`
}

// DomainJudgement pairs a domain of the tool with the study's judgement.
type DomainJudgement struct {
	Domain RoBDomain
	Judgement
	Level RoBLevel
}

// ToolInfo is the assessment's tool; nil when the name is unknown.
func (r *RiskOfBias) ToolInfo() *RoBTool {
	t, _ := FindRoBTool(r.Tool)
	return t
}

// ToolName is the tool's proper name, or the name as written when the app
// does not know it.
func (r *RiskOfBias) ToolName() string {
	if t := r.ToolInfo(); t != nil {
		return t.Name
	}
	return r.Tool
}

// Judgements are the study's judgements of domains, in the tool's order.
func (r *RiskOfBias) Judgements() []DomainJudgement {
	t := r.ToolInfo()
	if t == nil {
		return nil
	}
	return r.judgementsOf(t.Domains)
}

// SlideJudgements are the judgements of the domains a slide shows.
func (r *RiskOfBias) SlideJudgements() []DomainJudgement {
	t := r.ToolInfo()
	if t == nil {
		return nil
	}
	return r.judgementsOf(t.SlideDomains())
}

func (r *RiskOfBias) judgementsOf(ds []RoBDomain) []DomainJudgement {
	t := r.ToolInfo()
	out := make([]DomainJudgement, len(ds))
	for i, d := range ds {
		j := r.Domains[d.Key]
		l, _ := t.Level(j.Level)
		out[i] = DomainJudgement{Domain: d, Judgement: j, Level: l}
	}
	return out
}

// OverallLevel is the overall judgement's level in the tool's words.
func (r *RiskOfBias) OverallLevel() RoBLevel {
	if t := r.ToolInfo(); t != nil {
		l, _ := t.Overall(r.Overall.Level)
		return l
	}
	return RoBLevel{Key: r.Overall.Level, Label: notReported(r.Overall.Level), Short: notReported(r.Overall.Level)}
}

// UnmarshalTOML reads a [study.risk_of_bias] table. Keys of the wrong type
// are recorded, not returned, so one bad value is one diagnostic with its
// line rather than a failed studies.toml; which domain keys a tool allows
// is checked by the validator, which knows the lines.
func (r *RiskOfBias) UnmarshalTOML(data any) error {
	m, ok := data.(map[string]any)
	if !ok {
		r.problems = append(r.problems, robProblem{"", "risk_of_bias must be a table"})
		return nil
	}
	str := func(k string, v any) string {
		s, ok := v.(string)
		if !ok {
			r.problems = append(r.problems, robProblem{k, fmt.Sprintf("risk_of_bias.%s must be a string, not %s", k, tomlType(v))})
		}
		return s
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		switch k {
		case "tool":
			r.Tool = str(k, v)
		case "reason":
			r.Reason = str(k, v)
		case "applies":
			b, ok := v.(bool)
			if !ok {
				r.problems = append(r.problems, robProblem{k, fmt.Sprintf("risk_of_bias.applies must be true or false, not %s", tomlType(v))})
			}
			r.Applies = b
		default:
			t, ok := v.(map[string]any)
			if !ok {
				r.problems = append(r.problems, robProblem{k, fmt.Sprintf("risk_of_bias.%s must be a table: { level = \"…\", reason = \"…\" }", k)})
				continue
			}
			var j Judgement
			// In key order, as the table's keys above: problems on one
			// line come out the same way every time.
			for _, jk := range slices.Sorted(maps.Keys(t)) {
				jv := t[jk]
				switch jk {
				case "level":
					j.Level = str(k+".level", jv)
				case "reason":
					j.Reason = str(k+".reason", jv)
				default:
					r.problems = append(r.problems, robProblem{k, fmt.Sprintf("risk_of_bias.%s: unknown key %q (a judgement has level and reason)", k, jk)})
				}
			}
			if k == "overall" {
				r.Overall = j
				continue
			}
			if r.Domains == nil {
				r.Domains = map[string]Judgement{}
			}
			r.Domains[k] = j
		}
	}
	return nil
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	}
	return "a date"
}

// checkRoB validates a study's assessment: a known tool, its domain keys,
// and (when the tool applies) a valid level for every domain and overall.
func (l *loader) checkRoB(s *Study, name string) {
	r := s.RiskOfBias
	if r == nil {
		return
	}
	// Keys are looked up from the table's header; a missing key points at it.
	lines := l.linesOf(FileStudies)
	head := tableLine(lines, s.Line, "study.risk_of_bias")
	at := func(key string) int { return tomlKeyLine(lines, head, key) }
	for _, p := range r.problems {
		line := head
		if p.key != "" {
			line = at(strings.SplitN(p.key, ".", 2)[0])
		}
		l.add(FileStudies, line, 1, Error, "study %s: %s", name, p.msg)
	}
	t, ok := FindRoBTool(r.Tool)
	if !ok {
		names := make([]string, len(RoBTools))
		for i, t := range RoBTools {
			names[i] = t.Name
		}
		l.add(FileStudies, at("tool"), 1, Error, "study %s: risk_of_bias.tool %q is not a tool the app knows; use %s (docs/pack-format.md#risk-of-bias)", name, r.Tool, strings.Join(names, ", "))
		return
	}
	known := map[string]bool{}
	for _, d := range t.Domains {
		known[d.Key] = true
	}
	var extra []string
	for k := range r.Domains {
		if !known[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	first, last := t.Domains[0].Key, t.Domains[len(t.Domains)-1].Key
	for _, k := range extra {
		l.add(FileStudies, at(k), 1, Error, "study %s: risk_of_bias.%s is not a domain of %s (its domains are %s to %s)", name, k, t.Name, first, last)
	}
	if !r.Applies {
		return
	}
	for _, d := range t.Domains {
		j, given := r.Domains[d.Key]
		switch _, ok := t.Level(j.Level); {
		case ok:
		case !given || j.Level == "":
			l.add(FileStudies, at(d.Key), 1, Error, "study %s: risk_of_bias.%s (%s) is missing: %s judges every domain; give its level, one of %s", name, d.Key, d.Name, t.Name, levelKeys(t.Levels))
		default:
			l.add(FileStudies, at(d.Key), 1, Error, "study %s: risk_of_bias.%s (%s) level %q must be one of %s", name, d.Key, d.Name, j.Level, levelKeys(t.Levels))
		}
	}
	switch _, ok := t.Overall(r.Overall.Level); {
	case ok:
	case r.Overall.Level == "":
		l.add(FileStudies, at("overall"), 1, Error, "study %s: risk_of_bias.overall is missing; give its level, one of %s", name, levelKeys(t.overallLevels()))
	default:
		l.add(FileStudies, at("overall"), 1, Error, "study %s: risk_of_bias.overall level %q must be one of %s", name, r.Overall.Level, levelKeys(t.overallLevels()))
	}
}

// tableLine finds the "[name]" header at or after line from (1-based),
// before the next [[top-level]] header; from when there is none.
func tableLine(lines []string, from int, name string) int {
	blanks := strings.NewReplacer(" ", "", "\t", "", `"`, "", "'", "")
	for i := max(from, 1); i <= len(lines); i++ {
		t := strings.TrimSpace(lines[i-1])
		if i > from && strings.HasPrefix(t, "[[") && !strings.Contains(t, ".") {
			break
		}
		h, _, _ := strings.Cut(t, "#")
		if blanks.Replace(h) == "["+name+"]" {
			return i
		}
	}
	return max(from, 1)
}
