package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestLimitationsStudyLinksNavigate(t *testing.T) {
	test.NewTempApp(t)
	p := examplePack(t)
	nav := &fakeNav{}
	w := test.NewTempWindow(t, nil)
	v := NewLimitationsView(p, nav, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(900, 600))
	if len(v.page.links) != 3 {
		t.Fatalf("%d links, want the 3 study: links", len(v.page.links))
	}
	var got []string
	for _, l := range v.page.links {
		l.OnTapped()
		loc := nav.last(t)
		if loc.View != ViewStudies || !loc.Highlight {
			t.Errorf("%q went to %+v", l.Text, loc)
		}
		got = append(got, loc.Study)
	}
	if strings.Join(got, ",") != "example2020,sample2018,placeholder2021" {
		t.Errorf("study links went to %v", got)
	}
}

func TestLimitationsRevealFlashesBlock(t *testing.T) {
	test.NewTempApp(t)
	p := examplePack(t)
	w := test.NewTempWindow(t, nil)
	v := NewLimitationsView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(600, 300))
	last := len(p.Limitations.Blocks) - 1
	v.Reveal(Location{View: ViewLimitations, Block: last, Highlight: true})
	if !v.page.Flashing(last) {
		t.Error("revealed block is not highlighted")
	}
	if v.scroll.Offset.Y <= 0 {
		t.Error("reveal of the last block did not scroll")
	}
	if pos := v.Position(); pos.View != ViewLimitations || pos.Offset != v.scroll.Offset.Y || pos.Block < 0 {
		t.Errorf("position after reveal = %+v", pos)
	}
}

func TestFollowLinkPolicy(t *testing.T) {
	nav := &fakeNav{}
	var opened []string
	open := func(u string) { opened = append(opened, u) }
	followLink("study:kostek2007", nav, nil, open)
	if l := nav.last(t); l.View != ViewStudies || l.Study != "kostek2007" {
		t.Errorf("study link went to %+v", l)
	}
	followLink("cite:a;b", nav, nil, open)
	if l := nav.last(t); l.View != ViewReferences || l.Ref != "a" {
		t.Errorf("cite link went to %+v", l)
	}
	followLink("https://example.org", nav, nil, open)
	if len(opened) != 1 || opened[0] != "https://example.org" {
		t.Errorf("web link opened %v", opened)
	}
}

func TestGuidanceHelpCardAndNotice(t *testing.T) {
	test.NewTempApp(t)
	p := bundledPack(t)
	w := test.NewTempWindow(t, nil)
	v := NewGuidanceView(p, &fakeNav{}, w)
	w.SetContent(v.Object())
	w.Resize(fyne.NewSize(800, 600))
	if v.helpCard == nil {
		t.Fatal("no help card")
	}
	if h := headingText(p.Guidance.Blocks[v.helpStart]); !strings.Contains(strings.ToLower(h), "seek help") {
		t.Errorf("help card starts at %q", h)
	}
	if v.helpEnd <= v.helpStart+1 {
		t.Errorf("help card holds blocks %d..%d", v.helpStart, v.helpEnd)
	}
	if !strings.Contains(v.notice.Text, "not medical advice") || !strings.Contains(v.notice.Text, "Last reviewed") {
		t.Errorf("notice = %q", v.notice.Text)
	}
	// A block inside the card can still be revealed.
	v.Reveal(Location{View: ViewGuidance, Block: v.helpStart + 1, Highlight: true})
	if !v.page.Flashing(v.helpStart + 1) {
		t.Error("block inside the help card not highlighted")
	}
}
