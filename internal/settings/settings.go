// Package settings reads and writes the reader's own settings file: per
// pack, the theme, the text scale, the last view and the reading position.
// It is Fyne-free. The file is written atomically (temporary file, fsync,
// rename), and a missing, corrupt, truncated or unreadable file never stops
// start-up: the reader gets defaults and one notice saying what happened.
// WriteFile, SetAside and DescribeJSON are shared with the other files the
// reader keeps (internal/shelf).
package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Themes.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// Text scale bounds and step.
const (
	MinScale  = 0.8
	MaxScale  = 1.6
	ScaleStep = 0.1
)

// FileName is the settings file's name inside the config folder.
const FileName = "settings.json"

// Location is a saved reading position (mirrors reader.Location, in ui/reader, without Fyne).
type Location struct {
	View   string  `json:"view"`
	Block  int     `json:"block"`
	Offset float32 `json:"offset"`
	// Delta is how far Offset is into Block (see reader.Location).
	Delta float32 `json:"delta,omitempty"`
	Study string  `json:"study,omitempty"`
	Ref   string  `json:"ref,omitempty"`
}

// Pack holds what is remembered for one pack.
type Pack struct {
	Theme     string   `json:"theme"`
	TextScale float64  `json:"text_scale"`
	View      string   `json:"view"`
	Position  Location `json:"position"`
}

// Settings is the whole file.
type Settings struct {
	Version int             `json:"version"`
	Packs   map[string]Pack `json:"packs"`
	// Window is the main window's size when it was last closed; nil
	// (and any size out of range) means the default.
	Window *Window `json:"window,omitempty"`

	// unread is set when the file is there but could not be read, or was
	// damaged and could not be moved aside: Save then leaves it alone
	// for the session (ErrNotRead) rather than replace what it never saw.
	unread bool
}

// ErrNotRead is Save's refusal to replace a file that Load could not read
// (or could not move aside): the settings are kept in memory this
// session and the file is left as it is, to be read again next start.
var ErrNotRead = errors.New("the file could not be read when the app started, so it is left as it is")

// Window is a remembered window size in Fyne's device-independent units.
type Window struct {
	Width  float32 `json:"width"`
	Height float32 `json:"height"`
}

// Window size bounds: smaller than the reader's minimum is useless, and
// anything huge is a corrupt value rather than a real screen.
const (
	MinWindowWidth, MinWindowHeight = 320, 240
	MaxWindowSide                   = 16000
)

// WindowSize returns the remembered window size, or ok false when there
// is none or it is out of range.
func (s *Settings) WindowSize() (w, h float32, ok bool) {
	if s.Window == nil {
		return 0, 0, false
	}
	w, h = s.Window.Width, s.Window.Height
	// The comparisons are false for NaN, so NaN is refused too.
	if !(w >= MinWindowWidth && h >= MinWindowHeight && w <= MaxWindowSide && h <= MaxWindowSide) {
		return 0, 0, false
	}
	return w, h, true
}

// SetWindowSize remembers the window size; sizes out of range are ignored.
func (s *Settings) SetWindowSize(w, h float32) {
	if !(w >= MinWindowWidth && h >= MinWindowHeight && w <= MaxWindowSide && h <= MaxWindowSide) {
		return
	}
	s.Window = &Window{Width: w, Height: h}
}

// DefaultPack is what a pack starts with.
func DefaultPack() Pack {
	return Pack{Theme: ThemeSystem, TextScale: 1, View: "article", Position: Location{View: "article", Block: -1}}
}

// For returns the settings for a pack id, defaults when it has none.
func (s *Settings) For(id string) Pack {
	if p, ok := s.Packs[id]; ok {
		return p.clean()
	}
	return DefaultPack()
}

// Set stores the settings for a pack id.
func (s *Settings) Set(id string, p Pack) {
	if s.Packs == nil {
		s.Packs = map[string]Pack{}
	}
	s.Packs[id] = p.clean()
}

// Clone is a copy of s that shares nothing with it, for saving on another
// goroutine while s changes.
func (s Settings) Clone() Settings {
	c := s
	c.Packs = maps.Clone(s.Packs)
	if s.Window != nil {
		w := *s.Window
		c.Window = &w
	}
	return c
}

// clean replaces values a hand-edited or old file may hold with defaults.
func (p Pack) clean() Pack {
	d := DefaultPack()
	switch p.Theme {
	case ThemeSystem, ThemeLight, ThemeDark:
	default:
		p.Theme = d.Theme
	}
	p.TextScale = ClampScale(p.TextScale)
	if p.View == "" {
		p.View = d.View
	}
	if p.Position.Offset < 0 {
		p.Position.Offset = 0
	}
	return p
}

