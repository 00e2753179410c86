package ui

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/evpack"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/watch"
	"github.com/evidence-reader/evidence-reader/ui/reader"
)

// The live-preview tests edit a temporary copy of a pack while a real
// watcher (internal/watch, fsnotify) follows it. The test driver's
// fyne.Do runs its function at once on the calling goroutine, so the
// shell's hook queues it instead, and the test goroutine runs the queue:
// it plays the UI goroutine, and -race checks that nothing else touches
// the widgets. Waits are long, for a busy machine; a wait that runs out
// fails, and nothing asserts how fast a reload is (BenchmarkReload
// measures that).

// previewWait is how long a test waits for a reload that must come.
const previewWait = 20 * time.Second

// uiQueue collects the functions handed to the UI goroutine.
type uiQueue struct {
	mu   sync.Mutex
	fs   []func()
	wake chan struct{}
}

func (q *uiQueue) do(f func()) {
	q.mu.Lock()
	q.fs = append(q.fs, f)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// until runs the queued functions, as the UI goroutine would, until cond
// holds; it fails the test after previewWait.
func (q *uiQueue) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(previewWait)
	for !cond() {
		q.mu.Lock()
		fs := q.fs
		q.fs = nil
		q.mu.Unlock()
		for _, f := range fs {
			f()
		}
		if len(fs) > 0 {
			continue
		}
		select {
		case <-q.wake:
		case <-deadline:
			t.Fatalf("waited %s for %s", previewWait, what)
		}
	}
}

// drain runs the queue for d, for checks that nothing (more) happens.
func (q *uiQueue) drain(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		q.mu.Lock()
		fs := q.fs
		q.fs = nil
		q.mu.Unlock()
		for _, f := range fs {
			f()
		}
		select {
		case <-q.wake:
		case <-time.After(time.Until(end)):
		}
	}
}

// copyPack copies the pack folder src to a new temporary folder.
func copyPack(t testing.TB, src string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pv")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type previewHarness struct {
	s       *Shell
	w       fyne.Window
	q       *uiQueue
	reloads int
}

// previewShell opens path (a copy of a pack) in a headless 1100x750
// window that follows it, with opts.
func previewShell(t testing.TB, path string, opts cli.OpenOptions) *previewHarness {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1100, 750))
	h := &previewHarness{w: w, q: &uiQueue{wake: make(chan struct{}, 1)}}
	opts.Version = "test"
	opts.Bundled = func() cli.Loaded { return cli.LoadBundled(time.Now()) }
	// The shell starts on the bundled pack, which is not followed, so the
	// hooks are in place before the pack under test is.
	h.s = NewShell(a, w, cli.LoadBundled(time.Now()), opts, "")
	h.s.live.do = h.q.do
	h.s.live.watchOpts = watch.Options{Quiet: 80 * time.Millisecond}
	h.s.live.reloaded = func() { h.reloads++ }
	h.s.live.started = false // the pack under test is the command line's
	h.s.SetPack(cli.LoadPath(path, time.Now()))
	t.Cleanup(h.s.stopPreview)
	return h
}

// wait waits for at least one more reload and then for cond.
func (h *previewHarness) wait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	n := h.reloads
	h.q.until(t, what, func() bool { return h.reloads > n && cond() })
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func hasSection(s *Shell, title string) bool {
	for _, sec := range s.Loaded.Pack.Article.Sections {
		if sec.Title == title {
			return true
		}
	}
	return false
}

