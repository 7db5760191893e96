package networks

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// The twitter-text v3 configuration X publishes: code points in these ranges
// weigh 100, every other 200, on a scale of 100; a URL weighs 23 units and an
// emoji sequence (with its modifiers and joiners) weighs 200 as a whole.
var weightedRanges = [][2]rune{{0, 4351}, {8192, 8205}, {8208, 8223}, {8242, 8247}}

const (
	weightScale   = 100
	defaultWeight = 200
	urlWeight     = 23 * weightScale
	emojiWeight   = 200
)

// urlPattern finds what X counts as a link: anything starting with a scheme or
// www., or a bare host name under a common top-level domain. The frontend
// keeps the same expression (shared/lib/textcount.ts) so both count alike.
//
// Letters are matched as explicit ASCII pairs ([hH]) rather than with (?i):
// Go's case folding would also take the Kelvin sign for k and ſ for s, which
// JavaScript's /i does not, and the two sides must find the same links.
var urlPattern = regexp.MustCompile(asciiFold(`(?:https?://|www\.)[^\s<>"]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:` + tlds + `)\b(?:/[^\s<>"]*)?`))

// tlds are the top-level domains of links written without a scheme.
const tlds = "com|net|org|id|io|co|me|app|dev|info|biz|ly|gl|to|tv|xyz|ai|uk|us|sg|my|au"

