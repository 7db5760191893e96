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

// recordTaskHandover leaves the hand-over in the task's history.
func recordTaskHandover(w *replica.Writer, id string, it Item, actor string, at int64) error {
	return nil // TODO: the tasks package's history
}

// HasTasks reports whether this database has the tasks table (always, once
// the tasks migration ran).
func HasTasks(db *gorm.DB) bool {
	var n int64
	db.Raw("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'tasks'").Scan(&n)
	return n > 0
}
