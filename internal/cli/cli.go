// Package cli parses evidence-reader's command line and runs its
// subcommands. It is Fyne-free: the windows are reached through the GUI
// hooks that main passes in, so every command but the GUI ones can be
// tested without a display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Loaded is a pack together with the problems found while loading it.
type Loaded struct {
	Pack  *pack.Pack
	Diags pack.Diagnostics
	// Source is where the pack came from (bundled, a folder or an
	// archive, and its path).
	Source Source
	// Dir is the pack folder as given when Source is a folder, "" otherwise.
	Dir string
}

// OpenOptions are passed to GUI.Open.
type OpenOptions struct {
	// Bundled loads the bundled pack; the error view offers it when a
	// pack given with --pack is broken.
	Bundled func() Loaded
	// Version is the app version, shown in About.
	Version string
	// Width and Height are the window size from --size; 0 means the
	// remembered size, or the default.
	Width, Height int
	// Loading, when set, delivers the pack still being loaded: Open takes
	// it from there once its window exists (so loading overlaps starting
	// the window system) and ignores the Loaded it was passed.
	Loading <-chan Loaded
	// LoadingPath is the folder or .evpack file Loading is reading; ""
	// for the bundled pack.
	LoadingPath string
	// Watch is --watch, for the pack given on the command line: whether
	// the window follows its files and reloads after each save (View →
	// Reload on change), where the default is on for a folder and off for
	// an .evpack file.
	Watch WatchMode
	// NoLivePreview: the window never follows its pack on disk (no
	// watcher, no loader goroutine, no Reload). The screenshot command's
	// window, which is done once its PNG is written, sets it.
	NoLivePreview bool
}

// WatchMode is the --watch flag: not given, --watch, or --watch=false.
type WatchMode int

// The values of --watch.
const (
	WatchDefault WatchMode = iota
	WatchOn
	WatchOff
)

// ScreenshotOptions are passed to GUI.Screenshot.
type ScreenshotOptions struct {
	// View is article, studies, limitations, guidance, references or search.
	View string
	// Query is typed into the search view.
	Query string
	// Theme is light or dark.
	Theme         string
	Width, Height int
	// Out is the PNG file to write.
	Out     string
	Version string
}

// ScreenshotViews are the views the screenshot command can render.
var ScreenshotViews = []string{"article", "studies", "limitations", "guidance", "references", "search"}

// GUI holds the commands that need a window. main fills it from ui.
type GUI struct {
	Open func(l Loaded, o OpenOptions) error
	// Present shows the slides full screen with a presenter view and
	// returns when the presentation is left.
	Present func(l Loaded, o PresentOptions) error
	// Screenshot renders one view to a PNG without a display.
	Screenshot func(l Loaded, o ScreenshotOptions) error
}

// Env is what a command may touch, so tests can replace it.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	GUI            GUI
	// Version is the app version shown by "version" and About.
	Version string
}

const usage = `Evidence Reader: an offline reader for evidence packs.

Usage:
  evidence-reader [PACK] [--size WxH] [--watch]
                                            open the reader (the bundled pack by default);
                                            --size sets the window's size in pixels (e.g. 1280x800),
                                            --watch reloads PACK after every save (live preview)
  evidence-reader present [PACK]            present the pack's slides full screen
  evidence-reader export [PACK] --out FILE [--format html|md]
                                            write a handout (self-contained HTML or Markdown)
  evidence-reader check [--quiet] [PACK ...]
                                            validate packs (none given: the bundled pack), then print
                                            each one's content hash; --quiet prints the error lines
                                            and nothing else (the exit status still says 0 or 1)
  evidence-reader pack DIR --out FILE.evpack
                                            check a pack folder and write it as one file
  evidence-reader new DIR [--title T] [--id ID]
                                            start a new pack in folder DIR
  evidence-reader version [PACK]            print the app and pack versions and the pack's content hash
  evidence-reader screenshot [PACK] --view V --out FILE.png [--query TEXT] [--theme light|dark] [--size WxH]
                                            render a view to a PNG without a display

PACK is a pack folder or a one-file pack (FILE.evpack); --pack PACK says the same.
Run "evidence-reader COMMAND --help" for a command's options.
`

