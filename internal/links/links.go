// Package links decides what may happen when a reader activates a link.
// It is Fyne-free. Only http, https and mailto addresses may be opened, and
// only externally after the reader has seen the address; cite: and study:
// are jumps inside the pack; everything else (javascript:, file:, data:,
// ftp:, relative paths, unknown schemes) is shown but never opened, as are
// addresses longer than MaxURLLength or holding control characters,
// bidirectional controls included. The pack checker applies the same
// Classify, so "check" warns about exactly the links the app refuses.
package links

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// MaxURLLength is the longest web or mail address, in bytes, the app opens.
// Real DOI, PubMed and journal addresses are well under 300 bytes; 2048 is
// the length browsers and servers have long agreed to accept, and an
// address much longer cannot be read in the confirmation dialog.
const MaxURLLength = 2048

// BidiControl returns the first bidirectional control character in s
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and its byte
// offset. They are invisible and reorder the text around them, so
// "https://example.org/\u202Egpj.exe" is shown ending in "exe.jpg".
func BidiControl(s string) (r rune, off int, ok bool) {
	for i, c := range s {
		if unicode.Is(unicode.Bidi_Control, c) {
			return c, i, true
		}
	}
	return 0, 0, false
}

// Describe names a rune for a message: "U+202E".
func Describe(r rune) string { return fmt.Sprintf("U+%04X", r) }

// Action is what the app does with a link.
type Action int

// Actions.
const (
	// Blocked links are shown but never opened; Reason says why.
	Blocked Action = iota
	// External links open in the reader's browser or mail program after confirmation.
	External
	// Cite links jump to the references they name (Targets).
	Cite
	// Study links jump to a study (Targets[0]).
	Study
)

// Decision is the outcome of Classify.
type Decision struct {
	Action Action
	// URL is the address to open for External links, normalised by net/url.
	URL string
	// Targets are the cite keys or the study id.
	Targets []string
	// Reason explains a Blocked decision in a sentence.
	Reason string
	// Shown is the address as the app displays it: invisible and control
	// characters spelled out (⟨U+202E⟩) and cut after MaxShown runes, so
	// that the dialog shows what the address really holds and a 100 KB
	// address does not take seconds to lay out.
	Shown string
}

// MaxShown is how many runes of an address Shown keeps.
const MaxShown = 300

// Classify applies the policy to a link destination exactly as written.
func Classify(raw string) Decision {
	d := classify(raw)
	d.Shown = Show(raw)
	return d
}

// Refusal reports whether the app refuses to open raw, and why: Classify's
// Action and Reason without the display form, for the pack checker, which
// asks about every address and DOI of a pack (10,000 in a large one).
func Refusal(raw string) (reason string, blocked bool) {
	d := classify(raw)
	return d.Reason, d.Action == Blocked
}

// Show is the display form of an address (see Decision.Shown).
func Show(raw string) string {
	s := strings.TrimSpace(raw)
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == MaxShown {
			fmt.Fprintf(&b, "… (%d bytes in all)", len(s))
			break
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			b.WriteString("⟨" + Describe(r) + "⟩")
		} else {
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

func classify(raw string) Decision {
	s := strings.TrimSpace(raw)
	if s == "" {
		return Decision{Reason: "The link has no address."}
	}
	if r, _, ok := BidiControl(s); ok {
		return Decision{Reason: "The address contains an invisible text-direction control character (" + Describe(r) + "), which can make it read differently from where it goes."}
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return Decision{Reason: "The address contains control characters, which browsers may read differently from what is shown."}
		}
	}
	i := strings.IndexByte(s, ':')
	if i <= 0 || strings.ContainsAny(s[:i], "/?#") {
		return Decision{Reason: "The address is not a web address (it has no http or https scheme), so it cannot be opened."}
	}
	scheme := strings.ToLower(s[:i])
	rest := s[i+1:]
	switch scheme {
	case "cite":
		var keys []string
		for _, k := range strings.Split(rest, ";") {
			if k = strings.TrimSpace(k); k != "" {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			return Decision{Reason: "The citation names no reference."}
		}
		return Decision{Action: Cite, Targets: keys}
	case "study":
		if rest == "" {
			return Decision{Reason: "The study link names no study."}
		}
		return Decision{Action: Study, Targets: []string{rest}}
	case "http", "https", "mailto":
		if len(s) > MaxURLLength {
			return Decision{Reason: fmt.Sprintf("The address is %d bytes long, longer than the %d this app opens: an address that long cannot be read in full before it is opened.", len(s), MaxURLLength)}
		}
	}
	switch scheme {
	case "http", "https":
		if strings.ContainsRune(s, ' ') {
			return Decision{Reason: "The web address contains spaces, so it is not a valid address."}
		}
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || u.Opaque != "" {
			return Decision{Reason: "The web address is malformed, so it cannot be opened."}
		}
		if u.User != nil {
			return Decision{Reason: "The web address hides a user name before the site name, a trick used to disguise where a link goes."}
		}
		u.Scheme = scheme
		return Decision{Action: External, URL: u.String()}
	case "mailto":
		u, err := url.Parse(s)
		if err != nil || (u.Opaque == "" && u.Path == "") {
			return Decision{Reason: "The mail address is malformed, so it cannot be opened."}
		}
		u.Scheme = scheme
		return Decision{Action: External, URL: u.String()}
	case "javascript", "vbscript":
		return Decision{Reason: "Script links (" + scheme + ":) could run code, so this app never opens them."}
	case "file":
		return Decision{Reason: "Links to files on this computer (file:) are never opened by this app."}
	case "data":
		return Decision{Reason: "Embedded data links (data:) are never opened by this app."}
	default:
		return Decision{Reason: "Only web (http, https) and mail (mailto) links can be opened; \"" + scheme + ":\" links are shown but never opened."}
	}
}
