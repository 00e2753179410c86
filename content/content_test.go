package content_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/evidence-reader/evidence-reader/content"
	"github.com/evidence-reader/evidence-reader/internal/doc"
	"github.com/evidence-reader/evidence-reader/internal/pack"
	"github.com/evidence-reader/evidence-reader/internal/safemsg"
)

func loadDefault(t *testing.T) (*pack.Pack, pack.Diagnostics) {
	t.Helper()
	fsys, err := content.Pack(content.Default)
	if err != nil {
		t.Fatal(err)
	}
	return pack.Load(fsys, content.Default, pack.Options{Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
}

// TestArticleIsVerbatim checks that the bundled article says exactly what
// the seed article says: same words in the same order, once Markdown,
// citation links and the navigation headings we added are set aside.
func TestArticleIsVerbatim(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seed/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimSpace(string(seed))
	text = strings.TrimSpace(strings.TrimSuffix(text, "Back to blog"))
	seedLines := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		seedLines[strings.TrimSpace(l)] = true
	}

	p, _ := loadDefault(t)
	var got []string
	var added []string
	for _, b := range p.Article.Blocks {
		bt := b.PlainText()
		if b.Kind == doc.Heading && !seedLines[strings.TrimSpace(bt)] {
			added = append(added, bt)
			continue
		}
		got = append(got, strings.Fields(bt)...)
	}
	want := strings.Fields(text)
	if len(added) == 0 {
		t.Error("expected navigation headings in article.md")
	}
	for i := 0; i < len(want) || i < len(got); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			lo := max(0, i-8)
			t.Fatalf("article differs from the seed at word %d: seed %q, article %q\nseed: …%s\nart:  …%s",
				i, w, g, strings.Join(want[lo:min(len(want), i+8)], " "), strings.Join(got[lo:min(len(got), i+8)], " "))
		}
	}
}

// TestBundledPackChecks pins the validator's verdict on the bundled pack:
// no errors, and the citation-integrity findings the fact sheet predicts.
func TestBundledPackChecks(t *testing.T) {
	_, ds := loadDefault(t)
	if ds.HasErrors() {
		t.Fatalf("bundled pack has errors:\n%v", ds)
	}
	find := func(sev pack.Severity, substr string) bool {
		for _, d := range ds {
			if d.Severity == sev && d.File == pack.FileArticle && strings.Contains(d.Message, substr) {
				return true
			}
		}
		return false
	}
	if !find(pack.Warning, `"Stallknecht, 2017" gives 2017 but reference "stallknecht2007" is dated 2007, online 2006`) {
		t.Errorf("the 2017/2007 mismatch is not reported as a warning:\n%v", ds)
	}
	if !find(pack.Note, "online-first year") {
		t.Errorf("Löberbauer-Purer (2011) is not named as an online-first year:\n%v", ds)
	}
	if !find(pack.Warning, `only part of the first author's surname "Scotto di Palumbo"`) {
		t.Errorf("the partial surname di Palumbo is not reported:\n%v", ds)
	}
}

// TestSafeMessaging keeps the bundled pack's own text within the
// safe-messaging rules (docs/pack-format.md): check must not warn.
func TestSafeMessaging(t *testing.T) {
	p, ds := loadDefault(t)
	if safemsg.For(p.Meta.Language) == nil {
		t.Fatalf("no safe-messaging rules for the bundled pack's language %q: nothing would be checked", p.Meta.Language)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "safe-messaging") {
			t.Errorf("%s", d)
		}
	}
}

// TestContentHashStable: the bundled pack's hash is the same on every load
// and for the embedded copy and the folder it was embedded from.
func TestContentHashStable(t *testing.T) {
	a, _ := loadDefault(t)
	b, _ := loadDefault(t)
	disk, _ := pack.Load(os.DirFS(content.Default), content.Default, pack.Options{})
	if a.Hash == "" || a.Hash != b.Hash || a.Hash != disk.Hash {
		t.Errorf("hashes differ: embedded %q, %q; folder %q", a.Hash, b.Hash, disk.Hash)
	}
}
