package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Wrapped is text in one rich-text style, wrapping at word boundaries
// (cut after a symbol before a space: SymbolSafeSegments).
func Wrapped(text string, style widget.RichTextStyle) *widget.RichText {
	rt := widget.NewRichText(SymbolSafeSegments([]widget.RichTextSegment{&widget.TextSegment{Text: text, Style: style}})...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// Field is a "label: value" line with the label in bold, wrapping at word
// boundaries (cut after a symbol before a space: SymbolSafeSegments).
func Field(label, value string) *widget.RichText {
	st := widget.RichTextStyleStrong
	st.Inline = true
	rt := widget.NewRichText(SymbolSafeSegments([]widget.RichTextSegment{
		&widget.TextSegment{Text: label + ": ", Style: st},
		&widget.TextSegment{Text: value, Style: widget.RichTextStyleInline},
	})...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
