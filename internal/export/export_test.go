package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

const articleMD = `+++
note = "front matter is not shown"
+++
# Can you spot reduce fat?

Fat near a working muscle breaks down a little faster ([Stallknecht, 2017](cite:stallknecht2007)).

## The training studies

Two trials disagree ([di Palumbo; Löberbauer-Purer](cite:dipalumbo2017;loberbauer2011)).
One key is unknown ([Nobody, 1999](cite:nobody1999)), and one is half known ([x](cite:nobody1999;dipalumbo2017)).
See [the study](study:dipalumbo2017), a [missing study](study:zz), [limitations](limitations.md) and <https://example.org/page>.

![a chart](https://example.org/chart.png) and ![local](chart.png)
[![nested](https://example.org/n.png)](https://example.org/)

<script>alert(1)</script>
<img src="https://example.org/x.png">

[bad](javascript:alert(1))

| Study | Verdict |
|---|---|
| A | B |

## The training studies
`

const limitationsMD = "# Limitations\n\n## Small samples\n\nMost trials had few people.\n"
const guidanceMD = "Fat loss happens across the whole body ([Stallknecht](cite:stallknecht2007)).\n"

func testPack() *pack.Pack {
	date := func(y, m, d int) pack.Date {
		return pack.Date{Time: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)}
	}
	return &pack.Pack{
		Name: "test",
		Meta: pack.Meta{
			ID: "spot", Title: "Can you spot reduce fat?", Subtitle: "What the studies say",
			Version: "1.0.0", Language: "en", Editors: []string{"Ed One"}, License: "CC BY 4.0",
			Source:             pack.Origin{Title: "Original article", Author: "A. Writer", URL: "https://example.org/article", Retrieved: date(2026, 10, 1)},
			LastReviewed:       date(2026, 11, 1),
			NextReview:         date(2027, 11, 1),
			EvidenceSearchedTo: date(2026, 10, 15),
			Disclaimer:         "General information, not medical advice.",
			// The bundled pack's words (content/spot-reduction/pack.toml).
			Verdict: &pack.VerdictWords{Question: "Local fat loss?"},
			Fields:  &pack.FieldLabels{Measure: "Fat measure", Control: "Diet control"},
			Outcomes: []pack.OutcomeType{
				{Key: "mechanism", Label: "Mechanism", Mechanism: true, About: "Mechanism studies measure fat breakdown during one session, so on their own they cannot show that spot reduction works."},
				{Key: "body-composition", Label: "Body composition", About: "Body-composition studies measure regional fat over weeks."},
			},
		},
		Article: &doc.Document{Citations: []*doc.Citation{
			{Keys: []string{"stallknecht2007"}}, {Keys: []string{"dipalumbo2017", "loberbauer2011"}},
		}},
		Studies: []pack.Study{
			{
				ID: "stallknecht2007", Ref: "stallknecht2007", Label: "Stallknecht 2007", Cited: true,
				Design: "Acute experiment", Population: pack.Population{N: 10, Sex: "men"},
				Intervention: "One-leg extension, 30 min", Duration: "One session", Control: "Fasted",
				Measure: []string{"Microdialysis"}, Outcome: "mechanism", Verdict: "not-measured",
				KeyLimitation: "Measures lipolysis, not fat loss", Results: []string{"Lipolysis higher near the working muscle"},
				Conclusion: "Local lipolysis rises slightly.",
				RiskOfBias: &pack.RiskOfBias{Tool: "RoB 2", Applies: false, Reason: "not a randomised trial"},
				Sources:    []pack.Source{{Facts: "design", Where: "abstract", URL: "https://pubmed.ncbi.nlm.nih.gov/1/", Confidence: "high"}},
			},
			{
				ID: "dipalumbo2017", Ref: "dipalumbo2017", Label: "di Palumbo 2017", Cited: true,
				Design: "Randomised trial", Population: pack.Population{N: 16, Sex: "women"},
				Outcome: "body-composition", Verdict: "mixed", Limitations: []string{"Small sample <16>"},
				RiskOfBias: &pack.RiskOfBias{Applies: true, Domains: map[string]pack.Judgement{
					"d1": {Level: "some-concerns", Reason: "allocation not described"},
					"d2": {Level: "low"}, "d3": {Level: "low"},
					"d4": {Level: "high", Reason: "DXA"}, "d5": {Level: "high"}},
					Overall: pack.Judgement{Level: "high"}},
				Discrepancies: []pack.Discrepancy{{Field: "year", Article: "2017", Source: "2007", SourceName: "PubMed", Note: "online-first"}},
			},
			{ID: "uncited2020", Label: "Uncited | 2020", Outcome: "body-composition", Verdict: "no"},
		},
		References: []pack.Reference{
			{ID: "stallknecht2007", Title: "Are blood flow and lipolysis influenced by contractions?",
				Author:         []pack.Name{{Family: "Stallknecht", Given: "Bente"}, {Family: "Dela", Given: "Flemming"}, {Family: "Helge", Given: "Jørn Wulff"}},
				Issued:         &pack.CSLDate{DateParts: [][]any{{float64(2007), float64(2)}}},
				ContainerTitle: "American Journal of Physiology", Volume: "292", Issue: "2", Page: "E394-E399",
				DOI: "10.1152/ajpendo.00215.2006", PMID: "16988123",
				Custom: pack.CSLCustom{AsPrinted: "Stallknecht, B. (2007) ..."}},
			{ID: "dipalumbo2017", Title: "Effect of combined training on regional fat loss",
				Author: []pack.Name{{Family: "Scotto di Palumbo", Given: "A."}}, Issued: &pack.CSLDate{DateParts: [][]any{{2017}}},
				ContainerTitle: "J Sports Med Phys Fitness", DOI: "https://doi.org/10.23736/S0022-4707.16.06358-1"},
			{ID: "loberbauer2011", Title: "Can alternating pressure alter fat distribution?", Author: []pack.Name{{Literal: "Löberbauer-Purer, E."}},
				Issued: &pack.CSLDate{Raw: "2011-05"}, URL: "https://example.org/lp"},
			{ID: "uncitedref", Title: "Never cited"},
		},
		Sources: map[string][]byte{
			pack.FileArticle:     []byte(articleMD),
			pack.FileLimitations: []byte(limitationsMD),
			pack.FileGuidance:    []byte(guidanceMD),
		},
	}
}

