package checker

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"postdeck/backend/networks"
)

// benchGuide is a guide of 500 rules: 300 banned phrases, 100 names with two
// wrong variants each and 100 terms with two discouraged ones, plus hashtag,
// emoji, disclosure and rating rules.
func benchGuide() Guide {
	g := testGuide()
	g.Banned, g.Names, g.Terms = nil, nil, nil
	for i := 0; i < 300; i++ {
		g.Banned = append(g.Banned, Banned{ID: fmt.Sprintf("b%d", i), Phrase: fmt.Sprintf("frasa terlarang %d", i), Replacement: "ganti"})
	}
	g.Banned[0].Phrase, g.Banned[1].Phrase = "murah", "gratis ongkir"
	for i := 0; i < 100; i++ {
		right := fmt.Sprintf("Merek Kopi %d", i)
		g.Names = append(g.Names, Name{ID: fmt.Sprintf("n%d", i), Right: right,
			Wrong: []string{fmt.Sprintf("MerekKopi%d", i), fmt.Sprintf("Merk Kopi %d", i)}})
		g.Terms = append(g.Terms, Term{ID: fmt.Sprintf("t%d", i), Preferred: fmt.Sprintf("Sobat %d", i),
			Discouraged: []string{fmt.Sprintf("pelanggan%d", i), fmt.Sprintf("konsumen %d", i)}})
	}
	return g
}

// benchText is a 5,000-character Instagram caption mixing Indonesian and
// English, names right and wrong, banned phrases, emoji, links and hashtags.
func benchText() string {
	para := "Halo Sobat Kopi! Merek Kopi 7 hadir lagi dengan harga murah dan gratis ongkir 👨‍👩‍👧‍👦☕. " +
		"Our merekkopi12 beans are roasted daily, lihat https://kopinusantara.id/menu untuk konsumen 3. " +
		"Kami menyapa pelanggan setiap pagi dengan senyum 👍🏽 dan kopi terbaik se-Nusantara. "
	var b strings.Builder
	for len([]rune(b.String())) < 4960 {
		b.WriteString(para)
	}
	s := []rune(b.String())
	return string(s[:4960]) + " #kopi #pagi #ngopi #jakarta #kopilokal #enam"
}

func BenchmarkCheck(b *testing.B) {
	c, err := Compile(benchGuide(), networks.Limits())
	if err != nil {
		b.Fatal(err)
	}
	text := benchText()
	in := Input{Text: text, Network: "instagram", ChannelID: "ch-ig", Rating: "PG", Labels: []string{"paid"}}
	if n := len([]rune(text)); n < 5000 {
		b.Fatalf("text has %d characters", n)
	}
	if fs := c.Check(in); len(fs) < 50 {
		b.Fatalf("only %d findings: the text does not exercise the rules", len(fs))
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		c.Check(in)
	}
	reportCPU(b, cpu0)
}

// reportCPU adds the CPU time per check beside the wall-clock ns/op.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	if spent := cpuTime() - cpu0; spent > 0 {
		b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkCheckX is the same on X, where every check also weighs the text.
func BenchmarkCheckX(b *testing.B) {
	c, err := Compile(benchGuide(), networks.Limits())
	if err != nil {
		b.Fatal(err)
	}
	in := Input{Text: benchText(), Network: "x"}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		c.Check(in)
	}
	reportCPU(b, cpu0)
}

func BenchmarkCompile(b *testing.B) {
	g := benchGuide()
	ls := networks.Limits()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(g, ls); err != nil {
			b.Fatal(err)
		}
	}
}
