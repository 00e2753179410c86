package pack

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
)

// hashDomain starts every content hash, so the hash of a pack can never be
// mistaken for the hash of some other encoding of the same bytes.
const hashDomain = "evidence-reader pack content v1\n"

// ContentHash returns a pack's content hash, "sha256:" and 64 lowercase hex
// digits, over the given files (name to bytes, as in Pack.Sources: as
// read, so without the UTF-8 byte order mark Load removes).
//
// The canonical order: the domain line "evidence-reader pack content v1\n",
// then for each file in byte order of its name, the name's length as an
// 8-byte big-endian number, the name, the file's length the same way and
// its bytes. The lengths make the encoding unambiguous, so moving text from
// one file to another changes the hash. Only the bytes count: a folder and
// the .evpack made from it have the same hash, whatever their timestamps.
// docs/pack-format.md documents it.
func ContentHash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	h.Write([]byte(hashDomain))
	var n [8]byte
	for _, name := range names {
		binary.BigEndian.PutUint64(n[:], uint64(len(name)))
		h.Write(n[:])
		h.Write([]byte(name))
		binary.BigEndian.PutUint64(n[:], uint64(len(files[name])))
		h.Write(n[:])
		h.Write(files[name])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
