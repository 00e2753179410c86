package bench

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Section markers in docs/performance.md. Text between a pair is
// generated; everything else in the file is written by hand.
const (
	BenchBegin = "<!-- bench:begin -->"
	BenchEnd   = "<!-- bench:end -->"
	FuzzBegin  = "<!-- fuzz:begin -->"
	FuzzEnd    = "<!-- fuzz:end -->"
)

// ReplaceSection puts body between begin and end in the file at path,
// appending the markers when the file lacks them.
func ReplaceSection(path, begin, end, body string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	s := string(old)
	block := begin + "\n" + strings.TrimRight(body, "\n") + "\n" + end
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i >= 0 && j > i {
		s = s[:i] + block + s[j+len(end):]
	} else {
		if s != "" && !strings.HasSuffix(s, "\n") {
			s += "\n"
		}
		s += "\n" + block + "\n"
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// FuzzTable renders the run log written by mk/fuzz.sh (tab-separated:
// start, package, target, elapsed, execs, result) as a Markdown table.
func FuzzTable(logPath string) (string, error) {
	f, err := os.Open(logPath)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	b.WriteString("| Started (UTC) | Package | Target | Duration | Execs | Result |\n|---|---|---|---|---|---|\n")
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 6 {
			continue
		}
		fmt.Fprintf(&b, "| %s | `%s` | `%s` | %s | %s | %s |\n", c[0], c[1], c[2], c[3], c[4], c[5])
		n++
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	if n == 0 {
		return "", fmt.Errorf("bench: %s has no runs", logPath)
	}
	return b.String(), nil
}
