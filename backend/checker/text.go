package checker

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"postdeck/backend/networks"
)

// text is one input prepared for matching: its case-folded form with a map
// back to the original bytes, and the spans of links, hashtags and mentions.
type text struct {
	s string
	// folded is s case-folded rune by rune (strings.EqualFold semantics) with
	// every run of white space as one space, so "Kopi\nNusantara" matches.
	folded []byte
	// orig[i] is the byte offset in s of the rune folded[i] belongs to;
	// orig[len(folded)] is len(s).
	orig     []int32
	urls     [][2]int
	hashtags []tag
	mentions [][2]int
}

// tag is a hashtag: its span (with the #) and its name folded (without).
type tag struct {
	start, end int
	name       string // as written, without the #
	key        string // folded, for comparison
}

func newText(s string) *text {
	t := &text{s: s, urls: networks.URLs(s)}
	t.folded = make([]byte, 0, len(s)+8)
	t.orig = make([]int32, 0, len(s)+9)
	space := false
	for i, r := range s {
		if unicode.IsSpace(r) {
			if space {
				continue
			}
			space = true
			t.folded = append(t.folded, ' ')
			t.orig = append(t.orig, int32(i))
			continue
		}
		space = false
		n := len(t.folded)
		t.folded = utf8.AppendRune(t.folded, foldRune(r))
		for ; n < len(t.folded); n++ {
			t.orig = append(t.orig, int32(i))
		}
	}
	t.orig = append(t.orig, int32(len(s)))
	t.scanTags()
	return t
}

// foldRune maps r to one representative of its case-folding orbit (the
// smallest rune in it), so two strings fold alike exactly when
// strings.EqualFold says they are equal.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}

// fold returns s folded as newText folds it.
func fold(s string) string {
	return string(newFold(s))
}

func newFold(s string) []byte {
	out := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				out = append(out, ' ')
			}
			space = true
			continue
		}
		space = false
		out = utf8.AppendRune(out, foldRune(r))
	}
	return out
}

// isWordRune is a letter, digit or combining mark: what a word is made of in
// Indonesian and English. A phrase must not start or end inside a word.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// unspaced scripts write words without spaces between them, so a phrase in
// them matches anywhere.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// atBoundaries reports whether s[start:end] is a whole word or phrase: the
// runes on either side are not part of the same word.
func (t *text) atBoundaries(start, end int) bool {
	if start > 0 {
		first, _ := utf8.DecodeRuneInString(t.s[start:])
		before, _ := utf8.DecodeLastRuneInString(t.s[:start])
		if isWordRune(first) && isWordRune(before) && !unspaced(first) {
			return false
		}
	}
	if end < len(t.s) {
		last, _ := utf8.DecodeLastRuneInString(t.s[:end])
		after, _ := utf8.DecodeRuneInString(t.s[end:])
		if isWordRune(last) && isWordRune(after) && !unspaced(last) {
			return false
		}
	}
	return true
}

// scanTags finds hashtags and mentions: # or @ at the start of a word,
// followed by word characters, outside links. A hashtag of digits alone
// (#1) is not one, as on the networks.
func (t *text) scanTags() {
	s := t.s
	prevWord := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == '#' || r == '＃' || r == '@') && !prevWord && !t.inURL(i) {
			j := i + size
			letters := false
			for j < len(s) {
				q, qs := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(q) && !(r == '@' && q == '.' && j+qs < len(s) && nextIsWord(s[j+qs:])) {
					break
				}
				if !unicode.IsDigit(q) {
					letters = true
				}
				j += qs
			}
			if j > i+size && (letters || r == '@') {
				if r == '@' {
					t.mentions = append(t.mentions, [2]int{i, j})
				} else {
					name := s[i+size : j]
					t.hashtags = append(t.hashtags, tag{start: i, end: j, name: name, key: fold(name)})
				}
				i = j
				prevWord = true
				continue
			}
		}
		prevWord = isWordRune(r) || r == '&'
		i += size
	}
}

func nextIsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// inURL reports whether byte offset i lies inside a link.
func (t *text) inURL(i int) bool { return inSpans(t.urls, i, i+1) }

// inSpans reports whether [start,end) overlaps one of spans.
func inSpans(spans [][2]int, start, end int) bool {
	for _, sp := range spans {
		if start < sp[1] && end > sp[0] {
			return true
		}
		if sp[0] >= end {
			break
		}
	}
	return false
}

func (t *text) inHashtag(start, end int) bool {
	for _, h := range t.hashtags {
		if start < h.end && end > h.start {
			return true
		}
		if h.start >= end {
			break
		}
	}
	return false
}

// finish sorts the findings by Start, then Rule (then End, for a stable
// order) and fills in their UTF-16 offsets in one pass over the text.
func (t *text) finish(fs []Finding) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.End < b.End
	})
	if len(fs) == 0 {
		return
	}
	// Offsets to convert, visited in order: each Start and End.
	offs := make([]int, 0, 2*len(fs))
	for _, f := range fs {
		offs = append(offs, f.Start, f.End)
	}
	sort.Ints(offs)
	conv := make(map[int]int, len(offs))
	pos, u16 := 0, 0
	for _, o := range offs {
		for pos < o && pos < len(t.s) {
			r, size := utf8.DecodeRuneInString(t.s[pos:])
			if r >= 0x10000 {
				u16 += 2
			} else {
				u16++
			}
			pos += size
		}
		conv[o] = u16
	}
	for i := range fs {
		fs[i].From16 = conv[fs[i].Start]
		fs[i].To16 = conv[fs[i].End]
	}
}
