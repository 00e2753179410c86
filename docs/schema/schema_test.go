package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/docs/schema"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/scaffold"
)

// The packs in the repository, as folders on disk (so that the schema
// directives in their first lines can be followed).
var packDirs = []string{"../../content/spot-reduction", "../../testdata/example-pack", "../../testdata/stretching-pack"}

var now = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// compile compiles the schema of a TOML file with a real JSON Schema
// validator, as Taplo does (draft-07, formats asserted).
func compile(t testing.TB, tomlFile string) *jsonschema.Schema {
	t.Helper()
	b, err := schema.File(schema.For[tomlFile])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", schema.For[tomlFile], err)
	}
	url := "file:///evidence-reader/" + schema.For[tomlFile]
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s does not compile: %v", schema.For[tomlFile], err)
	}
	return sch
}

// instance decodes TOML into the JSON value Taplo validates: tables and
// arrays as they are, and dates and times as strings, written the way
// Taplo writes them (a local date 2026-11-27 as "2026-11-27", a local
// date-time as "2026-11-27T10:00:00", an offset date-time in RFC 3339).
func instance(t testing.TB, src []byte) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(taplo(m))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func taplo(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = taplo(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = taplo(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = taplo(e)
		}
		return out
	case time.Time:
		// BurntSushi/toml marks TOML's local kinds by the time's zone.
		switch x.Location().String() {
		case "date-local":
			return x.Format(time.DateOnly)
		case "datetime-local":
			return x.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			return x.Format("15:04:05.999999999")
		}
		return x.Format(time.RFC3339Nano)
	}
	return v
}

func validate(t testing.TB, tomlFile string, src []byte) error {
	t.Helper()
	return compile(t, tomlFile).Validate(instance(t, src))
}

// The bundled pack, the example packs and a new pack are valid against
// the schemas, as an editor that reads them will find.
func TestPacksAreValid(t *testing.T) {
	type named struct {
		name  string
		files map[string][]byte
	}
	var packs []named
	for _, dir := range packDirs {
		files := map[string][]byte{}
		for name := range schema.For {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			files[name] = b
		}
		packs = append(packs, named{dir, files})
	}
	bundled, err := content.Pack(content.Default)
	if err != nil {
		t.Fatal(err)
	}
	embedded := map[string][]byte{}
	for name := range schema.For {
		if embedded[name], err = fs.ReadFile(bundled, name); err != nil {
			t.Fatal(err)
		}
	}
	packs = append(packs, named{"the bundled pack as embedded", embedded})
	fresh, err := scaffold.Render(scaffold.Options{Title: "Does creatine improve memory?", Now: now}, "creatine")
	if err != nil {
		t.Fatal(err)
	}
	packs = append(packs, named{"a new pack", fresh})
	for _, p := range packs {
		for name, src := range p.files {
			if name != pack.FilePack && name != pack.FileStudies {
				continue
			}
			if err := validate(t, name, src); err != nil {
				t.Errorf("%s/%s is not valid against %s:\n%v", p.name, name, schema.For[name], err)
			}
		}
	}
}

// A pack's TOML files that name a schema on their first line name the
// right one, and it is there: docs/schema's for the packs in the
// repository, the pack's own schema/ folder for a new pack, whose copies
// are docs/schema's files byte for byte.
func TestDirectivesResolve(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p")
	if err := scaffold.Write(dir, scaffold.Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	for _, d := range append(packDirs, dir) {
		for name, want := range schema.For {
			src, err := os.ReadFile(filepath.Join(d, name))
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(src), "\n")
			target, ok := strings.CutPrefix(first, "#:schema ")
			if !ok {
				t.Errorf("%s/%s: first line %q is not a schema directive", d, name, first)
				continue
			}
			path := filepath.Join(d, filepath.FromSlash(strings.TrimSpace(target)))
			if filepath.Base(path) != want {
				t.Errorf("%s/%s names %s, want %s", d, name, target, want)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%s/%s: its schema is not there: %v", d, name, err)
				continue
			}
			if orig, _ := os.ReadFile(want); !bytes.Equal(got, orig) {
				t.Errorf("%s differs from docs/schema/%s", path, want)
			}
		}
	}
}

