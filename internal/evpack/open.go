// Package evpack reads and writes one-file evidence packs: a zip archive
// of a pack folder's files with the extension .evpack.
//
// An archive from a stranger is hostile input. Open checks the whole zip
// directory before it decompresses anything (names, types, duplicates,
// layout, the number of entries and the sizes the headers claim), then
// decompresses only the pack's own files, each through a reader that stops
// one byte past its cap, so a zip bomb costs at most the caps
// (pack.SizeCaps) however far it would expand. The files are held in
// memory and the archive is closed: nothing is extracted or written
// anywhere. Every refusal is an *Error naming the archive and the entry.
//
// Write and WriteFiles make reproducible archives: the same files give the
// same bytes (fixed order, timestamps, modes and compression), written to
// a temporary file that is synced and renamed into place.
//
// The package is Fyne-free.
package evpack

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"archive/zip"
	"compress/flate"

	"github.com/evidence-reader/evidence-reader/docs/schema"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Ext is the file extension of a one-file pack.
const Ext = ".evpack"

// MIMEType is the media type desktops know .evpack files by
// (packaging/linux declares it for shared-mime-info).
const MIMEType = "application/x-evidence-pack"

// Limits on an archive, on top of the per-file caps in pack.SizeCaps.
// docs/pack-format.md lists them.
const (
	// MaxEntries is the most entries (files and folders) an archive may
	// hold. A pack has eight files; the rest is room for a wrapping folder,
	// the schema/ folder that evidence-reader new writes, a README or a
	// licence, and the metadata macOS adds.
	MaxEntries = 64
	// MaxArchiveSize is the largest .evpack file Open reads.
	MaxArchiveSize = 64 << 20
)

// MaxTotalSize is the most the pack's files in an archive may expand to
// together: the sum of the per-file caps.
func MaxTotalSize() int64 {
	var n int64
	for _, c := range pack.SizeCaps {
		n += c
	}
	return n
}

// limits are Open's bounds; tests shrink them.
type limits struct {
	entries int
	total   int64
	archive int64
	caps    map[string]int64
}

func defaultLimits() limits {
	return limits{entries: MaxEntries, total: MaxTotalSize(), archive: MaxArchiveSize, caps: pack.SizeCaps}
}

// Error is one reason an archive was refused.
type Error struct {
	// Archive is the archive as it was named to Open.
	Archive string
	// Entry is the entry's name in the archive as stored, "" when the
	// problem is the archive as a whole.
	Entry string
	// File is the pack file the entry holds (article.md, …), "" when the
	// entry is not one.
	File string
	// Problem says what is wrong, in words for the pack's author.
	Problem string
}

func (e *Error) Error() string {
	if e.Entry == "" {
		return e.Archive + ": " + e.Problem
	}
	return fmt.Sprintf("%s: entry %s %s", e.Archive, quote(e.Entry), e.Problem)
}

// Diagnostic returns the error as a pack diagnostic: located in the pack
// file when the entry is one (so it prints as ARCHIVE:article.md:1:1),
// otherwise at the archive itself (File ".") with the entry quoted.
func (e *Error) Diagnostic() pack.Diagnostic {
	d := pack.Diagnostic{File: ".", Line: 1, Col: 1, Severity: pack.Error, Message: e.Problem}
	switch {
	case e.File != "":
		d.File = e.File
	case e.Entry != "":
		d.Message = "entry " + quote(e.Entry) + " " + e.Problem
	}
	return d
}

// Errors returns every *Error in err (Open joins them), in order.
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		var e *Error
		switch x := err.(type) {
		case nil:
		case interface{ Unwrap() []error }:
			for _, err := range x.Unwrap() {
				walk(err)
			}
		default:
			if errors.As(err, &e) {
				out = append(out, e)
			}
		}
	}
	walk(err)
	return out
}

// quote quotes an entry name for a message: escaped, so a hostile name
// cannot move the terminal's cursor, and cut to a readable length.
func quote(name string) string {
	const max = 96
	if len(name) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		return strconv.Quote(name[:cut]) + "…"
	}
	return strconv.Quote(name)
}

// Archive is an opened pack archive: an fs.FS holding the pack's files,
// for pack.Load. It is read-only and safe for concurrent use.
type Archive struct {
	name  string
	files map[string][]byte
	notes pack.Diagnostics
}

// Name is the archive as it was named to Open.
func (a *Archive) Name() string { return a.name }

// Notes are the archive's harmless oddities, as diagnostics located at the
// entry: entries that are not pack files (ignored, never decompressed).
func (a *Archive) Notes() pack.Diagnostics { return slices.Clone(a.notes) }

