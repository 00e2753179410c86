package evpack

import (
	"bytes"
	"io"
	"io/fs"
	"slices"
	"time"
)

// The Archive is a flat, read-only file system: "." and the pack files.

var (
	_ fs.ReadFileFS = (*Archive)(nil)
	_ fs.ReadDirFS  = (*Archive)(nil)
	_ fs.StatFS     = (*Archive)(nil)
)

// Open opens a pack file ("article.md") or the root (".").
func (a *Archive) Open(name string) (fs.File, error) {
	if name == "." {
		entries, _ := a.ReadDir(".")
		return &dirFile{info: a.info("."), entries: entries}, nil
	}
	data, ok := a.lookup(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &file{info: a.info(name), r: bytes.NewReader(data)}, nil
}

// ReadFile returns a copy of a pack file's contents.
func (a *Archive) ReadFile(name string) ([]byte, error) {
	data, ok := a.lookup(name)
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(data), nil
}

// ReadDir lists the root, sorted by name.
func (a *Archive) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		if _, ok := a.lookup(name); ok {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	var out []fs.DirEntry
	for _, n := range a.Files() {
		out = append(out, fs.FileInfoToDirEntry(a.info(n)))
	}
	return out, nil
}

// Stat describes a pack file or the root.
func (a *Archive) Stat(name string) (fs.FileInfo, error) {
	if name == "." {
		return a.info("."), nil
	}
	if _, ok := a.lookup(name); !ok {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return a.info(name), nil
}

func (a *Archive) lookup(name string) ([]byte, bool) {
	if !fs.ValidPath(name) {
		return nil, false
	}
	data, ok := a.files[name]
	return data, ok
}

func (a *Archive) info(name string) info {
	if name == "." {
		return info{name: ".", mode: fs.ModeDir | 0o555}
	}
	return info{name: name, size: int64(len(a.files[name])), mode: 0o444}
}

type info struct {
	name string
	size int64
	mode fs.FileMode
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) Mode() fs.FileMode  { return i.mode }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.mode.IsDir() }
func (i info) Sys() any           { return nil }

type file struct {
	info info
	r    *bytes.Reader
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *file) Close() error               { return nil }

// Seek and ReadAt let callers that want them (http.FS, io.SectionReader) use them.
func (f *file) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *file) ReadAt(b []byte, off int64) (int, error)   { return f.r.ReadAt(b, off) }

type dirFile struct {
	info    info
	entries []fs.DirEntry
	off     int
}

// ReadDir follows fs.ReadDirFile: n <= 0 returns the rest, n > 0 at most n
// entries and io.EOF at the end.
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.off += len(rest)
	return rest, nil
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: fs.ErrInvalid}
}
func (d *dirFile) Close() error { return nil }

var (
	_ io.ReaderAt    = (*file)(nil)
	_ fs.ReadDirFile = (*dirFile)(nil)
)
