package ui

import (
	"archive/zip"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/evpack"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
	"github.com/evidence-reader/evidence-reader/ui/internal/uitest"
	"github.com/evidence-reader/evidence-reader/ui/reader"
	"github.com/evidence-reader/evidence-reader/ui/widgets"
)

func init() {
	// Timed UI resets in the views (flash, "Copied") would run on timer
	// goroutines under the test driver; the tests check state, not the reset.
	reader.AfterDelay = func(time.Duration, func()) {}
}

// newTestShell opens the bundled pack in a headless 1100x750 window.
func newTestShell(t *testing.T, settingsPath string) (*Shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	l := cli.LoadBundled(time.Now())
	if l.Diags.HasErrors() {
		t.Fatalf("bundled pack has errors: %v", l.Diags)
	}
	s := NewShell(a, w, l, cli.OpenOptions{Bundled: func() cli.Loaded { return cli.LoadBundled(time.Now()) }, Version: "test"}, settingsPath)
	w.Resize(fyne.NewSize(1100, 750))
	// Saves run on goroutines of their own: done before the test's
	// folders are removed.
	t.Cleanup(s.flushSaves)
	return s, w
}

func findButton(t *testing.T, root fyne.CanvasObject, prefix string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(root, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		if e, isEsc := o.(*widgets.EscButton); isEsc {
			b, ok = &e.Button, true
		}
		if k, isKey := o.(*widgets.KeyButton); isKey {
			b, ok = &k.Button, true
		}
		if ok && strings.HasPrefix(b.Text, prefix) {
			found = b
			return false
		}
		return true
	})
	if found == nil {
		t.Fatalf("no button %q", prefix)
	}
	return found
}

func firstCitation(t *testing.T, s *Shell) *doc.Citation {
	t.Helper()
	cs := s.Loaded.Pack.Article.Citations
	if len(cs) == 0 {
		t.Fatal("bundled article has no citations")
	}
	return cs[0]
}

func TestNavigationBackForward(t *testing.T) {
	s, _ := newTestShell(t, "")
	a := s.Article()
	if s.Current() != reader.ViewArticle || s.CanBack() || s.CanForward() {
		t.Fatalf("start: view %q back %v forward %v", s.Current(), s.CanBack(), s.CanForward())
	}
	if s.back.Disabled() == false {
		t.Fatal("Back button enabled with no history")
	}
	last := len(s.Loaded.Pack.Article.Blocks) - 1
	s.Go(reader.Location{View: reader.ViewArticle, Block: last, Highlight: true})
	at := a.Docs.Offset()
	if at <= 0 {
		t.Fatalf("jump to the last block left the offset at %v", at)
	}
	if a.Docs.LastFlashed() != last {
		t.Fatal("the target block is not highlighted")
	}
	if !s.CanBack() || s.back.Disabled() {
		t.Fatal("Back not available after a jump")
	}
	s.Back()
	if got := a.Docs.Offset(); got != 0 {
		t.Fatalf("Back: offset %v, want 0", got)
	}
	if !s.CanForward() || s.fwd.Disabled() {
		t.Fatal("Forward not available after Back")
	}
	s.Forward()
	if got := a.Docs.Offset(); got != at {
		t.Fatalf("Forward: offset %v, want %v", got, at)
	}
}

func TestOutlineFollowsScrollAndJumps(t *testing.T) {
	s, _ := newTestShell(t, "")
	a := s.Article()
	secs := s.Loaded.Pack.Article.Sections
	if len(secs) < 3 {
		t.Fatalf("need 3 sections, have %d", len(secs))
	}
	a.Outline().Select(2)
	if got := a.Docs.BlockAt(a.Docs.Offset()); got != secs[2].Block {
		t.Fatalf("outline jump: block at top %d, want %d", got, secs[2].Block)
	}
	if a.CurrentSection() != 2 {
		t.Fatalf("current section %d, want 2", a.CurrentSection())
	}
	if !s.CanBack() {
		t.Fatal("an outline jump is not in the history")
	}
	a.Docs.Scroll.ScrollToOffset(fyne.NewPos(0, a.Docs.BlockY(secs[1].Block)))
	a.Docs.Scroll.OnScrolled(a.Docs.Scroll.Offset)
	if a.CurrentSection() != 1 {
		t.Fatalf("after scrolling, current section %d, want 1", a.CurrentSection())
	}
}

// Scrolled to the end (End, the wheel), the contents show the last
// section even when it is too short to reach the top of the view; a jump
// to a section near the end keeps that section.
func TestOutlineShowsTheLastSectionAtTheEnd(t *testing.T) {
	s, _ := newTestShell(t, "")
	a := s.Article()
	secs := s.Loaded.Pack.Article.Sections
	last := len(secs) - 1
	a.Docs.ScrollKey(fyne.KeyEnd)
	if !a.Docs.AtEnd() {
		t.Fatal("End did not reach the end")
	}
	if top := a.Docs.Doc.Blocks[a.Docs.BlockAt(a.Docs.Offset())].Section; top == last {
		t.Fatalf("the last section reaches the top at the end: this test needs a short last section")
	}
	if a.CurrentSection() != last {
		t.Errorf("at the end: current section %d, want the last, %d", a.CurrentSection(), last)
	}
	a.Docs.ScrollKey(fyne.KeyHome)
	a.Outline().Select(last - 1)
	if a.CurrentSection() != last-1 {
		t.Errorf("after a jump to section %d: current section %d", last-1, a.CurrentSection())
	}
}

