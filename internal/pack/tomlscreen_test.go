package pack

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// tomlDepth is the depth of the deepest value BurntSushi/toml built, as
// the screen counts it: each map key and array element is a level; the
// arrays a [[header]] makes are not (the screen counts the header once).
func tomlDepth(v any, d int) int {
	deepest := d
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			deepest = max(deepest, tomlDepth(x, d+1))
		}
	case []map[string]any:
		for _, x := range v {
			deepest = max(deepest, tomlDepth(x, d))
		}
	case []any:
		for _, x := range v {
			deepest = max(deepest, tomlDepth(x, d+1))
		}
	}
	return deepest
}

// FuzzTOMLScreen checks the screen against the parser: whatever the screen
// lets through, the parser must not build deeper than MaxTOMLDepth, or with
// more values than MaxTOMLValues.
func FuzzTOMLScreen(f *testing.F) {
	for _, s := range []string{
		"a = 1", "[a.b]\nc = {d = [1, {e = 2}]}", "[[a]]\n[[a.b]]\nc.d = 1",
		"x = \"\"\"a\"\"\"\"\ny = {a={a={a={a={a={a={a={a=1}}}}}}}}",
		"x = '''a'''''\ny = [[[[[[[[[]]]]]]]]]", `"a.b".c = 1`, "a = [\n# ]\n[[1]]]",
		"x = {a = 1,\n b = {c = 2}}", `x = "a\\"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		refusal, _, values := screenTOML(src)
		if refusal != nil {
			return
		}
		var v map[string]any
		if _, err := toml.Decode(string(src), &v); err != nil {
			return
		}
		if d := tomlDepth(v, 0); d > MaxTOMLDepth {
			t.Fatalf("the screen let through depth %d (limit %d): %q", d, MaxTOMLDepth, src)
		}
		if values > MaxTOMLValues {
			t.Fatalf("the screen counted %d values and did not refuse", values)
		}
	})
}

func TestTOMLDepthHelper(t *testing.T) {
	var v map[string]any
	src := "[[s]]\n[s.p]\nn = 1\n[s.r]\nd1 = {level = \"low\"}\nx = [[1]]"
	if _, err := toml.Decode(src, &v); err != nil {
		t.Fatal(err)
	}
	// s.r.d1.level = 4 and s.r.x[0][0] = 5: the screen counts the same.
	if d := tomlDepth(v, 0); d != 5 {
		t.Errorf("tomlDepth = %d, want 5", d)
	}
	deep := strings.Repeat("a.", 4) + "a = 1" // 5 levels
	if _, err := toml.Decode(deep, &v); err != nil || tomlDepth(v, 0) != 5 {
		t.Errorf("dotted: %d, %v", tomlDepth(v, 0), err)
	}
}
