package tasks

import (
	"context"

	"postdeck/backend/apperr"
	"postdeck/backend/workspace"
)

// MyWork is one member's open tasks by when they are due, counted in the
// workspace's time zone: a task due at 09:00 in Jakarta is overdue from
// 09:00 Jakarta time, wherever the computer is.
type MyWork struct {
	Today    string `json:"today"`    // YYYY-MM-DD in the workspace zone
	WeekEnds string `json:"weekEnds"` // the Sunday that ends this week
	// Overdue: due before today, or today at a time already past.
	Overdue []Task `json:"overdue"`
	// DueToday: due today, later today or at any time of the day.
	DueToday []Task `json:"dueToday"`
	// ThisWeek: due after today, up to and including Sunday.
	ThisWeek []Task `json:"thisWeek"`
	// ActionItems: tasks from meetings not due by Sunday.
	ActionItems []Task `json:"actionItems"`
	// Waiting: other open tasks, without a due date or due later.
	Waiting []Task `json:"waiting"`
}

// MyWork sorts memberID's open tasks into overdue, today, this week,
// meeting action items and the rest.
func (s *Service) MyWork(ctx context.Context, memberID string) (MyWork, error) {
	out := MyWork{Overdue: []Task{}, DueToday: []Task{}, ThisWeek: []Task{}, ActionItems: []Task{}, Waiting: []Task{}}
	now := s.now().In(workspace.ZoneIn(s.st.DB().WithContext(ctx)))
	out.Today = now.Format("2006-01-02")
	clock := now.Format("15:04")
	// Weeks start on Monday (ISO 8601, as in Indonesia).
	out.WeekEnds = now.AddDate(0, 0, (7-int(now.Weekday()))%7).Format("2006-01-02")
	if memberID == "" {
		return out, nil
	}
	list, err := s.List(ctx, Filter{AssigneeID: memberID, Open: true})
	if err != nil {
		return MyWork{}, err
	}
	for _, t := range list {
		switch {
		case t.Due != "" && (t.Due < out.Today || (t.Due == out.Today && t.DueTime != "" && t.DueTime < clock)):
			out.Overdue = append(out.Overdue, t)
		case t.Due == out.Today:
			out.DueToday = append(out.DueToday, t)
		case t.Due != "" && t.Due <= out.WeekEnds:
			out.ThisWeek = append(out.ThisWeek, t)
		case t.Source == SourceMeeting:
			out.ActionItems = append(out.ActionItems, t)
		default:
			out.Waiting = append(out.Waiting, t)
		}
	}
	return out, nil
}

// Today is the current day in the workspace's time zone.
func (s *Service) Today(ctx context.Context) string {
	return s.now().In(workspace.ZoneIn(s.st.DB().WithContext(ctx))).Format("2006-01-02")
}

// keyOnCalendar is the device setting that shows tasks on the calendar.
const keyOnCalendar = "tasks.on_calendar"

// OnCalendar reports whether this device shows tasks with a due date on the
// calendar (off until switched on, like a layer one imports).
func (s *Service) OnCalendar(ctx context.Context) (bool, error) {
	v, err := s.st.Local(keyOnCalendar)
	if err != nil {
		return false, apperr.Internal(err)
	}
	return v == "1", nil
}

// SetOnCalendar shows or hides tasks on this device's calendar.
func (s *Service) SetOnCalendar(ctx context.Context, on bool) error {
	v := "0"
	if on {
		v = "1"
	}
	return s.st.SetLocal(s.st.DB().WithContext(ctx), keyOnCalendar, v)
}