func TestCitationPanelKeepsPositionAndBackLinks(t *testing.T) {
	s, w := newTestShell(t, "")
	a := s.Article()
	c := firstCitation(t, s)
	// Read down to the citation, then open it.
	s.Go(reader.Location{View: reader.ViewArticle, Block: c.Block})
	top := a.Docs.BlockAt(a.Docs.Offset())
	a.ShowCitation(c)
	if !a.PanelOpen() {
		t.Fatal("tapping a citation did not open the reference panel")
	}
	// The panel narrows the text; the same block stays at the top.
	reading := a.Docs.Offset()
	if got := a.Docs.BlockAt(reading); got != top {
		t.Fatalf("opening the panel moved the top block from %d to %d", top, got)
	}
	panel := textOf(a.Panel())
	r, _ := s.Loaded.Pack.Reference(c.Keys[0])
	if !strings.Contains(panel, r.Title[:20]) {
		t.Fatalf("panel does not show the reference title %q:\n%s", r.Title, panel)
	}
	if st, ok := s.Loaded.Pack.StudyForRef(c.Keys[0]); ok && !strings.Contains(panel, reader.VerdictText(s.Loaded.Pack.Vocab(), st.Verdict)) {
		t.Fatalf("panel does not show the verdict %q", reader.VerdictText(s.Loaded.Pack.Vocab(), st.Verdict))
	}
	if !strings.Contains(panel, "Cited in the article") {
		t.Fatal("panel has no cited-in back-links")
	}
	// Scroll elsewhere, follow a back-link, come back.
	a.Docs.Scroll.ScrollToOffset(fyne.NewPos(0, reading+37))
	here := a.Docs.Offset()
	var back *widget.Hyperlink
	walk(a.Panel(), func(o fyne.CanvasObject) bool {
		if h, ok := o.(*widget.Hyperlink); ok && strings.HasPrefix(h.Text, "§ ") {
			back = h
			return false
		}
		return true
	})
	if back == nil {
		t.Fatal("no cited-in back-link")
	}
	back.OnTapped()
	if a.Docs.BlockAt(a.Docs.Offset()) != c.Block && a.Docs.Offset() == here {
		t.Fatal("the back-link did not move to the citation")
	}
	s.Back()
	if got := a.Docs.Offset(); got != here {
		t.Fatalf("Back returned to %v, want the reading offset %v", got, here)
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if a.PanelOpen() {
		t.Fatal("Esc did not close the panel")
	}
}

// typeShortcut sends a shortcut to the window's canvas as the driver would.
// The test canvas wraps the software canvas, which holds the handlers.
func typeShortcut(w fyne.Window, sc fyne.Shortcut) {
	type typer interface{ TypedShortcut(fyne.Shortcut) }
	c := any(w.Canvas())
	if _, ok := c.(typer); !ok {
		c = reflect.ValueOf(c).Elem().FieldByName("WindowlessCanvas").Interface()
	}
	c.(typer).TypedShortcut(sc)
}

// fakeView stands in for a view built elsewhere, recording what it was asked to show.
type fakeView struct {
	name string
	obj  fyne.CanvasObject
	last reader.Location
}

func (f *fakeView) Object() fyne.CanvasObject  { return f.obj }
func (f *fakeView) Reveal(loc reader.Location) { f.last = loc }
func (f *fakeView) Position() reader.Location {
	return reader.Location{View: f.name, Block: -1, Ref: f.last.Ref, Study: f.last.Study}
}

// withFakeView replaces a view with a fake for one test, so the shell's
// navigation is tested apart from the view's own behaviour.
func withFakeView(t *testing.T, name string) *fakeView {
	f := &fakeView{name: name, obj: widget.NewLabel(name)}
	saved := viewMakers
	var makers []viewMaker
	replaced := false
	for _, m := range viewMakers {
		if m.name == name {
			m.make = func(*reader.Context) reader.View { return f }
			replaced = true
		}
		makers = append(makers, m)
	}
	if !replaced {
		makers = append(makers, viewMaker{name: name, title: name, icon: theme.ListIcon, make: func(*reader.Context) reader.View { return f }})
	}
	viewMakers = makers
	t.Cleanup(func() { viewMakers = saved })
	return f
}

func TestCitationGoToReferenceAndBack(t *testing.T) {
	refs := withFakeView(t, reader.ViewReferences)
	s, _ := newTestShell(t, "")
	a := s.Article()
	c := firstCitation(t, s)
	s.Go(reader.Location{View: reader.ViewArticle, Block: c.Block})
	a.ShowCitation(c)
	a.Docs.Scroll.ScrollToOffset(fyne.NewPos(0, a.Docs.Offset()+23))
	reading := a.Docs.Offset()
	test.Tap(findButton(t, a.Panel(), "Go to reference"))
	if s.Current() != reader.ViewReferences || refs.last.Ref != c.Keys[0] || !refs.last.Highlight {
		t.Fatalf("Go to reference: view %q, revealed %+v; want references at %q", s.Current(), refs.last, c.Keys[0])
	}
	s.Back()
	if s.Current() != reader.ViewArticle {
		t.Fatalf("Back went to %q, want the article", s.Current())
	}
	if got := a.Docs.Offset(); got != reading {
		t.Fatalf("Back returned to offset %v, want %v", got, reading)
	}
	if !a.PanelOpen() {
		t.Fatal("the reference panel closed on the way back")
	}
	s.Forward()
	if s.Current() != reader.ViewReferences || refs.last.Ref != c.Keys[0] {
		t.Fatalf("Forward: view %q ref %q", s.Current(), refs.last.Ref)
	}
}

func TestShortcuts(t *testing.T) {
	withFakeView(t, reader.ViewStudies)
	s, w := newTestShell(t, "")
	names := strings.Join(s.ShortcutNames(), " ")
	for _, want := range []string{"Control+1", "Control+2", "Alt+Left", "Alt+Right", "Control+=", "Control+-", "Control+0", "F1"} {
		if !strings.Contains(names, want) {
			t.Errorf("no shortcut %s in %s", want, names)
		}
	}
	typeShortcut(w, ctrl(fyne.Key2))
	if s.Current() != reader.ViewStudies {
		t.Fatalf("Ctrl+2 showed %q, want studies", s.Current())
	}
	typeShortcut(w, alt(fyne.KeyLeft))
	if s.Current() != reader.ViewArticle {
		t.Fatalf("Alt+Left showed %q, want the article", s.Current())
	}
	typeShortcut(w, alt(fyne.KeyRight))
	if s.Current() != reader.ViewStudies {
		t.Fatalf("Alt+Right showed %q, want studies", s.Current())
	}
	typeShortcut(w, ctrlShift(fyne.KeyEqual))
	typeShortcut(w, ctrl(fyne.KeyPlus))
	if s.TextScale() != 1.2 {
		t.Fatalf("two Bigger steps: scale %v, want 1.2", s.TextScale())
	}
	for i := 0; i < 20; i++ {
		typeShortcut(w, ctrl(fyne.KeyMinus))
	}
	if s.TextScale() != settings.MinScale {
		t.Fatalf("Smaller clamps at %v, got %v", settings.MinScale, s.TextScale())
	}
	if got := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText); got >= theme.DefaultTheme().Size(theme.SizeNameText) {
		t.Fatalf("text size %v not scaled down", got)
	}
	typeShortcut(w, ctrl(fyne.Key0))
	if s.TextScale() != 1 {
		t.Fatalf("Ctrl+0: scale %v, want 1", s.TextScale())
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textOf(top), "Keyboard shortcuts") || !strings.Contains(textOf(top), "Alt+←") {
		t.Fatal("F1 did not show the shortcuts dialog")
	}
	// Every menu item with a shortcut is also registered on the canvas.
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && !strings.Contains(names, sc.ShortcutName()) && sc.Modifier != 0 {
				t.Errorf("menu item %q has shortcut %s that is not registered", it.Label, sc.ShortcutName())
			}
		}
	}
}

