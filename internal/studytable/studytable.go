// Package studytable holds the logic behind the studies comparison table:
// which columns exist, what each cell says, how rows sort and filter, and
// the field-by-field comparison of several studies. It is Fyne-free so all
// of it is tested without a display.
package studytable

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/fold"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Column is a data column of the table.
type Column int

// The table's columns, in display order.
const (
	ColStudy Column = iota
	ColDesign
	ColPopulation
	ColIntervention
	ColDuration
	ColDiet
	ColFatMeasure
	ColOutcome
	ColVerdict
	ColKeyLimitation
	NumColumns
)

// Title is the column's header text.
func (c Column) Title() string {
	switch c {
	case ColStudy:
		return "Study"
	case ColDesign:
		return "Design"
	case ColPopulation:
		return "n and sex"
	case ColIntervention:
		return "Intervention"
	case ColDuration:
		return "Duration"
	case ColDiet:
		return "Diet control"
	case ColFatMeasure:
		return "Fat measure"
	case ColOutcome:
		return "Outcome type"
	case ColVerdict:
		return "Verdict"
	case ColKeyLimitation:
		return "Key limitation"
	}
	return ""
}

// Outcome groups, in the order the table shows them: mechanism results are
// kept apart from (and above) results about fat loss.
const (
	GroupMechanism       = "mechanism"
	GroupBodyComposition = "body-composition"
	GroupReview          = "review"
)

var groupOrder = map[string]int{GroupMechanism: 0, GroupBodyComposition: 1, GroupReview: 2}

// GroupTitle is the divider text shown above a group's rows.
func GroupTitle(outcome string) string {
	switch outcome {
	case GroupMechanism:
		return "One session; no fat-loss outcome"
	case GroupBodyComposition:
		return "Fat measured before and after training"
	case GroupReview:
		return "Pooled results of several trials"
	}
	return "Other outcomes"
}

// RiskLabel is the reader's words for a risk-of-bias level ("low",
// "some-concerns", "high"; "" when a domain was not judged).
func RiskLabel(level string) string {
	switch level {
	case "low":
		return "Low risk"
	case "some-concerns":
		return "Some concerns"
	case "high":
		return "High risk"
	case "":
		return "Not reported"
	}
	return level
}

// OutcomeLabel is the short outcome chip text.
func OutcomeLabel(outcome string) string {
	switch outcome {
	case GroupMechanism:
		return "Mechanism"
	case GroupBodyComposition:
		return "Body composition"
	case GroupReview:
		return "Review"
	}
	return outcome
}

// VerdictLabel is the verdict as a reader sees it.
func VerdictLabel(v string) string {
	switch v {
	case "yes":
		return "Yes, local loss"
	case "no":
		return "No local loss"
	case "mixed":
		return "Mixed"
	case "not-measured":
		return "Not measured"
	}
	return v
}

var verdictOrder = map[string]int{"yes": 0, "mixed": 1, "no": 2, "not-measured": 3}

// Population is the "n and sex" cell, e.g. "10 men" or "n not reported, men and women".
func Population(s *pack.Study) string {
	sex := s.Population.Sex
	if sex == "" || sex == "not reported" {
		sex = "sex not reported"
	}
	if s.Population.N <= 0 {
		return "n not reported, " + sex
	}
	if sex == "sex not reported" {
		return strconv.Itoa(s.Population.N) + ", " + sex
	}
	return strconv.Itoa(s.Population.N) + " " + sex
}

// Cell is the text of one cell.
func Cell(s *pack.Study, c Column) string {
	switch c {
	case ColStudy:
		if s.Label != "" {
			return s.Label
		}
		return s.ID
	case ColDesign:
		return s.Design
	case ColPopulation:
		return Population(s)
	case ColIntervention:
		return s.Intervention
	case ColDuration:
		return s.Duration
	case ColDiet:
		return s.DietControl
	case ColFatMeasure:
		return strings.Join(s.FatMeasure, "; ")
	case ColOutcome:
		return OutcomeLabel(s.Outcome)
	case ColVerdict:
		return VerdictLabel(s.Verdict)
	case ColKeyLimitation:
		return s.KeyLimitation
	}
	return ""
}

