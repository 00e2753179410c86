package cite

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// FuzzFormat decodes one CSL-JSON item as the pack loader does and formats
// it every way the app offers: nothing may panic, output stays UTF-8 when
// the input was, links are http(s) or empty, and CSL-JSON export reads back.
func FuzzFormat(f *testing.F) {
	for _, p := range []string{"testdata/refs.json", "../../content/spot-reduction/references.json"} {
		if b, err := os.ReadFile(p); err == nil {
			var items []json.RawMessage
			if json.Unmarshal(b, &items) == nil {
				for _, it := range items {
					f.Add([]byte(it))
				}
			}
		}
	}
	for _, s := range []string{
		`{"id":"a","author":[{"family":""},{"literal":"\u0000"}],"issued":{"date-parts":[[1e400]]}}`,
		`{"id":"b","issued":{"date-parts":[["２０２１"]]},"DOI":"https://doi.org/","PMID":"x y"}`,
		`{"id":"c","author":[{"family":"van","non-dropping-particle":"de","given":"Ü"}],"title":"{\\}%"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, item []byte) {
		var r pack.Reference
		if json.Unmarshal(item, &r) != nil {
			return
		}
		outs := []string{APA(r), BibTeX(r), RIS(r), BibTeXKey(r), FirstAuthorFamily(r)}
		for _, s := range APASegments(r) {
			outs = append(outs, s.Text)
		}
		if utf8.Valid(item) {
			for _, o := range outs {
				if !utf8.ValidString(o) {
					t.Errorf("output is not UTF-8: %q", o)
				}
			}
		}
		for _, u := range []string{DOIURL(r), PubMedURL(r)} {
			if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				t.Errorf("link %q is not a web address", u)
			}
		}
		if y := IssuedYear(r); y < 0 || y > 9999 {
			t.Errorf("IssuedYear = %d", y)
		}
		s, err := CSLJSON(r)
		if err != nil {
			return
		}
		var back pack.Reference
		if err := json.Unmarshal([]byte(s), &back); err != nil {
			t.Fatalf("CSL-JSON export does not read back: %v\n%s", err, s)
		}
	})
}
