package shelf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/evidence-reader/evidence-reader/internal/evpack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
)

// MaxCopySize is the largest pack file CopyInto copies: the largest
// archive the reader opens.
const MaxCopySize = evpack.MaxArchiveSize

// CopyInto copies the pack file src into the library folder dir (Add to
// library) and returns the copy's path. The copy is written atomically, so
// an interrupted copy leaves no half file. A file of the same name already
// there is reused when it holds the same bytes, and otherwise kept: the
// copy gets the next free name (stretching-2.evpack).
func CopyInto(dir, src string) (string, error) {
	data, err := readCapped(src)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot create the library folder %s: %w", dir, err)
	}
	base := filepath.Base(src)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for n := 1; n < 1000; n++ {
		name := base
		if n > 1 {
			name = stem + "-" + strconv.Itoa(n) + ext
		}
		dst := filepath.Join(dir, name)
		same, err := holds(dst, data)
		switch {
		case err == nil && same:
			return dst, nil
		case err == nil, !errors.Is(err, fs.ErrNotExist):
			continue // taken, or not a file to replace (a pipe, a folder)
		}
		err = settings.WriteFile(dst, "the copy "+name, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		})
		if err != nil {
			return "", err
		}
		return dst, nil
	}
	return "", fmt.Errorf("the library folder %s already holds 999 packs named %s", dir, base)
}

// holds reports whether the file at path holds data. It reads no more
// than data's length and a byte, and opens nothing but a regular file.
func holds(path string, data []byte) (bool, error) {
	f, st, err := evpack.OpenRegular(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if st.Size() != int64(len(data)) {
		return false, nil
	}
	old, err := io.ReadAll(io.LimitReader(f, int64(len(data))+1))
	return err == nil && bytes.Equal(old, data), err
}

// readCapped reads a pack file of at most MaxCopySize bytes. It opens
// nothing but a regular file: a named pipe would block the open.
func readCapped(path string) ([]byte, error) {
	f, _, err := evpack.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("cannot copy the pack: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxCopySize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot copy the pack: %w", err)
	}
	if len(data) > MaxCopySize {
		return nil, fmt.Errorf("cannot copy %s: it is larger than %d MiB, the largest pack file the reader opens", path, MaxCopySize>>20)
	}
	return data, nil
}
