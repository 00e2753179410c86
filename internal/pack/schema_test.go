package pack

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/evidence-reader/evidence-reader/docs/schema"
)

// The editor schemas (docs/schema) and the loader know the same keys:
// every key the loader reads is in the schema, and every key the schema
// describes is read. The loader's keys come from the toml tags of the
// types it decodes (Meta for pack.toml, studiesFile for studies.toml,
// legacy names included), and, for the risk-of-bias tables, which decode
// themselves, from the tools' domains.
func TestSchemasMatchTheLoader(t *testing.T) {
	for _, c := range []struct {
		file string
		root reflect.Type
	}{
		{FilePack, reflect.TypeFor[Meta]()},
		{FileStudies, reflect.TypeFor[studiesFile]()},
	} {
		t.Run(c.file, func(t *testing.T) {
			loader := map[string]bool{}
			tomlKeys(c.root, "", loader)
			doc := loadSchema(t, c.file)
			described := map[string]bool{}
			schemaKeys(t, doc, doc, "", described)
			if len(loader) < 10 || len(described) < 10 {
				t.Fatalf("too few keys found: loader %d, schema %d", len(loader), len(described))
			}
			for _, k := range sortedKeys(loader) {
				if !described[k] {
					t.Errorf("the loader reads %s, which %s does not describe", k, schema.For[c.file])
				}
			}
			for _, k := range sortedKeys(described) {
				if !loader[k] {
					t.Errorf("%s describes %s, which the loader does not read", schema.For[c.file], k)
				}
			}
		})
	}
}

// The enumerations and patterns of the schemas are the loader's.
func TestSchemaValuesMatchTheLoader(t *testing.T) {
	pk := loadSchema(t, FilePack)
	st := loadSchema(t, FileStudies)
	study := at(t, st, "properties", "study", "items")
	props := at(t, study, "properties")

	if got := strs(at(t, props, "verdict", "enum")); !slices.Equal(got, Verdicts) {
		t.Errorf("verdict enum %v, loader %v", got, Verdicts)
	}
	if got := strs(at(t, props, "source", "items", "properties", "confidence", "enum")); !slices.Equal(got, Confidences) {
		t.Errorf("confidence enum %v, loader %v", got, Confidences)
	}
	for _, p := range [][]string{{"properties", "id"}, {"properties", "outcome", "items", "properties", "key"}} {
		if got := at(t, pk, append(p, "pattern")...); got != idPattern.String() {
			t.Errorf("pack.toml %v pattern %v, loader %s", p, got, idPattern)
		}
	}
	if got := at(t, props, "outcome", "pattern"); got != idPattern.String() {
		t.Errorf("study outcome pattern %v, loader %s", got, idPattern)
	}

	// Risk of bias: the tool names, every level any tool allows, and per
	// tool its domains and levels, in the if/then/else chain.
	rob := at(t, props, "risk_of_bias").(map[string]any)
	var names []string
	for _, tl := range RoBTools {
		names = append(names, tl.Name)
	}
	if got := strs(at(t, rob, "properties", "tool", "anyOf").([]any)[0].(map[string]any)["enum"]); !slices.Equal(got, names) {
		t.Errorf("tool enum %v, loader %v", got, names)
	}
	var all []string
	for _, tl := range RoBTools {
		for _, l := range append(slices.Clone(tl.Levels), tl.overallLevels()...) {
			if !slices.Contains(all, l.Key) {
				all = append(all, l.Key)
			}
		}
	}
	if got := strs(at(t, st, "definitions", "level", "enum")); !slices.Equal(got, all) {
		t.Errorf("level enum %v, the tools' levels %v", got, all)
	}
	seen := map[*RoBTool]bool{}
	for node := rob; node != nil; {
		cond, then := at(t, node, "if"), at(t, node, "then").(map[string]any)
		name := strs(at(t, cond, "properties", "tool", "anyOf").([]any)[0].(map[string]any)["enum"])[0]
		tool, ok := FindRoBTool(name)
		if !ok {
			t.Fatalf("a branch for tool %q, which the loader does not know", name)
		}
		seen[tool] = true
		var domains []string
		for _, d := range tool.Domains {
			domains = append(domains, d.Key)
		}
		if got, want := strs(at(t, then, "propertyNames", "enum")), append([]string{"tool", "applies", "reason"}, append(slices.Clone(domains), "overall")...); !slices.Equal(got, want) {
			t.Errorf("%s: keys %v, want %v", tool.Name, got, want)
		}
		judged := at(t, then, "then").(map[string]any)
		if got, want := strs(judged["required"]), append(slices.Clone(domains), "overall"); !slices.Equal(got, want) {
			t.Errorf("%s: required when it applies %v, want %v", tool.Name, got, want)
		}
		for _, k := range append(domains, "overall") {
			ref := at(t, judged, "properties", k, "$ref").(string)
			levels := tool.Levels
			if k == "overall" {
				levels = tool.overallLevels()
			}
			var want []string
			for _, l := range levels {
				want = append(want, l.Key)
			}
			def := at(t, st, "definitions", strings.TrimPrefix(ref, "#/definitions/"))
			if got := strs(at(t, def, "properties", "level", "enum")); !slices.Equal(got, want) {
				t.Errorf("%s %s: levels %v, want %v", tool.Name, k, got, want)
			}
		}
		next, _ := node["else"].(map[string]any)
		node = next
	}
	if len(seen) != len(RoBTools) {
		t.Errorf("the schema has rules for %d of the %d tools", len(seen), len(RoBTools))
	}
}

