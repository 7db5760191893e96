package absences

import (
	"gorm.io/gorm"

	"postdeck/backend/replica"
	"postdeck/backend/tasks"
)

// openTasksOf lists the member's open tasks (not done), soonest due first.
func openTasksOf(db *gorm.DB, member string) ([]taskRow, error) {
	var rows []taskRow
	err := db.Raw(`SELECT id, title, due, backup_id FROM tasks
		WHERE deleted_at IS NULL AND assignee_id = ? AND status <> 'done' ORDER BY due = '', due, id`, member).Scan(&rows).Error
	return rows, err
}

// moveTask gives the task to its new assignee and leaves the hand-over in
// the task's history (the tasks package's "handover" entry: from and to
// are member ids). The entry's id and time come from the hand-over, not
// from this device, so two devices recording the same hand-over write one
// entry. A task whose backup would now be its own assignee takes the new
// assignee's backup, as a task given to someone does.
func moveTask(w *replica.Writer, historyID string, it Item, newBackup string, actor string, at int64) error {
	var cur []struct{ BackupID string }
	if err := w.DB().Raw("SELECT backup_id FROM tasks WHERE id = ?", it.ID).Scan(&cur).Error; err != nil {
		return err
	}
	values := map[string]any{"assignee_id": it.ToID}
	if len(cur) == 1 && (cur[0].BackupID == it.ToID || cur[0].BackupID == "") && newBackup != it.ToID {
		values["backup_id"] = newBackup
	}
	if err := w.Update(tasks.TableTasks, it.ID, values); err != nil {
		return err
	}
	return w.Put(tasks.TableHistory, historyID, map[string]any{"task_id": it.ID, "kind": tasks.KindHandover,
		"from_value": it.FromID, "to_value": it.ToID, "member_id": actor, "at": at})
}