// Main runs the command line and returns the process exit code.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest := args[0], args[1:]
		switch cmd {
		case "check":
			return runCheck(rest, env)
		case "version":
			return runVersion(rest, env)
		case "present":
			return runPresent(rest, env)
		case "export":
			return runExport(rest, env)
		case "screenshot":
			return runScreenshot(rest, env)
		case "pack":
			return runPack(rest, env)
		case "new":
			return runNew(rest, env)
		case "help":
			fmt.Fprint(env.Stdout, usage)
			return ExitOK
		}
		if !looksLikePath(cmd) {
			fmt.Fprintf(env.Stderr, "evidence-reader: unknown command %q, and no pack folder or file of that name\n\n%s", cmd, usage)
			return ExitUsage
		}
		// A bare path, as a file manager passes it: open that pack.
	}
	return runOpen(args, env)
}

// newFlags makes a flag set that prints its usage to stderr and does not exit.
func newFlags(name, synopsis string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns an exit code and false when the caller
// should stop (help asked for, or a usage error).
func parse(fs *flag.FlagSet, args []string, env Env) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	return ExitOK, true
}

// LoadBundled loads the default bundled pack.
func LoadBundled(now time.Time) Loaded {
	fsys, err := content.Pack(content.Default)
	if err != nil {
		p, ds := pack.Load(emptyFS{}, content.Default, pack.Options{Now: now})
		return Loaded{Pack: p, Diags: ds, Source: Source{Kind: SourceBundled}}
	}
	p, ds := pack.Load(fsys, filepath.Join("content", content.Default), pack.Options{Now: now})
	return Loaded{Pack: p, Diags: ds, Source: Source{Kind: SourceBundled}}
}

// LoadDir loads a pack folder from disk.
func LoadDir(dir string, now time.Time) Loaded {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		p, _ := pack.Load(emptyFS{}, dir, pack.Options{Now: now})
		msg := fmt.Sprintf("%s is not a folder", dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg = NoPackAt(dir)
		case err != nil:
			msg = fmt.Sprintf("cannot open pack folder: %v", err)
		}
		return Loaded{Pack: p, Diags: pack.Diagnostics{{File: ".", Line: 1, Col: 1, Severity: pack.Error, Message: msg}}, Dir: dir, Source: newSource(SourceFolder, dir)}
	}
	p, ds := pack.Load(os.DirFS(dir), dir, pack.Options{Now: now})
	return Loaded{Pack: p, Diags: ds, Dir: dir, Source: newSource(SourceFolder, dir)}
}

// NoPackAt is the message for a pack path that does not exist: a folder
// or a pack file alike, and in no system call's words.
func NoPackAt(path string) string {
	return fmt.Sprintf("no pack at %s: no such folder or file", path)
}

// outFolderProblem says what is wrong with an output file's path before
// anything is rendered: its folder must exist (a typing mistake in it must
// not make folders), and it must not itself be a folder. "" when fine.
func outFolderProblem(out, want string) string {
	dir := filepath.Dir(out)
	if st, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Sprintf("there is no folder %s; make it first", dir)
		}
		return fmt.Sprintf("cannot use the folder %s: %v", dir, errors.Unwrap(err))
	} else if !st.IsDir() {
		return fmt.Sprintf("%s is not a folder", dir)
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return "it is a folder; give a file name ending in " + want
	}
	return ""
}

// PrintDiagnostics writes one line per diagnostic, each located by
// Loaded.Location (DIR/article.md:3:1, ARCHIVE:article.md:3:1) so editors
// and terminals can jump to them.
func PrintDiagnostics(w io.Writer, l Loaded) {
	for _, d := range l.Diags {
		fmt.Fprintln(w, l.Format(d))
	}
}

