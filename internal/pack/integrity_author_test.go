package pack

import (
	"strings"
	"testing"
)

// The first-author check: a compound surname named in part is reported as
// such, a group author may be cited by a shorter form of its name, and a
// text with no capitalised word is not checked.
func TestAuthorMismatch(t *testing.T) {
	person := &Reference{ID: "p", Author: []Name{{Family: "Scotto di Palumbo", Given: "A."}}}
	group := &Reference{ID: "g", Author: []Name{{Literal: "Example Caffeine Review Group"}}}
	cases := []struct {
		text string
		r    *Reference
		want string // "" for no message, else a part of it
	}{
		{"Scotto di Palumbo, 2017", person, ""},
		{"di Palumbo, 2017", person, "gives only part of the first author's surname"},
		{"Smith, 2017", person, `does not name the first author "Scotto di Palumbo"`},
		{"this study, 2017", person, ""},
		{"Example Caffeine Review Group, 2024", group, ""},
		{"Review Group, 2024", group, ""},
		{"the review group, 2024", group, ""},
		{"Caffeine Review, 2024", group, ""},
		{"Group, 2024", group, `does not name the first author "Example Caffeine Review Group"`},
		{"Jones, 2024", group, `does not name the first author`},
	}
	for _, c := range cases {
		got := authorMismatch(c.text, c.r)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("authorMismatch(%q, %s) = %q, want %q", c.text, c.r.ID, got, c.want)
		}
	}
}
