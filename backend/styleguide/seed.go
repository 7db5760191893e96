package styleguide

import (
	"context"
	"fmt"

	"postdeck/backend/replica"
)

// example returns the example guide in a language ("en" or "id"): one or
// more entries in every section, so a new team sees what each is for.
func example(lang string) []Entry {
	if lang == "id" {
		return []Entry{
			{Section: Names, Text: "Kopi Nusantara", Variants: []string{"kopi nusantara", "KopiNusantara", "Kopi Nusantra"}},
			{Section: Names, Text: "Susu Aren", Variants: []string{"susu aren", "SusuAren"}},
			{Section: Terms, Text: "Sobat Kopi", Variants: []string{"pelanggan", "konsumen"}},
			{Section: Tone, Tone: "friendly", Guidance: "Hangat dan akrab, seperti barista yang mengenal pelanggannya. Pakai \"kamu\", bukan \"Anda\".",
				Good: []string{"Pagi, Sobat Kopi! Sudah siap ngopi?"}, Bad: []string{"Kepada pelanggan yang terhormat, kami informasikan..."}},
			{Section: Tone, Network: "linkedin", Tone: "formal", Guidance: "Lebih resmi: cerita tentang tim, petani mitra dan angka.",
				Good: []string{"Tahun ini kami bermitra dengan 120 petani kopi di Aceh."}, Bad: []string{"Wkwk kopi kami paling mantap!!!"}},
			{Section: Rating, Rating: "PG"},
			{Section: Branding, Kind: "watermark", Text: "Logo kecil di pojok kanan bawah, putih, 60% transparan."},
			{Section: Branding, Kind: "border", Text: "Tanpa bingkai; foto sampai ke tepi."},
			{Section: Branding, Kind: "signature", Text: "Akhiri setiap unggahan dengan \"Salam hangat, Tim Kopi Nusantara\"."},
			{Section: Branding, Kind: "colour", Text: "Cokelat kopi", Color: "#6f4e37"},
			{Section: Branding, Kind: "colour", Text: "Krem susu", Color: "#f5e6d3"},
			{Section: Hashtags, Kind: "required", Text: "#KopiNusantara"},
			{Section: Hashtags, Kind: "banned", Text: "#kopimurah", Reason: "Kita tidak bersaing soal harga."},
			{Section: Hashtags, Kind: "limit", Network: "instagram", Max: 5},
			{Section: Banned, Text: "termurah", Reason: "Klaim harga yang tidak bisa dibuktikan.", Replacement: "terjangkau", Severity: "error"},
			{Section: Banned, Text: "dijamin", Reason: "Janji yang terdengar berlebihan.", Replacement: "kami usahakan", Severity: "warning"},
			{Section: Emoji, Mode: "max", Max: 3},
			{Section: Emoji, Network: "linkedin", Mode: "none"},
			{Section: Disclosures, Label: "paid", Variants: []string{"#iklan", "#ad"}},
			{Section: Disclosures, Label: "partnership", Variants: []string{"#kerjasama", "#partnership"}},
			{Section: Usage, Kind: "professional", Text: "Akun merek hanya untuk suara merek. Balas komentar atas nama tim, bukan pribadi."},
			{Section: Usage, Kind: "personal", Text: "Di akun pribadi, sebut bahwa kamu bekerja di Kopi Nusantara bila membicarakan produk kami, dan jangan bocorkan rencana yang belum diumumkan."},
		}
	}
	return []Entry{
		{Section: Names, Text: "Kopi Nusantara", Variants: []string{"kopi nusantara", "KopiNusantara", "Kopi Nusantra"}},
		{Section: Names, Text: "Palm Milk Latte", Variants: []string{"palm milk latte", "Palm-Milk Latte"}},
		{Section: Terms, Text: "Coffee Friends", Variants: []string{"customers", "consumers"}},
		{Section: Tone, Tone: "friendly", Guidance: "Warm and familiar, like a barista who knows their regulars. Say \"you\", keep sentences short.",
			Good: []string{"Morning, Coffee Friends! Ready for your first cup?"}, Bad: []string{"Dear valued customers, please be informed that..."}},
		{Section: Tone, Network: "linkedin", Tone: "formal", Guidance: "More formal: stories about the team, partner farmers and figures.",
			Good: []string{"This year we partnered with 120 coffee farmers in Aceh."}, Bad: []string{"lol our coffee is the best!!!"}},
		{Section: Rating, Rating: "PG"},
		{Section: Branding, Kind: "watermark", Text: "Small logo in the bottom right corner, white, 60% opacity."},
		{Section: Branding, Kind: "border", Text: "No border; photos run to the edge."},
		{Section: Branding, Kind: "signature", Text: "End every post with \"Warmly, the Kopi Nusantara team\"."},
		{Section: Branding, Kind: "colour", Text: "Coffee brown", Color: "#6f4e37"},
		{Section: Branding, Kind: "colour", Text: "Milk cream", Color: "#f5e6d3"},
		{Section: Hashtags, Kind: "required", Text: "#KopiNusantara"},
		{Section: Hashtags, Kind: "banned", Text: "#cheapcoffee", Reason: "We do not compete on price."},
		{Section: Hashtags, Kind: "limit", Network: "instagram", Max: 5},
		{Section: Banned, Text: "cheapest", Reason: "A price claim we cannot prove.", Replacement: "affordable", Severity: "error"},
		{Section: Banned, Text: "guaranteed", Reason: "Sounds like an overpromise.", Replacement: "we aim for", Severity: "warning"},
		{Section: Emoji, Mode: "max", Max: 3},
		{Section: Emoji, Network: "linkedin", Mode: "none"},
		{Section: Disclosures, Label: "paid", Variants: []string{"#ad", "#sponsored"}},
		{Section: Disclosures, Label: "partnership", Variants: []string{"#partnership", "#collab"}},
		{Section: Usage, Kind: "professional", Text: "The brand accounts speak for the brand only. Reply to comments as the team, not as yourself."},
		{Section: Usage, Kind: "personal", Text: "On your own accounts, say that you work at Kopi Nusantara when you talk about our products, and never share plans that are not announced yet."},
	}
}

// SeedExampleTx writes the example guide in lang inside a write (onboarding
// calls it when the workspace is created). Every entry's id derives from
// its place in the example, so two devices seeding at once write the same
// rows; an entry that exists already, live or cleared, is left alone, so
// seeding again never brings back what someone cleared.
func SeedExampleTx(w *replica.Writer, lang string) error {
	if lang != "id" {
		lang = "en"
	}
	for i, e := range example(lang) {
		e.Example = true
		n, err := normalize(e)
		if err != nil {
			return fmt.Errorf("example entry %d: %w", i, err)
		}
		id := derivedID("example", lang, string(n.Section), fmt.Sprint(i))
		if key := scopeKey(n); key != "" {
			id = derivedID(string(n.Section), key)
		}
		_, exists, err := rowState(w.DB(), id)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		v := values(n)
		// The same creation time everywhere keeps the order, and lets
		// two seeds agree on every field.
		v[replica.FieldCreatedAt] = int64(i + 1)
		if err := w.Put(Table, id, v); err != nil {
			return err
		}
	}
	return nil
}

// SeedExample writes the example guide in lang (see SeedExampleTx).
func (s *Service) SeedExample(ctx context.Context, lang string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error { return SeedExampleTx(w, lang) })
}
