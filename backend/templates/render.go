package templates

import (
	"strings"
	"unicode/utf8"

	"postdeck/backend/apperr"
)

// Standard placeholders every post template may use without declaring them.
const (
	PlaceholderProduct  = "product"
	PlaceholderDate     = "date"
	PlaceholderLink     = "link"
	PlaceholderCampaign = "campaign"
)

// StandardPlaceholders are the placeholders Postdeck knows without a label.
var StandardPlaceholders = []string{PlaceholderProduct, PlaceholderDate, PlaceholderLink, PlaceholderCampaign}

const maxPlaceholderName = 40

// segment is a piece of a parsed template: literal text, or (when name is
// set) a placeholder.
type segment struct {
	text string
	name string
}

// parse splits text into literal text and {{name}} placeholders in one pass.
// Names are letters, digits and '_' (ASCII, starting with a letter), with
// optional spaces inside the braces. "{{" without its "}}" or with something
// other than a name inside is an error that says where (line and column, in
// characters, so it is right for emoji and accented text too).
func parse(text string) ([]segment, error) {
	var out []segment
	rest := text
	offset := 0
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			if rest != "" {
				out = append(out, segment{text: rest})
			}
			return out, nil
		}
		if i > 0 {
			out = append(out, segment{text: rest[:i]})
		}
		j := strings.Index(rest[i+2:], "}}")
		if j < 0 {
			line, col := position(text, offset+i)
			return nil, apperr.New("template.placeholder_unclosed", "a {{ is not closed with }}").
				With("line", line).With("column", col)
		}
		name := strings.TrimSpace(rest[i+2 : i+2+j])
		if !validName(name) {
			line, col := position(text, offset+i)
			return nil, apperr.New("template.placeholder_invalid", "a placeholder name is letters, digits and _").
				With("line", line).With("column", col).With("name", truncateRunes(name, 40))
		}
		out = append(out, segment{name: name})
		consumed := i + 2 + j + 2
		rest = rest[consumed:]
		offset += consumed
	}
}

func validName(name string) bool {
	if name == "" || len(name) > maxPlaceholderName {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || c != '_' && (c < '0' || c > '9')) {
			return false
		}
	}
	return true
}

// position returns the 1-based line and column (in characters) of byte
// offset at in text.
func position(text string, at int) (line, col int) {
	before := text[:at]
	line = strings.Count(before, "\n") + 1
	if k := strings.LastIndexByte(before, '\n'); k >= 0 {
		before = before[k+1:]
	}
	return line, utf8.RuneCountInString(before) + 1
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// Placeholders returns the distinct placeholder names in text, in order of
// first use, or the error a malformed placeholder gives.
func Placeholders(text string) ([]string, error) {
	segs, err := parse(text)
	if err != nil {
		return nil, err
	}
	var names []string
	seen := map[string]bool{}
	for _, s := range segs {
		if s.name != "" && !seen[s.name] {
			seen[s.name] = true
			names = append(names, s.name)
		}
	}
	return names, nil
}

// Render fills the {{name}} placeholders of text with values. Values are
// inserted as they are and never expanded again, so a value that itself
// contains "{{x}}" stays literal (a product called "{{beta}}" is safe).
// Every placeholder without a value (absent or blank) is named in one error,
// so the form can mark them all at once.
func Render(text string, values map[string]string) (string, error) {
	segs, err := parse(text)
	if err != nil {
		return "", err
	}
	var missing []string
	seen := map[string]bool{}
	var b strings.Builder
	b.Grow(len(text))
	for _, s := range segs {
		if s.name == "" {
			b.WriteString(s.text)
			continue
		}
		v, ok := values[s.name]
		if !ok || strings.TrimSpace(v) == "" {
			if !seen[s.name] {
				seen[s.name] = true
				missing = append(missing, s.name)
			}
			continue
		}
		b.WriteString(v)
	}
	if len(missing) > 0 {
		return "", apperr.New("template.value_missing", "no value for "+strings.Join(missing, ", ")).
			With("names", strings.Join(missing, ", ")).With("count", len(missing))
	}
	return b.String(), nil
}

// CheckValues returns the error Render would give for the first text
// missing a value, but naming every placeholder without a value in all of
// texts (in order of first use), so one message lists them all.
func CheckValues(values map[string]string, texts ...string) error {
	var missing []string
	seen := map[string]bool{}
	for _, text := range texts {
		names, err := Placeholders(text)
		if err != nil {
			return err
		}
		for _, n := range names {
			if v, ok := values[n]; (!ok || strings.TrimSpace(v) == "") && !seen[n] {
				seen[n] = true
				missing = append(missing, n)
			}
		}
	}
	if len(missing) > 0 {
		return apperr.New("template.value_missing", "no value for "+strings.Join(missing, ", ")).
			With("names", strings.Join(missing, ", ")).With("count", len(missing))
	}
	return nil
}
