// Command erbench is `make bench`: it builds the reader and the minimal Fyne
// program in the same run, generates the large pack, measures every figure
// next to its floor, prints the table and writes it to docs/performance.md.
//
//	go run ./internal/bench/erbench [-runs 5] [-out docs/performance.md]
//	go run ./internal/bench/erbench -fuzzlog build/fuzz/runs.tsv   (only the fuzz section)
//
// It exits 1 when any figure misses its budget.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/bench"
	"github.com/evidence-reader/evidence-reader/internal/gen"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// buildTags is the tag list every build uses: $TAGS from make, else
// mk/build-tags (erbench runs from the repository root).
func buildTags() string {
	if t := os.Getenv("TAGS"); t != "" {
		return t
	}
	b, err := os.ReadFile("mk/build-tags")
	if err != nil {
		fmt.Fprintln(os.Stderr, "erbench: run from the repository root (mk/build-tags):", err)
		os.Exit(2)
	}
	return strings.TrimSpace(string(b))
}

// tags is set by run, so -fuzzlog and -h work anywhere.
var tags string

func main() {
	out := flag.String("out", "docs/performance.md", "Markdown file whose bench section is rewritten")
	work := flag.String("work", "build/bench", "folder for binaries, the generated pack and settings")
	runs := flag.Int("runs", 3, "GUI runs per figure (medians; the worst frame of all runs)")
	rounds := flag.Int("rounds", 5, "times the 8 queries are typed")
	var sz sizes
	flag.IntVar(&sz.searchRefs, "search-refs", 100000, "references in the generated pack the search figures type into")
	flag.IntVar(&sz.searchStudies, "search-studies", 10000, "studies in that pack")
	flag.IntVar(&sz.packRefs, "pack-refs", 10000, "references in the generated pack the window opens (its files must stay under pack.SizeCaps)")
	flag.IntVar(&sz.packStudies, "pack-studies", 1000, "studies in that pack")
	flag.IntVar(&sz.articleBytes, "article-bytes", 1<<20, "size of the generated article")
	fuzzlog := flag.String("fuzzlog", "", "only rewrite the fuzz section from this mk/fuzz.sh run log")
	flag.Parse()
	if *fuzzlog != "" {
		t, err := bench.FuzzTable(*fuzzlog)
		if err == nil {
			err = bench.ReplaceSection(*out, bench.FuzzBegin, bench.FuzzEnd, t)
		}
		if err != nil {
			fail(err)
		}
		fmt.Print(t)
		return
	}
	m := bench.ThisMachine()
	figs, err := run(*work, *runs, *rounds, sz)
	if err != nil {
		fail(err)
	}
	table := bench.Table(figs)
	fmt.Printf("Machine: %s\n\n%s", m, table)
	body := fmt.Sprintf("Measured by `make bench` on %s.\n\n%s\n%s", m, table, bench.Notes(figs))
	if err := bench.ReplaceSection(*out, bench.BenchBegin, bench.BenchEnd, body); err != nil {
		fail(err)
	}
	fmt.Printf("\nwritten to %s\n", *out)
	for _, f := range figs {
		if f.Budget != "" && !f.Pass {
			os.Exit(1)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "erbench:", err)
	os.Exit(2)
}

func step(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "erbench: "+format+"\n", args...)
}

// build compiles pkg stripped (-s -w), as a release would be.
func build(work, name, pkg string) (string, error) {
	bin := filepath.Join(work, name)
	cmd := exec.Command("go", "build", "-tags", tags, "-trimpath", "-ldflags", "-s -w", "-o", bin, pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building %s: %w", pkg, err)
	}
	return filepath.Abs(bin)
}

func size(path string) float64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(st.Size()) / 1e6
}

// sizes are the generated packs' sizes (flags). The search figures use a
// pack built in memory, since 100,000 references are past the size cap
// of references.json; the window opens one written as a folder.
type sizes struct {
	searchRefs, searchStudies           int
	packRefs, packStudies, articleBytes int
}

func run(work string, runs, rounds int, sz sizes) ([]bench.Figure, error) {
	tags = buildTags()
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	largeDir := filepath.Join(work, "large-pack")
	step("generating the large pack in %s (%d references, %d studies, %d-byte article)", largeDir, sz.packRefs, sz.packStudies, sz.articleBytes)
	if err := gen.WritePack(largeDir, gen.Options{Seed: 1, References: sz.packRefs, Studies: sz.packStudies, ArticleBytes: sz.articleBytes}); err != nil {
		return nil, err
	}
	now := time.Now()
	bfs, err := content.Pack(content.Default)
	if err != nil {
		return nil, err
	}
	if _, ds := pack.Load(bfs, "bundled", pack.Options{Now: now}); ds.HasErrors() {
		return nil, fmt.Errorf("bundled pack has errors: %v", ds)
	}
	if _, ds := pack.Load(os.DirFS(largeDir), largeDir, pack.Options{Now: now}); ds.HasErrors() {
		return nil, fmt.Errorf("generated pack has errors: %v", ds[0])
	}

	step("search latency (%d references, %d studies)", sz.searchRefs, sz.searchStudies)
	figs := keystrokeFigures(work, rounds, sz)

	step("pack load and check")
	for _, c := range []struct{ name, dir string }{{"bundled", ""}, {"large", largeDir}} {
		fsys := bfs
		if c.dir != "" {
			fsys = os.DirFS(c.dir)
		}
		lt, err := bench.MeasureLoad(fsys, 5)
		if err != nil {
			return nil, err
		}
		figs = append(figs, bench.Figure{Name: "Pack load + check, " + c.name + " pack", Value: lt.Load, Floor: lt.Goldmark, Unit: "MB/s",
			Note: fmt.Sprintf("median of 5 pack.Load runs over all %d bytes (TOML, CSL-JSON, Markdown to model, validation); floor: goldmark parsing only the %d bytes of Markdown", lt.PackBytes, lt.MarkdownBytes)})
	}

	figs = append(figs, archiveFigure(work))

	step("building the reader and the minimal program")
	minBin, err := build(work, "minimalapp", "./testdata/minimalapp")
	if err != nil {
		return nil, err
	}
	appBin, err := build(work, "evidence-reader", "./cmd/evidence-reader")
	if err != nil {
		// Without the app only the library figures are measured; every
		// window row fails and says why.
		figs = append(figs, bench.Figure{Name: "Binary size, stripped", Budget: "≤ 1.10x floor", Note: "not measured: " + err.Error()})
		return append(figs, gui(work, "", minBin, largeDir, 0)...), nil
	}
	as, ms := size(appBin), size(minBin)
	figs = append(figs, bench.Figure{Name: "Binary size, stripped", Value: as, Floor: ms, Unit: "MB", Budget: "≤ 1.10x floor", Pass: as <= 1.10*ms,
		Note: "go build -tags " + tags + " -trimpath -ldflags \"-s -w\"; floor: testdata/minimalapp (one window, one label) built the same way"})

	figs = append(figs, gui(work, appBin, minBin, largeDir, runs)...)
	return figs, nil
}
