package flatpak

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/dirhash"
)

func TestSourceRoundTrip(t *testing.T) {
	for _, f := range []File{
		{"github.com/BurntSushi/toml", "v1.6.0", Zip},
		{"gopkg.in/yaml.v3", "v3.0.1", Mod},
		{"golang.org/x/sys", "v0.0.0-20260101000000-abcdefabcdef", Zip},
	} {
		s, err := f.Source(strings.Repeat("a", 64))
		if err != nil {
			t.Fatal(err)
		}
		if f.Path == "github.com/BurntSushi/toml" &&
			(s.URL != "https://proxy.golang.org/github.com/!burnt!sushi/toml/@v/v1.6.0.zip" ||
				s.Dest != "goproxy/github.com/!burnt!sushi/toml/@v" || s.DestFilename != "v1.6.0.zip") {
			t.Errorf("escaped source %+v", s)
		}
		back, err := ParseSource(s)
		if err != nil || back != f {
			t.Errorf("ParseSource(%+v) = %v, %v; want %v", s, back, err, f)
		}
	}
	s, _ := File{"example.com/m", "v1.0.0", Zip}.Source("00")
	s.Dest = "elsewhere"
	if _, err := ParseSource(s); err == nil || !strings.Contains(err.Error(), "dest") {
		t.Errorf("a source with the wrong dest: %v", err)
	}
	s.URL = "https://example.com/m.zip"
	if _, err := ParseSource(s); err == nil {
		t.Error("a source from another host was accepted")
	}
}

func TestParseGoSum(t *testing.T) {
	g, err := ParseGoSum("go.sum", []byte("a.com/m v1.0.0 h1:zip=\na.com/m v1.0.0/go.mod h1:mod=\n\nb.com/n v0.1.0/go.mod h1:x=\n"))
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := g.Hash(File{"a.com/m", "v1.0.0", Zip}); h != "h1:zip=" {
		t.Errorf("zip hash %q", h)
	}
	if h, _ := g.Hash(File{"a.com/m", "v1.0.0", Mod}); h != "h1:mod=" {
		t.Errorf("mod hash %q", h)
	}
	if got := len(g.Files()); got != 3 {
		t.Errorf("%d files, want 3", got)
	}
	if _, err := ParseGoSum("go.sum", []byte("a.com/m v1.0.0 h1:x=\nbroken line\n")); err == nil || !strings.Contains(err.Error(), "go.sum:2") {
		t.Errorf("bad line: %v, want go.sum:2", err)
	}
}

// fakeCache writes one module (a zip and its go.mod) into a module cache
// and returns its go.sum.
func fakeCache(t *testing.T, dir string) GoSum {
	t.Helper()
	at := filepath.Join(dir, "cache", "download", "example.com", "!m", "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	mod := []byte("module example.com/M\n")
	if err := os.WriteFile(filepath.Join(at, "v1.0.0.mod"), mod, 0o644); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(at, "v1.0.0.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for name, body := range map[string]string{"go.mod": string(mod), "m.go": "package m\n"} {
		w, _ := zw.Create("example.com/!m@v1.0.0/" + name)
		io.WriteString(w, body)
	}
	zw.Close()
	zf.Close()
	zh, err := dirhash.HashZip(filepath.Join(at, "v1.0.0.zip"), dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	mh, _ := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(string(mod))), nil
	})
	return GoSum{"example.com/M v1.0.0": zh, "example.com/M v1.0.0/go.mod": mh}
}

func TestVerifyAgainstGoSum(t *testing.T) {
	dir := t.TempDir()
	sum := fakeCache(t, dir)
	c := Cache{Dir: dir}
	zipFile := File{"example.com/M", "v1.0.0", Zip}
	got, err := c.Verify(zipFile, sum)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := c.Path(zipFile)
	data, _ := os.ReadFile(p)
	want := sha256.Sum256(data)
	if got != hex.EncodeToString(want[:]) {
		t.Errorf("sha256 %s, want %x", got, want)
	}
	if _, err := c.Verify(File{"example.com/M", "v1.0.0", Mod}, sum); err != nil {
		t.Errorf("go.mod: %v", err)
	}
	files, err := CachedFiles(dir)
	if err != nil || len(files) != 2 || files[0].Path != "example.com/M" {
		t.Errorf("CachedFiles = %v, %v", files, err)
	}

	// A cached file that is not what go.sum vouches for is refused.
	tampered := GoSum{"example.com/M v1.0.0": "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}
	if _, err := c.Verify(zipFile, tampered); err == nil || !strings.Contains(err.Error(), "go.sum says") {
		t.Errorf("tampered zip: %v", err)
	}
	if _, err := c.Verify(zipFile, GoSum{}); err == nil || !strings.Contains(err.Error(), "go.sum has no") {
		t.Errorf("no go.sum line: %v", err)
	}
	if _, err := c.Verify(File{"example.com/M", "v2.0.0", Zip}, GoSum{"example.com/M v2.0.0": "h1:x"}); !errors.Is(err, ErrNotCached) {
		t.Errorf("missing file: %v", err)
	}
	srcs, err := Sources(c, sum, []File{zipFile, {"example.com/M", "v1.0.0", Mod}})
	if err != nil || len(srcs) != 2 {
		t.Fatalf("Sources = %v, %v", srcs, err)
	}
	data, _ = Marshal(srcs)
	back, err := Unmarshal("x.json", data)
	if err != nil || len(back) != 2 || back[0] != srcs[0] {
		t.Errorf("Unmarshal(Marshal) = %v, %v", back, err)
	}
	if _, err := Unmarshal("x.json", []byte(`[{"type":"file","bogus":1}]`)); err == nil || !strings.Contains(err.Error(), "x.json") {
		t.Errorf("unknown field: %v", err)
	}
}
