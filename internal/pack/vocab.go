package pack

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// A pack may be on any question, so every word that names the question's
// outcomes, its verdict or its topic-specific fields comes from pack.toml:
// [[outcome]], [verdict] and [fields] (docs/pack-format.md#vocabulary).
// The code holds only neutral defaults for a pack that declares none.

// OutcomeType is one [[outcome]] table of pack.toml: a kind of result the
// studies report. The studies table groups studies by it, in the order
// pack.toml declares the types.
type OutcomeType struct {
	// Key is what a study's outcome field says ("mechanism").
	Key string `toml:"key"`
	// Label is the chip and badge text ("Mechanism").
	Label string `toml:"label"`
	// Legend is the one line beside the chip in the studies legend.
	Legend string `toml:"legend"`
	// Heading is the divider above the type's rows in the studies table;
	// empty means the legend with a capital letter.
	Heading string `toml:"heading"`
	// Mechanism marks results that are not the pack's main outcome (a
	// mechanism, a surrogate, an acute response): the app shades them and
	// keeps them apart, so they are never read as answers to the question.
	Mechanism bool `toml:"mechanism"`
	// RecordNote is a caution shown on the record of every study of this type.
	RecordNote string `toml:"record_note"`
	// About explains the type in the handout's note on outcome types.
	About string `toml:"about"`
	// SlideNote is the footer line of a studies slide that shows a study of
	// this type (for mechanism types: what the shading means).
	SlideNote string `toml:"slide_note"`

	// Tone is the type's colour: see Tone.
	Tone Tone `toml:"-"`
	// Declared is false for a type the app made up (no [[outcome]] tables,
	// or a study outcome pack.toml does not declare).
	Declared bool `toml:"-"`
}

// Tone is the colour family of an outcome type. The first type that is not
// mechanism-like is the main outcome; later ones are secondary.
type Tone int

// Tones.
const (
	ToneSecondary Tone = iota
	ToneMechanism
	ToneMain
)

// VerdictWords is pack.toml's [verdict]: the question every study's
// verdict answers and the words for its four answers.
type VerdictWords struct {
	// Question heads the verdict in the handout and on slides ("Fewer injuries?").
	Question    string `toml:"question"`
	Yes         Answer `toml:"yes"`
	No          Answer `toml:"no"`
	Mixed       Answer `toml:"mixed"`
	NotMeasured Answer `toml:"not-measured"`
}

// Answer is the words for one verdict.
type Answer struct {
	// Answer follows the question: "Fewer injuries? No".
	Answer string `toml:"answer"`
	// Label stands without the question, in the app's tables and records:
	// "No fewer injuries". Empty means question and answer together.
	Label string `toml:"label"`
	// Phrase spells the finding out where a study is summarised in a
	// sentence (the citation panel): "Injuries were no fewer". Empty means Label.
	Phrase string `toml:"phrase"`
}

// FieldLabels is pack.toml's [fields]: the names of the study fields whose
// meaning depends on the question.
type FieldLabels struct {
	// Measure names the measure field: how the main outcome was measured.
	Measure string `toml:"measure"`
	// Control names the control field: what else was kept the same.
	Control string `toml:"control"`
}

// Neutral defaults, for packs that declare no vocabulary.
const (
	DefaultVerdictQuestion = "Verdict"
	DefaultMeasureLabel    = "Outcome measure"
	DefaultControlLabel    = "Other factors controlled"
	notReportedText        = "Not reported"
)

// builtinOutcomes describe the two outcome keys the first pack format
// defined with a meaning of their own, for packs without [[outcome]].
var builtinOutcomes = map[string]OutcomeType{
	"mechanism": {
		Key: "mechanism", Label: "Mechanism", Legend: "not the pack's main outcome", Mechanism: true,
		RecordNote: "This study measured a mechanism, not the outcome the pack's question is about. Read its result as a clue to how an effect might work, not as evidence that it happens.",
		SlideNote:  "Shaded rows measured a mechanism, not the outcome the question is about.",
	},
	"review": {Key: "review", Label: "Review", Legend: "pooled results of several studies"},
}

