package safemsg

import (
	"regexp"
	"strings"
)

var (
	// A link reference definition whose destination is "#": the one kind of
	// comment CommonMark hides. `[//]: # (safemsg: allow weight-target)`.
	refComment = regexp.MustCompile(`^ {0,3}\[[^\]]*\]:[ \t]*#[ \t]*(?:\((.*)\)|"(.*)"|'(.*)')[ \t]*$`)
	// Any other link reference definition: its address is not prose.
	refDef = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:[ \t]*\S`)
	// The address of an inline link or image: ](address "title").
	linkDest = regexp.MustCompile(`\]\(\s*(<[^>\n]*>|[^)\s]*)`)
	autoLink = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^>\s]*>`)
	bareURL  = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s)>\]]+`)
	htmlComm = regexp.MustCompile(`(?s)<!--.*?-->`)
	fence    = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	atx      = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]|$)`)
	rule     = regexp.MustCompile(`^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$`)
)

// Markdown checks a Markdown file (guidance.md, limitations.md, slides.md,
// changelog.md). Front matter, link addresses and comments are not
// checked; emphasis marks are read through, so "**problem** areas" is
// still "problem areas".
//
// An opt-out comment is a line of its own, `[//]: # (safemsg: allow RULE)`,
// after a blank line (or a heading, or the start of the file); it lets the
// lines after it, up to the next blank line, off the named rules.
func (rs *Rules) Markdown(src []byte) []Finding {
	text := string(src)
	masked := []byte(text)
	blank := func(s, e int) {
		for i := s; i < e; i++ {
			if masked[i] != '\n' {
				masked[i] = ' '
			}
		}
	}
	li := newLineIndex(text)
	lines := strings.SplitAfter(text, "\n")
	var (
		a     allowances
		extra []Finding
	)
	start := 0
	// Front matter between +++ lines.
	if strings.TrimRight(lines[0], " \t\r\n") == "+++" {
		off := len(lines[0])
		for i := 1; i < len(lines); i++ {
			if strings.TrimRight(lines[i], " \t\r\n") == "+++" {
				blank(0, off+len(lines[i]))
				start = i + 1
				break
			}
			off += len(lines[i])
		}
	}
	off := 0
	for i := 0; i < start; i++ {
		off += len(lines[i])
	}
	inFence := ""
	prevBlank := true
	for i := start; i < len(lines); i++ {
		ln := lines[i]
		body := strings.TrimRight(ln, "\r\n")
		lineStart := off
		off += len(ln)
		// The line's first character decides which block it can start;
		// the expressions run only when it may.
		first := byte(0)
		if t := strings.TrimLeft(body, " "); t != "" {
			first = t[0]
		}
		if first != '`' && first != '~' && first != '[' {
			if inFence == "" {
				prevBlank = first == 0 || strings.TrimSpace(body) == "" ||
					(first == '#' && atx.MatchString(body)) || ((first == '-' || first == '*') && rule.MatchString(body))
			}
			continue
		}
		if m := fence.FindStringSubmatch(body); m != nil {
			switch {
			case inFence == "":
				inFence = m[1]
			case strings.HasPrefix(m[1], inFence[:1]) && len(m[1]) >= len(inFence):
				inFence = ""
			}
			prevBlank = false
			continue
		}
		if inFence != "" {
			continue
		}
		if m := refComment.FindStringSubmatch(body); m != nil {
			comment := m[1] + m[2] + m[3]
			blank(lineStart, lineStart+len(body))
			if _, ok := parseDirective(comment); ok {
				if !prevBlank {
					line, col := li.at(lineStart)
					extra = append(extra, Finding{Line: line, Col: col, Offset: lineStart, Message: "safe-messaging: this opt-out comment follows a line of text, so the reader shows it as text; put a blank line above it"})
				}
				extra = append(extra, rs.directiveFindings(li, lineStart, comment, coveredLines(lines, i+1), &a)...)
			}
			prevBlank = true // a comment line is no text: another may follow
			continue
		}
		if refDef.MatchString(body) {
			blank(lineStart, lineStart+len(body))
		}
		prevBlank = strings.TrimSpace(body) == "" || atx.MatchString(body) || rule.MatchString(body)
	}
	// The masking expressions run only where their text can be: each is a
	// pass over the whole file.
	lower := strings.ToLower(text)
	var comments, dests [][]int
	if strings.Contains(text, "<!--") {
		comments = htmlComm.FindAllStringIndex(text, -1)
	}
	if strings.Contains(text, "](") {
		dests = linkDest.FindAllStringSubmatchIndex(text, -1)
	}
	for _, loc := range comments {
		if strings.Contains(text[loc[0]:loc[1]], "safemsg") {
			line, col := li.at(loc[0])
			extra = append(extra, Finding{Line: line, Col: col, Offset: loc[0], Message: "safe-messaging: an HTML comment is shown as text by the reader and does not switch a rule off; write the opt-out as a line of its own: [//]: # (safemsg: allow RULE)"})
		}
		blank(loc[0], loc[1])
	}
	for _, loc := range dests {
		// A tel: address is a phone number the reader can see and use.
		if !strings.HasPrefix(strings.ToLower(strings.Trim(text[loc[2]:loc[3]], "<")), "tel:") {
			blank(loc[2], loc[3])
		}
	}
	var links [][]int
	if strings.Contains(text, "<") {
		links = append(links, autoLink.FindAllStringIndex(text, -1)...)
	}
	if strings.Contains(lower, "http") || strings.Contains(lower, "www.") {
		links = append(links, bareURL.FindAllStringIndex(text, -1)...)
	}
	for _, loc := range links {
		if !strings.HasPrefix(strings.ToLower(text[loc[0]:loc[1]]), "<tel:") {
			blank(loc[0], loc[1])
		}
	}
	// Emphasis, code and link brackets are read through.
	for i, c := range masked {
		switch c {
		case '*', '_', '~', '`', '[', ']', '\\':
			masked[i] = ' '
		}
	}
	mt := string(masked)
	ms := rs.check(mt, []span{{0, len(mt)}})
	return rs.findings(mt, li, ms, &a, extra)
}

// coveredLines returns the 1-based numbers of the lines from index i (0-based)
// up to the next blank line: the block after an opt-out comment.
func coveredLines(lines []string, i int) []int {
	var out []int
	for ; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" {
			break
		}
		out = append(out, i+1)
	}
	return out
}