// Row is one displayed row: either a group divider or a study.
type Row struct {
	// Group is the outcome group the row belongs to.
	Group string
	// Header is true for the divider row that opens a group.
	Header bool
	// Count is the number of studies in the group (on header rows).
	Count int
	// Study is nil on header rows.
	Study *pack.Study
}

// Table is the table's state: all studies, the sort and the filter.
type Table struct {
	studies   []*pack.Study
	sortCol   Column
	desc      bool
	sorted    bool
	onlyCited bool
	rows      []Row
}

// New builds a table over the pack's studies, in pack order.
func New(studies []pack.Study) *Table {
	t := &Table{sortCol: -1}
	for i := range studies {
		t.studies = append(t.studies, &studies[i])
	}
	t.rebuild()
	return t
}

// Rows are the rows to display: group dividers and studies.
func (t *Table) Rows() []Row { return t.rows }

// Studies are the displayed studies in display order, without dividers.
func (t *Table) Studies() []*pack.Study {
	var out []*pack.Study
	for _, r := range t.rows {
		if !r.Header {
			out = append(out, r.Study)
		}
	}
	return out
}

// SortState returns the sorted column (-1 for pack order) and direction.
func (t *Table) SortState() (Column, bool) {
	if !t.sorted {
		return -1, false
	}
	return t.sortCol, t.desc
}

// Sort orders studies by col; ties keep their pack order.
func (t *Table) Sort(col Column, desc bool) {
	t.sortCol, t.desc, t.sorted = col, desc, col >= 0 && col < NumColumns
	t.rebuild()
}

// ToggleSort is a click on a column header: a new column sorts ascending,
// the same column flips direction.
func (t *Table) ToggleSort(col Column) {
	if t.sorted && t.sortCol == col {
		t.Sort(col, !t.desc)
		return
	}
	t.Sort(col, false)
}

// OnlyCited reports whether the filter to cited studies is on.
func (t *Table) OnlyCited() bool { return t.onlyCited }

// SetOnlyCited shows only the studies the article cites when on.
func (t *Table) SetOnlyCited(on bool) {
	t.onlyCited = on
	t.rebuild()
}

// IndexOf returns the row index of a study, or -1 when it is not shown.
func (t *Table) IndexOf(id string) int {
	for i, r := range t.rows {
		if !r.Header && r.Study.ID == id {
			return i
		}
	}
	return -1
}

func (t *Table) rebuild() {
	var shown []*pack.Study
	for _, s := range t.studies {
		if t.onlyCited && !s.Cited {
			continue
		}
		shown = append(shown, s)
	}
	sort.SliceStable(shown, func(i, j int) bool {
		gi, gj := groupRank(shown[i].Outcome), groupRank(shown[j].Outcome)
		if gi != gj {
			return gi < gj
		}
		if !t.sorted {
			return false
		}
		c := compare(shown[i], shown[j], t.sortCol)
		if t.desc {
			return c > 0
		}
		return c < 0
	})
	t.rows = t.rows[:0]
	for i := 0; i < len(shown); {
		g := shown[i].Outcome
		j := i
		for j < len(shown) && shown[j].Outcome == g {
			j++
		}
		t.rows = append(t.rows, Row{Group: g, Header: true, Count: j - i})
		for _, s := range shown[i:j] {
			t.rows = append(t.rows, Row{Group: g, Study: s})
		}
		i = j
	}
}

func groupRank(outcome string) int {
	if r, ok := groupOrder[outcome]; ok {
		return r
	}
	return len(groupOrder)
}

// compare orders two studies by one column: numbers by value, durations by
// length, verdicts from "yes" to "not measured", text without case or accents.
func compare(a, b *pack.Study, col Column) int {
	switch col {
	case ColPopulation:
		// Unknown sizes sort last when ascending.
		na, nb := a.Population.N, b.Population.N
		if na <= 0 {
			na = 1 << 30
		}
		if nb <= 0 {
			nb = 1 << 30
		}
		if na != nb {
			return cmpInt(na, nb)
		}
	case ColDuration:
		da, db := DurationDays(a.Duration), DurationDays(b.Duration)
		if da != db {
			return cmpInt(da, db)
		}
	case ColVerdict:
		if c := cmpInt(rank(verdictOrder, a.Verdict), rank(verdictOrder, b.Verdict)); c != 0 {
			return c
		}
	}
	return strings.Compare(foldString(Cell(a, col)), foldString(Cell(b, col)))
}