func runCheck(args []string, env Env) int {
	fs := newFlags("check", "evidence-reader check [--quiet] [PACK ...]\n\nValidates evidence packs (pack folders or .evpack files; none given: the bundled pack) and prints\nevery problem as file:line:col: severity: message, where file is DIR/article.md for a folder\nand FILE.evpack:article.md for a file inside an archive.\nExit status: 0 no errors (warnings allowed), 1 errors, 2 usage error.", env)
	quiet := fs.Bool("quiet", false, "print the error lines and nothing else: no warnings, notes, summary or content hash (for scripts; the exit status is the same)")
	paths, code, ok := parseArgs(fs, args, env)
	if !ok {
		return code
	}
	var loads []Loaded
	if len(paths) == 0 {
		loads = append(loads, LoadBundled(env.Now()))
	}
	for _, p := range paths {
		loads = append(loads, LoadPath(p, env.Now()))
	}
	for i, l := range loads {
		// slides.md is checked here, not in pack.Load: deck imports pack.
		loads[i] = withSlides(l)
	}
	code = ExitOK
	for _, l := range loads {
		shown := l
		if *quiet {
			shown.Diags = nil
			for _, d := range l.Diags {
				if d.Severity == pack.Error {
					shown.Diags = append(shown.Diags, d)
				}
			}
		}
		PrintDiagnostics(env.Stdout, shown)
		e, w, n := l.Diags.Count(pack.Error), l.Diags.Count(pack.Warning), l.Diags.Count(pack.Note)
		if e > 0 {
			code = ExitError
		}
		if *quiet {
			// A script checks the exit status and shows what it reads;
			// no output means no errors.
			continue
		}
		fmt.Fprintf(env.Stdout, "%s: %s, %s, %s\n", l.Location("."), Plural(e, "error"), Plural(w, "warning"), Plural(n, "note"))
		if l.Pack.Hash != "" {
			fmt.Fprintf(env.Stdout, "%s: content hash %s\n", l.Location("."), l.Pack.Hash)
		} else {
			fmt.Fprintf(env.Stdout, "%s: no file could be read, so there is no content hash\n", l.Location("."))
		}
	}
	return code
}

