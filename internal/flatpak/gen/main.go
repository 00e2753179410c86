// Command gen writes packaging/flatpak/go-modules.json, the Go modules the
// Flatpak build needs as offline flatpak-builder sources (package flatpak
// says how), or with -check says whether the committed file is still right.
//
//	go run ./internal/flatpak/gen            # after changing go.mod
//	go run ./internal/flatpak/gen -check     # exit 1 if the file is stale
//
// Files missing from the module cache are first fetched through the usual
// module proxy (and checked against go.sum) unless -download=false.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/flatpak"
)

func main() {
	dir := flag.String("dir", ".", "the main module's folder")
	out := flag.String("o", "packaging/flatpak/go-modules.json", "the sources file, relative to -dir")
	check := flag.Bool("check", false, "only check that the sources file is up to date")
	download := flag.Bool("download", true, "fetch module files missing from the module cache")
	tags := flag.String("tags", "", "build tags (default: mk/build-tags plus flatpak)")
	pkgs := flag.String("pkg", "./cmd/evidence-reader", "main packages built, comma-separated")
	arches := flag.String("arch", "amd64,arm64", "GOARCH values built, comma-separated")
	flag.Parse()
	if err := run(*dir, *out, *check, *download, *tags, *pkgs, *arches); err != nil {
		fmt.Fprintln(os.Stderr, "flatpak/gen:", err)
		os.Exit(1)
	}
}

func run(dir, out string, check, download bool, tags, pkgs, arches string) error {
	if tags == "" {
		b, err := os.ReadFile(filepath.Join(dir, "mk", "build-tags"))
		if err != nil {
			return err
		}
		tags = strings.TrimSpace(string(b)) + ",flatpak"
	}
	o := flatpak.Options{Dir: dir, Packages: strings.Split(pkgs, ","), Tags: tags, Arches: strings.Split(arches, ",")}
	sumData, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil {
		return err
	}
	sum, err := flatpak.ParseGoSum("go.sum", sumData)
	if err != nil {
		return err
	}
	if download {
		if err := flatpak.Prefetch(o); err != nil {
			return err
		}
	}
	files, err := flatpak.Needed(o)
	if err != nil {
		return err
	}
	modcache, err := o.Env("GOMODCACHE")
	if err != nil {
		return err
	}
	c := flatpak.Cache{Dir: modcache}
	srcs, err := flatpak.Sources(c, sum, files)
	if err != nil {
		return err
	}
	data, err := flatpak.Marshal(srcs)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, out)
	if !check {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d sources for %d module files\n", out, len(srcs), len(files))
		return nil
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(old, data) {
		return errors.New(out + " is out of date with go.mod/go.sum: run go run ./internal/flatpak/gen")
	}
	fmt.Printf("%s: up to date (%d sources)\n", out, len(srcs))
	return nil
}
