package evpack

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io/fs"
	"sync"
	"testing"
)

const examplePack = "../../testdata/example-pack"

// ent is one entry of a hand-made test archive.
type ent struct {
	name string
	data string
	// mode, when set, is stored as the entry's Unix mode.
	mode fs.FileMode
	// raw entries are written with CreateRaw: data is stored as is, with
	// method, flags and the claimed size below.
	raw     bool
	method  uint16
	flags   uint16
	claimed uint64
}

// zipOf builds an archive with archive/zip, entry by entry as given
// (duplicates, odd names and all).
func zipOf(t testing.TB, ents ...ent) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range ents {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		if e.raw {
			h.Method, h.Flags = e.method, e.flags
			h.CRC32 = crc32.ChecksumIEEE([]byte(e.data))
			h.CompressedSize64 = uint64(len(e.data))
			h.UncompressedSize64 = e.claimed
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(e.data))
			continue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// exampleFiles reads the example pack's files.
func exampleFiles(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := ReadFolder(examplePack)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// exampleEnts is the example pack as entries, each name prefixed.
func exampleEnts(t testing.TB, prefix string) []ent {
	var out []ent
	files := exampleFiles(t)
	for _, n := range Order(packFiles()) {
		if d, ok := files[n]; ok {
			out = append(out, ent{name: prefix + n, data: string(d)})
		}
	}
	return out
}

func encoded(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, files); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// countingReader counts the bytes read from an archive.
type countingReader struct {
	r *bytes.Reader
	n int64
}

func (c *countingReader) ReadAt(b []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(b, off)
	c.n += int64(n)
	return n, err
}

// bitWriter packs deflate bits: values LSB first, Huffman codes MSB first.
type bitWriter struct {
	out  []byte
	acc  uint64
	bits uint
}

func (w *bitWriter) value(v uint64, n uint) {
	w.acc |= v << w.bits
	w.bits += n
	for w.bits >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.bits -= 8
	}
}

func (w *bitWriter) code(c uint64, n uint) {
	var r uint64
	for i := uint(0); i < n; i++ {
		r = r<<1 | (c>>i)&1
	}
	w.value(r, n)
}

func (w *bitWriter) bytes() []byte {
	if w.bits > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	return w.out
}

// deflateZeros returns a raw deflate stream that expands to n zero bytes,
// n = 1 + 258k, built directly (one literal, then back-references of 258
// bytes at distance 1 in a fixed-Huffman block): a gigabyte costs a few
// megabytes and no compression time.
func deflateZeros(copies int) (stream []byte, n int64) {
	w := &bitWriter{}
	w.value(1, 1)   // BFINAL
	w.value(1, 2)   // BTYPE 01: fixed Huffman codes
	w.code(0x30, 8) // literal 0
	for range copies {
		w.code(0xc5, 8) // length code 285: 258 bytes
		w.code(0, 5)    // distance code 0: distance 1
	}
	w.code(0, 7) // end of block
	return w.bytes(), 1 + 258*int64(copies)
}

// zerosCRC is the CRC-32 of n zero bytes.
func zerosCRC(n int64) uint32 {
	z := make([]byte, 1<<20)
	var c uint32
	for n > 0 {
		k := min(n, int64(len(z)))
		c = crc32.Update(c, crc32.IEEETable, z[:k])
		n -= k
	}
	return c
}

type zeros struct {
	stream []byte
	n      int64
	crc    uint32
}

var (
	zerosMu    sync.Mutex
	zerosCache = map[int]zeros{}
)

// zerosOf builds deflateZeros(copies) and its CRC once per test binary:
// three tests share the 1 GiB one.
func zerosOf(copies int) zeros {
	zerosMu.Lock()
	defer zerosMu.Unlock()
	if z, ok := zerosCache[copies]; ok {
		return z
	}
	stream, n := deflateZeros(copies)
	z := zeros{stream, n, zerosCRC(n)}
	zerosCache[copies] = z
	return z
}

// bomb is an archive whose article.md is a deflate stream of n zeros (a
// valid zip: right CRC), claiming claimed bytes in its headers.
func bomb(t testing.TB, copies int, claimed func(n int64) uint64) []byte {
	t.Helper()
	z := zerosOf(copies)
	stream, n := z.stream, z.n
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range exampleEnts(t, "") {
		if e.name == "article.md" {
			continue
		}
		w, _ := zw.Create(e.name)
		w.Write([]byte(e.data))
	}
	h := &zip.FileHeader{Name: "article.md", Method: zip.Deflate, CRC32: z.crc,
		CompressedSize64: uint64(len(stream)), UncompressedSize64: claimed(n)}
	w, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(stream)
	zw.Close()
	return buf.Bytes()
}

// endRecord returns the offset of the end-of-central-directory record.
func endRecord(b []byte) int {
	return bytes.LastIndex(b, []byte(endSig))
}

func putU16(b []byte, off int, v uint16) { binary.LittleEndian.PutUint16(b[off:], v) }

func putU32(b []byte, off int, v uint32) { binary.LittleEndian.PutUint32(b[off:], v) }

func uint32le(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

func zipReader(b []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(b), int64(len(b)))
}

// without drops the entry named name.
func without(ents []ent, name string) []ent {
	var out []ent
	for _, e := range ents {
		if e.name != name {
			out = append(out, e)
		}
	}
	return out
}

// shiftOffsets adds n to the offsets an archive's directory records, as
// zip -A does for a self-extractor's stub of n bytes in front of it.
func shiftOffsets(t testing.TB, data []byte, n uint32) {
	t.Helper()
	end := endRecord(data)
	dirOff := binary.LittleEndian.Uint32(data[end+16:])
	binary.LittleEndian.PutUint32(data[end+16:], dirOff+n)
	records := int(binary.LittleEndian.Uint16(data[end+10:]))
	pos := int(dirOff + n)
	for range records {
		if string(data[pos:pos+4]) != "PK\x01\x02" {
			t.Fatalf("no directory record at %d", pos)
		}
		off := binary.LittleEndian.Uint32(data[pos+42:])
		binary.LittleEndian.PutUint32(data[pos+42:], off+n)
		pos += 46 + int(binary.LittleEndian.Uint16(data[pos+28:])) + int(binary.LittleEndian.Uint16(data[pos+30:])) + int(binary.LittleEndian.Uint16(data[pos+32:]))
	}
}