const slidesMD = "# Spot reduction\n\nWhat the evidence says ([S](cite:stallknecht2007)).\n\nNote:\nAsk the room first.\n\n---\n\n## Compare\n\n::: studies cited\n\n---\n\n::: rob\n\n---\n\n::: references cited\n\n```\n~~~ code with ``` ticks\n```\n"

func exportHTML(t *testing.T, p *pack.Pack, slides []deck.Slide) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, p, slides); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// voidElements have no end tag in HTML.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// checkBalanced walks the tokens and fails on any end tag that does not
// close the innermost open element: the parser would otherwise repair it.
func checkBalanced(t *testing.T, s string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if len(stack) != 0 {
				t.Fatalf("unclosed elements at end: %v", stack)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("end tag </%s> does not match open %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

type tree struct {
	ids   map[string]int
	hrefs []string
	text  string
}

// walk parses the document and checks every attribute that holds an
// http(s) URL is the href of an <a>.
func walk(t *testing.T, s string) tree {
	t.Helper()
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("html.Parse: %v", err)
	}
	tr := tree{ids: map[string]int{}}
	var text strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "id" {
					tr.ids[a.Val]++
				}
				if a.Key == "href" && n.Data == "a" {
					tr.hrefs = append(tr.hrefs, a.Val)
					continue
				}
				if strings.Contains(strings.ToLower(a.Val), "http:") || strings.Contains(strings.ToLower(a.Val), "https:") {
					t.Errorf("<%s %s=%q> holds a URL outside <a href>", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	tr.text = text.String()
	return tr
}

var external = regexp.MustCompile(`(?i)src\s*=|<link|@import|<script|url\(|<iframe|<object|<embed|<img`)

func TestHTMLHandout(t *testing.T) {
	p := testPack()
	slides, diags := deck.Parse([]byte(slidesMD))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	out := exportHTML(t, p, slides)

	if m := external.FindAllString(out, -1); m != nil {
		t.Errorf("handout loads or runs something: %q", m)
	}
	checkBalanced(t, out)
	tr := walk(t, out)

	for id, n := range tr.ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	for _, h := range tr.hrefs {
		if strings.HasPrefix(h, "#") && tr.ids[h[1:]] == 0 {
			t.Errorf("link %q has no target", h)
		}
		if !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") && h != "" && h != "chart.png" {
			t.Errorf("unexpected link %q", h)
		}
	}
	for _, r := range p.References {
		if tr.ids["ref-"+r.ID] != 1 {
			t.Errorf("reference %s has no anchor", r.ID)
		}
		if !strings.Contains(tr.text, r.Title) {
			t.Errorf("reference %s title missing", r.ID)
		}
	}
	for _, s := range p.Studies {
		if tr.ids["study-"+s.ID] != 1 {
			t.Errorf("study %s has no record", s.ID)
		}
		if !strings.Contains(tr.text, s.Label) {
			t.Errorf("study %s label missing", s.ID)
		}
	}
	for _, want := range []string{
		"Page last reviewed", "1 November 2026", "Next review due", "1 November 2027", "Evidence searched to", "15 October 2026",
		"General information, not medical advice.",
		// APA-like reference text and links.
		"Stallknecht, B., Dela, F., & Helge, J. W. (2007). Are blood flow and lipolysis influenced by contractions? American Journal of Physiology, 292(2), E394–E399.",
		"https://doi.org/10.1152/ajpendo.00215.2006", "PubMed 16988123", "Löberbauer-Purer, E. (n.d.).",
		// Study record details.
		"Lipolysis higher near the working muscle", "Not assessed: not a randomised trial", "Some concerns", "online-first",
		"The source says", "PubMed", "High confidence", "Small sample <16>",
		// Mechanism vs body composition, in words.
		"Mechanism", "Body composition", "cannot show that spot reduction works",
		// Parts.
		"Most trials had few people.", "Fat loss happens across the whole body",
		"Slide 1 of 4", "Ask the room first.", "Speaker notes",
		// Link fixes.
		"[reference not found: nobody1999]", "[study not found: zz]", "[Image: local]", "Image: a chart",
		"code with ``` ticks",
	} {
		if !strings.Contains(tr.text, want) {
			t.Errorf("handout text lacks %q", want)
		}
	}
	for _, href := range []string{"#ref-stallknecht2007", "#ref-dipalumbo2017", "#ref-loberbauer2011", "#study-dipalumbo2017",
		"#limitations", "https://example.org/page", "https://example.org/chart.png", "https://doi.org/10.23736/S0022-4707.16.06358-1",
		"https://pubmed.ncbi.nlm.nih.gov/16988123/", "https://example.org/lp"} {
		found := false
		for _, h := range tr.hrefs {
			found = found || h == href
		}
		if !found {
			t.Errorf("no link to %s", href)
		}
	}
	for _, bad := range []string{"javascript:", "front matter is not shown", "alert(1)</script>", "doi.org/https"} {
		if strings.Contains(out, bad) {
			t.Errorf("handout contains %q", bad)
		}
	}
	// A link the app would not open keeps its text and loses the link.
	if strings.Contains(out, `>bad</a>`) || !strings.Contains(out, "bad") {
		t.Error("javascript: link not neutralised to its text")
	}
	// Multiple keys: the link goes to the first, the others follow as links.
	if !strings.Contains(out, `<a href="#ref-dipalumbo2017" title="Scotto di Palumbo, A. (2017).`) ||
		!strings.Contains(out, `(also <a href="#ref-loberbauer2011"`) {
		t.Error("multi-key citation not rewritten as expected")
	}
	// Headings from different sources get distinct ids.
	if tr.ids["article-the-training-studies"] != 1 || tr.ids["article-the-training-studies-1"] != 1 {
		t.Errorf("article heading ids: %v", tr.ids)
	}
	// Directive slides: "studies cited" leaves the uncited study out of the slide table.
	slidePart := out[strings.Index(out, `id="slide-2"`):strings.Index(out, `id="slide-3"`)]
	if !strings.Contains(slidePart, "di Palumbo 2017") || strings.Contains(slidePart, "Uncited") {
		t.Errorf("studies cited slide wrong: %s", slidePart)
	}
	if !strings.Contains(slidePart, `class="compare compact"`) || strings.Contains(slidePart, "<th>Diet control</th>") {
		t.Error("slide comparison table is not the compact one")
	}
	if !strings.Contains(out, "<th>Diet control</th>") {
		t.Error("full comparison table lacks the diet control column")
	}
	refsSlide := out[strings.Index(out, `id="slide-4"`):]
	if strings.Contains(refsSlide[:strings.Index(refsSlide, "</ul>")], "Never cited") {
		t.Error("references cited slide lists an uncited reference")
	}
	// Print CSS keeps tables, slides and study records whole.
	for _, css := range []string{"@media print", "page-break-inside: avoid", "page-break-before: always"} {
		if !strings.Contains(out, css) {
			t.Errorf("print CSS lacks %q", css)
		}
	}
}

func TestHTMLGeneratedDeckAndSparsePack(t *testing.T) {
	p := testPack()
	out := exportHTML(t, p, deck.Generate(p))
	checkBalanced(t, out)
	if !strings.Contains(out, "Studies compared") || !strings.Contains(out, `id="slide-1"`) {
		t.Error("generated deck missing from handout")
	}

	empty := exportHTML(t, &pack.Pack{}, nil)
	checkBalanced(t, empty)
	tr := walk(t, empty)
	if !strings.Contains(tr.text, "Evidence pack") {
		t.Errorf("empty pack handout: %s", empty)
	}
	if external.MatchString(empty) {
		t.Error("empty handout loads something")
	}
}

func TestMarkdownHandout(t *testing.T) {
	p := testPack()
	slides, _ := deck.Parse([]byte(slidesMD))
	var b bytes.Buffer
	if err := Markdown(&b, p, slides); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, r := range p.References {
		if !strings.Contains(out, "`"+r.ID+"`") {
			t.Errorf("reference %s missing", r.ID)
		}
	}
	for _, want := range []string{"## Stallknecht 2007", "## di Palumbo 2017", `Uncited \| 2020`, "Next review due:** 1 November 2027",
		"> **Disclaimer.** General information", "<https://doi.org/10.1152/ajpendo.00215.2006>", "| <a id=\"disc-dipalumbo2017-1\"></a>year | 2017 | 2007 (PubMed) | online-first |",
		"# Limitations", "# Guidance", "## Small samples"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(out, "front matter is not shown") {
		t.Error("front matter copied")
	}
	// The slides block is a fenced slides.md that parses back to the same deck.
	start := strings.Index(out, "````markdown\n")
	if start < 0 {
		t.Fatalf("slides fence not long enough for a body with ``` in it:\n%s", out)
	}
	block := out[start+len("````markdown\n"):]
	block = block[:strings.LastIndex(block, "````")]
	back, diags := deck.Parse([]byte(block))
	if len(diags) != 0 || len(back) != len(slides) {
		t.Fatalf("slides block parses to %d slides (%v)", len(back), diags)
	}
	for i := range back {
		if back[i].Body != slides[i].Body || back[i].Notes != slides[i].Notes || back[i].Directive.Kind != slides[i].Directive.Kind {
			t.Errorf("slide %d changed: %+v", i, back[i])
		}
	}
}

func TestReferenceText(t *testing.T) {
	tests := []struct {
		r    pack.Reference
		want string
	}{
		{pack.Reference{Title: "Only a title."}, "Only a title. (n.d.)."},
		{pack.Reference{Author: []pack.Name{{Family: "One", Given: "Jean-Paul"}}, Issued: &pack.CSLDate{DateParts: [][]any{{2020}}}, Title: "T", DOI: "10.1/x"}, "One, J.-P. (2020). T."},
		{pack.Reference{Author: []pack.Name{{Family: "A", Given: "B"}, {Family: "C", Given: "D"}}, Issued: &pack.CSLDate{DateParts: [][]any{{"2001"}}}, Title: "T", ContainerTitle: "J", Page: "1-2"}, "A, B., & C, D. (2001). T. J, 1–2."},
		{pack.Reference{Author: []pack.Name{{Family: "Beethoven", NonDroppingPart: "van", Given: "Ludwig"}}, Title: "T"}, "van Beethoven, L. (n.d.). T."},
	}
	for _, tt := range tests {
		if got := referenceText(tt.r); got != tt.want {
			t.Errorf("referenceText = %q, want %q", got, tt.want)
		}
	}
	if got := shortCite(testPack().References[0]); got != "Stallknecht et al., 2007" {
		t.Errorf("shortCite = %q", got)
	}
	if got := doiURL("doi:10.1/x"); got != "https://doi.org/10.1/x" {
		t.Errorf("doiURL = %q", got)
	}
}

func TestStripFront(t *testing.T) {
	for in, want := range map[string]string{
		"+++\na=1\n+++\nbody": "body",
		"+++\na=1\n+++":       "",
		"+++\nunclosed":       "+++\nunclosed",
		"no front":            "no front",
		"+++x\n+++\n":         "+++x\n+++\n",
	} {
		if got := string(stripFront([]byte(in))); got != want {
			t.Errorf("stripFront(%q) = %q, want %q", in, got, want)
		}
	}
}

// The pack's content hash is in the footer of both handouts, so two
// printed copies can be told apart; a pack without one prints no line.
func TestHandoutHash(t *testing.T) {
	p := testPack()
	p.Hash = "sha256:" + strings.Repeat("ab", 32)
	out := exportHTML(t, p, nil)
	footer := out[strings.Index(out, "<footer>"):]
	if !strings.Contains(footer, `<p class="hash">Pack content hash: <code>`+p.Hash+`</code></p>`) {
		t.Errorf("HTML footer lacks the hash:\n%s", footer)
	}
	var b bytes.Buffer
	if err := Markdown(&b, p, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\n---\n\nPack content hash: `"+p.Hash+"`\n") {
		t.Errorf("Markdown handout does not end with the hash:\n%s", b.String()[max(0, b.Len()-200):])
	}
	p.Hash = ""
	if out := exportHTML(t, p, nil); strings.Contains(out, "content hash") {
		t.Error("HTML prints a hash line for a pack without a hash")
	}
}

// The handouts link only what the app itself would open: a web address
// with a text-direction control, or one past the app's length limit, is
// printed as text and never becomes a link (internal/links decides both).
func TestHandoutLinksFollowTheAppsPolicy(t *testing.T) {
	bidi := "https://example.org/\u202Egpj.exe"
	long := "https://example.org/" + strings.Repeat("a", 3000)
	for _, u := range []string{bidi, long} {
		if isHTTP(u) {
			t.Errorf("isHTTP(%.40q) = true; the app refuses it", u)
		}
	}
	if !isHTTP("https://example.org/ok") || isHTTP("mailto:a@example.org") {
		t.Error("isHTTP: want true for a plain https address and false for mailto")
	}
	p := testPack()
	p.Sources[pack.FileArticle] = []byte("# A\n\nSee [odd](" + bidi + ") and [long](" + long + ").\n")
	out := exportHTML(t, p, nil)
	for _, h := range walk(t, out).hrefs {
		if strings.Contains(h, "gpj.exe") || strings.Contains(h, "aaaaaaaaaa") {
			t.Errorf("the handout links a refused address: %.60q", h)
		}
	}
}

// The Markdown handout's cite: and study: links, which only the app can
// follow, point at the handout's own anchors, or are plain text where it
// has none; code keeps them as written.
func TestMarkdownHandoutAppLinks(t *testing.T) {
	p := testPack()
	p.Sources[pack.FileGuidance] = []byte(guidanceMD + "\nWrite `[S](cite:stallknecht2007)` in code.\n\n```\n[S](study:dipalumbo2017)\n```\n" +
		// Reference-style links, whose definitions carry the destination.
		"\nSee [the first][s1], [the trial][T] and [a lost one][gone].\n\n[s1]: cite:stallknecht2007 \"A title\"\n  [t]: <study:dipalumbo2017>\n[gone]: cite:nobody1999\n")
	var b bytes.Buffer
	if err := Markdown(&b, p, nil); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"([Stallknecht, 2017](#ref-stallknecht2007))",
		"([di Palumbo; Löberbauer-Purer](#ref-dipalumbo2017))",
		"([x](#ref-dipalumbo2017))",
		"(Nobody, 1999)",
		"See [the study](#study-dipalumbo2017), a missing study,",
		"([Stallknecht](#ref-stallknecht2007))",
		"`[S](cite:stallknecht2007)`",
		"```\n[S](study:dipalumbo2017)\n```",
		`- <a id="ref-stallknecht2007"></a>` + "`stallknecht2007`",
		`## di Palumbo 2017 <a id="study-dipalumbo2017"></a>`,
		"[s1]: #ref-stallknecht2007 \"A title\"\n",
		"  [t]: #study-dipalumbo2017\n",
		"[gone]: #\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if n := strings.Count(out, "cite:") + strings.Count(out, "study:"); n != 2 {
		t.Errorf("%d cite:/study: links left, want only the 2 in code:\n%s", n, out)
	}
	// Every in-page link has its anchor.
	for _, m := range regexp.MustCompile(`\]\(#([^)]+)\)`).FindAllStringSubmatch(out, -1) {
		if !strings.Contains(out, `<a id="`+m[1]+`"></a>`) {
			t.Errorf("link to #%s has no anchor", m[1])
		}
	}
}
