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
