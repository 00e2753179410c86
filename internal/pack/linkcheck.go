package pack

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/links"
)

// checkLinks warns about every address in the pack that the app would show
// but refuse to open, by asking internal/links, the policy the window
// applies: schemes other than http, https and mailto, addresses longer than
// links.MaxURLLength, and addresses with control or bidirectional control
// characters. It also warns about bidirectional controls in link texts,
// which can make a link read as something else.
func (l *loader) checkLinks() {
	p := l.p
	for _, f := range []struct {
		name string
		d    *doc.Document
	}{{FileArticle, p.Article}, {FileLimitations, p.Limitations}, {FileGuidance, p.Guidance}, {FileSlides, l.slides}} {
		for _, lk := range f.d.Links {
			l.checkAddress(f.name, lk.Line, lk.Col, "link", lk.URL)
			if !lk.Auto { // an autolink's text is its address, checked above
				l.checkLinkText(f.name, lk.Line, lk.Col, lk.Text)
			}
		}
		for _, c := range f.d.Citations {
			l.checkLinkText(f.name, c.Line, c.Col, c.Text)
		}
	}
	if u := p.Meta.Source.URL; u != "" {
		l.checkAddress(FilePack, valueLine(l.linesOf(FilePack), 1, u), 1, "source url", u)
	}
	for _, s := range p.Studies {
		for _, so := range s.Sources {
			if so.URL != "" {
				l.checkAddress(FileStudies, valueLine(l.linesOf(FileStudies), s.Line, so.URL), 1, "source url", so.URL)
			}
		}
	}
	for _, r := range p.References {
		if r.URL != "" {
			l.checkAddress(FileReferences, r.Line, 1, "URL", r.URL)
		}
		if d := strings.TrimSpace(r.DOI); d != "" {
			// The DOI button opens https://doi.org/ followed by the DOI.
			if reason, blocked := links.Refusal("https://doi.org/" + d); blocked {
				l.add(FileReferences, r.Line, 1, Warning, "the DOI %s of reference %q is not opened by the app: %s", shown(d), r.ID, reason)
			}
		}
	}
}

// checkAddress warns when the app would refuse to open addr. cite: and
// study: links are jumps inside the pack, checked by validate.
func (l *loader) checkAddress(file string, line, col int, what, addr string) {
	reason, blocked := links.Refusal(addr)
	if !blocked || internalLink(addr) {
		return
	}
	l.add(file, line, col, Warning, "%s %s is shown but never opened by the app: %s", what, shown(addr), reason)
}

func (l *loader) checkLinkText(file string, line, col int, text string) {
	if r, _, ok := links.BidiControl(text); ok {
		l.add(file, line, col, Warning, "link text %s contains an invisible text-direction control character (%s), which can make it read differently from what it says; remove it",
			shown(text), links.Describe(r))
	}
}

func internalLink(addr string) bool {
	a := strings.ToLower(strings.TrimSpace(addr))
	return strings.HasPrefix(a, "cite:") || strings.HasPrefix(a, "study:")
}

// shown quotes s for a message: Go quoting escapes the invisible and
// control characters, and a long address is cut to its first 60 runes.
func shown(s string) string {
	const keep = 60
	if utf8.RuneCountInString(s) <= keep {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == keep {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}

// valueLine finds the first line at or after from (1-based) that holds v,
// or from.
func valueLine(lines []string, from int, v string) int {
	for i := max(from, 1); i <= len(lines); i++ {
		if strings.Contains(lines[i-1], v) {
			return i
		}
	}
	return max(from, 1)
}
