// Package flatpak lists the Go modules a build of the app needs as
// flatpak-builder sources, so that the Flatpak (packaging/flatpak) builds
// without a network connection, as Flathub requires.
//
// Each module becomes one or two "file" sources fetched from the Go module
// proxy (https://proxy.golang.org) into a folder laid out as a module proxy
// itself (goproxy/<escaped path>/@v/<version>.mod and .zip). The build then
// runs with GOPROXY=file://…/goproxy, so the go command checks every file
// against go.sum exactly as it would online, and flatpak-builder checks each
// download against the sha256 recorded here.
//
// The sha256 of a proxy file is not in go.sum (go.sum has the h1: hash of
// the module's contents), so it is computed from the copy in the local
// module cache, which holds the proxy's bytes unchanged, after that copy has
// been checked against go.sum: a source is only ever recorded for content
// go.sum vouches for.
package flatpak

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
)

// Proxy is where flatpak-builder downloads module files from.
const Proxy = "https://proxy.golang.org"

// Dest is the folder, relative to the build directory, that the sources are
// put in; the manifest sets GOPROXY=file://$PWD/<Dest>.
const Dest = "goproxy"

// Kind is the file of a module version: its go.mod or its zip.
type Kind string

const (
	// Mod is the go.mod file, needed to load the module graph.
	Mod Kind = "mod"
	// Zip is the module's source, needed for modules that provide packages.
	Zip Kind = "zip"
)

// Source is one flatpak-builder source, in the manifest's JSON form.
type Source struct {
	Type         string `json:"type"`
	URL          string `json:"url"`
	SHA256       string `json:"sha256"`
	Dest         string `json:"dest"`
	DestFilename string `json:"dest-filename"`
}

// File is a module file the build needs.
type File struct {
	Path, Version string
	Kind          Kind
}

func (f File) String() string { return f.Path + "@" + f.Version + " ." + string(f.Kind) }

// Source returns f as a flatpak-builder source with the given sha256.
func (f File) Source(sum string) (Source, error) {
	ep, err := module.EscapePath(f.Path)
	if err != nil {
		return Source{}, err
	}
	ev, err := module.EscapeVersion(f.Version)
	if err != nil {
		return Source{}, err
	}
	name := ev + "." + string(f.Kind)
	return Source{
		Type:         "file",
		URL:          Proxy + "/" + ep + "/@v/" + name,
		SHA256:       sum,
		Dest:         Dest + "/" + ep + "/@v",
		DestFilename: name,
	}, nil
}

// ParseSource is the inverse of File.Source: the module file a source fetches.
func ParseSource(s Source) (File, error) {
	rest, ok := strings.CutPrefix(s.URL, Proxy+"/")
	if !ok {
		return File{}, fmt.Errorf("%s: not a %s URL", s.URL, Proxy)
	}
	ep, name, ok := strings.Cut(rest, "/@v/")
	if !ok {
		return File{}, fmt.Errorf("%s: no /@v/ in the URL", s.URL)
	}
	ext := filepath.Ext(name)
	kind := Kind(strings.TrimPrefix(ext, "."))
	if kind != Mod && kind != Zip {
		return File{}, fmt.Errorf("%s: neither a .mod nor a .zip", s.URL)
	}
	p, err := module.UnescapePath(ep)
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", s.URL, err)
	}
	v, err := module.UnescapeVersion(strings.TrimSuffix(name, ext))
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", s.URL, err)
	}
	f := File{Path: p, Version: v, Kind: kind}
	want, _ := f.Source(s.SHA256)
	if want != s {
		return File{}, fmt.Errorf("%s: dest %q, dest-filename %q, type %q; want %q, %q, %q",
			s.URL, s.Dest, s.DestFilename, s.Type, want.Dest, want.DestFilename, want.Type)
	}
	return f, nil
}

// GoSum is the content of a go.sum file: h1 hashes by "path version" for
// zips and "path version/go.mod" for go.mod files.
type GoSum map[string]string

