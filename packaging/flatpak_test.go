package packaging

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/evidence-reader/evidence-reader/internal/flatpak"
	"github.com/evidence-reader/evidence-reader/internal/fyneapp"
)

// flatpakManifest is the part of a flatpak-builder manifest the checks read.
type flatpakManifest struct {
	ID             string   `yaml:"id"`
	Runtime        string   `yaml:"runtime"`
	RuntimeVersion string   `yaml:"runtime-version"`
	SDK            string   `yaml:"sdk"`
	SDKExtensions  []string `yaml:"sdk-extensions"`
	Command        string   `yaml:"command"`
	FinishArgs     []string `yaml:"finish-args"`
	BuildOptions   struct {
		AppendPath string            `yaml:"append-path"`
		Env        map[string]string `yaml:"env"`
	} `yaml:"build-options"`
	Modules []struct {
		Name          string      `yaml:"name"`
		Buildsystem   string      `yaml:"buildsystem"`
		BuildCommands []string    `yaml:"build-commands"`
		Sources       []yaml.Node `yaml:"sources"`
	} `yaml:"modules"`
}

type manifestSource struct {
	Type   string   `yaml:"type"`
	Path   string   `yaml:"path"`
	URL    string   `yaml:"url"`
	Tag    string   `yaml:"tag"`
	Commit string   `yaml:"commit"`
	Skip   []string `yaml:"skip"`
	// name is set for a source given as a file name (an included list).
	name string
}

func loadManifest(name string, data []byte) (*flatpakManifest, []manifestSource, error) {
	var m flatpakManifest
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(false)
	if err := dec.Decode(&m); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(m.Modules) != 1 {
		return nil, nil, fmt.Errorf("%s: %d modules, want 1", name, len(m.Modules))
	}
	var srcs []manifestSource
	for _, n := range m.Modules[0].Sources {
		var s manifestSource
		if n.Kind == yaml.ScalarNode {
			s.name = n.Value
		} else if err := n.Decode(&s); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", name, n.Line, err)
		}
		srcs = append(srcs, s)
	}
	return &m, srcs, nil
}

