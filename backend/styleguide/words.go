package styleguide

// words are the headings and labels of exported guides, in the languages of
// the interface. The window has its own copies in its locale files; an
// export is a file people read outside the app, so it carries its words.
var words = map[string]map[string]string{
	"en": {
		"title": "Style guide", "intro": "How we write and post for %s. Exported from Postdeck on %s.",
		"names": "Brand, product and service names", "terms": "What we call our customers", "tone": "Tone",
		"rating": "Content rating ceiling", "branding": "Branding markers", "hashtags": "Hashtags",
		"banned": "Banned words and phrases", "emoji": "Emoji", "disclosures": "Required disclosures",
		"usage": "Personal and professional use", "empty": "Nothing here yet.",
		"right": "Write", "wrong": "not", "preferred": "Say", "discouraged": "not",
		"overall": "Overall", "allNetworks": "every network", "guidance": "Guidance", "good": "Good", "bad": "Avoid",
		"workspace": "Whole workspace", "channel": "Channel", "campaign": "Campaign",
		"watermark": "Watermark", "border": "Border", "signature": "Signature", "colour": "Colour", "logo": "Logo",
		"required": "Required", "bannedTag": "Banned", "limit": "At most %d hashtags on %s",
		"reason": "Why", "replacement": "Instead", "severity": "Severity",
		"error": "error", "warning": "warning", "info": "note",
		"allowed": "Emoji allowed", "max": "At most %d emoji", "none": "No emoji",
		"paid": "Paid posts", "partnership": "Partnership posts", "oneOf": "include one of",
		"personal": "Personal accounts", "professional": "Brand accounts",
		"formal": "formal", "casual": "casual", "friendly": "friendly", "funny": "funny", "technical": "technical",
	},
	"id": {
		"title": "Panduan gaya", "intro": "Cara kami menulis dan mengunggah untuk %s. Diekspor dari Postdeck pada %s.",
		"names": "Nama merek, produk dan layanan", "terms": "Sebutan untuk pelanggan kami", "tone": "Nada",
		"rating": "Batas rating konten", "branding": "Penanda merek", "hashtags": "Tagar",
		"banned": "Kata dan frasa terlarang", "emoji": "Emoji", "disclosures": "Pengungkapan wajib",
		"usage": "Penggunaan pribadi dan profesional", "empty": "Belum ada isinya.",
		"right": "Tulis", "wrong": "bukan", "preferred": "Sebut", "discouraged": "bukan",
		"overall": "Umum", "allNetworks": "semua jaringan", "guidance": "Panduan", "good": "Contoh baik", "bad": "Hindari",
		"workspace": "Seluruh ruang kerja", "channel": "Saluran", "campaign": "Kampanye",
		"watermark": "Tanda air", "border": "Bingkai", "signature": "Tanda tangan", "colour": "Warna", "logo": "Logo",
		"required": "Wajib", "bannedTag": "Terlarang", "limit": "Paling banyak %d tagar di %s",
		"reason": "Alasan", "replacement": "Gantinya", "severity": "Tingkat",
		"error": "galat", "warning": "peringatan", "info": "catatan",
		"allowed": "Emoji boleh", "max": "Paling banyak %d emoji", "none": "Tanpa emoji",
		"paid": "Unggahan berbayar", "partnership": "Unggahan kerja sama", "oneOf": "sertakan salah satu dari",
		"personal": "Akun pribadi", "professional": "Akun merek",
		"formal": "resmi", "casual": "santai", "friendly": "ramah", "funny": "lucu", "technical": "teknis",
	},
}

func word(lang, key string) string {
	if m, ok := words[lang]; ok {
		if w, ok := m[key]; ok {
			return w
		}
	}
	return words["en"][key]
}