// Vocabulary is a pack's words, resolved: what pack.toml declares, with
// neutral defaults for the rest and an entry for every outcome key the
// studies use.
type Vocabulary struct {
	outcomes []OutcomeType
	byKey    map[string]int
	verdict  VerdictWords
	fields   FieldLabels
	// declaredVerdict and the field flags say what pack.toml declared.
	declaredVerdict bool
	measureUsed     bool
	controlUsed     bool
	// ageReported and bmiReported: some study gives its participants'.
	ageReported bool
	bmiReported bool
	printer     *message.Printer
}

// NewVocabulary resolves the vocabulary of a pack from its pack.toml and
// studies. It never fails: a pack with no vocabulary gets neutral words.
func NewVocabulary(m Meta, studies []Study) *Vocabulary {
	v := &Vocabulary{byKey: map[string]int{}}
	add := func(o OutcomeType) {
		if o.Key == "" {
			return
		}
		if _, dup := v.byKey[o.Key]; dup {
			return
		}
		if o.Label == "" {
			o.Label = Humanize(o.Key)
		}
		if o.Heading == "" {
			o.Heading = capitalize(o.Legend)
		}
		if o.Heading == "" {
			o.Heading = o.Label
		}
		v.byKey[o.Key] = len(v.outcomes)
		v.outcomes = append(v.outcomes, o)
	}
	if len(m.Outcomes) > 0 {
		for _, o := range m.Outcomes {
			o.Declared = true
			add(o)
		}
	} else {
		// No declaration: the keys the studies use, mechanism first and
		// review last as the first format ordered them.
		used := map[string]bool{}
		var keys []string
		for _, s := range studies {
			if s.Outcome != "" && !used[s.Outcome] {
				used[s.Outcome] = true
				keys = append(keys, s.Outcome)
			}
		}
		if used["mechanism"] {
			add(builtinOutcomes["mechanism"])
		}
		for _, k := range keys {
			if k != "mechanism" && k != "review" {
				add(OutcomeType{Key: k})
			}
		}
		if used["review"] {
			add(builtinOutcomes["review"])
		}
	}
	// Study outcomes pack.toml does not declare (an error the validator
	// reports) still get a group of their own, after the declared ones.
	for _, s := range studies {
		if _, ok := v.byKey[s.Outcome]; !ok && s.Outcome != "" {
			add(OutcomeType{Key: s.Outcome})
		}
	}
	main := false
	for i := range v.outcomes {
		o := &v.outcomes[i]
		switch {
		case o.Mechanism:
			o.Tone = ToneMechanism
		case !main:
			o.Tone, main = ToneMain, true
		default:
			o.Tone = ToneSecondary
		}
	}

	if m.Verdict != nil {
		v.verdict = *m.Verdict
		v.declaredVerdict = true
	}
	if v.verdict.Question == "" {
		v.verdict.Question = DefaultVerdictQuestion
	}
	if m.Fields != nil {
		v.fields = *m.Fields
	}
	v.measureUsed, v.controlUsed = v.fields.Measure != "", v.fields.Control != ""
	for _, s := range studies {
		v.measureUsed = v.measureUsed || len(s.Measure) > 0
		v.controlUsed = v.controlUsed || s.Control != ""
		v.ageReported = v.ageReported || Reported(s.Population.Age)
		v.bmiReported = v.bmiReported || Reported(s.Population.BMI)
	}
	if v.fields.Measure == "" {
		v.fields.Measure = DefaultMeasureLabel
	}
	if v.fields.Control == "" {
		v.fields.Control = DefaultControlLabel
	}
	tag, err := language.Parse(m.Language)
	if err != nil {
		tag = language.English
	}
	v.printer = message.NewPrinter(tag)
	return v
}

// Outcomes are the outcome types in display order.
func (v *Vocabulary) Outcomes() []OutcomeType { return v.outcomes }

// Outcome returns the type with the given key. An unknown key gets a
// type labelled with the key itself, ranked after every known type.
func (v *Vocabulary) Outcome(key string) OutcomeType {
	if i, ok := v.byKey[key]; ok {
		return v.outcomes[i]
	}
	if key == "" {
		return OutcomeType{Label: notReportedText, Heading: "Outcome not reported"}
	}
	return OutcomeType{Key: key, Label: Humanize(key), Heading: Humanize(key)}
}

