// Package pack loads, models and validates evidence packs: a folder with
// pack.toml, article.md, studies.toml, limitations.md, guidance.md,
// references.json (CSL-JSON), and optionally slides.md and changelog.md.
//
// The package is Fyne-free so it can be tested and used without a display.
package pack

import (
	"time"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// File names inside a pack folder.
const (
	FilePack        = "pack.toml"
	FileArticle     = "article.md"
	FileStudies     = "studies.toml"
	FileLimitations = "limitations.md"
	FileGuidance    = "guidance.md"
	FileReferences  = "references.json"
	FileSlides      = "slides.md"
	FileChangelog   = "changelog.md"
)

// Pack is a loaded evidence pack. Every field is usable even when the pack
// had errors: missing parts are empty, never nil-dereferenced.
type Pack struct {
	// Name is how the pack's location is shown in messages (a folder or "bundled").
	Name string
	Meta Meta

	Article     *doc.Document
	Limitations *doc.Document
	Guidance    *doc.Document
	Studies     []Study
	References  []Reference
	// Slides is the raw slides.md source, nil when the pack has none.
	Slides []byte

	// Sources keeps every file's raw bytes, keyed by file name, for
	// exporters and search.
	Sources map[string][]byte

	// Changelog is changelog.md's entries in the order written (newest
	// first by convention); nil when the pack has none.
	Changelog []ChangelogEntry
	// Hash is the pack's content hash, "sha256:" and 64 hex digits, over
	// the files in Sources (see ContentHash). Two copies of a pack with the
	// same hash have the same text. It is "" when no file could be read.
	Hash string

	refIndex   map[string]int
	studyIndex map[string]int
	// refStudy is the first study of each reference id.
	refStudy map[string]int
	vocab    *Vocabulary
}

// Meta is pack.toml.
type Meta struct {
	ID       string   `toml:"id"`
	Title    string   `toml:"title"`
	Subtitle string   `toml:"subtitle"`
	Version  string   `toml:"version"`
	Language string   `toml:"language"`
	Editors  []string `toml:"editors"`
	License  string   `toml:"license"`
	Source   Origin   `toml:"source"`
	// LastReviewed is when the editors last checked the pack against the evidence.
	LastReviewed Date `toml:"last_reviewed"`
	// NextReview is when the pack is due for another review.
	NextReview Date `toml:"next_review"`
	// EvidenceSearchedTo is the date up to which the literature was searched.
	EvidenceSearchedTo Date   `toml:"evidence_searched_to"`
	Disclaimer         string `toml:"disclaimer"`

	// The pack's vocabulary (docs/pack-format.md#vocabulary); Pack.Vocab
	// resolves it with the neutral defaults.
	Outcomes []OutcomeType `toml:"outcome"`
	Verdict  *VerdictWords `toml:"verdict"`
	Fields   *FieldLabels  `toml:"fields"`
}

// Origin describes the original article a pack is made from.
type Origin struct {
	Title     string `toml:"title"`
	Author    string `toml:"author"`
	Publisher string `toml:"publisher"`
	URL       string `toml:"url"`
	Retrieved Date   `toml:"retrieved"`
}

// Date is a calendar date written in TOML either as a local date
// (2026-11-27) or as a string ("2026-11-27").
type Date struct {
	time.Time
	// Raw holds a value that was given but is not a valid date.
	Raw string
	set bool
}

// Study is one [[study]] table in studies.toml.
type Study struct {
	ID string `toml:"id"`
	// Ref is the id of the study's entry in references.json.
	Ref string `toml:"ref"`
	// Label is the short name shown in tables, e.g. "Stallknecht 2007".
	Label string `toml:"label"`
	// Cited is true when the article cites this study.
	Cited        bool       `toml:"cited"`
	Design       string     `toml:"design"`
	Population   Population `toml:"population"`
	Intervention string     `toml:"intervention"`
	Comparator   string     `toml:"comparator"`
	Duration     string     `toml:"duration"`
	Frequency    string     `toml:"frequency"`
	// Control is what else was kept the same (a warm-up, a co-intervention);
	// pack.toml's [fields] names it.
	Control string `toml:"control"`
	// Measure lists how the main outcome was measured; [fields] names it.
	Measure []string `toml:"measure"`
	// Outcome is the key of one of the pack's outcome types.
	Outcome    string   `toml:"outcome"`
	Results    []string `toml:"results"`
	Conclusion string   `toml:"conclusion"`
	// Verdict is the study's answer to the pack's question: yes, no,
	// mixed or not-measured ([verdict] in pack.toml words them).
	Verdict       string        `toml:"verdict"`
	VerdictNote   string        `toml:"verdict_note"`
	KeyLimitation string        `toml:"key_limitation"`
	Limitations   []string      `toml:"limitations"`
	RiskOfBias    *RiskOfBias   `toml:"risk_of_bias"`
	Sources       []Source      `toml:"source"`
	Discrepancies []Discrepancy `toml:"discrepancy"`

	// Line is the line of the study's [[study]] header in studies.toml.
	Line int `toml:"-"`
}

// Population of a study. N is 0 when not reported.
type Population struct {
	N    int    `toml:"n"`
	Note string `toml:"note"`
	Sex  string `toml:"sex"`
	Age  string `toml:"age"`
	BMI  string `toml:"bmi"`
}

// Source says where a group of facts came from and how sure we are.
type Source struct {
	Facts string `toml:"facts"`
	Where string `toml:"where"`
	URL   string `toml:"url"`
	// Confidence is high, medium, low or conflict.
	Confidence string `toml:"confidence"`
}

// Discrepancy records a place where the article and a primary source differ.
// Both sides are kept; neither is silently corrected.
type Discrepancy struct {
	Field string `toml:"field"`
	// Anchor is text that occurs verbatim in article.md, where the app shows a marker.
	Anchor  string `toml:"anchor"`
	Article string `toml:"article"`
	Source  string `toml:"source"`
	// SourceName names the source that says otherwise.
	SourceName string `toml:"source_name"`
	Note       string `toml:"note"`
}

// Reference is one CSL-JSON item as read from references.json.
type Reference struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	Author         []Name    `json:"author,omitempty"`
	Issued         *CSLDate  `json:"issued,omitempty"`
	AvailableDate  *CSLDate  `json:"available-date,omitempty"`
	ContainerTitle string    `json:"container-title,omitempty"`
	ContainerShort string    `json:"container-title-short,omitempty"`
	Volume         string    `json:"volume,omitempty"`
	Issue          string    `json:"issue,omitempty"`
	Page           string    `json:"page,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	PMID           string    `json:"PMID,omitempty"`
	PMCID          string    `json:"PMCID,omitempty"`
	URL            string    `json:"URL,omitempty"`
	Note           string    `json:"note,omitempty"`
	Custom         CSLCustom `json:"custom,omitempty"`

	// Line is the line in references.json where the item starts.
	Line int `json:"-"`
}

// CSLCustom holds the fields CSL-JSON has no variable for.
type CSLCustom struct {
	// AsPrinted is the reference exactly as the article's list prints it.
	AsPrinted string `json:"as-printed,omitempty"`
	// Verified says which facts were checked against a primary source.
	Verified string `json:"verified,omitempty"`
}

// Name is a CSL name.
type Name struct {
	Family           string `json:"family,omitempty"`
	Given            string `json:"given,omitempty"`
	NonDroppingPart  string `json:"non-dropping-particle,omitempty"`
	DroppingParticle string `json:"dropping-particle,omitempty"`
	Literal          string `json:"literal,omitempty"`
}

// CSLDate is a CSL date: {"date-parts": [[2007, 2, 1]]}.
type CSLDate struct {
	DateParts [][]any `json:"date-parts,omitempty"`
	Literal   string  `json:"literal,omitempty"`
	Raw       string  `json:"raw,omitempty"`
}
