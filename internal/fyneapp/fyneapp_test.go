package fyneapp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const good = `[Details]
Icon = "icons/icon-512.png"
Name = "Evidence Reader"
ID = "io.github.evidence_reader.EvidenceReader"
Version = "0.1.0"
Build = 3
`

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "FyneApp.toml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadGood(t *testing.T) {
	m, err := Load(write(t, good))
	if err != nil {
		t.Fatal(err)
	}
	if m.Details.Build != 3 || m.Details.Version != "0.1.0" {
		t.Fatalf("got %+v", m.Details)
	}
	sh := Shell(m)
	for _, want := range []string{"APP_ID='io.github.evidence_reader.EvidenceReader'\n", "APP_NAME='Evidence Reader'\n", "APP_BUILD=3\n"} {
		if !strings.Contains(sh, want) {
			t.Errorf("Shell() lacks %q:\n%s", want, sh)
		}
	}
	src, err := Source(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), `var Build = "3"`) {
		t.Errorf("Source() lacks the build:\n%s", src)
	}
}

func TestLoadErrorsNameFileAndProblem(t *testing.T) {
	cases := map[string]struct{ body, want string }{
		"syntax":     {good + "Oops = \n", ":7:"},
		"hyphen id":  {strings.Replace(good, "evidence_reader", "evidence-reader", 1), "Details.ID"},
		"short id":   {strings.Replace(good, "io.github.evidence_reader.EvidenceReader", "reader", 1), "Details.ID"},
		"version":    {strings.Replace(good, `"0.1.0"`, `"v0.1"`, 1), "Details.Version"},
		"build":      {strings.Replace(good, "Build = 3", "Build = 0", 1), "Details.Build"},
		"no version": {strings.Replace(good, `Version = "0.1.0"`, "", 1), "missing Details.Version"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := write(t, c.body)
			_, err := Load(p)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q should name %s and %q", err, p, c.want)
			}
		})
	}
}

func TestShellQuotes(t *testing.T) {
	m := &Meta{}
	m.Details.Name = "It's"
	if got := Shell(m); !strings.Contains(got, `APP_NAME='It'\''s'`) {
		t.Fatalf("bad quoting: %s", got)
	}
}
