package sharedfolder_test

import (
	"fmt"
	"testing"
	"time"

	"postdeck/backend/replica"
)

// BenchmarkApplyApprovalSegments measures what a sync run spends on the
// permission check when many small segments of approvals arrive from a
// team with a long history: 300 members whose roles changed five times
// each (1,800 team changes), then 2,000 approvals (6,000 field changes) in
// 40 segments of 150. Every segment needs the team's history; it is
// replayed once, not once per segment.
func BenchmarkApplyApprovalSegments(b *testing.B) {
	src := openB(b)
	manager := "0190a0a0-0000-7000-8000-000000000001"
	var setup, approvals []replica.Change
	write := func(fn func(w *replica.Writer) error) {
		if err := src.Replica.Write(ctx, fn); err != nil {
			b.Fatal(err)
		}
	}
	write(func(w *replica.Writer) error {
		return w.Put("members", manager, map[string]any{"name": "Maya", "roles": []string{"social_media_manager"}})
	})
	var members []string
	write(func(w *replica.Writer) error {
		for i := 0; i < 300; i++ {
			id, err := w.Insert("members", map[string]any{"name": fmt.Sprintf("Member %d", i), "roles": []string{"content_creator"}})
			if err != nil {
				return err
			}
			members = append(members, id)
		}
		return nil
	})
	for round := 0; round < 5; round++ {
		write(func(w *replica.Writer) error {
			for i, id := range members {
				roles := []string{"content_creator"}
				if (i+round)%2 == 0 {
					roles = append(roles, "copywriter")
				}
				if err := w.Update("members", id, map[string]any{"roles": roles}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	var posts []string
	write(func(w *replica.Writer) error {
		for i := 0; i < 2000; i++ {
			id, err := w.Insert("posts", map[string]any{"title": fmt.Sprintf("Promo %d", i), "status": "in_review"})
			if err != nil {
				return err
			}
			posts = append(posts, id)
		}
		return nil
	})
	all, last, err := src.Replica.LocalChanges(ctx, 0, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	setup = all
	write(func(w *replica.Writer) error {
		for _, id := range posts {
			if err := w.Update("posts", id, map[string]any{"status": "approved", "approved_by": manager,
				"approved_at": int64(1796000000000)}); err != nil {
				return err
			}
		}
		return nil
	})
	if approvals, _, err = src.Replica.LocalChanges(ctx, last, 1<<30); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var total int
	var spent, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst := openB(b)
		// The receiving device knows the sender writes for the manager.
		if err := dst.Store.DB().Exec(`INSERT INTO sync_devices(device, member_id) VALUES (?, ?)`,
			src.Replica.Device(), manager).Error; err != nil {
			b.Fatal(err)
		}
		if _, err := dst.Replica.Apply(ctx, setup); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for off := 0; off < len(approvals); off += 150 {
			res, err := dst.Replica.Apply(ctx, approvals[off:min(off+150, len(approvals))])
			if err != nil {
				b.Fatal(err)
			}
			if res.Refused > 0 {
				b.Fatalf("the manager's approvals were refused: %+v", res)
			}
		}
		spent += time.Since(start)
		cpu += cpuTime() - cpu0
		total += len(approvals)
	}
	b.ReportMetric(float64(total)/spent.Seconds(), "changes/s")
	b.ReportMetric(float64(total)/cpu.Seconds(), "changes/cpu-s")
}

// BenchmarkRecheck20000Posts measures judging every change of a
// 20,000-post workspace's log again (about 400,000 field changes): what a
// sync run adds when confirmations arrive, and what a computer joining
// from a snapshot pays once.
func BenchmarkRecheck20000Posts(b *testing.B) {
	ws := posts20000(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := ws.Replica.Recheck(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}
