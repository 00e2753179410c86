package links

import (
	"reflect"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		in      string
		action  Action
		url     string
		targets []string
	}{
		{"https://doi.org/10.1016/j.x", External, "https://doi.org/10.1016/j.x", nil},
		{"HTTP://example.org/a?b=1#c", External, "http://example.org/a?b=1#c", nil},
		{"  https://pubmed.ncbi.nlm.nih.gov/123/ ", External, "https://pubmed.ncbi.nlm.nih.gov/123/", nil},
		{"mailto:editors@example.org", External, "mailto:editors@example.org", nil},
		{"cite:stallknecht2007", Cite, "", []string{"stallknecht2007"}},
		{"cite:a; b;;c", Cite, "", []string{"a", "b", "c"}},
		{"study:kostek2007", Study, "", []string{"kostek2007"}},
		{"javascript:alert(1)", Blocked, "", nil},
		{"JaVaScRiPt:alert(1)", Blocked, "", nil},
		{"java\tscript:alert(1)", Blocked, "", nil},
		{"vbscript:msgbox", Blocked, "", nil},
		{"file:///etc/passwd", Blocked, "", nil},
		{"data:text/html;base64,PHNjcmlwdD4=", Blocked, "", nil},
		{"ftp://example.org/x", Blocked, "", nil},
		{"smb://server/share", Blocked, "", nil},
		{"/etc/passwd", Blocked, "", nil},
		{"relative/page.html", Blocked, "", nil},
		{"#section", Blocked, "", nil},
		{"https://", Blocked, "", nil},
		{"https:evil", Blocked, "", nil},
		{"https://good.org@evil.example/", Blocked, "", nil},
		{"https://exa mple.org", Blocked, "", nil},
		{"mailto:", Blocked, "", nil},
		{"cite:", Blocked, "", nil},
		{"study:", Blocked, "", nil},
		{"", Blocked, "", nil},
		// Bidirectional controls are Unicode format characters, not
		// control characters: unicode.IsControl misses them.
		{"https://example.org/\u202Egpj.exe", Blocked, "", nil},
		{"https://example.org/a\u2066b", Blocked, "", nil},
		{"mailto:x\u200F@example.org", Blocked, "", nil},
		{"https://example.org/" + strings.Repeat("a", MaxURLLength-20), External, "https://example.org/" + strings.Repeat("a", MaxURLLength-20), nil},
		{"https://example.org/" + strings.Repeat("a", MaxURLLength-19), Blocked, "", nil},
		{"https://example.org/" + strings.Repeat("a", 100000), Blocked, "", nil},
		{"mailto:" + strings.Repeat("a", MaxURLLength), Blocked, "", nil},
	}
	for _, c := range cases {
		d := Classify(c.in)
		if d.Action != c.action {
			t.Errorf("Classify(%.80q).Action = %v, want %v (reason %q)", c.in, d.Action, c.action, d.Reason)
			continue
		}
		if d.URL != c.url {
			t.Errorf("Classify(%.80q).URL = %.80q, want %.80q", c.in, d.URL, c.url)
		}
		if !reflect.DeepEqual(d.Targets, c.targets) {
			t.Errorf("Classify(%.80q).Targets = %q, want %q", c.in, d.Targets, c.targets)
		}
		if d.Action == Blocked && d.Reason == "" {
			t.Errorf("Classify(%.80q) blocked without a reason", c.in)
		}
		if reason, blocked := Refusal(c.in); blocked != (d.Action == Blocked) || reason != d.Reason {
			t.Errorf("Refusal(%.80q) = %q, %v; Classify says %v, %q", c.in, reason, blocked, d.Action, d.Reason)
		}
	}
}

func TestBlockedReasons(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/\u202Egpj.exe":                  "U+202E",
		"https://example.org/" + strings.Repeat("a", 100000): "100020 bytes long",
	} {
		if d := Classify(in); !strings.Contains(d.Reason, want) {
			t.Errorf("Classify(%.40q).Reason = %q, want it to contain %q", in, d.Reason, want)
		}
	}
}

func TestBidiControl(t *testing.T) {
	for s, want := range map[string]int{
		"plain":              -1,
		"\u202Eevil":         0,
		"ab\u2067c":          2,
		"é\u200E":            2,
		"عربي":               -1, // right-to-left letters are not controls
		"zero\u200Bwidth":    -1, // a zero-width space is not a bidi control
		"x\u061C":            1,
		"\u202A\u202B\u202C": 0,
	} {
		r, off, ok := BidiControl(s)
		if (want >= 0) != ok || (ok && off != want) {
			t.Errorf("BidiControl(%q) = %U, %d, %v; want offset %d", s, r, off, ok, want)
		}
	}
}

func TestShown(t *testing.T) {
	for in, want := range map[string]string{
		" https://example.org/a ":           "https://example.org/a",
		"https://example.org/\u202Egpj.exe": "https://example.org/⟨U+202E⟩gpj.exe",
		"java\tscript:x":                    "java⟨U+0009⟩script:x",
		strings.Repeat("é", MaxShown+5):     strings.Repeat("é", MaxShown) + "… (610 bytes in all)",
		strings.Repeat("a", MaxShown):       strings.Repeat("a", MaxShown),
	} {
		if got := Classify(in).Shown; got != want {
			t.Errorf("Classify(%.40q).Shown = %.60q, want %.60q", in, got, want)
		}
	}
}
