package pack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/evidence-reader/evidence-reader/internal/doc"
)

// Size caps per file. They keep a hostile or mistaken pack from exhausting
// memory or stalling the Markdown parser; docs/pack-format.md lists them.
var SizeCaps = map[string]int64{
	FilePack:        64 << 10,
	FileStudies:     8 << 20,
	FileReferences:  16 << 20,
	FileArticle:     4 << 20,
	FileLimitations: 4 << 20,
	FileGuidance:    4 << 20,
	FileSlides:      1 << 20,
	FileChangelog:   1 << 20,
}

// ParseTimeout bounds how long one file (TOML or Markdown) may take to
// parse. The pre-screens refuse every shape known to be slow long before
// it; the deadline is what is left when they miss one, so that a pack
// opens, or opens its error view, within about a second.
var ParseTimeout = 1 * time.Second

// Options tune Load.
type Options struct {
	// Now is the date used for the review-date check; zero means time.Now.
	Now time.Time
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// Load reads a pack from fsys (the pack folder as its root). It always
// returns a usable *Pack and every problem it found; it never panics.
func Load(fsys fs.FS, name string, opt Options) (p *Pack, ds Diagnostics) {
	p = &Pack{
		Name:        name,
		Article:     &doc.Document{},
		Limitations: &doc.Document{},
		Guidance:    &doc.Document{},
		Sources:     map[string][]byte{},
	}
	// Goroutines Load starts; the deferred function waits for them
	// before it touches the pack, even after a panic.
	var wg sync.WaitGroup
	var hash string
	defer func() {
		r := recover()
		wg.Wait()
		// A bug in a checker must not take the app down: report it instead.
		if r != nil {
			ds = append(ds, internalError(r))
		}
		if p.refIndex == nil {
			p.index()
		}
		if p.vocab == nil {
			p.vocab = NewVocabulary(p.Meta, p.Studies)
		}
		switch {
		case hash != "":
			p.Hash = hash
		case len(p.Sources) > 0:
			// Nothing read is no content: every such pack would share the
			// hash of nothing.
			p.Hash = ContentHash(p.Sources)
		}
		ds.Sort()
	}()
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	l := &loader{p: p, fsys: fsys, sources: p.Sources}
	// The files are read and decoded side by side, each on a loader of its
	// own (they share only the pack, each writing its own fields of it):
	// references.json, studies.toml and article.md are most of a large
	// pack's bytes, and the window waits for Load before its first frame.
	// They are joined in the order they were once read one after another,
	// so the diagnostics are the same.
	meta, refs, studies, article, rest := l.fork(), l.fork(), l.fork(), l.fork(), l.fork()
	// The safe-messaging rules are the pack language's: each loader checks
	// the editors' words in its files once pack.toml has loaded.
	metaLoaded := make(chan struct{})
	lint := func(c *loader, files ...string) {
		<-metaLoaded
		c.lintOwnWords(files...)
	}
	wg.Go(func() { refs.run(refs.loadReferences) })
	wg.Go(func() {
		studies.run(func() {
			studies.loadStudies()
			lint(studies, FileStudies)
		})
	})
	wg.Go(func() { article.run(func() { p.Article = article.loadMarkdown(FileArticle, true) }) })
	meta.run(func() {
		defer close(metaLoaded)
		meta.loadMeta()
	})
	meta.run(func() { meta.lintOwnWords(FilePack) })
	rest.run(func() {
		p.Limitations = rest.loadMarkdown(FileLimitations, true)
		p.Guidance = rest.loadMarkdown(FileGuidance, true)
		// slides.md is split into slides by internal/deck, which imports
		// this package; read as one Markdown document here it is screened
		// like the others, and its links keep their lines. A refused one
		// is not used.
		rest.slides = rest.loadMarkdown(FileSlides, false)
		rest.loadChangelog()
		lint(rest, ownWordsMarkdown...)
	})
	wg.Wait()
	forks := []*loader{meta, refs, studies, article, rest}
	for _, c := range forks {
		l.join(c)
	}
	if l.decoded[FileSlides] {
		p.Slides = p.Sources[FileSlides]
	}
	p.index()
	p.vocab = NewVocabulary(p.Meta, p.Studies)
	// The content hash reads the files; it runs beside the cross-file
	// checks.
	if len(p.Sources) > 0 {
		wg.Go(func() { hash = ContentHash(p.Sources) })
	}
	l.validate(opt.Now)
	wg.Wait()
	l.lintLanguage()
	l.notePlaceholders()
	for _, file := range lintOrder {
		for _, c := range forks {
			l.ds = append(l.ds, c.lintDs[file]...)
		}
	}
	return p, l.ds
}

func internalError(r any) Diagnostic {
	return Diagnostic{File: FilePack, Severity: Error, Message: fmt.Sprintf("internal error while checking the pack: %v", r)}
}

// fork returns a loader for reading files on another goroutine: its
// diagnostics, the files it reads and what it notes about them are its
// own until join.
func (l *loader) fork() *loader {
	return &loader{p: l.p, fsys: l.fsys, sources: map[string][]byte{}}
}

// run calls f, reporting a panic as an internal error: Load's own
// recover does not reach another goroutine.
func (l *loader) run(f func()) {
	defer func() {
		if r := recover(); r != nil {
			l.ds = append(l.ds, internalError(r))
		}
	}()
	f()
}

// join takes over what c found.
func (l *loader) join(c *loader) {
	l.ds = append(l.ds, c.ds...)
	for f, b := range c.sources {
		l.sources[f] = b
	}
	for f := range c.decoded {
		l.markDecoded(f)
	}
	for f, ls := range c.lines {
		if _, ok := l.lines[f]; !ok {
			if l.lines == nil {
				l.lines = map[string][]string{}
			}
			l.lines[f] = ls
		}
	}
	l.refsOK = l.refsOK || c.refsOK
	l.studiesOK = l.studiesOK || c.studiesOK
	l.metaOK = l.metaOK || c.metaOK
	if c.slides != nil {
		l.slides = c.slides
	}
}

type loader struct {
	p    *Pack
	fsys fs.FS
	ds   Diagnostics
	// sources holds the files this loader read (Load's own loader: the
	// pack's Sources).
	sources map[string][]byte
	// lines caches each file split into lines for tomlKeyLine.
	lines map[string][]string
	// refsOK is false when references.json could not be read whole; the
	// checks that look references up are then skipped, so one syntax error
	// is not followed by a "not in references.json" for every citation.
	refsOK bool
	// studiesOK is the same for studies.toml and the study: link checks.
	studiesOK bool
	// metaOK is true when pack.toml decoded: what it does not declare is
	// only worth a note then.
	metaOK bool
	// decoded holds the files that were read and passed their pre-screen
	// and decoder; the safe-messaging check reads no other.
	decoded map[string]bool
	// slides is slides.md read as one document, for its links.
	slides *doc.Document
	// lintDs are the safe-messaging findings in each file (lintOwnWords).
	lintDs map[string]Diagnostics
}

// markDecoded records that file was read and decoded.
func (l *loader) markDecoded(file string) {
	if l.decoded == nil {
		l.decoded = map[string]bool{}
	}
	l.decoded[file] = true
}

// linesOf returns a loaded file's lines, splitting it once.
func (l *loader) linesOf(file string) []string {
	if ls, ok := l.lines[file]; ok {
		return ls
	}
	if l.lines == nil {
		l.lines = map[string][]string{}
	}
	ls := strings.Split(string(l.sources[file]), "\n")
	l.lines[file] = ls
	return ls
}

func (l *loader) add(file string, line, col int, sev Severity, format string, args ...any) {
	l.ds = append(l.ds, Diagnostic{File: file, Line: line, Col: col, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// read returns a file's bytes after the file-kind, size, UTF-8 and NUL
// checks, with a leading UTF-8 byte order mark removed (editors on Windows
// write one; every file is treated alike, and columns count from the text).
//
// Only a regular file inside the pack is opened: the kind is checked with
// fs.Stat first, so a named pipe is refused instead of blocking Open, and in
// a file system with symbolic links (fs.ReadLinkFS, as os.DirFS is) every
// link on the way must stay inside the pack. A file system without links
// (an archive) reports a link entry's mode, which is refused the same way.
// fs.Stat opens the file when the file system has no Stat of its own; only
// operating-system folders hold pipes, and os.DirFS has one.
func (l *loader) read(file string, required bool) ([]byte, bool) {
	name := file
	if rl, ok := l.fsys.(fs.ReadLinkFS); ok {
		var err error
		if name, err = resolveLinks(rl, file); err != nil {
			l.add(file, 1, 1, Error, "%v", err)
			return nil, false
		}
	}
	st, err := fs.Stat(l.fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if required {
				l.add(file, 1, 1, Error, "required file %s is missing", file)
			}
		} else {
			l.add(file, 1, 1, Error, "cannot open: %v", err)
		}
		return nil, false
	}
	if !st.Mode().IsRegular() {
		l.add(file, 1, 1, Error, "%s is %s; it must be a regular file", file, FileKind(st.Mode()))
		return nil, false
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		l.add(file, 1, 1, Error, "cannot open: %v", err)
		return nil, false
	}
	defer f.Close()
	limit := SizeCaps[file]
	// Read one byte past the cap so an oversized file is caught even when
	// the file system reports no size.
	src, err := readAtMost(f, st.Size(), limit+1)
	if err != nil {
		l.add(file, 1, 1, Error, "cannot read: %v", err)
		return nil, false
	}
	if int64(len(src)) > limit {
		l.add(file, 1, 1, Error, "file is larger than the %s cap for %s", HumanSize(limit), file)
		return nil, false
	}
	src = bytes.TrimPrefix(src, utf8BOM)
	if d := checkText(file, src); d != nil {
		l.ds = append(l.ds, d...)
		return nil, false
	}
	l.sources[file] = src
	return src, true
}

// utf8BOM is the byte order mark some editors put at the start of UTF-8 files.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readAtMost reads r to its end or to limit bytes. The buffer starts at the
// size the file system reported (hint), with room for the read that finds
// the end: io.ReadAll starts at 512 bytes and copies a large file many
// times over as it grows.
func readAtMost(r io.Reader, hint, limit int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, max(min(hint, limit), 0)+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), err
}

// plural is "1 study uses" or "3 studies use".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// tomlError reports a TOML decode error with the parser's line and column.
func (l *loader) tomlError(file string, src []byte, err error, lineOffset int) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if msg == "" {
			msg = err.Error()
		}
		// The parser reports line 0 for an error at the very end of the
		// input (found by FuzzLoad: pack.toml `"\`).
		l.add(file, max(pe.Position.Line, 1)+lineOffset, max(pe.Position.Col, 1), Error, "malformed TOML: %s", msg)
		return
	}
	// Type mismatches come as plain errors: "toml: line 11 (last key "x"): ...".
	// The TOML is well formed then, so the message says what the value
	// should have been, at the value itself.
	if m := tomlLineErr.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		if at, col, text, ok := tomlTypeMessage(src, line, m[2], m[3]); ok {
			l.add(file, at+lineOffset, col, Error, "%s", text)
			return
		}
		l.add(file, line+lineOffset, 1, Error, "malformed TOML: %s: %s", m[2], m[3])
		return
	}
	l.add(file, 1+lineOffset, 1, Error, "malformed TOML: %v", err)
}