func TestLinkPolicyInTheWindow(t *testing.T) {
	s, w := newTestShell(t, "")
	var opened []string
	s.OpenURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://example.org/", "weird:thing"} {
		s.ctx.OpenLink(bad)
		top := w.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(textOf(top), "This link is not opened") || !strings.Contains(textOf(top), bad) {
			t.Fatalf("%s: no explanation dialog showing the address", bad)
		}
		test.Tap(findButton(t, top, "Close"))
	}
	// A bidi control is spelled out, and a 100 KB address is cut.
	for bad, shown := range map[string]string{
		"https://example.org/\u202Egpj.exe":                  "https://example.org/⟨U+202E⟩gpj.exe",
		"https://example.org/" + strings.Repeat("a", 100000): "… (100020 bytes in all)",
	} {
		s.ctx.OpenLink(bad)
		top := w.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(textOf(top), shown) || len(textOf(top)) > 2000 {
			t.Fatalf("%.40q: the dialog does not show %q, or shows too much", bad, shown)
		}
		test.Tap(findButton(t, top, "Close"))
	}
	if len(opened) != 0 {
		t.Fatalf("blocked links were opened: %v", opened)
	}
	s.ctx.OpenLink("https://doi.org/10.1000/x")
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textOf(top), "https://doi.org/10.1000/x") {
		t.Fatal("the confirm dialog does not show the address")
	}
	if len(opened) != 0 {
		t.Fatal("a web link opened before confirmation")
	}
	test.Tap(findButton(t, top, "Open"))
	if len(opened) != 1 || opened[0] != "https://doi.org/10.1000/x" {
		t.Fatalf("after confirming, opened %v", opened)
	}
	s.ctx.OpenLink("mailto:editors@example.org")
	test.Tap(findButton(t, w.Canvas().Overlays().Top(), "Cancel"))
	if len(opened) != 1 {
		t.Fatal("a cancelled mail link was opened")
	}
	// The keyboard answers too: Esc cancels, Enter opens (Open has focus).
	s.ctx.OpenLink("https://doi.org/10.1000/esc")
	key(s, fyne.KeyEscape)
	if len(opened) != 1 || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Esc on the link confirmation: opened %v, dialog still up: %v", opened, w.Canvas().Overlays().Top() != nil)
	}
	s.ctx.OpenLink("https://doi.org/10.1000/enter")
	key(s, fyne.KeyReturn)
	if len(opened) != 2 || opened[1] != "https://doi.org/10.1000/enter" || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Enter on the link confirmation: opened %v", opened)
	}
}

