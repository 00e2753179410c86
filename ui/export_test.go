package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/internal/cli"
)

func TestWriteHandout(t *testing.T) {
	p := cli.LoadBundled(time.Now()).Pack
	html, err := WriteHandout(p, "x.HTML")
	if err != nil || !strings.Contains(strings.ToLower(string(html)), "<html") {
		t.Fatalf("HTML handout: err %v, %d bytes", err, len(html))
	}
	md, err := WriteHandout(p, "x.md")
	if err != nil || strings.Contains(strings.ToLower(string(md)), "<html") || len(md) == 0 {
		t.Fatalf("Markdown handout: err %v, %d bytes", err, len(md))
	}
}
