package shelf

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
)

func bundledPack(t *testing.T) *pack.Pack {
	t.Helper()
	fsys, err := content.Pack(content.Default)
	if err != nil {
		t.Fatal(err)
	}
	p, ds := pack.Load(fsys, "bundled", pack.Options{Now: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatalf("bundled pack: %v", ds)
	}
	return p
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestSaveLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evidence-reader", FileName)
	pos := settings.Location{View: "article", Block: 7, Offset: 412.5, Delta: 3}
	want := Shelf{Version: 1, Entries: []Entry{
		{Kind: Bundled, ID: "spot-reduction", Title: "Spot", Version: "1.0.0", LastReviewed: "2026-11-27", NextReview: "2027-11-27",
			LastOpened: day("2026-12-01 10:00").UTC(), Position: &pos, Progress: Progress{View: "article", Percent: 12, Section: "Why"}},
		{Kind: Archive, Path: "/home/a/Library/x.evpack", ID: "x", Copy: true, Original: "/home/a/Downloads/x.evpack", Progress: Progress{Percent: -1}},
		{Kind: Folder, Path: "/srv/packs/y", ID: "y"},
	}}
	if err := Save(path, want); err != nil {
		t.Fatal(err)
	}
	got, found, notice := Load(path)
	if !found || notice != "" {
		t.Fatalf("found %v, notice %q", found, notice)
	}
	if len(got.Entries) != 3 {
		t.Fatalf("got %d entries, want 3: %+v", len(got.Entries), got.Entries)
	}
	a, b := got.Entries[0], want.Entries[0]
	if a.Key() != b.Key() || a.Title != b.Title || a.NextReview != b.NextReview || !a.LastOpened.Equal(b.LastOpened) ||
		a.Position == nil || *a.Position != pos || a.Progress != b.Progress {
		t.Fatalf("bundled entry: got %+v, want %+v", a, b)
	}
	if c := got.Entries[1]; !c.Copy || c.Original != "/home/a/Downloads/x.evpack" || c.Key() != "archive:/home/a/Library/x.evpack" {
		t.Fatalf("copy entry: got %+v", c)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestMissingShelfIsNotFoundAndQuiet(t *testing.T) {
	s, found, notice := Load(filepath.Join(t.TempDir(), FileName))
	if found || notice != "" || len(s.Entries) != 0 {
		t.Fatalf("found %v, notice %q, entries %v", found, notice, s.Entries)
	}
}

func TestDamagedShelfStartsEmptyAndIsKeptAside(t *testing.T) {
	for name, body := range map[string]string{
		"corrupt":   "{not json",
		"truncated": `{"version":1,"entries":[{"kind":"folder","path":"/a`,
		"wrongtype": `{"version":1,"entries":{"kind":"folder"}}`,
		"binary":    "\x00\xff\x01",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			s, found, notice := Load(path)
			if !found || len(s.Entries) != 0 {
				t.Fatalf("found %v, entries %v; want found and empty", found, s.Entries)
			}
			if !strings.Contains(notice, "library starts empty") || !strings.Contains(notice, path+".bad") {
				t.Fatalf("notice %q should say the library starts empty and where the file went", notice)
			}
			kept, err := os.ReadFile(path + ".bad")
			if err != nil || string(kept) != body {
				t.Fatalf("damaged file not kept intact: %v %q", err, kept)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Fatal("damaged file still in place, so the next save would replace it silently")
			}
			// The next save works and the file reads back.
			s.EnsureBundled(Entry{Kind: Bundled, ID: "b"})
			if err := Save(path, s); err != nil {
				t.Fatal(err)
			}
			if again, _, n := Load(path); n != "" || len(again.Entries) != 1 {
				t.Fatalf("after saving: notice %q, entries %v", n, again.Entries)
			}
		})
	}
}

func TestUnreadableShelfSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.Mkdir(path, 0o755); err != nil { // a folder where the file should be
		t.Fatal(err)
	}
	s, _, notice := Load(path)
	if len(s.Entries) != 0 || !strings.Contains(notice, "could not be read") {
		t.Fatalf("entries %v, notice %q", s.Entries, notice)
	}
}