func TestDiscrepancyMarkers(t *testing.T) {
	s, _ := newTestShell(t, "")
	a := s.Article()
	want := 0
	for _, st := range s.Loaded.Pack.Studies {
		for _, d := range st.Discrepancies {
			if d.Anchor != "" && strings.Contains(string(s.Loaded.Pack.Sources["article.md"]), d.Anchor) {
				want++
			}
		}
	}
	if want == 0 {
		t.Fatal("the bundled pack has no discrepancies anchored in the article")
	}
	if a.MarkerCount() != want {
		t.Fatalf("%d markers, want %d", a.MarkerCount(), want)
	}
	// The first marker follows its anchor inline and opens both sides.
	var marker *widget.HyperlinkSegment
	walk(a.Docs.Object(), func(o fyne.CanvasObject) bool {
		if rt, ok := o.(*widget.RichText); ok {
			for _, seg := range rt.Segments {
				if h, ok := seg.(*widget.HyperlinkSegment); ok && h.Text == "differs from source" {
					marker = h
					return false
				}
			}
		}
		return true
	})
	if marker == nil {
		t.Fatal("no marker in the rendered article")
	}
	marker.OnTapped()
	text := textOf(a.Panel())
	for _, want := range []string{"Article says", "says", "The article differs from its source"} {
		if !strings.Contains(text, want) {
			t.Fatalf("marker panel lacks %q:\n%s", want, text)
		}
	}
}

func TestSettingsPersistence(t *testing.T) {
	// The studies table is replaced: TestZoomWithEveryView covers it.
	withFakeView(t, reader.ViewStudies)
	path := filepath.Join(t.TempDir(), "evidence-reader", settings.FileName)
	s, _ := newTestShell(t, path)
	s.SetTheme(settings.ThemeDark)
	s.Zoom(2)
	// A block in the middle, a little way into it (the last block would
	// clamp at the end of the document).
	mid := len(s.Loaded.Pack.Article.Blocks) / 3
	s.Go(reader.Location{View: reader.ViewArticle, Block: mid})
	s.Article().Docs.ScrollTo(s.Article().Docs.Offset() + 23)
	pos := s.Article().Position()
	if pos.Block != mid || pos.Delta <= 0 {
		t.Fatalf("reading position %+v, want inside block %d", pos, mid)
	}
	s.SaveSettings()

	s2, _ := newTestShell(t, path)
	if s2.ThemeMode() != settings.ThemeDark || s2.TextScale() != 1.2 {
		t.Fatalf("reopened: theme %q scale %v", s2.ThemeMode(), s2.TextScale())
	}
	// The same text is at the top: block heights are measured as they
	// are shown, so the pixel offset may differ between sessions.
	if got := s2.Article().Position(); got.Block != pos.Block || math.Abs(float64(got.Delta-pos.Delta)) > 0.5 || got.Offset <= 0 {
		t.Fatalf("reopened at %+v, want block %d, %v into it", got, pos.Block, pos.Delta)
	}
	if s2.notices != nil && len(s2.notices.Objects) != 0 {
		t.Fatal("a good settings file produced a notice")
	}
}

func TestCorruptSettingsGiveDefaultsAndOneNotice(t *testing.T) {
	path := filepath.Join(t.TempDir(), settings.FileName)
	os.WriteFile(path, []byte(`{"packs":{"spot-reduction":{"theme":"da`), 0o644)
	s, w := newTestShell(t, path)
	if s.ThemeMode() != settings.ThemeSystem || s.TextScale() != 1 {
		t.Fatalf("corrupt file: theme %q scale %v, want defaults", s.ThemeMode(), s.TextScale())
	}
	if s.notices == nil || len(s.notices.Objects) != 1 {
		t.Fatal("want exactly one notice for a corrupt settings file")
	}
	if !strings.Contains(textOf(w.Content()), "damaged") {
		t.Fatal("the notice does not say the file was damaged")
	}
	if _, err := os.Stat(path + ".bad"); err != nil {
		t.Fatal("the damaged file was not kept aside")
	}
	// Switching packs does not show the notice again.
	s.SetPack(cli.LoadBundled(time.Now()))
	if strings.Contains(textOf(w.Content()), "damaged") {
		t.Fatal("the settings notice was shown twice")
	}
}

func TestUnwritableSettingsNoticeOnce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "blocker"), []byte("x"), 0o644)
	path := filepath.Join(dir, "blocker", settings.FileName)
	s, w := newTestShell(t, path)
	s.SaveSettings()
	s.SaveSettings()
	if n := strings.Count(textOf(w.Content()), "Settings could not be saved"); n != 1 {
		t.Fatalf("%d save-failure notices, want 1", n)
	}
}

func writeBrokenPack(t *testing.T) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "pack.toml"), []byte("id = \"broken\"\ntitle = [unclosed\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "article.md"), []byte("# Hi\n"), 0o644)
	return dir
}

