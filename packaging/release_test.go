package packaging

import (
	"archive/tar"
	"bufio"
	"bytes"
	"debug/elf"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/evidence-reader/evidence-reader/icons"
	"github.com/evidence-reader/evidence-reader/internal/fyneapp"
)

func loadMeta(t *testing.T) *fyneapp.Meta {
	t.Helper()
	m, err := fyneapp.Load("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// desktopEntry parses the [Desktop Entry] group of a desktop file.
func desktopEntry(name string, data []byte) (map[string]string, error) {
	kv := map[string]string{}
	group := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
		case strings.HasPrefix(s, "["):
			group = strings.Trim(s, "[]")
		case group == "Desktop Entry":
			k, v, ok := strings.Cut(s, "=")
			if !ok {
				return nil, fmt.Errorf("%s:%d: no '=' in %q", name, line, s)
			}
			kv[k] = v
		}
	}
	return kv, sc.Err()
}

type metainfo struct {
	ID         string   `xml:"id"`
	Name       string   `xml:"name"`
	Summary    string   `xml:"summary"`
	License    string   `xml:"project_license"`
	MetaLic    string   `xml:"metadata_license"`
	Launchable string   `xml:"launchable"`
	Binary     string   `xml:"provides>binary"`
	MediaTypes []string `xml:"provides>mediatype"`
	Developer  string   `xml:"developer>name"`
	Rating     struct {
		Type string `xml:"type,attr"`
	} `xml:"content_rating"`
	Screenshots []string `xml:"screenshots>screenshot>image"`
	Releases    []struct {
		Version string `xml:"version,attr"`
		Date    string `xml:"date,attr"`
	} `xml:"releases>release"`
}

func parseMetainfo(name string, data []byte) (*metainfo, error) {
	var mi metainfo
	if err := xml.Unmarshal(data, &mi); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &mi, nil
}

// checkAgree reports every way the desktop file and metainfo disagree with
// FyneApp.toml.
func checkAgree(m *fyneapp.Meta, desktop map[string]string, mi *metainfo) []string {
	var errs []string
	want := func(what, got, want string) {
		if got != want {
			errs = append(errs, fmt.Sprintf("%s is %q, FyneApp.toml says %q", what, got, want))
		}
	}
	d, l := m.Details, m.LinuxAndBSD
	list := func(xs []string) string { return strings.Join(xs, ";") + ";" }
	want("desktop Name", desktop["Name"], d.Name)
	want("desktop Icon", desktop["Icon"], d.ID)
	want("desktop GenericName", desktop["GenericName"], l.GenericName)
	want("desktop Comment", desktop["Comment"], l.Comment)
	want("desktop Categories", desktop["Categories"], list(l.Categories))
	want("desktop Keywords", desktop["Keywords"], list(l.Keywords))
	// GLFW names the X11 window class after the first window's title,
	// which the app sets to its Name.
	want("desktop StartupWMClass", desktop["StartupWMClass"], d.Name)
	want("desktop Exec", desktop["Exec"], "evidence-reader %f")
	// The file manager passes the one file opened (%f) as a bare path.
	want("desktop MimeType", desktop["MimeType"], m.CanOpen.MimeTypes+";")
	want("metainfo provides mediatype", strings.Join(mi.MediaTypes, ";"), m.CanOpen.MimeTypes)
	want("metainfo id", mi.ID, d.ID)
	want("metainfo name", mi.Name, d.Name)
	want("metainfo launchable", mi.Launchable, d.ID+".desktop")
	want("metainfo binary", mi.Binary, "evidence-reader")
	want("metainfo project_license", mi.License, "MIT")
	want("metainfo metadata_license", mi.MetaLic, "CC0-1.0")
	want("metainfo content_rating", mi.Rating.Type, "oars-1.1")
	if mi.Developer == "" {
		errs = append(errs, "metainfo has no developer name")
	}
	if len(mi.Releases) == 0 {
		errs = append(errs, "metainfo has no releases")
	} else {
		want("newest metainfo release", mi.Releases[0].Version, d.Version)
		if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(mi.Releases[0].Date) {
			errs = append(errs, fmt.Sprintf("release date %q is not YYYY-MM-DD", mi.Releases[0].Date))
		}
	}
	if len(mi.Screenshots) == 0 {
		errs = append(errs, "metainfo has no screenshots")
	}
	shot := regexp.MustCompile(`^https://raw\.githubusercontent\.com/evidence-reader/evidence-reader/v` +
		regexp.QuoteMeta(d.Version) + `/docs/screenshots/[a-z0-9-]+\.png$`)
	for _, s := range mi.Screenshots {
		if !shot.MatchString(s) {
			errs = append(errs, fmt.Sprintf("screenshot %s is not docs/screenshots/*.png at tag v%s", s, d.Version))
		}
	}
	return errs
}

func repoFiles(t *testing.T, m *fyneapp.Meta) (desktopData, metaData []byte) {
	t.Helper()
	var err error
	if desktopData, err = os.ReadFile("linux/" + m.Details.ID + ".desktop"); err != nil {
		t.Fatal(err)
	}
	if metaData, err = os.ReadFile("linux/" + m.Details.ID + ".metainfo.xml"); err != nil {
		t.Fatal(err)
	}
	return desktopData, metaData
}

// TestMetadataAgrees: FyneApp.toml, the desktop file and the metainfo name
// the same id, name, version and desktop fields.
func TestMetadataAgrees(t *testing.T) {
	m := loadMeta(t)
	dd, md := repoFiles(t, m)
	desktop, err := desktopEntry("desktop file", dd)
	if err != nil {
		t.Fatal(err)
	}
	mi, err := parseMetainfo("metainfo", md)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range checkAgree(m, desktop, mi) {
		t.Error(e)
	}
	if _, err := os.Stat("../" + m.Details.Icon); err != nil {
		t.Errorf("FyneApp.toml Icon: %v", err)
	}
}

