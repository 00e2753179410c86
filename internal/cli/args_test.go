package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// present, export, version and screenshot take the pack bare, as check and
// the window do (a file manager or a shell passes it so), or with --pack.
func TestBarePackArgument(t *testing.T) {
	ex := filepath.Join("..", "..", "testdata", "example-pack")
	archive := filepath.Join(t.TempDir(), "ex.evpack")
	if code, _, stderr := run(t, "pack", ex, "--out", archive); code != ExitOK {
		t.Fatalf("pack: %d %s", code, stderr)
	}
	var presented string
	gui := GUI{
		Present:    func(l Loaded, o PresentOptions) error { presented = l.Pack.Meta.ID; return nil },
		Screenshot: func(l Loaded, o ScreenshotOptions) error { presented = l.Pack.Meta.ID; return nil },
	}
	for _, p := range []string{ex, archive} {
		for _, args := range [][]string{{"present", p}, {"present", "--pack", p}, {"screenshot", p, "--out", "x.png"}} {
			presented = ""
			if code, stderr := runGUI(t, gui, args...); code != ExitOK || presented != "example-stretching" {
				t.Errorf("%q: code %d, pack %q, %s", args, code, presented, stderr)
			}
		}
		out := filepath.Join(t.TempDir(), "h.html")
		if code, _, stderr := run(t, "export", p, "--out", out); code != ExitOK {
			t.Errorf("export %s: code %d, %s", p, code, stderr)
		} else if b, _ := os.ReadFile(out); !strings.Contains(string(b), "Does stretching prevent injury?") {
			t.Errorf("export %s wrote another pack's handout", p)
		}
		if code, out, stderr := run(t, "version", p); code != ExitOK || !strings.Contains(out, "pack example-stretching") {
			t.Errorf("version %s: code %d\n%s%s", p, code, out, stderr)
		}
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"present", ex, "--pack", ex}, "not both"},
		{[]string{"present", ex, archive}, "one pack at a time"},
		{[]string{"export", "nosuch", "--out", "h.html"}, `no pack folder or file named "nosuch"`},
		{[]string{"version", ex, archive}, "one pack at a time"},
	} {
		if code, stderr := runGUI(t, gui, c.args...); code != ExitUsage || !strings.Contains(stderr, c.msg) {
			t.Errorf("%q: code %d, %q; want a usage error saying %q", c.args, code, stderr, c.msg)
		}
	}
}

// pack --out FILE without the .evpack extension writes the file and warns
// that file managers will not know it, naming the file it could be.
func TestPackWarnsWithoutTheExtension(t *testing.T) {
	out := filepath.Join(t.TempDir(), "noext")
	code, stdout, stderr := run(t, "pack", filepath.Join("..", "..", "testdata", "example-pack"), "--out", out)
	if code != ExitOK || !strings.Contains(stdout, "wrote "+out) {
		t.Fatalf("code %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "evidence-reader pack: warning: "+out+" does not end in .evpack") || !strings.Contains(stderr, out+".evpack") {
		t.Errorf("no warning naming %s.evpack:\n%s", out, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("not written: %v", err)
	}
}

// evidence-reader help (and --help) lists every option of every command:
// it left out the window's --size and --watch.
func TestUsageListsEveryOption(t *testing.T) {
	_, help, _ := run(t, "help")
	_, _, windowHelp := run(t, "--help")
	if !strings.Contains(windowHelp, help) {
		t.Errorf("--help does not start with the usage help prints:\n%s", windowHelp)
	}
	flagName := regexp.MustCompile(`(?m)^  -([a-z]+)`)
	for _, cmd := range []string{"", "present", "export", "check", "pack", "new", "version", "screenshot"} {
		args := []string{"--help"}
		if cmd != "" {
			args = []string{cmd, "--help"}
		}
		_, _, out := run(t, args...)
		if cmd == "" {
			out = out[strings.Index(out, "Options of the reader window"):]
		}
		line := usageLine(help, cmd)
		if line == "" {
			t.Errorf("help has no line for %q:\n%s", cmd, help)
			continue
		}
		for _, m := range flagName.FindAllStringSubmatch(out, -1) {
			if m[1] == "pack" && strings.Contains(line, "[PACK]") && strings.Contains(help, "; --pack PACK says the same.") {
				continue // said once for every command
			}
			if !strings.Contains(line, "--"+m[1]) {
				t.Errorf("help's %q line lacks --%s:\n%s", cmd, m[1], line)
			}
		}
	}
}

// usageLine is the entry of cmd ("" for the window) in the usage text,
// with its continuation lines.
func usageLine(help, cmd string) string {
	prefix := "  evidence-reader " + cmd
	if cmd == "" {
		prefix = "  evidence-reader ["
	}
	var out []string
	in := false
	for _, l := range strings.Split(help, "\n") {
		switch {
		case strings.HasPrefix(l, prefix+" ") || strings.HasPrefix(l, prefix):
			in = strings.HasPrefix(l, prefix+" ") || cmd == ""
			if in {
				out = append(out, l)
			}
		case in && strings.HasPrefix(l, "   "):
			out = append(out, l)
		default:
			in = false
		}
	}
	return strings.Join(out, "\n")
}
