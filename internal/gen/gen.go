// Package gen generates large synthetic evidence packs for benchmarks and
// stress tests: thousands of references and studies and a long article,
// built directly as model values and also written as a pack folder.
package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Options size the generated pack. Zero fields take the defaults.
type Options struct {
	References int // default 10,000
	Studies    int // default 1,000
	// ArticleBytes is the approximate size of article.md; default 1 MB.
	ArticleBytes int
	// Seed makes the output reproducible; the same seed gives the same pack.
	Seed uint64
}

func (o Options) withDefaults() Options {
	if o.References <= 0 {
		o.References = 10000
	}
	if o.Studies <= 0 {
		o.Studies = 1000
	}
	if o.ArticleBytes <= 0 {
		o.ArticleBytes = 1 << 20
	}
	return o
}

var (
	families = []string{"Stallknecht", "Dela", "Helge", "Löberbauer-Purer", "Meyer", "Ring-Dimitriou", "Kässmann", "Müller",
		"Ramírez-Campillo", "Andrade", "Campos-Jara", "Henríquez-Olguín", "Izquierdo", "Guerra", "Orlandi", "Bazzucchi",
		"Sacchetti", "Vispute", "Katch", "Paoli", "Brobakken", "Kostek", "Nielsen", "Jørgensen", "Šimůnek", "Øvretveit",
		"Nguyễn", "Smith", "García", "Kowalski", "Brown", "Tanaka", "O'Brien", "Lefèvre", "Çelik", "Novák"}
	givens = []string{"Bente", "Flemming", "Jørn Wulff", "Elisabeth", "Nanna L.", "Helmut", "Rodrigo", "David C.", "Mikel",
		"Alessandro", "Enrico", "Ilenia", "Massimo", "Ana", "José", "Zoë", "Łukasz", "Søren"}
	journals = []string{"American Journal of Physiology-Endocrinology and Metabolism", "European Journal of Applied Physiology",
		"Journal of Strength and Conditioning Research", "The Journal of Sports Medicine and Physical Fitness",
		"Human Movement", "Obesity Reviews", "Medicine & Science in Sports & Exercise", "Journal of Applied Physiology"}
	words = strings.Fields(`regional fat loss spot reduction lipolysis adipose tissue subcutaneous abdominal training exercise
		resistance endurance localized muscle contraction blood flow trial randomized controlled meta-analysis systematic review
		participants women men adults body composition DEXA MRI skinfold circumference measurement diet control energy intake
		intervention comparator weeks sessions outcome mechanism evidence certainty bias indirectness small sample effect
		dysmorphia body image wellbeing guidance limitation reported measured significant difference group baseline follow-up
		arm leg trunk whole-body protocol high-repetition leg press crunches aerobic cycling walking heart rate lactate glycerol
		microdialysis catecholamines hormone sensitive lipase perfusion study data analysis confidence interval Hedges`)
	designs  = []string{"randomised controlled trial", "acute experiment", "non-randomised trial", "cross-sectional study", "meta-analysis"}
	verdicts = []string{"yes", "no", "mixed", "not-measured"}
)

type textGen struct{ r *rand.Rand }

