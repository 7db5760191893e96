package checker

import (
	"testing"
	"unicode/utf16"

	"postdeck/backend/networks"
)

// FuzzCheck: whatever text, network, rating and label come in, Check does
// not panic and every span lies inside the text, in bytes and in UTF-16.
func FuzzCheck(f *testing.F) {
	c, err := Compile(testGuide(), networks.Limits())
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Kopi nusantara murah #KopiSachet 👨‍👩‍👧‍👦 https://a.id/x", "x", "PG-13", "paid")
	f.Add("gratis\u00a0ongkir  pelanggan-pelanggan #a #b #c #d #e #f", "instagram", "G", "partnership")
	f.Add("这个很便宜 \xff\xfe murah\u0301 İstanbul ǅ ſ K", "linkedin", "", "")
	f.Add("@murah kopi.id/#menu #1 ＃kopi 1️⃣🇮🇩👍🏽", "facebook", "R", "Paid")
	f.Fuzz(func(t *testing.T, text, network, rating, label string) {
		fs := c.Check(Input{Text: text, Network: network, ChannelID: "ch-ig", CampaignID: "camp-1", Rating: rating, Labels: []string{label}})
		total16 := len(utf16.Encode([]rune(text)))
		for _, fd := range fs {
			if fd.Start < 0 || fd.Start > fd.End || fd.End > len(text) {
				t.Fatalf("span [%d,%d) outside %d bytes: %+v", fd.Start, fd.End, len(text), fd)
			}
			if fd.From16 < 0 || fd.From16 > fd.To16 || fd.To16 > total16 {
				t.Fatalf("UTF-16 span [%d,%d) outside %d units: %+v", fd.From16, fd.To16, total16, fd)
			}
			if want := len(utf16.Encode([]rune(text[:fd.Start]))); fd.From16 != want {
				t.Fatalf("From16 = %d, want %d", fd.From16, want)
			}
			if want := len(utf16.Encode([]rune(text[:fd.End]))); fd.To16 != want {
				t.Fatalf("To16 = %d, want %d", fd.To16, want)
			}
		}
	})
}
