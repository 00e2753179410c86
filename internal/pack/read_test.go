package pack

import (
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadAtMost(t *testing.T) {
	text := strings.Repeat("evidence ", 1000) // 9000 bytes
	for _, c := range []struct {
		name        string
		hint, limit int64
		want        int
	}{
		{"exact hint", 9000, 10001, 9000},
		{"no hint", 0, 10001, 9000},
		{"hint too small", 100, 10001, 9000},
		{"hint too large", 50000, 10001, 9000},
		{"over the limit", 9000, 4001, 4001}, // one byte past a 4000-byte cap
	} {
		got, err := readAtMost(strings.NewReader(text), c.hint, c.limit)
		if err != nil || string(got) != text[:c.want] {
			t.Errorf("%s: %d bytes, %v; want the first %d", c.name, len(got), err, c.want)
		}
		// Short reads, as from a pipe.
		got, err = readAtMost(iotest.OneByteReader(strings.NewReader(text)), c.hint, c.limit)
		if err != nil || string(got) != text[:c.want] {
			t.Errorf("%s, one byte a read: %d bytes, %v; want the first %d", c.name, len(got), err, c.want)
		}
	}
	if _, err := readAtMost(iotest.ErrReader(iotest.ErrTimeout), 10, 100); err != iotest.ErrTimeout {
		t.Errorf("a read error was %v, want it passed on", err)
	}
}
