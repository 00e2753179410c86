package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
)

// Keystroke figures are taken in a test process of ui/reader (they need
// Fyne to build result rows): erbench runs its BenchmarkKeystrokes with
// these variables and reads the JSON it writes.
const (
	// EnvKeystrokes names the JSON file for the results; without it the
	// benchmark is a quick smoke test.
	EnvKeystrokes = "EVIDENCE_READER_BENCH_KEYSTROKES"
	// EnvKeystrokesRounds is how many times the queries are typed.
	EnvKeystrokesRounds = "EVIDENCE_READER_BENCH_KEYSTROKES_ROUNDS"
	// EnvKeystrokesRefs and EnvKeystrokesStudies size the generated pack.
	EnvKeystrokesRefs    = "EVIDENCE_READER_BENCH_KEYSTROKES_REFS"
	EnvKeystrokesStudies = "EVIDENCE_READER_BENCH_KEYSTROKES_STUDIES"
)

// Stage is one part of a keystroke's work. Match finds what matches (it
// returns how many matches there are, to show the queries fit the pack);
// Rows puts them on screen. Start runs, untimed, before each query is typed.
type Stage struct {
	Start func()
	Match func(q string) int
	Rows  func()
}

// KeystrokeLatency is one surface's per-keystroke latency, split into
// matching and building result rows, with the floor over the same texts.
type KeystrokeLatency struct {
	// Surface says what was typed into ("search everywhere", "references filter").
	Surface string `json:"surface"`
	// Entries is how many texts are searched; Keystrokes how many were typed.
	Entries    int `json:"entries"`
	Keystrokes int `json:"keystrokes"`
	// P50 and P95 are of each keystroke's whole work (match and rows).
	P50 time.Duration `json:"p50"`
	P95 time.Duration `json:"p95"`
	// MatchP95 and RowsP95 are of each part alone.
	MatchP95 time.Duration `json:"match_p95"`
	RowsP95  time.Duration `json:"rows_p95"`
	// MatchTotal and RowsTotal sum every keystroke's parts, for the share
	// of time each takes.
	MatchTotal time.Duration `json:"match_total"`
	RowsTotal  time.Duration `json:"rows_total"`
	// MatchCPU and RowsCPU are the same sums in CPU time of the typing
	// goroutine's thread: unlike wall time they hardly move with other load,
	// but they miss work on other goroutines (matching splits large scans
	// over GOMAXPROCS goroutines, so run with GOMAXPROCS=1 to count it all).
	MatchCPU time.Duration `json:"match_cpu"`
	RowsCPU  time.Duration `json:"rows_cpu"`
	// FloorP50 and FloorP95 are of strings.Contains over every lower-cased
	// text, timed right after each keystroke so both see the same load.
	FloorP50 time.Duration `json:"floor_p50"`
	FloorP95 time.Duration `json:"floor_p95"`
	// Hits and FloorHits count matches; both are non-zero when the queries
	// fit the pack, and FloorHits keeps the scan from being optimised away.
	Hits      int `json:"hits"`
	FloorHits int `json:"floor_hits"`
}

// MatchShare is the fraction of the total time spent matching.
func (k KeystrokeLatency) MatchShare() float64 {
	t := k.MatchTotal + k.RowsTotal
	if t == 0 {
		return 0
	}
	return float64(k.MatchTotal) / float64(t)
}

// MeasureKeystrokes types every query letter by letter, rounds times,
// through st, and times the floor over floorTexts (already lower-cased)
// after each keystroke.
func MeasureKeystrokes(surface string, rounds int, floorTexts []string, st Stage) KeystrokeLatency {
	res := KeystrokeLatency{Surface: surface, Entries: len(floorTexts)}
	var all, match, rows, floor []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for range rounds {
		for _, q := range Queries {
			if st.Start != nil {
				st.Start()
			}
			for _, k := range Keystrokes(q) {
				c0, t0 := threadCPU(), time.Now()
				res.Hits += st.Match(k)
				c1, t1 := threadCPU(), time.Now()
				st.Rows()
				c2, t2 := threadCPU(), time.Now()
				res.MatchCPU += c1 - c0
				res.RowsCPU += c2 - c1
				m, r := t1.Sub(t0), t2.Sub(t1)
				match, rows, all = append(match, m), append(rows, r), append(all, m+r)
				res.MatchTotal += m
				res.RowsTotal += r

				d, n := floorScan(floorTexts, k)
				floor = append(floor, d)
				res.FloorHits += n
			}
		}
	}
	res.Keystrokes = len(all)
	res.P50, res.P95 = Pct(all, 50), Pct(all, 95)
	res.MatchP95, res.RowsP95 = Pct(match, 95), Pct(rows, 95)
	res.FloorP50, res.FloorP95 = Pct(floor, 50), Pct(floor, 95)
	return res
}

// SearchFloorTexts are the texts search everywhere looks through, each
// entry's title and text, lower-cased.
func SearchFloorTexts(ix *search.Index) []string {
	out := make([]string, len(ix.Entries))
	for i, e := range ix.Entries {
		out[i] = strings.ToLower(e.Title + "\n" + e.Text)
	}
	return out
}

// ReferenceFloorTexts are the texts the references filter looks through:
// each reference's displayed line, id, authors, journal, DOI and PMID,
// lower-cased.
func ReferenceFloorTexts(refs []pack.Reference) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		parts := []string{search.RefLine(r), r.ID}
		for _, n := range r.Author {
			parts = append(parts, n.NonDroppingPart, n.Family, n.Literal)
		}
		parts = append(parts, r.ContainerTitle, r.DOI, r.PMID)
		out[i] = strings.ToLower(strings.Join(parts, " "))
	}
	return out
}

// KeystrokeRun is what BenchmarkKeystrokes writes: each pack's surfaces.
type KeystrokeRun struct {
	// Packs maps a name ("bundled", "generated") to its surfaces.
	Packs map[string][]KeystrokeLatency `json:"packs"`
	// References and Studies are the generated pack's size.
	References int `json:"references"`
	Studies    int `json:"studies"`
	Rounds     int `json:"rounds"`
}

// WriteKeystrokeRun writes r as JSON to path.
func WriteKeystrokeRun(path string, r KeystrokeRun) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// ReadKeystrokeRun reads what WriteKeystrokeRun wrote.
func ReadKeystrokeRun(path string) (KeystrokeRun, error) {
	var r KeystrokeRun
	b, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("bench: %s: %w", path, err)
	}
	return r, nil
}
