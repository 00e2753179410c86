package fold

import (
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	cases := map[string]string{
		"Löberbauer-Purer": "loberbauer-purer",
		"Kässmann":         "kassmann",
		"Ramírez-Campillo": "ramirez-campillo",
		"Jørn Wulff":       "jorn wulff",
		"ÉCOLE":            "ecole",
		"東京":               "東京",
		"Jørn ŁÓDŹ Straße": "jorn lodz strase",
		"meta–analysis":    "meta-analysis",
	}
	for in, want := range cases {
		got := String(in)
		if got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Errorf("String(%q) changed the rune count", in)
		}
	}
}
