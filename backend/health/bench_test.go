package health_test

import (
	"fmt"
	"testing"
	"time"

	"postdeck/backend/absences"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/replica"
	"postdeck/backend/team"
)

// benchWorkspace builds a workspace of 50 members (each with a backup and
// networks), 10 channels with a cadence, 20,000 tasks (open and done, due
// over the coming weeks, some without an assignee or a due day), 2,000 posts
// and a few absences: a busy team's year.
func benchWorkspace(b *testing.B) *core.Workspace {
	b.Helper()
	ws, err := core.Open(b.TempDir(), events.Nop{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	now := time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC)
	ws.Health.SetClock(func() time.Time { return now })
	if _, err := ws.Workspace.Update(ctx, "Toko", "Asia/Jakarta"); err != nil {
		b.Fatal(err)
	}
	nets := []string{"instagram", "facebook", "x", "tiktok", "linkedin"}
	roles := []string{"social_media_manager", "content_creator", "copywriter", "community_manager", "graphic_designer"}
	var members []string
	for i := range 50 {
		m, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("Member %02d", i), Roles: []string{roles[i%5]},
			Networks: []string{nets[i%5]}, CapacityHours: float64(20 + i%3*10)})
		if err != nil {
			b.Fatal(err)
		}
		members = append(members, m.ID)
	}
	for i, id := range members {
		backup := members[(i+1)%len(members)]
		if _, err := ws.Team.UpdateMember(ctx, "", id, team.MemberPatch{BackupID: &backup}); err != nil {
			b.Fatal(err)
		}
	}
	var channels []string
	for i := range 10 {
		ch, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: nets[i%5], Handle: fmt.Sprintf("@toko%d", i),
			OwnerID: members[i], Cadence: 3})
		if err != nil {
			b.Fatal(err)
		}
		channels = append(channels, ch.ID)
	}
	start := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	err = ws.Replica.Write(ctx, func(w *replica.Writer) error {
		for i := range 20_000 {
			due := ""
			if i%10 != 0 {
				due = start.AddDate(0, 0, i%120-30).Format("2006-01-02")
			}
			assignee := members[i%len(members)]
			if i%97 == 0 {
				assignee = ""
			}
			status := []string{"todo", "doing", "blocked", "done"}[i%4]
			if _, err := w.Insert("tasks", map[string]any{"title": fmt.Sprintf("Task %d", i), "assignee_id": assignee,
				"due": due, "status": status, "estimate_hours": float64(i%5) + 0.5}); err != nil {
				return err
			}
		}
		for i := range 2_000 {
			if _, err := w.Insert("posts", map[string]any{"title": fmt.Sprintf("Post %d", i), "body": "teks",
				"channels": []string{channels[i%len(channels)]}, "date": start.AddDate(0, 0, i%90-20).Format("2006-01-02"),
				"time": "09:00", "status": "draft", "owner_id": members[i%len(members)], "labels": []string{}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10 {
		if _, err := ws.Absences.Add(ctx, "", absences.Input{MemberID: members[i*3], From: start.AddDate(0, 0, i*4).Format("2006-01-02"),
			To: start.AddDate(0, 0, i*4+6).Format("2006-01-02")}); err != nil {
			b.Fatal(err)
		}
	}
	return ws
}

// BenchmarkHealth runs the five checks on 20,000 tasks and 50 members
// (target: under 50 ms; docs/BENCHMARKS.md).
func BenchmarkHealth(b *testing.B) {
	ws := benchWorkspace(b)
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		r, err := ws.Health.Health(ctx)
		if err != nil || len(r.Checks) != 5 {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU adds the CPU milliseconds per run beside the wall clock.
func reportCPU(b *testing.B, since time.Duration) {
	if used := cpuTime() - since; used > 0 {
		b.ReportMetric(float64(used.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkWorkload computes the Team page's four weeks on the same
// workspace (target: under 50 ms).
func BenchmarkWorkload(b *testing.B) {
	ws := benchWorkspace(b)
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		w, err := ws.Health.Workload(ctx, "", 4)
		if err != nil || len(w.Members) != 50 {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}
