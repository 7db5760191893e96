package sharedfolder_test

import (
	"fmt"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
)

// posts20000 returns a device, connected to a folder, whose workspace holds
// 20,000 posts (as in BenchmarkJoin20000Posts), synced once.
func posts20000(b *testing.B) *core.Workspace {
	b.Helper()
	src := connected(b, 1)[0]
	ch, err := src.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinus"})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]calendar.BatchPost, 20_000)
	for i := range batch {
		batch[i] = calendar.BatchPost{Input: calendar.PostInput{Title: fmt.Sprintf("Promo kopi susu %d", i),
			Body: "Diskon 20%, hari ini!\nSemua cabang #kopi", Channels: []string{ch.ID},
			Date: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/50).Format("2006-01-02"), Time: "09:30",
			Labels: []string{"promo"}}}
	}
	if _, err := src.Calendar.ApplyBatch(ctx, "", batch, calendar.BatchOptions{}); err != nil {
		b.Fatal(err)
	}
	if _, err := src.Sync.SyncOnce(ctx); err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkStateHash20000Posts measures computing the hash of the synced
// state (every synced row and the open conflicts) of a 20,000-post workspace
// in one streaming pass: what a sync pays when the applied changes moved.
func BenchmarkStateHash20000Posts(b *testing.B) {
	ws := posts20000(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := ws.Replica.HashState(ctx, ws.Store.DB()); err != nil {
			b.Fatal(err)
		}
	}
	// Per op in CPU time: the figure on a machine busy with other work.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkIdleSync20000Posts measures a sync with nothing new on a
// 20,000-post workspace: the state hash is reused, since the change log and
// the conflicts did not move.
func BenchmarkIdleSync20000Posts(b *testing.B) {
	ws := posts20000(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := ws.Sync.SyncOnce(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkRebuild20000Posts measures rebuilding a 20,000-post workspace
// from its change log (about 400,000 changes) in one transaction.
func BenchmarkRebuild20000Posts(b *testing.B) {
	ws := posts20000(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ws.Sync.RebuildState(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