// ClampScale keeps a text scale inside [MinScale, MaxScale], rounded to
// the step, and turns a missing (zero) scale into 1.
func ClampScale(v float64) float64 {
	if v == 0 || v != v {
		return 1
	}
	if v < MinScale {
		v = MinScale
	}
	if v > MaxScale {
		v = MaxScale
	}
	return float64(int(v*10+0.5)) / 10
}

// Path is where the settings live: <user config dir>/evidence-reader/settings.json.
func Path() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no settings folder: %w", err)
	}
	return filepath.Join(dir, "evidence-reader", FileName), nil
}

// Load reads the settings at path. It always returns usable settings. The
// notice is empty when all went well (a missing file is fine), otherwise a
// one-line explanation for the reader. Nothing Load could not read is ever
// replaced: a file that cannot be parsed is moved aside (SetAside) so the
// next save does not destroy it, and a file that cannot be read at all
// (no permission, an I/O error), or a damaged one that cannot be moved,
// is left as it is and the settings are kept in memory for the session
// (Save returns ErrNotRead). The file may read fine next time.
func Load(path string) (Settings, string) {
	s := Settings{Version: 1, Packs: map[string]Pack{}}
	if path == "" {
		return s, "Settings are not saved: no settings folder was found."
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, ""
	}
	if errors.Is(err, syscall.ENOTDIR) {
		// A file stands where a folder above it should be: there is no
		// settings file to keep, and a save says what is wrong.
		return s, fmt.Sprintf("Settings could not be read (%v), so defaults are used.", unwrapPath(err))
	}
	if err != nil {
		s.unread = true
		return s, fmt.Sprintf("Settings could not be read (%v), so defaults are used this time; the file is left as it is and changes made now are not saved.", unwrapPath(err))
	}
	var got Settings
	if err := json.Unmarshal(data, &got); err != nil {
		msg := fmt.Sprintf("The settings file %s was damaged (%v), so defaults are used.", path, DescribeJSON(err))
		if bad, ok := SetAside(path); ok {
			msg += " The damaged file was kept as " + bad + "."
		} else {
			s.unread = true
			msg += " It could not be moved aside, so it is left as it is and changes made now are not saved."
		}
		return s, msg
	}
	for id, p := range got.Packs {
		s.Packs[id] = p.clean()
	}
	if got.Window != nil {
		s.SetWindowSize(got.Window.Width, got.Window.Height)
	}
	return s, ""
}

// MaxAside is how many damaged copies of one file SetAside keeps.
const MaxAside = 10

// SetAside moves a damaged file out of the way, so the next save does not
// destroy it: to path+".bad", or, when that is taken by an earlier one,
// the first free of path+".bad.1" … ".bad.9". With all MaxAside taken the
// oldest of them (by modification time) is replaced. It returns where the
// file went and whether the move worked.
func SetAside(path string) (string, bool) {
	var oldest string
	var oldestAt time.Time
	for i := range MaxAside {
		bad := path + ".bad"
		if i > 0 {
			bad += "." + strconv.Itoa(i)
		}
		st, err := os.Lstat(bad)
		if errors.Is(err, fs.ErrNotExist) {
			return bad, os.Rename(path, bad) == nil
		}
		if err == nil && (oldest == "" || st.ModTime().Before(oldestAt)) {
			oldest, oldestAt = bad, st.ModTime()
		}
	}
	if oldest == "" {
		return "", false
	}
	return oldest, os.Rename(path, oldest) == nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// DescribeJSON shortens a JSON decoding error to something a reader can
// act on.
func DescribeJSON(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if se.Error() == "unexpected end of JSON input" {
			return "it ends too early"
		}
		return fmt.Sprintf("%v at byte %d", se, se.Offset)
	}
	if err.Error() == "unexpected end of JSON input" {
		return "it ends too early"
	}
	return err.Error()
}

// Save writes the settings atomically (see WriteFile). Settings loaded
// from a file Load could not read are not saved: ErrNotRead.
func Save(path string, s Settings) error {
	if path == "" {
		return errors.New("no settings folder")
	}
	if s.unread {
		return ErrNotRead
	}
	s.Version = 1
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return WriteFile(path, "settings", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFile replaces path atomically with what write writes: a temporary
// file in the same folder is written and synced, then renamed over path,
// and the folder is synced so the rename survives a power cut. On any
// failure the temporary file is removed and path is left as it was. what
// names the file in errors ("settings", "library").
func WriteFile(path, what string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the %s folder: %w", what, err)
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", what, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", what, err)
	}
	if err := write(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", what, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", what, err)
	}
	// Not all systems allow syncing a folder.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