// asciiFold makes an expression's letters match either case: literal
// letters become [xX] and the ranges a-z become a-zA-Z.
func asciiFold(expr string) string {
	expr = strings.ReplaceAll(expr, "a-z", "a-zA-Z")
	var b strings.Builder
	inClass := false
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case c == '\\' && i+1 < len(expr):
			b.WriteByte(c)
			i++
			b.WriteByte(expr[i])
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case !inClass && c >= 'a' && c <= 'z':
			b.WriteString("[" + string(c) + string(c-'a'+'A') + "]")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// URLs returns the byte spans of the links in text, in order. Trailing
// punctuation that ends a sentence is not part of the link, and a host after
// "@" is an e-mail address, not a link.
func URLs(text string) [][2]int {
	var out [][2]int
	// A link never holds white space, so the expression runs only on the
	// words that could be one (with a dot or a colon): the same matches as
	// on the whole text, at a fraction of the cost on long posts.
	for i := 0; i < len(text); {
		for i < len(text) && isASCIISpace(text[i]) {
			i++
		}
		j := i
		for j < len(text) && !isASCIISpace(text[j]) {
			j++
		}
		if word := text[i:j]; strings.ContainsAny(word, ".:") {
			out = appendURLs(out, text, i, word)
		}
		i = j
	}
	return out
}

// isASCIISpace is \s in the expression's syntax.
func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

func appendURLs(out [][2]int, text string, off int, word string) [][2]int {
	for _, m := range urlPattern.FindAllStringIndex(word, -1) {
		s, e := off+m[0], off+m[1]
		if s > 0 {
			if p := text[s-1]; p == '@' || p == '.' || p == '-' || p == '/' {
				continue
			}
		}
		for e > s && strings.IndexByte(".,!?;:)'\"]}", text[e-1]) >= 0 {
			e--
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
	}
	return out
}

// IsEmoji reports whether a grapheme cluster is an emoji as people see one:
// a pictograph (with any skin tone, joiner sequence or variation selector),
// a flag, or a keycap. Text-style symbols such as © count only when followed
// by the emoji variation selector.
func IsEmoji(cluster string) bool {
	r, size := utf8.DecodeRuneInString(cluster)
	if r == utf8.RuneError && size <= 1 {
		return false
	}
	rest := cluster[size:]
	switch {
	case r >= 0x1F1E6 && r <= 0x1F1FF: // regional indicators (flags)
		return true
	case strings.ContainsRune(rest, 0x20E3): // keycap: 1️⃣
		return true
	case isPictographic(r):
		return r >= 0x1F000 || defaultEmojiPresentation(r) || strings.ContainsRune(rest, 0xFE0F)
	}
	return false
}

// isPictographic approximates Unicode's Extended_Pictographic property by its
// blocks; uniseg keeps its property tables unexported.
func isPictographic(r rune) bool {
	switch {
	case r == 0xA9 || r == 0xAE || r == 0x203C || r == 0x2049 || r == 0x2122 || r == 0x2139:
		return true
	case r >= 0x2194 && r <= 0x21AA, r >= 0x231A && r <= 0x23FF, r == 0x24C2,
		r >= 0x25AA && r <= 0x25FE, r >= 0x2600 && r <= 0x27BF, r >= 0x2934 && r <= 0x2935,
		r >= 0x2B05 && r <= 0x2B55, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	case r >= 0x1F000 && r <= 0x1F0FF, r >= 0x1F10D && r <= 0x1F1AD, r >= 0x1F201 && r <= 0x1F64F,
		r >= 0x1F680 && r <= 0x1F6FF, r >= 0x1F774 && r <= 0x1F7FF, r >= 0x1F80C && r <= 0x1F8FF,
		r >= 0x1F90C && r <= 0x1FAFF, r >= 0x1FC00 && r <= 0x1FFFD:
		return r < 0x1F3FB || r > 0x1F3FF // skin-tone modifiers alone are not emoji
	}
	return false
}

// defaultEmojiPresentation lists the pictographs below U+1F000 that show as
// emoji without a variation selector (Emoji_Presentation=Yes).
func defaultEmojiPresentation(r rune) bool {
	switch r {
	case 0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE,
		0x2614, 0x2615, 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4,
		0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
		0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795,
		0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55:
		return true
	}
	return r >= 0x2648 && r <= 0x2653 // zodiac signs
}

// Count returns the length of text as a network counting that way counts it.
func Count(text, counting string) int {
	n, _ := Measure(text, counting, 0)
	return n
}

// Measure returns the length of text in counting units and, when limit > 0
// and the text is longer, the byte offset in text where the first unit past
// the limit starts (-1 when the text fits). Unknown counting modes count
// code points.
func Measure(text, counting string, limit int) (count, overAt int) {
	if counting == CountWeighted {
		return MeasureWithURLs(text, counting, limit, URLs(text))
	}
	return MeasureWithURLs(text, counting, limit, nil)
}

// MeasureWithURLs is Measure for a caller that already has URLs(text).
func MeasureWithURLs(text, counting string, limit int, urls [][2]int) (count, overAt int) {
	overAt = -1
	switch counting {
	case CountWeighted:
		return measureWeighted(text, limit, urls)
	case CountGraphemes:
		state := -1
		rest := text
		for len(rest) > 0 {
			var cl string
			cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			count++
			if limit > 0 && count == limit+1 {
				overAt = len(text) - len(rest) - len(cl)
			}
		}
		return count, overAt
	default:
		for i := range text {
			count++
			if limit > 0 && count == limit+1 {
				overAt = i
			}
		}
		return count, overAt
	}
}

// measureWeighted follows twitter-text's parseTweet: the text is counted in
// NFC, URLs weigh 23, emoji sequences 2 and other code points 1 or 2 by range.
func measureWeighted(text string, limit int, urls [][2]int) (count, overAt int) {
	overAt = -1
	weight := 0
	state := -1
	pos := 0
	over := func(at, w int) {
		weight += w
		if limit > 0 && overAt < 0 && weight > limit*weightScale {
			overAt = at
		}
	}
	for pos < len(text) {
		if len(urls) > 0 && urls[0][0] == pos {
			over(pos, urlWeight)
			pos = urls[0][1]
			urls = urls[1:]
			state = -1
			continue
		}
		end := len(text)
		if len(urls) > 0 {
			end = urls[0][0]
		}
		// Fast path: an ASCII character followed by another (or the end)
		// is a whole grapheme cluster in NFC, weighing 1.
		if text[pos] < utf8.RuneSelf && (pos+1 == end || text[pos+1] < utf8.RuneSelf) {
			over(pos, weightScale)
			pos++
			state = -1
			continue
		}
		var cl string
		cl, _, _, state = uniseg.FirstGraphemeClusterInString(text[pos:end], state)
		switch {
		case IsEmoji(cl):
			over(pos, emojiWeight)
		case norm.NFC.IsNormalString(cl):
			for _, r := range cl {
				over(pos, runeWeight(r))
			}
		default:
			// NFC first, as twitter-text does: "e" + combining accent is one é.
			for _, r := range norm.NFC.String(cl) {
				over(pos, runeWeight(r))
			}
		}
		pos += len(cl)
	}
	return (weight + weightScale - 1) / weightScale, overAt
}

func runeWeight(r rune) int {
	for _, rg := range weightedRanges {
		if r >= rg[0] && r <= rg[1] {
			return weightScale
		}
	}
	return defaultWeight
}
