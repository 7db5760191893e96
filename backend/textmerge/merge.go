// Package textmerge merges two concurrent edits of one text against the
// text both started from (a three-way line merge), the way version control
// does, so two people editing different lines of a post both keep their work.
package textmerge

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// hunk replaces base lines [start, end) with lines.
type hunk struct {
	start, end int
	lines      []string
}

// Merge returns the three-way merge of a and b, both edited from base, and
// whether it is clean. When a and b change the same lines differently it is
// not clean and the result is meaningless. The result does not depend on
// which side is a and which is b, so every device computes the same merge.
func Merge(base, a, b string) (string, bool) {
	if a == b {
		return a, true
	}
	if a == base {
		return b, true
	}
	if b == base {
		return a, true
	}
	baseLines := splitLines(base)
	ha := hunks(base, a)
	hb := hunks(base, b)
	var out []string
	pos := 0 // next base line not yet copied
	i, j := 0, 0
	for i < len(ha) || j < len(hb) {
		var next hunk
		switch {
		case j >= len(hb) || (i < len(ha) && before(ha[i], hb[j])):
			next = ha[i]
			i++
			if j < len(hb) && overlaps(next, hb[j]) {
				if !same(next, hb[j]) {
					return "", false
				}
				j++
			}
		default:
			next = hb[j]
			j++
			if i < len(ha) && overlaps(next, ha[i]) {
				if !same(next, ha[i]) {
					return "", false
				}
				i++
			}
		}
		if next.start < pos {
			return "", false // touches lines another hunk already replaced
		}
		out = append(out, baseLines[pos:next.start]...)
		out = append(out, next.lines...)
		pos = next.end
	}
	out = append(out, baseLines[pos:]...)
	return strings.Join(out, ""), true
}

// before orders hunks by where they start; at the same start, the pure
// insertion first. Ties between identical positions are handled by overlaps.
func before(x, y hunk) bool {
	if x.start != y.start {
		return x.start < y.start
	}
	return x.end < y.end
}

// overlaps reports whether two hunks touch the same base lines, or insert at
// the same place (where the order of the two insertions would be a guess).
func overlaps(x, y hunk) bool {
	if x.start == y.start {
		return true
	}
	return x.start < y.end && y.start < x.end
}

func same(x, y hunk) bool {
	return x.start == y.start && x.end == y.end && strings.Join(x.lines, "") == strings.Join(y.lines, "")
}

// hunks lists the regions where edited differs from base, by base line.
func hunks(base, edited string) []hunk {
	dmp := diffmatchpatch.New()
	c1, c2, lines := dmp.DiffLinesToChars(base, edited)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(c1, c2, false), lines)
	var out []hunk
	line := 0
	var cur *hunk
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, d := range diffs {
		n := splitLines(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			line += len(n)
		case diffmatchpatch.DiffDelete:
			if cur == nil {
				cur = &hunk{start: line, end: line}
			}
			line += len(n)
			cur.end = line
		case diffmatchpatch.DiffInsert:
			if cur == nil {
				cur = &hunk{start: line, end: line}
			}
			cur.lines = append(cur.lines, n...)
		}
	}
	flush()
	return out
}

// splitLines splits s into lines that keep their "\n".
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.SplitAfter(s, "\n")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}