func TestErrorViewForBrokenPack(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	dir := writeBrokenPack(t)
	l := cli.LoadDir(dir, time.Now())
	if !l.Diags.HasErrors() {
		t.Fatal("fixture pack has no errors")
	}
	s := NewShell(a, w, l, cli.OpenOptions{Bundled: func() cli.Loaded { return cli.LoadBundled(time.Now()) }}, "")
	w.Resize(fyne.NewSize(800, 600))
	text := textOf(w.Content())
	if !strings.Contains(text, "This evidence pack cannot be opened") {
		t.Fatalf("no error view:\n%s", text)
	}
	for _, d := range l.Diags {
		if !strings.Contains(text, d.String()) {
			t.Errorf("diagnostic %q not listed", d.String())
		}
	}
	if !strings.Contains(text, "pack.toml:2:") {
		t.Fatalf("the pack.toml error does not name its line:\n%s", text)
	}
	// From the keyboard: the first Tab reaches the offer of the bundled
	// pack, and Space takes it.
	w.Canvas().FocusNext()
	if b, ok := w.Canvas().Focused().(*widget.Button); !ok || b.Text != "Open the bundled pack" {
		t.Fatalf("the first Tab focused %T, not the bundled-pack button", w.Canvas().Focused())
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	waitLoads(s) // packs load off the UI goroutine
	if s.Loaded.Diags.HasErrors() || s.Article() == nil {
		t.Fatal("the bundled pack did not open")
	}
	if !strings.HasSuffix(w.Title(), "— Evidence Reader") || strings.Contains(w.Title(), "errors") {
		t.Fatalf("title %q", w.Title())
	}
}

func TestMissingFolderNeverCrashes(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	l := cli.LoadDir(filepath.Join(t.TempDir(), "nope"), time.Now())
	NewShell(a, w, l, cli.OpenOptions{}, "")
	if !strings.Contains(textOf(w.Content()), "no pack at") {
		t.Fatal("a missing folder does not explain itself")
	}
}

func TestAboutAndOverdueNotice(t *testing.T) {
	s, w := newTestShell(t, "")
	about := textOf(s.AboutContent())
	m := s.Loaded.Pack.Meta
	for _, want := range []string{"test", m.ID, m.Version, m.LastReviewed.String(), m.NextReview.String(), m.EvidenceSearchedTo.String(), "not medical advice"} {
		if !strings.Contains(about, want) {
			t.Errorf("About lacks %q", want)
		}
	}
	if strings.Contains(textOf(w.Content()), "due for review") {
		t.Fatal("review notice shown for a pack that is not overdue")
	}
	s.Now = func() time.Time { return m.NextReview.Time.AddDate(0, 0, 2) }
	s.SetPack(cli.LoadBundled(time.Now()))
	text := textOf(w.Content())
	if !strings.Contains(text, "due for review on "+m.NextReview.String()) {
		t.Fatalf("no overdue notice with the date:\n%s", text)
	}
}

func TestRealViewsWired(t *testing.T) {
	s, w := newTestShell(t, "")
	for _, name := range []string{reader.ViewStudies, reader.ViewLimitations, reader.ViewGuidance, reader.ViewReferences} {
		if !s.HasView(name) {
			t.Fatalf("view %s is not wired", name)
		}
	}
	c := firstCitation(t, s)
	s.Go(reader.Location{View: reader.ViewArticle, Block: c.Block})
	s.Article().ShowCitation(c)
	reading := s.Article().Docs.Offset()
	test.Tap(findButton(t, s.Article().Panel(), "Go to reference"))
	if s.Current() != reader.ViewReferences || s.View(reader.ViewReferences).Position().Ref != c.Keys[0] {
		t.Fatalf("Go to reference: view %q at %+v", s.Current(), s.View(reader.ViewReferences).Position())
	}
	typeShortcut(w, alt(fyne.KeyLeft))
	if s.Current() != reader.ViewArticle || s.Article().Docs.Offset() != reading {
		t.Fatalf("Back: view %q offset %v, want the article at %v", s.Current(), s.Article().Docs.Offset(), reading)
	}
	typeShortcut(w, ctrl(fyne.KeyK))
	if s.palette() == nil || !s.palette().Visible() {
		t.Fatal("Ctrl+K did not open the search palette")
	}
	// Web links from the other views go through the shell's policy.
	s.GoView(reader.ViewGuidance)
	s.ctx.OpenLink("javascript:alert(1)")
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(textOf(top), "not opened") {
		t.Fatal("no policy dialog")
	}
}

// Text size changes re-lay out every view, hidden ones included; none may
// panic. (Fyne 2.8.1 panics in RichText.updateRowBounds for a Label with
// both TextWrapWord and TextTruncateEllipsis once it is shorter than a line.)
func TestZoomWithEveryView(t *testing.T) {
	s, _ := newTestShell(t, "")
	for _, name := range []string{reader.ViewStudies, reader.ViewLimitations, reader.ViewGuidance, reader.ViewReferences, reader.ViewArticle} {
		s.GoView(name)
		for _, steps := range []int{1, 1, 1, 0} {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("view %s: text size step %d panicked: %v", name, steps, r)
					}
				}()
				s.Zoom(steps)
			}()
		}
	}
}