func (g textGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g textGen) sentence(n int) string {
	var b strings.Builder
	for i := range n {
		w := g.pick(words)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

func (g textGen) name() pack.Name {
	return pack.Name{Family: g.pick(families), Given: g.pick(givens)}
}

// Generate returns a synthetic pack. Its Sources hold the same content as
// the files WritePack writes, article.md included.
func Generate(o Options) *pack.Pack {
	o = o.withDefaults()
	g := textGen{rand.New(rand.NewPCG(o.Seed, 0x5eed))}
	p := &pack.Pack{
		Name: "generated",
		Meta: pack.Meta{ID: "generated", Title: "Generated pack", Version: "1.0.0", Language: "en",
			Editors: []string{"Generator"}, License: "CC-BY-4.0"},
		Sources: map[string][]byte{},
	}
	for i := range o.References {
		r := pack.Reference{
			ID:             "ref" + strconv.Itoa(i),
			Type:           "article-journal",
			Title:          strings.TrimSuffix(g.sentence(6+g.r.IntN(10)), "."),
			Issued:         &pack.CSLDate{DateParts: [][]any{{float64(1980 + g.r.IntN(45)), float64(1 + g.r.IntN(12))}}},
			ContainerTitle: g.pick(journals),
			Volume:         strconv.Itoa(1 + g.r.IntN(300)),
			Issue:          strconv.Itoa(1 + g.r.IntN(12)),
			Page:           fmt.Sprintf("%d-%d", 100+i%900, 110+i%900),
			DOI:            fmt.Sprintf("10.%d/gen.%d", 1000+g.r.IntN(9000), i),
			PMID:           strconv.Itoa(10000000 + i),
		}
		for range 1 + g.r.IntN(8) {
			r.Author = append(r.Author, g.name())
		}
		p.References = append(p.References, r)
	}
	for i := range o.Studies {
		ref := p.References[i%len(p.References)]
		p.Studies = append(p.Studies, pack.Study{
			ID:            "study" + strconv.Itoa(i),
			Ref:           ref.ID,
			Label:         fmt.Sprintf("%s %d", ref.Author[0].Family, 1980+i%45),
			Cited:         i%3 == 0,
			Design:        g.pick(designs),
			Population:    pack.Population{N: 10 + g.r.IntN(200), Note: g.sentence(5)},
			Intervention:  g.sentence(8),
			Comparator:    g.sentence(4),
			Duration:      strconv.Itoa(1+g.r.IntN(24)) + " weeks",
			Control:       g.pick([]string{"none", "food diary", "controlled meals", "not reported"}),
			Measure:       []string{g.pick([]string{"DEXA", "MRI", "skinfold", "circumference"})},
			Outcome:       g.pick([]string{"mechanism", "body-composition", "review"}),
			Results:       []string{g.sentence(10)},
			Conclusion:    g.sentence(12),
			Verdict:       g.pick(verdicts),
			KeyLimitation: g.sentence(6),
		})
	}

	var md bytes.Buffer
	d := &doc.Document{}
	line := 1
	section := -1
	for md.Len() < o.ArticleBytes {
		if len(d.Blocks)%12 == 0 {
			section++
			title := fmt.Sprintf("%d. %s", section+1, strings.TrimSuffix(g.sentence(3+g.r.IntN(4)), "."))
			d.Sections = append(d.Sections, doc.Section{Title: title, Level: 2, ID: "s" + strconv.Itoa(section), Block: len(d.Blocks), Line: line})
			d.Blocks = append(d.Blocks, &doc.Block{Kind: doc.Heading, Level: 2, Line: line, Index: len(d.Blocks), Section: section,
				Inlines: []doc.Inline{{Text: title, Cite: -1}}})
			fmt.Fprintf(&md, "## %s\n\n", title)
			line += 2
			continue
		}
		var text strings.Builder
		for s := range 3 + g.r.IntN(5) {
			if s > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(g.sentence(8 + g.r.IntN(12)))
		}
		d.Blocks = append(d.Blocks, &doc.Block{Kind: doc.Paragraph, Line: line, Index: len(d.Blocks), Section: section,
			Inlines: []doc.Inline{{Text: text.String(), Cite: -1}}})
		md.WriteString(text.String())
		md.WriteString("\n\n")
		line += 2
	}
	p.Article = d
	p.Sources[pack.FileArticle] = md.Bytes()

	lim, limMD := smallDoc(g, "Limitations", 20)
	gui, guiMD := smallDoc(g, "Guidance", 10)
	p.Limitations, p.Guidance = lim, gui
	p.Sources[pack.FileLimitations] = limMD
	p.Sources[pack.FileGuidance] = guiMD
	// Resolved as Load resolves every pack the app opens.
	p.Resolve()
	return p
}

func smallDoc(g textGen, title string, paras int) (*doc.Document, []byte) {
	d := &doc.Document{Sections: []doc.Section{{Title: title, Level: 1, ID: strings.ToLower(title), Block: 0, Line: 1}}}
	d.Blocks = append(d.Blocks, &doc.Block{Kind: doc.Heading, Level: 1, Line: 1, Section: 0, Inlines: []doc.Inline{{Text: title, Cite: -1}}})
	var md bytes.Buffer
	fmt.Fprintf(&md, "# %s\n\n", title)
	for i := range paras {
		text := g.sentence(15)
		d.Blocks = append(d.Blocks, &doc.Block{Kind: doc.Paragraph, Line: 3 + 2*i, Index: i + 1, Section: 0, Inlines: []doc.Inline{{Text: text, Cite: -1}}})
		md.WriteString(text + "\n\n")
	}
	return d, md.Bytes()
}

// packFile mirrors pack.Meta for writing: dates as "YYYY-MM-DD" strings,
// a form pack.Date reads (time.Time would encode as a full timestamp).
type packFile struct {
	ID                 string   `toml:"id"`
	Title              string   `toml:"title"`
	Version            string   `toml:"version"`
	Language           string   `toml:"language"`
	Editors            []string `toml:"editors"`
	License            string   `toml:"license"`
	LastReviewed       string   `toml:"last_reviewed"`
	NextReview         string   `toml:"next_review"`
	EvidenceSearchedTo string   `toml:"evidence_searched_to"`
	Disclaimer         string   `toml:"disclaimer"`
}

type studiesFile struct {
	Study []pack.Study `toml:"study"`
}

// WritePack generates a pack and writes it as a pack folder in dir
// (created if needed): pack.toml, article.md, studies.toml,
// references.json, limitations.md and guidance.md.
func WritePack(dir string, o Options) error {
	p := Generate(o)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	ld := func(y int, m time.Month, d int) string {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	meta := packFile{ID: p.Meta.ID, Title: p.Meta.Title, Version: p.Meta.Version, Language: p.Meta.Language,
		Editors: p.Meta.Editors, License: p.Meta.License,
		LastReviewed: ld(2026, time.November, 1), NextReview: ld(2027, time.November, 1), EvidenceSearchedTo: ld(2026, time.October, 1),
		Disclaimer: "Synthetic pack for testing; the text is generated."}
	var mb, sb bytes.Buffer
	if err := toml.NewEncoder(&mb).Encode(meta); err != nil {
		return fmt.Errorf("gen: %s: %w", pack.FilePack, err)
	}
	if err := toml.NewEncoder(&sb).Encode(studiesFile{Study: p.Studies}); err != nil {
		return fmt.Errorf("gen: %s: %w", pack.FileStudies, err)
	}
	refs, err := json.MarshalIndent(p.References, "", "  ")
	if err != nil {
		return fmt.Errorf("gen: %s: %w", pack.FileReferences, err)
	}
	files := map[string][]byte{
		pack.FilePack:        mb.Bytes(),
		pack.FileStudies:     sb.Bytes(),
		pack.FileReferences:  append(refs, '\n'),
		pack.FileArticle:     p.Sources[pack.FileArticle],
		pack.FileLimitations: p.Sources[pack.FileLimitations],
		pack.FileGuidance:    p.Sources[pack.FileGuidance],
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	return nil
}
