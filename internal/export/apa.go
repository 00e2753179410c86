package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// referenceText formats a reference in a simple APA-like style, as plain
// text without its DOI (the exporters add DOI and PubMed links themselves).
// It is the one place to swap for a full APA formatter.
func referenceText(r pack.Reference) string {
	var b strings.Builder
	if a := authors(r.Author); a != "" {
		b.WriteString(a)
		if !strings.HasSuffix(a, ".") {
			b.WriteByte('.')
		}
		b.WriteByte(' ')
	}
	if y := year(r.Issued); y != "" {
		b.WriteString("(" + y + "). ")
	} else {
		b.WriteString("(n.d.). ")
	}
	if r.Title != "" {
		b.WriteString(endSentence(r.Title) + " ")
	}
	if r.ContainerTitle != "" {
		b.WriteString(r.ContainerTitle)
		if r.Volume != "" {
			b.WriteString(", " + r.Volume)
			if r.Issue != "" {
				b.WriteString("(" + r.Issue + ")")
			}
		}
		if r.Page != "" {
			b.WriteString(", " + strings.ReplaceAll(r.Page, "-", "–"))
		}
		b.WriteString(".")
	}
	return strings.TrimSpace(b.String())
}

// endSentence ends s with a full stop unless it already ends a sentence.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// authors lists up to 20 authors as "Family, G. G., Family, G., & Family, G.".
func authors(ns []pack.Name) string {
	var parts []string
	for _, n := range ns {
		if n.Literal != "" {
			parts = append(parts, n.Literal)
			continue
		}
		fam := strings.TrimSpace(strings.Join(strings.Fields(n.NonDroppingPart+" "+n.Family), " "))
		if fam == "" {
			continue
		}
		if in := initials(n.Given); in != "" {
			fam += ", " + in
		}
		parts = append(parts, fam)
	}
	if len(parts) > 20 {
		parts = append(parts[:19], "… "+parts[len(parts)-1])
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	case 2:
		return parts[0] + ", & " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", & " + parts[len(parts)-1]
}

// initials turns "Bente Merete" into "B. M." and "Jean-Paul" into "J.-P.".
func initials(given string) string {
	var out []string
	for _, w := range strings.Fields(given) {
		var hy []string
		for _, h := range strings.Split(w, "-") {
			h = strings.TrimRight(h, ".")
			if h == "" {
				continue
			}
			r := []rune(h)
			hy = append(hy, string(r[0])+".")
		}
		if len(hy) > 0 {
			out = append(out, strings.Join(hy, "-"))
		}
	}
	return strings.Join(out, " ")
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
