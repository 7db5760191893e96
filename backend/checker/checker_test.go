package checker

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"postdeck/backend/networks"
)

// testGuide is a guide with an entry in every section, in the shape a
// coffee brand selling in Indonesia would write it.
func testGuide() Guide {
	return Guide{
		Names: []Name{
			{ID: "n1", Right: "Kopi Nusantara", Wrong: []string{"KopiNusantara", "Kopi Nusantra", "kopi nusantara"}},
			{ID: "n2", Right: "iKopi", Wrong: []string{"I-Kopi"}},
			{ID: "n3", Right: "Toko Murah Jaya"},
			{ID: "n4", Right: "Kopi Nusantara Roastery", Wrong: []string{"Nusantara Roastery"}},
		},
		Terms: []Term{
			{ID: "t1", Preferred: "Sobat Kopi", Discouraged: []string{"pelanggan", "konsumen"}},
			{ID: "t2", Preferred: "coffee friends", Discouraged: []string{"customers", "customer"}},
		},
		Banned: []Banned{
			{ID: "b1", Phrase: "murah", Reason: "terdengar berkualitas rendah", Replacement: "terjangkau"},
			{ID: "b2", Phrase: "gratis ongkir", Replacement: "bebas ongkos kirim"},
			{ID: "b3", Phrase: "gratis", Reason: "hanya untuk promo resmi"},
			{ID: "b4", Phrase: "cheap", Replacement: "affordable"},
			{ID: "b5", Phrase: "best in the world", Severity: SeverityWarning},
			{ID: "b6", Phrase: "便宜", Replacement: "实惠"},
			{ID: "b7", Phrase: "100% guaranteed"},
		},
		RequiredHashtags: []RequiredHashtag{
			{ID: "r1", Tag: "#KopiNusantara", ChannelID: "ch-ig"},
			{ID: "r2", Tag: "PromoAkhirTahun", CampaignID: "camp-1"},
		},
		BannedHashtags: []BannedHashtag{{ID: "h1", Tag: "#kopisachet", Reason: "merek pesaing"}},
		MaxHashtags:    map[string]int{"linkedin": 3, "instagram": 10, "": 8},
		Emoji: map[string]EmojiPolicy{
			"linkedin": {Mode: EmojiNone},
			"facebook": {Mode: EmojiMax, Max: 3},
		},
		Disclosures: []Disclosure{
			{ID: "d1", Label: "paid", Tags: []string{"#ad", "#iklan"}},
			{ID: "d2", Label: "partnership", Tags: []string{"#partnership", "#kolaborasi", "kerja sama"}},
		},
		RatingCeiling:         "PG",
		ChannelRatingCeilings: map[string]string{"ch-kids": "G"},
	}
}

// show renders a finding as its rule and the text it underlines, or the
// span's offsets when the text is long.
func show(text string, f Finding) string {
	span := text[f.Start:f.End]
	if len(span) > 40 {
		return fmt.Sprintf("%s [%d:%d]", f.Rule, f.Start, f.End)
	}
	return fmt.Sprintf("%s %q", f.Rule, span)
}