// decodeTOML is toml.Decode; a variable so tests can make it slow.
var decodeTOML = toml.Decode

// tomlWithin decodes a TOML file (or front matter, whose lines start at
// lineOffset+1) into a new T. The pre-screen runs first; the parse runs on
// its own goroutine within ParseTimeout, and on timeout it is abandoned: it
// decodes into its own value, so finishing late changes nothing. Problems
// are reported against file; ok is false when there were any, and v then
// holds what the decoder filled in before it stopped (zero on timeout).
func tomlWithin[T any](l *loader, file string, src []byte, lineOffset int) (v T, md toml.MetaData, ok bool) {
	refusal, heaviest, values := screenTOML(src)
	if refusal != nil {
		line, col := lineCol(src, refusal.off)
		l.add(file, line+lineOffset, col, Error, "%s", refusal.msg)
		return v, md, false
	}
	type result struct {
		v   T
		md  toml.MetaData
		err error
	}
	ch := make(chan result, 1) // buffered: a late parse must not block forever
	decode := decodeTOML       // read here: a test may restore it while a late parse runs
	go func() {
		var r result
		defer func() {
			// Load's recover does not reach this goroutine.
			if p := recover(); p != nil {
				r.err = fmt.Errorf("the TOML parser failed: %v", p)
			}
			ch <- r
		}()
		r.md, r.err = decode(string(src), &r.v)
	}()
	t := time.NewTimer(ParseTimeout)
	defer t.Stop()
	select {
	case r := <-ch:
		if r.err != nil {
			l.tomlError(file, src, r.err, lineOffset)
			return r.v, r.md, false
		}
		return r.v, r.md, true
	case <-t.C:
		line, col := lineCol(src, heaviest)
		l.add(file, line+lineOffset, col, Error,
			"TOML took longer than %v to parse (%d keys, tables and array elements); the largest structure starts here", ParseTimeout, values)
		return v, md, false
	}
}

var tomlLineErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// maxUnknownKeys is how many unknown keys are reported one by one; each is
// found by a search of the whole file, so thousands of them made checking
// quadratic (8,000 took 8 s), and past a few the rest are summed up.
const maxUnknownKeys = 20

func (l *loader) unknownKeys(file string, src []byte, md toml.MetaData, lineOffset int) {
	keys := md.Undecoded()
	if len(keys) > maxUnknownKeys {
		l.add(file, 1+lineOffset, 1, Warning, "%d more unknown keys are ignored (only the first %d are listed)", len(keys)-maxUnknownKeys, maxUnknownKeys)
		keys = keys[:maxUnknownKeys]
	}
	at := keyOffsets(src, keys)
	for _, k := range keys {
		line, col := 1, 1
		if offs := at[strings.Join(k, ".")]; len(offs) > 0 {
			line, col = lineCol(src, offs[0])
			at[strings.Join(k, ".")] = offs[1:]
		} else if ln, c := textLine(src, k[len(k)-1]); ln > 0 {
			line, col = ln, c
		}
		l.add(file, line+lineOffset, col, Warning, "unknown key %q is ignored (check its spelling against docs/pack-format.md)", k.String())
	}
}

func (l *loader) loadMeta() {
	src, ok := l.read(FilePack, true)
	if !ok {
		return
	}
	meta, md, ok := tomlWithin[Meta](l, FilePack, src, 0)
	l.p.Meta = meta
	if !ok {
		return
	}
	l.metaOK = true
	l.markDecoded(FilePack)
	l.unknownKeys(FilePack, src, md, 0)
	m := &l.p.Meta
	required := []struct {
		key string
		ok  bool
	}{
		{"id", m.ID != ""}, {"title", m.Title != ""}, {"version", m.Version != ""},
		{"language", m.Language != ""}, {"editors", len(m.Editors) > 0}, {"license", m.License != ""},
		{"disclaimer", m.Disclaimer != ""},
	}
	for _, r := range required {
		switch {
		case r.ok:
		case md.IsDefined(r.key):
			// Point at the key, so the editor lands on the empty value.
			l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, r.key), 1, Error, "required field %q is empty", r.key)
		default:
			l.add(FilePack, 1, 1, Error, "required field %q is missing", r.key)
		}
	}
	if m.ID != "" && !idPattern.MatchString(m.ID) {
		line := tomlKeyLine(l.linesOf(FilePack), 1, "id")
		l.add(FilePack, line, 1, Error, "id %q must be lowercase letters, digits, '.', '_' or '-'", m.ID)
	}
	for _, d := range []struct {
		key      string
		v        Date
		required bool
	}{
		{"last_reviewed", m.LastReviewed, true}, {"next_review", m.NextReview, true},
		{"evidence_searched_to", m.EvidenceSearchedTo, true}, {"retrieved", m.Source.Retrieved, false},
	} {
		switch {
		case d.v.Raw != "":
			l.add(FilePack, tomlKeyLine(l.linesOf(FilePack), 1, d.key), 1, Error, "invalid date %q for %s: write it as YYYY-MM-DD", d.v.Raw, d.key)
		case !d.v.set && d.required:
			l.add(FilePack, 1, 1, Error, "required date %q is missing", d.key)
		}
	}
}

