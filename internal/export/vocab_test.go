package export

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/topicwords"
)

// stretchingPack is the example pack on a question of its own.
func stretchingPack(t *testing.T) *pack.Pack {
	t.Helper()
	p, ds := pack.Load(os.DirFS("../../testdata/stretching-pack"), "stretching", pack.Options{})
	if ds.HasErrors() {
		t.Fatalf("stretching pack: %v", ds)
	}
	return p
}

func bundledPack(t *testing.T) *pack.Pack {
	t.Helper()
	fsys, err := content.Pack(content.Default)
	if err != nil {
		t.Fatal(err)
	}
	p, ds := pack.Load(fsys, "bundled", pack.Options{})
	if ds.HasErrors() {
		t.Fatalf("bundled pack: %v", ds)
	}
	return p
}

func handouts(t *testing.T, p *pack.Pack) (html, md string) {
	t.Helper()
	slides := deck.Generate(p)
	var b bytes.Buffer
	if err := Markdown(&b, p, slides); err != nil {
		t.Fatal(err)
	}
	return exportHTML(t, p, slides), b.String()
}

// TestHandoutOnAnotherQuestion: a pack on injuries gets a handout in its own
// words, with none of the bundled pack's.
func TestHandoutOnAnotherQuestion(t *testing.T) {
	p := stretchingPack(t)
	html, md := handouts(t, p)
	checkBalanced(t, html)
	for name, out := range map[string]string{"HTML": html, "Markdown": md} {
		if found := topicwords.Find(out); len(found) > 0 {
			t.Errorf("%s handout has topic words of another pack: %q", name, found)
		}
	}
	text := walk(t, html).text
	for _, want := range []string{
		// Columns and headings in the pack's words.
		"<th>Warm-up</th>", "<th>Injury measure</th>", "<th>Fewer injuries?</th>", "<h4>Fewer injuries?</h4>",
		`<span class="badge o-main">Injuries</span>`, `<span class="badge o-mech">Acute response</span>`,
		// Its own explanation of outcome types, and nobody else's.
		"<strong>Outcome types.</strong> Acute-response studies measure range of motion",
		// Counts the app formats are grouped; the article's own digits are not.
		"n = 26,610", "n = 1,538", "followed 1538 recruits", "with 26610 participants",
		// A table per risk-of-bias tool, each with its domains.
		"<caption>Risk of bias (RoB 2)</caption>", "<caption>Risk of bias (ROBINS-I)</caption>", "<caption>Risk of bias (AMSTAR 2)</caption>",
		`<th title="Confounding">D1</th>`, `<th title="Comprehensive literature search">Q4</th>`, "<th>Overall confidence</th>",
		"Not assessed with RoB 2: RoB 2 covers randomised trials",
	} {
		if !strings.Contains(html, want) && !strings.Contains(text, want) {
			t.Errorf("HTML handout lacks %q", want)
		}
	}
	if strings.Contains(html, "Critically low") {
		// The review is rated low, not critically low: only the level given may show.
		t.Error("a level the study does not have is shown")
	}
	for _, want := range []string{
		"| Study | Design | Participants | Intervention | Duration | Warm-up | Injury measure | Outcome type | Fewer injuries? | Key limitation |",
		"**Fewer injuries?** Mixed.", "**Risk of bias (ROBINS-I).**", "| Confounding | Serious |", "| Overall confidence | Low |",
		"- **Participants:** n = 26,610",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown handout lacks %q", want)
		}
	}
	// The generated deck's notes in the handout answer the pack's question.
	if !strings.Contains(text, "Illustra 2000 (Injuries): fewer injuries? No.") {
		t.Error("the studies slide's notes do not use the pack's question")
	}
}

