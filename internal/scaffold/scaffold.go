// Package scaffold writes a new evidence pack: a small, complete pack
// whose every file and field carries a comment saying what it is for, and
// which passes the validator with no errors and no warnings, so that an
// author starts from something that works and changes one thing at a time.
package scaffold

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/evidence-reader/evidence-reader/docs/schema"
	"github.com/evidence-reader/evidence-reader/internal/deck"
	"github.com/evidence-reader/evidence-reader/internal/fold"
	"github.com/evidence-reader/evidence-reader/internal/pack"
)

//go:embed templates/*.tmpl
var templates embed.FS

// Files are the files a new pack gets, in the order a reader meets them.
var Files = []string{
	pack.FilePack, pack.FileArticle, pack.FileStudies, pack.FileReferences,
	pack.FileLimitations, pack.FileGuidance, pack.FileSlides, pack.FileChangelog,
}

// Version is the version a new pack starts at.
const Version = "0.1.0"

// Options describe the new pack.
type Options struct {
	// Title is the pack's title; empty means one made from the id.
	Title string
	// ID is the pack's id; empty means one made from the folder's name.
	ID string
	// Now dates the pack's review and its first changelog entry; zero
	// means today.
	Now time.Time
}

// schemaDirective returns the first line of the TOML file for the given
// schema ("pack" or "studies"): the directive Taplo and the Even Better
// TOML extension read, pointing at the copy in the pack's schema/ folder
// that Write puts there (an editor works offline, as the app does).
func schemaDirective(name string) string { return schema.Directive(name + ".toml") }

// SchemaFiles are the editor schemas a new pack carries beside its files,
// keyed by their path inside the pack ("schema/pack.schema.json"). They
// are not pack content: the app does not read them, the content hash does
// not cover them and evidence-reader pack leaves them out.
func SchemaFiles() map[string][]byte { return schema.Files() }

// CheckOptions reports an id or title a pack cannot have.
func CheckOptions(o Options) error {
	if o.ID != "" && !pack.ValidID(o.ID) {
		return fmt.Errorf("id %q must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit", o.ID)
	}
	if strings.ContainsAny(o.Title, "\n\r") {
		return errors.New("the title must be one line")
	}
	return nil
}

// OutcomeKeys are the outcome types the new pack's pack.toml declares.
var OutcomeKeys = []string{"main", "mechanism", "review"}

// RoBLevels are the levels of RoB 2, the tool of the new pack's study.
func RoBLevels() []string {
	var out []string
	for _, l := range pack.RoB2.Levels {
		out = append(out, l.Key)
	}
	return out
}

// RoBTools are the names of the risk-of-bias tools the app knows.
func RoBTools() []string {
	var out []string
	for _, t := range pack.RoBTools {
		out = append(out, t.Name)
	}
	return out
}

// Render returns the new pack's files, by name. The id defaults to one
// made from dir's name.
func Render(o Options, dir string) (map[string][]byte, error) {
	if err := CheckOptions(o); err != nil {
		return nil, err
	}
	if o.ID == "" {
		o.ID = DefaultID(dir)
	}
	o.Title = strings.TrimSpace(o.Title)
	if o.Title == "" {
		o.Title = defaultTitle(o.ID)
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	today := time.Date(o.Now.Year(), o.Now.Month(), o.Now.Day(), 0, 0, 0, 0, time.UTC)
	next := today.AddDate(1, 0, 0)
	data := map[string]any{
		"ID": o.ID, "Title": o.Title, "Version": Version,
		"Today": today.Format(time.DateOnly), "NextReview": next.Format(time.DateOnly),
		"TodayLong": today.Format("2 January 2006"), "NextReviewLong": next.Format("2 January 2006"),
		"Outcomes": OutcomeKeys, "Verdicts": pack.Verdicts, "RoBLevels": RoBLevels(), "Confidences": pack.Confidences,
		"RoBTools": RoBTools(),
	}
	funcs := template.FuncMap{
		"schema": schemaDirective,
		"toml":   tomlString,
		"md":     deck.Escape,
		"join": func(vs []string) string {
			q := make([]string, len(vs))
			for i, v := range vs {
				q[i] = `"` + v + `"`
			}
			return strings.Join(q, ", ")
		},
	}
	out := map[string][]byte{}
	for _, name := range Files {
		t, err := template.New(name).Funcs(funcs).Option("missingkey=error").ParseFS(templates, "templates/"+name+".tmpl")
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, name+".tmpl", data); err != nil {
			return nil, err
		}
		out[name] = b.Bytes()
	}
	return out, nil
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// DefaultID makes a pack id from a folder's name: "My Pack (2)" becomes
// "my-pack-2", "Étude" becomes "etude", and a name with nothing usable
// becomes "new-pack".
func DefaultID(dir string) string {
	base := fold.String(filepath.Base(filepath.Clean(dir)))
	var b strings.Builder
	dash := false
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_':
			if b.Len() == 0 && (r == '.' || r == '_') {
				continue
			}
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if id := b.String(); pack.ValidID(id) {
		return id
	}
	return "new-pack"
}

// defaultTitle makes a title from an id: "stretching-and-injury" becomes
// "Stretching and injury".
func defaultTitle(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(words) == 0 {
		return "New evidence pack"
	}
	t := []rune(strings.Join(words, " "))
	t[0] = unicode.ToUpper(t[0])
	return string(t)
}

// writeFile is os.WriteFile with a sync, a variable so tests can make it fail.
var writeFile = func(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// ErrNotEmpty is returned by Write for a folder that already has files.
var ErrNotEmpty = errors.New("exists and is not empty")

// Write creates the new pack in dir, which must not exist or be an empty
// folder; missing parent folders are created. The files are written into a
// temporary folder beside dir, which is then renamed to dir, so a failure
// part-way leaves no half-written pack behind. Beside the pack's files it
// writes the editor schemas (SchemaFiles) into dir's schema/ folder.
func Write(dir string, o Options) error {
	files, err := Render(o, dir)
	if err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	wasEmpty := false
	switch st, err := os.Stat(dir); {
	case err == nil && !st.IsDir():
		return fmt.Errorf("%s exists and is not a folder", dir)
	case err == nil:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			n := fmt.Sprintf("%d entries", len(entries))
			if len(entries) == 1 {
				n = "1 entry"
			}
			return fmt.Errorf("%s %w (it has %s); choose a new folder", dir, ErrNotEmpty, n)
		}
		wasEmpty = true
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return err
	}
	tmp, err := mkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	for _, name := range Files {
		if err := writeFile(filepath.Join(tmp, name), files[name]); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	if err := os.Mkdir(filepath.Join(tmp, schema.Dir), 0o777); err != nil {
		return err
	}
	schemas := SchemaFiles()
	for _, name := range slices.Sorted(maps.Keys(schemas)) {
		if err := writeFile(filepath.Join(tmp, filepath.FromSlash(name)), schemas[name]); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	if wasEmpty {
		// Renaming onto an empty folder works on Linux but not on Windows;
		// Remove refuses a folder that is no longer empty.
		if err := os.Remove(dir); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if wasEmpty {
			os.Mkdir(dir, 0o777)
		}
		return err
	}
	done = true
	return nil
}

// mkdirTemp is os.MkdirTemp with the usual folder permissions (the umask
// applies) instead of 0700, since the folder becomes the pack.
func mkdirTemp(parent, prefix string) (string, error) {
	for range 100 {
		var r [6]byte
		rand.Read(r[:])
		name := filepath.Join(parent, prefix+hex.EncodeToString(r[:]))
		err := os.Mkdir(name, 0o777)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", errors.New("cannot make a temporary folder in " + parent)
}