func TestWindowSizeRemembered(t *testing.T) {
	withFakeView(t, reader.ViewStudies)
	path := filepath.Join(t.TempDir(), settings.FileName)
	s, _ := newTestShell(t, path)
	if got := s.windowSize(); got != DefaultWindowSize {
		t.Fatalf("first start: %v, want the default %v", got, DefaultWindowSize)
	}
	s.Win.Resize(fyne.NewSize(900, 640))
	s.SaveSettings()

	s2, _ := newTestShell(t, path)
	if got := s2.windowSize(); got != fyne.NewSize(900, 640) {
		t.Fatalf("reopened at %v, want the remembered 900x640", got)
	}
	// --size wins over the remembered size.
	s2.opts.Width, s2.opts.Height = 800, 600
	if got := s2.windowSize(); got != fyne.NewSize(800, 600) {
		t.Fatalf("--size 800x600 gave %v", got)
	}
}

func TestReadingKeysScrollTheDocument(t *testing.T) {
	withFakeView(t, reader.ViewStudies)
	s, w := newTestShell(t, "")
	press := func(k fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	w.Canvas().Unfocus()
	for _, name := range []string{reader.ViewArticle, reader.ViewLimitations, reader.ViewGuidance} {
		s.GoView(name)
		d := s.currentDoc()
		if d == nil {
			t.Fatalf("%s: no document on screen", name)
		}
		if d.Offset() != 0 {
			d.ScrollTo(0)
		}
		press(fyne.KeyPageDown)
		page := d.Offset()
		if page < 200 {
			t.Fatalf("%s: Page Down moved to %v, want most of a screen", name, page)
		}
		press(fyne.KeyDown)
		if d.Offset() <= page {
			t.Fatalf("%s: Down did not move past %v (at %v)", name, page, d.Offset())
		}
		press(fyne.KeyPageUp)
		press(fyne.KeyUp)
		if d.Offset() != 0 {
			t.Fatalf("%s: Page Up and Up did not return to the top: %v", name, d.Offset())
		}
		press(fyne.KeyEnd)
		end := d.Offset()
		press(fyne.KeyPageDown)
		if end <= page || d.Offset() != end {
			t.Fatalf("%s: End went to %v, and Page Down after it to %v; want the end, past %v", name, end, d.Offset(), page)
		}
		press(fyne.KeyHome)
		if d.Offset() != 0 {
			t.Fatalf("%s: Home left the view at %v", name, d.Offset())
		}
	}
	s.GoView(reader.ViewReferences)
	if s.currentDoc() != nil {
		t.Fatal("the references view is not a document, but currentDoc returned one")
	}
}

func TestEscapeClosesTheDialogOnTop(t *testing.T) {
	withFakeView(t, reader.ViewStudies)
	s, w := newTestShell(t, "")
	w.Canvas().Unfocus()
	esc := func() { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	for name, open := range map[string]func(){"About": s.ShowAbout, "shortcuts": s.ShowShortcuts} {
		open()
		if w.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: no dialog was shown", name)
		}
		esc()
		if top := w.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("%s: Esc left the dialog open (%T)", name, top)
		}
		// With its Close button focused (Tab), Esc reaches the button.
		open()
		var b *widgets.EscButton
		for i := 0; i < 50 && b == nil; i++ {
			w.Canvas().FocusNext()
			b, _ = w.Canvas().Focused().(*widgets.EscButton)
		}
		if b == nil {
			t.Fatalf("%s: Tab never reached the Close button", name)
		}
		b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if top := w.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("%s: Esc on the focused Close button left the dialog open", name)
		}
	}
}

// TestKeysDoNotReachThePageBehindADialog: with a dialog open and nothing
// focused, reading keys must not scroll the article behind it.
func TestKeysDoNotReachThePageBehindADialog(t *testing.T) {
	withFakeView(t, reader.ViewStudies)
	s, w := newTestShell(t, "")
	press := func(k fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	s.GoView(reader.ViewArticle)
	d := s.currentDoc()
	d.ScrollTo(0)
	s.ShowAbout()
	w.Canvas().Unfocus()
	for _, k := range []fyne.KeyName{fyne.KeyPageDown, fyne.KeySpace, fyne.KeyEnd, fyne.KeyDown} {
		press(k)
	}
	if d.Offset() != 0 {
		t.Fatalf("keys typed into the About dialog scrolled the article to %v", d.Offset())
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("the dialog closed on a key other than Esc")
	}
	press(fyne.KeyEscape)
	press(fyne.KeyPageDown)
	if d.Offset() < 200 {
		t.Fatalf("after Esc, Page Down moved the article to %v, want most of a screen", d.Offset())
	}
}

// TestErrorViewListsErrorsFirst: a pack's blocking errors come before its
// warnings and notes, in file order within each, on screen and when copied.
func TestErrorViewListsErrorsFirst(t *testing.T) {
	a := test.NewTempApp(t)
	diags := pack.Diagnostics{
		{File: "article.md", Line: 3, Col: 1, Severity: pack.Warning, Message: "first warning"},
		{File: "article.md", Line: 9, Col: 1, Severity: pack.Note, Message: "a note"},
		{File: "studies.toml", Line: 14, Col: 8, Severity: pack.Error, Message: "the blocking error"},
		{File: "references.json", Line: 2, Col: 1, Severity: pack.Warning, Message: "second warning"},
		{File: "slides.md", Line: 1, Col: 1, Severity: pack.Error, Message: "a later error"},
	}
	v := NewErrorView(cli.Loaded{Dir: "broken", Diags: diags}, nil, nil)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(800, 600))
	text := textOf(v)
	want := []string{"the blocking error", "a later error", "first warning", "second warning", "a note"}
	last := -1
	for _, m := range want {
		i := strings.Index(text, m)
		if i < 0 {
			t.Fatalf("%q not listed:\n%s", m, text)
		}
		if i < last {
			t.Errorf("%q is listed out of order:\n%s", m, text)
		}
		last = i
	}
	test.Tap(findButton(t, v, "Copy all messages"))
	copied := a.Clipboard().Content()
	if !strings.HasPrefix(copied, "studies.toml:14:8: error: the blocking error\nslides.md:1:1: error:") {
		t.Errorf("copied messages do not start with the errors:\n%s", copied)
	}
}

