package cli

import "io/fs"

// emptyFS is a file system with no files, so a pack that cannot be opened
// still loads into an empty Pack with "missing file" diagnostics.
type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
