package checker_test

import (
	"strings"
	"testing"

	"postdeck/backend/checker"
	"postdeck/backend/i18n"
	"postdeck/backend/networks"
)

// Every message code the checker can emit has words in English and
// Indonesian (checks.<code> in the window's locale files), or a finding would
// reach the user as a raw code in the window and on the command line.
func TestEveryCodeIsTranslated(t *testing.T) {
	if len(checker.Codes()) < 13 {
		t.Fatalf("only %d codes listed", len(checker.Codes()))
	}
	for _, code := range checker.Codes() {
		for _, lang := range i18n.Languages {
			if _, ok := i18n.Lookup(lang, "checks."+code); !ok {
				t.Errorf("%s.json has no checks.%s", lang, code)
			}
		}
	}
}

// TestCodesListsWhatCheckEmits: a guide and texts that trigger every rule
// produce exactly the codes Codes lists, so the list above cannot fall
// behind the checker.
func TestCodesListsWhatCheckEmits(t *testing.T) {
	c, err := checker.Compile(checker.Guide{
		Names:            []checker.Name{{ID: "n", Right: "Kopi Nusantara"}},
		Terms:            []checker.Term{{ID: "t", Preferred: "Sobat Kopi", Discouraged: []string{"pelanggan"}}},
		Banned:           []checker.Banned{{ID: "b", Phrase: "murah"}},
		RequiredHashtags: []checker.RequiredHashtag{{ID: "r", Tag: "#wajib"}},
		BannedHashtags:   []checker.BannedHashtag{{ID: "h", Tag: "#dilarang"}},
		Emoji:            map[string]checker.EmojiPolicy{"threads": {Mode: checker.EmojiNone}, "instagram": {Mode: checker.EmojiMax, Max: 0}},
		Disclosures:      []checker.Disclosure{{ID: "d", Label: "paid", Tags: []string{"#ad"}}},
		RatingCeiling:    "G",
	}, networks.Limits())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, in := range []checker.Input{
		{Text: "kopi nusantara pelanggan murah #dilarang #a #b 😀", Network: "threads", Rating: "PG", Labels: []string{"paid"}},
		{Text: "#1a #2a #3a #4a #5a #6a 😀", Network: "instagram", Rating: "??"},
		{Text: strings.Repeat("a", 281), Network: "x"},
	} {
		for _, f := range c.Check(in) {
			seen[f.Code] = true
		}
	}
	for _, code := range checker.Codes() {
		if !seen[code] {
			t.Errorf("no test text produced %s", code)
		}
	}
	for code := range seen {
		found := false
		for _, c := range checker.Codes() {
			found = found || c == code
		}
		if !found {
			t.Errorf("Check emitted %s, which Codes does not list", code)
		}
	}
}
