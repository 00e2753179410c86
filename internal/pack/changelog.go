package pack

import (
	"regexp"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// ChangelogEntry is one "## VERSION — YYYY-MM-DD" section of changelog.md.
type ChangelogEntry struct {
	// Version is the pack version the entry describes, as written; it is
	// "Unreleased" for an entry of changes not yet released.
	Version string
	// Date is the entry's date; not Valid for an Unreleased entry.
	Date Date
	// Line is the line of the entry's heading.
	Line int
	// Notes is the entry's Markdown, as written, without its heading.
	Notes string
	// Blocks are the entry's top-level blocks (its heading left out) in
	// Doc, changelog.md as the loader parsed it: what the window renders,
	// so the notes are never parsed again on the UI goroutine.
	Blocks []*doc.Block
	Doc    *doc.Document
}

// changelogHeading reads "1.1.0 — 2027-03-02", "[1.1.0] - 2027-03-02" (as
// Keep a Changelog writes it) and "1.1.0 (2027-03-02)".
var changelogHeading = regexp.MustCompile(`^\[?v?([0-9A-Za-z][^\]\s]*)\]?\s*(?:[—–-]+\s*|\(\s*)(\S+?)\)?$`)

// loadChangelog reads the optional changelog.md and checks that it has an
// entry for the pack's version.
func (l *loader) loadChangelog() {
	d := l.loadMarkdown(FileChangelog, false)
	src, ok := l.sources[FileChangelog]
	if !ok {
		return
	}
	lines := strings.Split(string(src), "\n")
	// Level-1 and level-2 headings end an entry; deeper ones belong to it.
	var heads, headBlocks []int
	for _, s := range d.Sections {
		if s.Level <= 2 {
			heads = append(heads, s.Line)
			headBlocks = append(headBlocks, s.Block)
		}
	}
	seen := map[string]int{}
	for _, s := range d.Sections {
		if s.Level != 2 {
			continue
		}
		title := strings.TrimSpace(s.Title)
		e := ChangelogEntry{Line: s.Line}
		if strings.EqualFold(title, "unreleased") || strings.EqualFold(title, "[unreleased]") {
			e.Version = "Unreleased"
		} else {
			m := changelogHeading.FindStringSubmatch(title)
			if m == nil {
				l.add(FileChangelog, s.Line, 1, Warning, "changelog heading %q should be \"## VERSION — YYYY-MM-DD\", e.g. \"## 1.0.0 — 2026-11-27\"", title)
				continue
			}
			e.Version = m[1]
			_ = e.Date.UnmarshalTOML(m[2])
			if !e.Date.Valid() {
				l.add(FileChangelog, s.Line, 1, Warning, "invalid date %q in changelog heading %q: write it as YYYY-MM-DD", m[2], title)
			}
		}
		if first, dup := seen[e.Version]; dup && e.Version != "Unreleased" {
			l.add(FileChangelog, s.Line, 1, Warning, "version %s has a second changelog entry (the first is at line %d)", e.Version, first)
		} else {
			seen[e.Version] = s.Line
		}
		// The notes run to the next heading of level 1 or 2.
		end := len(lines)
		for _, h := range heads {
			if h > s.Line {
				end = h - 1
				break
			}
		}
		if s.Line <= len(lines) {
			e.Notes = strings.TrimSpace(strings.Join(lines[min(s.Line, end):end], "\n"))
		}
		// Its blocks likewise run to the next such heading's block.
		last := len(d.Blocks)
		for _, b := range headBlocks {
			if b > s.Block {
				last = b
				break
			}
		}
		if s.Block < last {
			e.Doc, e.Blocks = d, d.Blocks[s.Block+1:last]
		}
		l.p.Changelog = append(l.p.Changelog, e)
	}
	v := strings.TrimPrefix(l.p.Meta.Version, "v")
	if v == "" {
		return
	}
	if _, ok := seen[v]; ok {
		return
	}
	line := 1
	if len(l.p.Changelog) > 0 {
		line = l.p.Changelog[0].Line
	}
	l.add(FileChangelog, line, 1, Warning, "no changelog entry for version %s (pack.toml's version): add \"## %s — YYYY-MM-DD\" above the others, saying what changed", l.p.Meta.Version, v)
}
