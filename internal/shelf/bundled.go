package shelf

import (
	"io/fs"

	"github.com/BurntSushi/toml"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// BundledEntry describes the app's bundled pack from its pack.toml alone,
// so the shelf can list it without loading the whole pack. A bundled
// pack.toml that cannot be read (a broken build) gives an entry with only
// the id; opening it shows what is wrong.
func BundledEntry() Entry {
	e := Entry{Kind: Bundled, ID: content.Default}
	fsys, err := content.Pack(content.Default)
	if err != nil {
		return e
	}
	data, err := fs.ReadFile(fsys, "pack.toml")
	if err != nil {
		return e
	}
	var m pack.Meta
	if _, err := toml.Decode(string(data), &m); err != nil {
		return e
	}
	got := FromPack(&pack.Pack{Meta: m}, Bundled, "")
	if got.ID == "" {
		got.ID = content.Default
	}
	return got
}