func sumKey(f File) string {
	if f.Kind == Mod {
		return f.Path + " " + f.Version + "/go.mod"
	}
	return f.Path + " " + f.Version
}

// Hash returns go.sum's hash of f, if it has one.
func (g GoSum) Hash(f File) (string, bool) {
	h, ok := g[sumKey(f)]
	return h, ok
}

// ParseGoSum reads a go.sum file; name is used in messages.
func ParseGoSum(name string, data []byte) (GoSum, error) {
	g := GoSum{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 {
			continue
		}
		if len(fs) != 3 || !strings.HasPrefix(fs[2], "h1:") {
			return nil, fmt.Errorf("%s:%d: want \"path version h1:hash\", got %q", name, line, sc.Text())
		}
		g[fs[0]+" "+fs[1]] = fs[2]
	}
	return g, sc.Err()
}

// Files returns every module file in g, sorted.
func (g GoSum) Files() []File {
	var fs []File
	for k := range g {
		p, v, _ := strings.Cut(k, " ")
		if mv, ok := strings.CutSuffix(v, "/go.mod"); ok {
			fs = append(fs, File{p, mv, Mod})
		} else {
			fs = append(fs, File{p, v, Zip})
		}
	}
	SortFiles(fs)
	return fs
}

// SortFiles sorts by path, then version, then kind.
func SortFiles(fs []File) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Version != b.Version {
			return a.Version < b.Version
		}
		return a.Kind < b.Kind
	})
}

// Options say which build the sources are for.
type Options struct {
	// Dir is the main module's folder (where go.mod and go.sum are).
	Dir string
	// Packages are the main packages built, e.g. ./cmd/evidence-reader.
	Packages []string
	// Tags are the build tags, comma-separated.
	Tags string
	// Arches are the GOARCH values built for (Flathub: amd64 and arm64);
	// the modules needed are the union over them.
	Arches []string
	// Go is the go command; "" means "go".
	Go string
}

func (o Options) run(env []string, args ...string) ([]byte, error) {
	g := o.Go
	if g == "" {
		g = "go"
	}
	cmd := exec.Command(g, args...)
	cmd.Dir = o.Dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

// Env returns the go command's value of an environment setting (go env NAME).
func (o Options) Env(name string) (string, error) {
	out, err := o.run(nil, "env", name)
	return strings.TrimSpace(string(out)), err
}

// Needed returns the module files a build needs, found by doing what the
// offline build does: the packages are loaded (go list -deps) with an empty
// module cache and a file:// module proxy serving only the local module
// cache, once for each GOARCH; whatever the go command fetched is the list.
// The go command fetches a go.mod for each module whose requirements it
// reads and a zip for each module that provides a package, and checks each
// against go.sum. Run with the local cache missing a file, it fails naming
// it: run Prefetch first.
func Needed(o Options) ([]File, error) {
	real, err := o.Env("GOMODCACHE")
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "flatpak-gomod-")
	if err != nil {
		return nil, err
	}
	env := append(OfflineEnv(filepath.Join(real, "cache", "download"), filepath.Join(tmp, "modcache")), "GOCACHE="+filepath.Join(tmp, "gocache"))
	defer func() {
		// The module cache is read-only; go clean knows how to remove it.
		_, _ = o.run(env, "clean", "-modcache")
		os.RemoveAll(tmp)
	}()
	for _, arch := range o.Arches {
		args := append([]string{"list", "-deps", "-tags", o.Tags, "-f", "{{.ImportPath}}"}, o.Packages...)
		if _, err := o.run(append(env, "GOARCH="+arch), args...); err != nil {
			return nil, fmt.Errorf("loading the build offline from the local module cache (GOARCH=%s): %w", arch, err)
		}
	}
	return CachedFiles(filepath.Join(tmp, "modcache"))
}

