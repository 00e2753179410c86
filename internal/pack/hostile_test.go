package pack

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
)

// hostileBudget is how long Load may take on any of these packs. Each is
// refused by a pre-screen or a file check in milliseconds; before, the
// deep TOML took a minute and the named pipe blocked forever.
const hostileBudget = 2 * time.Second

// loadWithin runs Load on fsys, failing the test if it does not return
// within hostileBudget (the goroutine is left behind: Load cannot be
// interrupted, which is what the test is about).
func loadWithin(t *testing.T, fsys fs.FS) (*Pack, Diagnostics) {
	t.Helper()
	type result struct {
		p  *Pack
		ds Diagnostics
	}
	ch := make(chan result, 1)
	go func() {
		p, ds := Load(fsys, "hostile", Options{Now: testNow})
		ch <- result{p, ds}
	}()
	select {
	case r := <-ch:
		checkLoad(t, r.p, r.ds)
		return r.p, r.ds
	case <-time.After(hostileBudget):
		t.Fatalf("Load did not return within %v", hostileBudget)
		return nil, nil
	}
}

// errorAt returns the first error about file, or fails.
func errorAt(t *testing.T, ds Diagnostics, file string) Diagnostic {
	t.Helper()
	for _, d := range ds {
		if d.File == file && d.Severity == Error {
			return d
		}
	}
	t.Fatalf("no error for %s; diagnostics:\n%s", file, dump(ds))
	return Diagnostic{}
}

// The reproductions of issue 16 and their neighbours. Each is appended to
// the minimal pack's file (or put first, for the cases at the limit, so
// that no table header adds to the depth), and must be refused at the
// line where it starts.
func TestDeepTOMLIsRefusedAtItsLine(t *testing.T) {
	cases := []struct {
		name, file, src string
		first           bool
	}{
		{"15,000 nested inline tables", FilePack, "x = " + strings.Repeat("{a=", 15000) + "1" + strings.Repeat("}", 15000), false},
		{"8,000 nested inline tables", FileStudies, "x = " + strings.Repeat("{a=", 8000) + "1" + strings.Repeat("}", 8000), false},
		{"[{a= 25,000 times", FileStudies, "x = " + strings.Repeat("[{a=", 25000) + "1" + strings.Repeat("}]", 25000), false},
		{"just past the limit", FilePack, "x = " + strings.Repeat("{a=", MaxTOMLDepth) + "1" + strings.Repeat("}", MaxTOMLDepth), true},
		{"nested arrays", FilePack, "x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000), false},
		// Not valid TOML, so the parser stops at once; the screen did not
		// count a { without a key, recursed once for each, and 8 MiB of
		// them overflowed its stack (a crash, not a message).
		{"braces without keys", FileStudies, "x = " + strings.Repeat("{", 5000), false},
		{"8 MiB of braces without keys", FileStudies, "x = " + strings.Repeat("{", int(SizeCaps[FileStudies])-4096), false},
		{"[{ without keys", FileStudies, "x = " + strings.Repeat("[{", 5000), false},
		{"a long dotted key", FilePack, strings.Repeat("a.", 5000) + "a = 1", false},
		{"a dotted key just past the limit", FilePack, strings.Repeat("a.", MaxTOMLDepth) + "a = 1", true},
		{"a long table header", FilePack, "[" + strings.Repeat("a.", 5000) + "a]", false},
		{"a long array-of-tables header", FileStudies, "[[" + strings.Repeat("study.", 5000) + "x]]", false},
		{"deep over several lines", FilePack, "x = [\n" + strings.Repeat("[\n", 100) + strings.Repeat("]\n", 100) + "]", false},
		{"front matter", FileGuidance, "+++\nx = " + strings.Repeat("{a=", 15000) + "1" + strings.Repeat("}", 15000) + "\n+++", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := minimalFS(t)
			data := string(m[c.file].Data)
			line := strings.Count(data, "\n") + 1
			data += c.src + "\n"
			if c.first {
				line, data = 1, c.src+"\n"+string(m[c.file].Data)
			}
			if c.file == FileGuidance {
				line = 2 // the front matter's first line
			}
			m[c.file] = &fstest.MapFile{Data: []byte(data)}
			start := time.Now()
			p, ds := loadWithin(t, m)
			d := errorAt(t, ds, c.file)
			if d.Line != line || d.Col != 1 || !strings.Contains(d.Message, "nested more than") {
				t.Errorf("got %s, want %s:%d:1: ... nested more than %d levels", d, c.file, line, MaxTOMLDepth)
			}
			if n := len(ds); n > 30 {
				t.Errorf("%d diagnostics; one refusal should not bring thousands", n)
			}
			if c.file == FileStudies && p.Meta.Title == "" {
				t.Errorf("pack.toml did not load beside the refused studies.toml")
			}
			t.Logf("%v: %s", time.Since(start), d)
		})
	}
}

