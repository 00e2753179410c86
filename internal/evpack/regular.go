package evpack

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// NotRegularError is OpenRegular's refusal of a path that is not a regular
// file.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a pack file", e.Path, pack.FileKind(e.Mode))
}

// OpenRegular opens the regular file at path for reading, following
// symbolic links. It looks before it opens: opening a named pipe blocks
// until something writes to it, and a device may be read for ever, so
// anything but a regular file is refused with a *NotRegularError without
// being opened. The open itself does not wait (openFlags), in case the
// file is replaced by a pipe between the look and the open, and the file
// opened must be the one looked at. Every pack file the app opens goes
// through it (Open, the shelf's copies).
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, st, &NotRegularError{Path: path, Mode: st.Mode()}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	got, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, nil, err
	case !got.Mode().IsRegular():
		f.Close()
		return nil, got, &NotRegularError{Path: path, Mode: got.Mode()}
	case !os.SameFile(st, got):
		f.Close()
		return nil, nil, fmt.Errorf("%s changed while it was being opened", path)
	}
	return f, got, nil
}
