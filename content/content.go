// Package content embeds the evidence packs that ship inside the binary.
// Each pack is a folder named after its id; docs/pack-format.md describes
// the files in it.
package content

import (
	"embed"
	"io/fs"
)

//go:embed all:spot-reduction
var packs embed.FS

// Default is the id of the pack the app opens when given none.
const Default = "spot-reduction"

// Pack returns the bundled pack with the given id as a file system rooted
// at the pack folder.
func Pack(id string) (fs.FS, error) {
	if _, err := fs.Stat(packs, id); err != nil {
		return nil, err
	}
	return fs.Sub(packs, id)
}

// IDs lists the bundled packs.
func IDs() []string {
	entries, _ := fs.ReadDir(packs, ".")
	var ids []string
	for _, e := range entries {
		if e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	return ids
}
