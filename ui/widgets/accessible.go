package widgets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-reader/evidence-reader/internal/pack"
)

// Accessible is what a screen reader is given for one element: the label
// read aloud and the role (button, link, text).
type Accessible struct {
	Label string
	Role  fyne.AccessibleRole
}

// Exposed lists what Fyne 2.8.1 hands a screen reader for the objects under
// root, in order. It follows the driver's own walk (accessibility_windows.go
// in fyne.io/fyne/v2/internal/driver/glfw; the macOS walk differs only by
// nesting): visible objects that implement fyne.Accessible are reported,
// except containers, and the walk goes on into the children of
// *fyne.Container only, never into a widget's renderer. So a widget inside
// a scroller, a split, a list, a table or any other widget is not read
// aloud, whatever its label: what a screen reader can reach depends on the
// layout as much as on the labels. Tests use it to say which labels are
// really reached.
func Exposed(root fyne.CanvasObject) []Accessible {
	var out []Accessible
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if a, ok := o.(fyne.Accessible); ok && a.AccessibilityRole() != fyne.AccessibleRoleContainer {
			out = append(out, Accessible{a.AccessibilityLabel(), a.AccessibilityRole()})
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
	}
	walk(root)
	return out
}

// Labelled shows content and gives screen readers one label and role for
// all of it, as for a row that is a picture and words (a risk-of-bias
// light and its level).
type Labelled struct {
	widget.BaseWidget
	content fyne.CanvasObject
	role    fyne.AccessibleRole
	label   func() string
}

// NewLabelled wraps content; label is asked each time the label is read.
func NewLabelled(content fyne.CanvasObject, role fyne.AccessibleRole, label func() string) *Labelled {
	l := &Labelled{content: content, role: role, label: label}
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer implements fyne.Widget.
func (l *Labelled) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.content) }

// AccessibilityLabel implements fyne.Accessible.
func (l *Labelled) AccessibilityLabel() string { return l.label() }

// AccessibilityRole implements fyne.Accessible.
func (l *Labelled) AccessibilityRole() fyne.AccessibleRole { return l.role }

// RiskLabel is how one risk-of-bias light is read, in its tool's words:
// the tool's noun for a domain, the domain's code and full name, the level
// and the reason, as in "Domain D2 (deviations from intended
// interventions): some concerns — reason" (RoB 2, ROBINS-I) or "Item Q4
// (comprehensive literature search): yes" (AMSTAR 2). A nil tool or one
// without a noun says "Domain".
func RiskLabel(t *pack.RoBTool, d pack.RoBDomain, level pack.RoBLevel, reason string) string {
	noun := "Domain"
	if t != nil && t.DomainNoun != "" {
		noun = t.DomainNoun
	}
	s := noun + " " + d.Code()
	if d.Name != "" {
		s += " (" + lowerFirst(d.Name) + ")"
	}
	return s + judged(level, reason)
}

// OverallRiskLabel is how the overall judgement is read: the tool's name
// for it, the level and the reason ("Overall: high risk — reason",
// "Overall confidence: low confidence"); a nil tool says "Overall".
func OverallRiskLabel(t *pack.RoBTool, level pack.RoBLevel, reason string) string {
	name := "Overall"
	if t != nil && t.OverallName != "" {
		name = t.OverallName
	}
	return name + judged(level, reason)
}

// judged is ": level — reason", the level in lower case as a screen reader
// reads it in a sentence.
func judged(level pack.RoBLevel, reason string) string {
	s := ": " + strings.ToLower(level.Label)
	if reason = strings.Join(strings.Fields(reason), " "); reason != "" {
		s += " — " + reason
	}
	return s
}

// lowerFirst lowers a name's first letter for the middle of a sentence,
// unless the name starts with an abbreviation ("PICO components").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || n == len(s) {
		return strings.ToLower(s)
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// IconButton is a button that shows only an icon and tells screen readers
// what it does: a plain widget.Button without text is read by its icon's
// file name ("foreground_arrow-back.svg").
type IconButton struct {
	widget.Button
	// Label is read aloud, e.g. "Back".
	Label string
}

// NewIconButton returns a low-importance icon button labelled for screen readers.
func NewIconButton(label string, icon fyne.Resource, tapped func()) *IconButton {
	b := &IconButton{Label: label}
	b.Icon = icon
	b.OnTapped = tapped
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// AccessibilityLabel implements fyne.Accessible.
func (b *IconButton) AccessibilityLabel() string { return b.Label }