// TestStudiesTableF1InTheShell: Tab reaches the studies table past the
// shell's sidebar and toolbar and the view's filter and Compare, and F1
// typed into the focused table opens the shortcuts dialog, which lists
// every key of the table. (ui/reader tests the table's keys on their own.)
func TestStudiesTableF1InTheShell(t *testing.T) {
	s, w := newTestShell(t, "")
	s.GoView(reader.ViewStudies)
	before := 0
	for range 40 {
		w.Canvas().FocusNext()
		before++
		if b, ok := w.Canvas().Focused().(*widget.Button); ok && b.Text == "Compare side by side" {
			break
		}
	}
	if b, ok := w.Canvas().Focused().(*widget.Button); !ok || b.Text != "Compare side by side" {
		t.Fatal("40 Tabs never reached the studies view's Compare button")
	}
	w.Canvas().FocusNext() // the table comes after Compare
	// Sidebar, four toolbar buttons, filter and Compare; no stop per row or header.
	if before > 8 {
		t.Errorf("%d Tab stops before the table, want at most 8", before)
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(textOf(top), "Keyboard shortcuts") {
		t.Fatalf("F1 in the focused table (%T) did not open the shortcuts dialog", w.Canvas().Focused())
	}
	txt := textOf(top)
	for _, k := range reader.TableKeys {
		if !strings.Contains(txt, k[1]) {
			t.Errorf("the shortcuts dialog lacks %q", k[1])
		}
	}
}

// A refused .evpack names the pack file, and a problem with the archive
// as a whole reads as its message, not as a file called ".".
func TestErrorViewForARefusedArchive(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "broken.evpack")
	if err := os.WriteFile(path, []byte("this is not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := cli.LoadPath(path, time.Now())
	if !l.Diags.HasErrors() || l.Diags[0].File != "." {
		t.Fatalf("fixture: want an archive-level error, got %v", l.Diags)
	}
	v := NewErrorView(l, nil, nil)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(800, 600))
	text := textOf(v)
	if !strings.Contains(text, "The file "+l.Source.Path+" is not a usable evidence pack") || strings.Contains(text, "Fix them") {
		t.Errorf("the summary does not say the pack file is not usable, or asks to fix files:\n%s", text)
	}
	if strings.Contains(text, ".:1:1:") || !strings.Contains(text, "error: "+l.Diags[0].Message) {
		t.Errorf("the archive's error is not shown as its message:\n%s", text)
	}
}

// A load failure that is not about a file inside the pack (a path with
// nothing there, an archive refused for an entry that leaves it) does not
// ask the reader to fix files; a pack with broken files still does.
func TestErrorViewForALoadFailure(t *testing.T) {
	test.NewTempApp(t)
	evil := filepath.Join(t.TempDir(), "evil.evpack")
	f, err := os.Create(evil)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	if e, err := zw.Create("../evil.txt"); err != nil {
		t.Fatal(err)
	} else if _, err := e.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	missing := filepath.Join(t.TempDir(), "nonexistent-pack")
	for _, c := range []struct {
		path, want, why string
	}{
		{missing, "There is no usable evidence pack at " + missing + ", for the reason below.", "error: no pack at " + missing + ": no such folder or file"},
		{evil, "The file " + evil + " is not a usable evidence pack, for the reason below.", `error: entry "../evil.txt" leaves the archive`},
	} {
		l := cli.LoadPath(c.path, time.Now())
		v := NewErrorView(l, nil, nil)
		test.NewTempWindow(t, v).Resize(fyne.NewSize(800, 600))
		text := textOf(v)
		if !strings.Contains(text, c.want) || !strings.Contains(text, c.why) || strings.Contains(text, "Fix them") || strings.Contains(text, "no such file or directory") {
			t.Errorf("%s:\n%s", filepath.Base(c.path), text)
		}
	}
	broken := writeBrokenPack(t)
	l := cli.LoadDir(broken, time.Now())
	if text := textOf(NewErrorView(l, nil, nil)); !strings.Contains(text, "Fix them in the files named below") {
		t.Errorf("a pack with broken files no longer says to fix them:\n%s", text)
	}
	// The same broken files in a pack file: a reader cannot edit them,
	// whoever made it can.
	archive := filepath.Join(t.TempDir(), "broken.evpack")
	if err := evpack.Write(broken, archive); err != nil {
		t.Fatal(err)
	}
	l = cli.LoadPath(archive, time.Now())
	if text := textOf(NewErrorView(l, nil, nil)); !strings.Contains(text, "Whoever made it can fix them in the pack's folder and pack it again") || strings.Contains(text, "Fix them in the files") {
		t.Errorf("a pack file with broken files:\n%s", text)
	}
}

// The window-reading helpers shared with the other ui packages' tests.
var (
	walk   = uitest.Walk
	textOf = uitest.TextOf
)

// The F1 help says what a focused citation link answers: Space opens it,
// and Enter, which Fyne's Hyperlink ignores, is not promised.
func TestHelpSaysHowAFocusedLinkOpens(t *testing.T) {
	s, w := newTestShell(t, "")
	s.GoView(reader.ViewArticle)
	var link *widget.Hyperlink
	for i := 0; i < 200 && link == nil; i++ {
		w.Canvas().FocusNext()
		link, _ = w.Canvas().Focused().(*widget.Hyperlink)
	}
	if link == nil {
		t.Fatal("Tab never reached a citation link in the article")
	}
	a := s.Article()
	link.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	enterOpens := a.PanelOpen()
	a.ClosePanel()
	link.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if !a.PanelOpen() {
		t.Fatal("Space on a focused citation link did not open its reference")
	}
	s.ShowShortcuts()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("F1 showed nothing")
	}
	help := textOf(top)
	if !strings.Contains(help, "Space activates the focused one") || !strings.Contains(help, "link") {
		t.Fatalf("the help does not say Space opens a focused link:\n%s", help)
	}
	if !enterOpens && strings.Contains(help, "Space or Enter activates") {
		t.Fatal("the help promises Enter on a focused link, which does nothing")
	}
}

