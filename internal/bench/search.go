package bench

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/search"
)

// Queries are typed letter by letter in the search figures: a topic, two
// author names (one with an umlaut), a measurement method, a mechanism,
// a guidance theme, a design and a method phrase.
var Queries = []string{"spot reduction", "stallknecht", "dexa", "lipolysis", "body dysmorphia", "meta-analysis", "löberbauer", "diet control"}

// Keystrokes lists every prefix of q a user would see while typing it.
func Keystrokes(q string) []string {
	var out []string
	for i := 1; i <= len(q); i++ {
		if utf8.ValidString(q[:i]) {
			out = append(out, q[:i])
		}
	}
	return out
}

// SearchLatency is the per-keystroke latency of search everywhere and of
// the floor over the same texts.
type SearchLatency struct {
	P50, P95, FloorP50, FloorP95 time.Duration
	Keystrokes, Entries, Hits    int
	// FloorHits counts the floor's matches; it keeps the scan from being
	// optimised away and shows both searched the same texts.
	FloorHits int
}

// MeasureSearch types every query letter by letter, rounds times. Each
// query starts a fresh Searcher, as a new search does in the app, so later
// keystrokes may narrow from earlier ones exactly as in the UI. The floor,
// timed right after each keystroke so both see the same machine load, is
// strings.Contains over every entry's lower-cased title and text.
func MeasureSearch(p *pack.Pack, rounds int) SearchLatency {
	ix := search.NewIndex(p)
	lowered := make([]string, len(ix.Entries))
	for i, e := range ix.Entries {
		lowered[i] = strings.ToLower(e.Title + "\n" + e.Text)
	}
	var lat, floor []time.Duration
	var gen uint64
	res := SearchLatency{Entries: len(ix.Entries)}
	for range rounds {
		for _, q := range Queries {
			s := search.NewSearcher(ix)
			for _, k := range Keystrokes(q) {
				gen++
				t0 := time.Now()
				r := s.Search(gen, k)
				lat = append(lat, time.Since(t0))
				res.Hits += r.Count()

				d, n := floorScan(lowered, k)
				floor = append(floor, d)
				res.FloorHits += n
			}
		}
	}
	res.Keystrokes = len(lat)
	res.P50, res.P95 = Pct(lat, 50), Pct(lat, 95)
	res.FloorP50, res.FloorP95 = Pct(floor, 50), Pct(floor, 95)
	return res
}

// floorScan is the floor a keystroke is measured against: strings.Contains
// of the lower-cased keystroke over texts already lower-cased. It returns
// how long that took and how many texts matched.
func floorScan(texts []string, k string) (time.Duration, int) {
	t0 := time.Now()
	lk := strings.ToLower(k)
	n := 0
	for _, l := range texts {
		if strings.Contains(l, lk) {
			n++
		}
	}
	return time.Since(t0), n
}
