package search

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

func para(s string) *doc.Block {
	return &doc.Block{Kind: doc.Paragraph, Inlines: []doc.Inline{{Text: s, Cite: -1}}}
}

func heading(s string) *doc.Block {
	return &doc.Block{Kind: doc.Heading, Level: 2, Inlines: []doc.Inline{{Text: s, Cite: -1}}}
}

func names(fam ...string) []pack.Name {
	var out []pack.Name
	for _, f := range fam {
		out = append(out, pack.Name{Family: f, Given: "A."})
	}
	return out
}

func year(y int) *pack.CSLDate { return &pack.CSLDate{DateParts: [][]any{{float64(y)}}} }

// testPack is a small pack shaped like the bundled one.
func testPack() *pack.Pack {
	return &pack.Pack{
		Article: &doc.Document{Blocks: []*doc.Block{
			heading("Can you really spot reduce fat?"),
			para("Spot reduction is the idea that exercising one muscle burns the fat over it."),
			heading("What the research says"),
			{Kind: doc.List, Children: []*doc.Block{
				{Kind: doc.ListItem, Children: []*doc.Block{para("Stallknecht found more lipolysis next to working muscle.")}},
				{Kind: doc.ListItem, Children: []*doc.Block{para("A meta-analysis found no local effect.")}},
			}},
			{Kind: doc.Table, Table: &doc.TableData{
				Header: [][]doc.Inline{{{Text: "Study"}}, {{Text: "Measure"}}},
				Rows:   [][][]doc.Inline{{{{Text: "Scotto di Palumbo"}}, {{Text: "DEXA"}}}},
			}},
			{Kind: doc.Rule},
		}},
		Limitations: &doc.Document{Blocks: []*doc.Block{
			heading("Diet control"),
			para("Few studies controlled diet, so changes may come from eating."),
		}},
		Guidance: &doc.Document{Blocks: []*doc.Block{
			heading("Body image"),
			para("If thoughts about body dysmorphia worry you, talk to someone you trust."),
		}},
		Studies: []pack.Study{
			{ID: "stallknecht2007", Label: "Stallknecht 2007", Design: "acute experiment", Outcome: "mechanism"},
			{ID: "loberbauer2012", Label: "Löberbauer-Purer 2012", Design: "RCT", Control: "none"},
		},
		References: []pack.Reference{
			{ID: "stallknecht2007", Title: "Are blood flow and lipolysis in subcutaneous adipose tissue influenced by contractions in adjacent muscles in humans?", Author: names("Stallknecht", "Dela", "Helge"), Issued: year(2007), DOI: "10.1152/ajpendo.00215.2006"},
			{ID: "loberbauer2012", Title: "Can alternating lower body negative and positive pressure during exercise alter regional body fat distribution?", Author: names("Löberbauer-Purer", "Meyer", "Ring-Dimitriou", "Kässmann"), Issued: year(2012)},
			{ID: "ramirez2013", Title: "Regional fat changes induced by localized muscle endurance resistance training", Author: names("Ramírez-Campillo", "Andrade"), Issued: year(2013)},
			{ID: "scotto2017", Title: "Effect of combined resistance and endurance exercise training on regional fat loss", Author: []pack.Name{{NonDroppingPart: "Scotto di", Family: "Palumbo", Given: "Alessandro"}}, Issued: year(2017)},
		},
	}
}

// hitsOf lists "Kind:Title|Text" of every hit for compact expectations.
func hitsOf(r Results, k Kind) []string {
	var out []string
	for _, g := range r.Groups {
		if g.Kind != k {
			continue
		}
		for _, h := range g.Hits {
			if h.Entry.Text != "" && k != KindReference && k != KindStudy {
				out = append(out, h.Entry.Text)
			} else {
				out = append(out, h.Entry.Title)
			}
		}
	}
	return out
}

