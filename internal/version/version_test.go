package version

import (
	"bytes"
	"os"
	"testing"

	"github.com/evidence-reader/evidence-reader/internal/fyneapp"
)

// TestGeneratedMatchesFyneAppTOML fails when FyneApp.toml was edited (say, a
// version bump) without running `go generate ./internal/version`.
func TestGeneratedMatchesFyneAppTOML(t *testing.T) {
	m, err := fyneapp.Load("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := fyneapp.Source(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("version_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("version_gen.go is stale: run `go generate ./internal/version`\nwant:\n%s", want)
	}
	if Version != m.Details.Version || ID != m.Details.ID || Name != m.Details.Name {
		t.Fatalf("compiled-in %s %s %s differs from FyneApp.toml %s %s %s",
			ID, Name, Version, m.Details.ID, m.Details.Name, m.Details.Version)
	}
}

func TestString(t *testing.T) {
	old, oldBuild := Version, Build
	t.Cleanup(func() { Version, Build = old, oldBuild })
	Version, Build = "1.2.3", "42"
	if got, want := String(), "1.2.3 (build 42)"; got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
}
