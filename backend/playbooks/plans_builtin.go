package playbooks

// ProductLaunchKey is the built-in key of the product-launch plan.
const ProductLaunchKey = "product_launch"

// BuiltInPlan returns the built-in product-launch plan in a language (en
// or id): two weeks of preparation, a teaser, launch day, a thank-you and a
// results report a month later.
func BuiltInPlan(lang string) PlanInput {
	if lang == "id" {
		return PlanInput{Name: "Peluncuran produk", Lang: "id",
			Description: "Dua pekan persiapan, teaser, hari peluncuran, ucapan terima kasih, dan laporan hasil sebulan kemudian. Hari 0 adalah hari peluncuran.",
			Steps: []PlanStep{
				{Offset: -14, Kind: StepTask, Title: "Ringkasan peluncuran", Role: "social_media_manager", EstimateHours: 3,
					Checklist: []string{"Tujuan dan ukuran keberhasilan ditulis", "Jaringan dan audiens dipilih", "Pesan utama disetujui manajer produk"}},
				{Offset: -10, Kind: StepTask, Title: "Gambar dan video peluncuran", Role: "graphic_designer", EstimateHours: 8,
					Checklist: []string{"Ukuran untuk setiap jaringan", "Sesuai panduan gaya (warna, tanda air)", "Diserahkan ke pembuat konten"}},
				{Offset: -7, Kind: StepPost, Title: "Teaser: sesuatu yang baru akan datang", Role: "content_creator", Network: "instagram", Time: "10:00",
					Text: "Sesuatu yang baru akan hadir sepekan lagi. Tebak apa? 👀"},
				{Offset: -3, Kind: StepPost, Title: "Hitung mundur tiga hari", Role: "content_creator", Network: "instagram", Time: "10:00",
					Text: "Tiga hari lagi! Nyalakan notifikasi agar tidak ketinggalan."},
				{Offset: -1, Kind: StepTask, Title: "Siapkan layanan pelanggan", Role: "community_manager", EstimateHours: 1,
					Checklist: []string{"Tanya jawab produk dibagikan", "Siapa yang menjawab pada hari peluncuran sudah jelas"}},
				{Offset: 0, Kind: StepPost, Title: "Hari peluncuran", Role: "social_media_manager", Network: "instagram", Time: "09:00",
					Text: "Sudah hadir! Kenalkan produk baru kami. Tautan di bio."},
				{Offset: 0, Kind: StepPost, Title: "Pengumuman peluncuran", Role: "social_media_manager", Network: "linkedin", Time: "09:00",
					Text: "Hari ini kami meluncurkan produk baru kami. Terima kasih kepada tim yang mewujudkannya."},
				{Offset: 1, Kind: StepPost, Title: "Terima kasih", Role: "community_manager", Network: "instagram", Time: "11:00",
					Text: "Terima kasih atas sambutan hangatnya kemarin! Pertanyaan Anda kami jawab di komentar."},
				{Offset: 30, Kind: StepTask, Title: "Laporan hasil peluncuran", Role: "social_media_analyst", EstimateHours: 4,
					Checklist: []string{"Angka dibandingkan ukuran keberhasilan", "Postingan terbaik dan terlemah", "Pelajaran untuk peluncuran berikutnya"}},
			}}
	}
	return PlanInput{Name: "Product launch", Lang: "en",
		Description: "Two weeks of preparation, a teaser, launch day, a thank-you and a results report a month later. Day 0 is launch day.",
		Steps: []PlanStep{
			{Offset: -14, Kind: StepTask, Title: "Launch brief", Role: "social_media_manager", EstimateHours: 3,
				Checklist: []string{"Goal and success measure written", "Networks and audience chosen", "Key message approved by the product manager"}},
			{Offset: -10, Kind: StepTask, Title: "Launch images and video", Role: "graphic_designer", EstimateHours: 8,
				Checklist: []string{"Sizes for every network", "On brand (colours, watermark)", "Handed to the content creator"}},
			{Offset: -7, Kind: StepPost, Title: "Teaser: something new is coming", Role: "content_creator", Network: "instagram", Time: "10:00",
				Text: "Something new arrives in a week. Any guesses? 👀"},
			{Offset: -3, Kind: StepPost, Title: "Three-day countdown", Role: "content_creator", Network: "instagram", Time: "10:00",
				Text: "Three days to go! Turn on notifications so you don't miss it."},
			{Offset: -1, Kind: StepTask, Title: "Brief customer service", Role: "community_manager", EstimateHours: 1,
				Checklist: []string{"Product questions and answers shared", "Who answers on launch day agreed"}},
			{Offset: 0, Kind: StepPost, Title: "Launch day", Role: "social_media_manager", Network: "instagram", Time: "09:00",
				Text: "It's here! Meet our new product. Link in bio."},
			{Offset: 0, Kind: StepPost, Title: "Launch announcement", Role: "social_media_manager", Network: "linkedin", Time: "09:00",
				Text: "Today we launch our new product. Thank you to the team who made it happen."},
			{Offset: 1, Kind: StepPost, Title: "Thank you", Role: "community_manager", Network: "instagram", Time: "11:00",
				Text: "Thank you for the warm welcome yesterday! We are answering your questions in the comments."},
			{Offset: 30, Kind: StepTask, Title: "Launch results report", Role: "social_media_analyst", EstimateHours: 4,
				Checklist: []string{"Numbers against the success measure", "Best and weakest posts", "Lessons for the next launch"}},
		}}
}
