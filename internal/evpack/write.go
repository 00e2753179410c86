package evpack

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// The fixed parts of every entry Encode writes, so that the same files
// give the same bytes on any machine, at any time, under any umask.
var (
	// entryTime is the earliest time a zip entry can hold (the MS-DOS
	// epoch), the usual choice for reproducible archives.
	entryTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	// entryMode is rw-r--r--.
	entryMode fs.FileMode = 0o644
	// entryLevel is the deflate level. The compressed bytes are those of
	// the Go release that built evidence-reader: the same build always
	// gives the same archive.
	entryLevel = flate.BestCompression
)

// Order returns the order Encode writes names in: pack.toml first, then
// the rest sorted by name. pack.toml first puts its name at byte 30 of
// the file, which lets file managers tell a pack from any other zip by
// its first bytes (packaging/linux's shared-mime-info magic), as EPUB's
// first entry does.
func Order(names []string) []string {
	out := slices.Clone(names)
	slices.SortFunc(out, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == pack.FilePack:
			return -1
		case b == pack.FilePack:
			return 1
		case a < b:
			return -1
		}
		return 1
	})
	return out
}

// Encode writes files (pack file name → contents) to w as a zip archive:
// entries in Order, each deflated at a fixed level with a fixed time and
// mode. Only pack files within their caps are accepted, so Open accepts
// what Encode writes.
func Encode(w io.Writer, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n, data := range files {
		limit, ok := pack.SizeCaps[n]
		if !ok {
			return fmt.Errorf("%s is not a pack file (a pack holds %s)", quote(n), packFileList())
		}
		if int64(len(data)) > limit {
			return fmt.Errorf("%s is %s, over the %s cap for %s", n, pack.HumanSize(int64(len(data))), pack.HumanSize(limit), n)
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return errors.New("no pack files to write")
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, entryLevel)
	})
	for _, n := range Order(names) {
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: entryTime}
		h.SetMode(entryMode)
		ew, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := ew.Write(files[n]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// WriteFiles writes files as an archive at out (see Encode). It writes a
// temporary file next to out, syncs it and renames it over out, so out is
// either the old file or the complete new one, never half of one, and a
// failed write leaves nothing behind.
func WriteFiles(out string, files map[string][]byte) (err error) {
	fail := func(err error) error { return fmt.Errorf("cannot write %s: %w", out, err) }
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fail(errors.New("it is a folder"))
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return fail(unwrapPath(err))
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err := Encode(bw, files); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(entryMode); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fail(unwrapPath(err))
	}
	done = true
	syncDir(filepath.Dir(out))
	return nil
}

// syncDir makes a rename durable. Not every system can sync a folder
// (Windows cannot open one for it), so failures are ignored: the file
// itself is already synced.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Write packs the pack files in folder dir into the archive out (see
// WriteFiles). Other files in dir are left out. A pack file that is a
// symbolic link or not a regular file, or over its cap, is refused. Write
// does not validate the pack: evidence-reader pack loads and checks the
// folder first and writes the very bytes it checked with WriteFiles.
func Write(dir, out string) error {
	files, err := ReadFolder(dir)
	if err != nil {
		return err
	}
	return WriteFiles(out, files)
}

// ReadFolder reads the pack files in folder dir, as Write packs them.
func ReadFolder(dir string) (map[string][]byte, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open pack folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	files := map[string][]byte{}
	for _, n := range Order(packFiles()) {
		p := filepath.Join(dir, n)
		st, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, err
		case st.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%s is a symbolic link; a pack holds only regular files", p)
		case !st.Mode().IsRegular():
			return nil, fmt.Errorf("%s is not a regular file", p)
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		limit := pack.SizeCaps[n]
		data, err := io.ReadAll(io.LimitReader(f, limit+1))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, err)
		}
		if int64(len(data)) > limit {
			return nil, fmt.Errorf("%s is larger than the %s cap for %s", p, pack.HumanSize(limit), n)
		}
		files[n] = data
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no pack files (%s)", dir, packFileList())
	}
	return files, nil
}

// packFiles lists the pack's file names: those with a size cap.
func packFiles() []string {
	var names []string
	for n := range pack.SizeCaps {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func packFileList() string {
	var b bytes.Buffer
	for i, n := range Order(packFiles()) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
	}
	return b.String()
}