// A shelf file that is there but cannot be read (here a link to itself,
// which no user can read) is never replaced: the shelf is kept in memory
// for the session, and the notice says so. The first save used to put an
// empty shelf in its place.
func TestUnreadableShelfIsLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.Symlink(FileName, path); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	s, found, notice := Load(path)
	if !found || !strings.Contains(notice, "could not be read") || !strings.Contains(notice, "not saved") || !strings.Contains(notice, path+" is left as it is") {
		t.Fatalf("found %v, notice %q", found, notice)
	}
	s.EnsureBundled(Entry{Kind: Bundled, ID: "b"})
	s.Opened(Entry{Kind: Folder, Path: "/srv/p"}, time.Now())
	if err := Save(path, s); !errors.Is(err, settings.ErrNotRead) {
		t.Fatalf("Save = %v, want settings.ErrNotRead", err)
	}
	if st, err := os.Lstat(path); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the shelf file was replaced (%v, %v)", st.Mode(), err)
	}
}

func TestLoadDropsEntriesItCannotUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	body := `{"version":1,"entries":[
		{"kind":"folder","path":"relative/pack"},
		{"kind":"folder","path":""},
		{"kind":"web","path":"/x"},
		{"kind":"archive","path":"/a/../b/x.evpack","position":{"view":"article","block":2,"offset":-40}},
		{"kind":"archive","path":"/b/x.evpack"},
		{"kind":"bundled","path":"/ignored"}
	]}`
	os.WriteFile(path, []byte(body), 0o644)
	s, _, notice := Load(path)
	if notice != "" {
		t.Fatalf("notice %q", notice)
	}
	var keys []string
	for _, e := range s.Entries {
		keys = append(keys, e.Key())
	}
	if strings.Join(keys, " ") != "archive:/b/x.evpack bundled" {
		t.Fatalf("keys %v, want the cleaned archive once and the bundled pack", keys)
	}
	if s.Entries[0].Position.Offset != 0 {
		t.Fatalf("negative offset kept: %+v", s.Entries[0].Position)
	}
	// What it cannot use is not shown, but written back as it was: the
	// next save loses nothing (a newer version's kind of pack, say).
	if err := Save(path, s); err != nil {
		t.Fatal(err)
	}
	var file struct {
		Entries []map[string]any `json:"entries"`
	}
	b, _ := os.ReadFile(path)
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	var written []string
	for _, e := range file.Entries {
		written = append(written, fmt.Sprint(e["kind"], ":", e["path"]))
	}
	for _, want := range []string{"folder:relative/pack", "folder:", "web:/x", "archive:/b/x.evpack", "bundled:<nil>"} {
		if !slices.Contains(written, want) {
			t.Errorf("the saved file lacks %s: %v", want, written)
		}
	}
	if again, _, n := Load(path); n != "" || len(again.Entries) != 2 {
		t.Fatalf("reloaded: notice %q, entries %+v", n, again.Entries)
	}
}

func TestOpenedKeepsWhatOnlyTheShelfKnows(t *testing.T) {
	var s Shelf
	now := day("2026-12-01 09:00")
	e := Entry{Kind: Archive, Path: "/lib/x.evpack", Title: "Old title"}
	s.Opened(e, now)
	pos := settings.Location{View: "studies", Study: "s1"}
	if !s.SetPosition(e.Key(), pos, Progress{View: "studies", Percent: -1, Item: "Kim 2019"}) {
		t.Fatal("SetPosition: entry not found")
	}
	s.Entries[0].Copy, s.Entries[0].Original = true, "/dl/x.evpack"
	later := now.Add(time.Hour)
	got := s.Opened(Entry{Kind: Archive, Path: "/lib/x.evpack", Title: "New title", Version: "2"}, later)
	if len(s.Entries) != 1 {
		t.Fatalf("reopening added an entry: %v", s.Entries)
	}
	if got.Title != "New title" || got.Version != "2" || !got.LastOpened.Equal(later) {
		t.Fatalf("description or time not updated: %+v", got)
	}
	if got.Position == nil || *got.Position != pos || got.Progress.Item != "Kim 2019" || !got.Copy || got.Original != "/dl/x.evpack" {
		t.Fatalf("position, progress or copy lost: %+v", got)
	}
	if s.SetPosition("folder:/nowhere", pos, Progress{}) {
		t.Fatal("SetPosition on a pack not on the shelf should report false")
	}
}

