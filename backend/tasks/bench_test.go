package tasks_test

import (
	"fmt"
	"testing"
	"time"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
)

// benchWorkspace is a workspace of 50 members and 20,000 tasks (three
// quarters open, due over four months, a tenth without a due day), each
// with a checklist of three items, in Asia/Jakarta.
func benchWorkspace(b *testing.B) (*core.Workspace, []string) {
	b.Helper()
	ws, _ := testws.Open(b)
	if _, err := ws.Workspace.Update(ctx, "Kopi", "Asia/Jakarta"); err != nil {
		b.Fatal(err)
	}
	var members []string
	for i := 0; i < 50; i++ {
		m, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("Anggota %02d", i), Roles: []string{"content_creator"}})
		if err != nil {
			b.Fatal(err)
		}
		members = append(members, m.ID)
	}
	start := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	statuses := []string{"todo", "doing", "blocked", "done"}
	err := ws.Replica.Write(ctx, func(w *replica.Writer) error {
		for i := 0; i < 20000; i++ {
			due := start.AddDate(0, 0, i%120).Format("2006-01-02")
			if i%10 == 0 {
				due = ""
			}
			if _, err := ws.Tasks.AddWith(w, "", tasks.Input{Title: fmt.Sprintf("Tugas %d", i), AssigneeID: members[i%50],
				Due: due, Status: statuses[i%4], Checklist: []string{"Draf", "Tinjau", "Kirim"}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ws.Tasks.SetClock(func() time.Time { return time.Date(2027, 4, 1, 3, 0, 0, 0, time.UTC) })
	return ws, members
}

func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkMyWork is the landing page's query: one member's 300 open tasks
// sorted into overdue, today, this week and the rest, with their checklists.
func BenchmarkMyWork(b *testing.B) {
	ws, members := benchWorkspace(b)
	b.ResetTimer()
	cpu := testws.CPUTime()
	for i := 0; i < b.N; i++ {
		if _, err := ws.Tasks.MyWork(ctx, members[7]); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, testws.CPUTime()-cpu)
}

// BenchmarkBoardOneMember is the board filtered to one member: 400 tasks.
func BenchmarkBoardOneMember(b *testing.B) {
	ws, members := benchWorkspace(b)
	b.ResetTimer()
	cpu := testws.CPUTime()
	for i := 0; i < b.N; i++ {
		if list, err := ws.Tasks.List(ctx, tasks.Filter{AssigneeID: members[3]}); err != nil || len(list) != 400 {
			b.Fatal(len(list), err)
		}
	}
	reportCPU(b, testws.CPUTime()-cpu)
}

// BenchmarkBoardAll is the board without a filter: all 20,000 tasks with
// their 60,000 checklist items.
func BenchmarkBoardAll(b *testing.B) {
	ws, _ := benchWorkspace(b)
	b.ResetTimer()
	cpu := testws.CPUTime()
	for i := 0; i < b.N; i++ {
		if list, err := ws.Tasks.List(ctx, tasks.Filter{}); err != nil || len(list) != 20000 {
			b.Fatal(len(list), err)
		}
	}
	reportCPU(b, testws.CPUTime()-cpu)
}
