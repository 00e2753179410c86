package evpack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A write that fails part way leaves the old file as it was and no
// temporary file behind.
func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ex.evpack")
	os.WriteFile(out, []byte("old"), 0o644)
	files := exampleFiles(t)
	for name, mutate := range map[string]func(map[string][]byte){
		"a file over its cap": func(m map[string][]byte) { m["studies.toml"] = make([]byte, 8<<20+1) },
		"not a pack file":     func(m map[string][]byte) { m["../x"] = []byte("x") },
	} {
		m := map[string][]byte{}
		for k, v := range files {
			m[k] = v
		}
		mutate(m)
		err := WriteFiles(out, m)
		if err == nil || !strings.Contains(err.Error(), "cannot write "+out) {
			t.Errorf("%s: err = %v", name, err)
		}
		if b, _ := os.ReadFile(out); string(b) != "old" {
			t.Errorf("%s: the old file was changed", name)
		}
		if left, _ := os.ReadDir(dir); len(left) != 1 {
			t.Errorf("%s: left behind %v", name, left)
		}
	}
	if err := WriteFiles(out, files); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b[:4]) != localSig {
		t.Error("a good write did not replace the old file")
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("a good write left %v", left)
	}
	if err := WriteFiles(dir, files); err == nil || !strings.Contains(err.Error(), "it is a folder") {
		t.Errorf("writing over a folder: %v", err)
	}
}

func TestWriteRefusesWhatOpenWouldRefuse(t *testing.T) {
	dir := t.TempDir()
	for n, d := range exampleFiles(t) {
		os.WriteFile(filepath.Join(dir, n), d, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("left out"), 0o644)
	out := filepath.Join(t.TempDir(), "x.evpack")
	if err := Write(dir, out); err != nil {
		t.Fatal(err)
	}
	a, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files()) != 7 {
		t.Errorf("packed %v; other files must be left out", a.Files())
	}

	os.Remove(filepath.Join(dir, "guidance.md"))
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "guidance.md")); err != nil {
		t.Skip(err)
	}
	if err := Write(dir, out); err == nil || !strings.Contains(err.Error(), "guidance.md is a symbolic link") {
		t.Errorf("symlink: %v", err)
	}
	os.Remove(filepath.Join(dir, "guidance.md"))
	os.WriteFile(filepath.Join(dir, "guidance.md"), make([]byte, 4<<20+1), 0o644)
	if err := Write(dir, out); err == nil || !strings.Contains(err.Error(), "guidance.md is larger than the 4 MiB cap") {
		t.Errorf("over the cap: %v", err)
	}
	if err := Write(t.TempDir(), out); err == nil || !strings.Contains(err.Error(), "holds no pack files") {
		t.Errorf("empty folder: %v", err)
	}
	if err := Write(out, out+"2"); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("a file as the folder: %v", err)
	}
}
