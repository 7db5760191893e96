package networks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestSharedCountingCases runs the cases the window's vitest runs too
// (frontend/src/shared/lib/textcount.cases.json), so the editor's live count
// and the checker agree on every one.
func TestSharedCountingCases(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "shared", "lib", "textcount.cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name, Text, Suffix, Counting string
		Repeat, Limit, Count         int
		OverAt16                     *int
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		n := c.Repeat
		if n == 0 {
			n = 1
		}
		text := strings.Repeat(c.Text, n) + c.Suffix
		count, at := Measure(text, c.Counting, c.Limit)
		if count != c.Count {
			t.Errorf("%s: count %d, want %d", c.Name, count, c.Count)
		}
		if c.OverAt16 != nil {
			at16 := -1
			if at >= 0 {
				at16 = len(utf16.Encode([]rune(text[:at])))
			}
			if at16 != *c.OverAt16 {
				t.Errorf("%s: over at %d (UTF-16), want %d", c.Name, at16, *c.OverAt16)
			}
		}
	}
}

// urlsWholeText is URLs without the per-word shortcut: the expression over
// the whole text, as the window's textcount.ts runs it.
func urlsWholeText(text string) [][2]int {
	var out [][2]int
	for _, m := range urlPattern.FindAllStringIndex(text, -1) {
		s, e := m[0], m[1]
		if s > 0 && strings.IndexByte("@.-/", text[s-1]) >= 0 {
			continue
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

// FuzzURLs: running the link expression word by word finds exactly what it
// finds over the whole text, so the Go side and the window agree.
func FuzzURLs(f *testing.F) {
	for _, s := range []string{"lihat https://kopi.id/a. dan www.x.com, a@b.com", "kopi.id/#menu x.co\tfoo.com/bar)", "http://a b.c.com..d.io", "@x.com -y.com /z.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := URLs(text), urlsWholeText(text)
		if len(got) != len(want) {
			t.Fatalf("%q: per word %v, whole text %v", text, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: per word %v, whole text %v", text, got, want)
			}
		}
	})
}