func TestTOMLAtTheDepthLimitLoads(t *testing.T) {
	for _, deep := range []string{
		// x and MaxTOMLDepth-1 nested tables: the innermost a is at the limit.
		"x = " + strings.Repeat("{a=", MaxTOMLDepth-1) + "1" + strings.Repeat("}", MaxTOMLDepth-1),
		strings.Repeat("a.", MaxTOMLDepth-1) + "a = 1",
		"x = " + strings.Repeat("[", MaxTOMLDepth-1) + strings.Repeat("]", MaxTOMLDepth-1),
	} {
		m := minimalFS(t)
		m[FilePack] = &fstest.MapFile{Data: []byte(deep + "\n" + string(m[FilePack].Data))}
		_, ds := loadWithin(t, m)
		for _, d := range ds {
			if d.Severity == Error {
				t.Errorf("nesting at the limit refused: %s", d)
			}
		}
	}
}

// TestTOMLScreenAgreesWithTheParser: what the screen measures must match
// what BurntSushi/toml builds, on every TOML construct that could hide a
// bracket or a dot from a lexer that gets strings wrong.
func TestTOMLScreenAgreesWithTheParser(t *testing.T) {
	deep := strings.Repeat("{a=", MaxTOMLDepth) + "1" + strings.Repeat("}", MaxTOMLDepth)
	for _, c := range []struct {
		src  string
		deep bool // past MaxTOMLDepth
	}{
		{`x = "[[[[{{{{"`, false},
		{`x = 'a.b.c.d.e.f.g.h.i.j'`, false},
		{`"a.b.c.d.e.f.g.h.i.j" = 1`, false},
		{"x = \"\"\"\n[[[[[[[[[\n\"\"\"", false},
		{"x = '''\n{{{{{{{{{{\n'''", false},
		{`x = "a\"[[[[[[[[[[" `, false},
		{`x = """a""""` + "\ny = " + deep, true}, // closing run of four quotes
		{`x = '''a'''''` + "\ny = " + deep, true},
		{`x = "a\\"` + "\ny = " + deep, true}, // an escaped backslash ends the string
		{"x = 1 # [[[[[[[[[[[[\ny = 2", false},
		{"# " + deep, false},
		{"x = " + deep, true},
		{"[a]\n" + strings.Repeat("b.", MaxTOMLDepth-1) + "c = 1", true},
		{"[a]\n" + strings.Repeat("b.", MaxTOMLDepth-2) + "c = 1", false},
		{"x = [\n  1, # comment ]\n  [2],\n]", false},
		{"d = 1979-05-27 07:32:00Z\nt = {a = 1979-05-27T07:32:00, b = [1.5, -2e3, inf]}", false},
	} {
		refusal, _, _ := screenTOML([]byte(c.src))
		if (refusal != nil) != c.deep {
			t.Errorf("screen of %.60q: refusal %v, want deep=%v", c.src, refusal, c.deep)
		}
		if !c.deep {
			var v map[string]any
			if _, err := toml.Decode(c.src, &v); err != nil {
				t.Errorf("%q is not valid TOML, fix the case: %v", c.src, err)
			}
		}
	}
}