// The toml tags on RiskOfBias and Judgement, which TestSchemasMatchTheLoader
// reads, are the keys UnmarshalTOML reads: a value under each tag lands in
// the tagged field, with no problem reported.
func TestRiskOfBiasTagsAreItsKeys(t *testing.T) {
	rt := reflect.TypeFor[RiskOfBias]()
	var src strings.Builder
	want := map[string]any{}
	for i := range rt.NumField() {
		f := rt.Field(i)
		tag := tagName(f)
		if tag == "" {
			continue
		}
		switch f.Type {
		case reflect.TypeFor[string]():
			src.WriteString(tag + ` = "` + tag + "-value\"\n")
			want[f.Name] = tag + "-value"
		case reflect.TypeFor[bool]():
			src.WriteString(tag + " = true\n")
			want[f.Name] = true
		case reflect.TypeFor[Judgement]():
			src.WriteString(tag + ` = { level = "l", reason = "r" }` + "\n")
			want[f.Name] = Judgement{Level: "l", Reason: "r"}
		default:
			t.Fatalf("field %s: type %s not covered by this test", f.Name, f.Type)
		}
	}
	if len(want) < 4 {
		t.Fatalf("only %d tagged fields", len(want))
	}
	src.WriteString(`d3 = { level = "low", reason = "because" }` + "\n")
	var r RiskOfBias
	if _, err := toml.Decode(src.String(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.problems) != 0 {
		t.Errorf("problems %v", r.problems)
	}
	v := reflect.ValueOf(r)
	for name, w := range want {
		if got := v.FieldByName(name).Interface(); !reflect.DeepEqual(got, w) {
			t.Errorf("%s = %#v, want %#v (its tag and UnmarshalTOML disagree)", name, got, w)
		}
	}
	if r.Domains["d3"] != (Judgement{Level: "low", Reason: "because"}) {
		t.Errorf("domain d3 = %#v", r.Domains["d3"])
	}
}

func tagName(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if tag == "-" {
		return ""
	}
	return tag
}

// tomlKeys adds the dotted keys the decoder reads into type rt.
func tomlKeys(rt reflect.Type, prefix string, out map[string]bool) {
	for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
		rt = rt.Elem()
	}
	if rt.Kind() != reflect.Struct {
		return
	}
	// A type that decodes itself is one value (Date), unless it names
	// its keys with tags (RiskOfBias).
	tagged := false
	for i := range rt.NumField() {
		tagged = tagged || tagName(rt.Field(i)) != ""
	}
	if !tagged {
		return
	}
	for i := range rt.NumField() {
		f := rt.Field(i)
		if f.Anonymous && f.Tag.Get("toml") == "" {
			tomlKeys(f.Type, prefix, out) // legacyStudy embeds Study
			continue
		}
		tag := tagName(f)
		if tag == "" || !f.IsExported() {
			continue
		}
		out[prefix+tag] = true
		tomlKeys(f.Type, prefix+tag+".", out)
	}
	if rt == reflect.TypeFor[RiskOfBias]() {
		// Its Domains are keyed by the tools' domains.
		for _, tl := range RoBTools {
			for _, d := range tl.Domains {
				out[prefix+d.Key] = true
				tomlKeys(reflect.TypeFor[Judgement](), prefix+d.Key+".", out)
			}
		}
	}
}

// schemaKeys adds the dotted keys a schema describes: its properties, into
// referenced definitions and the items of arrays of tables.
func schemaKeys(t *testing.T, root, node map[string]any, prefix string, out map[string]bool) {
	t.Helper()
	if ref, ok := node["$ref"].(string); ok {
		node = at(t, root, "definitions", strings.TrimPrefix(ref, "#/definitions/")).(map[string]any)
	}
	if items, ok := node["items"].(map[string]any); ok {
		schemaKeys(t, root, items, prefix, out)
	}
	props, _ := node["properties"].(map[string]any)
	for k, v := range props {
		out[prefix+k] = true
		schemaKeys(t, root, v.(map[string]any), prefix+k+".", out)
	}
}

func loadSchema(t *testing.T, file string) map[string]any {
	t.Helper()
	b, err := schema.File(schema.For[file])
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", schema.For[file], err)
	}
	return doc
}

// at walks into a decoded JSON document by keys.
func at(t *testing.T, v any, path ...string) any {
	t.Helper()
	for i, k := range path {
		m, ok := v.(map[string]any)
		if !ok || m[k] == nil {
			t.Fatalf("schema has no %s", strings.Join(path[:i+1], "."))
		}
		v = m[k]
	}
	return v
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
