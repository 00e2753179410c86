package pack

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// The documented encoding, computed independently (Python's hashlib and
// struct.pack('>Q', n), following docs/pack-format.md).
func TestContentHashKnownValues(t *testing.T) {
	for _, c := range []struct {
		files map[string][]byte
		want  string
	}{
		{map[string][]byte{}, "sha256:e535da78514a287f6e07dc2d1a2d13e8f03df97869f94e918f990968f5dfb4e5"},
		{map[string][]byte{"pack.toml": []byte("id = \"x\"\n"), "a.md": []byte("b")}, "sha256:b17ee634767694e913c661a98a8374d790d38ac6cd48e1235d28b36e5c05f75b"},
	} {
		if got := ContentHash(c.files); got != c.want {
			t.Errorf("ContentHash(%v) = %s, want %s", c.files, got, c.want)
		}
	}
	// Lengths make the encoding unambiguous: moving a byte from one file to
	// the next changes the hash.
	a := ContentHash(map[string][]byte{"a.md": []byte("xy"), "b.md": []byte("z")})
	b := ContentHash(map[string][]byte{"a.md": []byte("x"), "b.md": []byte("yz")})
	if a == b {
		t.Error("moving a byte between files kept the hash")
	}
}

// The hash is the same for every way of reading the same files (a map, a
// folder, a zip) and on every load; it changes with any byte.
func TestPackHash(t *testing.T) {
	m := minimalFS(t)
	p1, _ := Load(m, "minimal", Options{Now: testNow})
	p2, _ := Load(m, "minimal", Options{Now: testNow})
	if !strings.HasPrefix(p1.Hash, "sha256:") || len(p1.Hash) != len("sha256:")+64 {
		t.Fatalf("Hash = %q", p1.Hash)
	}
	if p1.Hash != p2.Hash {
		t.Errorf("two loads: %s and %s", p1.Hash, p2.Hash)
	}
	if want := ContentHash(p1.Sources); p1.Hash != want {
		t.Errorf("Hash %s is not ContentHash(Sources) %s", p1.Hash, want)
	}
	pd, _ := Load(os.DirFS("testdata/minimal"), "minimal", Options{Now: testNow})
	if pd.Hash != p1.Hash {
		t.Errorf("folder %s, map %s", pd.Hash, p1.Hash)
	}
	// A zip of the folder, as an .evpack holds it.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	entries, _ := os.ReadDir("testdata/minimal")
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata/minimal", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(e.Name())
		w.Write(b)
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	pz, _ := Load(zr, "minimal.evpack", Options{Now: testNow})
	if pz.Hash != p1.Hash {
		t.Errorf("zip %s, map %s", pz.Hash, p1.Hash)
	}
	replace(FileGuidance, "kind", "Kind")(m)
	if p3, _ := Load(m, "minimal", Options{Now: testNow}); p3.Hash == p1.Hash {
		t.Error("a changed byte kept the hash")
	}
	// An optional file counts when present.
	m = minimalFS(t)
	m[FileChangelog] = &fstest.MapFile{Data: []byte("## 1.0.0 — 2026-01-10\n\nFirst release.\n")}
	if p4, _ := Load(m, "minimal", Options{Now: testNow}); p4.Hash == p1.Hash {
		t.Error("changelog.md is not in the hash")
	}
}

