package deck

import "strings"

// Format writes slides back as slides.md source, so a generated deck can be
// saved and edited. Parse(Format(s)) gives back the same bodies, notes and
// directives.
func Format(slides []Slide) string {
	var b strings.Builder
	for i, s := range slides {
		if i > 0 {
			b.WriteString("\n\n---\n\n")
		} else if strings.HasPrefix(s.Body, "+++") {
			// Keep a leading "+++" line from being read as front matter.
			b.WriteString("---\n\n")
		}
		dir := ""
		if s.Directive.Kind != "" {
			dir = strings.Join(append([]string{":::", s.Directive.Kind}, s.Directive.Args...), " ")
		}
		var parts []string
		if dir != "" && leavesFenceOpen(s.Body) {
			// After an unclosed fence the directive would be code.
			parts = append(parts, dir)
			dir = ""
		}
		if s.Body != "" {
			parts = append(parts, s.Body)
		}
		if dir != "" {
			parts = append(parts, dir)
		}
		if s.Notes != "" {
			parts = append(parts, "Note:\n"+s.Notes)
		}
		b.WriteString(strings.Join(parts, "\n\n"))
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

func leavesFenceOpen(body string) bool {
	var f fenceState
	for _, l := range strings.Split(body, "\n") {
		f.update(l)
	}
	return f.open
}