func TestRealisticQueries(t *testing.T) {
	ix := NewIndex(testPack())
	tests := []struct {
		q    string
		kind Kind
		want string // must be the first hit of that kind
	}{
		{"spot reduction", KindParagraph, "Spot reduction is the idea that exercising one muscle burns the fat over it."},
		{"spot redu", KindSection, "Can you really spot reduce fat?"},
		{"stallknecht", KindStudy, "Stallknecht 2007"},
		{"stallknecht", KindReference, "Stallknecht, Dela & Helge (2007) Are blood flow and lipolysis in subcutaneous adipose tissue influenced by contractions in adjacent muscles in humans?"},
		{"stallknecht", KindParagraph, "Stallknecht found more lipolysis next to working muscle."},
		{"dexa", KindParagraph, "Scotto di Palumbo · DEXA"},
		{"lipolysis", KindParagraph, "Stallknecht found more lipolysis next to working muscle."},
		{"body dysmorphia", KindGuidance, "If thoughts about body dysmorphia worry you, talk to someone you trust."},
		{"meta-analysis", KindParagraph, "A meta-analysis found no local effect."},
		{"löberbauer", KindStudy, "Löberbauer-Purer 2012"},
		{"loberbauer", KindReference, "Löberbauer-Purer et al. (2012) Can alternating lower body negative and positive pressure during exercise alter regional body fat distribution?"},
		{"KASSMANN", KindReference, "Löberbauer-Purer et al. (2012) Can alternating lower body negative and positive pressure during exercise alter regional body fat distribution?"},
		{"diet control", KindLimitation, "Diet control"},
		{"ramirez", KindReference, "Ramírez-Campillo & Andrade (2013) Regional fat changes induced by localized muscle endurance resistance training"},
		{"scotto", KindReference, "Scotto di Palumbo (2017) Effect of combined resistance and endurance exercise training on regional fat loss"},
		{"research says", KindSection, "What the research says"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got := hitsOf(ix.Search(tt.q), tt.kind)
			if len(got) == 0 || got[0] != tt.want {
				t.Errorf("first %v hit = %q, want %q", tt.kind, got, tt.want)
			}
		})
	}
}

func TestNoMatch(t *testing.T) {
	ix := NewIndex(testPack())
	for _, q := range []string{"", "   ", "zzzzqx", "spot zzz"} {
		if r := ix.Search(q); r.Count() != 0 {
			t.Errorf("%q: %d hits, want 0: %v", q, r.Count(), r.Groups)
		}
	}
}

func TestPrefixNotInfix(t *testing.T) {
	ix := NewIndex(testPack())
	// "olysis" is inside "lipolysis" but starts no word.
	if got := hitsOf(ix.Search("olysis"), KindParagraph); len(got) != 0 {
		t.Errorf("infix matched body text: %q", got)
	}
}

func TestTargets(t *testing.T) {
	ix := NewIndex(testPack())
	r := ix.Search("meta-analysis")
	for _, g := range r.Groups {
		if g.Kind != KindParagraph {
			continue
		}
		tg := g.Hits[0].Entry.Target
		if tg.Place != PlaceArticle || tg.Block != 3 || tg.Section != 1 {
			t.Errorf("target = %+v, want article block 3 section 1", tg)
		}
		return
	}
	t.Fatal("no paragraph hit")
}

func checkRanges(t *testing.T, s string, rs []Range) {
	t.Helper()
	n := utf8.RuneCountInString(s)
	prev := -1
	for _, r := range rs {
		if r.Start < 0 || r.End > n || r.Start >= r.End || r.Start <= prev {
			t.Fatalf("bad ranges %v for %q (%d runes)", rs, s, n)
		}
		prev = r.End
	}
}

func sub(s string, r Range) string { return string([]rune(s)[r.Start:r.End]) }

func TestHighlightRunes(t *testing.T) {
	ix := NewIndex(testPack())
	tests := []struct{ q, title, want string }{
		{"loberbauer", "Löberbauer-Purer 2012", "Löberbauer"},
		{"löberbauer-pu", "Löberbauer-Purer 2012", "Löberbauer-Pu"},
		{"purer", "Löberbauer-Purer 2012", "Purer"},
		{"ramirez", "Ramírez-Campillo & Andrade (2013) Regional fat changes induced by localized muscle endurance resistance training", "Ramírez"},
	}
	for _, tt := range tests {
		found := false
		for _, g := range ix.Search(tt.q).Groups {
			for _, h := range g.Hits {
				checkRanges(t, h.Entry.Title, h.Title)
				checkRanges(t, h.Entry.Text, h.Text)
				if h.Entry.Title == tt.title {
					found = true
					if len(h.Title) == 0 || sub(h.Entry.Title, h.Title[0]) != tt.want {
						t.Errorf("%q: ranges %v in %q, want %q", tt.q, h.Title, h.Entry.Title, tt.want)
					}
				}
			}
		}
		if !found {
			t.Errorf("%q: %q not found", tt.q, tt.title)
		}
	}
}

