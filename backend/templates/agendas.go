package templates

// The built-in meeting agendas (seed step 8: weekly check-ins, and
// stakeholder meetings), in English and Bahasa Indonesia. A meeting that
// picks an agenda starts with its text.

// AgendaData is what an agenda template has beyond its name and text.
type AgendaData struct {
	// Meeting is the kind of meeting it is for: "checkin" or "stakeholder".
	Meeting string `json:"meeting"`
}

func init() {
	registerKind(func(s *Service) {
		s.AddBuiltIns(agendaBuiltIns...)
	})
}

var agendaBuiltIns = []BuiltIn{
	{Key: "agenda.weekly_checkin.en", Kind: KindAgenda, Lang: "en", Name: "Weekly check-in",
		Data: AgendaData{Meeting: "checkin"}, Body: `# Weekly check-in

Each member in turn, about five minutes each.

## Wins
- What went well this week? A post that did well, a task finished, a problem solved.

## Where I need help
- What is blocking me, and who could help?
- Anything I cannot finish before a day off, and who takes it over?

## Action plan
- What I will do before the next check-in (each item becomes a task with a due date).
- Review last week's action items: done, moved, or dropped (and why).

## What I report next time
- The numbers or results I will bring to the next check-in.
`},
	{Key: "agenda.weekly_checkin.id", Kind: KindAgenda, Lang: "id", Name: "Check-in pekanan",
		Data: AgendaData{Meeting: "checkin"}, Body: `# Check-in pekanan

Setiap anggota bergiliran, sekitar lima menit per orang.

## Keberhasilan
- Apa yang berjalan baik pekan ini? Unggahan yang berhasil, tugas yang selesai, masalah yang terpecahkan.

## Di mana saya butuh bantuan
- Apa yang menghambat saya, dan siapa yang bisa membantu?
- Pekerjaan yang tidak bisa saya selesaikan sebelum libur, dan siapa yang mengambil alih?

## Rencana tindakan
- Yang akan saya kerjakan sebelum check-in berikutnya (setiap butir menjadi tugas dengan tenggat).
- Tinjau butir tindakan pekan lalu: selesai, dipindah, atau dibatalkan (dan alasannya).

## Yang saya laporkan berikutnya
- Angka atau hasil yang akan saya bawa ke check-in berikutnya.
`},
	{Key: "agenda.stakeholder.en", Kind: KindAgenda, Lang: "en", Name: "Stakeholder meeting",
		Data: AgendaData{Meeting: "stakeholder"}, Body: `# Stakeholder meeting

## Results since last time
- Reach, engagement and conversions against the goals we agreed.
- What worked and what did not, in a sentence each.

## Coming up
- Campaigns and promotions of the next weeks, and the dates that matter.
- Launches, events or news the social team should know about.

## What we need from you
- Approvals, product information, people for content, budget.

## Decisions
- What we decided today, and who owns each decision.

## Next steps
- Action items with an owner and a due date; the date of the next meeting.
`},
	{Key: "agenda.stakeholder.id", Kind: KindAgenda, Lang: "id", Name: "Rapat pemangku kepentingan",
		Data: AgendaData{Meeting: "stakeholder"}, Body: `# Rapat pemangku kepentingan

## Hasil sejak rapat terakhir
- Jangkauan, interaksi, dan konversi dibandingkan sasaran yang kita sepakati.
- Apa yang berhasil dan apa yang tidak, masing-masing dalam satu kalimat.

## Yang akan datang
- Kampanye dan promosi beberapa pekan ke depan, dan tanggal-tanggal pentingnya.
- Peluncuran, acara, atau berita yang perlu diketahui tim media sosial.

## Yang kami perlukan dari Anda
- Persetujuan, informasi produk, orang untuk konten, anggaran.

## Keputusan
- Apa yang kita putuskan hari ini, dan siapa penanggung jawab tiap keputusan.

## Langkah berikutnya
- Butir tindakan dengan penanggung jawab dan tenggat; tanggal rapat berikutnya.
`},
}
