package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/export"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// PresentOptions are passed to GUI.Present.
type PresentOptions struct {
	// Slides is the deck to show: slides.md parsed, or a generated deck for a
	// pack without one.
	Slides []deck.Slide
}

// Deck returns the pack's slides: its slides.md parsed, or a deck generated
// from the pack when it has none. Problems in slides.md come back as
// warnings located in slides.md; they never stop the deck from loading.
func Deck(p *pack.Pack) ([]deck.Slide, pack.Diagnostics) {
	if p.Slides == nil {
		return deck.Generate(p), nil
	}
	slides, ds := deck.Parse(p.Slides)
	ds = append(ds, deck.Check(slides, p)...)
	var out pack.Diagnostics
	for _, d := range ds {
		out = append(out, pack.Diagnostic{File: pack.FileSlides, Line: max(d.Line, 1), Col: 1, Severity: pack.Warning, Message: d.Msg})
	}
	if len(slides) == 0 {
		out = append(out, pack.Diagnostic{File: pack.FileSlides, Line: 1, Col: 1, Severity: pack.Warning, Message: "slides.md has no slides; a deck is generated from the pack instead"})
		slides = deck.Generate(p)
	}
	return slides, out
}

// loadForDeck loads the bundled pack or dir and its deck. It prints the
// pack's errors and returns false when there are any: a broken pack is not
// shown to an audience or written to a handout.
func loadForDeck(dir string, env Env, cmd string) (Loaded, []deck.Slide, bool) {
	l := LoadBundled(env.Now())
	if dir != "" {
		l = LoadPath(dir, env.Now())
	}
	slides, ds := Deck(l.Pack)
	if l.Diags.Count(pack.Error) > 0 {
		errs := l
		errs.Diags = nil
		for _, d := range l.Diags {
			if d.Severity == pack.Error {
				errs.Diags = append(errs.Diags, d)
			}
		}
		PrintDiagnostics(env.Stderr, errs)
		fmt.Fprintf(env.Stderr, "evidence-reader %s: %s has errors; fix them first (evidence-reader check shows every problem)\n", cmd, l.Location("."))
		return l, nil, false
	}
	warnings := l
	warnings.Diags = ds
	PrintDiagnostics(env.Stderr, warnings)
	return l, slides, true
}

func runPresent(args []string, env Env) int {
	fs := newFlags("present", "evidence-reader present [PACK]\n\nPresents the pack's slides full screen, with a presenter view (notes, timer, next slide)\nin a second window, full screen on a second display when there is one.\nKeys: Right/Space/Page Down/Enter next, Left/Page Up previous, Home/End, a number then Enter jumps,\nB or . blacks out, O or Tab overview, Esc leaves.", env)
	dir := fs.String("pack", "", "present the evidence pack `PACK` (a folder or .evpack file) instead of the bundled one")
	if code, ok := windowArgs(fs, args, dir, env, "evidence-reader present"); !ok {
		return code
	}
	if env.GUI.Present == nil {
		fmt.Fprintln(env.Stderr, "evidence-reader: this build has no window support")
		return ExitError
	}
	l, slides, ok := loadForDeck(*dir, env, "present")
	if !ok {
		return ExitError
	}
	if len(slides) == 0 {
		fmt.Fprintf(env.Stderr, "evidence-reader present: %s has nothing to present\n", l.Pack.Name)
		return ExitError
	}
	if err := env.GUI.Present(l, PresentOptions{Slides: slides}); err != nil {
		fmt.Fprintf(env.Stderr, "evidence-reader: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// Export formats.
const (
	FormatHTML = "html"
	FormatMD   = "md"
)

func runExport(args []string, env Env) int {
	fs := newFlags("export", "evidence-reader export [PACK] --out FILE [--format html|md]\n\nWrites the pack as a handout: the article, the study comparison, the limitations, the guidance,\nthe references, the slides with their notes, the review dates and the disclaimer.\nhtml is one self-contained file (inline CSS, nothing loaded from elsewhere, prints cleanly);\nmd is one Markdown file for editing. An existing FILE is replaced.", env)
	format := fs.String("format", FormatHTML, "handout `format`: html or md")
	out := fs.String("out", "", "write the handout to `FILE`")
	dir := fs.String("pack", "", "export the evidence pack `PACK` (a folder or .evpack file) instead of the bundled one")
	pos, code, ok := parseArgs(fs, args, env)
	if !ok {
		return code
	}
	if !packArg("evidence-reader export", pos, dir, env) {
		return ExitUsage
	}
	if *out == "" {
		fmt.Fprintln(env.Stderr, "evidence-reader export: --out FILE is required")
		fs.Usage()
		return ExitUsage
	}
	f := strings.ToLower(*format)
	if f != FormatHTML && f != FormatMD {
		fmt.Fprintf(env.Stderr, "evidence-reader export: unknown format %q (use html or md)\n", *format)
		return ExitUsage
	}
	if msg := outFolderProblem(*out, "."+f); msg != "" {
		fmt.Fprintf(env.Stderr, "evidence-reader export: bad --out %q: %s\n", *out, msg)
		return ExitUsage
	}
	l, slides, ok := loadForDeck(*dir, env, "export")
	if !ok {
		return ExitError
	}
	if err := WriteHandout(*out, f, l.Pack, slides); err != nil {
		fmt.Fprintf(env.Stderr, "evidence-reader export: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "wrote %s\n", *out)
	return ExitOK
}

// WriteHandout writes the pack's handout to path in format (FormatHTML or
// FormatMD). It writes a temporary file next to path and renames it, so a
// failed export never leaves half a file, and an existing file is replaced
// only by a complete one.
func WriteHandout(path, format string, p *pack.Pack, slides []deck.Slide) error {
	var write func(io.Writer, *pack.Pack, []deck.Slide) error
	switch format {
	case FormatHTML:
		write = export.HTML
	case FormatMD:
		write = export.Markdown
	default:
		return fmt.Errorf("unknown handout format %q (use html or md)", format)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := write(tmp, p, slides); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