// Broken values fail validation, and the schemas agree with check about
// them: what the editor flags, check reports as an error or a warning.
// The two places where the schema is stricter than check are listed as
// such, so that a change to either side shows here.
func TestBrokenValues(t *testing.T) {
	const base = "../../testdata/stretching-pack"
	for _, c := range []struct {
		name, file, old, new string
		// check is whether evidence-reader check reports an error or a
		// warning; the schema always fails.
		check bool
	}{
		{"unknown verdict", pack.FileStudies, `verdict = "no"`, `verdict = "nope"`, true},
		{"number as text", pack.FileStudies, `n = 1538`, `n = "1538"`, true},
		{"negative n", pack.FileStudies, `n = 1538`, `n = -1`, true},
		{"boolean as text", pack.FileStudies, `cited = true`, `cited = "yes"`, true},
		{"unknown key", pack.FileStudies, `design = "Randomised`, `desing = "Randomised`, true},
		{"missing required key", pack.FileStudies, `outcome = "injury"` + "\n", "", true},
		{"unknown confidence", pack.FileStudies, `confidence = "high"`, `confidence = "certain"`, true},
		{"unknown tool", pack.FileStudies, `tool = "RoB 2"`, `tool = "Cochrane"`, true},
		{"level of another tool", pack.FileStudies, `d1 = { level = "low", reason = "Allocation`, `d1 = { level = "serious", reason = "Allocation`, true},
		{"domain of another tool", pack.FileStudies, `d5 = { level = "low", reason = "Outcome named`, `d6 = { level = "low", reason = "Outcome named`, true},
		{"missing domain", pack.FileStudies, `d3 = { level = "low", reason = "Follow-up of almost every recruit (illustrative)." }` + "\n", "", true},
		{"judgement as text", pack.FileStudies, `d1 = { level = "low", reason = "Allocation by computer-generated list, concealed (illustrative)." }`, `d1 = "low"`, true},
		{"outcome not an id", pack.FileStudies, `outcome = "injury"`, `outcome = "Injury"`, true},
		{"invalid date", pack.FilePack, `last_reviewed = 2026-11-27`, `last_reviewed = "2026-02-30"`, true},
		{"date in words", pack.FilePack, `last_reviewed = 2026-11-27`, `last_reviewed = "27 November 2026"`, true},
		{"id not an id", pack.FilePack, `id = "stretching-example"`, `id = "Stretching Example"`, true},
		{"empty title", pack.FilePack, `title = "Example pack (illustrative data): does stretching before exercise prevent injuries?"`, `title = ""`, true},
		{"no editors", pack.FilePack, `editors = ["Evidence Reader editors (example)"]`, `editors = []`, true},
		{"misspelt answer key", pack.FilePack, `no = { answer = "No"`, `no = { anwser = "No"`, true},
		{"mechanism as text", pack.FilePack, `mechanism = true`, `mechanism = "yes"`, true},
		// Stricter than check: a TOML date-time, whose time check drops.
		{"date-time", pack.FilePack, `last_reviewed = 2026-11-27`, `last_reviewed = 2026-11-27T10:00:00`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := readPack(t, base)
			src := string(files[c.file])
			if strings.Count(src, c.old) < 1 {
				t.Fatalf("%s has no %q", c.file, c.old)
			}
			files[c.file] = []byte(strings.Replace(src, c.old, c.new, 1))
			if err := validate(t, c.file, files[c.file]); err == nil {
				t.Errorf("the schema accepts %s", c.name)
			}
			if got := problems(t, files) > problems(t, readPack(t, base)); got != c.check {
				t.Errorf("check reports it: %v, want %v", got, c.check)
			}
		})
	}
}

// The tool's name is matched as check matches it: without regard to case,
// spaces, hyphens or underscores; a name check refuses, the schema
// refuses.
func TestToolNamesAsCheckReadsThem(t *testing.T) {
	for _, name := range []string{"RoB 2", "rob2", "ROB-2", "rob_2", "ROBINS-I", "robins i", "Robins_I", "AMSTAR 2", "amstar2", "Amstar-2", "", "  ",
		"Cochrane", "RoB", "ROBINS-E", "AMSTAR", "rob 3", "robinsi2"} {
		_, known := pack.FindRoBTool(name)
		src := fmt.Sprintf("[[study]]\nid = \"a\"\nref = \"a\"\nlabel = \"A\"\ndesign = \"d\"\noutcome = \"main\"\nverdict = \"no\"\n[study.risk_of_bias]\ntool = %q\napplies = false\nreason = \"r\"\n", name)
		if err := validate(t, pack.FileStudies, []byte(src)); (err == nil) != known {
			t.Errorf("tool %q: the schema accepts it %v, check knows it %v (%v)", name, err == nil, known, err)
		}
	}
}

// Each tool's rules follow its name: ROBINS-I written another way still
// gets ROBINS-I's domains and levels.
func TestToolRulesFollowTheName(t *testing.T) {
	judged := func(tool, keys, level string) []byte {
		var b strings.Builder
		fmt.Fprintf(&b, "[[study]]\nid = \"a\"\nref = \"a\"\nlabel = \"A\"\ndesign = \"d\"\noutcome = \"main\"\nverdict = \"no\"\n[study.risk_of_bias]\n")
		if tool != "-" {
			fmt.Fprintf(&b, "tool = %q\n", tool)
		}
		b.WriteString("applies = true\n")
		for _, k := range strings.Fields(keys) {
			fmt.Fprintf(&b, "%s = { level = %q }\n", k, level)
		}
		return []byte(b.String())
	}
	const rob2, robins = "d1 d2 d3 d4 d5 overall", "d1 d2 d3 d4 d5 d6 d7 overall"
	for _, c := range []struct {
		tool, keys, level string
		valid             bool
	}{
		{"robins i", robins, "serious", true},
		{"robins i", robins, "some-concerns", false},
		{"robins i", rob2, "low", false}, // d6 and d7 missing
		{"-", rob2, "some-concerns", true},
		{"-", robins, "low", false}, // RoB 2 has no d6
		{"rob2", rob2, "serious", false},
		{"amstar2", "q1 q2 q3 q4 q5 q6 q7 q8 q9 q10 q11 q12 q13 q14 q15 q16", "partial-yes", false}, // overall missing
	} {
		err := validate(t, pack.FileStudies, judged(c.tool, c.keys, c.level))
		if (err == nil) != c.valid {
			t.Errorf("tool %q, %s = %s: valid %v, want %v (%v)", c.tool, c.keys, c.level, err == nil, c.valid, err)
		}
	}
}

func readPack(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
			files[e.Name()] = b
		}
	}
	return files
}

// problems counts the errors and warnings check reports for a pack.
func problems(t *testing.T, files map[string][]byte) int {
	t.Helper()
	m := fstest.MapFS{}
	for n, b := range files {
		m[n] = &fstest.MapFile{Data: b}
	}
	_, ds := pack.Load(m, "p", pack.Options{Now: now})
	return ds.Count(pack.Error) + ds.Count(pack.Warning)
}
