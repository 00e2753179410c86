package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/evpack"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// SourceKind says what a pack was loaded from.
type SourceKind int

// The places a pack comes from.
const (
	// SourceBundled is a pack built into the binary (content/).
	SourceBundled SourceKind = iota
	// SourceFolder is a pack folder on disk.
	SourceFolder
	// SourceArchive is a one-file pack, an .evpack archive.
	SourceArchive
)

func (k SourceKind) String() string {
	switch k {
	case SourceFolder:
		return "folder"
	case SourceArchive:
		return "archive"
	}
	return "bundled"
}

// Source is where a loaded pack came from, for the window to show and a
// shelf of packs to remember and open again.
type Source struct {
	Kind SourceKind
	// Path is the folder or .evpack file, absolute and cleaned; "" for a
	// bundled pack.
	Path string
}

// String describes the source in words: "the bundled pack", "folder
// /home/a/pack", "pack file /home/a/x.evpack".
func (s Source) String() string {
	switch s.Kind {
	case SourceFolder:
		return "folder " + s.Path
	case SourceArchive:
		return "pack file " + s.Path
	}
	return "the bundled pack"
}

func newSource(kind SourceKind, path string) Source {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return Source{Kind: kind, Path: filepath.Clean(path)}
}

// LoadPath loads the pack at path: a pack folder, or an .evpack file (any
// other file is tried as one and refused with a message if it is not).
// A path that does not exist is reported as "no pack at PATH", its source
// a folder, or a pack file when it ends in .evpack.
func LoadPath(path string, now time.Time) Loaded {
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return LoadDir(path, now)
	case err == nil && pack.SizeCaps[filepath.Base(path)] > 0:
		// pack.toml, article.md, …: one file of a pack, not a pack.
		dir := filepath.Dir(path)
		return failed(path, SourceFolder, now, fmt.Sprintf("%s is one file of a pack; open its folder, %s", path, dir))
	case errors.Is(err, fs.ErrNotExist) && IsArchivePath(path):
		return failed(path, SourceArchive, now, NoPackAt(path))
	case err == nil, IsArchivePath(path):
		return LoadArchive(path, now)
	}
	return LoadDir(path, now)
}

// IsArchivePath reports whether path is named like a one-file pack.
func IsArchivePath(path string) bool {
	return strings.EqualFold(filepath.Ext(path), evpack.Ext)
}

// LoadArchive loads the .evpack file at path. A refused archive loads as
// an empty pack with one error per problem, each naming the entry.
func LoadArchive(path string, now time.Time) Loaded {
	a, err := evpack.Open(path)
	if err != nil {
		l := failed(path, SourceArchive, now, err.Error())
		if es := evpack.Errors(err); len(es) > 0 {
			l.Diags = nil
			for _, e := range es {
				l.Diags = append(l.Diags, e.Diagnostic())
			}
		}
		return l
	}
	p, ds := pack.Load(a, path, pack.Options{Now: now})
	ds = append(ds, a.Notes()...)
	ds.Sort()
	return Loaded{Pack: p, Diags: ds, Source: newSource(SourceArchive, path)}
}

// failed is a pack that could not be opened at all: empty, with one error
// at the pack as a whole.
func failed(path string, kind SourceKind, now time.Time, msg string) Loaded {
	p, _ := pack.Load(emptyFS{}, path, pack.Options{Now: now})
	l := Loaded{Pack: p, Source: newSource(kind, path),
		Diags: pack.Diagnostics{{File: ".", Line: 1, Col: 1, Severity: pack.Error, Message: msg}}}
	if kind == SourceFolder {
		l.Dir = path
	}
	return l
}

// Location names a file of the loaded pack for messages, the way editors
// and terminals can follow: DIR/article.md for a folder (and
// content/<id>/article.md for a bundled pack), ARCHIVE:article.md for a
// file inside an archive. File "." is the pack as a whole: DIR or ARCHIVE.
func (l Loaded) Location(file string) string {
	name := l.Source.Path
	if l.Pack != nil {
		name = l.Pack.Name
	}
	if l.Source.Kind == SourceArchive {
		if file == "" || file == "." {
			return filepath.ToSlash(name)
		}
		return filepath.ToSlash(name) + ":" + file
	}
	return filepath.ToSlash(filepath.Join(name, file))
}