// checkManifest reports every way the manifest breaks Flathub's rules or
// disagrees with FyneApp.toml and the repository. files says whether a
// repository file exists; flathub is true for the copy flathub.sh writes.
func checkManifest(meta *fyneapp.Meta, m *flatpakManifest, srcs []manifestSource, exists func(string) bool, flathub bool) []string {
	var errs []string
	bad := func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) }
	id := meta.Details.ID
	if m.ID != id {
		bad("id is %q, FyneApp.toml says %q", m.ID, id)
	}
	if m.Runtime != "org.freedesktop.Platform" || m.SDK != "org.freedesktop.Sdk" || m.RuntimeVersion == "" {
		bad("runtime %q %q, sdk %q: want the freedesktop runtime and SDK", m.Runtime, m.RuntimeVersion, m.SDK)
	}
	if !slices.Contains(m.SDKExtensions, "org.freedesktop.Sdk.Extension.golang") {
		bad("sdk-extensions %v lack org.freedesktop.Sdk.Extension.golang", m.SDKExtensions)
	}
	if m.BuildOptions.AppendPath != "/usr/lib/sdk/golang/bin" {
		bad("build-options append-path %q, want the golang extension's bin", m.BuildOptions.AppendPath)
	}
	if m.Command != "evidence-reader" {
		bad("command %q", m.Command)
	}
	want := []string{"--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--device=dri"}
	if !slices.Equal(slices.Sorted(slices.Values(m.FinishArgs)), slices.Sorted(slices.Values(want))) {
		bad("finish-args %v, want exactly %v (no network, no filesystem, no bus)", m.FinishArgs, want)
	}
	env := m.BuildOptions.Env
	if env["GOTOOLCHAIN"] != "local" || !strings.Contains(env["GOFLAGS"], "-mod=readonly") {
		bad("build env %v: want GOTOOLCHAIN=local and GOFLAGS with -mod=readonly", env)
	}
	mod := m.Modules[0]
	if mod.Buildsystem != "simple" {
		bad("buildsystem %q, want simple", mod.Buildsystem)
	}

	// Every file installed is in the repository, and everything the app
	// needs installed is: binary, desktop file, metainfo, MIME type, icons,
	// licence.
	installed := map[string]string{}
	build := ""
	for _, c := range mod.BuildCommands {
		c = strings.NewReplacer("${FLATPAK_ID}", id, "$FLATPAK_ID", id, "${FLATPAK_DEST}", "/app", "$FLATPAK_DEST", "/app").Replace(c)
		f := strings.Fields(c)
		switch {
		case len(f) >= 1 && strings.Contains(c, "go build"):
			build = c
		case len(f) == 4 && f[0] == "install" && strings.HasPrefix(f[1], "-Dm"):
			installed[f[3]] = f[2]
			if f[2] != "evidence-reader" && !exists(f[2]) {
				bad("installs %s, which is not in the repository", f[2])
			}
		default:
			bad("build command %q is neither the go build nor an install -Dm", c)
		}
	}
	if !strings.Contains(build, `GOPROXY="file://$PWD/goproxy"`) || !strings.Contains(build, ",flatpak") ||
		!strings.Contains(build, "$(cat mk/build-tags)") || strings.Contains(build, "accessibility") {
		bad("go build %q: want the goproxy folder, mk/build-tags plus flatpak, no accessibility tag", build)
	}
	wantInstalled := map[string]string{
		"/app/bin/evidence-reader":                              "evidence-reader",
		"/app/share/applications/" + id + ".desktop":            "packaging/linux/" + id + ".desktop",
		"/app/share/metainfo/" + id + ".metainfo.xml":           "packaging/linux/" + id + ".metainfo.xml",
		"/app/share/mime/packages/" + id + ".xml":               "packaging/linux/" + id + ".mime.xml",
		"/app/share/icons/hicolor/scalable/apps/" + id + ".svg": "icons/icon.svg",
		"/app/share/licenses/" + id + "/LICENSE":                "LICENSE",
	}
	for _, s := range []string{"16", "24", "32", "48", "64", "128", "256", "512"} {
		wantInstalled["/app/share/icons/hicolor/"+s+"x"+s+"/apps/"+id+".png"] = "icons/icon-" + s + ".png"
	}
	for dst, src := range wantInstalled {
		if installed[dst] != src {
			bad("does not install %s as %s (got %q)", src, dst, installed[dst])
		}
	}
	for dst := range installed {
		if _, ok := wantInstalled[dst]; !ok {
			bad("installs %s, which no check expects", dst)
		}
	}

	// Sources: the app (the working tree here, the release tag on Flathub)
	// and the Go modules list.
	var app, lists int
	for _, s := range srcs {
		switch {
		case s.name != "":
			lists++
			if s.name != "go-modules.json" {
				bad("source list %q, want go-modules.json", s.name)
			}
		case s.Type == "dir" && !flathub:
			app++
			if s.Path != "../.." {
				bad("dir source %q is not the repository", s.Path)
			}
			for _, k := range []string{".git", ".flatpak-builder", "build", "dist"} {
				if !slices.Contains(s.Skip, k) {
					bad("dir source does not skip %s", k)
				}
			}
		case s.Type == "git" && flathub:
			app++
			if s.URL != "https://github.com/evidence-reader/evidence-reader.git" || s.Tag != "v"+meta.Details.Version ||
				!regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(s.Commit) {
				bad("git source %+v: want the repository, tag v%s and a full commit", s, meta.Details.Version)
			}
		default:
			bad("unexpected source %+v", s)
		}
	}
	if app != 1 || lists != 1 {
		bad("%d app sources and %d source lists, want one of each", app, lists)
	}
	return errs
}

func readManifest(t *testing.T, path string) (*flatpakManifest, []manifestSource) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, srcs, err := loadManifest(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return m, srcs
}

func repoExists(t *testing.T) func(string) bool {
	return func(p string) bool {
		_, err := os.Stat(filepath.Join("..", p))
		return err == nil
	}
}

// TestFlatpakManifest: the manifest parses and follows Flathub's rules.
func TestFlatpakManifest(t *testing.T) {
	meta := loadMeta(t)
	m, srcs := readManifest(t, "flatpak/"+meta.Details.ID+".yml")
	for _, e := range checkManifest(meta, m, srcs, repoExists(t), false) {
		t.Error(e)
	}
}