// The check itself must catch a disagreement.
func TestCheckAgreeCatchesMismatch(t *testing.T) {
	m := loadMeta(t)
	dd, md := repoFiles(t, m)
	desktop, _ := desktopEntry("desktop file", dd)
	mi, _ := parseMetainfo("metainfo", md)
	desktop["Name"] = "Other"
	desktop["MimeType"] = "application/zip;"
	mi.Releases[0].Version = "9.9.9"
	mi.Screenshots = append(mi.Screenshots, "https://example.com/x.png")
	errs := strings.Join(checkAgree(m, desktop, mi), "\n")
	for _, want := range []string{"desktop Name", "desktop MimeType", "newest metainfo release", "example.com"} {
		if !strings.Contains(errs, want) {
			t.Errorf("mismatch %q not reported; got:\n%s", want, errs)
		}
	}
	if _, err := desktopEntry("x.desktop", []byte("[Desktop Entry]\nbroken\n")); err == nil || !strings.Contains(err.Error(), "x.desktop:2") {
		t.Errorf("bad line error = %v, want x.desktop:2", err)
	}
}

// TestScreenshotsPublished checks that each metainfo screenshot is
// committed under docs/screenshots (made by "evidence-reader screenshot").
func TestScreenshotsPublished(t *testing.T) {
	m := loadMeta(t)
	_, md := repoFiles(t, m)
	mi, err := parseMetainfo("metainfo", md)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range mi.Screenshots {
		f := "../docs/screenshots/" + path.Base(s)
		if _, err := os.Stat(f); err != nil {
			t.Errorf("metainfo screenshot %s: %v (run `evidence-reader screenshot`)", s, err)
		}
	}
}

// TestTarball lists the Linux release tarball named by RELEASE_TARBALL and
// checks it holds exactly the binary, the repository's desktop file and
// metainfo, hicolor icons at every size, the SVG, the licence and Makefile.
func TestTarball(t *testing.T) {
	tarball := os.Getenv("RELEASE_TARBALL")
	if tarball == "" {
		t.Skip("set RELEASE_TARBALL (make test-release)")
	}
	m := loadMeta(t)
	id, v := m.Details.ID, m.Details.Version
	if want := "evidence-reader-" + v + "-linux-amd64.tar.xz"; path.Base(tarball) != want {
		t.Errorf("tarball is named %s, want %s", path.Base(tarball), want)
	}
	out, err := exec.Command("xz", "-dc", tarball).Output()
	if err != nil {
		t.Fatalf("xz -dc %s: %v", tarball, err)
	}
	files := map[string][]byte{}
	modes := map[string]int64{}
	tr := tar.NewReader(bytes.NewReader(out))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", tarball, err)
		}
		if h.Uid != 0 || h.Gid != 0 {
			t.Errorf("%s is owned by %d:%d, want 0:0", h.Name, h.Uid, h.Gid)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name], modes[h.Name] = b, h.Mode
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	t.Logf("%s:\n  %s", tarball, strings.Join(names, "\n  "))

	top := "evidence-reader-" + v + "-linux-amd64/"
	p := top + "usr/local/"
	want := map[string]bool{
		top + "Makefile":                                       true,
		p + "bin/evidence-reader":                              true,
		p + "share/applications/" + id + ".desktop":            true,
		p + "share/metainfo/" + id + ".metainfo.xml":           true,
		p + "share/mime/packages/" + id + ".mime.xml":          true,
		p + "share/icons/hicolor/scalable/apps/" + id + ".svg": true,
		p + "share/licenses/" + id + "/LICENSE":                true,
	}
	for _, s := range icons.Sizes {
		want[fmt.Sprintf("%sshare/icons/hicolor/%dx%d/apps/%s.png", p, s, s, id)] = true
	}
	for n := range want {
		if _, ok := files[n]; !ok {
			t.Errorf("tarball lacks %s", n)
		}
	}
	for _, n := range names {
		if !want[n] {
			t.Errorf("tarball has unexpected %s", n)
		}
	}

	bin := files[p+"bin/evidence-reader"]
	if modes[p+"bin/evidence-reader"]&0o111 == 0 {
		t.Error("binary is not executable")
	}
	if f, err := elf.NewFile(bytes.NewReader(bin)); err != nil {
		t.Errorf("binary: %v", err)
	} else if f.Machine != elf.EM_X86_64 {
		t.Errorf("binary is for %v, want x86-64", f.Machine)
	}
	if !bytes.Contains(bin, []byte(id)) {
		t.Errorf("binary does not contain the app id %s", id)
	}

	dd, md := repoFiles(t, m)
	if !bytes.Equal(files[p+"share/applications/"+id+".desktop"], dd) {
		t.Error("tarball desktop file differs from packaging/linux")
	}
	if !bytes.Equal(files[p+"share/metainfo/"+id+".metainfo.xml"], md) {
		t.Error("tarball metainfo differs from packaging/linux")
	}
	if mime, _ := os.ReadFile("linux/" + id + ".mime.xml"); !bytes.Equal(files[p+"share/mime/packages/"+id+".mime.xml"], mime) {
		t.Error("tarball MIME file differs from packaging/linux")
	}
	for _, s := range icons.Sizes {
		n := fmt.Sprintf("%sshare/icons/hicolor/%dx%d/apps/%s.png", p, s, s, id)
		cfg, err := png.DecodeConfig(bytes.NewReader(files[n]))
		if err != nil {
			t.Errorf("%s: %v", n, err)
		} else if cfg.Width != s || cfg.Height != s {
			t.Errorf("%s is %dx%d", n, cfg.Width, cfg.Height)
		}
	}
}
