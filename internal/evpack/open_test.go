package evpack

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

var testNow = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func open(t testing.TB, data []byte) (*Archive, error) {
	t.Helper()
	return OpenReader(bytes.NewReader(data), int64(len(data)), "test.evpack")
}

// The folder and its archive load to the same pack with the same
// diagnostics.
func TestRoundTripLoadsTheSamePack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ex.evpack")
	if err := Write(examplePack, out); err != nil {
		t.Fatal(err)
	}
	a, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Notes()) != 0 {
		t.Errorf("notes on a written archive: %v", a.Notes())
	}
	pf, df := pack.Load(os.DirFS(examplePack), "pack", pack.Options{Now: testNow})
	pa, da := pack.Load(a, "pack", pack.Options{Now: testNow})
	if len(df) == 0 {
		t.Fatal("the example pack has a note; the comparison of diagnostics needs one")
	}
	if !reflect.DeepEqual(df, da) {
		t.Errorf("diagnostics differ:\nfolder:  %v\narchive: %v", df, da)
	}
	if !reflect.DeepEqual(pf.Sources, pa.Sources) || !reflect.DeepEqual(pf.Meta, pa.Meta) ||
		!reflect.DeepEqual(pf.Studies, pa.Studies) || !reflect.DeepEqual(pf.References, pa.References) ||
		!reflect.DeepEqual(pf.Article, pa.Article) || !bytes.Equal(pf.Slides, pa.Slides) {
		t.Error("the archive loads to a different pack than its folder")
	}
	if got, want := a.Files(), []string{"article.md", "guidance.md", "limitations.md", "pack.toml", "references.json", "slides.md", "studies.toml"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Files() = %v, want %v", got, want)
	}
}

// The same files give the same bytes, whatever the folder's times, modes
// and location.
func TestWriteIsReproducible(t *testing.T) {
	dir := t.TempDir()
	copyDir := filepath.Join(dir, "copy")
	os.Mkdir(copyDir, 0o755)
	for n, data := range exampleFiles(t) {
		p := filepath.Join(copyDir, n)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, time.Unix(1e9, 0), time.Unix(1e9, 0))
	}
	a, b := filepath.Join(dir, "a.evpack"), filepath.Join(dir, "b.evpack")
	if err := Write(examplePack, a); err != nil {
		t.Fatal(err)
	}
	if err := Write(copyDir, b); err != nil {
		t.Fatal(err)
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Fatal("two archives of the same files differ")
	}
	if st, _ := os.Stat(a); st.Mode().Perm() != 0o644 {
		t.Errorf("archive mode %v, want 0644", st.Mode().Perm())
	}
	// pack.toml first, so the magic in packaging/linux can see it.
	if string(ab[:4]) != localSig || string(ab[30:39]) != "pack.toml" {
		t.Errorf("archive starts %q, want a local header for pack.toml", ab[:39])
	}
	// Fixed time and mode in every entry.
	r, err := zipReader(ab)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.File {
		if !f.Modified.Equal(entryTime) || f.Mode() != 0o644 {
			t.Errorf("%s: time %v mode %v", f.Name, f.Modified, f.Mode())
		}
	}
}

func TestOrderPutsPackTomlFirst(t *testing.T) {
	got := Order([]string{"studies.toml", "article.md", "pack.toml", "guidance.md"})
	if want := []string{"pack.toml", "article.md", "guidance.md", "studies.toml"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Order = %v, want %v", got, want)
	}
}