// A save reloads the pack and keeps the view on screen, the reading
// position (the block at the top and the distance into it), the study
// selected in the studies view and the back/forward history.
func TestReloadKeepsViewPositionAndStudy(t *testing.T) {
	dir := copyPack(t, "../content/spot-reduction")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	if !s.ReloadOnChange() {
		t.Fatal("Reload on change is off for a pack folder")
	}
	study := s.Loaded.Pack.Studies[2].ID
	s.Go(reader.Location{View: reader.ViewStudies, Block: -1, Study: study})
	mid := len(s.Loaded.Pack.Article.Blocks) / 2
	s.Go(reader.Location{View: reader.ViewArticle, Block: mid})
	a := s.Article()
	a.Docs.ScrollTo(a.Docs.Offset() + 25)
	before := s.Position()
	if before.Block < 1 || before.Delta <= 0 {
		t.Fatalf("set-up: position %+v, want inside a block past the first", before)
	}
	oldArticle := s.Article()

	appendFile(t, filepath.Join(dir, "article.md"), "\n## Added while previewing\n\nA paragraph written after the window opened.\n")
	h.wait(t, "the appended heading", func() bool { return hasSection(s, "Added while previewing") })

	if s.Article() == oldArticle {
		t.Fatal("the article view was not rebuilt")
	}
	if s.Current() != reader.ViewArticle || !s.Article().Object().Visible() {
		t.Fatalf("after the reload the view is %q (article shown: %v), want the article", s.Current(), s.Article().Object().Visible())
	}
	got := s.Position()
	if got.Block != before.Block || math.Abs(float64(got.Delta-before.Delta)) > 0.5 {
		t.Fatalf("reading position after the reload %+v, want block %d, %v into it", got, before.Block, before.Delta)
	}
	if !s.CanBack() {
		t.Fatal("the back/forward history was lost")
	}
	// The pack's own warnings (the article's citation slips) get the
	// quiet bar; nothing else may show.
	if txt, kind := s.previewBarState(); txt != "" && (kind != barWarnings || txt != diagSummary(s.Loaded, pack.Warning)) {
		t.Fatalf("a save without errors shows the bar: %q", txt)
	}
	// The studies view is built when shown again, with the study selected.
	s.GoView(reader.ViewStudies)
	if st := s.View(reader.ViewStudies).(*reader.LazyView).Built(); st == nil || st.(*reader.StudiesView).Current() != study {
		t.Fatalf("the selected study %q was not kept", study)
	}
	s.Back()
	if got := s.Position(); s.Current() != reader.ViewArticle || got.Block != before.Block {
		t.Fatalf("Back from the studies: view %q at %+v, want the article at block %d", s.Current(), got, before.Block)
	}
	// The new heading is there to read.
	last := len(s.Loaded.Pack.Article.Blocks) - 1
	s.Go(reader.Location{View: reader.ViewArticle, Block: last - 1})
	if r := s.Article().Docs.Rendered(last - 1); r == nil || !strings.Contains(textOf(r), "Added while previewing") {
		t.Fatal("the appended heading is not rendered")
	}
}