func TestTOMLSizeLimits(t *testing.T) {
	var flat, long strings.Builder
	for i := 0; i <= MaxTOMLValues; i++ {
		fmt.Fprintf(&flat, "k%d = 1\n", i)
	}
	name := strings.Repeat("k", 100)
	for i := 0; i <= MaxTOMLNameBytes/100; i++ {
		fmt.Fprintf(&long, "%s%d = 1\n", name, i)
	}
	for _, c := range []struct{ name, src, msg string }{
		{"too many keys", flat.String(), "more than 50000 keys"},
		{"too many array elements", "x = [" + strings.Repeat("{},", MaxTOMLValues) + "]", "more than 50000 keys"},
		{"names too long", long.String(), "more than 4 MiB"},
	} {
		m := minimalFS(t)
		m[FileStudies] = &fstest.MapFile{Data: []byte(c.src)}
		_, ds := loadWithin(t, m)
		if d := errorAt(t, ds, FileStudies); !strings.Contains(d.Message, c.msg) || d.Line < 1 {
			t.Errorf("%s: got %s, want %q", c.name, d, c.msg)
		}
	}
}

// TestManyUnknownKeys: each unknown key is located by a search of the
// file, so 8,000 of them took 8 s; past 20 they are summed up.
func TestManyUnknownKeys(t *testing.T) {
	m := minimalFS(t)
	var sb strings.Builder
	for i := range 8000 {
		fmt.Fprintf(&sb, "extra%d = 1\n", i)
	}
	sb.Write(m[FileStudies].Data)
	m[FileStudies] = &fstest.MapFile{Data: []byte(sb.String())}
	_, ds := loadWithin(t, m)
	n, summary := 0, false
	for _, d := range ds {
		if d.File == FileStudies && d.Severity == Warning {
			n++
			summary = summary || strings.Contains(d.Message, "7980 more unknown keys")
		}
	}
	if n != maxUnknownKeys+1 || !summary {
		t.Errorf("%d warnings (summary %v), want %d keys and one summary:\n%s", n, summary, maxUnknownKeys, dump(ds))
	}
}

// TestTOMLDeadlineIsLocated: a parse that outlives ParseTimeout is refused
// at the statement with the most values, and the pack still loads.
func TestTOMLDeadlineIsLocated(t *testing.T) {
	savedDecode, savedTimeout := decodeTOML, ParseTimeout
	defer func() { decodeTOML, ParseTimeout = savedDecode, savedTimeout }()
	release := make(chan struct{})
	defer close(release)
	decodeTOML = func(s string, v any) (toml.MetaData, error) {
		if strings.Contains(s, "big =") {
			<-release // a parse the screen did not see coming
		}
		return toml.Decode(s, v)
	}
	ParseTimeout = 50 * time.Millisecond
	m := minimalFS(t)
	data := string(m[FileStudies].Data)
	line := strings.Count(data, "\n") + 2
	m[FileStudies] = &fstest.MapFile{Data: []byte(data + "\nbig = [\n" + strings.Repeat("1,\n", 500) + "]\n")}
	p, ds := loadWithin(t, m)
	d := errorAt(t, ds, FileStudies)
	if d.Line != line || !strings.Contains(d.Message, "took longer than 50ms") {
		t.Errorf("got %s, want studies.toml:%d: ... took longer than 50ms", d, line)
	}
	if p.Meta.Title == "" || len(p.References) == 0 {
		t.Error("the rest of the pack did not load")
	}
}

// TestOnlyRegularFilesAreRead: a pack file that is a pipe, device, socket
// or folder is refused by its kind, before it is opened.
func TestOnlyRegularFilesAreRead(t *testing.T) {
	for mode, want := range map[fs.FileMode]string{
		fs.ModeNamedPipe:                  "is a named pipe (FIFO)",
		fs.ModeDevice:                     "is a device",
		fs.ModeDevice | fs.ModeCharDevice: "is a character device",
		fs.ModeSocket:                     "is a socket",
		fs.ModeDir:                        "is a folder",
		fs.ModeIrregular:                  "is an irregular file",
	} {
		m := minimalFS(t)
		m[FileReferences] = &fstest.MapFile{Data: m[FileReferences].Data, Mode: mode}
		p, ds := loadWithin(t, m)
		if d := errorAt(t, ds, FileReferences); !strings.Contains(d.Message, want) || !strings.Contains(d.Message, "regular file") {
			t.Errorf("%v: got %s, want %q", mode, d, want)
		}
		if len(p.References) != 0 {
			t.Errorf("%v: the file was read anyway", mode)
		}
	}
}

