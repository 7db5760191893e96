package layers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"postdeck/backend/internal/testws"
)

// benchICS is a calendar of n events as calendar apps write them: timed
// events in a named zone with a description and a location, and every
// tenth a yearly all-day day.
func benchICS(n int) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Bench//EN\r\nX-WR-CALNAME:Marketing days\r\n")
	start := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		at := start.Add(time.Duration(i) * 7 * time.Hour)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:event-%d@bench\r\nDTSTAMP:20260101T000000Z\r\n", i)
		if i%10 == 0 {
			fmt.Fprintf(&b, "DTSTART;VALUE=DATE:%s\r\nRRULE:FREQ=YEARLY\r\n", at.Format("20060102"))
		} else {
			fmt.Fprintf(&b, "DTSTART;TZID=Asia/Jakarta:%s\r\nDTEND;TZID=Asia/Jakarta:%s\r\n",
				at.Format("20060102T150405"), at.Add(time.Hour).Format("20060102T150405"))
		}
		fmt.Fprintf(&b, "SUMMARY:Hari pemasaran %d\r\nDESCRIPTION:Ide konten untuk hari ini\\, dengan tagar #%d\r\nLOCATION:Jakarta\r\nEND:VEVENT\r\n", i, i)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// BenchmarkImport5000Events measures importing an .ics file of 5,000
// events (the most one file may hold) as a new layer, in one transaction.
func BenchmarkImport5000Events(b *testing.B) {
	const events = 5000
	data := benchICS(events)
	var spent, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ws := open(b)
		b.StartTimer()
		start, cpu0 := time.Now(), testws.CPUTime()
		res, err := ws.Layers.Import(ctx, "", "days.ics", data)
		if err != nil || res.Added != events {
			b.Fatalf("%v %+v", err, res)
		}
		spent += time.Since(start)
		cpu += testws.CPUTime() - cpu0
	}
	b.ReportMetric(float64(events*b.N)/spent.Seconds(), "events/s")
	b.ReportMetric(float64(events*b.N)/cpu.Seconds(), "events/cpu-s")
}