// A save with errors keeps the version on screen under the bar, which
// names the file and the time and lists the problems, each file:line:col;
// a save that fixes them removes the bar and shows the new version.
func TestBrokenSaveShowsBarAndKeepsContent(t *testing.T) {
	dir := copyPack(t, "../content/spot-reduction")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	s.GoView(reader.ViewStudies)
	studies := len(s.Loaded.Pack.Studies)
	path := filepath.Join(dir, "studies.toml")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(good)+"\n[[study]\nid = \"broken\n")
	h.wait(t, "the bar", func() bool { return s.PreviewBarText() != "" })

	bar := s.PreviewBarText()
	if !strings.Contains(bar, "in studies.toml — showing the version from ") || !strings.Contains(bar, "error") {
		t.Fatalf("bar says %q", bar)
	}
	if s.Loaded.Diags.HasErrors() || len(s.Loaded.Pack.Studies) != studies || s.Current() != reader.ViewStudies {
		t.Fatalf("the broken save replaced the page: errors %v, %d studies (want %d), view %q", s.Loaded.Diags.HasErrors(), len(s.Loaded.Pack.Studies), studies, s.Current())
	}
	if !strings.Contains(textOf(h.w.Content()), bar) {
		t.Fatal("the bar is not in the window")
	}
	findButton(t, h.w.Content(), "Show problems").OnTapped()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Show problems opened nothing")
	}
	if list := textOf(top); !strings.Contains(list, "studies.toml:") || !strings.Contains(list, ": error: ") {
		t.Fatalf("the problems list has no studies.toml:line:col error:\n%s", list)
	}

	// A second broken save, the list still open: it lists the new problems.
	writeFile(t, path, string(good)+"\n[[study]]\nid = 5\n")
	h.wait(t, "the new problems", func() bool { return strings.Contains(textOf(top), "should be text, not a whole number") })
	if n := strings.Count(textOf(h.w.Content()), "showing the version from"); n != 1 {
		t.Fatalf("%d bars after a second broken save, want 1", n)
	}

	// The pack's own warnings (the article's citation slips) leave the
	// quiet warnings bar in its place.
	writeFile(t, path, string(good))
	h.wait(t, "the error bar to go", func() bool { return !strings.Contains(s.PreviewBarText(), "showing the version from") })
	if _, kind := s.previewBarState(); s.PreviewBarText() != "" && kind != barWarnings {
		t.Fatalf("after the fix the bar says %q", s.PreviewBarText())
	}
	if o := h.w.Canvas().Overlays().Top(); o != nil && o.Visible() && strings.Contains(textOf(o), ": error: ") {
		t.Fatal("the problems list still lists errors after the fix")
	}
	if s.Loaded.Diags.HasErrors() || s.Current() != reader.ViewStudies {
		t.Fatalf("after the fix: errors %v, view %q", s.Loaded.Diags.HasErrors(), s.Current())
	}
	if strings.Contains(textOf(h.w.Content()), "showing the version from") {
		t.Fatal("the bar is still in the window")
	}
}

// A pack that never loaded shows the error view, which reloads on save:
// fixed, the pack opens; broken again, it stays under the bar.
func TestErrorViewReloadsOnSave(t *testing.T) {
	dir := copyPack(t, "../testdata/example-pack")
	path := filepath.Join(dir, "pack.toml")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, "id = \"x\"\ntitle = \n")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	if s.views != nil || !strings.Contains(textOf(h.w.Content()), "cannot be opened") {
		t.Fatal("a broken pack does not show the error view")
	}
	if !s.ReloadOnChange() {
		t.Fatal("the error view of a pack folder does not follow it")
	}
	// Still broken, differently: the error view shows the new problems.
	writeFile(t, filepath.Join(dir, "pack.toml"), "id = \"x\"\ntitle = \"T\"\nunclosed = [\n")
	h.wait(t, "the new error", func() bool { return strings.Contains(textOf(h.w.Content()), "pack.toml:3:13: error: malformed TOML") })
	if s.views != nil || strings.Contains(textOf(h.w.Content()), "pack.toml:2:") {
		t.Fatal("the error view was not replaced by the new version's")
	}
	// The folder renamed away and back: the error view says it is missing,
	// then shows its problems again.
	if err := os.Rename(dir, dir+"-away"); err != nil {
		t.Fatal(err)
	}
	h.wait(t, "the missing folder", func() bool { return strings.Contains(textOf(h.w.Content()), "no pack at") })
	if err := os.Rename(dir+"-away", dir); err != nil {
		t.Fatal(err)
	}
	h.wait(t, "the folder back", func() bool { return strings.Contains(textOf(h.w.Content()), "pack.toml:3:13:") })

	writeFile(t, path, string(good))
	h.wait(t, "the pack to open", func() bool { return s.views != nil })
	if s.Current() != reader.ViewArticle || s.Loaded.Pack.Meta.Title == "" {
		t.Fatalf("fixed pack: view %q, title %q", s.Current(), s.Loaded.Pack.Meta.Title)
	}
	if got, want := h.w.Title(), windowTitle(s.Loaded.Pack); got != want {
		t.Fatalf("window title %q, want %q", got, want)
	}

	writeFile(t, path, "id = \"x\"\ntitle = \n")
	h.wait(t, "the bar", func() bool { return s.PreviewBarText() != "" })
	if s.views == nil || !strings.Contains(s.PreviewBarText(), "in pack.toml") {
		t.Fatalf("broken again: views %v, bar %q", s.views != nil, s.PreviewBarText())
	}
}

