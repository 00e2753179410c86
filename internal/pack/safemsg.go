package pack

import (
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/safemsg"
)

// The text the pack's editors write in their own words, which the
// safe-messaging rules check. The article is someone else's words, quoted
// verbatim, and a study's results, measures, population and discrepancies
// are data and quotations: none of them is checked.
var (
	ownWordsMarkdown = []string{FileGuidance, FileLimitations, FileSlides, FileChangelog}
	ownWordsTOML     = map[string][]string{
		FilePack: {"title", "subtitle", "disclaimer",
			// The vocabulary is the editors' words too.
			"verdict.question",
			"verdict.yes.answer", "verdict.yes.label", "verdict.yes.phrase",
			"verdict.no.answer", "verdict.no.label", "verdict.no.phrase",
			"verdict.mixed.answer", "verdict.mixed.label", "verdict.mixed.phrase",
			"verdict.not-measured.answer", "verdict.not-measured.label", "verdict.not-measured.phrase",
			"fields.measure", "fields.control",
			"outcome.label", "outcome.legend", "outcome.heading", "outcome.record_note", "outcome.about", "outcome.slide_note"},
		FileStudies: {"study.conclusion", "study.verdict_note", "study.key_limitation", "study.limitations"},
	}
)

// lintSafeMessaging checks the editors' own text against the rules for the
// pack's language (docs/pack-format.md, "The safe-messaging check").
func (l *loader) lintSafeMessaging() {
	lang := l.p.Meta.Language
	rs := safemsg.For(lang)
	if rs == nil {
		if lang != "" {
			l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, "language"), 1, Note, "no safe-messaging rules for language %q yet (there are rules for %s); the pack's own text was not checked", lang, strings.Join(safemsg.Languages(), ", "))
		}
		return
	}
	report := func(file string, fs []safemsg.Finding) {
		for _, f := range fs {
			l.add(file, f.Line, f.Col, Warning, "%s", f.Message)
		}
	}
	// Only a file that was read and decoded is checked: a refused or
	// malformed one has its own error, and the pre-screens' refusals are
	// hostile input the check must not spend time on (issue 16: a
	// studies.toml the screen refused took the check 24 s and 10 GB).
	for _, file := range ownWordsMarkdown {
		if src, ok := l.p.Sources[file]; ok && l.decoded[file] {
			report(file, rs.Markdown(src))
		}
	}
	for _, file := range []string{FilePack, FileStudies} {
		if src, ok := l.p.Sources[file]; ok && l.decoded[file] {
			report(file, rs.TOML(src, ownWordsTOML[file]))
		}
	}
}
