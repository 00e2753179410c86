package pack

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLinksTheAppRefusesAreWarned: every address the app would show but not
// open gets a warning where it is written; links it opens get none.
func TestLinksTheAppRefusesAreWarned(t *testing.T) {
	m := minimalFS(t)
	art := string(m[FileArticle].Data)
	line := strings.Count(art, "\n") + 2
	art += "\n[ok](https://example.org/a) [mail](mailto:a@example.org) <https://example.org/auto>\n" +
		"[js](javascript:alert(1)) [f](file:///etc/passwd) [d](data:text/html,x) [vb](VBScript:x)\n" +
		"[long](https://example.org/" + strings.Repeat("a", 100000) + ")\n" +
		"[bidi](https://example.org/\u202Egpj.exe) [text \u202Eevil](https://example.org/)\n" +
		"[rel](other.md) [frag](#part)\n"
	m[FileArticle] = &fstest.MapFile{Data: []byte(art)}
	m[FileGuidance] = &fstest.MapFile{Data: append(m[FileGuidance].Data, []byte("\n[ftp](ftp://example.org/x)\n")...)}
	m[FileStudies] = &fstest.MapFile{Data: append(m[FileStudies].Data,
		[]byte("\n[[study.source]]\nfacts = \"x\"\nconfidence = \"high\"\nurl = \"javascript:alert(2)\"\n")...)}
	studyLine := strings.Count(string(m[FileStudies].Data), "\n")
	m[FileSlides] = &fstest.MapFile{Data: []byte("# Slides\n\nNo link here.\n\n---\n\n## Two\n\n[js](javascript:alert(3))\n\n![zero](file:///dev/zero)\n\nNote:\n![n](data:image/png,x)\n")}
	_, ds := loadWithin(t, m)
	want := []struct {
		file   string
		line   int
		substr string
	}{
		{FileArticle, line + 1, `link "javascript:alert(1)" is shown but never opened by the app: Script links`},
		{FileArticle, line + 1, `link "file:///etc/passwd" is shown but never opened`},
		{FileArticle, line + 1, `link "data:text/html,x" is shown but never opened`},
		{FileArticle, line + 1, `link "VBScript:x" is shown but never opened`},
		{FileArticle, line + 2, `is 100020 bytes long, longer than the 2048`},
		{FileArticle, line + 3, `link "https://example.org/\u202egpj.exe" is shown but never opened by the app: The address contains an invisible text-direction control character (U+202E)`},
		{FileArticle, line + 3, `link text "text \u202eevil" contains an invisible text-direction control character (U+202E)`},
		{FileArticle, line + 4, `link "other.md" is shown but never opened`},
		{FileArticle, line + 4, `link "#part" is shown but never opened`},
		{FileGuidance, 5, `link "ftp://example.org/x" is shown but never opened`},
		{FileStudies, studyLine, `source url "javascript:alert(2)" is shown but never opened`},
		{FileSlides, 9, `link "javascript:alert(3)" is shown but never opened`},
		// Images in slides and notes are addresses like links (the
		// presentation shows their alt text and never loads them).
		{FileSlides, 11, `link "file:///dev/zero" is shown but never opened`},
		{FileSlides, 14, `link "data:image/png,x" is shown but never opened`},
	}
	found := map[int]bool{}
	for _, d := range ds {
		for i, w := range want {
			if d.File == w.file && (w.line == 0 || d.Line == w.line) && d.Severity == Warning && strings.Contains(d.Message, w.substr) {
				found[i] = true
			}
		}
		if strings.Contains(d.Message, "example.org/a\"") || strings.Contains(d.Message, "mailto:") || strings.Contains(d.Message, "/auto") {
			t.Errorf("a link the app opens was warned about: %s", d)
		}
		if strings.Contains(d.Message, strings.Repeat("a", 100)) {
			t.Errorf("a 100 KB address was printed whole: %.200s", d)
		}
	}
	for i, w := range want {
		if !found[i] {
			t.Errorf("no warning %s:%d: %s\ngot:\n%s", w.file, w.line, w.substr, dump(ds))
		}
	}
}

