package pack

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// placeholders begin the sentences `evidence-reader new` writes where the
// author's own words go (internal/scaffold/templates).
var placeholders = [][]byte{[]byte("Replace with "), []byte("Replace this ")}

// placeholderFiles is the order the notes come in.
var placeholderFiles = []string{FilePack, FileArticle, FileStudies, FileReferences, FileLimitations, FileGuidance, FileSlides, FileChangelog}

// notePlaceholders notes each file that still holds the scaffold's
// placeholder sentences, at the first one, with how many there are: a
// note, not a warning, since a new pack checks clean (docs/pack-format.md).
func (l *loader) notePlaceholders() {
	for _, file := range placeholderFiles {
		src, ok := l.sources[file]
		// Only a file that decoded: a refused one has its own error.
		if !ok || !(l.decoded[file] || file == FileReferences && l.refsOK) {
			continue
		}
		first, n := -1, 0
		for _, p := range placeholders {
			for at := 0; ; {
				i := bytes.Index(src[at:], p)
				if i < 0 {
					break
				}
				if first < 0 || at+i < first {
					first = at + i
				}
				n++
				at += i + len(p)
			}
		}
		if n == 0 {
			continue
		}
		line := 1 + bytes.Count(src[:first], []byte("\n"))
		col := 1 + utf8.RuneCount(src[bytes.LastIndexByte(src[:first], '\n')+1:first])
		end := bytes.IndexAny(src[first:], "\"\r\n")
		if end < 0 {
			end = len(src) - first
		}
		quote := []rune(string(src[first : first+end]))
		if len(quote) > 60 {
			quote = append(quote[:59], '…')
		}
		more := ""
		if n > 1 {
			more = fmt.Sprintf(" (%d more in this file)", n-1)
		}
		l.add(file, line, col, Note, "placeholder from `evidence-reader new` not yet replaced: %q%s; write the pack's own words in its place", string(quote), more)
	}
}
