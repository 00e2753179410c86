package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Wrapped is text in one rich-text style, wrapping at word boundaries.
func Wrapped(text string, style widget.RichTextStyle) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Text: text, Style: style})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// Field is a "label: value" line with the label in bold, wrapping at word
// boundaries.
func Field(label, value string) *widget.RichText {
	st := widget.RichTextStyleStrong
	st.Inline = true
	rt := widget.NewRichText(
		&widget.TextSegment{Text: label + ": ", Style: st},
		&widget.TextSegment{Text: value, Style: widget.RichTextStyleInline},
	)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
