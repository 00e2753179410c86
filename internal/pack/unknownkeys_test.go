package pack

import (
	"bytes"
	"strings"
	"testing"
)

// The same unknown key in two [[study]] tables is reported twice, each
// at its own line, not both at the first.
func TestUnknownKeyInEachStudyAtItsLine(t *testing.T) {
	m := minimalFS(t)
	lines := bytes.Count(m[FileStudies].Data, []byte("\n"))
	m[FileStudies].Data = append(m[FileStudies].Data, []byte("\n[[study]]\nid = \"x\"\nlable = \"X\"\n\n[[study]]\nid = \"y\"\nlable = \"Y\"\n")...)
	_, ds := Load(m, "minimal", Options{Now: testNow})
	var got []int
	for _, d := range ds {
		if d.File == FileStudies && strings.Contains(d.Message, `unknown key "study.lable"`) {
			got = append(got, d.Line)
		}
	}
	if len(got) != 2 || got[0] != lines+4 || got[1] != lines+8 {
		t.Errorf("unknown key reported at lines %v, want [%d %d]:\n%s", got, lines+4, lines+8, dump(ds))
	}
}
