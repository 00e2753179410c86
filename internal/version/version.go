// Package version holds the application's identity and version, as shown by
// `evidence-reader version` and the About dialog.
//
// FyneApp.toml at the repository root is the single source of these values.
// They are copied into version_gen.go by `go generate ./internal/version`
// rather than embedded, because go:embed cannot reach a file outside the
// package directory (no ".." in patterns) and the fyne tools want
// FyneApp.toml at the root. TestGeneratedMatchesFyneAppTOML fails when the
// two disagree, so a version bump without regenerating is caught.
//
// Version and Build are variables, not constants, so that release builds can
// stamp them with -ldflags "-X": CI passes its own build number, and a binary
// built with `fyne package --app-build N` then reports the same N. This
// package must stay free of Fyne so that the command line can use it.
package version

//go:generate go run ./gen -in ../../FyneApp.toml -out version_gen.go

import "fmt"

// String returns the version and build as shown to people, e.g.
// "0.1.0 (build 1)".
func String() string {
	return fmt.Sprintf("%s (build %s)", Version, Build)
}
