package pack

import (
	"strings"
	"testing"
)

// An anchor's occurrences are counted only up to maxAnchorCount: a short
// anchor in a large article, for each of many discrepancies, was counted
// to the article's end (1,664 of them in a 4 MiB article took 5 s).
func TestDiscrepancyAnchorCountStops(t *testing.T) {
	m := minimalFS(t)
	m[FileArticle].Data = append(m[FileArticle].Data, []byte("\n"+strings.Repeat("A zebra. ", 50)+"\n")...)
	m[FileStudies].Data = append(m[FileStudies].Data, []byte("\n[[study.discrepancy]]\narticle = \"x\"\nsource = \"y\"\nanchor = \"zebra\"\n")...)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	for _, d := range ds {
		if strings.Contains(d.Message, "discrepancy anchor") {
			if !strings.Contains(d.Message, `"zebra" occurs 10 or more times in article.md`) {
				t.Errorf("got %s", d.Message)
			}
			return
		}
	}
	t.Errorf("no note for an anchor that occurs 50 times:\n%s", dump(ds))
}

// A placeholder's quote in a file with CRLF line ends stops before the
// "\r".
func TestPlaceholderNoteCRLF(t *testing.T) {
	m := minimalFS(t)
	m[FileGuidance].Data = append(m[FileGuidance].Data, []byte("\r\nReplace with a heading\r\n")...)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	for _, d := range ds {
		if strings.Contains(d.Message, "placeholder from") {
			if !strings.Contains(d.Message, `"Replace with a heading";`) {
				t.Errorf("got %s", d.Message)
			}
			return
		}
	}
	t.Errorf("no placeholder note:\n%s", dump(ds))
}