// Format formats a diagnostic of the loaded pack with its Location:
// "stretching.evpack:article.md:12:40: warning: …", as check prints it.
func (l Loaded) Format(d pack.Diagnostic) string {
	d.File = l.Location(d.File)
	return d.String()
}

// withSlides adds slides.md's problems, which check and pack report and
// pack.Load does not (deck imports pack).
func withSlides(l Loaded) Loaded {
	if l.Pack.Slides != nil {
		_, ds := Deck(l.Pack)
		l.Diags = append(append(pack.Diagnostics{}, l.Diags...), ds...)
	}
	return l
}

// parseArgs parses flags given anywhere among the arguments, as in
// "evidence-reader pack DIR --out FILE", and returns the other arguments
// in order; "--" ends the flags. It returns false with the exit code when
// the caller should stop (help, or a usage error).
func parseArgs(fs *flag.FlagSet, args []string, env Env) ([]string, int, bool) {
	var pos []string
	for {
		if code, ok := parse(fs, args, env); !ok {
			return nil, code, false
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), ExitOK, true
		}
		if len(rest) == 0 {
			return pos, ExitOK, true
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// looksLikePath reports whether a first argument that is no command names
// a pack: it exists, has a folder in it, or is named like an .evpack. A
// file manager passes an absolute path.
func looksLikePath(arg string) bool {
	if strings.ContainsRune(arg, '/') || strings.ContainsRune(arg, filepath.Separator) || IsArchivePath(arg) {
		return true
	}
	_, err := os.Stat(arg)
	return err == nil
}

func runPack(args []string, env Env) int {
	fs := newFlags("pack", "evidence-reader pack DIR --out FILE.evpack\n\n"+
		"Checks the pack in folder DIR as check does and, when it has no errors, writes it as one\n"+
		"file to share: a zip archive of its pack files (other files in DIR are left out). Warnings are\n"+
		"printed and do not stop it. The same files always give the same bytes. An existing FILE is\n"+
		"replaced only by a complete one.\n"+
		"Exit status: 0 written, 1 the pack has errors or FILE cannot be written (nothing is written), 2 usage error.", env)
	out := fs.String("out", "", "write the pack file to `FILE` (name it FILE.evpack)")
	pos, code, ok := parseArgs(fs, args, env)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, "evidence-reader pack: give one pack folder: evidence-reader pack DIR --out FILE.evpack")
		return ExitUsage
	}
	if *out == "" {
		fmt.Fprintln(env.Stderr, "evidence-reader pack: --out FILE.evpack is required")
		return ExitUsage
	}
	if msg := outFolderProblem(*out, ".evpack"); msg != "" {
		fmt.Fprintf(env.Stderr, "evidence-reader pack: bad --out %q: %s\n", *out, msg)
		return ExitUsage
	}
	l := withSlides(LoadPath(pos[0], env.Now()))
	PrintDiagnostics(env.Stderr, l)
	if e := l.Diags.Count(pack.Error); e > 0 {
		fmt.Fprintf(env.Stderr, "evidence-reader pack: %s has %s; nothing written (evidence-reader check %s lists every problem)\n", l.Location("."), Plural(e, "error"), pos[0])
		return ExitError
	}
	files := map[string][]byte{}
	for n, b := range l.Pack.Sources {
		if pack.SizeCaps[n] > 0 {
			files[n] = b
		}
	}
	// The bytes pack.Load checked, not a second read of the folder.
	if err := evpack.WriteFiles(*out, files); err != nil {
		fmt.Fprintf(env.Stderr, "evidence-reader pack: %v\n", err)
		return ExitError
	}
	if !IsArchivePath(*out) {
		// Written all the same: the name is the user's to choose, and
		// check, pack and the window open the file by its contents.
		fmt.Fprintf(env.Stderr, "evidence-reader pack: warning: %s does not end in %s, so file managers will not know it is a pack and will not open it with Evidence Reader; name it %s\n",
			*out, evpack.Ext, strings.TrimSuffix(*out, filepath.Ext(*out))+evpack.Ext)
	}
	size := ""
	if st, err := os.Stat(*out); err == nil {
		size = fmt.Sprintf(", %.1f KiB", float64(st.Size())/1024)
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%s%s)\n", *out, Plural(len(files), "file"), size)
	return ExitOK
}