// TestNamedPipeDoesNotBlock is the reproduction on a real folder: mkfifo
// references.json made check block forever.
func TestNamedPipeDoesNotBlock(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in folders")
	}
	dir := copyMinimal(t)
	fifo := filepath.Join(dir, FileReferences)
	os.Remove(fifo)
	if err := mkfifo(fifo); err != nil {
		t.Skip("mkfifo:", err)
	}
	_, ds := loadWithin(t, os.DirFS(dir))
	if d := errorAt(t, ds, FileReferences); d.String() != "references.json:1:1: error: references.json is a named pipe (FIFO); it must be a regular file" {
		t.Errorf("got %s", d)
	}
}

func copyMinimal(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pack")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, f := range minimalFS(t) {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSymlinksOutsideThePackAreRefused on a real folder: ln -sf /etc/passwd
// article.md was read silently.
func TestSymlinksOutsideThePackAreRefused(t *testing.T) {
	dir := copyMinimal(t)
	outside := filepath.Join(filepath.Dir(dir), "secret.md")
	if err := os.WriteFile(outside, []byte("# secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inside := filepath.Join(dir, "drafts")
	if err := os.Mkdir(inside, 0o755); err != nil {
		t.Fatal(err)
	}
	art := filepath.Join(dir, FileArticle)
	if err := os.Rename(art, filepath.Join(inside, FileArticle)); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		FileArticle:     "drafts/" + FileArticle, // inside: followed
		FileGuidance:    outside,                 // absolute
		FileLimitations: "../secret.md",          // climbs out
		FileSlides:      "drafts/../../secret.md",
	}
	for name, target := range links {
		os.Remove(filepath.Join(dir, name))
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("symlink:", err)
		}
	}
	p, ds := loadWithin(t, os.DirFS(dir))
	if len(p.Article.Blocks) == 0 {
		t.Errorf("the link inside the pack was not followed:\n%s", dump(ds))
	}
	for _, name := range []string{FileGuidance, FileLimitations, FileSlides} {
		d := errorAt(t, ds, name)
		want := fmt.Sprintf("%s is a symbolic link to %s, which is outside the pack folder", name, links[name])
		if !strings.Contains(d.Message, want) {
			t.Errorf("got %s, want %q", d, want)
		}
		if _, read := p.Sources[name]; read {
			t.Errorf("%s was read", name)
		}
	}
}

// TestSymlinkResolution covers what a folder on disk makes awkward: chains,
// loops, links through folders and dangling links, in any fs.ReadLinkFS.
func TestSymlinkResolution(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	for _, c := range []struct {
		name  string
		files fstest.MapFS
		want  string // "" for loaded
	}{
		{"chain inside", fstest.MapFS{"a.md": link("b.md"), "b.md": link("real/c.md")}, ""},
		{"chain out", fstest.MapFS{"a.md": link("b.md"), "b.md": link("/etc/passwd")}, "b.md is a symbolic link to /etc/passwd, which is outside"},
		{"folder link out", fstest.MapFS{"a.md": link("d/c.md"), "d": link("..")}, "d is a symbolic link to .., which is outside"},
		{"dot dot through a link", fstest.MapFS{"a.md": link("d/../x.md"), "d": link(".")}, "outside the pack folder"},
		{"loop", fstest.MapFS{"a.md": link("b.md"), "b.md": link("a.md")}, "too many levels of symbolic links"},
		{"dangling", fstest.MapFS{"a.md": link("gone.md")}, "a.md is a symbolic link to gone.md, which cannot be followed"},
		{"windows drive", fstest.MapFS{"a.md": link(`C:\secret.md`)}, "outside the pack folder"},
	} {
		m := minimalFS(t)
		m["real/c.md"] = m[FileArticle]
		for k, v := range c.files {
			m[k] = v
		}
		m[FileArticle] = link("a.md")
		p, ds := loadWithin(t, m)
		if c.want == "" {
			if len(p.Article.Blocks) == 0 || ds.HasErrors() {
				t.Errorf("%s: not loaded:\n%s", c.name, dump(ds))
			}
			continue
		}
		if d := errorAt(t, ds, FileArticle); !strings.Contains(d.Message, c.want) {
			t.Errorf("%s: got %s, want %q", c.name, d, c.want)
		}
	}
}

// archiveFS is a file system without links, as an archive's is: its Stat
// reports a link entry's own mode.
type archiveFS struct{ m fstest.MapFS }

func (a archiveFS) Open(name string) (fs.File, error)     { return a.m.Open(name) }
func (a archiveFS) Stat(name string) (fs.FileInfo, error) { return a.m.Lstat(name) }

func TestSymlinkInAFileSystemWithoutLinks(t *testing.T) {
	m := minimalFS(t)
	m[FileArticle] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}
	var fsys fs.FS = archiveFS{m}
	if _, ok := fsys.(fs.ReadLinkFS); ok {
		t.Fatal("archiveFS must not be a ReadLinkFS")
	}
	_, ds := loadWithin(t, fsys)
	if d := errorAt(t, ds, FileArticle); !strings.Contains(d.Message, "article.md is a symbolic link; it must be a regular file") {
		t.Errorf("got %s", d)
	}
}