// Results that are no longer wanted are dropped: one for a pack the
// window no longer follows, and one overtaken by a later request.
func TestStaleReloadsAreDropped(t *testing.T) {
	dirA := copyPack(t, "../testdata/example-pack")
	dirB := copyPack(t, "../content/spot-reduction")
	h := previewShell(t, dirA, cli.OpenOptions{})
	s := h.s
	pa := s.live.p
	s.SetPack(cli.LoadPath(dirB, time.Now()))
	pb := s.live.p
	if pb == nil || pb == pa {
		t.Fatal("opening another pack did not follow it")
	}
	s.applyReload(pa, pa.seq.Add(1), pa.load())
	if s.Loaded.Source.Path != pb.src.Path {
		t.Fatalf("a result for the pack no longer open was applied: showing %s", s.Loaded.Source.Path)
	}

	// Request 2 (a broken save) is applied; request 1 (a good load that
	// took longer) comes after it and must not hide the bar.
	good := pb.load()
	writeFile(t, filepath.Join(dirB, "studies.toml"), "[[study]\n")
	broken := pb.load()
	base := pb.seq.Add(2)
	s.applyReload(pb, base, broken)
	if s.PreviewBarText() == "" {
		t.Fatal("the broken load showed no bar")
	}
	s.applyReload(pb, base-1, good)
	if s.PreviewBarText() == "" {
		t.Fatal("an older load, applied late, removed the bar")
	}
	s.applyGone(pb, base-1)
	if strings.Contains(s.PreviewBarText(), "is gone") {
		t.Fatal("an older Gone was applied")
	}
}

// The folder renamed away keeps the page under a bar that says so; renamed
// back, it reloads and the bar goes.
func TestFolderGoneAndBack(t *testing.T) {
	dir := copyPack(t, "../testdata/example-pack")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	away := dir + "-renamed"
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	h.wait(t, "the gone bar", func() bool { return strings.Contains(s.PreviewBarText(), "is gone") })
	if bar := s.PreviewBarText(); !strings.Contains(bar, "The pack folder "+dir+" is gone — showing the version from ") {
		t.Fatalf("bar says %q", bar)
	}
	if s.views == nil || s.Loaded.Diags.HasErrors() {
		t.Fatal("the page was not kept")
	}
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	h.wait(t, "the bar to go", func() bool { return s.PreviewBarText() == "" })
	appendFile(t, filepath.Join(dir, "article.md"), "\n## After the folder came back\n")
	h.wait(t, "a save after it came back", func() bool { return hasSection(s, "After the folder came back") })
}

// An editor that deletes the file and writes a new one, and a burst of
// hundreds of saves, end on the last version, with no bar, in a few
// reloads.
func TestDeleteRecreateAndBurst(t *testing.T) {
	dir := copyPack(t, "../testdata/example-pack")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	path := filepath.Join(dir, "article.md")
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(orig)+"\n## Recreated\n")
	h.wait(t, "the recreated file", func() bool { return hasSection(s, "Recreated") && s.PreviewBarText() == "" })

	start := h.reloads
	const saves = 300
	for i := range saves {
		last := ""
		if i == saves-1 {
			last = "\n## The last save\n"
		}
		writeFile(t, path, string(orig)+strings.Repeat("\nMore text.\n", i%7)+last)
	}
	h.wait(t, "the last save", func() bool { return hasSection(s, "The last save") && s.PreviewBarText() == "" })
	if n := h.reloads - start; n > saves/10 {
		t.Errorf("%d saves gave %d reloads; a burst should be a few", saves, n)
	}
}