func TestChangelog(t *testing.T) {
	m := minimalFS(t)
	replace(FilePack, `version = "1.0.0"`, `version = "1.1.0"`)(m)
	m[FileChangelog] = &fstest.MapFile{Data: []byte(`+++
+++
# Changelog

## Unreleased

- Work in progress.

## 1.1.0 — 2026-05-01

- Added a study.

### Fixed

- A typo.

## [1.0.0] - 2026-01-10

First release.
`)}
	p, ds := Load(m, "minimal", Options{Now: testNow})
	if len(ds) != 0 {
		t.Fatalf("want no diagnostics:\n%s", dump(ds))
	}
	if len(p.Changelog) != 3 {
		t.Fatalf("entries: %+v", p.Changelog)
	}
	u, e1, e0 := p.Changelog[0], p.Changelog[1], p.Changelog[2]
	if u.Version != "Unreleased" || u.Date.Valid() || u.Line != 5 || u.Notes != "- Work in progress." {
		t.Errorf("unreleased: %+v", u)
	}
	if e1.Version != "1.1.0" || e1.Date.String() != "2026-05-01" || e1.Line != 9 || e1.Notes != "- Added a study.\n\n### Fixed\n\n- A typo." {
		t.Errorf("1.1.0: %+v", e1)
	}
	if e0.Version != "1.0.0" || e0.Date.String() != "2026-01-10" || e0.Line != 17 || e0.Notes != "First release." {
		t.Errorf("1.0.0: %+v", e0)
	}
	// Each entry keeps the blocks the loader parsed, its heading left out.
	for _, c := range []struct {
		e    ChangelogEntry
		want []string
	}{
		{u, []string{"Work in progress."}},
		{e1, []string{"Added a study.", "Fixed", "A typo."}},
		{e0, []string{"First release."}},
	} {
		var got []string
		for _, b := range c.e.Blocks {
			got = append(got, strings.TrimSpace(b.PlainText()))
		}
		if c.e.Doc == nil || strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: blocks %q, want %q", c.e.Version, got, c.want)
		}
	}

	cases := []struct {
		name, version, changelog string
		line                     int
		substr                   string
	}{
		{"version without entry", "1.2.0", "# Changelog\n\n## 1.1.0 — 2026-05-01\n\nx\n", 3, `no changelog entry for version 1.2.0`},
		{"empty changelog", "1.0.0", "# Changelog\n", 1, `no changelog entry for version 1.0.0`},
		{"bad heading", "1.0.0", "## 1.0.0 — 2026-01-10\n\n## Version two\n", 3, `changelog heading "Version two" should be`},
		{"bad date", "1.0.0", "## 1.0.0 — 2026-13-10\n", 1, `invalid date "2026-13-10"`},
		{"duplicate", "1.0.0", "## 1.0.0 — 2026-01-10\n\n## 1.0.0 — 2026-01-11\n", 3, "second changelog entry (the first is at line 1)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := minimalFS(t)
			replace(FilePack, `version = "1.0.0"`, `version = "`+c.version+`"`)(m)
			m[FileChangelog] = &fstest.MapFile{Data: []byte(c.changelog)}
			_, ds := Load(m, "minimal", Options{Now: testNow})
			for _, d := range ds {
				if d.File == FileChangelog && d.Line == c.line && d.Severity == Warning && strings.Contains(d.Message, c.substr) {
					return
				}
			}
			t.Errorf("want changelog.md:%d warning %q, got\n%s", c.line, c.substr, dump(ds))
		})
	}
	// No changelog.md: nothing to say, and no entries.
	p, ds = Load(minimalFS(t), "minimal", Options{Now: testNow})
	if len(ds) != 0 || p.Changelog != nil {
		t.Errorf("without changelog.md: %v\n%s", p.Changelog, dump(ds))
	}
}