func TestFuzzyHighlightRunes(t *testing.T) {
	// "lbpr" only matches as a subsequence; the offsets from sahilm are bytes.
	ix := NewIndex(&pack.Pack{Studies: []pack.Study{{ID: "x", Label: "Löberbauer-Purer"}, {ID: "y", Label: "Kässmann"}}})
	tests := []struct {
		q, label string
		want     []string
	}{
		{"lbpr", "Löberbauer-Purer", []string{"L", "b", "P", "r"}},
		{"ksmn", "Kässmann", []string{"K", "s", "m", "n"}},
		{"kasm", "Kässmann", []string{"Käs", "m"}},
	}
	for _, tt := range tests {
		r := ix.Search(tt.q)
		if r.Count() == 0 {
			t.Fatalf("%q: no hit", tt.q)
		}
		h := r.Groups[0].Hits[0]
		if h.Entry.Title != tt.label {
			t.Fatalf("%q: hit %q", tt.q, h.Entry.Title)
		}
		checkRanges(t, h.Entry.Title, h.Title)
		var got []string
		for _, rg := range h.Title {
			got = append(got, sub(h.Entry.Title, rg))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: highlighted %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestMergeRanges(t *testing.T) {
	got := mergeRanges([]Range{{5, 7}, {0, 2}, {2, 3}, {6, 9}, {12, 13}})
	want := []Range{{0, 3}, {5, 9}, {12, 13}}
	if !slices.Equal(got, want) {
		t.Errorf("merge = %v, want %v", got, want)
	}
}

func TestTopKPerGroup(t *testing.T) {
	p := &pack.Pack{}
	for i := range 50 {
		p.References = append(p.References, pack.Reference{ID: "r" + strings.Repeat("x", i), Title: "Spot reduction trial", Issued: year(2000 + i%20)})
	}
	r := NewIndex(p).Search("spot")
	if len(r.Groups) != 1 || len(r.Groups[0].Hits) != TopK || r.Groups[0].Total != 50 {
		t.Fatalf("groups %d, hits %d, total %d", len(r.Groups), len(r.Groups[0].Hits), r.Groups[0].Total)
	}
	for i := 1; i < len(r.Groups[0].Hits); i++ {
		if r.Groups[0].Hits[i].Score > r.Groups[0].Hits[i-1].Score {
			t.Fatal("hits not ranked")
		}
	}
}

// TestNarrowingMatchesFull types queries letter by letter and checks that
// the narrowed results equal a fresh search every time.
func TestNarrowingMatchesFull(t *testing.T) {
	ix := NewIndex(testPack())
	s := NewSearcher(ix)
	var gen uint64
	for _, q := range []string{"spot reduction", "stallknecht", "löberbauer", "diet control", "meta-analysis", "body dysmorphia"} {
		for i := 1; i <= len(q); i++ {
			if !utf8.ValidString(q[:i]) {
				continue
			}
			gen++
			got := s.Search(gen, q[:i])
			want := ix.Search(q[:i])
			if summary(got) != summary(want) {
				t.Fatalf("%q narrowed:\n%s\nfull:\n%s", q[:i], summary(got), summary(want))
			}
		}
	}
	if s.Stale(gen) || !s.Stale(gen-1) || s.Latest() != gen {
		t.Error("generation tracking wrong")
	}
	// A query that does not extend the previous one searches everything again.
	if got := s.Search(gen+1, "dexa"); got.Count() == 0 {
		t.Error("dexa after body dysmorphia found nothing")
	}
}

func summary(r Results) string {
	var b strings.Builder
	for _, g := range r.Groups {
		b.WriteString(g.Kind.String())
		for _, h := range g.Hits {
			b.WriteString("|" + h.Entry.Title + "/" + h.Entry.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestFilterReferences(t *testing.T) {
	refs := testPack().References
	all := FilterReferences(refs, "")
	if len(all) != len(refs) {
		t.Fatalf("empty query kept %d of %d", len(all), len(refs))
	}
	for i, h := range all {
		if h.Index != i || h.Ranges != nil {
			t.Fatalf("empty query: %+v", h)
		}
	}
	tests := []struct {
		q       string
		want    []int
		highlit string
	}{
		{"regional", []int{1, 2, 3}, "regional"},
		{"loberbauer", []int{1}, "Löberbauer"},
		{"ramírez 2013", []int{2}, "Ramírez"},
		{"10.1152", []int{0}, ""},
		{"kassmann", []int{1}, ""},
		{"scotto palumbo", []int{3}, "Scotto"},
		{"nothing-here", nil, ""},
	}
	for _, tt := range tests {
		got := FilterReferences(refs, tt.q)
		var idx []int
		for _, h := range got {
			idx = append(idx, h.Index)
			checkRanges(t, h.Line, h.Ranges)
		}
		if !slices.Equal(idx, tt.want) {
			t.Errorf("%q: %v, want %v", tt.q, idx, tt.want)
			continue
		}
		if tt.highlit != "" && !strings.EqualFold(sub(got[0].Line, got[0].Ranges[0]), tt.highlit) {
			t.Errorf("%q: highlight %q", tt.q, sub(got[0].Line, got[0].Ranges[0]))
		}
	}
}

func TestNilPack(t *testing.T) {
	if n := len(NewIndex(nil).Entries); n != 0 {
		t.Errorf("nil pack gave %d entries", n)
	}
	if NewIndex(&pack.Pack{}).Search("x").Count() != 0 {
		t.Error("empty pack matched")
	}
}

func TestShortQueriesAreNotFuzzy(t *testing.T) {
	ix := NewIndex(&pack.Pack{Studies: []pack.Study{{ID: "x", Label: "Löberbauer-Purer"}}})
	if n := ix.Search("lb").Count(); n != 0 {
		t.Errorf("two-letter subsequence matched %d", n)
	}
	if n := ix.Search("lbp").Count(); n != 1 {
		t.Errorf("three-letter subsequence matched %d, want 1", n)
	}
	if n := ix.Search("lo").Count(); n != 1 {
		t.Errorf("two-letter word prefix matched %d, want 1", n)
	}
}

// TestFilterReferencesFuzzyFallback: a misspelt author still finds its
// reference through sahilm/fuzzy, highlighted on whole runes.
func TestFilterReferencesFuzzyFallback(t *testing.T) {
	refs := []pack.Reference{
		{ID: "s", Title: "Blood flow", Author: []pack.Name{{Family: "Stallknecht"}}},
		{ID: "l", Title: "Pressure", Author: []pack.Name{{Family: "Löberbauer-Purer"}}},
	}
	for _, c := range []struct{ q, id, lit string }{{"stalknecht", "s", "Stalknecht"}, {"lbrbauer", "l", "Lbrbauer"}} {
		hits := FilterReferences(refs, c.q)
		if len(hits) == 0 || refs[hits[0].Index].ID != c.id {
			t.Fatalf("%q: got %+v, want %s first", c.q, hits, c.id)
		}
		r := []rune(hits[0].Line)
		var got string
		for _, rg := range hits[0].Ranges {
			if rg.Start < 0 || rg.End > len(r) || rg.Start >= rg.End {
				t.Fatalf("%q: bad range %+v in %q", c.q, rg, hits[0].Line)
			}
			got += string(r[rg.Start:rg.End])
		}
		if got != c.lit {
			t.Errorf("%q: highlighted %q, want %q", c.q, got, c.lit)
		}
	}
	if hits := FilterReferences(refs, "zzzzqq"); len(hits) != 0 {
		t.Errorf("nonsense query matched %+v", hits)
	}
}

// TestFuzzyRejectsScatteredLetters: a short query must not match letters
// strewn across several words of a title (seen as "vol" lighting up
// "Illustrative randomised trial"), while misspelt names still match.
func TestFuzzyRejectsScatteredLetters(t *testing.T) {
	ix := NewIndex(&pack.Pack{Studies: []pack.Study{
		{ID: "x", Label: "Illustrative randomised trial"},
		{ID: "y", Label: "Stallknecht 2007"},
	}})
	if r := ix.Search("vol"); r.Count() != 0 {
		t.Fatalf(`"vol" matched %d entries; its letters are spread over three words`, r.Count())
	}
	if r := ix.Search("stalknecht"); r.Count() != 1 {
		t.Fatalf(`misspelt "stalknecht" matched %d entries, want 1`, r.Count())
	}
	refs := []pack.Reference{{ID: "r", Title: "T", Author: []pack.Name{{Family: "Vibe"}, {Family: "Olsen"}, {Family: "Lund"}}}}
	if hits := FilterReferences(refs, "vol"); len(hits) != 0 {
		t.Fatalf(`references filter: "vol" matched across three authors: %+v`, hits)
	}
}

// TestFuzzyFindsTheTightestMatch: the fuzzy matcher keeps the match that
// starts at the first occurrence of the query's first letter; a name later
// in the title must still be found, and highlighted where it is.
func TestFuzzyFindsTheTightestMatch(t *testing.T) {
	ix := NewIndex(&pack.Pack{Studies: []pack.Study{
		{ID: "a", Label: "Short study of Stallknecht"},
		{ID: "b", Label: "Smith, Jones and Stallknecht 2007"},
	}})
	r := ix.Search("stalknecht")
	if r.Count() != 2 {
		t.Fatalf(`"stalknecht" matched %d of the 2 titles naming Stallknecht`, r.Count())
	}
	for _, g := range r.Groups {
		for _, h := range g.Hits {
			title := []rune(h.Entry.Title)
			lit := ""
			for _, rg := range h.Title {
				lit += string(title[rg.Start:rg.End])
			}
			if lit != "Stalknecht" {
				t.Errorf("%q: highlighted %q, want the letters of Stallknecht", h.Entry.Title, lit)
			}
		}
	}
	refs := []pack.Reference{{ID: "r", Title: "T", Author: []pack.Name{{Family: "Smith"}, {Family: "Jones"}, {Family: "Stallknecht"}}}}
	if hits := FilterReferences(refs, "stalknecht"); len(hits) != 1 {
		t.Fatalf(`references filter: "stalknecht" matched %d, want the reference with Stallknecht as third author`, len(hits))
	}
}

// A study's text, which its search snippet shows, words the outcome type
// and the verdict in the pack's vocabulary: searching "injury" in the
// stretching pack showed "· injury ·" and "· no ·", the raw keys.
func TestStudyTextUsesTheVocabulary(t *testing.T) {
	p, _ := pack.Load(os.DirFS("../../testdata/stretching-pack"), "stretching-pack", pack.Options{})
	if len(p.Studies) == 0 {
		t.Fatal("the stretching pack did not load")
	}
	r := NewIndex(p).Search("injury")
	var texts []string
	for _, g := range r.Groups {
		if g.Kind != KindStudy {
			continue
		}
		for _, h := range g.Hits {
			texts = append(texts, h.Entry.Text)
		}
	}
	if len(texts) == 0 {
		t.Fatal("no study found for injury")
	}
	for _, s := range texts {
		parts := strings.Split(s, " · ")
		for _, raw := range []string{"injury", "no", "yes", "mixed", "not-measured", "acute-response", "review"} {
			if slices.Contains(parts, raw) {
				t.Errorf("study text shows the raw key %q: %s", raw, s)
			}
		}
	}
	joined := strings.Join(texts, "\n")
	for _, label := range []string{"· Injuries ·", "· No fewer injuries"} {
		if !strings.Contains(joined, label) {
			t.Errorf("no study text has %q:\n%s", label, joined)
		}
	}
}

// A study is still found by its id, but a result shows its label and a
// snippet without the id, with the highlights moved to match.
func TestStudyIDFindsButIsNotShown(t *testing.T) {
	ix := NewIndex(testPack())
	var study *Hit
	for _, g := range ix.Search("stallknecht2007").Groups {
		if g.Kind == KindStudy && len(g.Hits) > 0 {
			study = &g.Hits[0]
		}
	}
	if study == nil || study.Entry.Title != "Stallknecht 2007" {
		t.Fatalf("the study id found no study titled by its label: %+v", study)
	}
	text, ranges := study.Entry.ShownText(study.Text)
	if strings.Contains(text, "stallknecht2007") || !strings.HasPrefix(text, "acute experiment") {
		t.Fatalf("the study's snippet is %q, want it without the id", text)
	}
	if len(ranges) != 0 {
		t.Fatalf("highlights %v left in the shown text for a match in the id", ranges)
	}
	// A match after the id is shifted onto the shown text.
	for _, g := range ix.Search("acute").Groups {
		for _, h := range g.Hits {
			if h.Entry.Kind != KindStudy {
				continue
			}
			text, ranges := h.Entry.ShownText(h.Text)
			if len(ranges) == 0 {
				t.Fatalf("no highlight for acute in %q", text)
			}
			if got := string([]rune(text)[ranges[0].Start:ranges[0].End]); !strings.EqualFold(got, "acute") {
				t.Fatalf("the highlight covers %q, want acute", got)
			}
		}
	}
}