// View → Reload on change: on for a folder, off (and disabled) for the
// bundled pack, off for an .evpack unless --watch; turning it off stops
// reloads, turning it on reloads at once; --watch=false starts it off.
func TestReloadOnChangeSetting(t *testing.T) {
	s, _ := newTestShell(t, "")
	if s.ReloadOnChange() || s.CanReload() {
		t.Fatal("the bundled pack is followed")
	}
	if it := findMenuItem(t, s, "Reload on change"); !it.Disabled || it.Checked {
		t.Fatalf("bundled pack: Reload on change disabled %v, checked %v", it.Disabled, it.Checked)
	}

	dir := copyPack(t, "../testdata/example-pack")
	h := previewShell(t, dir, cli.OpenOptions{Watch: cli.WatchOff})
	if h.s.ReloadOnChange() {
		t.Fatal("--watch=false: the folder is followed")
	}
	h.s.SetReloadOnChange(true)
	if it := findMenuItem(t, h.s, "Reload on change"); it.Disabled || !it.Checked {
		t.Fatalf("after turning it on: disabled %v, checked %v", it.Disabled, it.Checked)
	}
	appendFile(t, filepath.Join(dir, "article.md"), "\n## Seen\n")
	h.wait(t, "a reload", func() bool { return hasSection(h.s, "Seen") })

	h.s.SetReloadOnChange(false)
	appendFile(t, filepath.Join(dir, "article.md"), "\n## Not followed\n")
	h.q.drain(time.Second)
	if hasSection(h.s, "Not followed") {
		t.Fatal("a save reloaded with Reload on change off")
	}
	// Reload pack (Ctrl+R) reads it anyway.
	h.s.Reload()
	h.wait(t, "Reload pack", func() bool { return hasSection(h.s, "Not followed") })
}

// An .evpack opened with --watch reloads when the file is written again.
func TestWatchArchive(t *testing.T) {
	src := cli.LoadPath("../testdata/example-pack", time.Now())
	files := map[string][]byte{}
	for n, b := range src.Pack.Sources {
		if pack.SizeCaps[n] > 0 {
			files[n] = b
		}
	}
	out := filepath.Join(t.TempDir(), "example.evpack")
	if err := evpack.WriteFiles(out, files); err != nil {
		t.Fatal(err)
	}
	plain := previewShell(t, out, cli.OpenOptions{})
	if plain.s.ReloadOnChange() || !plain.s.CanReload() {
		t.Fatalf("an .evpack without --watch: followed %v, can reload %v", plain.s.ReloadOnChange(), plain.s.CanReload())
	}
	plain.s.stopPreview()

	h := previewShell(t, out, cli.OpenOptions{Watch: cli.WatchOn})
	if !h.s.ReloadOnChange() {
		t.Fatal("--watch does not follow an .evpack")
	}
	files["article.md"] = append(files["article.md"], "\n## Packed again\n"...)
	if err := evpack.WriteFiles(out, files); err != nil {
		t.Fatal(err)
	}
	h.wait(t, "the new archive", func() bool { return hasSection(h.s, "Packed again") })
}

// The bar's summary counts the errors and names their files sensibly.
func TestBrokenSummary(t *testing.T) {
	d := func(file string, sev pack.Severity) pack.Diagnostic {
		return pack.Diagnostic{File: file, Line: 1, Col: 1, Severity: sev, Message: "m"}
	}
	for _, c := range []struct {
		diags pack.Diagnostics
		want  string
	}{
		{pack.Diagnostics{d("studies.toml", pack.Error), d("studies.toml", pack.Error), d("article.md", pack.Warning), d("studies.toml", pack.Error)}, "3 errors in studies.toml"},
		{pack.Diagnostics{d("studies.toml", pack.Error), d("article.md", pack.Error)}, "2 errors in studies.toml and article.md"},
		{pack.Diagnostics{d("a.md", pack.Error), d("b.md", pack.Error), d("c.md", pack.Error), d("c.md", pack.Error)}, "4 errors in 3 files"},
		{pack.Diagnostics{d(".", pack.Error)}, "1 error in pv"},
	} {
		l := cli.Loaded{Diags: c.diags, Source: cli.Source{Kind: cli.SourceFolder, Path: "/tmp/pv"}}
		if got := brokenSummary(l); got != c.want {
			t.Errorf("brokenSummary = %q, want %q", got, c.want)
		}
	}
}