func TestSortedBundledFirstThenMostRecent(t *testing.T) {
	s := Shelf{Entries: []Entry{
		{Kind: Folder, Path: "/old", LastOpened: day("2026-01-01 00:00")},
		{Kind: Archive, Path: "/new.evpack", LastOpened: day("2026-06-01 00:00")},
		{Kind: Bundled, LastOpened: day("2025-01-01 00:00")},
		{Kind: Folder, Path: "/never"},
	}}
	var keys []string
	for _, e := range s.Sorted() {
		keys = append(keys, e.Key())
	}
	if got := strings.Join(keys, " "); got != "bundled archive:/new.evpack folder:/old folder:/never" {
		t.Fatalf("order %s", got)
	}
}

func TestOverdueAgreesWithThePack(t *testing.T) {
	p := bundledPack(t)
	e := FromPack(p, Bundled, "ignored")
	if e.Path != "" || e.ID != content.Default || e.Title == "" || e.NextReview == "" || e.LastReviewed == "" {
		t.Fatalf("FromPack: %+v", e)
	}
	next := p.Meta.NextReview.Time
	for _, now := range []time.Time{next.AddDate(0, 0, -1), next, next.Add(23 * time.Hour), next.AddDate(0, 0, 1), next.AddDate(0, 0, 1).Add(time.Second), next.AddDate(1, 0, 0)} {
		if got, want := e.Overdue(now), p.Overdue(now); got != want {
			t.Errorf("at %v: entry overdue %v, pack overdue %v", now, got, want)
		}
	}
	if !e.Overdue(next.AddDate(0, 1, 0)) {
		t.Fatal("a month after the review date should be overdue")
	}
	if (Entry{NextReview: ""}).Overdue(time.Now()) || (Entry{NextReview: "soon"}).Overdue(time.Now()) {
		t.Fatal("no or unreadable date must not be overdue")
	}
}

func TestMissing(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.evpack")
	os.WriteFile(file, []byte("PK"), 0o644)
	if (Entry{Kind: Folder, Path: dir}).Missing() || (Entry{Kind: Archive, Path: file}).Missing() || (Entry{Kind: Bundled}).Missing() {
		t.Fatal("present packs reported missing")
	}
	os.Remove(file)
	if !(Entry{Kind: Archive, Path: file}).Missing() || !(Entry{Kind: Folder, Path: filepath.Join(dir, "gone")}).Missing() {
		t.Fatal("deleted packs not reported missing")
	}
}

// Today's settings file (before the shelf) remembers packs by id only.
const todaysSettings = `{
  "version": 1,
  "packs": {
    "spot-reduction": {"theme": "dark", "text_scale": 1.2, "view": "studies",
      "position": {"view": "article", "block": 31, "offset": 2280, "delta": 12}},
    "example-stretching": {"theme": "light", "text_scale": 1, "view": "article",
      "position": {"view": "article", "block": 3, "offset": 200}}
  },
  "window": {"width": 1200, "height": 800}
}`

func TestMigrateFromTodaysSettingsFile(t *testing.T) {
	dir := t.TempDir()
	setPath := filepath.Join(dir, settings.FileName)
	os.WriteFile(setPath, []byte(todaysSettings), 0o644)
	set, notice := settings.Load(setPath)
	if notice != "" {
		t.Fatal(notice)
	}
	if _, found, _ := Load(Path(setPath)); found {
		t.Fatal("no shelf file yet, but Load found one")
	}
	b := FromPack(bundledPack(t), Bundled, "")
	s, remembered := Migrate(set, b)
	if !remembered {
		t.Fatal("the settings know the bundled pack: the reader has read before")
	}
	if len(s.Entries) != 1 || s.Entries[0].Kind != Bundled {
		t.Fatalf("entries %+v, want the bundled pack only (the other pack has no path)", s.Entries)
	}
	if p := s.Entries[0].Position; p == nil || p.Block != 31 || p.Offset != 2280 || p.Delta != 12 {
		t.Fatalf("position not migrated: %+v", p)
	}
	if err := Save(Path(setPath), s); err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(Path(setPath)) != dir {
		t.Fatalf("shelf file %s not beside the settings file", Path(setPath))
	}
	if _, found, n := Load(Path(setPath)); !found || n != "" {
		t.Fatalf("after migrating: found %v notice %q", found, n)
	}
}

