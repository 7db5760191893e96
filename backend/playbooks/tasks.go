package playbooks

import (
	"gorm.io/gorm"

	"postdeck/backend/absences"
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

// AwayList says who is away from the team's absences (backend/absences),
// read in the caller's transaction.
type AwayList struct{}

// Absent says whether an absence of the member covers the day.
func (AwayList) Absent(db *gorm.DB, memberID, day string) (bool, error) {
	list, err := absences.ListDB(db, absences.Filter{MemberID: memberID, From: day, To: day})
	return len(list) > 0, err
}