// TestHandoutMarksDiscrepancies: the article carries the app's ⚠ markers,
// each linking to its discrepancy in the study's record.
func TestHandoutMarksDiscrepancies(t *testing.T) {
	p := stretchingPack(t)
	html, _ := handouts(t, p)
	want := `over 16 weeks <a href="#disc-illustra2000-1" title="The article differs from its source (duration)" class="marker">⚠ differs from source</a> (`
	if !strings.Contains(html, want) {
		i := strings.Index(html, "over 16 weeks")
		t.Fatalf("no marker after the anchor; the article has:\n%s", html[max(i-100, 0):min(i+300, len(html))])
	}
	if !strings.Contains(html, `<tr id="disc-illustra2000-1">`) {
		t.Error("the marker's target row has no id")
	}
	if strings.Count(html, `class="marker"`) != 1 {
		t.Errorf("%d markers, want 1", strings.Count(html, `class="marker"`))
	}

	// An anchor that ends inside a citation's text: the marker follows the
	// link, since links do not nest.
	q := testPack()
	q.Studies[1].Discrepancies[0].Anchor = "Löberbauer-Purer"
	// An anchor that ends in link syntax, outside any text: the block's end.
	q.Studies[0].Discrepancies = []pack.Discrepancy{{Field: "key", Anchor: "cite:stallknecht2007", Article: "a", Source: "b"}}
	out := exportHTML(t, q, nil)
	checkBalanced(t, out)
	if !strings.Contains(out, `Löberbauer-Purer</a> <a href="#disc-dipalumbo2017-1"`) && !strings.Contains(out, `</a>) <a href="#disc-dipalumbo2017-1"`) {
		i := strings.Index(out, "Two trials")
		t.Errorf("marker inside or before a link:\n%s", out[i:min(i+600, len(out))])
	}
	if !strings.Contains(out, `(cite:stallknecht2007)).`) && !strings.Contains(out, `faster (<a href="#ref-stallknecht2007"`) {
		t.Error("article text changed")
	}
	i := strings.Index(out, `href="#disc-stallknecht2007-1"`)
	if i < 0 || !strings.HasPrefix(out[strings.Index(out[i:], "</a>")+i:], "</a></p>") {
		t.Errorf("a marker whose anchor is in link syntax should end its paragraph:\n%s", out[max(i-200, 0):min(i+200, len(out))])
	}
}

// TestBundledHandoutWording: the bundled pack's handout keeps the words it
// had when they were in the code; they now come from its pack.toml.
func TestBundledHandoutWording(t *testing.T) {
	html, md := handouts(t, bundledPack(t))
	for _, want := range []string{
		"<th>Diet control</th>", "<th>Fat measure</th>", "<th>Local fat loss?</th>", "<h4>Local fat loss?</h4>",
		"<strong>Outcome types.</strong> Mechanism studies measure fat breakdown or blood flow near a working muscle during one session. They do not measure fat loss over weeks, so on their own they cannot show that spot reduction works (in GRADE terms the evidence is indirect). Body-composition studies measure regional fat over a training period.</p>",
		`<tr class="o-mech">`, `<span class="badge o-main">Body composition</span>`, "<caption>Risk of bias (RoB 2)</caption>",
		"Stallknecht 2007 (Mechanism): local fat loss? Not measured.",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("bundled HTML handout lacks %q", want)
		}
	}
	if n := strings.Count(html, "<caption>Risk of bias"); n != 2 {
		t.Errorf("%d risk-of-bias tables, want 2 (the studies part and the generated slide): all the bundled studies use RoB 2", n)
	}
	for _, want := range []string{"| Diet control | Fat measure | Outcome type | Local fat loss? | Key limitation |", "**Local fat loss?** Not measured."} {
		if !strings.Contains(md, want) {
			t.Errorf("bundled Markdown handout lacks %q", want)
		}
	}
}

// TestNotesOnlyWhenTheyApply: the outcome-type note explains the types the
// table shows, and is left out when none of them has an explanation.
func TestNotesOnlyWhenTheyApply(t *testing.T) {
	p := testPack()
	out := exportHTML(t, p, nil)
	if !strings.Contains(out, "cannot show that spot reduction works") {
		t.Fatal("the fixture's note is missing")
	}
	var injuryOnly []pack.Study
	for _, s := range p.Studies {
		if s.Outcome != "mechanism" {
			injuryOnly = append(injuryOnly, s)
		}
	}
	h := newHandout(p, nil)
	var b bytes.Buffer
	h.writeCompare(&b, injuryOnly, true)
	if strings.Contains(b.String(), "spot reduction") || !strings.Contains(b.String(), "regional fat over weeks") {
		t.Errorf("a table without mechanism rows explains them:\n%s", b.String())
	}
	for i := range p.Meta.Outcomes {
		p.Meta.Outcomes[i].About = ""
	}
	if out := exportHTML(t, p, nil); strings.Contains(out, "Outcome types.") {
		t.Error("an empty outcome-types note is printed")
	}
	var md bytes.Buffer
	if err := Markdown(&md, p, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "\n**\n") || strings.Contains(md.String(), "\n\n*\n") {
		t.Error("the Markdown handout prints an empty note")
	}
}

