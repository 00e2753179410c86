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
	ColControl
	ColMeasure
	ColOutcome
	ColVerdict
	ColKeyLimitation
	NumColumns
)

// Title is the column's header text; the control and measure columns are
// named by the pack's vocabulary.
func Title(v *pack.Vocabulary, c Column) string {
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
	case ColControl:
		return v.ControlLabel()
	case ColMeasure:
		return v.MeasureLabel()
	case ColOutcome:
		return "Outcome type"
	case ColVerdict:
		return "Verdict"
	case ColKeyLimitation:
		return "Key limitation"
	}
	return ""
}

// Population is the "n and sex" cell, e.g. "10 men" or "n not reported,
// men and women"; n is grouped the pack language's way ("1,538").
func Population(v *pack.Vocabulary, s *pack.Study) string {
	sex := s.Population.Sex
	if sex == "" || sex == "not reported" {
		sex = "sex not reported"
	}
	if s.Population.N <= 0 {
		return "n not reported, " + sex
	}
	if sex == "sex not reported" {
		return v.Count(s.Population.N) + ", " + sex
	}
	return v.Count(s.Population.N) + " " + sex
}

// Cell is the text of one cell.
func Cell(v *pack.Vocabulary, s *pack.Study, c Column) string {
	switch c {
	case ColStudy:
		if s.Label != "" {
			return s.Label
		}
		return s.ID
	case ColDesign:
		return s.Design
	case ColPopulation:
		return Population(v, s)
	case ColIntervention:
		return s.Intervention
	case ColDuration:
		return s.Duration
	case ColControl:
		return s.Control
	case ColMeasure:
		return strings.Join(s.Measure, "; ")
	case ColOutcome:
		return v.Outcome(s.Outcome).Label
	case ColVerdict:
		return v.VerdictLabel(s.Verdict)
	case ColKeyLimitation:
		return s.KeyLimitation
	}
	return ""
}

var verdictOrder = map[string]int{"yes": 0, "mixed": 1, "no": 2, "not-measured": 3}

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
	vocab     *pack.Vocabulary
	studies   []*pack.Study
	sortCol   Column
	desc      bool
	sorted    bool
	onlyCited bool
	rows      []Row
}

// New builds a table over the pack's studies, in pack order, grouped by
// the vocabulary's outcome types (nil: the neutral defaults).
func New(studies []pack.Study, v *pack.Vocabulary) *Table {
	if v == nil {
		v = pack.NewVocabulary(pack.Meta{}, studies)
	}
	t := &Table{sortCol: -1, vocab: v}
	for i := range studies {
		t.studies = append(t.studies, &studies[i])
	}
	t.rebuild()
	return t
}

// Vocab is the vocabulary the table words its cells with.
func (t *Table) Vocab() *pack.Vocabulary { return t.vocab }

// Cell is the text of one cell in the table's words.
func (t *Table) Cell(s *pack.Study, c Column) string { return Cell(t.vocab, s, c) }

// Title is a column's header in the table's words.
func (t *Table) Title(c Column) string { return Title(t.vocab, c) }

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
		gi, gj := t.vocab.OutcomeRank(shown[i].Outcome), t.vocab.OutcomeRank(shown[j].Outcome)
		if gi != gj {
			return gi < gj
		}
		if !t.sorted {
			return false
		}
		c := compare(t.vocab, shown[i], shown[j], t.sortCol)
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

// compare orders two studies by one column: numbers by value, durations by
// length, verdicts from "yes" to "not measured", text without case or accents.
func compare(v *pack.Vocabulary, a, b *pack.Study, col Column) int {
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
	return strings.Compare(foldString(Cell(v, a, col)), foldString(Cell(v, b, col)))
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

// Compare lays several studies side by side, field by field, in the
// vocabulary's words.
func Compare(v *pack.Vocabulary, studies []*pack.Study) []Field {
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
	rob := func(s *pack.Study) string { return RiskSummary(s.RiskOfBias) }
	fields := []getter{
		{"Design", func(s *pack.Study) string { return s.Design }},
		{"Participants", func(s *pack.Study) string {
			p := Population(v, s)
			if s.Population.Note != "" {
				p += "\n" + s.Population.Note
			}
			return p
		}},
	}
	// Age and BMI only when some study in the pack reports them.
	if v.AgeReported() {
		fields = append(fields, getter{"Age", func(s *pack.Study) string { return s.Population.Age }})
	}
	if v.BMIReported() {
		fields = append(fields, getter{"BMI", func(s *pack.Study) string { return s.Population.BMI }})
	}
	fields = append(fields, []getter{
		{"Intervention", func(s *pack.Study) string { return s.Intervention }},
		{"Comparator", func(s *pack.Study) string { return s.Comparator }},
		{"Duration", func(s *pack.Study) string { return s.Duration }},
		{"Frequency", func(s *pack.Study) string { return s.Frequency }},
	}...)
	// A field the pack neither names nor fills is left out.
	if v.ControlUsed() {
		fields = append(fields, getter{v.ControlLabel(), func(s *pack.Study) string { return s.Control }})
	}
	if v.MeasureUsed() {
		fields = append(fields, getter{v.MeasureLabel(), func(s *pack.Study) string { return list(s.Measure) }})
	}
	fields = append(fields, []getter{
		{"Outcome type", func(s *pack.Study) string { return v.Outcome(s.Outcome).Label }},
		{"Results", func(s *pack.Study) string { return list(s.Results) }},
		{"Conclusion", func(s *pack.Study) string { return s.Conclusion }},
		{"Verdict", func(s *pack.Study) string {
			out := v.VerdictLabel(s.Verdict)
			if s.VerdictNote != "" {
				out += "\n" + s.VerdictNote
			}
			return out
		}},
		{"Key limitation", func(s *pack.Study) string { return s.KeyLimitation }},
		{"Risk of bias", rob},
		{"Cited by the article", func(s *pack.Study) string {
			if s.Cited {
				return "yes"
			}
			return "no"
		}},
	}...)
	out := make([]Field, 0, len(fields))
	for _, g := range fields {
		f := Field{Name: g.name}
		for i, s := range studies {
			val := g.get(s)
			if val == "" {
				val = "not reported"
			}
			f.Values = append(f.Values, val)
			if i > 0 && val != f.Values[0] {
				f.Differs = true
			}
		}
		out = append(out, f)
	}
	return out
}

// RiskSummary sums an assessment up in two lines: the overall judgement,
// then every domain by its code ("D1 Low risk · D2 …").
func RiskSummary(r *pack.RiskOfBias) string {
	if r == nil {
		return "not assessed"
	}
	t := r.ToolInfo()
	if !r.Applies {
		if t == pack.RoB2 {
			return "Not applicable: " + r.Reason
		}
		return r.ToolName() + " not applicable: " + r.Reason
	}
	head := "Overall"
	if t != nil {
		head = t.OverallName
	}
	if t != pack.RoB2 {
		head = r.ToolName() + " · " + head
	}
	parts := make([]string, 0, 16)
	for _, j := range r.Judgements() {
		parts = append(parts, j.Domain.Code()+" "+j.Level.Label)
	}
	out := fmt.Sprintf("%s: %s", head, r.OverallLevel().Label)
	if len(parts) > 0 {
		out += "\n" + strings.Join(parts, " · ")
	}
	return out
}