// studiesFile is studies.toml.
type studiesFile struct {
	Study []legacyStudy `toml:"study"`
}

func (l *loader) loadStudies() {
	src, ok := l.read(FileStudies, true)
	if !ok {
		return
	}
	file, md, ok := tomlWithin[studiesFile](l, FileStudies, src, 0)
	if !ok {
		return
	}
	l.studiesOK = true
	l.markDecoded(FileStudies)
	l.unknownKeys(FileStudies, src, md, 0)
	heads := tomlTables(src, "study")
	studies := make([]Study, len(file.Study))
	legacy := 0
	for i := range file.Study {
		f := &file.Study[i]
		s := &studies[i]
		*s = f.Study
		// Headers and studies pair up by position, so when the scan saw
		// more or fewer headers than the decoder made studies (a header
		// line inside a multi-line string, say) no study can be placed
		// safely, and each points at line 1 rather than at another's.
		s.Line = 1
		if len(heads) == len(file.Study) {
			s.Line = heads[i]
		}
		l.adoptLegacy(s, f, &legacy)
	}
	if legacy > 0 {
		l.add(FileStudies, 1, 1, Note, "%s the first format's field names %s and %s; they are read as measure and control, which pack.toml's [fields] names (docs/pack-format.md#vocabulary)", plural(legacy, "study uses", "studies use"), legacyMeasureKey, legacyControlKey)
	}
	l.p.Studies = studies
	if len(studies) == 0 {
		l.add(FileStudies, 1, 1, Error, "no [[study]] tables: a pack needs at least one study")
	}
}

