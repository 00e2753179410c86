// Package shelf keeps the reader's shelf of packs: every pack it has
// opened (the bundled pack first), with its title, subtitle, version and
// review dates, where it came from, whether it is a copy in the app's own
// library folder, when it was last opened and how far the reader got.
//
// It is Fyne-free. The shelf file sits beside the settings file and is
// written and read the way internal/settings writes and reads that one
// (settings.WriteFile, settings.SetAside): atomically, and a missing,
// corrupt or unreadable file never stops start-up. A damaged file is moved
// aside, the shelf starts empty and the reader gets one notice; a file that
// cannot be read is left as it is and the shelf is not saved that session.
package shelf

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/settings"
)

// FileName is the shelf file's name, in the settings folder.
const FileName = "shelf.json"

// Path is the shelf file beside the settings file at settingsPath; "" when
// there is no settings folder.
func Path(settingsPath string) string {
	if settingsPath == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(settingsPath), FileName)
}

// Kind says where a pack on the shelf comes from.
type Kind string

// The kinds of pack a shelf holds.
const (
	// Bundled is the pack built into the app; it has no path.
	Bundled Kind = "bundled"
	// Folder is a pack folder on disk.
	Folder Kind = "folder"
	// Archive is a one-file pack (.evpack).
	Archive Kind = "archive"
)

// Entry is one pack on the shelf.
type Entry struct {
	Kind Kind `json:"kind"`
	// Path is the folder or .evpack file, absolute and clean; "" for the
	// bundled pack.
	Path string `json:"path,omitempty"`

	// What the pack said about itself when it was last opened.
	ID       string `json:"id,omitempty"`
	Title    string `json:"title,omitempty"`
	Subtitle string `json:"subtitle,omitempty"`
	Version  string `json:"version,omitempty"`
	// LastReviewed and NextReview are dates written 2006-01-02, "" when
	// the pack gives none.
	LastReviewed string `json:"last_reviewed,omitempty"`
	NextReview   string `json:"next_review,omitempty"`

	// Copy is true for an .evpack copied into the app's library folder;
	// Original is where it was copied from.
	Copy     bool   `json:"copy,omitempty"`
	Original string `json:"original,omitempty"`

	// LastOpened is when the reader last opened the pack; zero for never.
	LastOpened time.Time `json:"last_opened,omitzero"`
	// Position is where the reader left the pack, nil for the start.
	Position *settings.Location `json:"position,omitempty"`
	// Progress describes Position for the shelf to show.
	Progress Progress `json:"progress,omitzero"`
}

// Key identifies an entry: its kind and path.
func (e Entry) Key() string {
	if e.Kind == Bundled {
		return string(Bundled)
	}
	return string(e.Kind) + ":" + e.Path
}

// dateLayout is how review dates are kept.
const dateLayout = "2006-01-02"

// Overdue reports whether the pack's next review date has passed, by the
// rule the pack itself is judged by (pack.ReviewOverdue).
func (e Entry) Overdue(now time.Time) bool {
	var d pack.Date
	if e.NextReview != "" {
		_ = d.UnmarshalTOML(e.NextReview) // never fails; a bad date is not Valid
	}
	return pack.ReviewOverdue(d, now)
}

// Missing reports whether the pack's folder or file is gone (moved or
// deleted). The bundled pack is never missing. Other errors (no
// permission, say) are not "missing": opening it says what is wrong.
func (e Entry) Missing() bool {
	if e.Kind == Bundled {
		return false
	}
	_, err := os.Stat(e.Path)
	return errors.Is(err, fs.ErrNotExist)
}

// FromPack describes a loaded pack for the shelf. path is made absolute
// and clean; it is ignored for the bundled pack.
func FromPack(p *pack.Pack, kind Kind, path string) Entry {
	e := Entry{Kind: kind}
	if kind != Bundled {
		e.Path = clean(path)
	}
	if p == nil {
		return e
	}
	m := p.Meta
	e.ID, e.Title, e.Subtitle, e.Version = m.ID, m.Title, m.Subtitle, m.Version
	if m.LastReviewed.Valid() {
		e.LastReviewed = m.LastReviewed.Format(dateLayout)
	}
	if m.NextReview.Valid() {
		e.NextReview = m.NextReview.Format(dateLayout)
	}
	return e
}

func clean(path string) string {
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return filepath.Clean(path)
}