// OutcomeRank is the position of an outcome's group in the studies table.
func (v *Vocabulary) OutcomeRank(key string) int {
	if i, ok := v.byKey[key]; ok {
		return i
	}
	return len(v.outcomes)
}

// IsMechanism reports whether studies of this outcome type measured
// something other than the pack's main outcome.
func (v *Vocabulary) IsMechanism(key string) bool { return v.Outcome(key).Mechanism }

// Declared reports whether pack.toml declares the outcome key.
func (v *Vocabulary) Declared(key string) bool {
	i, ok := v.byKey[key]
	return ok && v.outcomes[i].Declared
}

// VerdictQuestion is the question the verdicts answer ("Fewer injuries?").
func (v *Vocabulary) VerdictQuestion() string { return v.verdict.Question }

// VerdictDeclared reports whether pack.toml has a [verdict] table.
func (v *Vocabulary) VerdictDeclared() bool { return v.declaredVerdict }

func (v *Vocabulary) answer(verdict string) (Answer, string, bool) {
	switch verdict {
	case "yes":
		return v.verdict.Yes, "Yes", true
	case "no":
		return v.verdict.No, "No", true
	case "mixed":
		return v.verdict.Mixed, "Mixed", true
	case "not-measured":
		return v.verdict.NotMeasured, "Not measured", true
	}
	return Answer{}, "", false
}

// VerdictAnswer is the answer that follows the question ("No"). An empty
// verdict is "Not reported"; one the format does not know is shown as written.
func (v *Vocabulary) VerdictAnswer(verdict string) string {
	a, def, ok := v.answer(verdict)
	switch {
	case !ok && verdict == "":
		return notReportedText
	case !ok:
		return verdict
	case a.Answer != "":
		return a.Answer
	}
	return def
}

// VerdictLabel is the verdict standing on its own ("No fewer injuries",
// or "Fewer injuries? No" when the pack gives no label).
func (v *Vocabulary) VerdictLabel(verdict string) string {
	a, _, ok := v.answer(verdict)
	switch {
	case !ok:
		return v.VerdictAnswer(verdict)
	case a.Label != "":
		return a.Label
	case v.declaredVerdict && v.verdict.Question != "":
		return v.verdict.Question + " " + v.VerdictAnswer(verdict)
	}
	return v.VerdictAnswer(verdict)
}

// VerdictPhrase spells the finding out for a sentence ("Injuries were no fewer").
func (v *Vocabulary) VerdictPhrase(verdict string) string {
	if a, _, ok := v.answer(verdict); ok && a.Phrase != "" {
		return a.Phrase
	}
	return v.VerdictLabel(verdict)
}

// MeasureLabel names the measure field ("Injury measure").
func (v *Vocabulary) MeasureLabel() string { return v.fields.Measure }

// ControlLabel names the control field ("Warm-up").
func (v *Vocabulary) ControlLabel() string { return v.fields.Control }

// MeasureUsed reports whether the pack names or fills the measure field;
// views leave out a field that no study uses and the pack does not name.
func (v *Vocabulary) MeasureUsed() bool { return v.measureUsed }

// ControlUsed is MeasureUsed for the control field.
func (v *Vocabulary) ControlUsed() bool { return v.controlUsed }

// AgeReported reports whether some study in the pack gives its
// participants' age. Views list the Age field only then, so that a pack
// whose sources give no ages does not say "not reported" in every record;
// when one study gives it, every other says it is not reported.
func (v *Vocabulary) AgeReported() bool { return v.ageReported }

// BMIReported is AgeReported for the participants' BMI.
func (v *Vocabulary) BMIReported() bool { return v.bmiReported }

// Reported reports whether a study's value says something: it is neither
// empty nor "not reported" (as studies.toml writes what its sources do not
// give; any letter case).
func Reported(value string) bool {
	t := strings.TrimSpace(value)
	return t != "" && !strings.EqualFold(t, "not reported")
}