// The first pack format named the measure and control fields after the
// bundled pack's question. They are still read, as the new fields.
const (
	legacyMeasureKey = "fat_measure"
	legacyControlKey = "diet_control"
)

// legacyStudy is a [[study]] table as written, old field names included.
type legacyStudy struct {
	Study
	OldMeasure []string `toml:"fat_measure"`
	OldControl string   `toml:"diet_control"`
}

// adoptLegacy moves the old fields into the new ones; a study that gives
// both names of one field keeps the new one, with a warning.
func (l *loader) adoptLegacy(s *Study, f *legacyStudy, count *int) {
	old := false
	if f.OldMeasure != nil {
		old = true
		if s.Measure != nil {
			l.add(FileStudies, tomlKeyLine(l.linesOf(FileStudies), s.Line, legacyMeasureKey), 1, Warning, "study %s gives both measure and %s; %s is ignored", s.ID, legacyMeasureKey, legacyMeasureKey)
		} else {
			s.Measure = f.OldMeasure
		}
	}
	if f.OldControl != "" {
		old = true
		if s.Control != "" {
			l.add(FileStudies, tomlKeyLine(l.linesOf(FileStudies), s.Line, legacyControlKey), 1, Warning, "study %s gives both control and %s; %s is ignored", s.ID, legacyControlKey, legacyControlKey)
		} else {
			s.Control = f.OldControl
		}
	}
	if old {
		*count++
	}
}

func (l *loader) loadReferences() {
	src, ok := l.read(FileReferences, true)
	if !ok {
		return
	}
	if refs, ok := fastReferences(src); ok {
		l.p.References = refs
		l.refsOK = true
		return
	}
	l.decodeReferences(src, newLineIndex(src))
}