// A study record lists Age and BMI only when some study in the pack
// reports them, and then for every study ("not reported" where it is):
// the stretching handout said "BMI not reported" six times.
func TestHandoutPopulationFieldsSomeStudyReports(t *testing.T) {
	for _, c := range []struct {
		name     string
		p        *pack.Pack
		age, bmi bool
	}{
		{"stretching", stretchingPack(t), true, false},
		{"bundled", bundledPack(t), true, true},
	} {
		html, _ := handouts(t, c.p)
		for _, f := range []struct {
			name string
			want bool
		}{{"Age", c.age}, {"BMI", c.bmi}} {
			n := strings.Count(html, "<dt>"+f.name+"</dt>")
			if want := map[bool]int{true: len(c.p.Studies), false: 0}[f.want]; n != want {
				t.Errorf("%s handout: %d study records list %s, want %d", c.name, n, f.name, want)
			}
		}
	}
	// A study with no value at all says so once the field is listed.
	m := fstest.MapFS{}
	for _, name := range []string{pack.FilePack, pack.FileStudies, pack.FileReferences, pack.FileArticle, pack.FileLimitations, pack.FileGuidance} {
		b, err := os.ReadFile("../../testdata/stretching-pack/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	studies := strings.Replace(string(m[pack.FileStudies].Data), `bmi = "not reported"`, `bmi = "22 kg/m²"`, 1)
	m[pack.FileStudies] = &fstest.MapFile{Data: []byte(strings.Replace(studies, `bmi = "not reported"`, "", 1))}
	p, ds := pack.Load(m, "stretching", pack.Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	html, _ := handouts(t, p)
	if n := strings.Count(html, "<dt>BMI</dt>"); n != len(p.Studies) || !strings.Contains(html, "<dt>BMI</dt><dd>Not reported</dd>") {
		t.Errorf("%d records list BMI, want %d, one of them \"Not reported\"", n, len(p.Studies))
	}
}

// The Markdown handout's article has the markers the app and the HTML
// handout show, to the same discrepancies, each with its anchor; an anchor
// ending inside a link puts the marker after the link, one in link syntax
// at the end of its paragraph, and the article's words are unchanged.
func TestMarkdownHandoutMarksDiscrepancies(t *testing.T) {
	for _, p := range []*pack.Pack{bundledPack(t), stretchingPack(t)} {
		html, md := handouts(t, p)
		targets := func(re, s string) []string {
			var out []string
			for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(s, -1) {
				out = append(out, m[1])
			}
			slices.Sort(out)
			return out
		}
		h := targets(`href="#(disc-[^"]+)"[^>]*class="marker"`, html)
		m := targets(`\[⚠ differs from source\]\(#(disc-[^)]+)\)`, md)
		if len(h) == 0 || !slices.Equal(h, m) {
			t.Errorf("%s: markers to %v in the Markdown handout, want the HTML handout's %v", p.Meta.ID, m, h)
		}
		for _, id := range m {
			if !strings.Contains(md, `<a id="`+id+`"></a>`) {
				t.Errorf("%s: the marker to #%s has no anchor", p.Meta.ID, id)
			}
		}
	}
	_, md := handouts(t, bundledPack(t))
	if !strings.Contains(md, "([Stallknecht, 2017](#ref-stallknecht2007) [⚠ differs from source](#disc-stallknecht2007-1)).") {
		t.Error("the marker for a citation's text does not follow its link")
	}

	q := testPack()
	q.Studies[1].Discrepancies[0].Anchor = "Löberbauer-Purer"
	q.Studies[0].Discrepancies = []pack.Discrepancy{{Field: "key", Anchor: "cite:stallknecht2007", Article: "a", Source: "b"}}
	var b bytes.Buffer
	if err := Markdown(&b, q, nil); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !regexp.MustCompile(`Löberbauer-Purer\]\(#ref-[a-z0-9]+\) \[⚠ differs from source\]\(#disc-dipalumbo2017-1\)`).MatchString(out) {
		t.Errorf("marker inside or before a link:\n%s", out)
	}
	if !regexp.MustCompile(`\[⚠ differs from source\]\(#disc-stallknecht2007-1\)\n\n`).MatchString(out) {
		t.Errorf("a marker whose anchor is in link syntax should end its paragraph:\n%s", out)
	}
	if n := strings.Count(out, "⚠ differs from source"); n != 2 {
		t.Errorf("%d markers, want 2", n)
	}
}
