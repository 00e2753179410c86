// Package bench measures Evidence Reader against floors taken in the same
// run: search latency against a plain substring scan, pack loading against
// goldmark's own parse, and (through the GUI runner) start-up, frames,
// memory and binary size against a minimal Fyne program. `make bench`
// drives it through internal/bench/erbench and writes docs/performance.md.
//
// The package is Fyne-free: the GUI figures come from running the built
// binaries under Xvfb with the ui/benchhook environment contract.
package bench

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Figure is one row of the results table.
type Figure struct {
	Name string
	// Value and Floor are in Unit; Floor is 0 when the row has none.
	Value, Floor float64
	Unit         string
	// Budget describes the limit in words; empty means no budget.
	Budget string
	// Pass is meaningful only when Budget is set.
	Pass bool
	// Note says how the value was taken (runs, samples).
	Note string
}

// Ratio is Value / Floor, or NaN without a floor.
func (f Figure) Ratio() float64 {
	if f.Floor == 0 {
		return math.NaN()
	}
	return f.Value / f.Floor
}

// Result returns PASS, FAIL or "info" for rows without a budget.
func (f Figure) Result() string {
	switch {
	case f.Budget == "":
		return "info"
	case f.Pass:
		return "PASS"
	default:
		return "FAIL"
	}
}

func num(v float64, unit string) string {
	switch {
	case v == 0:
		return "—"
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f %s", v, unit)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.1f %s", v, unit)
	case math.Abs(v) >= 0.1:
		return fmt.Sprintf("%.2f %s", v, unit)
	default:
		return fmt.Sprintf("%.4f %s", v, unit)
	}
}

// Table renders the figures as a Markdown table.
func Table(figs []Figure) string {
	var b strings.Builder
	b.WriteString("| Figure | Value | Floor | Ratio | Budget | Result |\n|---|---|---|---|---|---|\n")
	for _, f := range figs {
		ratio := "—"
		if r := f.Ratio(); !math.IsNaN(r) {
			ratio = fmt.Sprintf("%.2fx", r)
		}
		budget := f.Budget
		if budget == "" {
			budget = "—"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", f.Name, num(f.Value, f.Unit), num(f.Floor, f.Unit), ratio, budget, f.Result())
	}
	return b.String()
}

// Notes lists each figure's method note.
func Notes(figs []Figure) string {
	var b strings.Builder
	for _, f := range figs {
		if f.Note != "" {
			fmt.Fprintf(&b, "- **%s**: %s\n", f.Name, f.Note)
		}
	}
	return b.String()
}

// Pct returns the p-th percentile (nearest rank) of d.
func Pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(math.Ceil(float64(p)/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// Median of xs (0 for none).
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Ms converts a duration to float milliseconds.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Machine describes where the figures were taken.
type Machine struct {
	CPU       string
	Cores     int
	GoVersion string
	OS        string
	Date      time.Time
	// Load is /proc/loadavg at the start, since other work on the machine
	// moves every figure.
	Load string
}

// ThisMachine reads the CPU model and load from /proc.
func ThisMachine() Machine {
	m := Machine{CPU: "unknown", Cores: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, Date: time.Now().UTC()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		f := strings.Fields(string(b))
		if len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	return m
}

// String is one line for the report.
func (m Machine) String() string {
	s := fmt.Sprintf("%s, %d cores, %s, %s, %s", m.CPU, m.Cores, m.GoVersion, m.OS, m.Date.Format("2006-01-02 15:04 UTC"))
	if m.Load != "" {
		s += ", load average " + m.Load + " at start"
	}
	return s
}
