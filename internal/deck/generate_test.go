package deck

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/topicwords"
)

func para(s string) *doc.Block {
	return &doc.Block{Kind: doc.Paragraph, Inlines: []doc.Inline{{Text: s, Cite: -1}}}
}

func heading(level int, s string) *doc.Block {
	return &doc.Block{Kind: doc.Heading, Level: level, Inlines: []doc.Inline{{Text: s, Cite: -1}}}
}

// document builds a doc.Document from blocks, filling in Sections.
func document(blocks ...*doc.Block) *doc.Document {
	d := &doc.Document{Blocks: blocks}
	for i, b := range blocks {
		b.Index = i
		if b.Kind == doc.Heading {
			d.Sections = append(d.Sections, doc.Section{Title: b.Inlines[0].Text, Level: b.Level, Block: i})
		}
	}
	return d
}

func testPack() *pack.Pack {
	return &pack.Pack{
		Meta: pack.Meta{
			Title:        "Can you spot reduce fat?",
			Subtitle:     "What the studies *say*",
			LastReviewed: pack.Date{Time: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
			Disclaimer:   "General information, not medical advice.",
			Verdict:      &pack.VerdictWords{Question: "Local fat loss?"},
			Outcomes: []pack.OutcomeType{
				{Key: "mechanism", Label: "Mechanism", Mechanism: true},
				{Key: "body-composition", Label: "Body composition"},
			},
		},
		Article: document(
			heading(1, "Spot reduction"),
			para("Intro before the first section."),
			heading(2, "The question"),
			para("Many people want to lose fat in one place. They train that area."),
			&doc.Block{Kind: doc.List, Children: []*doc.Block{
				{Kind: doc.ListItem, Children: []*doc.Block{para("First item, e.g. crunches. More text.")}},
			}},
			heading(3, "A detail"),
			para("Subsection text belongs to the question slide."),
			heading(2, "Mechanism"),
			para(strings.Repeat("word ", 60)+"end."),
			heading(2, "Empty section"),
		),
		Limitations: document(heading(1, "Limitations"), heading(2, "Small samples"), para("x"), heading(2, "Diet not controlled")),
		Guidance:    document(heading(1, "Guidance"), para("Fat loss happens across the whole body. Be kind to yourself.")),
		Studies: []pack.Study{
			{ID: "a", Label: "A 2007", Outcome: "mechanism", Verdict: "not-measured", RiskOfBias: &pack.RiskOfBias{Applies: false, Reason: "acute experiment"}},
			{ID: "b", Label: "B 2017", Outcome: "body-composition", Verdict: "mixed"},
		},
		References: []pack.Reference{{ID: "a", Title: "T"}},
	}
}

func TestGenerate(t *testing.T) {
	slides := Generate(testPack())
	titles := make([]string, len(slides))
	for i, s := range slides {
		titles[i] = s.Title
		if s.Index != i {
			t.Errorf("slide %d Index %d", i, s.Index)
		}
	}
	want := []string{"Can you spot reduce fat?", "The question", "Mechanism", "Empty section",
		"Studies compared", "Risk of bias", "Limitations", "Guidance", "References"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Fatalf("titles = %q\nwant     %q", titles, want)
	}
	title := slides[0]
	if !strings.Contains(title.Body, `What the studies \*say\*`) || !strings.Contains(title.Body, "1 November 2026") {
		t.Errorf("title slide body = %q", title.Body)
	}
	if title.Notes != "General information, not medical advice." {
		t.Errorf("title notes = %q", title.Notes)
	}
	q := slides[1]
	wantBody := "## The question\n\n- Many people want to lose fat in one place.\n- First item, e.g. crunches.\n- Subsection text belongs to the question slide."
	if q.Body != wantBody {
		t.Errorf("question body = %q\nwant %q", q.Body, wantBody)
	}
	if !strings.Contains(q.Notes, "They train that area.") || !strings.Contains(q.Notes, "More text.") {
		t.Errorf("question notes miss section text: %q", q.Notes)
	}
	mech := slides[2].Body
	bullet := strings.TrimPrefix(strings.SplitN(mech, "\n\n", 2)[1], "- ")
	if n := len([]rune(bullet)); n > maxBulletLen || !strings.HasSuffix(bullet, "…") {
		t.Errorf("long bullet not clipped: %d runes %q", n, bullet)
	}
	if slides[4].Directive.Kind != KindStudies || slides[5].Directive.Kind != KindRoB || slides[8].Directive.Kind != KindReferences {
		t.Errorf("directive slides wrong: %+v %+v %+v", slides[4].Directive, slides[5].Directive, slides[8].Directive)
	}
	if !strings.Contains(slides[4].Notes, "B 2017 (Body composition): local fat loss? Mixed") {
		t.Errorf("studies notes = %q", slides[4].Notes)
	}
	if !strings.Contains(slides[5].Notes, "not assessed (acute experiment)") {
		t.Errorf("rob notes = %q", slides[5].Notes)
	}
	if slides[6].Body != "## Limitations\n\n- Small samples\n- Diet not controlled" {
		t.Errorf("limitations body = %q", slides[6].Body)
	}
	if !strings.Contains(slides[7].Body, "- Fat loss happens across the whole body.") {
		t.Errorf("guidance body = %q", slides[7].Body)
	}

	// The generated deck survives a trip through slides.md.
	back, diags := Parse([]byte(Format(slides)))
	if len(diags) != 0 || len(back) != len(slides) {
		t.Fatalf("round trip: %d slides, diags %v", len(back), diags)
	}
	for i := range back {
		if back[i].Body != slides[i].Body || back[i].Notes != slides[i].Notes || back[i].Directive.Kind != slides[i].Directive.Kind {
			t.Errorf("round trip slide %d:\n%+v\n%+v", i, back[i], slides[i])
		}
	}
}

func TestStudyNotesUseThePacksWords(t *testing.T) {
	p := testPack()
	p.Meta.Outcomes = nil
	p.Meta.Verdict = nil
	notes := Generate(p)[4].Notes
	// No vocabulary: neutral words, the outcome keys in words.
	if !strings.Contains(notes, "B 2017 (Body composition): verdict: Mixed") || strings.Contains(notes, "fat") {
		t.Errorf("notes without a vocabulary = %q", notes)
	}
	p.Meta.Verdict = &pack.VerdictWords{Question: "Fewer injuries?", Mixed: pack.Answer{Answer: "It depends"}}
	p.Meta.Outcomes = []pack.OutcomeType{{Key: "body-composition", Label: "Injuries"}, {Key: "mechanism", Label: "Range of motion", Mechanism: true}}
	notes = Generate(p)[4].Notes
	if !strings.Contains(notes, "B 2017 (Injuries): fewer injuries? It depends") || !strings.Contains(notes, "A 2007 (Range of motion): fewer injuries? Not measured") {
		t.Errorf("notes = %q", notes)
	}
	p.Meta.Verdict.Question = "DXA change?"
	if notes = Generate(p)[4].Notes; !strings.Contains(notes, "(Injuries): DXA change? It depends") {
		t.Errorf("an acronym was lower-cased: %q", notes)
	}
}

func TestGenerateSparsePacks(t *testing.T) {
	if got := Generate(&pack.Pack{}); len(got) != 0 {
		t.Errorf("empty pack gave %d slides: %+v", len(got), got)
	}
	p := &pack.Pack{Meta: pack.Meta{Title: "T"}, Article: document(para("One. Two."), para("Three."))}
	got := Generate(p)
	if len(got) != 2 || got[1].Title != "Summary" || got[1].Body != "## Summary\n\n- One.\n- Three." {
		t.Errorf("headingless article: %+v", got)
	}
}

func TestCheck(t *testing.T) {
	slides, _ := Parse([]byte("::: studies a zz\n\n---\n\n::: rob cited"))
	d := Check(slides, testPack())
	if len(d) != 1 || d[0].Line != 1 || !strings.Contains(d[0].Msg, `"zz"`) {
		t.Errorf("Check = %v", d)
	}
}

func TestHelpers(t *testing.T) {
	for in, want := range map[string]string{
		"Smith et al. found it. Next.": "Smith et al. found it.",
		"No end":                       "No end",
		"Why? Because.":                "Why?",
		"J. Smith wrote. Then":         "J. Smith wrote.",
	} {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Escape("# a*b_[c]<d>|`"); got != `\# a\*b\_\[c\]\<d\>\|\`+"`" {
		t.Errorf("Escape = %q", got)
	}
	if got := clip("short", 10); got != "short" {
		t.Errorf("clip = %q", got)
	}
}

// TestGeneratedDeckOnAnotherQuestion: the deck generated for the injury
// pack uses its words and none of the bundled pack's.
func TestGeneratedDeckOnAnotherQuestion(t *testing.T) {
	p, ds := pack.Load(os.DirFS("../../testdata/stretching-pack"), "stretching", pack.Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	slides := Generate(p)
	var all strings.Builder
	var titles []string
	for _, s := range slides {
		all.WriteString(s.Body + "\n" + s.Notes + "\n")
		titles = append(titles, s.Title)
	}
	if found := topicwords.Find(all.String()); len(found) > 0 {
		t.Errorf("the deck has topic words of another pack: %q", found)
	}
	// The article's own reference list makes no slide: the deck ends with the references.
	want := []string{p.Meta.Title, "What the large trials found", "What the laboratory studies show", "What the reviews say",
		"What to do instead", "Studies compared", "Risk of bias", "Limitations", "Guidance", "References"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("titles = %q\nwant %q", titles, want)
	}
	notes := slides[5].Notes
	for _, w := range []string{"- Illustra 2000 (Injuries): fewer injuries? No.", "- Sample 2012 (Acute response): fewer injuries? Not measured.", "- Specimen 2003 (Injuries): fewer injuries? Mixed."} {
		if !strings.Contains(notes, w) {
			t.Errorf("studies notes lack %q:\n%s", w, notes)
		}
	}
	rob := slides[6].Notes
	for _, w := range []string{"- Specimen 2003: overall risk of bias serious.", "- Placeholder 2014 (review): overall confidence in the review low.", "- Sample 2012: not assessed ("} {
		if !strings.Contains(rob, w) {
			t.Errorf("risk-of-bias notes lack %q:\n%s", w, rob)
		}
	}
}

// A generated slide never shows the article's words without the pack's
// correction: a bullet holding a discrepancy's anchor carries the flag,
// and the notes say what the article and the source each say.
func TestGeneratedSlidesFlagDiscrepancies(t *testing.T) {
	p := &pack.Pack{
		Article: document(
			heading(2, "What the trials found"),
			para("A trial ran over 16 weeks with two groups. It found no change."),
			para("Another study agreed."),
		),
		Studies: []pack.Study{{ID: "a", Label: "A 2019", Discrepancies: []pack.Discrepancy{{
			Field: "duration", Anchor: "over 16 weeks", Article: "16 weeks.",
			Source: "12 weeks.", SourceName: "Abstract", Note: "The abstract is the primary source.",
		}}}},
	}
	var found *Slide
	for _, s := range Generate(p) {
		if s.Title == "What the trials found" {
			found = &s
		}
	}
	if found == nil {
		t.Fatal("no slide for the section")
	}
	if !strings.Contains(found.Body, "- A trial ran over 16 weeks with two groups."+flagText+"\n- Another study agreed.") {
		t.Errorf("body does not flag the bullet (and only it):\n%s", found.Body)
	}
	if !strings.Contains(found.Notes, "⚠ Differs from source (duration). The article: 16 weeks. Abstract: 12 weeks. The abstract is the primary source.") {
		t.Errorf("notes do not give both sides:\n%s", found.Notes)
	}
}
