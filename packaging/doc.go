// Package packaging holds no code: its tests check that the release metadata
// (FyneApp.toml, the Linux desktop file and AppStream metainfo in linux/, the
// icons) agree, and, when RELEASE_TARBALL names a Linux release tarball
// (make test-release), that the tarball holds exactly what it should.
package packaging
