package csvio_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/csvio"
	"postdeck/backend/internal/testws"
	"postdeck/backend/team"
)

// benchCSV is a file of n new posts as a team writes one: a title, a day
// and time, two channels, a text, an owner, labels and a rating.
func benchCSV(n int) []byte {
	var b strings.Builder
	b.WriteString("title,date,time,channels,text,owner,labels,rating\n")
	for i := 0; i < n; i++ {
		day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/20)
		fmt.Fprintf(&b, "Promo kopi susu %d,%s,%02d:%02d,\"instagram:@kopinus, x:@kopinus\",\"Diskon 20%%, hari ini!\nSemua cabang #kopi %d\",Sari,\"promo, ramadan\",PG\n",
			i, day.Format("2006-01-02"), 8+i%10, (i*7)%60, i)
	}
	return []byte(b.String())
}

// BenchmarkImport5000Rows measures importing a CSV file of 5,000 new posts
// into a workspace: reading, checking every row (the preview) and writing
// them all in one transaction.
func BenchmarkImport5000Rows(b *testing.B) {
	const rows = 5000
	data := benchCSV(rows)
	var spent, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ws, _ := testws.Open(b)
		if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Asia/Jakarta"); err != nil {
			b.Fatal(err)
		}
		sari, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}})
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []string{"instagram", "x"} {
			if _, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: n, Handle: "@kopinus"}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start, cpu0 := time.Now(), testws.CPUTime()
		res, p, err := csvio.Import(ctx, ws, data, csvio.Options{Actor: sari.ID})
		if err != nil || res.Added != rows {
			b.Fatalf("%v %+v %+v", err, res, p.Rows[0].Problems)
		}
		spent += time.Since(start)
		cpu += testws.CPUTime() - cpu0
	}
	b.ReportMetric(float64(rows*b.N)/spent.Seconds(), "rows/s")
	b.ReportMetric(float64(rows*b.N)/cpu.Seconds(), "rows/cpu-s")
}
