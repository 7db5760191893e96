package playbooks

import (
	"postdeck/backend/replica"
	"postdeck/backend/tasks"
)

// TaskList creates the tasks of plans and playbook runs in the team's task
// list (backend/tasks), inside the caller's write.
type TaskList struct{ Svc *tasks.Service }

// AddTaskWith creates one task.
func (l TaskList) AddTaskWith(w *replica.Writer, actor string, t TaskSpec) (string, error) {
	return l.Svc.AddWith(w, actor, tasks.Input{Title: t.Title, Description: t.Description, AssigneeID: t.AssigneeID,
		Due: t.Due, DueTime: t.DueTime, EstimateHours: t.EstimateHours, Checklist: t.Checklist, CampaignID: t.CampaignID,
		PostIDs: t.PostIDs, Source: t.Source})
}
