package calendar_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/replica"
	"postdeck/backend/styleguide"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

var (
	bigOnce sync.Once
	big     *core.Workspace
	bigErr  error
)

// bigWorkspace is a workspace of 100,000 posts over five years, shared by
// the benchmarks of one run (building it takes a while).
func bigWorkspace(b *testing.B) *core.Workspace {
	bigOnce.Do(func() {
		dir, err := osTempDir()
		if err != nil {
			bigErr = err
			return
		}
		big, bigErr = core.Open(dir, events.Nop{})
		if bigErr != nil {
			return
		}
		ch, err := big.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopi"})
		if err != nil {
			bigErr = err
			return
		}
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		words := []string{"promo", "diskon", "kopi", "susu", "ramadan", "lebaran", "gratis", "ongkir", "senja", "pagi"}
		for done := 0; done < 100_000 && bigErr == nil; {
			bigErr = big.Replica.Write(ctx, func(w *replica.Writer) error {
				for i := 0; i < 1000; i, done = i+1, done+1 {
					day := start.AddDate(0, 0, done%1826)
					body := fmt.Sprintf("%s %s %s nomor %d", words[done%10], words[(done/10)%10], words[(done/100)%10], done)
					if _, err := w.Insert("posts", map[string]any{"title": fmt.Sprintf("Post %d", done), "body": body,
						"channels": []string{ch.ID}, "date": day.Format("2006-01-02"), "time": "09:30", "status": "draft"}); err != nil {
						return err
					}
				}
				return nil
			})
		}
		// And 100 weekly series running since the start, expanded by every
		// month query.
		if bigErr == nil {
			bigErr = big.Replica.Write(ctx, func(w *replica.Writer) error {
				for i := 0; i < 100; i++ {
					day := start.AddDate(0, 0, i%7)
					if _, err := w.Insert("posts", map[string]any{"title": fmt.Sprintf("Series %d", i), "body": "Tips minggu ini",
						"channels": []string{ch.ID}, "date": day.Format("2006-01-02"), "time": "08:00", "status": "approved",
						"rrule": "FREQ=WEEKLY;BYDAY=" + []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}[int(day.Weekday()+6)%7]}); err != nil {
						return err
					}
				}
				return nil
			})
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return big
}

// BenchmarkMonthQuery measures what the calendar asks for when it shows a
// month (six weeks) of a workspace of 100,000 posts and 100 weekly series.
func BenchmarkMonthQuery(b *testing.B) {
	ws := bigWorkspace(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		posts, err := ws.Calendar.Posts(ctx, calendar.Filter{From: "2026-03-30", To: "2026-05-10"})
		if err != nil || len(posts) < 2000+600 {
			b.Fatalf("%d posts, %v", len(posts), err)
		}
	}
}

// BenchmarkSearch measures the command palette's search on 100,000 posts.
func BenchmarkSearch(b *testing.B) {
	ws := bigWorkspace(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hits, err := ws.Calendar.Search(ctx, "ramadan sen")
		if err != nil || len(hits) == 0 {
			b.Fatalf("%d hits, %v", len(hits), err)
		}
	}
}

var guideOnce sync.Once

// withGuide onboards the big workspace (which writes the example style
// guide) and adds 500 banned phrases and a warning on "ongkir" through the
// style guide itself, so the calendar checks with the checker the app
// wires, the style guide's own cached one.
func withGuide(b *testing.B, ws *core.Workspace) {
	var err error
	guideOnce.Do(func() {
		if _, err = ws.Workspace.Onboard(ctx, workspace.OnboardInput{WorkspaceName: "Kopi Nusantara", TimeZone: "Asia/Jakarta",
			Me: team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}}}); err != nil {
			return
		}
		var me string
		if me, err = ws.Workspace.Me(ctx); err != nil {
			return
		}
		for i := 0; i < 500 && err == nil; i++ {
			_, err = ws.StyleGuide.Save(ctx, me, styleguide.Entry{Section: styleguide.Banned, Text: fmt.Sprintf("frasa terlarang %d", i),
				Replacement: "x", Severity: "error"})
		}
		if err == nil {
			_, err = ws.StyleGuide.Save(ctx, me, styleguide.Entry{Section: styleguide.Banned, Text: "ongkir", Severity: "warning"})
		}
	})
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkMonthQueryWithMarks(b *testing.B) {
	ws := bigWorkspace(b)
	withGuide(b, ws)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		posts, err := ws.Calendar.Posts(ctx, calendar.Filter{From: "2026-03-30", To: "2026-05-10", Marks: true})
		if err != nil || len(posts) < 2000+600 {
			b.Fatalf("%d posts, %v", len(posts), err)
		}
		if i == 0 {
			marked := 0
			for _, p := range posts {
				if p.Check == calendar.MarkWarning {
					marked++
				}
			}
			if marked == 0 {
				b.Fatal("no post carries the warning marker")
			}
		}
	}
}