func runOpen(args []string, env Env) int {
	fs := newFlags("evidence-reader", "evidence-reader [PACK] [--size WxH] [--watch]\n\nOpens the reader on the bundled pack, or on PACK: a pack folder or a one-file pack (FILE.evpack).\nWith --watch the window reloads PACK after every save and keeps its place (live preview).", env)
	dir := fs.String("pack", "", "open the evidence pack `PACK` (a folder or .evpack file) instead of the bundled one")
	size := fs.String("size", "", "window size in pixels, `WIDTHxHEIGHT` (default: the size it had when last closed)")
	watch := fs.Bool("watch", false, "reload the pack after every save to its files, keeping the view and reading position (the default for a pack folder; --watch=false turns it off)")
	// evidence-reader --help is the first thing a newcomer types: it lists
	// the commands too, not only the window's options.
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, usage)
		fmt.Fprintln(env.Stderr, "\nOptions of the reader window (evidence-reader [PACK] ...):")
		fs.PrintDefaults()
	}
	pos, exit, ok := parseArgs(fs, args, env)
	if !ok {
		return exit
	}
	mode := WatchDefault
	fs.Visit(func(f *flag.Flag) {
		switch {
		case f.Name != "watch":
		case *watch:
			mode = WatchOn
		default:
			mode = WatchOff
		}
	})
	if !packArg("evidence-reader", pos, dir, env) {
		return ExitUsage
	}
	if mode == WatchOn && *dir == "" {
		fmt.Fprintln(env.Stderr, "evidence-reader: --watch follows a pack on disk, and the bundled pack is built in; give one: evidence-reader --pack DIR --watch")
		return ExitUsage
	}
	if msg := NoDisplay(runtime.GOOS, env.Getenv); msg != "" {
		fmt.Fprintln(env.Stderr, msg)
		return ExitError
	}
	var w, h int
	if *size != "" {
		var err error
		if w, h, err = ParseSize(*size); err != nil {
			fmt.Fprintf(env.Stderr, "evidence-reader: bad --size %q: %v\n", *size, err)
			return ExitUsage
		}
	}
	if env.GUI.Open == nil {
		fmt.Fprintln(env.Stderr, "evidence-reader: this build has no window support")
		return ExitError
	}
	loading := make(chan Loaded, 1)
	go func() {
		if *dir != "" {
			loading <- LoadPath(*dir, env.Now())
			return
		}
		loading <- LoadBundled(env.Now())
	}()
	bundled := func() Loaded { return LoadBundled(env.Now()) }
	if err := env.GUI.Open(Loaded{}, OpenOptions{Bundled: bundled, Version: env.Version, Loading: loading, LoadingPath: *dir, Width: w, Height: h, Watch: mode}); err != nil {
		fmt.Fprintf(env.Stderr, "evidence-reader: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// NoDisplay returns a one-line explanation when a window cannot be opened
// because there is no display, or "" when there is one. Only the X11 and
// Wayland systems can lack one; other systems always have a desktop.
func NoDisplay(goos string, getenv func(string) string) string {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
	default:
		return ""
	}
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return "evidence-reader: no display (DISPLAY and WAYLAND_DISPLAY are unset); run it in a desktop session, or under a virtual display: xvfb-run evidence-reader"
}

func runVersion(args []string, env Env) int {
	fs := newFlags("version", "evidence-reader version [PACK]\n\nPrints the app version, and the id, version, review dates and content hash of the bundled pack or of PACK (a folder or an .evpack file).", env)
	dir := fs.String("pack", "", "describe the evidence pack `PACK` (a folder or an .evpack file) instead of the bundled one")
	pos, code, ok := parseArgs(fs, args, env)
	if !ok {
		return code
	}
	if !packArg("evidence-reader version", pos, dir, env) {
		return ExitUsage
	}
	l := LoadBundled(env.Now())
	if *dir != "" {
		l = LoadPath(*dir, env.Now())
	}
	if e := l.Diags.Count(pack.Error); e > 0 {
		if l.Pack.Hash == "" {
			// Nothing could be read: there is no pack to describe.
			PrintDiagnostics(env.Stderr, l)
			return ExitError
		}
		fmt.Fprintf(env.Stderr, "evidence-reader version: %s has %s (evidence-reader check %s lists them)\n", l.Location("."), Plural(e, "error"), l.Location("."))
	}
	fmt.Fprintf(env.Stdout, "evidence-reader %s\npack %s %s (reviewed %s, next review %s)\ncontent hash %s\n",
		env.Version, l.Pack.Meta.ID, l.Pack.Meta.Version, l.Pack.Meta.LastReviewed, l.Pack.Meta.NextReview, l.Pack.Hash)
	return ExitOK
}

func runScreenshot(args []string, env Env) int {
	fs := newFlags("screenshot", "evidence-reader screenshot [PACK] --view VIEW [--query TEXT] [--theme light|dark] [--size WxH] --out FILE.png\n\nRenders one view to a PNG with the software renderer; no display is needed.", env)
	view := fs.String("view", "article", "the view to render: "+strings.Join(ScreenshotViews, ", "))
	query := fs.String("query", "", "text typed into the search view")
	th := fs.String("theme", "light", "light or dark")
	size := fs.String("size", "1280x800", "window size in pixels, WIDTHxHEIGHT")
	dir := fs.String("pack", "", "render the pack `PACK` (a folder or .evpack file) instead of the bundled one")
	out := fs.String("out", "", "the PNG `FILE` to write (required; its folder must exist)")
	pos, code, ok := parseArgs(fs, args, env)
	if !ok {
		return code
	}
	if !packArg("evidence-reader screenshot", pos, dir, env) {
		return ExitUsage
	}
	known := false
	for _, v := range ScreenshotViews {
		known = known || v == *view
	}
	if !known {
		fmt.Fprintf(env.Stderr, "evidence-reader screenshot: unknown view %q (want one of %s)\n", *view, strings.Join(ScreenshotViews, ", "))
		return ExitUsage
	}
	if *th != "light" && *th != "dark" {
		fmt.Fprintf(env.Stderr, "evidence-reader screenshot: unknown theme %q (want light or dark)\n", *th)
		return ExitUsage
	}
	w, h, err := ParseSize(*size)
	if err != nil {
		fmt.Fprintf(env.Stderr, "evidence-reader screenshot: bad --size %q: %v\n", *size, err)
		return ExitUsage
	}
	if *out == "" {
		fmt.Fprintln(env.Stderr, "evidence-reader screenshot: --out FILE.png is required")
		return ExitUsage
	}
	if msg := outFolderProblem(*out, ".png"); msg != "" {
		fmt.Fprintf(env.Stderr, "evidence-reader screenshot: bad --out %q: %s\n", *out, msg)
		return ExitUsage
	}
	if env.GUI.Screenshot == nil {
		fmt.Fprintln(env.Stderr, "evidence-reader: this build has no window support")
		return ExitError
	}
	l := LoadBundled(env.Now())
	if *dir != "" {
		l = LoadPath(*dir, env.Now())
	}
	err = env.GUI.Screenshot(l, ScreenshotOptions{View: *view, Query: *query, Theme: *th, Width: w, Height: h, Out: *out, Version: env.Version})
	if err != nil {
		fmt.Fprintf(env.Stderr, "evidence-reader screenshot: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// windowArgs parses the flags of a command that opens a window and its
// one PACK argument, given bare or as --pack (into dir), and checks for a
// display. It returns false with the exit code when the command should stop.
func windowArgs(fs *flag.FlagSet, args []string, dir *string, env Env, cmd string) (int, bool) {
	pos, code, ok := parseArgs(fs, args, env)
	if !ok {
		return code, false
	}
	if !packArg(cmd, pos, dir, env) {
		return ExitUsage, false
	}
	if msg := NoDisplay(runtime.GOOS, env.Getenv); msg != "" {
		fmt.Fprintln(env.Stderr, msg)
		return ExitError, false
	}
	return ExitOK, true
}

// packArg takes the one pack a command works on, given bare (as a file
// manager or a shell passes it, and as check takes it) or with --pack,
// into dir. It prints the usage error and returns false for more than one
// pack, for both forms at once, and for a bare argument that names no
// folder or file (a typo, or an option without its --).
func packArg(cmd string, pos []string, dir *string, env Env) bool {
	switch {
	case len(pos) > 1:
		fmt.Fprintf(env.Stderr, "%s: one pack at a time (got %q and %q)\n", cmd, pos[0], pos[1])
		return false
	case len(pos) == 1 && *dir != "":
		fmt.Fprintf(env.Stderr, "%s: give the pack once, as %q or with --pack %q, not both\n", cmd, pos[0], *dir)
		return false
	case len(pos) == 1 && !looksLikePath(pos[0]):
		fmt.Fprintf(env.Stderr, "%s: no pack folder or file named %q\n", cmd, pos[0])
		return false
	case len(pos) == 1:
		*dir = pos[0]
	}
	return true
}

// ParseSize reads a window size written WIDTHxHEIGHT, such as 1280x800,
// between 320x240 and 8000x8000.
func ParseSize(s string) (w, h int, err error) {
	ws, hs, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	if ok {
		w, err = strconv.Atoi(ws)
		if err == nil {
			h, err = strconv.Atoi(hs)
		}
	}
	if !ok || err != nil {
		return 0, 0, errors.New("want WIDTHxHEIGHT, e.g. 1280x800")
	}
	if w < 320 || h < 240 || w > 8000 || h > 8000 {
		return 0, 0, errors.New("want at least 320x240 and at most 8000x8000")
	}
	return w, h, nil
}

// Plural writes n and word, with an s unless n is 1: "1 error", "2 errors".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
