// Package schema holds the JSON Schemas of a pack's pack.toml and
// studies.toml: draft-07 schemas, the draft Taplo (and so the Even Better
// TOML extension for VS Code, which is Taplo) validates and completes
// with, describing every key with its allowed values. The files here are
// the one copy: docs link to them, and evidence-reader new writes them
// into a new pack's schema/ folder, which its TOML files' first lines
// point at ("#:schema ./schema/pack.schema.json").
//
// The schemas help an editor; evidence-reader check is the authority. The
// tests here validate the bundled and example packs against them, and
// internal/pack's TestSchemasMatchTheLoader keeps their keys in step with
// the loader's.
package schema

import (
	"embed"
	"path"
)

//go:embed pack.schema.json studies.schema.json
var files embed.FS

// Dir is the folder inside a pack that holds the schemas. It is not pack
// content: the app does not read it, the content hash does not cover it,
// and evidence-reader pack leaves it out of an .evpack.
const Dir = "schema"

// For names the schema of each TOML file of a pack.
var For = map[string]string{
	"pack.toml":    "pack.schema.json",
	"studies.toml": "studies.schema.json",
}

// File returns the named schema file's bytes (a name from For).
func File(name string) ([]byte, error) { return files.ReadFile(name) }

// Files returns every schema file, keyed by its path inside a pack
// ("schema/pack.schema.json").
func Files() map[string][]byte {
	out := map[string][]byte{}
	for _, name := range For {
		b, err := files.ReadFile(name)
		if err != nil {
			panic(err) // embedded above: cannot happen
		}
		out[path.Join(Dir, name)] = b
	}
	return out
}

// Directive is the first line Taplo reads in tomlFile ("pack.toml"), for
// a pack that carries the schemas in its schema/ folder, newline
// included; "" for a file with no schema.
func Directive(tomlFile string) string {
	name, ok := For[tomlFile]
	if !ok {
		return ""
	}
	return "#:schema ./" + path.Join(Dir, name) + "\n"
}
