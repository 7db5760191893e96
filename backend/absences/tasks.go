package absences

import (
	"gorm.io/gorm"

	"postdeck/backend/replica"
)

// openTasksOf lists the member's open tasks (not done), soonest due first.
func openTasksOf(db *gorm.DB, member string) ([]taskRow, error) {
	var rows []taskRow
	if !HasTasks(db) {
		return rows, nil
	}
	err := db.Raw(`SELECT id, title, due, backup_id FROM tasks
		WHERE deleted_at IS NULL AND assignee_id = ? AND status <> 'done' ORDER BY due = '', due, id`, member).Scan(&rows).Error
	return rows, err
}

// recordTaskHandover leaves the hand-over in the task's history (the tasks
// package's "handover" entry: from and to are member ids). The entry's id
// and time come from the hand-over, not from this device, so two devices
// recording the same hand-over write one entry.
func recordTaskHandover(w *replica.Writer, id string, it Item, actor string, at int64) error {
	return w.Put("task_history", id, map[string]any{"task_id": it.ID, "kind": "handover", "from_value": it.FromID,
		"to_value": it.ToID, "member_id": actor, "at": at})
}

// HasTasks reports whether this database has the tasks table (always, once
// the tasks migration ran).
func HasTasks(db *gorm.DB) bool {
	var n int64
	db.Raw("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'tasks'").Scan(&n)
	return n > 0
}
