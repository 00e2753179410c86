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
	// A source's line is looked for only when its address is refused:
	// each lookup reads the study's lines, which for every address of a
	// large studies.toml added up.
	if u := p.Meta.Source.URL; u != "" {
		l.checkAddressAt(FilePack, func() int { return packURLLine(l.linesOf(FilePack), u) }, "source url", u)
	}
	for _, s := range p.Studies {
		for i, so := range s.Sources {
			if so.URL != "" {
				l.checkAddressAt(FileStudies, func() int { return sourceURLLine(l.linesOf(FileStudies), s.Line, i, so.URL) }, "source url", so.URL)
			}
		}
	}
	for _, r := range p.References {
		if r.URL != "" {
			l.checkAddressAt(FileReferences, func() int { return refURLLine(l.linesOf(FileReferences), r.Line) }, "URL", r.URL)
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
	if reason, ok := refused(addr); ok {
		l.add(file, line, col, Warning, "%s %s is shown but never opened by the app: %s", what, shown(addr), reason)
	}
}

// checkAddressAt is checkAddress for a TOML or JSON value, whose line is found
// (by line()) only when there is something to report.
func (l *loader) checkAddressAt(file string, line func() int, what, addr string) {
	if reason, ok := refused(addr); ok {
		l.add(file, line(), 1, Warning, "%s %s is shown but never opened by the app: %s", what, shown(addr), reason)
	}
}

// refused says why the app would not open addr, if it would not.
func refused(addr string) (string, bool) {
	reason, blocked := links.Refusal(addr)
	if !blocked || internalLink(addr) {
		return "", false
	}
	return reason, true
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

// packURLLine finds the line of pack.toml's source url: the line that
// holds it as written, else (an address written with TOML escapes such as
// \u202E) the url key of the [source] table.
func packURLLine(lines []string, v string) int {
	for i, line := range lines {
		if strings.Contains(line, v) {
			return i + 1
		}
	}
	return tomlKeyLine(lines, tableLine(lines, 1, "source"), "url")
}

// refURLLine finds the line of the "URL" field of the reference that
// starts on line from: the first line from there that holds the key, before
// the next item starts (a line that begins with "{"); from itself when the
// item is on one line or the key cannot be found.
func refURLLine(lines []string, from int) int {
	for i := max(from, 1); i <= len(lines); i++ {
		if i > from && strings.HasPrefix(strings.TrimSpace(lines[i-1]), "{") {
			break
		}
		if strings.Contains(lines[i-1], `"URL"`) {
			return i
		}
	}
	return max(from, 1)
}

// sourceURLLine finds the line of the index-th source url of the study
// whose [[study]] header is on line from: the line of the study that holds
// it as written, else the url key of its index-th [[study.source]] table.
// The search stops at the next study, so a lookup never reads the rest of
// the file nor lands on another study's copy of the address.
func sourceURLLine(lines []string, from, index int, v string) int {
	for i := max(from, 1); i <= len(lines); i++ {
		t := strings.TrimSpace(lines[i-1])
		if i > from && strings.HasPrefix(t, "[[") && !strings.Contains(t, ".") {
			break
		}
		if strings.Contains(lines[i-1], v) {
			return i
		}
	}
	return tomlElemKeyLine(lines, from, "study.source", index, "url")
}
