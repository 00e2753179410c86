package settings

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// roConfig mounts a tmpfs holding files, remounted read-only, and points
// XDG_CONFIG_HOME at it. Root ignores permission bits (TestReadOnlyHome
// skips as root), but not a read-only mount, so this runs in CI as root.
func roConfig(t *testing.T, files map[string]string) string {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("needs root on Linux to mount a read-only file system; TestReadOnlyHome covers other users")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	return dir
}

func TestReadOnlyConfigKeepsSavedSettings(t *testing.T) {
	const saved = `{"version":1,"packs":{"p":{"theme":"dark","text_scale":1.25,"view":"studies"}}}`
	dir := roConfig(t, map[string]string{"evidence-reader/" + FileName: saved})
	path, err := Path()
	if err != nil || !strings.HasPrefix(path, dir) {
		t.Fatalf("Path() = %q, %v; want it under %s", path, err, dir)
	}
	s, notice := Load(path)
	if notice != "" || s.For("p").Theme != ThemeDark || s.For("p").View != "studies" {
		t.Fatalf("read-only settings not read: %+v, notice %q", s.For("p"), notice)
	}
	s.Set("p", DefaultPack())
	if err := Save(path, s); err == nil {
		t.Fatal("Save on a read-only file system succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != saved {
		t.Errorf("the saved file changed: %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "evidence-reader", "*.tmp")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestReadOnlyConfigDamagedFile(t *testing.T) {
	roConfig(t, map[string]string{"evidence-reader/" + FileName: `{"version":1,"packs":{`})
	path, _ := Path()
	s, notice := Load(path)
	if notice == "" || s.For("x") != DefaultPack() {
		t.Fatalf("damaged read-only settings: defaults %v, notice %q", s.For("x") == DefaultPack(), notice)
	}
	if strings.Contains(notice, "kept as") {
		t.Errorf("notice claims the file was moved aside on a read-only folder: %q", notice)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the damaged file is gone: %v", err)
	}
	if !strings.Contains(notice, "left as it is") {
		t.Errorf("notice does not say the file is left alone: %q", notice)
	}
	if err := Save(path, s); !errors.Is(err, ErrNotRead) {
		t.Errorf("Save of settings from a damaged file that stayed in place = %v, want ErrNotRead", err)
	}
}

func TestReadOnlyConfigNoFolder(t *testing.T) {
	roConfig(t, nil)
	path, _ := Path()
	if s, notice := Load(path); notice != "" || s.For("x") != DefaultPack() {
		t.Fatalf("missing settings on a read-only config home: notice %q", notice)
	}
	if err := Save(path, Settings{}); err == nil || !strings.Contains(err.Error(), "settings") {
		t.Fatalf("Save = %v, want a settings error", err)
	}
}