func TestSafeMessagingInPack(t *testing.T) {
	cases := []struct {
		name string
		edit func(fstest.MapFS)
		// want is "file:line:col rule", "" for no safe-messaging warning.
		want string
	}{
		{"guidance", replace(FileGuidance, "Be kind to yourself.", "Be kind to yourself.\nTarget your problem areas."), "guidance.md:4:13 body-part-label"},
		{"guidance weight target", replace(FileGuidance, "Be kind", "Aim to lose 2 kg. Be kind"), "guidance.md:3:8 weight-target"},
		{"limitations", replace(FileLimitations, "Concerns:", "Share before-and-after photos. Concerns:"), "limitations.md:3:7 before-after"},
		{"slides", set(FileSlides, "# Slide\n\n---\n\n## Two\n\nNote:\nCall 0800 123 4567.\n"), "slides.md:8:1 phone-number"},
		{"study conclusion", replace(FileStudies, `verdict = "yes"`, `verdict = "yes"`+"\n"+`conclusion = "Aim to lose 2 kg."`), "studies.toml:9:22 weight-target"},
		{"study limitations", replace(FileStudies, `verdict = "yes"`, `verdict = "yes"`+"\n"+`limitations = ["Short.", "1,200 kcal a day."]`), "studies.toml:9:27 calories"},
		{"pack title", replace(FilePack, `title = "Minimal test pack"`, `title = "Melt stubborn fat"`), "pack.toml:2:15 body-part-label"},
		{"study results are data", replace(FileStudies, `verdict = "yes"`, `verdict = "yes"`+"\n"+`results = ["Fat mass fell by 1.2 kg; BMI 27 at baseline."]`), ""},
		{"population is data", replace(FileStudies, `sex = "women"`, `sex = "women"`+"\n"+`bmi = "27.5 kg/m²"`), ""},
		{"article is verbatim", replace(FileArticle, "(", "Target your problem areas and lose 2 kg ("), ""},
		{"opt-out", replace(FileGuidance, "Be kind", "[//]: # (safemsg: allow weight-target)\nAim to lose 2 kg. Be kind"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := minimalFS(t)
			c.edit(m)
			_, ds := Load(m, "minimal", Options{Now: testNow})
			var got []string
			for _, d := range ds {
				if strings.Contains(d.Message, "safe-messaging") {
					if d.Severity != Warning {
						t.Errorf("severity %s: %s", d.Severity, d)
					}
					rule := d.Message[strings.Index(d.Message, "(")+1 : strings.Index(d.Message, ")")]
					got = append(got, d.File+":"+strconv.Itoa(d.Line)+":"+strconv.Itoa(d.Col)+" "+rule)
				}
			}
			if strings.Join(got, "; ") != c.want {
				t.Errorf("got %q, want %q\n%s", got, c.want, dump(ds))
			}
		})
	}
	// A language without rules: one note, nothing checked.
	m := minimalFS(t)
	replace(FilePack, `language = "en"`, `language = "de"`)(m)
	replace(FileGuidance, "Be kind", "Aim to lose 2 kg. Be kind")(m)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	if len(ds) != 1 || ds[0].Severity != Note || ds[0].File != FilePack || ds[0].Line != 5 || !strings.Contains(ds[0].Message, `no safe-messaging rules for language "de"`) {
		t.Errorf("language de:\n%s", dump(ds))
	}
}

// A pack of which no file could be read has no content hash: every broken
// pack shared the hash of nothing.
func TestNoHashWithoutContent(t *testing.T) {
	p, ds := Load(fstest.MapFS{}, "empty", Options{Now: testNow})
	if p.Hash != "" || len(ds) == 0 {
		t.Errorf("empty pack: Hash %q, %d diagnostics", p.Hash, len(ds))
	}
	// One file read is content.
	m := fstest.MapFS{FilePack: minimalFS(t)[FilePack]}
	if p, _ := Load(m, "one", Options{Now: testNow}); p.Hash != ContentHash(p.Sources) || p.Hash == "" {
		t.Errorf("pack.toml alone: Hash %q", p.Hash)
	}
}

// A UTF-8 byte order mark is removed before a file is hashed (and read),
// so saving a file with one in an editor on Windows keeps the hash.
func TestBOMIsNotInTheHash(t *testing.T) {
	m := minimalFS(t)
	plain, _ := Load(m, "minimal", Options{Now: testNow})
	for name, f := range m {
		m[name] = &fstest.MapFile{Data: append([]byte("\uFEFF"), f.Data...)}
	}
	bom, _ := Load(m, "minimal", Options{Now: testNow})
	if plain.Hash == "" || bom.Hash != plain.Hash {
		t.Errorf("with a BOM %s, without %s", bom.Hash, plain.Hash)
	}
}

// The Python snippet in docs/pack-format.md's "Content hash" computes the
// hash Load does, on a folder whose files start with a BOM.
func TestDocumentedHashSnippet(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	md, err := os.ReadFile("../../docs/pack-format.md")
	if err != nil {
		t.Fatal(err)
	}
	sec := string(md[bytes.Index(md, []byte("## Content hash")):])
	start := strings.Index(sec, "```python\n")
	if start < 0 {
		t.Fatal("no Python snippet in the Content hash section")
	}
	code := sec[start+len("```python\n"):]
	code = code[:strings.Index(code, "```")]
	dir := t.TempDir()
	pdir := filepath.Join(dir, "my-pack")
	if err := os.Mkdir(pdir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, f := range minimalFS(t) {
		data := f.Data
		if name == FileGuidance || name == FilePack {
			data = append([]byte("\uFEFF"), data...)
		}
		if err := os.WriteFile(filepath.Join(pdir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(py, "-c", code)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the snippet failed: %v\n%s", err, out)
	}
	p, _ := Load(os.DirFS(pdir), "my-pack", Options{Now: testNow})
	if got := strings.TrimSpace(string(out)); got != p.Hash {
		t.Errorf("the documented snippet prints %s, Load's hash is %s", got, p.Hash)
	}
}