func TestCheck(t *testing.T) {
	c, err := Compile(testGuide(), networks.Limits())
	if err != nil {
		t.Fatal(err)
	}
	a := strings.Repeat
	url100 := "https://kopinusantara.id/" + a("p", 75) // 100 characters, counts 23 on X
	family := "👨‍👩‍👧‍👦"
	thumb := "👍🏽"
	cases := []struct {
		name string
		in   Input
		want []string
		// fix and params, when set, are checked on the first finding.
		fix    *string
		params map[string]any
	}{
		// Clean text.
		{name: "clean English", in: Input{Text: "Our coffee friends love Kopi Nusantara.", Network: "x"}},
		{name: "clean Indonesian", in: Input{Text: "Halo Sobat Kopi! Kopi Nusantara hadir di kotamu, harganya terjangkau.", Network: "instagram"}},
		{name: "empty text", in: Input{Text: "", Network: "x"}},

		// Banned phrases: whole words only, any case.
		{name: "banned phrase with fix", in: Input{Text: "Kopi yang murah dan enak", Network: "x"},
			want: []string{`banned:b1 "murah"`}, fix: ptr("terjangkau"),
			params: map[string]any{"phrase": "murah", "reason": "terdengar berkualitas rendah", "replacement": "terjangkau"}},
		{name: "banned phrase upper case", in: Input{Text: "MURAH BANGET!", Network: "x"}, want: []string{`banned:b1 "MURAH"`}},
		{name: "banned phrase inside a longer word (suffix)", in: Input{Text: "Jangan terlihat murahan.", Network: "x"}},
		{name: "banned phrase inside a longer word (prefix)", in: Input{Text: "Harga termurah se-Jakarta", Network: "x"}},
		{name: "banned phrase inside an English word", in: Input{Text: "Cheaper than a cheapskate", Network: "x"}},
		{name: "banned phrase before punctuation", in: Input{Text: "Murah! (cheap)", Network: "x"},
			want: []string{`banned:b1 "Murah"`, `banned:b4 "cheap"`}},
		{name: "banned phrase followed by a combining accent is another word", in: Input{Text: "murah\u0301 sekali", Network: "x"}},
		{name: "overlapping banned phrases", in: Input{Text: "Gratis ongkir hari ini", Network: "x"},
			want: []string{`banned:b2 "Gratis ongkir"`, `banned:b3 "Gratis"`}, fix: ptr("bebas ongkos kirim")},
		{name: "banned phrase across a line break", in: Input{Text: "gratis\nongkir", Network: "x"},
			want: []string{`banned:b2 "gratis\nongkir"`, `banned:b3 "gratis"`}},
		{name: "banned phrase with a warning severity", in: Input{Text: "The best in the world.", Network: "x"},
			want: []string{`banned:b5 "best in the world"`}},
		{name: "banned phrase with digits and symbols", in: Input{Text: "It's 100% GUARANTEED", Network: "x"},
			want: []string{`banned:b7 "100% GUARANTEED"`}},
		{name: "banned CJK phrase inside CJK text", in: Input{Text: "这个咖啡很便宜。", Network: "x"},
			want: []string{`banned:b6 "便宜"`}, fix: ptr("实惠")},
		{name: "banned phrase inside a link is not flagged", in: Input{Text: "Lihat https://kopinusantara.id/promo-murah", Network: "x"}},
		{name: "banned phrase in a mention is not flagged", in: Input{Text: "Halo @murah", Network: "x"}},
		{name: "banned phrase as a hashtag is flagged", in: Input{Text: "#murah", Network: "x"},
			want: []string{`banned:b1 "murah"`}},

		// Names: the right spelling passes, case variants and listed variants get a fix.
		{name: "name spelled right", in: Input{Text: "Kopi Nusantara", Network: "x"}},
		{name: "name in lower case", in: Input{Text: "Beli kopi nusantara sekarang", Network: "x"},
			want: []string{`name:n1 "kopi nusantara"`}, fix: ptr("Kopi Nusantara"),
			params: map[string]any{"found": "kopi nusantara", "right": "Kopi Nusantara"}},
		{name: "name in upper case", in: Input{Text: "KOPI NUSANTARA!", Network: "x"}, want: []string{`name:n1 "KOPI NUSANTARA"`}},
		{name: "name run together", in: Input{Text: "Ngopi di KopiNusantara", Network: "x"},
			want: []string{`name:n1 "KopiNusantara"`}, fix: ptr("Kopi Nusantara")},
		{name: "case variant of a wrong variant", in: Input{Text: "kopinusantara", Network: "x"}, want: []string{`name:n1 "kopinusantara"`}},
		{name: "misspelt name", in: Input{Text: "Kopi Nusantra", Network: "x"}, want: []string{`name:n1 "Kopi Nusantra"`}},
		{name: "name with two spaces", in: Input{Text: "Kopi  Nusantara", Network: "x"}, want: []string{`name:n1 "Kopi  Nusantara"`}},
		{name: "mixed-case brand name", in: Input{Text: "Pesan lewat IKOPI atau I-Kopi", Network: "x"},
			want: []string{`name:n2 "IKOPI"`, `name:n2 "I-Kopi"`}},
		{name: "name in a hashtag is left alone", in: Input{Text: "#KopiNusantara #kopinusantara", Network: "x"}},
		{name: "a banned word inside a brand name spelt right", in: Input{Text: "Belanja di Toko Murah Jaya", Network: "x"}},
		{name: "a banned word inside a brand name spelt wrong", in: Input{Text: "Belanja di toko murah jaya", Network: "x"},
			want: []string{`name:n3 "toko murah jaya"`, `banned:b1 "murah"`}},
		{name: "a wrong variant inside the right spelling", in: Input{Text: "Kopi Nusantara Roastery", Network: "x"}},
		{name: "a wrong variant on its own", in: Input{Text: "Nusantara Roastery buka", Network: "x"},
			want: []string{`name:n4 "Nusantara Roastery"`}, fix: ptr("Kopi Nusantara Roastery")},
		{name: "name inside a longer word", in: Input{Text: "Kopi Nusantaranya enak", Network: "x"}},

		// Terms.
		{name: "discouraged term", in: Input{Text: "Terima kasih, pelanggan setia!", Network: "x"},
			want: []string{`term:t1 "pelanggan"`}, fix: ptr("Sobat Kopi")},
		{name: "discouraged term reduplicated", in: Input{Text: "Pelanggan-pelanggan kami", Network: "x"},
			want: []string{`term:t1 "Pelanggan"`, `term:t1 "pelanggan"`}},
		{name: "discouraged term with a suffix is another word", in: Input{Text: "pelanggannya puas", Network: "x"}},
		{name: "longer discouraged term does not also match the shorter", in: Input{Text: "Dear customers,", Network: "x"},
			want: []string{`term:t2 "customers"`}},
		{name: "term before an apostrophe", in: Input{Text: "A customer's review", Network: "x"},
			want: []string{`term:t2 "customer"`}},
		{name: "overlapping name, term and banned phrases", in: Input{Text: "kopi nusantara gratis ongkir untuk konsumen", Network: "x"},
			want: []string{`name:n1 "kopi nusantara"`, `banned:b2 "gratis ongkir"`, `banned:b3 "gratis"`, `term:t1 "konsumen"`}},

		// X counts by weight.
		{name: "X: 280 Latin characters pass", in: Input{Text: a("a", 280), Network: "x"}},
		{name: "X: 281 Latin characters fail", in: Input{Text: a("a", 281), Network: "x"},
			want: []string{`length "a"`}, params: map[string]any{"count": 281, "limit": 280}},
		{name: "X: 140 CJK characters pass", in: Input{Text: a("咖", 140), Network: "x"}},
		{name: "X: 141 CJK characters fail", in: Input{Text: a("咖", 141), Network: "x"},
			want: []string{`length "咖"`}, params: map[string]any{"count": 282, "limit": 280}},
		{name: "X: 140 emoji pass", in: Input{Text: a("😀", 140), Network: "x"}},
		{name: "X: 141 emoji fail", in: Input{Text: a("😀", 141), Network: "x"},
			want: []string{`length "😀"`}, params: map[string]any{"count": 282, "limit": 280}},
		{name: "X: 140 emoji with skin tones pass", in: Input{Text: a(thumb, 140), Network: "x"}},
		{name: "X: 141 emoji with skin tones fail", in: Input{Text: a(thumb, 141), Network: "x"}, want: []string{`length ` + strconv.Quote(thumb)}},
		{name: "X: 140 ZWJ families pass", in: Input{Text: a(family, 140), Network: "x"}},
		{name: "X: 141 ZWJ families fail", in: Input{Text: a(family, 141), Network: "x"}, want: []string{`length ` + strconv.Quote(family)}},
		{name: "X: a long link counts 23", in: Input{Text: url100 + " " + a("a", 256), Network: "x"}},
		{name: "X: a long link counts 23, one more fails", in: Input{Text: url100 + " " + a("a", 257), Network: "x"},
			want: []string{`length "a"`}, params: map[string]any{"count": 281}},
		{name: "X: a bare domain counts 23", in: Input{Text: "kopinusantara.id " + a("b", 256), Network: "x"}},
		{name: "X: a bare domain counts 23, one more fails", in: Input{Text: "kopinusantara.id " + a("b", 257), Network: "x"}, want: []string{`length "b"`}},
		{name: "X: mixed Indonesian, CJK and emoji", in: Input{Text: a("kopi ", 50) + a("咖", 15) + a("😀", 0) + a(thumb, 0) + a(family, 0), Network: "x"}},
		{name: "X: decomposed accents count once", in: Input{Text: a("e\u0301", 280), Network: "x"}},

		// Other networks' limits.
		{name: "Bluesky: 300 families pass", in: Input{Text: a(family, 300), Network: "bluesky"}},
		{name: "Bluesky: 301 graphemes fail", in: Input{Text: a(family, 300) + "!", Network: "bluesky"},
			want: []string{`length "!"`}, params: map[string]any{"count": 301, "limit": 300}},
		{name: "Mastodon: 500 pass", in: Input{Text: a("k", 500), Network: "mastodon"}},
		{name: "Mastodon: 501 fail", in: Input{Text: a("k", 501), Network: "mastodon"}, want: []string{`length "k"`}},
		{name: "Instagram: 2,201 characters fail", in: Input{Text: a("k", 2201), Network: "instagram"}, want: []string{`length "k"`}},
		{name: "network without a limit", in: Input{Text: a("k", 100000), Network: "other"}},

		// Hashtags.
		{name: "Instagram: five hashtags pass", in: Input{Text: "Pagi! #kopi #pagi #ngopi #jakarta #kopilokal", Network: "instagram"}},
		{name: "Instagram: a sixth hashtag fails", in: Input{Text: "Pagi! #kopi #pagi #ngopi #jakarta #kopilokal #enam", Network: "instagram"},
			want: []string{`hashtags.max "#enam"`}, params: map[string]any{"count": 6, "limit": 5}},
		{name: "LinkedIn: the guide's own ceiling", in: Input{Text: "#a1 #b2 #c3 #d4 #e5", Network: "linkedin"},
			want: []string{`hashtags.max "#d4 #e5"`}, params: map[string]any{"count": 5, "limit": 3}},
		{name: "the guide's ceiling for every network", in: Input{Text: "#a1 #b2 #c3 #d4 #e5 #f6 #g7 #h8 #i9", Network: "x"},
			want: []string{`hashtags.max "#i9"`}, params: map[string]any{"count": 9, "limit": 8}},
		{name: "Threads: one topic tag passes", in: Input{Text: "Kopi pagi #kopi", Network: "threads"}},
		{name: "Threads: a second topic tag fails", in: Input{Text: "Kopi pagi #kopi #pagi", Network: "threads"},
			want: []string{`topics.max "#pagi"`}},
		{name: "not hashtags: digits, anchors, inside words", in: Input{Text: "No #1 kopi, lihat kopi.id/#menu dan a#b", Network: "threads"}},
		{name: "banned hashtag in another case", in: Input{Text: "Enak! #KopiSachet", Network: "x"},
			want: []string{`hashtag.banned:h1 "#KopiSachet"`}, params: map[string]any{"tag": "#KopiSachet", "reason": "merek pesaing"}},
		{name: "required hashtag missing on its channel", in: Input{Text: "Selamat pagi", Network: "instagram", ChannelID: "ch-ig"},
			want: []string{`hashtag.required:r1 ""`}, fix: ptr(" #KopiNusantara")},
		{name: "required hashtag present in another case", in: Input{Text: "Selamat pagi #kopinusantara", Network: "instagram", ChannelID: "ch-ig"}},
		{name: "required hashtag of another channel", in: Input{Text: "Selamat pagi", Network: "instagram", ChannelID: "ch-other"}},
		{name: "required hashtag of the campaign", in: Input{Text: "Diskon!\n", Network: "x", CampaignID: "camp-1"},
			want: []string{`hashtag.required:r2 ""`}, fix: ptr("#PromoAkhirTahun")},

		// Emoji policy: a skin tone or a family is one emoji.
		{name: "LinkedIn: no emoji", in: Input{Text: "Halo " + thumb + " tim " + family + "!", Network: "linkedin"},
			want: []string{`emoji.none ` + strconv.Quote(thumb), `emoji.none ` + strconv.Quote(family)}, fix: ptr("")},
		{name: "LinkedIn: text symbols are not emoji", in: Input{Text: "© 2026 Kopi Nusantara™ → 1. 2.", Network: "linkedin"}},
		{name: "Facebook: three emoji pass", in: Input{Text: "🇮🇩 1️⃣ " + family, Network: "facebook"}},
		{name: "Facebook: a fourth emoji fails", in: Input{Text: "🇮🇩 1️⃣ " + family + " ☕", Network: "facebook"},
			want: []string{`emoji.max "☕"`}, params: map[string]any{"count": 4, "limit": 3}},
		{name: "X: emoji allowed", in: Input{Text: a(family, 10), Network: "x"}},

		// Rating.
		{name: "rating above the workspace ceiling", in: Input{Text: "x", Network: "x", Rating: "PG-13"},
			want: []string{`rating ""`}, params: map[string]any{"rating": "PG-13", "ceiling": "PG"}},
		{name: "rating at the workspace ceiling", in: Input{Text: "x", Network: "x", Rating: "PG"}},
		{name: "rating above the channel ceiling", in: Input{Text: "x", Network: "x", ChannelID: "ch-kids", Rating: "pg"},
			want: []string{`rating ""`}, params: map[string]any{"ceiling": "G"}},
		{name: "rating at the channel ceiling", in: Input{Text: "x", Network: "x", ChannelID: "ch-kids", Rating: "G"}},
		{name: "unknown rating", in: Input{Text: "x", Network: "x", Rating: "18+"}, want: []string{`rating ""`},
			params: map[string]any{"rating": "18+"}},

		// Disclosures.
		{name: "paid post without disclosure", in: Input{Text: "Cobain menu baru", Network: "instagram", Labels: []string{"paid"}},
			want: []string{`disclosure:d1 ""`}, fix: ptr(" #ad"), params: map[string]any{"label": "paid", "tags": "#ad, #iklan"}},
		{name: "paid post with #iklan", in: Input{Text: "Cobain menu baru #Iklan", Network: "instagram", Labels: []string{"paid"}}},
		{name: "label in another case", in: Input{Text: "", Network: "instagram", Labels: []string{"Paid"}},
			want: []string{`disclosure:d1 ""`}, fix: ptr("#ad")},
		{name: "partnership disclosed in words", in: Input{Text: "Kerja  sama dengan Kopi Nusantara", Network: "x", Labels: []string{"partnership"}}},
		{name: "partnership disclosure needs whole words", in: Input{Text: "bekerja samanya", Network: "x", Labels: []string{"partnership"}},
			want: []string{`disclosure:d2 ""`}},
		{name: "#ad inside a longer hashtag is no disclosure", in: Input{Text: "#adalah", Network: "x", Labels: []string{"paid"}},
			want: []string{`disclosure:d1 ""`}},

		// Bad input.
		{name: "invalid UTF-8", in: Input{Text: "murah \xff\xfe murah", Network: "x"},
			want: []string{`banned:b1 "murah"`, `banned:b1 "murah"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := c.Check(tc.in)
			var got []string
			for _, f := range fs {
				got = append(got, show(tc.in.Text, f))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("findings\n got %q\nwant %q", got, tc.want)
			}
			if tc.fix != nil {
				if fs[0].Fix == nil || fs[0].Fix.Replacement != *tc.fix {
					t.Errorf("fix = %+v, want %q", fs[0].Fix, *tc.fix)
				}
			}
			for k, v := range tc.params {
				if fs[0].Params[k] != v {
					t.Errorf("params[%s] = %v, want %v", k, fs[0].Params[k], v)
				}
			}
			checkSpans(t, tc.in.Text, fs)
		})
	}
}

func ptr(s string) *string { return &s }

// checkSpans asserts what every caller relies on: spans inside the text,
// UTF-16 offsets that match the byte offsets, and the promised order.
func checkSpans(t *testing.T, text string, fs []Finding) {
	t.Helper()
	total16 := len(utf16.Encode([]rune(text)))
	for i, f := range fs {
		if f.Start < 0 || f.Start > f.End || f.End > len(text) {
			t.Fatalf("finding %d span [%d,%d) outside text of %d bytes", i, f.Start, f.End, len(text))
		}
		if f.From16 < 0 || f.From16 > f.To16 || f.To16 > total16 {
			t.Fatalf("finding %d UTF-16 span [%d,%d) outside text of %d units", i, f.From16, f.To16, total16)
		}
		if want := len(utf16.Encode([]rune(text[:f.Start]))); f.From16 != want {
			t.Fatalf("finding %d From16 = %d, want %d", i, f.From16, want)
		}
		if want := len(utf16.Encode([]rune(text[:f.End]))); f.To16 != want {
			t.Fatalf("finding %d To16 = %d, want %d", i, f.To16, want)
		}
		if f.Code == "" || f.Severity == "" || f.Rule == "" {
			t.Fatalf("finding %d lacks rule, code or severity: %+v", i, f)
		}
		if i > 0 && (fs[i-1].Start > f.Start || fs[i-1].Start == f.Start && fs[i-1].Rule > f.Rule) {
			t.Fatalf("findings not sorted by start, then rule: %+v before %+v", fs[i-1], f)
		}
	}
}

// TestUTF16Offsets checks the offsets the editor uses after astral
// characters, which take two UTF-16 units.
func TestUTF16Offsets(t *testing.T) {
	c, err := Compile(testGuide(), nil)
	if err != nil {
		t.Fatal(err)
	}
	fs := c.Check(Input{Text: "😀 murah", Network: "x"})
	if len(fs) != 1 || fs[0].Start != 5 || fs[0].End != 10 || fs[0].From16 != 3 || fs[0].To16 != 8 {
		t.Fatalf("got %+v", fs)
	}
}

func TestCompileRefusesEmptyEntries(t *testing.T) {
	for _, g := range []Guide{
		{Banned: []Banned{{ID: "b", Phrase: "  "}}},
		{Names: []Name{{ID: "n", Right: ""}}},
	} {
		if _, err := Compile(g, nil); err == nil {
			t.Errorf("Compile(%+v) accepted an empty phrase", g)
		}
	}
	// Empty wrong variants and discouraged terms are blank rows, not errors.
	if _, err := Compile(Guide{Names: []Name{{ID: "n", Right: "Kopi", Wrong: []string{""}}}, Terms: []Term{{ID: "t", Preferred: "x", Discouraged: []string{" "}}}}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestWorkspaceOverrides: a workspace that lowers X's limit sees the lower
// figure in the checker.
func TestWorkspaceOverrides(t *testing.T) {
	c, err := Compile(Guide{}, networks.Merge(networks.Limits(), []networks.Limit{{Network: "x", MaxChars: 100}}))
	if err != nil {
		t.Fatal(err)
	}
	fs := c.Check(Input{Text: strings.Repeat("a", 101), Network: "x"})
	if len(fs) != 1 || fs[0].Params["limit"] != 100 || fs[0].Params["count"] != 101 {
		t.Fatalf("got %+v", fs)
	}
}