// OfflineEnv is the environment of a build that may only use the module
// proxy folder proxyDir, with modcache as its module cache: no network, no
// toolchain download, go.sum checked and never changed.
func OfflineEnv(proxyDir, modcache string) []string {
	return []string{
		"GOMODCACHE=" + modcache,
		"GOPROXY=file://" + filepath.ToSlash(proxyDir),
		"GOFLAGS=-mod=readonly",
		"GOSUMDB=off", // go.sum has every hash; nothing to look up
		"GONOSUMDB=", "GONOPROXY=", "GOPRIVATE=",
		"GOTOOLCHAIN=local",
		"GOWORK=off",
		"GOOS=linux",
		"CGO_ENABLED=1",
	}
}

// Prefetch loads the build normally (through the configured proxy) so that
// the local module cache holds every file Needed will ask for.
func Prefetch(o Options) error {
	for _, arch := range o.Arches {
		args := append([]string{"list", "-deps", "-tags", o.Tags, "-f", "{{.ImportPath}}"}, o.Packages...)
		if _, err := o.run([]string{"GOOS=linux", "GOARCH=" + arch, "CGO_ENABLED=1", "GOFLAGS=-mod=readonly"}, args...); err != nil {
			return err
		}
	}
	return nil
}

// CachedFiles lists the .mod and .zip files in a module cache's download
// folder, which the go command lays out as a module proxy.
func CachedFiles(modcache string) ([]File, error) {
	root := filepath.Join(modcache, "cache", "download")
	var fs []File
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(p)
		if ext != ".mod" && ext != ".zip" {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		ep, name, ok := strings.Cut(filepath.ToSlash(rel), "/@v/")
		if !ok {
			return nil // sumdb data and the like
		}
		mp, err := module.UnescapePath(ep)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		v, err := module.UnescapeVersion(strings.TrimSuffix(name, ext))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		fs = append(fs, File{Path: mp, Version: v, Kind: Kind(ext[1:])})
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		err = nil
	}
	SortFiles(fs)
	return fs, err
}

// Cache finds module files in the local module cache.
type Cache struct {
	// Dir is GOMODCACHE.
	Dir string
}

// Path is where the module cache keeps f (the proxy's bytes).
func (c Cache) Path(f File) (string, error) {
	ep, err := module.EscapePath(f.Path)
	if err != nil {
		return "", err
	}
	ev, err := module.EscapeVersion(f.Version)
	if err != nil {
		return "", err
	}
	return filepath.Join(c.Dir, "cache", "download", filepath.FromSlash(ep), "@v", ev+"."+string(f.Kind)), nil
}

// ErrNotCached is returned by Verify for a file the cache does not hold.
var ErrNotCached = errors.New("not in the module cache")

// Verify checks the cached copy of f against go.sum and returns its sha256.
func (c Cache) Verify(f File, sum GoSum) (string, error) {
	want, ok := sum.Hash(f)
	if !ok {
		return "", fmt.Errorf("%s: go.sum has no %q line", f, sumKey(f))
	}
	p, err := c.Path(f)
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("%s: %w (%s)", f, ErrNotCached, p)
	} else if err != nil {
		return "", err
	}
	var got string
	if f.Kind == Mod {
		got, err = dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data)), nil
		})
	} else {
		got, err = dirhash.HashZip(p, dirhash.Hash1)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	if got != want {
		return "", fmt.Errorf("%s: content hash %s, go.sum says %s: the cached copy is not what go.sum vouches for", p, got, want)
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:]), nil
}

// Sources returns the sources for fs, each checked against go.sum.
func Sources(c Cache, sum GoSum, fs []File) ([]Source, error) {
	var out []Source
	var errs []error
	for _, f := range fs {
		h, err := c.Verify(f, sum)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s, err := f.Source(h)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// Marshal writes sources as the JSON file the manifest includes.
func Marshal(ss []Source) ([]byte, error) {
	if ss == nil {
		ss = []Source{}
	}
	b, err := json.MarshalIndent(ss, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Unmarshal reads a sources file; name is used in messages.
func Unmarshal(name string, data []byte) ([]Source, error) {
	var ss []Source
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&ss); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return ss, nil
}
