package feeds

import (
	"context"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/ics"
	"postdeck/backend/store"
)

// TaskUID is the UID of a task's due date in calendar files.
func TaskUID(id string) string { return "task-" + id + uidDomain }

// TaskSource puts the due dates of a member's open tasks into that
// member's feed: a whole-day event on the due day, or a short timed one
// when the task is due at a time. It reads the tasks table itself, with a
// plain scan, as the posts are read (a feed is rebuilt after every change).
type TaskSource struct{ st *store.Store }

// NewTaskSource returns the source of tasks' due dates.
func NewTaskSource(st *store.Store) TaskSource { return TaskSource{st} }

var taskWords = map[string]struct{ task, status string }{
	"en": {"Task", "Status"},
	"id": {"Tugas", "Status"},
}

var taskStatuses = map[string]map[string]string{
	"en": {"todo": "To do", "doing": "Doing", "blocked": "Blocked", "done": "Done"},
	"id": {"todo": "Akan dikerjakan", "doing": "Sedang dikerjakan", "blocked": "Terhambat", "done": "Selesai"},
}

// MemberEvents returns the due dates of the open tasks assigned to
// q.MemberID within q's range. Done tasks leave the calendar.
func (s TaskSource) MemberEvents(ctx context.Context, q MemberQuery) ([]ics.Event, error) {
	where := "deleted_at IS NULL AND assignee_id = ? AND due <> '' AND status <> 'done'"
	args := []any{q.MemberID}
	if q.From != "" {
		where += " AND due >= ?"
		args = append(args, q.From)
	}
	if q.To != "" {
		where += " AND due <= ?"
		args = append(args, q.To)
	}
	rows, err := s.st.DB().WithContext(ctx).Raw(`SELECT id, title, description, due, due_time, status, updated_at
		FROM tasks WHERE `+where+` ORDER BY due, due_time, id`, args...).Rows()
	if err != nil {
		return nil, apperr.Internal(err)
	}
	defer rows.Close()
	w, ok := taskWords[q.Language]
	if !ok {
		w, q.Language = taskWords["en"], "en"
	}
	var out []ics.Event
	for rows.Next() {
		var id, title, desc, due, dueTime, status string
		var updated int64
		if err := rows.Scan(&id, &title, &desc, &due, &dueTime, &status, &updated); err != nil {
			return nil, apperr.Internal(err)
		}
		ev := ics.Event{UID: TaskUID(id), Summary: w.task + ": " + title, Start: ics.Moment{Date: due, Time: dueTime},
			Categories: []string{w.task}}
		if dueTime == "" {
			ev.End = ev.Start.NextDay()
		} else {
			ev.End = ev.Start.Add(postLength)
		}
		if !q.Private {
			label := taskStatuses[q.Language][status]
			if label == "" {
				label = status
			}
			ev.Description = strings.TrimSpace(w.status + ": " + label + "\n\n" + desc)
		}
		stampEvent(&ev, updated)
		out = append(out, ev)
	}
	return out, rows.Err()
}