func rank(m map[string]int, k string) int {
	if r, ok := m[k]; ok {
		return r
	}
	return len(m)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func foldString(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(fold.Rune(r))
	}
	return b.String()
}

var durationPattern = regexp.MustCompile(`(?i)\b(\d+|one|single|two|three|four|six)\s*(session|day|week|month|year)s?\b`)

var wordNumbers = map[string]int{"one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "six": 6}

// DurationDays estimates a duration in days from text like "8 weeks",
// "27 days" or "One session" (one day). The first length found counts;
// text without one sorts after every known length.
func DurationDays(s string) int {
	m := durationPattern.FindStringSubmatch(s)
	if m == nil {
		return 1 << 30
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		n = wordNumbers[strings.ToLower(m[1])]
	}
	switch strings.ToLower(m[2]) {
	case "week":
		return n * 7
	case "month":
		return n * 30
	case "year":
		return n * 365
	}
	return n
}

// Field is one row of a side-by-side comparison.
type Field struct {
	Name string
	// Values holds one value per compared study, in the order given.
	Values []string
	// Differs is true when the studies do not all have the same value.
	Differs bool
}

// Compare lays several studies side by side, field by field.
func Compare(studies []*pack.Study) []Field {
	type getter struct {
		name string
		get  func(s *pack.Study) string
	}
	list := func(items []string) string {
		if len(items) == 0 {
			return ""
		}
		return "• " + strings.Join(items, "\n• ")
	}
	rob := func(s *pack.Study) string {
		r := s.RiskOfBias
		if r == nil {
			return "not assessed"
		}
		if !r.Applies {
			return "Not applicable: " + r.Reason
		}
		return fmt.Sprintf("Overall: %s\nD1 %s · D2 %s · D3 %s · D4 %s · D5 %s", RiskLabel(r.Overall.Level),
			RiskLabel(r.D1.Level), RiskLabel(r.D2.Level), RiskLabel(r.D3.Level), RiskLabel(r.D4.Level), RiskLabel(r.D5.Level))
	}
	fields := []getter{
		{"Design", func(s *pack.Study) string { return s.Design }},
		{"Participants", func(s *pack.Study) string {
			p := Population(s)
			if s.Population.Note != "" {
				p += "\n" + s.Population.Note
			}
			return p
		}},
		{"Age", func(s *pack.Study) string { return s.Population.Age }},
		{"BMI", func(s *pack.Study) string { return s.Population.BMI }},
		{"Intervention", func(s *pack.Study) string { return s.Intervention }},
		{"Comparator", func(s *pack.Study) string { return s.Comparator }},
		{"Duration", func(s *pack.Study) string { return s.Duration }},
		{"Frequency", func(s *pack.Study) string { return s.Frequency }},
		{"Diet control", func(s *pack.Study) string { return s.DietControl }},
		{"Fat measure", func(s *pack.Study) string { return list(s.FatMeasure) }},
		{"Outcome type", func(s *pack.Study) string { return OutcomeLabel(s.Outcome) }},
		{"Results", func(s *pack.Study) string { return list(s.Results) }},
		{"Conclusion", func(s *pack.Study) string { return s.Conclusion }},
		{"Verdict", func(s *pack.Study) string {
			v := VerdictLabel(s.Verdict)
			if s.VerdictNote != "" {
				v += "\n" + s.VerdictNote
			}
			return v
		}},
		{"Key limitation", func(s *pack.Study) string { return s.KeyLimitation }},
		{"Risk of bias", rob},
		{"Cited by the article", func(s *pack.Study) string {
			if s.Cited {
				return "yes"
			}
			return "no"
		}},
	}
	out := make([]Field, 0, len(fields))
	for _, g := range fields {
		f := Field{Name: g.name}
		for i, s := range studies {
			v := g.get(s)
			if v == "" {
				v = "not reported"
			}
			f.Values = append(f.Values, v)
			if i > 0 && v != f.Values[0] {
				f.Differs = true
			}
		}
		out = append(out, f)
	}
	return out
}
