package templates

import "testing"

// A template's default hashtag is added only when the text does not have
// it yet, counted as the style-guide checker counts hashtags: after any
// punctuation, in any case, and only as a whole tag.
func TestDefaultHashtagsAreNotAddedTwice(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Promo hari ini (#kopi)", "Promo hari ini (#kopi)"},
		{"Promo hari ini [#kopi]", "Promo hari ini [#kopi]"},
		{`Kata mereka "#kopi" enak`, `Kata mereka "#kopi" enak`},
		{"Promo:#kopi", "Promo:#kopi"},
		{"Promo #KOPI!", "Promo #KOPI!"},
		{"Promo #kopi.", "Promo #kopi."},
		{"Promo #kopisusu", "Promo #kopisusu\n\n#kopi"},
		{"Lihat https://kopi.id/#kopi", "Lihat https://kopi.id/#kopi\n\n#kopi"},
		{"Promo kopi", "Promo kopi\n\n#kopi"},
		{"", "#kopi"},
	}
	for _, c := range cases {
		if got := withHashtags(c.text, []string{"#kopi"}); got != c.want {
			t.Errorf("withHashtags(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