// TestLinkWarningsPointAtTheLink: a link's warning names the column of its
// "[" (an image's "!", an autolink's "<"), not one past it, and an
// autolink, whose text is its address, is warned about once.
func TestLinkWarningsPointAtTheLink(t *testing.T) {
	m := minimalFS(t)
	g := string(m[FileGuidance].Data)

	g += "\n[js](javascript:alert(1)) and <https://example.org/\u202Egpj.exe> and ![i](ftp://x/i.png)\n\n* [x](ftp://a) item\n"
	m[FileGuidance] = &fstest.MapFile{Data: []byte(g)}
	_, ds := loadWithin(t, m)
	lines := strings.Split(g, "\n")
	var got []string
	for _, d := range ds {
		if d.File != FileGuidance || !strings.Contains(d.Message, "link") {
			continue
		}
		got = append(got, lines[d.Line-1][d.Col-1:][:2])
	}
	if want := "[j <h ![ [x"; strings.Join(got, " ") != want {
		t.Errorf("warnings point at %q, want %q:\n%s", strings.Join(got, " "), want, dump(ds))
	}
}

// TestSourceURLWarningsAreLocated: a source url written with a TOML escape
// is warned about at its own url line, not at the next line anywhere in the
// file that happens to hold the decoded address (another study's), and not
// at pack.toml's first line. Looking for it from the study to the end of
// the file also made check take seconds on thousands of such addresses
// before a long tail of comments.
func TestSourceURLWarningsAreLocated(t *testing.T) {
	m := minimalFS(t)
	pk := strings.Replace(string(m[FilePack].Data), "author = \"Nobody\"\n", "author = \"Nobody\"\nurl = \"https://example.org/\\u202Egpj.exe\"\n", 1)
	m[FilePack] = &fstest.MapFile{Data: []byte(pk)}
	st := strings.Replace(string(m[FileStudies].Data), "\n[[study]]\nid = \"jones2003\"",
		"\n[[study.source]]\nfacts = \"a\"\nconfidence = \"high\"\nurl = \"https://example.org/fine\"\n"+
			"\n[[study.source]]\nfacts = \"b\"\nconfidence = \"high\"\nurl = \"javascript\\u003Aalert(1)\"\n"+
			"\n[[study]]\nid = \"jones2003\"", 1)
	st += "\n[[study.source]]\nfacts = \"c\"\nconfidence = \"high\"\nurl = \"javascript:alert(1)\"\n"
	m[FileStudies] = &fstest.MapFile{Data: []byte(st)}
	lineOf := func(src, s string, nth int) int {
		lines := strings.Split(src, "\n")
		for i, l := range lines {
			if strings.Contains(l, s) {
				if nth == 0 {
					return i + 1
				}
				nth--
			}
		}
		t.Fatalf("%q not in the fixture", s)
		return 0
	}
	_, ds := loadWithin(t, m)
	want := map[string][]int{
		FilePack:    {lineOf(pk, `url = "https://example.org/\u202E`, 0)},
		FileStudies: {lineOf(st, `url = "javascript`, 0), lineOf(st, `url = "javascript`, 1)},
	}
	got := map[string][]int{}
	for _, d := range ds {
		if d.Severity == Warning && strings.Contains(d.Message, "source url") {
			got[d.File] = append(got[d.File], d.Line)
		}
	}
	for file, lines := range want {
		if fmt.Sprint(got[file]) != fmt.Sprint(lines) {
			t.Errorf("%s: source url warnings at lines %v, want %v:\n%s", file, got[file], lines, dump(ds))
		}
	}
}

// A refused URL in references.json is reported at its own line, not at the
// reference's first line.
func TestReferenceURLWarningAtItsLine(t *testing.T) {
	m := minimalFS(t)
	src := string(m[FileReferences].Data)
	i := strings.Index(src, `"title"`)
	if i < 0 {
		t.Fatal("no title in the minimal references.json")
	}
	m[FileReferences].Data = []byte(src[:i] + "\"URL\": \"javascript:alert(1)\",\n    " + src[i:])
	line := 1 + strings.Count(src[:i], "\n")
	_, ds := Load(m, "minimal", Options{Now: testNow})
	for _, d := range ds {
		if d.File == FileReferences && strings.Contains(d.Message, "URL \"javascript:alert(1)\"") {
			if d.Line != line {
				t.Fatalf("URL warning at line %d, want %d", d.Line, line)
			}
			return
		}
	}
	t.Fatalf("no URL warning:\n%s", dump(ds))
}
