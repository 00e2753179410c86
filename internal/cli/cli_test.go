package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" },
		Now: func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }, Version: "1.2.3"}
	code := Main(args, env)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"check", "--nope"}, {"--pack"}, {"stray"}} {
		if code, _, stderr := run(t, args...); code != ExitUsage || stderr == "" {
			t.Errorf("%v: code %d, stderr %q; want %d and a message", args, code, stderr, ExitUsage)
		}
	}
}

func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"check", "--help"}, {"version", "-h"}, {"help"}} {
		code, stdout, stderr := run(t, args...)
		if code != ExitOK || !strings.Contains(stdout+stderr, "evidence-reader") {
			t.Errorf("%v: code %d, output %q", args, code, stdout+stderr)
		}
	}
}

func TestNoDisplayIsOneClearLine(t *testing.T) {
	code, _, stderr := run(t)
	if code != ExitError || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "xvfb-run") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
	if NoDisplay("windows", func(string) string { return "" }) != "" {
		t.Error("Windows always has a display")
	}
	if NoDisplay("linux", func(k string) string { return map[string]string{"WAYLAND_DISPLAY": "wayland-0"}[k] }) != "" {
		t.Error("a Wayland session is a display")
	}
}

func TestCheckBrokenPackExitsOne(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pack.toml"), []byte("id = \"x\"\ntitle = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, "check", dir)
	if code != ExitError {
		t.Fatalf("code %d, want %d\n%s", code, ExitError, stdout)
	}
	want := filepath.ToSlash(filepath.Join(dir, "pack.toml")) + ":2:"
	if !strings.Contains(stdout, want) || !strings.Contains(stdout, "error: malformed TOML") {
		t.Fatalf("want %q with a malformed TOML error, got:\n%s", want, stdout)
	}
	if !strings.Contains(stdout, "article.md:1:1: error: required file article.md is missing") {
		t.Fatalf("every problem in one run: missing article.md not reported:\n%s", stdout)
	}
}

// A path that does not exist is said in plain words, not as a system
// call's error, for a folder and a pack file alike.
func TestCheckMissingFolder(t *testing.T) {
	for _, name := range []string{"nope", "nope.evpack"} {
		path := filepath.Join(t.TempDir(), name)
		code, stdout, _ := run(t, "check", path)
		want := "error: no pack at " + path + ": no such folder or file\n"
		if code != ExitError || !strings.Contains(stdout, want) || strings.Contains(stdout, "stat ") || strings.Contains(stdout, "no such file or directory") {
			t.Errorf("%s: code %d, want %q:\n%s", name, code, want, stdout)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 errors", 1: "1 error", 2: "2 errors"} {
		if got := Plural(n, "error"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
	// The check summary uses it: the example pack has exactly one note.
	_, stdout, _ := run(t, "check", "../../testdata/example-pack")
	if !strings.Contains(stdout, ", 1 note\n") {
		t.Errorf("summary does not say \"1 note\":\n%s", stdout)
	}
}

// evidence-reader --help lists the commands as well as the window's options.
func TestTopLevelHelpListsCommands(t *testing.T) {
	for _, flag := range []string{"--help", "-h"} {
		code, stdout, stderr := run(t, flag)
		out := stdout + stderr
		if code != ExitOK {
			t.Errorf("%s: code %d", flag, code)
		}
		for _, want := range []string{"evidence-reader check", "evidence-reader pack DIR", "evidence-reader new DIR", "evidence-reader present", "-watch", "-size"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s does not mention %q:\n%s", flag, want, out)
			}
		}
	}
}

// check --quiet is for scripts: error lines only, no summary or hash,
// and the same exit status as without it.
func TestCheckQuietPrintsOnlyErrors(t *testing.T) {
	code, stdout, _ := run(t, "check", "--quiet", "../../testdata/example-pack")
	if code != ExitOK || stdout != "" {
		t.Fatalf("a pack without errors: code %d, want %d and no output, got:\n%s", code, ExitOK, stdout)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pack.toml"), []byte("id = \"x\"\ntitle = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = run(t, "check", "--quiet", dir)
	if code != ExitError {
		t.Fatalf("code %d, want %d", code, ExitError)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) < 2 {
		t.Fatalf("want the error lines, got:\n%s", stdout)
	}
	for _, l := range lines {
		if !strings.Contains(l, ": error: ") {
			t.Errorf("--quiet printed a line that is not an error: %q", l)
		}
	}
	_, loud, _ := run(t, "check", dir)
	if !strings.Contains(loud, "content hash") && !strings.Contains(loud, "no content hash") {
		t.Errorf("without --quiet the hash line is printed:\n%s", loud)
	}
}