func TestMigrateWithoutSettingsOrFromADamagedOne(t *testing.T) {
	b := FromPack(bundledPack(t), Bundled, "")
	// No settings file: a first start.
	set, _ := settings.Load(filepath.Join(t.TempDir(), settings.FileName))
	if s, remembered := Migrate(set, b); remembered || len(s.Entries) != 1 || s.Entries[0].Position != nil {
		t.Fatalf("first start: remembered %v, entries %+v", remembered, s.Entries)
	}
	// A damaged settings file gives defaults (and keeps the file aside),
	// so nothing is remembered and the shelf still has the bundled pack.
	path := filepath.Join(t.TempDir(), settings.FileName)
	os.WriteFile(path, []byte(todaysSettings[:90]), 0o644)
	set, notice := settings.Load(path)
	if notice == "" {
		t.Fatal("damaged settings gave no notice")
	}
	if s, remembered := Migrate(set, b); remembered || len(s.Entries) != 1 {
		t.Fatalf("damaged settings: remembered %v, entries %+v", remembered, s.Entries)
	}
}

func TestEnsureBundled(t *testing.T) {
	s := Shelf{Entries: []Entry{{Kind: Folder, Path: "/a"}}}
	s.EnsureBundled(Entry{Kind: Bundled, Title: "v1"})
	if s.Entries[0].Kind != Bundled {
		t.Fatalf("bundled pack not put first: %+v", s.Entries)
	}
	pos := settings.Location{View: "guidance", Block: 2}
	s.Entries[0].Position = &pos
	s.EnsureBundled(Entry{Kind: Bundled, Title: "v2"})
	if len(s.Entries) != 2 || s.Entries[0].Title != "v2" || s.Entries[0].Position == nil {
		t.Fatalf("refresh lost the position or added an entry: %+v", s.Entries)
	}
}

func TestReplaceKeepsPositionAndOneEntryPerPack(t *testing.T) {
	pos := settings.Location{View: "article", Block: 9}
	s := Shelf{Entries: []Entry{
		{Kind: Archive, Path: "/dl/x.evpack", Position: &pos, LastOpened: day("2026-05-01 00:00")},
		{Kind: Archive, Path: "/found/x.evpack"},
	}}
	if !s.Replace("archive:/dl/x.evpack", Entry{Kind: Archive, Path: "/found/x.evpack", Title: "X"}) {
		t.Fatal("Replace: not found")
	}
	if len(s.Entries) != 1 {
		t.Fatalf("two entries for one pack: %+v", s.Entries)
	}
	e := s.Entries[0]
	if e.Path != "/found/x.evpack" || e.Position == nil || e.Position.Block != 9 || e.LastOpened.IsZero() || e.Title != "X" {
		t.Fatalf("replaced entry: %+v", e)
	}
	if s.Replace("folder:/none", e) {
		t.Fatal("Replace of an absent key should report false")
	}
	if !s.Remove(e.Key()) || len(s.Entries) != 0 || s.Remove(e.Key()) {
		t.Fatal("Remove")
	}
}

func TestProgressOf(t *testing.T) {
	p := bundledPack(t)
	n := len(p.Article.Blocks)
	if pr := ProgressOf(p, settings.Location{View: "article", Block: -1}); pr.Percent != 0 || pr.View != "article" {
		t.Fatalf("start: %+v", pr)
	}
	if pr := ProgressOf(p, settings.Location{View: "article", Block: n - 1}); pr.Percent != 100 {
		t.Fatalf("last block: %+v", pr)
	}
	if pr := ProgressOf(p, settings.Location{View: "article", Block: n + 50}); pr.Percent != 100 {
		t.Fatalf("past the end: %+v", pr)
	}
	// Half-way: the section is the last heading at or above the block.
	mid := n / 2
	pr := ProgressOf(p, settings.Location{View: "article", Block: mid})
	var want string
	for _, s := range p.Article.Sections {
		if s.Block <= mid {
			want = s.Title
		}
	}
	if want == "" || pr.Section != want || pr.Percent != mid*100/(n-1) {
		t.Fatalf("middle: %+v, want section %q and %d%%", pr, want, mid*100/(n-1))
	}
	st := p.Studies[0]
	if pr := ProgressOf(p, settings.Location{View: "studies", Study: st.ID}); pr.Item != st.Label || pr.Percent != -1 {
		t.Fatalf("studies: %+v, want %q", pr, st.Label)
	}
	if pr := ProgressOf(p, settings.Location{View: "references", Ref: st.Ref}); pr.Item != st.Label {
		t.Fatalf("references: %+v, want the study's label %q", pr, st.Label)
	}
	if pr := ProgressOf(p, settings.Location{View: "references", Ref: "no-such"}); pr.Item != "" {
		t.Fatalf("unknown reference: %+v", pr)
	}
	if pr := ProgressOf(nil, settings.Location{View: "article", Block: 3}); pr.Percent != -1 {
		t.Fatalf("nil pack: %+v", pr)
	}
}

