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
		old, err := os.ReadFile(dst)
		switch {
		case err == nil && bytes.Equal(old, data):
			return dst, nil
		case err == nil, !errors.Is(err, fs.ErrNotExist):
			continue
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

// readCapped reads a pack file of at most MaxCopySize bytes.
func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
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