func findMenuItem(t *testing.T, s *Shell, label string) *fyne.MenuItem {
	t.Helper()
	menu := s.menu(s.views != nil)
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// While the library page is on screen, saves do not take the reader off
// it; back on the pack, the newest save shows, at the same place, and a
// broken one shows its bar there, not on the library page.
func TestReloadWhileLibraryShows(t *testing.T) {
	dir := copyPack(t, "../content/spot-reduction")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	s.Go(reader.Location{View: reader.ViewArticle, Block: len(s.Loaded.Pack.Article.Blocks) / 2})
	before := s.Position()
	s.ShowLibrary()
	appendFile(t, filepath.Join(dir, "article.md"), "\n## Saved while the library showed\n")
	h.wait(t, "the reload", func() bool { return true })
	if !s.LibraryShowing() || hasSection(s, "Saved while the library showed") {
		t.Fatalf("a save while the library shows: library showing %v, pack replaced %v", s.LibraryShowing(), hasSection(s, "Saved while the library showed"))
	}
	s.leaveLibrary()
	if s.LibraryShowing() || !hasSection(s, "Saved while the library showed") {
		t.Fatal("back from the library, the save is not shown")
	}
	if got := s.Position(); s.Current() != reader.ViewArticle || got.Block != before.Block {
		t.Fatalf("back from the library at %q %+v, want the article at block %d", s.Current(), got, before.Block)
	}

	s.ShowLibrary()
	path := filepath.Join(dir, "studies.toml")
	good, _ := os.ReadFile(path)
	writeFile(t, path, string(good)+"\n[[study]\n")
	h.wait(t, "the broken save", func() bool { return true })
	if strings.Contains(textOf(h.w.Content()), "showing the version from") {
		t.Fatal("the preview bar is on the library page")
	}
	s.leaveLibrary()
	if bar := s.PreviewBarText(); bar == "" || !strings.Contains(textOf(h.w.Content()), bar) {
		t.Fatal("back from the library, the pack page has no bar")
	}
	if n := strings.Count(textOf(h.w.Content()), "showing the version from"); n != 1 {
		t.Fatalf("%d bars on the page", n)
	}
}

// A pack folder that does not exist cannot be followed: the error view
// says it is missing and the bar says changes are not followed.
func TestMissingFolderNotFollowed(t *testing.T) {
	h := previewShell(t, filepath.Join(t.TempDir(), "nope"), cli.OpenOptions{})
	if h.s.ReloadOnChange() || !h.s.CanReload() {
		t.Fatalf("missing folder: followed %v, can reload %v", h.s.ReloadOnChange(), h.s.CanReload())
	}
	text := textOf(h.w.Content())
	if !strings.Contains(text, "no pack at") || !strings.Contains(text, "Changes to this pack are not followed: ") {
		t.Fatalf("missing folder:\n%s", text)
	}
}

// blockNamed is the index of the article's top-level block whose text
// starts with prefix.
func blockNamed(t *testing.T, s *Shell, prefix string) int {
	t.Helper()
	for i, b := range s.Loaded.Pack.Article.Blocks {
		if strings.HasPrefix(b.PlainText(), prefix) {
			return i
		}
	}
	t.Fatalf("no block starting %q in the article", prefix)
	return -1
}

// A reload keeps the text the reader was reading on screen: after an edit
// above it (blocks added or removed), an edit of that block itself, and
// one below it. The back/forward history follows the text too.
func TestReloadFollowsTheTextOnScreen(t *testing.T) {
	dir := copyPack(t, "../content/spot-reduction")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	path := filepath.Join(dir, "article.md")
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(orig)

	// In history: the start of "How large is the effect?", below every edit.
	b := blockNamed(t, s, "How large is the effect?")
	s.Go(reader.Location{View: reader.ViewArticle, Block: b})
	s.Article().Docs.ScrollTo(s.Article().Docs.BlockY(b) + 10)
	earlier := s.Position()
	earlierText := s.Loaded.Pack.Article.Blocks[earlier.Block].PlainText()
	// Reading: the heading "A study with a controlled diet", a little way into it.
	b = blockNamed(t, s, "A study with a controlled diet")
	s.Go(reader.Location{View: reader.ViewArticle, Block: b})
	s.Article().Docs.ScrollTo(s.Article().Docs.BlockY(b) + 12)
	before := s.Position()
	if got := s.Loaded.Pack.Article.Blocks[before.Block].PlainText(); got != "A study with a controlled diet" || before.Delta <= 0 {
		t.Fatalf("set-up: reading %q at %+v, want inside the heading A study with a controlled diet", got, before)
	}

	steps := []struct {
		name, src string
		want      string // the text at the top after the reload
	}{
		{"insert above", strings.Replace(src, "## The spot-lipolysis study",
			"## QA HEADING INSERTED\n\nA paragraph added above the reader.\n\n## The spot-lipolysis study", 1), "A study with a controlled diet"},
		{"delete above", deleteSection(t, src, "## Direct studies of spot reduction"), "A study with a controlled diet"},
		{"edit the block, and insert above", strings.Replace(strings.Replace(src, "## A study with a controlled diet", "## A study with a controlled diet, edited", 1),
			"## The spot-lipolysis study", "## QA HEADING INSERTED\n\nA paragraph added above the reader.\n\n## The spot-lipolysis study", 1),
			"A study with a controlled diet, edited"},
		{"append below", src + "\n## Added below\n\nA paragraph added below the reader.\n", "A study with a controlled diet"},
	}
	for _, st := range steps {
		writeFile(t, path, st.src)
		text := st.src
		h.wait(t, "the reload after "+st.name, func() bool {
			return len(s.Loaded.Pack.Article.Blocks) > 0 && strings.Count(text, "\n## ") == len(s.Loaded.Pack.Article.Sections)-1
		})
		got := s.Position()
		top := s.Loaded.Pack.Article.Blocks[got.Block].PlainText()
		if top != st.want || math.Abs(float64(got.Delta-before.Delta)) > 0.5 {
			t.Errorf("%s: the reload shows %q, %v into it (block %d), want %q, %v into it", st.name, top, got.Delta, got.Block, st.want, before.Delta)
		}
		if r := s.Article().Docs.Rendered(got.Block); r == nil || !strings.Contains(textOf(r), st.want) {
			t.Errorf("%s: the block at the top is not rendered with %q", st.name, st.want)
		}
		if st.name == "insert above" {
			s.Back()
			if got := s.Position(); s.Loaded.Pack.Article.Blocks[got.Block].PlainText() != earlierText {
				t.Errorf("Back after the reload shows %q, want %q", s.Loaded.Pack.Article.Blocks[got.Block].PlainText(), earlierText)
			}
			s.Forward()
		}
		before = s.Position()
		// The next edit starts from the original text.
		writeFile(t, path, src)
		h.wait(t, "the reload of the original text", func() bool {
			return strings.Count(src, "\n## ") == len(s.Loaded.Pack.Article.Sections)-1 && !hasSection(s, "Added below")
		})
		if top := s.Loaded.Pack.Article.Blocks[s.Position().Block].PlainText(); top != "A study with a controlled diet" {
			t.Fatalf("back to the original text after %s, the top is %q", st.name, top)
		}
		before = s.Position()
	}
}

// deleteSection removes the section whose heading line is heading, up to
// the next heading.
func deleteSection(t *testing.T, src, heading string) string {
	t.Helper()
	i := strings.Index(src, heading)
	if i < 0 {
		t.Fatalf("no %q", heading)
	}
	j := strings.Index(src[i+len(heading):], "\n## ")
	if j < 0 {
		t.Fatalf("%q is the last section", heading)
	}
	return src[:i] + src[i+len(heading)+j+1:]
}

// A save that loads with warnings shows the new version under a quiet
// bar that counts them and names their files, with the list of them; a
// save with errors still takes the bar, and a save without warnings
// removes it.
func TestWarningSaveShowsQuietBar(t *testing.T) {
	dir := copyPack(t, "../testdata/example-pack")
	h := previewShell(t, dir, cli.OpenOptions{})
	s := h.s
	if n := s.Loaded.Diags.Count(pack.Warning); n != 0 || s.PreviewBarText() != "" {
		t.Fatalf("set-up: the pack has %d warnings, bar %q", n, s.PreviewBarText())
	}
	s.GoView(reader.ViewGuidance)
	path := filepath.Join(dir, "guidance.md")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(good)+"\nLose 5 kg by working your problem areas.\n")
	h.wait(t, "the warnings bar", func() bool { return s.PreviewBarText() != "" })

	bar := s.PreviewBarText()
	if !strings.Contains(bar, "warning") || !strings.Contains(bar, "in guidance.md") || strings.Contains(bar, "showing the version from") {
		t.Fatalf("bar says %q, want the warnings in guidance.md", bar)
	}
	if _, kind := s.previewBarState(); kind != barWarnings {
		t.Fatalf("bar kind %d, want the quiet warnings bar", kind)
	}
	if !strings.Contains(textOf(h.w.Content()), bar) {
		t.Fatal("the bar is not in the window")
	}
	if g := s.Loaded.Pack.Guidance; g == nil || !strings.Contains(textOf(s.View(reader.ViewGuidance).Object()), "problem areas") {
		t.Fatal("the save with warnings was not shown")
	}
	findButton(t, h.w.Content(), "Show problems").OnTapped()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Show problems opened nothing")
	}
	if list := textOf(top); !strings.Contains(list, "guidance.md:") || !strings.Contains(list, ": warning: ") {
		t.Fatalf("the problems list has no guidance.md:line:col warning:\n%s", list)
	}

	// Errors take the bar over; fixed, the warnings are back.
	spath := filepath.Join(dir, "studies.toml")
	sgood, err := os.ReadFile(spath)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, spath, string(sgood)+"\n[[study]\nid = \"broken\n")
	h.wait(t, "the error bar", func() bool { return strings.Contains(s.PreviewBarText(), "error") })
	if _, kind := s.previewBarState(); kind != barBroken {
		t.Fatalf("bar kind %d with errors, want the error bar", kind)
	}
	writeFile(t, spath, string(sgood))
	h.wait(t, "the warnings bar again", func() bool { return s.PreviewBarText() == bar })

	writeFile(t, path, string(good))
	h.wait(t, "the bar to go", func() bool { return s.PreviewBarText() == "" })
	if o := h.w.Canvas().Overlays().Top(); o != nil && o.Visible() {
		t.Fatal("the problems list stayed open after the warnings went")
	}
	if strings.Contains(textOf(h.w.Content()), "warning") {
		t.Fatal("the bar is still in the window")
	}
}

// The warnings bar counts warnings, not errors or notes.
func TestWarningSummary(t *testing.T) {
	d := func(file string, sev pack.Severity) pack.Diagnostic {
		return pack.Diagnostic{File: file, Line: 1, Col: 1, Severity: sev, Message: "m"}
	}
	l := cli.Loaded{Diags: pack.Diagnostics{d("guidance.md", pack.Warning), d("studies.toml", pack.Note), d("references.json", pack.Warning)},
		Source: cli.Source{Kind: cli.SourceFolder, Path: "/tmp/pv"}}
	if got, want := diagSummary(l, pack.Warning), "2 warnings in guidance.md and references.json"; got != want {
		t.Errorf("diagSummary = %q, want %q", got, want)
	}
}
