//go:build unix

package feeds_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/feeds"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
)

// BenchmarkExport10000Posts writes the .ics file of a workspace of 10,000
// dated posts on two channels (a year and a half, timed and all-day), with
// their texts: the feed a team of a few people builds up in a year or two.
func BenchmarkExport10000Posts(b *testing.B) {
	ws, _ := testws.Open(b)
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Europe/Berlin"); err != nil {
		b.Fatal(err)
	}
	ig, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopi"})
	x, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopinus"})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := ws.Replica.Write(ctx, func(w *replica.Writer) error {
		for i := 0; i < 10_000; i++ {
			clock := fmt.Sprintf("%02d:%02d", 8+i%10, (i*7)%60)
			if i%5 == 0 {
				clock = ""
			}
			if _, err := w.Insert("posts", map[string]any{"title": fmt.Sprintf("Post %d: promo kopi susu ☕", i),
				"body":     fmt.Sprintf("Diskon %d%%, hari ini saja; pesan lewat aplikasi.\nBaris dua, dengan koma 🎉", i%50),
				"channels": []string{ig.ID, x.ID}, "date": start.AddDate(0, 0, i/20).Format("2006-01-02"), "time": clock,
				"status": "approved", "labels": []string{"promo"}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var size int
	cpu := cpuTime()
	for b.Loop() {
		data, err := ws.Feeds.Export(ctx, feeds.Selection{Name: "Tim", Campaigns: true})
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	// CPU time says more than wall time on a shared machine: other
	// processes' load stretches the latter, not the former.
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(size)/1e6, "MB")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