// A study opened from the search palette (Ctrl+K, Enter) leaves the
// keyboard in the studies table, on that study: Down and Enter open the
// next study at once, with no Tab first.
func TestStudyFromSearchFocusesTheTable(t *testing.T) {
	s, w := newTestShell(t, "")
	s.GoView(reader.ViewArticle)
	s.OpenSearch()
	searchTyper(s.ctx, "Löberbauer")
	p := s.palette()
	if p == nil {
		t.Fatal("no palette")
	}
	key := func(k fyne.KeyName) {
		f := w.Canvas().Focused()
		if f == nil {
			t.Fatalf("key %s: nothing has the keyboard", k)
		}
		f.TypedKey(&fyne.KeyEvent{Name: k})
	}
	for i := 0; i < 10 && (p.Selected() < 0 || p.Rows()[p.Selected()] != "Löberbauer-Purer 2012"); i++ {
		key(fyne.KeyDown)
	}
	if p.Selected() < 0 || p.Rows()[p.Selected()] != "Löberbauer-Purer 2012" {
		t.Fatalf("set-up: Down never reached the study in %v", p.Rows())
	}
	key(fyne.KeyReturn)
	studies := s.View(reader.ViewStudies).(*reader.LazyView).Built().(*reader.StudiesView)
	if s.Current() != reader.ViewStudies || studies.Current() != "loberbauerpurer2012" {
		t.Fatalf("Enter showed %q, study %q", s.Current(), studies.Current())
	}
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatal("nothing has the keyboard after opening a study from search")
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if cur := studies.Current(); cur == "loberbauerpurer2012" || cur == "" {
		t.Fatalf("Down and Enter on the focused %T did not open the next study (%q)", f, cur)
	}
}

// F1 says how to switch the theme, naming the View menu's Theme entries.
func TestHelpSaysHowToSwitchTheme(t *testing.T) {
	s, w := newTestShell(t, "")
	var theme *fyne.MenuItem
	for _, m := range w.MainMenu().Items {
		if m.Label != "View" {
			continue
		}
		for _, it := range m.Items {
			if it.Label == "Theme" {
				theme = it
			}
		}
	}
	if theme == nil || theme.ChildMenu == nil || len(theme.ChildMenu.Items) == 0 {
		t.Fatal("set-up: no View › Theme menu")
	}
	s.ShowShortcuts()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("F1 showed nothing")
	}
	help := textOf(top)
	if !strings.Contains(help, "View › Theme") {
		t.Fatalf("the help does not say View › Theme:\n%s", help)
	}
	for _, it := range theme.ChildMenu.Items {
		if !strings.Contains(help, it.Label) {
			t.Errorf("the help does not name the theme %q", it.Label)
		}
	}
}

// Tab goes in reading order: the toolbar, the sidebar, then the view
// (it went into the view first, then the sidebar, then the toolbar).
func TestTabGoesToolbarSidebarView(t *testing.T) {
	s, w := newTestShell(t, "")
	var stops []fyne.Focusable
	for range 4 {
		w.Canvas().FocusNext()
		stops = append(stops, w.Canvas().Focused())
	}
	if b, ok := stops[0].(*widget.Button); !ok || b.Text != "Search" {
		t.Errorf("first Tab: %T, want the toolbar's Search button", stops[0])
	}
	if _, ok := stops[1].(*widgets.IconButton); !ok {
		t.Errorf("second Tab: %T, want the toolbar's About button", stops[1])
	}
	if stops[2] != fyne.Focusable(s.sidebar) {
		t.Errorf("third Tab: %T, want the sidebar", stops[2])
	}
	if stops[3] != fyne.Focusable(s.Article().Outline()) {
		t.Errorf("fourth Tab: %T, want the article's contents", stops[3])
	}
}
