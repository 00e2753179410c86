// Command gen reads FyneApp.toml and either writes the Go source of package
// version (-out) or prints the metadata as shell assignments (-print) for
// the release scripts.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/evidence-reader/evidence-reader/internal/fyneapp"
)

func main() {
	in := flag.String("in", "FyneApp.toml", "path of FyneApp.toml")
	out := flag.String("out", "", "write the Go source of package version to this file")
	print := flag.Bool("print", false, "print APP_ID, APP_NAME, APP_VERSION, APP_BUILD and APP_ICON as shell assignments")
	flag.Parse()
	if err := run(*in, *out, *print); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string, print bool) error {
	if (out == "") == !print {
		return errors.New("give exactly one of -out FILE or -print")
	}
	m, err := fyneapp.Load(in)
	if err != nil {
		return err
	}
	if print {
		_, err = fmt.Print(fyneapp.Shell(m))
		return err
	}
	src, err := fyneapp.Source(m)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
