package pack

import (
	"slices"
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

// lintLanguage notes a pack whose language has no rules yet, so its own
// text was not checked (docs/pack-format.md, "The safe-messaging check").
func (l *loader) lintLanguage() {
	if lang := l.p.Meta.Language; lang != "" && safemsg.For(lang) == nil {
		l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, "language"), 1, Note, "no safe-messaging rules for language %q yet (there are rules for %s); the pack's own text was not checked", lang, strings.Join(safemsg.Languages(), ", "))
	}
}

// lintOwnWords checks the editors' own text in files against the rules for
// the pack's language, once pack.toml has loaded. The findings are kept
// apart (lintDs), and Load adds them after the cross-file checks, where
// they have always come.
//
// Only a file this loader read and decoded is checked: a refused or
// malformed one has its own error, and the pre-screens' refusals are
// hostile input the check must not spend time on (issue 16: a studies.toml
// the screen refused took the check 24 s and 10 GB).
func (l *loader) lintOwnWords(files ...string) {
	rs := safemsg.For(l.p.Meta.Language)
	if rs == nil {
		return
	}
	for _, file := range files {
		src, ok := l.sources[file]
		if !ok || !l.decoded[file] {
			continue
		}
		var fs []safemsg.Finding
		if keys, isTOML := ownWordsTOML[file]; isTOML {
			fs = rs.TOML(src, keys)
		} else {
			fs = rs.Markdown(src)
		}
		for _, f := range fs {
			if l.lintDs == nil {
				l.lintDs = map[string]Diagnostics{}
			}
			l.lintDs[file] = append(l.lintDs[file], Diagnostic{File: file, Line: f.Line, Col: f.Col, Severity: Warning, Message: f.Message})
		}
	}
}

// lintOrder is the order lintOwnWords' findings are added in.
var lintOrder = append(slices.Clone(ownWordsMarkdown), FilePack, FileStudies)