// decodeReferences decodes references.json with encoding/json, item by
// item, so an item of the wrong shape is reported and skipped and a syntax
// error is reported where it is.
func (l *loader) decodeReferences(src []byte, li *lineIndex) {
	jsonErr := func(off int64, format string, args ...any) {
		line, col := li.lineCol(int(off))
		l.add(FileReferences, line, col, Error, format, args...)
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	tok, err := dec.Token()
	if err != nil {
		jsonErr(dec.InputOffset(), "malformed JSON: %v", err)
		return
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		jsonErr(0, "references.json must be a CSL-JSON array ([ ... ])")
		return
	}
	skipped := false
	// lastShape is the index in l.ds of the last wrong-shape item's error.
	lastShape := -1
	for dec.More() {
		// InputOffset is just past the previous value; skip the comma and
		// spaces so the item's line is where its "{" stands.
		start := int(dec.InputOffset())
		// Decode's error offsets count from just after the comma (or the
		// "[" for the first item), spaces included.
		base := start
		for start < len(src) && strings.ContainsRune(" \t\r\n,", rune(src[start])) {
			if src[start] == ',' {
				base = start + 1
			}
			start++
		}
		// The decoder reads the whole item before filling r, so an item of
		// the wrong shape is skipped and the next one still decodes; only
		// broken JSON syntax stops the file.
		var r Reference
		if err := dec.Decode(&r); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				// Decode counts most syntax errors' offsets from where the
				// item began, not from the start of the file; the whole
				// file scanned again gives the offset in the file.
				var whole *json.SyntaxError
				if errors.As(json.Unmarshal(src, new(any)), &whole) {
					se = whole
				}
				// `[ "title": "x" ]` first decodes "title" as an item of
				// the wrong shape, then fails at the colon: one mistake,
				// reported once, as the syntax error it is.
				if n := len(l.ds); lastShape >= 0 && lastShape == n-1 {
					if line, _ := li.lineCol(int(max(se.Offset-1, 0))); line == l.ds[n-1].Line {
						l.ds = l.ds[:n-1]
					}
				}
				jsonErr(max(se.Offset-1, 0), "malformed JSON: %v", se)
				return
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				jsonErr(dec.InputOffset(), "malformed JSON: %v", err)
				return
			}
			off := int64(start)
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				off = int64(base) + te.Offset
			}
			msg := err.Error()
			switch {
			case te != nil && te.Field == "":
				msg = fmt.Sprintf("each item must be a JSON object ({ \"id\": …, \"type\": …, … }), not a JSON %s", te.Value)
			case te != nil:
				msg = fmt.Sprintf("field %q should be a JSON %s, not a JSON %s", te.Field, jsonKind(te.Type), te.Value)
			}
			jsonErr(off, "invalid CSL-JSON item: %s", msg)
			lastShape = len(l.ds) - 1
			skipped = true
			continue
		}
		r.Line, _ = li.lineCol(start)
		l.p.References = append(l.p.References, r)
	}
	if _, err := dec.Token(); err != nil {
		jsonErr(dec.InputOffset(), "malformed JSON: %v", err)
		return
	}
	// Whatever follows the array would be lost without a word: a second
	// array pasted below the first, a stray brace.
	if rest := bytes.TrimLeft(src[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		jsonErr(int64(len(src)-len(rest)), "malformed JSON: text after the closing ] of the references array; a CSL-JSON file is one array")
		return
	}
	l.refsOK = !skipped
}

// jsonKind names a Go type the way the JSON it decodes is written, so a
// message speaks of strings and arrays, never of Go types.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Interface:
		return "value"
	}
	return "number"
}

// loadMarkdown parses one Markdown file within ParseTimeout.
func (l *loader) loadMarkdown(file string, required bool) *doc.Document {
	src, ok := l.read(file, required)
	if !ok {
		return &doc.Document{}
	}
	d, err := doc.ParseWithin(src, ParseTimeout)
	if err != nil {
		var de *doc.Error
		if errors.As(err, &de) {
			l.add(file, de.Line, de.Col, Error, "%s", de.Msg)
		} else {
			l.add(file, 1, 1, Error, "%v", err)
		}
		if d == nil {
			d = &doc.Document{}
		}
		return d
	}
	l.markDecoded(file)
	if len(d.Front) > 0 {
		tomlWithin[map[string]any](l, file, d.Front, d.FrontLine-1)
	}
	return d
}
