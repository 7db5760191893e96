// Package mdtext keeps a teammate's text as text inside the Markdown files
// Postdeck exports (meeting notes, the style guide, the playbook guide):
// whatever a name, title or note holds, a Markdown reader shows those
// characters and makes no heading, list, link, emphasis, table cell or
// HTML of them. One escaper for every export, so they all agree.
package mdtext

import (
	"regexp"
	"strings"
)

// special are the characters that mean something in Markdown (CommonMark
// and GitHub's tables, strikethrough and task lists) wherever they stand.
// Each gets a backslash, which CommonMark allows before any ASCII
// punctuation; a backslash itself is doubled, so text that is already
// escaped stays as typed.
const special = "\\`*_[]#|~!"

// entities replace the characters that start HTML or an entity. An entity,
// unlike a backslash, is read as text by every Markdown reader, the old
// ones that pass "\<" through as a backslash and a tag included.
var entities = map[rune]string{'<': "&lt;", '>': "&gt;", '&': "&amp;"}

// lineStart matches what makes a line a list item, a setext heading
// underline or a numbered item at its start (a quote's ">" is an entity by
// then).
var lineStart = regexp.MustCompile(`^(\s*)([-+=]|\d+[.)])`)

// Inline escapes s for one line of Markdown (a heading, a list item, a
// table cell): runs of white space, line breaks included, become one space.
func Inline(s string) string {
	return Line(strings.Join(strings.Fields(s), " "))
}

// Line escapes one line of text as it is (the caller has split the lines
// and chosen how to join them).
func Line(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if e, ok := entities[r]; ok {
			b.WriteString(e)
			continue
		}
		if r < 0x80 && strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if m := lineStart.FindStringSubmatchIndex(out); m != nil {
		// Escape the marker's last character: "1." becomes "1\." and "-"
		// becomes "\-", so the line stays a line of text.
		at := m[5] - 1
		out = out[:at] + "\\" + out[at:]
	}
	return out
}