func TestCopyInto(t *testing.T) {
	src := filepath.Join(t.TempDir(), "stretching.evpack")
	os.WriteFile(src, []byte("PK first"), 0o644)
	lib := filepath.Join(t.TempDir(), "packs")
	got, err := CopyInto(lib, src)
	if err != nil {
		t.Fatal(err)
	}
	if got != filepath.Join(lib, "stretching.evpack") {
		t.Fatalf("copy at %s", got)
	}
	if b, _ := os.ReadFile(got); string(b) != "PK first" {
		t.Fatalf("copy holds %q", b)
	}
	// The same bytes again: the same copy.
	if again, err := CopyInto(lib, src); err != nil || again != got {
		t.Fatalf("same file copied again: %s %v", again, err)
	}
	// Another pack of the same name never replaces the first copy.
	other := filepath.Join(t.TempDir(), "stretching.evpack")
	os.WriteFile(other, []byte("PK second"), 0o644)
	second, err := CopyInto(lib, other)
	if err != nil || second != filepath.Join(lib, "stretching-2.evpack") {
		t.Fatalf("second copy at %s (%v)", second, err)
	}
	if b, _ := os.ReadFile(got); string(b) != "PK first" {
		t.Fatal("the first copy was overwritten")
	}
	if left, _ := filepath.Glob(filepath.Join(lib, "*.tmp")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	if _, err := CopyInto(lib, filepath.Join(t.TempDir(), "gone.evpack")); err == nil || !strings.Contains(err.Error(), "gone.evpack") {
		t.Fatalf("missing source: %v", err)
	}
}

func TestCopyIntoRefusesAHugeFile(t *testing.T) {
	src := filepath.Join(t.TempDir(), "huge.evpack")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(MaxCopySize + 1) // sparse: no disk used
	f.Close()
	lib := t.TempDir()
	if _, err := CopyInto(lib, src); err == nil || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Fatalf("err = %v", err)
	}
	if left, _ := os.ReadDir(lib); len(left) != 0 {
		t.Fatalf("something was written: %v", left)
	}
}

func TestBundledEntryMatchesTheLoadedPack(t *testing.T) {
	got, want := BundledEntry(), FromPack(bundledPack(t), Bundled, "")
	if got != want {
		t.Fatalf("from pack.toml alone:\n%+v\nfrom the loaded pack:\n%+v", got, want)
	}
}

func TestPutAddsWithoutMarkingItOpened(t *testing.T) {
	var s Shelf
	opened := day("2026-11-01 08:00")
	s.Opened(Entry{Kind: Folder, Path: "/p", Title: "A"}, opened)
	got := s.Put(Entry{Kind: Folder, Path: "/p", Title: "B"})
	if !got.LastOpened.Equal(opened) || got.Title != "B" {
		t.Fatalf("Put on an opened entry: %+v", got)
	}
	if e := s.Put(Entry{Kind: Archive, Path: "/q.evpack"}); !e.LastOpened.IsZero() || len(s.Entries) != 2 {
		t.Fatalf("Put of a new entry: %+v, %d entries", e, len(s.Entries))
	}
}

func TestCloneSharesNothing(t *testing.T) {
	pos := settings.Location{View: "article", Block: 3}
	s := Shelf{Version: 1, Entries: []Entry{{Kind: Folder, Path: "/a", Position: &pos}}}
	c := s.Clone()
	s.Entries[0].Title = "changed"
	s.Entries[0].Position.Block = 9
	s.Entries = append(s.Entries, Entry{Kind: Folder, Path: "/b"})
	if len(c.Entries) != 1 || c.Entries[0].Title != "" || c.Entries[0].Position.Block != 3 {
		t.Fatalf("the clone changed with the shelf: %+v", c.Entries)
	}
}