func TestArchiveIsAValidFS(t *testing.T) {
	a, err := open(t, encoded(t, exampleFiles(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(a, "pack.toml", "article.md", "slides.md"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Open("../pack.toml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(../pack.toml) = %v, want not exist", err)
	}
	b, _ := a.ReadFile("pack.toml")
	b[0] = 'X'
	if c, _ := a.ReadFile("pack.toml"); c[0] == 'X' {
		t.Error("ReadFile returns the archive's own buffer")
	}
}

// A folder zipped as itself (example/pack.toml, …) opens too, with
// macOS's __MACOSX metadata skipped, and other files noted.
func TestOneWrappingFolderAndIgnoredFiles(t *testing.T) {
	ents := append([]ent{{name: "example/"}}, without(exampleEnts(t, "example/"), "example/guidance.md")...)
	ents = append(ents,
		ent{name: "example/README.md", data: "hello"},
		ent{name: "example/Guidance.MD", data: "x"},
		ent{name: "__MACOSX/"}, ent{name: "__MACOSX/example/._article.md", data: "\x00\x05\x16\x07"})
	a, err := open(t, zipOf(t, ents...))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files()) != 6 {
		t.Errorf("files %v", a.Files())
	}
	notes := a.Notes()
	if len(notes) != 2 {
		t.Fatalf("notes %v, want README.md and Guidance.MD", notes)
	}
	want := []string{
		"example/README.md:1:1: note: not a pack file; ignored",
		"example/Guidance.MD:1:1: warning: not a pack file; ignored (did you mean guidance.md? names are case-sensitive)",
	}
	for i, d := range notes {
		if d.String() != want[i] {
			t.Errorf("note %d = %q, want %q", i, d, want[i])
		}
	}
}

// A pack zipped by hand with the schema/ folder evidence-reader new
// writes opens, at the top or in a wrapping folder, with the schemas
// skipped unread and no note about them; a folder inside schema/ is still
// refused, and evidence-reader pack leaves the schemas out.
func TestEditorSchemasAreSkipped(t *testing.T) {
	schemas := func(prefix string) []ent {
		return []ent{{name: prefix + "schema/"}, {name: prefix + "schema/pack.schema.json", data: "{}"}, {name: prefix + "schema/studies.schema.json", data: strings.Repeat("x", 5<<20)}}
	}
	for _, prefix := range []string{"", "example/"} {
		ents := append(exampleEnts(t, prefix), schemas(prefix)...)
		if prefix != "" {
			ents = append([]ent{{name: prefix}}, ents...)
		}
		a, err := open(t, zipOf(t, ents...))
		if err != nil {
			t.Fatalf("%q: %v", prefix, err)
		}
		if len(a.Notes()) != 0 || len(a.Files()) != len(exampleFiles(t)) {
			t.Errorf("%q: notes %v, files %v", prefix, a.Notes(), a.Files())
		}
	}
	nested := append(exampleEnts(t, ""), ent{name: "schema/old/pack.schema.json", data: "{}"})
	if _, err := open(t, zipOf(t, nested...)); err == nil || !strings.Contains(err.Error(), "in a folder the pack layout does not have") {
		t.Errorf("a folder inside schema/: %v", err)
	}
	file := append(exampleEnts(t, ""), ent{name: "schema", data: "{}"})
	if a, err := open(t, zipOf(t, file...)); err != nil || len(a.Notes()) != 1 {
		t.Errorf("a file named schema: %v, notes %v", err, a.Notes())
	}

	dir := filepath.Join(t.TempDir(), "p")
	os.MkdirAll(filepath.Join(dir, "schema"), 0o755)
	for n, data := range exampleFiles(t) {
		os.WriteFile(filepath.Join(dir, n), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "schema", "pack.schema.json"), []byte("{}"), 0o644)
	out := filepath.Join(t.TempDir(), "p.evpack")
	if err := Write(dir, out); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	r, err := zipReader(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.File {
		if strings.HasPrefix(f.Name, "schema") {
			t.Errorf("the archive holds %s", f.Name)
		}
	}
}

// hostile lists the archives Open must refuse, each with the entry it
// must name ("" for the archive as a whole) and words its problem must
// contain.
func hostile(t testing.TB) []struct {
	name, entry, want string
	data              []byte
} {
	good := exampleEnts(t, "")
	with := func(extra ...ent) []byte { return zipOf(t, append(append([]ent{}, good...), extra...)...) }
	dup := with(ent{name: "article.md", data: "again"})
	var many []ent
	for i := range MaxEntries + 1 {
		many = append(many, ent{name: fmt.Sprintf("f%02d.txt", i)})
	}
	corrupt := zipOf(t, good...)
	{
		r, _ := zipReader(corrupt)
		for _, f := range r.File {
			if f.Name == "studies.toml" {
				off, _ := f.DataOffset()
				for i := off + 10; i < off+40; i++ {
					corrupt[i] ^= 0x55
				}
			}
		}
	}
	full := zipOf(t, good...)
	zip64 := zipOf(t, good...)
	putU16(zip64, endRecord(zip64)+10, 0xffff)
	putU16(zip64, endRecord(zip64)+8, 0xffff)
	prefixed := append([]byte("#!/bin/sh\nexit 0\n"), full...)
	// A self-extractor whose offsets were adjusted for the stub in front
	// (zip -A): the directory is where the end record says.
	adjusted := append([]byte("MZ\x90\x00stub"), full...)
	shiftOffsets(t, adjusted, 8)

	return []struct {
		name, entry, want string
		data              []byte
	}{
		{"dot-dot", "../evil.md", "leaves the archive", with(ent{name: "../evil.md", data: "x"})},
		{"dot-dot inside", "a/../../x", "leaves the archive", with(ent{name: "a/../../x", data: "x"})},
		{"absolute", "/etc/cron.d/x", "absolute path", with(ent{name: "/etc/cron.d/x", data: "x"})},
		{"drive letter", "C:/Windows/x.md", "drive letter", with(ent{name: "C:/Windows/x.md", data: "x"})},
		{"drive relative", "c:x.md", "drive letter", with(ent{name: "c:x.md", data: "x"})},
		{"backslash", `..\evil.md`, "backslash", with(ent{name: `..\evil.md`, data: "x"})},
		{"dot part", "./article.md", ". part", with(ent{name: "./article.md", data: "x"})},
		{"empty part", "a//b", "empty or . part", with(ent{name: "a//b", data: "x"})},
		{"empty name", "", "empty name", with(ent{name: "", data: "x"})},
		{"control character", "a\x1b[2Jb", "control character", with(ent{name: "a\x1b[2Jb", data: "x"})},
		{"not UTF-8", "\xff\xfe.md", "not UTF-8", with(ent{name: "\xff\xfe.md", data: "x"})},
		{"symlink", "article.md", "symbolic link", zipOf(t, append(without(good, "article.md"), ent{name: "article.md", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777})...)},
		{"symlink elsewhere", "notes", "symbolic link", with(ent{name: "notes", data: "/home", mode: fs.ModeSymlink | 0o777})},
		{"named pipe", "fifo", "named pipe", with(ent{name: "fifo", mode: fs.ModeNamedPipe | 0o644})},
		{"device", "dev", "a device", with(ent{name: "dev", mode: fs.ModeDevice | 0o644})},
		{"duplicate", "article.md", "appears twice", dup},
		{"case duplicate", "ARTICLE.md", `differs only in letter case from entry "article.md"`, with(ent{name: "ARTICLE.md", data: "x"})},
		{"case duplicate, Unicode folding", "ſtudies.toml", "differs only in letter case", with(ent{name: "ſtudies.toml", data: "x"})},
		{"nested file", "images/a.png", "in a folder the pack layout does not have", with(ent{name: "images/a.png", data: "x"})},
		{"nested folder", "images/", "is a folder the pack layout does not have", with(ent{name: "images/"})},
		{"two levels in a wrapper", "x/y/article.md", "in a folder", zipOf(t, append(exampleEnts(t, "x/"), ent{name: "x/y/article.md", data: "x"})...)},
		{"two top folders", "a/article.md", "in a folder", zipOf(t, ent{name: "a/article.md", data: "x"}, ent{name: "b/pack.toml", data: "x"})},
		{"too many entries", "", fmt.Sprintf("more than %d entries", MaxEntries), zipOf(t, many...)},
		{"encrypted", "guidance.md", "encrypted", zipOf(t, append([]ent{{name: "guidance.md", data: "xxxx", raw: true, method: 8, flags: 1, claimed: 4}}, good[:2]...)...)},
		{"bzip2", "guidance.md", "compression method 12", zipOf(t, append([]ent{{name: "guidance.md", data: "BZh9", raw: true, method: 12, claimed: 4}}, good[:2]...)...)},
		{"over a file's cap (headers)", "pack.toml", "expands to 65 KiB, over the 64 KiB cap for pack.toml", zipOf(t, append(without(good, "pack.toml"), ent{name: "pack.toml", data: strings.Repeat("#", 65<<10)})...)},
		{"corrupt data", "studies.toml", "corrupt", corrupt},
		{"truncated", "", "truncated or corrupt", full[:len(full)/2]},
		{"end record cut", "", "truncated or corrupt", full[:len(full)-5]},
		{"not a zip", "", "not a zip archive", []byte("+++\nid = \"x\"\n")},
		{"empty file", "", "not a zip archive", nil},
		{"empty zip", "", "empty zip archive", zipOf(t)},
		{"zip64", "", "ZIP64", zip64},
		{"self-extracting", "", "has data before its first entry (a self-extracting archive", prefixed},
		{"self-extracting, offsets adjusted", "", "has data before its first entry (a self-extracting archive", adjusted},
		{"folder beside a file of its name", "article.md/", `is a folder with the same name as the file "article.md"`, with(ent{name: "article.md/"})},
		{"file beside a folder of its name", "article.md", `is a file with the same name as the folder "article.md/"`,
			zipOf(t, append([]ent{{name: "article.md/"}}, good...)...)},
	}
}

func TestHostileArchivesAreRefused(t *testing.T) {
	for _, c := range hostile(t) {
		t.Run(c.name, func(t *testing.T) {
			a, err := open(t, c.data)
			if err == nil {
				t.Fatalf("opened: %v", a.Files())
			}
			if a != nil {
				t.Error("a refused archive returned an Archive")
			}
			var found *Error
			for _, e := range Errors(err) {
				if e.Entry == c.entry && strings.Contains(e.Problem, c.want) {
					found = e
				}
				if e.Archive != "test.evpack" {
					t.Errorf("error names archive %q", e.Archive)
				}
			}
			if found == nil {
				t.Fatalf("want an error at entry %q containing %q; got:\n%v", c.entry, c.want, err)
			}
			msg := found.Error()
			if !strings.HasPrefix(msg, "test.evpack: ") || (c.entry != "" && !strings.Contains(msg, quote(c.entry))) {
				t.Errorf("message %q does not name the archive and the entry", msg)
			}
			if strings.Contains(msg, "\x1b") || strings.Contains(msg, "\xff") {
				t.Errorf("message carries raw bytes of the name: %q", msg)
			}
			d := found.Diagnostic()
			if d.Severity != pack.Error || d.File == "" || d.Line != 1 {
				t.Errorf("diagnostic %#v", d)
			}
		})
	}
}

// A zip bomb is refused by its headers before any byte is decompressed:
// reading a 1 GiB bomb reads a few kilobytes of the archive.
func TestZipBombRefusedFromItsHeaders(t *testing.T) {
	data := bomb(t, 1<<30/258+1, func(n int64) uint64 { return uint64(n) })
	r := &countingReader{r: bytes.NewReader(data)}
	_, err := OpenReader(r, int64(len(data)), "bomb.evpack")
	es := Errors(err)
	if len(es) != 1 || es[0].Entry != "article.md" || es[0].File != "article.md" || !strings.Contains(es[0].Problem, "expands to 1.0 GiB, over the 4 MiB cap for article.md") {
		t.Fatalf("err = %v", err)
	}
	if d := es[0].Diagnostic(); d.File != "article.md" || !strings.HasPrefix(d.String(), "article.md:1:1: error: expands to 1.0 GiB") {
		t.Errorf("diagnostic %s", d)
	}
	if r.n > 128<<10 {
		t.Errorf("read %d bytes of a %d-byte bomb; the headers alone should refuse it", r.n, len(data))
	}
}

// A bomb whose headers lie (claiming 1 KiB) stops where the header's size
// runs out: zip checks the size as it reads, and Open reads at most the cap.
func TestZipBombWithLyingHeaderStopsEarly(t *testing.T) {
	data := bomb(t, 1<<30/258+1, func(int64) uint64 { return 1 << 10 })
	r := &countingReader{r: bytes.NewReader(data)}
	_, err := OpenReader(r, int64(len(data)), "bomb.evpack")
	es := Errors(err)
	if len(es) != 1 || es[0].File != "article.md" || !strings.Contains(es[0].Problem, "does not match its header") {
		t.Fatalf("err = %v", err)
	}
	if r.n > 1<<20 {
		t.Errorf("read %d bytes of a %d-byte bomb", r.n, len(data))
	}
}

// The pack's files together may not claim more than the total cap; the
// claim is refused from the headers. (With the default limits the total
// is the sum of the per-file caps, so the test shrinks it.)
func TestTotalCap(t *testing.T) {
	data := bomb(t, 1000, func(n int64) uint64 { return uint64(n) })
	lim := defaultLimits()
	if _, err := read(bytes.NewReader(data), int64(len(data)), "t.evpack", lim); err != nil {
		t.Fatalf("within the caps: %v", err)
	}
	lim.total = 258 * 1000
	_, err := read(bytes.NewReader(data), int64(len(data)), "t.evpack", lim)
	es := Errors(err)
	if len(es) != 1 || es[0].Entry != "" || !strings.Contains(es[0].Problem, "over the 252.0 KiB total cap") {
		t.Fatalf("over the total: %v", err)
	}
}

// A huge entry that is not a pack file is never decompressed.
func TestIgnoredEntriesAreNotRead(t *testing.T) {
	data := bomb(t, 1<<30/258+1, func(n int64) uint64 { return uint64(n) })
	data = bytes.ReplaceAll(data, []byte("article.md"), []byte("article.mx"))
	r := &countingReader{r: bytes.NewReader(data)}
	a, err := OpenReader(r, int64(len(data)), "t.evpack")
	if err != nil {
		t.Fatal(err)
	}
	if ns := a.Notes(); len(ns) != 1 || ns[0].File != "article.mx" {
		t.Errorf("notes %v", ns)
	}
	if r.n > 256<<10 {
		t.Errorf("read %d bytes: the ignored entry was decompressed", r.n)
	}
}

// More central directory headers than the end record claims (65537 when
// it says 1, which zip.Reader accepts: it compares counts modulo 65536)
// are refused after reading MaxEntries+1 headers, not all of them.
func TestEntryCountIsCheckedBeforeZipReadsTheDirectory(t *testing.T) {
	one := zipOf(t, ent{name: "a", data: "x"})
	end := endRecord(one)
	dirOff := int(uint32le(one[end+16:]))
	header := one[dirOff:end]
	var b bytes.Buffer
	b.Write(one[:dirOff])
	for range 65537 {
		b.Write(header)
	}
	tail := append([]byte{}, one[end:]...)
	putU32(tail, 12, uint32(len(header)*65537))
	b.Write(tail)
	data := b.Bytes()
	r := &countingReader{r: bytes.NewReader(data)}
	_, err := OpenReader(r, int64(len(data)), "many.evpack")
	if es := Errors(err); len(es) != 1 || !strings.Contains(es[0].Problem, "more than 64 entries") {
		t.Fatalf("err = %v", err)
	}
	if r.n > 256<<10 {
		t.Errorf("read %d of %d bytes", r.n, len(data))
	}
}

// Every problem in the directory is reported at once, not one per attempt.
func TestEveryDirectoryProblemIsReported(t *testing.T) {
	data := zipOf(t, append(exampleEnts(t, ""), ent{name: "../a", data: "x"}, ent{name: "/b", data: "x"}, ent{name: "c/d", data: "x"})...)
	_, err := open(t, data)
	var entries []string
	for _, e := range Errors(err) {
		entries = append(entries, e.Entry)
	}
	if want := []string{"../a", "/b", "c/d"}; !reflect.DeepEqual(entries, want) {
		t.Errorf("errors at %q, want %q", entries, want)
	}
}

func TestOpenFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]string{
		dir:                             "is a folder, not a pack file",
		filepath.Join(dir, "no.evpack"): "cannot be opened: no such file",
	} {
		_, err := Open(name)
		if es := Errors(err); len(es) != 1 || es[0].Archive != name || !strings.Contains(es[0].Problem, want) {
			t.Errorf("Open(%s) = %v, want %q", name, err, want)
		}
	}
	big := filepath.Join(dir, "big.evpack")
	f, _ := os.Create(big)
	f.Truncate(MaxArchiveSize + 1)
	f.Close()
	if _, err := Open(big); err == nil || !strings.Contains(err.Error(), "a pack file is at most 64 MiB") {
		t.Errorf("Open(big) = %v", err)
	}
}

func TestQuoteCutsLongNames(t *testing.T) {
	long := strings.Repeat("é", 200)
	q := quote(long)
	if !strings.HasSuffix(q, `"…`) || len(q) > 110 || !strings.HasPrefix(q, `"éé`) {
		t.Errorf("quote = %q", q)
	}
}