// Files returns the names of the pack files the archive holds, sorted.
func (a *Archive) Files() []string {
	names := make([]string, 0, len(a.files))
	for n := range a.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Open opens the .evpack file at path and checks it. On success the file
// is already closed: the Archive holds the pack's files in memory. The
// error, when there is one, holds an *Error for every problem found (see
// Errors).
func Open(path string) (*Archive, error) {
	return openLimited(path, defaultLimits())
}

func openLimited(path string, lim limits) (*Archive, error) {
	refuse := func(format string, args ...any) error {
		return &Error{Archive: path, Problem: fmt.Sprintf(format, args...)}
	}
	// Looked at before it is opened: a named pipe would block the open.
	f, st, err := OpenRegular(path)
	var nr *NotRegularError
	switch {
	case errors.As(err, &nr):
		return nil, refuse("is %s, not a pack file", pack.FileKind(nr.Mode))
	case err != nil:
		return nil, refuse("cannot be opened: %v", unwrapPath(err))
	}
	defer f.Close()
	if st.Size() > lim.archive {
		return nil, refuse("is %s; a pack file is at most %s", pack.HumanSize(st.Size()), pack.HumanSize(lim.archive))
	}
	return read(f, st.Size(), path, lim)
}

// OpenReader checks the archive of size bytes in r, named name in
// messages, and returns its pack files. It reads r only during the call.
func OpenReader(r io.ReaderAt, size int64, name string) (*Archive, error) {
	lim := defaultLimits()
	if size > lim.archive {
		return nil, &Error{Archive: name, Problem: fmt.Sprintf("is %s; a pack file is at most %s", pack.HumanSize(size), pack.HumanSize(lim.archive))}
	}
	return read(r, size, name, lim)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// zip record layout (APPNOTE.TXT 4.3).
const (
	localSig      = "PK\x03\x04"
	centralSig    = "PK\x01\x02"
	endSig        = "PK\x05\x06"
	endLen        = 22
	centralLen    = 46
	maxCommentLen = 0xffff
)

// scanDirectory counts the central directory headers archive/zip would
// read, stopping past max, so an archive claiming a million entries is
// refused after reading a few kilobytes instead of after allocating every
// header. It mirrors zip.Reader's search for the end record and refuses
// the layouts where zip.Reader would start the directory elsewhere
// (ZIP64 records, data before the first entry).
func scanDirectory(r io.ReaderAt, size int64, max int) (int, string) {
	var head [4]byte
	const notZip = "is not a zip archive (an .evpack file is a zip of a pack folder's files)"
	if size < 4 {
		return 0, notZip
	}
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return 0, fmt.Sprintf("cannot be read: %v", err)
	}
	// A zip starts with its first entry (or, empty, with its end record).
	// One that does not, but ends with a zip's end record, has data in
	// front of its first entry: a self-extracting archive's program.
	prefixed := string(head[:]) != localSig && string(head[:]) != endSig
	tail := min(size, endLen+maxCommentLen)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, fmt.Sprintf("cannot be read: %v", err)
	}
	end := -1
	for i := len(buf) - endLen; i >= 0; i-- {
		if string(buf[i:i+4]) == endSig {
			end = i
			break
		}
	}
	truncated := "is truncated or corrupt: the zip directory at its end is missing"
	if prefixed && (end < 0 || int(binary.LittleEndian.Uint16(buf[end+20:])) > len(buf)-end-endLen) {
		return 0, notZip
	}
	if prefixed {
		return 0, "has data before its first entry (a self-extracting archive, or one with something written in front of it); an .evpack file is a plain zip: make it with evidence-reader pack"
	}
	if end < 0 {
		return 0, truncated
	}
	e := buf[end:]
	if int(binary.LittleEndian.Uint16(e[20:])) > len(e)-endLen {
		return 0, truncated
	}
	records := binary.LittleEndian.Uint16(e[10:])
	dirSize := binary.LittleEndian.Uint32(e[12:])
	dirOff := binary.LittleEndian.Uint32(e[16:])
	if records == 0xffff || dirSize == 0xffff || dirOff == 0xffffffff {
		return 0, "uses ZIP64 records, which no pack needs (make it with evidence-reader pack)"
	}
	endOff := size - tail + int64(end)
	if int64(dirOff)+int64(dirSize) != endOff {
		return 0, "is corrupt, or has data before its first entry (a self-extracting archive): its zip directory is not where its end record says"
	}
	var h [centralLen]byte
	n := 0
	for pos := int64(dirOff); ; n++ {
		if _, err := r.ReadAt(h[:], pos); err != nil || string(h[:4]) != centralSig {
			break
		}
		if n == max {
			return n + 1, fmt.Sprintf("has more than %d entries; a pack holds at most %d", max, max)
		}
		pos += centralLen + int64(binary.LittleEndian.Uint16(h[28:])) + int64(binary.LittleEndian.Uint16(h[30:])) + int64(binary.LittleEndian.Uint16(h[32:]))
	}
	return n, ""
}