// TestByteOrderMark: a UTF-8 BOM is accepted and removed in every file
// (references.json said "invalid character 'ï'"), and lines and columns
// are as without it.
func TestByteOrderMark(t *testing.T) {
	plain, plainDs := Load(minimalFS(t), "plain", Options{Now: testNow})
	for _, file := range packFiles {
		m := minimalFS(t)
		mf, ok := m[file]
		if !ok {
			mf = &fstest.MapFile{Data: []byte("# Slides\n")}
		}
		m[file] = &fstest.MapFile{Data: append([]byte("\uFEFF"), mf.Data...)}
		p, ds := loadWithin(t, m)
		if fmt.Sprint(ds) != fmt.Sprint(plainDs) && file != FileSlides {
			t.Errorf("%s with a BOM: diagnostics differ:\n%s\nwithout:\n%s", file, dump(ds), dump(plainDs))
		}
		if strings.HasPrefix(string(p.Sources[file]), "\uFEFF") {
			t.Errorf("%s: the BOM was kept in Sources", file)
		}
		if file == FileReferences {
			if len(p.References) != len(plain.References) {
				t.Errorf("references.json with a BOM: %d references, want %d", len(p.References), len(plain.References))
			} else if p.References[1].Line != plain.References[1].Line {
				t.Errorf("references.json with a BOM: second reference at line %d, want %d", p.References[1].Line, plain.References[1].Line)
			}
		}
	}
}

// allocDuring returns the bytes allocated while f ran (all goroutines, so
// run nothing else beside it).
func allocDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestRefusedTOMLIsNotLinted: a TOML file the screen refuses or the decoder
// rejects is not read by the safe-messaging check either. Its scanner once
// ran on the refused file and built the full dotted key at every level:
// issue 16's studies.toml of 100,000 nested inline tables took 24 s and
// 10 GB after the screen had refused it in a millisecond.
func TestRefusedTOMLIsNotLinted(t *testing.T) {
	lint := "\n[[study]]\nid = \"z\"\nconclusion = \"Participants should lose 5 kg.\"\n"
	for _, c := range []struct{ name, tail string }{
		{"refused by the screen", "x = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000)},
		{"[{a= refused by the screen", "x = " + strings.Repeat("[{a=", 10000) + "1" + strings.Repeat("}]", 10000)},
		{"rejected by the decoder", "x = \n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := minimalFS(t)
			m[FileStudies] = &fstest.MapFile{Data: []byte(string(m[FileStudies].Data) + lint + c.tail + "\n")}
			var ds Diagnostics
			n := allocDuring(func() { _, ds = loadWithin(t, m) })
			errorAt(t, ds, FileStudies)
			for _, d := range ds {
				if strings.Contains(d.Message, "safe-messaging") {
					t.Errorf("a refused studies.toml was linted: %s", d)
				}
			}
			// The minimal pack loads in well under a megabyte; the old
			// scanner allocated 100 MB here.
			if n > 16<<20 {
				t.Errorf("Load allocated %d MB", n>>20)
			}
		})
	}
	// The same text in a studies.toml that decodes is linted.
	m := minimalFS(t)
	m[FileStudies] = &fstest.MapFile{Data: []byte(string(m[FileStudies].Data) + lint)}
	_, ds := loadWithin(t, m)
	found := false
	for _, d := range ds {
		found = found || (d.File == FileStudies && strings.Contains(d.Message, "safe-messaging (weight-target)"))
	}
	if !found {
		t.Errorf("a studies.toml that decodes was not linted:\n%s", dump(ds))
	}
}
