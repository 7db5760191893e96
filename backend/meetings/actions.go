package meetings

import (
	"context"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

// ActionInput is an action item as the meeting view or the command line
// enters it.
type ActionInput struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	AssigneeID  string `json:"assigneeId"`
	// Due is YYYY-MM-DD; empty means the next meeting's day.
	Due     string `json:"due"`
	DueTime string `json:"dueTime"`
}

// Tasks is what meetings need of the tasks service: an action item is a
// task whose meeting is the day it was agreed on.
type Tasks interface {
	// AddAction creates the task of an action item of dayID inside w and
	// returns its id.
	AddAction(w *replica.Writer, actor, dayID string, in ActionInput) (string, error)
	// Actions returns the tasks of a meeting day, each in its current state.
	Actions(ctx context.Context, dayID string) ([]Action, error)
}

// actions returns the action items of a day with their assignees' names.
func (s *Service) actions(ctx context.Context, dayID string, names map[string]string) ([]Action, error) {
	out := []Action{}
	if s.tasks == nil {
		return out, nil
	}
	got, err := s.tasks.Actions(ctx, dayID)
	if err != nil {
		return nil, err
	}
	for _, a := range got {
		a.AssigneeName = names[a.AssigneeID]
		out = append(out, a)
	}
	return out, nil
}

// AddAction adds an action item to a meeting day: a task for the assignee,
// due on the next meeting's day unless a due date is given, linked to that
// day so the next meeting opens with it. The task and the day are written
// together, or nothing is.
func (s *Service) AddAction(ctx context.Context, actor, key, day string, in ActionInput) (Action, error) {
	if s.tasks == nil {
		return Action{}, apperr.Internal(nil)
	}
	r, day, err := s.resolve(ctx, key, day)
	if err != nil {
		return Action{}, err
	}
	if strings.TrimSpace(in.AssigneeID) == "" {
		return Action{}, apperr.Invalid("meeting.action_assignee_required", "assigneeId", "an action item needs someone to do it")
	}
	var taskID string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := checkRefs(w.DB(), "members", "assigneeId", "meeting.member_unknown", []string{in.AssigneeID}); err != nil {
			return err
		}
		if in.Due == "" {
			next, err := s.next(w.DB(), r, day)
			if err != nil {
				return err
			}
			in.Due = next
		}
		dayID, err := ensureDay(w, r.ID, day)
		if err != nil {
			return err
		}
		taskID, err = s.tasks.AddAction(w, actor, dayID, in)
		return err
	})
	if err != nil {
		return Action{}, err
	}
	acts, err := s.actions(ctx, DayID(r.ID, day), map[string]string{})
	if err != nil {
		return Action{}, err
	}
	for _, a := range acts {
		if a.TaskID == taskID {
			names, err := memberNames(s.st.DB().WithContext(ctx))
			if err != nil {
				return Action{}, err
			}
			a.AssigneeName = names[a.AssigneeID]
			return a, nil
		}
	}
	return Action{TaskID: taskID, Title: in.Title, AssigneeID: in.AssigneeID, Due: in.Due}, nil
}
