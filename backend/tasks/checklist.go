package tasks

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

// Check ticks (done) or unticks a checklist item of a task, recording who
// ticked it and when. Ticking an item that is already ticked changes
// nothing, so the first tick's author stays.
func (s *Service) Check(ctx context.Context, actor, taskID, itemID string, done bool) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		it, err := getItem(w.DB(), taskID, itemID)
		if err != nil {
			return err
		}
		if it.Done == done {
			return nil
		}
		values := map[string]any{"done": done, "done_by": "", "done_at": int64(0)}
		if done {
			values["done_by"], values["done_at"] = actor, s.now().UnixMilli()
		}
		return w.Update(TableChecklist, itemID, values)
	})
}

// AddItem appends an item to a task's checklist.
func (s *Service) AddItem(ctx context.Context, taskID, text string) (ChecklistItem, error) {
	text = strings.TrimSpace(text)
	if err := checkItemText(text); err != nil {
		return ChecklistItem{}, err
	}
	var it ChecklistItem
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getTask(w.DB(), taskID); err != nil {
			return err
		}
		var last float64
		if err := w.DB().Raw(`SELECT COALESCE(MAX(position), 0) FROM task_checklist_items WHERE task_id = ? AND deleted_at IS NULL`,
			taskID).Scan(&last).Error; err != nil {
			return apperr.Internal(err)
		}
		it = ChecklistItem{TaskID: taskID, Text: text, Position: last + 1}
		id, err := w.Insert(TableChecklist, map[string]any{"task_id": taskID, "text": text, "done": false,
			"position": it.Position, "done_by": "", "done_at": int64(0)})
		it.ID = id
		return err
	})
	return it, err
}

// RenameItem changes the text of a checklist item.
func (s *Service) RenameItem(ctx context.Context, taskID, itemID, text string) error {
	text = strings.TrimSpace(text)
	if err := checkItemText(text); err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getItem(w.DB(), taskID, itemID); err != nil {
			return err
		}
		return w.Update(TableChecklist, itemID, map[string]any{"text": text})
	})
}

// RemoveItem removes a checklist item (a tombstone).
func (s *Service) RemoveItem(ctx context.Context, taskID, itemID string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getItem(w.DB(), taskID, itemID); err != nil {
			return err
		}
		return w.Delete(TableChecklist, itemID)
	})
}

// getItem returns a live item of a live task.
func getItem(db *gorm.DB, taskID, itemID string) (ChecklistItem, error) {
	if _, err := getTask(db, taskID); err != nil {
		return ChecklistItem{}, err
	}
	var items []ChecklistItem
	if err := db.Raw(`SELECT id, task_id, text, done, position, done_by, done_at FROM task_checklist_items
		WHERE id = ? AND task_id = ? AND deleted_at IS NULL`, itemID, taskID).Scan(&items).Error; err != nil {
		return ChecklistItem{}, apperr.Internal(err)
	}
	if len(items) == 0 {
		return ChecklistItem{}, apperr.New("task.item_not_found", "this task has no such checklist item").
			With("id", itemID)
	}
	return items[0], nil
}
