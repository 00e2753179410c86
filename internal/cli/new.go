package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/scaffold"
)

func runNew(args []string, env Env) int {
	fs := newFlags("new", "evidence-reader new DIR [--title TITLE] [--id ID]\n\nStarts a new evidence pack in folder DIR (which must not exist, or be empty): every file,\none study, one reference, a comment on every field, and JSON Schemas in DIR/schema for\nediting the TOML files. It passes check as it is; edit it from there. docs/writing-a-pack.md\nis a tutorial, docs/pack-format.md describes the format.", env)
	title := fs.String("title", "", "the pack's `TITLE` (default: made from the id)")
	id := fs.String("id", "", "the pack's `ID`: lowercase letters, digits, '.', '_' and '-' (default: made from DIR's name)")
	// Flags may come before or after DIR: "new DIR --title T" reads naturally.
	var dirs []string
	for {
		if code, ok := parse(fs, args, env); !ok {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		dirs = append(dirs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(dirs) != 1 {
		if len(dirs) == 0 {
			fmt.Fprintln(env.Stderr, "evidence-reader new: give the folder to create, e.g. evidence-reader new my-pack")
		} else {
			fmt.Fprintf(env.Stderr, "evidence-reader new: one folder at a time, not %s\n", strings.Join(dirs, " and "))
		}
		fs.Usage()
		return ExitUsage
	}
	dir := dirs[0]
	o := scaffold.Options{Title: *title, ID: *id, Now: env.Now()}
	if err := scaffold.CheckOptions(o); err != nil {
		fmt.Fprintf(env.Stderr, "evidence-reader new: %v\n", err)
		return ExitUsage
	}
	if err := scaffold.Write(dir, o); err != nil {
		if errors.Is(err, scaffold.ErrNotEmpty) {
			fmt.Fprintf(env.Stderr, "evidence-reader new: %v\n", err)
		} else {
			fmt.Fprintf(env.Stderr, "evidence-reader new: cannot create %s: %v\n", dir, err)
		}
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "Created a new evidence pack in %s:\n  %s\n  schema/: JSON Schemas, so that a TOML editor completes and checks pack.toml and studies.toml\n\nNext:\n  evidence-reader check %s     check it as you write\n  evidence-reader --pack %s    read it in the app; it reloads after every save\n\nEvery field is described in its file's comments and in docs/pack-format.md;\ndocs/writing-a-pack.md walks through writing a pack.\n",
		dir, strings.Join(scaffold.Files, ", "), shellQuote(dir), shellQuote(dir))
	return ExitOK
}

// shellQuote quotes a path for copying into a POSIX shell when it needs it.
func shellQuote(p string) string {
	if p != "" && strings.IndexFunc(p, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(`/\._-+:@~`, r))
	}) < 0 {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}