// Shelf is the whole shelf file.
type Shelf struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`

	// unread is set when the file is there but could not be read, or was
	// damaged and could not be moved aside: Save leaves it alone for the
	// session (settings.ErrNotRead).
	unread bool
	// kept are the file's entries this version cannot use (a kind a newer
	// version wrote, say, or a hand-edited path that is not absolute), as
	// they were written: not shown, and written back by Save, so nothing
	// in the file is lost.
	kept []json.RawMessage
}

// Clone is a copy of s that shares nothing with it, for saving on another
// goroutine while s changes.
func (s Shelf) Clone() Shelf {
	c := s
	c.kept = slices.Clone(s.kept)
	c.Entries = slices.Clone(s.Entries)
	for i, e := range c.Entries {
		if e.Position != nil {
			p := *e.Position
			c.Entries[i].Position = &p
		}
	}
	return c
}

// Find returns the index of the entry with key, or -1.
func (s *Shelf) Find(key string) int {
	return slices.IndexFunc(s.Entries, func(e Entry) bool { return e.Key() == key })
}

// Get returns the entry with key.
func (s *Shelf) Get(key string) (Entry, bool) {
	if i := s.Find(key); i >= 0 {
		return s.Entries[i], true
	}
	return Entry{}, false
}

// Opened records that e was opened at now (see Put) and returns the entry
// as stored.
func (s *Shelf) Opened(e Entry, now time.Time) Entry {
	e = s.Put(e)
	i := s.Find(e.Key())
	s.Entries[i].LastOpened = now
	return s.Entries[i]
}

// Put adds e to the shelf, or refreshes the entry already there with e's
// description while keeping what only the shelf knows (last opened,
// position, progress, copy). It returns the entry as stored.
func (s *Shelf) Put(e Entry) Entry {
	i := s.Find(e.Key())
	if i < 0 {
		s.Entries = append(s.Entries, e)
		return e
	}
	old := s.Entries[i]
	if e.LastOpened.IsZero() {
		e.LastOpened = old.LastOpened
	}
	if e.Position == nil {
		e.Position, e.Progress = old.Position, old.Progress
	}
	if !e.Copy {
		e.Copy, e.Original = old.Copy, old.Original
	}
	s.Entries[i] = e
	return e
}

// SetPosition records where the reader left the entry with key; false
// when it is not on the shelf (it was removed while open).
func (s *Shelf) SetPosition(key string, loc settings.Location, pr Progress) bool {
	i := s.Find(key)
	if i < 0 {
		return false
	}
	s.Entries[i].Position = &loc
	s.Entries[i].Progress = pr
	return true
}

// Remove takes the entry with key off the shelf; false when there was none.
func (s *Shelf) Remove(key string) bool {
	i := s.Find(key)
	if i < 0 {
		return false
	}
	s.Entries = slices.Delete(s.Entries, i, i+1)
	return true
}

// Replace puts e where the entry with key was (Locate…, Add to library),
// keeping its position and last-opened time when e has none. Another entry
// already at e's key is dropped, so the shelf keeps one entry per pack.
func (s *Shelf) Replace(key string, e Entry) bool {
	i := s.Find(key)
	if i < 0 {
		return false
	}
	old := s.Entries[i]
	if e.Position == nil {
		e.Position, e.Progress = old.Position, old.Progress
	}
	if e.LastOpened.IsZero() {
		e.LastOpened = old.LastOpened
	}
	s.Entries[i] = e
	// Only one entry per pack: drop any other one already at e's key.
	for j := len(s.Entries) - 1; j >= 0; j-- {
		if j != i && s.Entries[j].Key() == e.Key() {
			s.Entries = slices.Delete(s.Entries, j, j+1)
		}
	}
	return true
}

// dedupe keeps the first entry of each key.
func (s *Shelf) dedupe() {
	seen := map[string]bool{}
	s.Entries = slices.DeleteFunc(s.Entries, func(e Entry) bool {
		k := e.Key()
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
}

// Sorted returns the entries in shelf order: the bundled pack first, then
// the most recently opened first.
func (s *Shelf) Sorted() []Entry {
	out := slices.Clone(s.Entries)
	slices.SortStableFunc(out, func(a, b Entry) int {
		if (a.Kind == Bundled) != (b.Kind == Bundled) {
			if a.Kind == Bundled {
				return -1
			}
			return 1
		}
		return b.LastOpened.Compare(a.LastOpened)
	})
	return out
}

// valid reports whether an entry read from the file can be used: a known
// kind, and an absolute path for a folder or file.
func (e Entry) valid() bool {
	switch e.Kind {
	case Bundled:
		return true
	case Folder, Archive:
		return e.Path != "" && filepath.IsAbs(e.Path)
	}
	return false
}

// Load reads the shelf at path. It always returns a usable shelf. found is
// false when there is no file yet (the first start, or an older version
// that had no shelf: see Migrate). The notice is "" when all went well,
// otherwise one sentence for the reader. Nothing Load could not read is
// replaced: a file that cannot be parsed is moved aside
// (settings.SetAside) so the next save does not destroy it; a file that
// cannot be read at all (no permission, an I/O error), or a damaged one
// that cannot be moved, is left as it is, and the shelf is kept in memory
// for the session (Save returns settings.ErrNotRead): it may read fine
// next time.
func Load(path string) (s Shelf, found bool, notice string) {
	s = Shelf{Version: 1}
	if path == "" {
		return s, false, ""
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, false, ""
	}
	if errors.Is(err, syscall.ENOTDIR) {
		// A file stands where a folder above it should be: there is no
		// shelf file to keep, and a save says what is wrong.
		return s, true, fmt.Sprintf("The library of packs could not be read (%v), so it starts empty this time.", unwrapPath(err))
	}
	if err != nil {
		s.unread = true
		return s, true, fmt.Sprintf("The library of packs could not be read (%v), so it starts empty this time and is not saved: %s is left as it is.", unwrapPath(err), path)
	}
	// The entries one by one: one this version cannot read is kept as
	// written, not the whole file refused.
	var got struct {
		Entries []json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		msg := fmt.Sprintf("The library file %s was damaged (%v), so the library starts empty.", path, settings.DescribeJSON(err))
		if bad, ok := settings.SetAside(path); ok {
			msg += " The damaged file was kept as " + bad + "."
		} else {
			s.unread = true
			msg += " It could not be moved aside, so it is left as it is and the library is not saved this time."
		}
		return s, true, msg
	}
	for _, raw := range got.Entries {
		var e Entry
		if err := json.Unmarshal(raw, &e); err != nil || !e.valid() {
			s.kept = append(s.kept, raw)
			continue
		}
		if e.Kind != Bundled {
			e.Path = filepath.Clean(e.Path)
		} else {
			e.Path = ""
		}
		if e.Position != nil && e.Position.Offset < 0 {
			e.Position.Offset = 0
		}
		s.Entries = append(s.Entries, e)
	}
	s.dedupe()
	return s, true, ""
}

// Save writes the shelf atomically (settings.WriteFile). A shelf loaded
// from a file Load could not read is not saved: settings.ErrNotRead.
func Save(path string, s Shelf) error {
	if path == "" {
		return errors.New("no settings folder")
	}
	if s.unread {
		return settings.ErrNotRead
	}
	// The entries this version can use, then those it kept as written.
	file := struct {
		Version int   `json:"version"`
		Entries []any `json:"entries"`
	}{Version: 1, Entries: []any{}}
	for _, e := range s.Entries {
		file.Entries = append(file.Entries, e)
	}
	for _, raw := range s.kept {
		file.Entries = append(file.Entries, raw)
	}
	data, err := json.MarshalIndent(file, "", "  ")
	if err != nil {
		return err
	}
	return settings.WriteFile(path, "library", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Migrate builds the first shelf for a reader who has none yet: the
// bundled pack, with the reading position today's settings file holds for
// it. remembered reports whether the settings knew the bundled pack, that
// is, whether this reader has read in the app before. Other packs in the
// settings file are keyed by id only, with no folder to open them from,
// so they are not put on the shelf; their settings still apply when they
// are opened again.
func Migrate(set settings.Settings, bundled Entry) (s Shelf, remembered bool) {
	s = Shelf{Version: 1}
	if p, ok := set.Packs[bundled.ID]; ok && bundled.ID != "" {
		remembered = true
		pos := p.Position
		bundled.Position = &pos
	}
	s.Entries = append(s.Entries, bundled)
	return s, remembered
}

// EnsureBundled puts the bundled pack on the shelf when it is not there
// (a hand-edited or damaged file), and refreshes its description when the
// app's bundled pack has changed.
func (s *Shelf) EnsureBundled(bundled Entry) {
	i := s.Find(bundled.Key())
	if i < 0 {
		s.Entries = slices.Insert(s.Entries, 0, bundled)
		return
	}
	e := s.Entries[i]
	bundled.LastOpened, bundled.Position, bundled.Progress = e.LastOpened, e.Position, e.Progress
	s.Entries[i] = bundled
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
