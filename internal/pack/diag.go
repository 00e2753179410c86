package pack

import (
	"fmt"
	"sort"
)

// Severity of a Diagnostic.
type Severity int

// Severities, most serious first. Only errors make a pack unusable.
const (
	Error Severity = iota
	Warning
	Note
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "note"
	}
}

// Diagnostic is one problem found while loading a pack.
type Diagnostic struct {
	// File is the file name inside the pack, e.g. "studies.toml".
	File     string
	Line     int
	Col      int
	Severity Severity
	Message  string
}

// String formats the diagnostic as "file:line:col: severity: message".
func (d Diagnostic) String() string {
	line, col := d.Line, d.Col
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.File, line, col, d.Severity, d.Message)
}

// Diagnostics is a list of diagnostics.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns how many diagnostics have the given severity.
func (ds Diagnostics) Count(s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// fileOrder lists files in the order a reader meets them, for stable output.
var fileOrder = map[string]int{
	FilePack: 0, FileArticle: 1, FileStudies: 2, FileReferences: 3,
	FileLimitations: 4, FileGuidance: 5, FileSlides: 6, FileChangelog: 7,
}

// Sort orders diagnostics by file, line and column.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			oa, okA := fileOrder[a.File]
			ob, okB := fileOrder[b.File]
			if okA && okB {
				return oa < ob
			}
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