// Count formats a count of people or items with the pack language's digit
// grouping: 26610 is "26,610" in English.
func (v *Vocabulary) Count(n int) string { return v.printer.Sprintf("%d", n) }

// Vocab returns the pack's resolved vocabulary.
func (p *Pack) Vocab() *Vocabulary {
	if p.vocab == nil {
		// A Pack built without Load (tests, generated packs) is resolved
		// on each call; Load resolves it once.
		return NewVocabulary(p.Meta, p.Studies)
	}
	return p.vocab
}

// Humanize turns a key into words: "secondary-outcome" is "Secondary outcome".
func Humanize(key string) string {
	return capitalize(strings.Join(strings.FieldsFunc(key, func(r rune) bool { return r == '-' || r == '_' }), " "))
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// checkVocabulary validates pack.toml's vocabulary and tells an author who
// declared none what the app will show instead.
func (l *loader) checkVocabulary() {
	m := l.p.Meta
	lines := l.linesOf(FilePack)
	heads := tomlTables(l.p.Sources[FilePack], "outcome")
	seen := map[string]int{}
	for i, o := range m.Outcomes {
		line := 1
		if len(heads) == len(m.Outcomes) {
			line = heads[i]
		}
		switch {
		case o.Key == "":
			l.add(FilePack, line, 1, Error, "[[outcome]] has no key: write key = \"…\" (the value studies.toml's outcome fields use)")
		case !idPattern.MatchString(o.Key):
			l.add(FilePack, tomlKeyLine(lines, line, "key"), 1, Error, "outcome key %q must be lowercase letters, digits, '.', '_' or '-'", o.Key)
		case seen[o.Key] > 0:
			l.add(FilePack, tomlKeyLine(lines, line, "key"), 1, Error, "duplicate outcome key %q (first at line %d)", o.Key, seen[o.Key])
		default:
			seen[o.Key] = line
		}
		if o.Label == "" && o.Key != "" {
			l.add(FilePack, line, 1, Warning, "outcome %q has no label; the app shows %q", o.Key, Humanize(o.Key))
		}
		if o.Legend == "" && o.Key != "" {
			l.add(FilePack, line, 1, Note, "outcome %q has no legend: the studies legend will show its label alone", o.Key)
		}
	}
	// Whatever the pack leaves undeclared, one note says what the app
	// shows instead and what to declare: once pack.toml and studies.toml
	// have been read, since a broken file's errors come first.
	if !l.metaOK || !l.studiesOK || len(l.p.Studies) == 0 {
		return
	}
	v := l.p.Vocab()
	var missing []string
	if len(m.Outcomes) == 0 {
		var keys []string
		for _, o := range v.Outcomes() {
			keys = append(keys, o.Key)
		}
		missing = append(missing, fmt.Sprintf("the outcome types (%s, shown by their keys: add [[outcome]] tables with key, label, legend and, for results that are not the main outcome, mechanism = true)", strings.Join(keys, ", ")))
	}
	if m.Verdict == nil {
		missing = append(missing, fmt.Sprintf("the question the verdicts answer (headed %q: add [verdict] question = \"…?\")", DefaultVerdictQuestion))
	} else if m.Verdict.Question == "" {
		l.add(FilePack, tomlKeyLine(lines, 1, "question"), 1, Warning, "[verdict] has no question; verdicts are headed %q", DefaultVerdictQuestion)
	}
	if (m.Fields == nil || m.Fields.Measure == "") && v.MeasureUsed() {
		missing = append(missing, fmt.Sprintf("the measure field's name (shown as %q: add [fields] measure = \"…\")", DefaultMeasureLabel))
	}
	if (m.Fields == nil || m.Fields.Control == "") && v.ControlUsed() {
		missing = append(missing, fmt.Sprintf("the control field's name (shown as %q: add [fields] control = \"…\")", DefaultControlLabel))
	}
	if len(missing) > 0 {
		l.add(FilePack, 1, 1, Note, "pack.toml does not declare %s; see docs/pack-format.md#vocabulary", strings.Join(missing, "; "))
	}
}
