package sharedfolder_test

import (
	"fmt"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/replica"
	"postdeck/backend/sealing"
	"postdeck/backend/sharedfolder"
)

// fill writes rows roles with a few fields each on ws, in transactions of 500.
func fill(b *testing.B, ws *core.Workspace, rows int) {
	b.Helper()
	for done := 0; done < rows; {
		err := ws.Replica.Write(ctx, func(w *replica.Writer) error {
			for i := 0; i < 500 && done < rows; i, done = i+1, done+1 {
				if _, err := w.Insert("roles", map[string]any{"name": fmt.Sprintf("post %d", done),
					"description": "Promo Ramadan\nDiskon 20%\n#kopi", "permissions": []string{}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func openB(b *testing.B) *core.Workspace {
	ws, err := core.Open(b.TempDir(), events.Nop{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	ws.Sync.TrustNewDevices = true
	return ws
}

// BenchmarkApplyRemoteChanges measures merging teammates' changes.
func BenchmarkApplyRemoteChanges(b *testing.B) {
	src := openB(b)
	fill(b, src, 5000)
	changes, _, err := src.Replica.LocalChanges(ctx, 0, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var total int
	var spent, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst := openB(b)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for off := 0; off < len(changes); off += applyBatch {
			end := min(off+applyBatch, len(changes))
			if _, err := dst.Replica.Apply(ctx, changes[off:end]); err != nil {
				b.Fatal(err)
			}
		}
		spent += time.Since(start)
		cpu += cpuTime() - cpu0
		total += len(changes)
	}
	b.ReportMetric(float64(total)/spent.Seconds(), "changes/s")
	// Per second of CPU: the figure on a machine busy with other work.
	b.ReportMetric(float64(total)/cpu.Seconds(), "changes/cpu-s")
}

const applyBatch = 5000

// BenchmarkApplySignedSegments is BenchmarkApplyRemoteChanges through the
// folder's format: the same changes in signed segments of 5,000, each read
// with its signature verified once, then applied.
func BenchmarkApplySignedSegments(b *testing.B) {
	src := openB(b)
	fill(b, src, 5000)
	changes, _, err := src.Replica.LocalChanges(ctx, 0, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	keys, err := src.Sync.Keys()
	if err != nil {
		b.Fatal(err)
	}
	var segs [][]byte
	for off, seq := 0, int64(1); off < len(changes); off, seq = off+applyBatch, seq+1 {
		data, err := sharedfolder.EncodeSignedSegment(sharedfolder.SegmentHeader{Format: sharedfolder.FormatVersion,
			Workspace: src.Workspace.ID(), Device: src.Replica.Device(), Seq: seq}, changes[off:min(off+applyBatch, len(changes))], keys)
		if err != nil {
			b.Fatal(err)
		}
		segs = append(segs, data)
	}
	b.ResetTimer()
	var total int
	var spent, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst := openB(b)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for _, data := range segs {
			h, batch, err := sharedfolder.DecodeSegment(data)
			if err != nil || !h.Signed {
				b.Fatalf("%v %v", err, h.Signed)
			}
			if _, err := dst.Replica.Apply(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		spent += time.Since(start)
		cpu += cpuTime() - cpu0
		total += len(changes)
	}
	b.ReportMetric(float64(total)/spent.Seconds(), "changes/s")
	b.ReportMetric(float64(total)/cpu.Seconds(), "changes/cpu-s")
}

// BenchmarkApplySealedSegments is BenchmarkApplySignedSegments in an
// encrypted folder: each segment of 5,000 changes is opened with the
// workspace key (XChaCha20-Poly1305), its signature verified once, then
// applied, as the engine reads a teammate's segment.
func BenchmarkApplySealedSegments(b *testing.B) {
	src := openB(b)
	fill(b, src, 5000)
	changes, _, err := src.Replica.LocalChanges(ctx, 0, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	keys, err := src.Sync.Keys()
	if err != nil {
		b.Fatal(err)
	}
	key, err := sealing.NewKey(1)
	if err != nil {
		b.Fatal(err)
	}
	ring := sealing.Ring{key.ID: key}
	var segs [][]byte
	var places []string
	for off, seq := 0, int64(1); off < len(changes); off, seq = off+applyBatch, seq+1 {
		data, err := sharedfolder.EncodeSignedSegment(sharedfolder.SegmentHeader{Format: sharedfolder.FormatVersion,
			Workspace: src.Workspace.ID(), Device: src.Replica.Device(), Seq: seq}, changes[off:min(off+applyBatch, len(changes))], keys)
		if err != nil {
			b.Fatal(err)
		}
		place := "devices/" + src.Replica.Device() + "/changes/" + sharedfolder.SegmentName(seq)
		sealed, err := sealing.Seal(key, place, data)
		if err != nil {
			b.Fatal(err)
		}
		segs, places = append(segs, sealed), append(places, place)
	}
	b.ResetTimer()
	var total int
	var spent, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst := openB(b)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for j, sealed := range segs {
			data, err := sealing.Open(ring, places[j], sealed)
			if err != nil {
				b.Fatal(err)
			}
			h, batch, err := sharedfolder.DecodeSegment(data)
			if err != nil || !h.Signed {
				b.Fatalf("%v %v", err, h.Signed)
			}
			if _, err := dst.Replica.Apply(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		spent += time.Since(start)
		cpu += cpuTime() - cpu0
		total += len(changes)
	}
	b.ReportMetric(float64(total)/spent.Seconds(), "changes/s")
	b.ReportMetric(float64(total)/cpu.Seconds(), "changes/cpu-s")
}

// connected returns n devices of one workspace sharing one folder.
func connected(b *testing.B, n int) []*core.Workspace {
	folder := b.TempDir()
	devs := make([]*core.Workspace, n)
	for i := range devs {
		devs[i] = openB(b)
		var err error
		if i == 0 {
			_, err = devs[0].Sync.Connect(ctx, folder, "Bench")
		} else {
			_, err = devs[i].Sync.Join(ctx, folder, devs[0].Workspace.ID())
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return devs
}

// BenchmarkIdleSync20Devices measures a sync with nothing new when 20
// devices share the folder.
func BenchmarkIdleSync20Devices(b *testing.B) {
	devs := connected(b, 20)
	for _, d := range devs {
		fill(b, d, 10)
		if _, err := d.Sync.SyncOnce(ctx); err != nil {
			b.Fatal(err)
		}
	}
	me := devs[0]
	if _, err := me.Sync.SyncOnce(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := me.Sync.SyncOnce(ctx)
		if err != nil || r.Applied != 0 {
			b.Fatalf("%v %+v", err, r)
		}
	}
}

// BenchmarkEndToEnd2000Posts measures 2,000 new rows going from device A
// to device B through the folder: A writes them, pushes, B pulls them.
func BenchmarkEndToEnd2000Posts(b *testing.B) {
	var spent time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		devs := connected(b, 2)
		fill(b, devs[0], 2000)
		b.StartTimer()
		start := time.Now()
		if _, err := devs[0].Sync.SyncOnce(ctx); err != nil {
			b.Fatal(err)
		}
		r, err := devs[1].Sync.SyncOnce(ctx)
		if err != nil || r.Applied == 0 {
			b.Fatalf("%v %+v", err, r)
		}
		spent += time.Since(start)
	}
	b.ReportMetric(float64(2000*b.N)/spent.Seconds(), "posts/s")
}

// BenchmarkBootstrap100kRows measures a new device joining a workspace of
// 100,000 rows (about 400,000 field changes).
func BenchmarkBootstrap100kRows(b *testing.B) {
	devs := connected(b, 1)
	fill(b, devs[0], 100_000)
	if _, err := devs[0].Sync.SyncOnce(ctx); err != nil {
		b.Fatal(err)
	}
	folder, _ := devs[0].Sync.Folder()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fresh := openB(b)
		b.StartTimer()
		if _, err := fresh.Sync.Join(ctx, folder, devs[0].Workspace.ID()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJoin20000Posts measures a new device joining a workspace of
// 20,000 posts (about 400,000 field changes: each post with its history
// entry) from the snapshot the first device wrote into the folder.
func BenchmarkJoin20000Posts(b *testing.B) {
	const posts = 20_000
	devs := connected(b, 1)
	src := devs[0]
	ch, err := src.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinus"})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]calendar.BatchPost, posts)
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
	folder, _ := src.Sync.Folder()
	var total int
	var spent, cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fresh := openB(b)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		r, err := fresh.Sync.Join(ctx, folder, src.Workspace.ID())
		if err != nil {
			b.Fatal(err)
		}
		spent += time.Since(start)
		cpu += cpuTime() - cpu0
		total += r.Applied
		var n int64
		if err := fresh.Store.DB().Raw("SELECT COUNT(*) FROM posts").Scan(&n).Error; err != nil || n != posts {
			b.Fatalf("%v: %d posts", err, n)
		}
	}
	b.ReportMetric(float64(total)/spent.Seconds(), "changes/s")
	b.ReportMetric(float64(total)/cpu.Seconds(), "changes/cpu-s")
}

// BenchmarkJoinEncrypted20000Posts is BenchmarkJoin20000Posts in an
// encrypted folder: the new computer joins and waits for the key, the first
// computer confirms it and hands it the key, and what is measured is the
// new computer's sync that opens the sealed snapshot (signature checked
// once) and applies it.
func BenchmarkJoinEncrypted20000Posts(b *testing.B) {
	const posts = 20_000
	folder := b.TempDir()
	src := openB(b)
	src.Sync.Encrypt = true
	ch, err := src.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinus"})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]calendar.BatchPost, posts)
	for i := range batch {
		batch[i] = calendar.BatchPost{Input: calendar.PostInput{Title: fmt.Sprintf("Promo kopi susu %d", i),
			Body: "Diskon 20%, hari ini!\nSemua cabang #kopi", Channels: []string{ch.ID},
			Date: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/50).Format("2006-01-02"), Time: "09:30",
			Labels: []string{"promo"}}}
	}
	if _, err := src.Calendar.ApplyBatch(ctx, "", batch, calendar.BatchOptions{}); err != nil {
		b.Fatal(err)
	}
	if _, err := src.Sync.Connect(ctx, folder, "Bench"); err != nil {
		b.Fatal(err)
	}
	if _, err := src.Sync.SyncOnce(ctx); err != nil {
		b.Fatal(err)
	}
	var total int
	var spent, cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fresh := openB(b)
		if _, err := fresh.Sync.Join(ctx, folder, src.Workspace.ID()); err != nil {
			b.Fatal(err)
		}
		if _, err := src.Sync.SyncOnce(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := src.Sync.ConfirmDevice(ctx, fresh.Replica.Device()); err != nil {
			b.Fatal(err)
		}
		if _, err := src.Sync.SyncOnce(ctx); err != nil { // wraps the key for it
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		r, err := fresh.Sync.SyncOnce(ctx)
		if err != nil {
			b.Fatal(err)
		}
		spent += time.Since(start)
		cpu += cpuTime() - cpu0
		total += r.Applied
		var n int64
		if err := fresh.Store.DB().Raw("SELECT COUNT(*) FROM posts").Scan(&n).Error; err != nil || n != posts {
			b.Fatalf("%v: %d posts after the key arrived", err, n)
		}
	}
	b.ReportMetric(float64(total)/spent.Seconds(), "changes/s")
	b.ReportMetric(float64(total)/cpu.Seconds(), "changes/cpu-s")
}
