package present

import (
	"fmt"
	"image"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/cli"
	"github.com/evidence-reader/evidence-reader/internal/deck"
)

// countingServer counts every connection made to it (an https client
// that refuses the test certificate still connects) and every request.
func countingServer(t *testing.T, tls bool) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "image/png")
		_ = png.Encode(w, image.NewGray(image.Rect(0, 0, 4, 4)))
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			n.Add(1)
		}
	}
	if tls {
		s.StartTLS()
	} else {
		s.Start()
	}
	t.Cleanup(s.Close)
	return s, &n
}

// A stranger's slides.md is hostile: an image in a slide or in its notes
// is shown as its alt text and never fetched, from the network or from a
// file (file:///dev/zero would be read for ever on the UI goroutine).
func TestSlideImagesAreNeverFetched(t *testing.T) {
	a := test.NewTempApp(t)
	web, webHits := countingServer(t, false)
	sec, secHits := countingServer(t, true)
	local := filepath.Join(t.TempDir(), "local.png")
	f, err := os.Create(local)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fileURL := storage.NewFileURI(local).String()

	src := fmt.Sprintf(`# Title slide ![alt-title](%[1]s/t.png)

![alt-title-para](%[2]s/tp.png)

Note:
Notes ![alt-title-note](%[1]s/tn.png)

---

## Bullets

- item ![alt-bullet-web](%[1]s/b.png)
- item ![alt-bullet-tls](%[2]s/b.png)
  - nested ![alt-nested-file](%[3]s)

![alt-para](%[3]s)

Note:
- note ![alt-note-web](%[1]s/n.png)
- note ![alt-note-file](%[3]s)

---

## Table and quote

| head ![alt-head](%[1]s/h.png) |
|---|
| ![alt-cell](%[2]s/c.png) |

> ![alt-quote](%[1]s/q.png)

Note:
![alt-note-tls](%[2]s/n.png)
`, web.URL, sec.URL, fileURL)
	slides, ds := deck.Parse([]byte(src))
	if len(ds) > 0 || len(slides) != 3 {
		t.Fatalf("deck: %d slides, diagnostics %v", len(slides), ds)
	}
	l := cli.LoadBundled(time.Now())
	pr := present(a, l.Pack, slides, presentOptions{tick: time.Hour, do: func(f func()) { f() }})
	t.Cleanup(pr.Close)
	pr.Audience.Resize(fyne.NewSize(1280, 720))
	pr.Presenter.Resize(fyne.NewSize(1200, 760))

	var shown strings.Builder
	look := func(where string, root fyne.CanvasObject) {
		walkObjects(root, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Text:
				shown.WriteString(x.Text + " ")
			case *canvas.Image:
				if x.File != "" || x.Resource != nil && strings.Contains(x.Resource.Name(), "png") {
					t.Errorf("%s draws an image from %q %v", where, x.File, x.Resource)
				}
			case *widget.RichText:
				if hasImageSegment(x.Segments) {
					t.Errorf("%s has an image segment", where)
				}
			}
		})
	}
	for i := range slides {
		pr.Go(i)
		look(fmt.Sprintf("audience, slide %d", i+1), pr.Audience.Content())
		look(fmt.Sprintf("presenter, slide %d", i+1), pr.Presenter.Content())
		shown.WriteString(pr.aud.slide(i).AccessibilityLabel() + " ")
	}
	pressKeys(pr.Audience, "O") // every slide again, as a thumbnail
	look("overview", pr.Audience.Content())

	if n := webHits.Load() + secHits.Load(); n != 0 {
		t.Errorf("rendering the deck reached the network %d times (http %d, https %d)", n, webHits.Load(), secHits.Load())
	}
	for _, alt := range []string{"alt-title", "alt-title-para", "alt-title-note", "alt-bullet-web", "alt-bullet-tls",
		"alt-nested-file", "alt-para", "alt-note-web", "alt-note-file", "alt-head", "alt-cell", "alt-quote", "alt-note-tls"} {
		if !strings.Contains(shown.String(), alt+" ") && !strings.Contains(shown.String(), alt+".") {
			t.Errorf("the alt text %q is not shown", alt)
		}
	}
}

// hasImageSegment reports whether segs, or any segment inside them, is an
// image.
func hasImageSegment(segs []widget.RichTextSegment) bool {
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.ImageSegment:
			return true
		case *widget.ParagraphSegment:
			if hasImageSegment(x.Texts) {
				return true
			}
		case *widget.ListSegment:
			if hasImageSegment(x.Items) {
				return true
			}
		case *widget.TableSegment:
			for _, row := range append(x.Headers, flatten(x.Rows)...) {
				if hasImageSegment(row) {
					return true
				}
			}
		}
	}
	return false
}

func flatten(rows [][][]widget.RichTextSegment) [][]widget.RichTextSegment {
	var out [][]widget.RichTextSegment
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
