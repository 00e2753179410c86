package packaging

import (
	"archive/tar"
	"bytes"
	"debug/buildinfo"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// buildTags returns the -tags a Go binary was built with.
func buildTags(t *testing.T, name string, bin []byte) []string {
	t.Helper()
	bi, err := buildinfo.Read(bytes.NewReader(bin))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, s := range bi.Settings {
		if s.Key == "-tags" {
			return strings.Split(s.Value, ",")
		}
	}
	return nil
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// wantTags checks the tags of mk/build-tags are all there, and
// accessibility exactly when the platform's screen readers are supported.
func wantTags(t *testing.T, name string, tags []string, accessibility bool) {
	t.Helper()
	b, err := os.ReadFile("../mk/build-tags")
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range strings.Split(strings.TrimSpace(string(b)), ",") {
		if !hasTag(tags, tag) {
			t.Errorf("%s was built with -tags %v, without %s (mk/build-tags)", name, tags, tag)
		}
	}
	if hasTag(tags, "accessibility") != accessibility {
		t.Errorf("%s was built with -tags %v: accessibility should be there: %v", name, tags, accessibility)
	}
}

// TestWindowsExeHasAccessibilityTag checks the .exe named by WINDOWS_EXE
// (make test-windows) talks to Windows screen readers.
func TestWindowsExeHasAccessibilityTag(t *testing.T) {
	exe := os.Getenv("WINDOWS_EXE")
	if exe == "" {
		t.Skip("set WINDOWS_EXE (make test-windows)")
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	wantTags(t, exe, buildTags(t, exe, b), true)
}

// TestTarballHasNoAccessibilityTag checks the Linux binary in the tarball
// named by RELEASE_TARBALL (make test-release) is built without it: Fyne
// 2.8.1 has no Linux screen-reader support behind the tag.
func TestTarballHasNoAccessibilityTag(t *testing.T) {
	tarball := os.Getenv("RELEASE_TARBALL")
	if tarball == "" {
		t.Skip("set RELEASE_TARBALL (make test-release)")
	}
	out, err := exec.Command("xz", "-dc", tarball).Output()
	if err != nil {
		t.Fatalf("xz -dc %s: %v", tarball, err)
	}
	tr := tar.NewReader(bytes.NewReader(out))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			t.Fatal("no bin/evidence-reader in the tarball")
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(h.Name, "/bin/evidence-reader") {
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			wantTags(t, h.Name, buildTags(t, h.Name, b), false)
			return
		}
	}
}

// The tag check itself: a binary built here (this test binary) has the
// tags it was built with.
func TestBuildTagsReadable(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if tags := buildTags(t, self, b); len(tags) == 0 {
		t.Skip("this test binary was built without -tags")
	} else if hasTag(tags, "accessibility") {
		t.Errorf("test binary tags %v include accessibility", tags)
	}
}
