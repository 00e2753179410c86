// Command evidence-reader is an offline reader for evidence packs.
package main

import (
	"os"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/version"
	"github.com/evidence-reader/evidence-reader/ui"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		GUI:     cli.GUI{Open: ui.Open, Screenshot: ui.Screenshot},
		Version: version.String(),
	}))
}
