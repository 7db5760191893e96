package meetings

import (
	"context"

	"postdeck/backend/replica"
	"postdeck/backend/tasks"
)

// taskAdapter makes action items tasks of backend/tasks.
type taskAdapter struct{ svc *tasks.Service }

// TasksOf returns the Tasks meetings use, over the tasks service.
func TasksOf(svc *tasks.Service) Tasks { return taskAdapter{svc} }

// AddAction creates the task of an action item: source "meeting", linked
// to the meeting day it was agreed on.
func (a taskAdapter) AddAction(w *replica.Writer, actor, dayID string, in ActionInput) (string, error) {
	return a.svc.AddWith(w, actor, tasks.Input{Title: in.Title, Description: in.Description, AssigneeID: in.AssigneeID,
		Due: in.Due, DueTime: in.DueTime, MeetingID: dayID, Source: tasks.SourceMeeting})
}

// Actions returns the tasks of a meeting day, soonest due first.
func (a taskAdapter) Actions(ctx context.Context, dayID string) ([]Action, error) {
	list, err := a.svc.List(ctx, tasks.Filter{MeetingID: dayID})
	if err != nil {
		return nil, err
	}
	out := make([]Action, 0, len(list))
	for _, t := range list {
		out = append(out, Action{TaskID: t.ID, Title: t.Title, AssigneeID: t.AssigneeID, Due: t.Due, DueTime: t.DueTime, Status: t.Status})
	}
	return out, nil
}
