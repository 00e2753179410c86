package links

import (
	"reflect"
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
	}
	for _, c := range cases {
		d := Classify(c.in)
		if d.Action != c.action {
			t.Errorf("Classify(%q).Action = %v, want %v (reason %q)", c.in, d.Action, c.action, d.Reason)
			continue
		}
		if d.URL != c.url {
			t.Errorf("Classify(%q).URL = %q, want %q", c.in, d.URL, c.url)
		}
		if !reflect.DeepEqual(d.Targets, c.targets) {
			t.Errorf("Classify(%q).Targets = %q, want %q", c.in, d.Targets, c.targets)
		}
		if d.Action == Blocked && d.Reason == "" {
			t.Errorf("Classify(%q) blocked without a reason", c.in)
		}
	}
}