// TestFlathubCopy: flathub.sh writes a manifest that builds the release tag.
func TestFlathubCopy(t *testing.T) {
	meta := loadMeta(t)
	out := t.TempDir()
	commit := strings.Repeat("0123456789", 4)
	if b, err := runScript("flatpak/flathub.sh", "v"+meta.Details.Version, out, commit); err != nil {
		t.Fatalf("flathub.sh: %v\n%s", err, b)
	}
	m, srcs := readManifest(t, filepath.Join(out, meta.Details.ID+".yml"))
	for _, e := range checkManifest(meta, m, srcs, repoExists(t), true) {
		t.Error(e)
	}
	if srcs[0].Commit != commit {
		t.Errorf("commit %q, want %q", srcs[0].Commit, commit)
	}
	a, _ := os.ReadFile("flatpak/go-modules.json")
	b, _ := os.ReadFile(filepath.Join(out, "go-modules.json"))
	if string(a) != string(b) || len(a) == 0 {
		t.Error("flathub.sh did not copy go-modules.json")
	}
	if b, err := runScript("flatpak/flathub.sh", "v9.9.9", out, commit); err == nil || !strings.Contains(string(b), "FyneApp.toml says") {
		t.Errorf("a tag that is not the version was accepted: %v %s", err, b)
	}
}

// The manifest check itself must catch what it is for.
func TestCheckManifestCatches(t *testing.T) {
	meta := loadMeta(t)
	m, srcs := readManifest(t, "flatpak/"+meta.Details.ID+".yml")
	m.FinishArgs = append(m.FinishArgs, "--share=network")
	m.Modules[0].BuildCommands = slices.DeleteFunc(slices.Clone(m.Modules[0].BuildCommands), func(c string) bool {
		return strings.Contains(c, "share/mime")
	})
	m.Modules[0].BuildCommands = append(m.Modules[0].BuildCommands, "install -Dm644 nothere.txt ${FLATPAK_DEST}/share/x")
	srcs = append(srcs, manifestSource{name: "other.json"})
	errs := strings.Join(checkManifest(meta, m, srcs, repoExists(t), false), "\n")
	for _, want := range []string{"--share=network", "share/mime/packages", "nothere.txt", "other.json"} {
		if !strings.Contains(errs, want) {
			t.Errorf("not reported: %s; got:\n%s", want, errs)
		}
	}
}

// TestFlatpakGoModules: go-modules.json lists exactly the module files the
// offline build needs, each vouched for by go.sum, with the sha256 of the
// proxy's file.
func TestFlatpakGoModules(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the build offline (a few seconds)")
	}
	data, err := os.ReadFile("flatpak/go-modules.json")
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := flatpak.Unmarshal("go-modules.json", data)
	if err != nil {
		t.Fatal(err)
	}
	sumData, err := os.ReadFile("../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := flatpak.ParseGoSum("go.sum", sumData)
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := os.ReadFile("../mk/build-tags")
	o := flatpak.Options{Dir: "..", Packages: []string{"./cmd/evidence-reader"},
		Tags: strings.TrimSpace(string(tags)) + ",flatpak", Arches: []string{"amd64", "arm64"}}
	need, err := flatpak.Needed(o)
	if err != nil {
		t.Fatal(err)
	}
	modcache, err := o.Env("GOMODCACHE")
	if err != nil {
		t.Fatal(err)
	}
	c := flatpak.Cache{Dir: modcache}
	listed := map[flatpak.File]bool{}
	for _, s := range srcs {
		f, err := flatpak.ParseSource(s)
		if err != nil {
			t.Error(err)
			continue
		}
		listed[f] = true
		if _, ok := sum.Hash(f); !ok {
			t.Errorf("%s is not in go.sum", f)
		}
		h, err := c.Verify(f, sum)
		if err != nil {
			t.Error(err)
		} else if h != s.SHA256 {
			t.Errorf("%s: sha256 %s in go-modules.json, the go.sum-checked file has %s", f, s.SHA256, h)
		}
	}
	for _, f := range need {
		if !listed[f] {
			t.Errorf("the build needs %s, which go-modules.json lacks: run go run ./internal/flatpak/gen", f)
		}
		delete(listed, f)
	}
	for f := range listed {
		t.Errorf("go-modules.json lists %s, which the build does not need: run go run ./internal/flatpak/gen", f)
	}
	if len(need) < 10 {
		t.Errorf("the build needs only %d module files: the listing is broken", len(need))
	}
}

// runScript runs a script of this folder with bash and returns its output.
func runScript(script string, args ...string) ([]byte, error) {
	return exec.Command("bash", append([]string{script}, args...)...).CombinedOutput()
}
