package api

import (
	"postdeck/backend/tasks"
)

// Tasks is the facade of assigned tasks. Changes act as this device's member.
type Tasks struct{ ws *coreWorkspace }

func (t *Tasks) me() (string, error) { return t.ws.Workspace.Me(ctx()) }

// List returns the tasks matching a filter.
func (t *Tasks) List(f tasks.Filter) ([]tasks.Task, error) { return t.ws.Tasks.List(ctx(), f) }

// Get returns one task.
func (t *Tasks) Get(id string) (tasks.Task, error) { return t.ws.Tasks.Get(ctx(), id) }

// Add creates a task.
func (t *Tasks) Add(in tasks.Input) (tasks.Task, error) {
	me, err := t.me()
	if err != nil {
		return tasks.Task{}, err
	}
	return t.ws.Tasks.Add(ctx(), me, in)
}

// Update changes the fields set in p.
func (t *Tasks) Update(id string, p tasks.Patch) (tasks.Task, error) {
	me, err := t.me()
	if err != nil {
		return tasks.Task{}, err
	}
	return t.ws.Tasks.Update(ctx(), me, id, p)
}

// Delete removes a task.
func (t *Tasks) Delete(id string) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	return t.ws.Tasks.Delete(ctx(), me, id)
}

// Check ticks or unticks a checklist item.
func (t *Tasks) Check(taskID, itemID string, done bool) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	return t.ws.Tasks.Check(ctx(), me, taskID, itemID, done)
}

// AddItem appends an item to a task's checklist.
func (t *Tasks) AddItem(taskID, text string) (tasks.ChecklistItem, error) {
	return t.ws.Tasks.AddItem(ctx(), taskID, text)
}

// RemoveItem removes a checklist item.
func (t *Tasks) RemoveItem(taskID, itemID string) error {
	return t.ws.Tasks.RemoveItem(ctx(), taskID, itemID)
}

// Comments returns a task's comments.
func (t *Tasks) Comments(taskID string) ([]tasks.Comment, error) {
	return t.ws.Tasks.Comments(ctx(), taskID)
}

// AddComment comments on a task.
func (t *Tasks) AddComment(taskID, body string) (tasks.Comment, error) {
	me, err := t.me()
	if err != nil {
		return tasks.Comment{}, err
	}
	return t.ws.Tasks.AddComment(ctx(), me, taskID, body)
}

// History returns a task's history.
func (t *Tasks) History(taskID string) ([]tasks.HistoryEntry, error) {
	return t.ws.Tasks.History(ctx(), taskID)
}

// MyWork returns this device's member's open tasks by when they are due.
func (t *Tasks) MyWork() (tasks.MyWork, error) {
	me, err := t.me()
	if err != nil {
		return tasks.MyWork{}, err
	}
	return t.ws.Tasks.MyWork(ctx(), me)
}

// OnCalendar reports whether this device shows tasks on the calendar.
func (t *Tasks) OnCalendar() (bool, error) { return t.ws.Tasks.OnCalendar(ctx()) }

// SetOnCalendar shows or hides tasks on this device's calendar.
func (t *Tasks) SetOnCalendar(on bool) error { return t.ws.Tasks.SetOnCalendar(ctx(), on) }
