package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/cite"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// referenceText formats a reference in APA 7 style (internal/cite), as
// plain text without its DOI or URL: the exporters add DOI and PubMed links
// themselves.
func referenceText(r pack.Reference) string {
	r.DOI, r.URL = "", ""
	return cite.APA(r)
}

// endSentence ends s with a full stop unless it already ends a sentence.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// year returns the first year in a CSL date, or "".
func year(d *pack.CSLDate) string {
	if d == nil {
		return ""
	}
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		switch v := d.DateParts[0][0].(type) {
		case float64:
			return strconv.Itoa(int(v))
		case int:
			return strconv.Itoa(v)
		case string:
			return v
		default:
			return fmt.Sprint(v)
		}
	}
	if d.Literal != "" {
		return d.Literal
	}
	if len(d.Raw) >= 4 {
		return d.Raw[:4]
	}
	return ""
}

// shortCite is "Family, Year" or "Family et al., Year", for link labels.
func shortCite(r pack.Reference) string {
	name := r.ID
	if len(r.Author) > 0 {
		a := r.Author[0]
		name = a.Family
		if name == "" {
			name = a.Literal
		}
		switch {
		case len(r.Author) == 2 && r.Author[1].Family != "":
			name += " & " + r.Author[1].Family
		case len(r.Author) > 2:
			name += " et al."
		}
	}
	if y := year(r.Issued); y != "" {
		return name + ", " + y
	}
	return name
}

// doiURL returns the https form of a DOI, which may be written bare or as a URL.
func doiURL(doi string) string {
	doi = strings.TrimSpace(doi)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"} {
		doi = strings.TrimPrefix(doi, p)
	}
	if doi == "" {
		return ""
	}
	return "https://doi.org/" + doi
}

// pubmedURL returns the PubMed page of a PMID.
func pubmedURL(pmid string) string {
	pmid = strings.TrimSpace(pmid)
	if pmid == "" {
		return ""
	}
	return "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/"
}