// entry is one zip entry that passed the name and type checks.
type entry struct {
	f     *zip.File
	name  string   // without a trailing slash
	parts []string // name split at /
	dir   bool
}

func read(r io.ReaderAt, size int64, name string, lim limits) (*Archive, error) {
	whole := func(problem string) error { return &Error{Archive: name, Problem: problem} }
	if _, problem := scanDirectory(r, size, lim.entries); problem != "" {
		return nil, whole(problem)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// The names zip calls insecure are refused one by one below.
		return nil, whole(fmt.Sprintf("is corrupt: its zip directory cannot be read (%v)", err))
	}
	if len(zr.File) > lim.entries {
		return nil, whole(fmt.Sprintf("has more than %d entries; a pack holds at most %d", lim.entries, lim.entries))
	}
	if len(zr.File) == 0 {
		return nil, whole("is an empty zip archive: it holds no pack files")
	}

	var errs []error
	bad := func(f *zip.File, file, format string, args ...any) {
		errs = append(errs, &Error{Archive: name, Entry: f.Name, File: file, Problem: fmt.Sprintf(format, args...)})
	}

	// Names and types, before anything is decompressed.
	var entries []entry
	type seenEntry struct {
		name string // without a trailing slash
		dir  bool
		f    *zip.File
	}
	seen := map[string]seenEntry{} // folded name → the entry first seen
	for _, f := range zr.File {
		if problem := checkName(f.Name); problem != "" {
			bad(f, "", "%s", problem)
			continue
		}
		n := strings.TrimSuffix(f.Name, "/")
		mode := f.Mode()
		isDir := strings.HasSuffix(f.Name, "/") || mode.IsDir()
		switch {
		case mode&fs.ModeSymlink != 0:
			bad(f, "", "is a symbolic link; a pack holds only regular files")
			continue
		case !isDir && !mode.IsRegular():
			bad(f, "", "is %s, not a regular file; a pack holds only regular files", pack.FileKind(mode))
			continue
		case f.Flags&0x1 != 0:
			bad(f, "", "is encrypted; a pack is never encrypted")
			continue
		case !isDir && f.Method != zip.Store && f.Method != zip.Deflate:
			bad(f, "", "uses compression method %d; a pack's entries are stored or deflated", f.Method)
			continue
		}
		key := fold(n)
		if prev, ok := seen[key]; ok {
			switch {
			case prev.name != n:
				bad(f, "", "differs only in letter case from entry %s (on Windows and macOS they would be one file)", quote(prev.f.Name))
			case isDir && !prev.dir:
				bad(f, "", "is a folder with the same name as the file %s; a name is a file or a folder, not both", quote(prev.f.Name))
			case !isDir && prev.dir:
				bad(f, "", "is a file with the same name as the folder %s; a name is a file or a folder, not both", quote(prev.f.Name))
			default:
				bad(f, "", "appears twice in the archive")
			}
			continue
		}
		seen[key] = seenEntry{n, isDir, f}
		entries = append(entries, entry{f: f, name: n, parts: strings.Split(n, "/"), dir: isDir})
	}

	// Layout: the pack's files at the top of the archive, or all of them in
	// one folder (what zipping the folder itself gives), with the editor
	// schemas' folder beside them. macOS's __MACOSX/ metadata is skipped
	// unread.
	wrapper := ""
	tops := map[string]bool{}
	rootFile := false
	for _, e := range entries {
		if e.parts[0] == macMeta {
			continue
		}
		tops[e.parts[0]] = true
		rootFile = rootFile || (!e.dir && len(e.parts) == 1)
	}
	if !rootFile && len(tops) == 1 {
		for t := range tops {
			wrapper = t
		}
	}
	type member struct {
		f    *zip.File
		file string
	}
	var members []member
	var notes pack.Diagnostics
	const layout = "the pack layout does not have (a pack's files sit at the top of the archive, or all in one folder)"
	for _, e := range entries {
		if e.parts[0] == macMeta {
			continue
		}
		rel := e.parts
		if wrapper != "" {
			rel = rel[1:]
		}
		switch {
		case len(rel) == 0: // the wrapping folder itself
		case editorSchema(rel, e.dir):
			// The schema/ folder evidence-reader new writes (docs/schema):
			// for editors, not pack content; skipped unread, with no note.
		case e.dir:
			bad(e.f, "", "is a folder %s", layout)
		case len(rel) > 1:
			bad(e.f, "", "is in a folder %s", layout)
		case lim.caps[rel[0]] > 0:
			members = append(members, member{e.f, rel[0]})
		default:
			d := pack.Diagnostic{File: e.name, Line: 1, Col: 1, Severity: pack.Note, Message: "not a pack file; ignored"}
			for known := range lim.caps {
				if strings.EqualFold(known, rel[0]) {
					d.Severity = pack.Warning
					d.Message = fmt.Sprintf("not a pack file; ignored (did you mean %s? names are case-sensitive)", known)
				}
			}
			notes = append(notes, d)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// Sizes the headers claim: refused before decompressing a byte.
	var claimed uint64
	for _, m := range members {
		c := lim.caps[m.file]
		if m.f.UncompressedSize64 > uint64(c) {
			bad(m.f, m.file, "expands to %s, over the %s cap for %s", pack.HumanSize(int64(min(m.f.UncompressedSize64, 1<<62))), pack.HumanSize(c), m.file)
		}
		claimed += min(m.f.UncompressedSize64, 1<<62)
	}
	if len(errs) == 0 && claimed > uint64(lim.total) {
		errs = append(errs, whole(fmt.Sprintf("expands to %s, over the %s total cap for a pack's files", pack.HumanSize(int64(claimed)), pack.HumanSize(lim.total))))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// Decompress, each file stopping one byte past its cap whatever its
	// header said, the total likewise.
	a := &Archive{name: name, files: map[string][]byte{}, notes: notes}
	budget := lim.total
	for _, m := range members {
		limit := min(lim.caps[m.file], budget)
		data, err := readEntry(m.f, limit)
		switch {
		case err != nil:
			bad(m.f, m.file, "%s", err)
		case int64(len(data)) > lim.caps[m.file]:
			bad(m.f, m.file, "expands past the %s cap for %s (its header claims %s)", pack.HumanSize(lim.caps[m.file]), m.file, pack.HumanSize(int64(min(m.f.UncompressedSize64, 1<<62))))
		case int64(len(data)) > budget:
			bad(m.f, m.file, "takes the pack's files past the %s total cap", pack.HumanSize(lim.total))
		default:
			a.files[m.file] = data
			budget -= int64(len(data))
			continue
		}
		return nil, errors.Join(errs...)
	}
	return a, nil
}

const macMeta = "__MACOSX"

// editorSchema reports whether an entry (its path inside the pack) is the
// pack's schema/ folder or a file directly in it.
func editorSchema(rel []string, dir bool) bool {
	return rel[0] == schema.Dir && (len(rel) == 1 && dir || len(rel) == 2 && !dir)
}

// readEntry decompresses f, reading at most limit+1 bytes. zip.File
// checks the CRC and the header's size at the end.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, describe(err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, uint64(limit))) + 1)
	if _, err := buf.ReadFrom(io.LimitReader(rc, limit+1)); err != nil {
		return nil, describe(err)
	}
	return buf.Bytes(), nil
}

// describe turns a decompression error into words.
func describe(err error) error {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return errors.New("is corrupt: its data does not match its checksum")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("is truncated: its data ends early")
	case errors.As(err, &ce):
		return fmt.Errorf("is corrupt: its compressed data is damaged (%v)", err)
	case errors.Is(err, zip.ErrFormat):
		return errors.New("is corrupt: its data does not match its header")
	case errors.Is(err, zip.ErrAlgorithm):
		return errors.New("uses a compression method that cannot be read")
	}
	return fmt.Errorf("cannot be read: %v", err)
}

// checkName returns why an entry name is refused, or "". Names are
// checked as stored: a pack's names are plain, so anything that could
// mean another place on some system is refused rather than cleaned.
func checkName(n string) string {
	switch {
	case n == "":
		return "has an empty name"
	case !utf8.ValidString(n):
		return "has a name that is not UTF-8"
	case strings.ContainsFunc(n, unicode.IsControl):
		return "has a control character in its name"
	case strings.Contains(n, `\`):
		return "has a backslash in its name (zip names use /; this looks like a Windows path)"
	case strings.HasPrefix(n, "/"):
		return "is an absolute path; names in a pack are relative"
	case len(n) >= 2 && n[1] == ':' && (n[0]|0x20 >= 'a' && n[0]|0x20 <= 'z'):
		return "starts with a drive letter; names in a pack are relative"
	}
	for _, part := range strings.Split(strings.TrimSuffix(n, "/"), "/") {
		switch part {
		case "..":
			return "leaves the archive (its name has a .. part)"
		case "", ".":
			return "has an empty or . part in its name"
		}
	}
	return ""
}

// fold maps a name to a key equal for names that differ only in letter
// case (simple Unicode case folding, as strings.EqualFold).
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return m
	}, s)
}
