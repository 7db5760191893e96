// Package tasks holds assigned tasks: who does what by when, with a backup,
// a checklist whose items are rows of their own, links to posts, campaigns
// and meetings, comments, and a history of who changed the assignee or the
// status. Every change goes through replica, so tasks sync like posts.
package tasks

import (
	"time"

	"postdeck/backend/replica"
	"postdeck/backend/store"
	"postdeck/backend/team"
)

// The synced tables of this package.
const (
	TableTasks     = "tasks"
	TableChecklist = "task_checklist_items"
	TableComments  = "task_comments"
	TableHistory   = "task_history"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: TableTasks, Fields: map[string]replica.Kind{
		"title": replica.Text, "description": replica.Text, "assignee_id": replica.Text, "backup_id": replica.Text,
		"due": replica.Text, "due_time": replica.Text, "status": replica.Text, "priority": replica.Text,
		"estimate_hours": replica.Float, "post_ids": replica.JSON, "campaign_id": replica.Text,
		"meeting_id": replica.Text, "source": replica.Text, "created_by": replica.Text,
	}},
	{Table: TableChecklist, Fields: map[string]replica.Kind{
		"task_id": replica.Text, "text": replica.Text, "done": replica.Bool, "position": replica.Float,
		"done_by": replica.Text, "done_at": replica.Int,
	}},
	{Table: TableComments, Fields: map[string]replica.Kind{
		"task_id": replica.Text, "author_id": replica.Text, "body": replica.Text,
	}},
	{Table: TableHistory, Fields: map[string]replica.Kind{
		"task_id": replica.Text, "kind": replica.Text, "from_value": replica.Text, "to_value": replica.Text,
		"member_id": replica.Text, "at": replica.Int,
	}},
}

// Service reads and changes tasks.
type Service struct {
	st   *store.Store
	rep  *replica.Replica
	team *team.Service
	now  func() time.Time
}

// NewService returns the tasks service.
func NewService(st *store.Store, rep *replica.Replica, tm *team.Service) *Service {
	return &Service{st: st, rep: rep, team: tm, now: time.Now}
}

// SetClock replaces the service's clock (tests use it to stand on a given
// day; "today" and "overdue" depend on it).
func (s *Service) SetClock(now func() time.Time) { s.now = now }
