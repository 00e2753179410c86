package sandbox

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPortalPath(t *testing.T) {
	for _, c := range []struct {
		path string
		want bool
	}{
		{"/run/user/1000/doc/4b1e9a2f/pack.toml", true},
		{"/run/user/1000/doc/4b1e9a2f", true},
		{"/run/user/1000/doc/4b1e9a2f/my-pack/article.md", true},
		{"/run/user/1000/doc", true},
		{"/run/user/0/doc/by-app/io.github.evidence_reader.EvidenceReader/4b1e9a2f/x.evpack", true},
		{"/run/flatpak/doc/4b1e9a2f/pack.toml", true},
		{"/run/flatpak/doc", true},
		{"/run/user/1000/doc/../docs/pack.toml", false}, // cleaned: /run/user/1000/docs
		{"/run/user/1000/./doc/x/pack.toml", true},
		{"/run/user/1000/docs/pack.toml", false},
		{"/run/user/1000/pack.toml", false},
		{"/run/user/abc/doc/x/pack.toml", false},
		{"/run/user//doc/x/pack.toml", false}, // cleaned: /run/user/doc/x
		{"/run/flatpak/docs/x", false},
		{"/run/flatpak/app/x", false},
		{"/home/reader/packs/run/user/1000/doc/pack.toml", false},
		{"/home/reader/packs/pack.toml", false},
		{"run/user/1000/doc/x/pack.toml", false},
		{"", false},
		{"/", false},
	} {
		if got := PortalPath(c.path); got != c.want {
			t.Errorf("PortalPath(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

func TestHasInfoFile(t *testing.T) {
	dir := t.TempDir()
	info := filepath.Join(dir, ".flatpak-info")
	if err := os.WriteFile(info, []byte("[Application]\nname=io.github.evidence_reader.EvidenceReader\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want bool
	}{
		{info, true},
		{filepath.Join(dir, "none"), false},
		{filepath.Join(dir, ".flatpak-info", "below-a-file"), false},
	} {
		if got := HasInfoFile(c.path); got != c.want {
			t.Errorf("HasInfoFile(%q) = %v, want %v", c.path, got, c.want)
		}
	}
	// This machine's own answer agrees with its root.
	_, err := os.Lstat(InfoFile)
	if got := InFlatpak(); got != (err == nil) {
		t.Errorf("InFlatpak() = %v, but %s: %v", got, InfoFile, err)
	}
}
