package tasks

import (
	"context"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

// Kinds of history entries this package records. Other packages add their
// own (a hand-over records "handover" with the old and the new assignee).
const (
	KindCreated  = "created"  // to: the assignee
	KindAssignee = "assignee" // from, to: member ids
	KindBackup   = "backup"   // from, to: member ids
	KindStatus   = "status"   // from, to: statuses
	KindDeleted  = "deleted"  // from: the status it had
	KindHandover = "handover" // from, to: member ids (absences)
)

// HistoryEntry is one change in a task's history: who (MemberID) changed
// what (Kind) when (At, Unix milliseconds) from what to what.
type HistoryEntry struct {
	ID       string `json:"id"`
	TaskID   string `json:"taskId"`
	Kind     string `json:"kind"`
	From     string `json:"from"`
	To       string `json:"to"`
	MemberID string `json:"memberId"`
	At       int64  `json:"at"`
}

// AddHistoryWith appends an entry to a task's history inside a larger
// write: actor did kind, changing from into to. The task may be live or
// deleted, but must exist.
func (s *Service) AddHistoryWith(w *replica.Writer, taskID, actor, kind, from, to string) error {
	kind = strings.TrimSpace(kind)
	if kind == "" || !sourceRe.MatchString(kind) {
		return apperr.New(apperr.CodeInternal, "a history entry needs a kind").With("kind", kind)
	}
	var n int64
	if err := w.DB().Raw("SELECT COUNT(*) FROM tasks WHERE id = ?", taskID).Scan(&n).Error; err != nil {
		return apperr.Internal(err)
	}
	if n == 0 {
		return apperr.New("task.not_found", "no such task").With("id", taskID)
	}
	_, err := w.Insert(TableHistory, map[string]any{"task_id": taskID, "kind": kind, "from_value": from, "to_value": to,
		"member_id": actor, "at": s.now().UnixMilli()})
	return err
}

// History returns a task's history, oldest first.
func (s *Service) History(ctx context.Context, taskID string) ([]HistoryEntry, error) {
	var out []HistoryEntry
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT id, task_id, kind, from_value AS "from", to_value AS "to", member_id, at
		FROM task_history WHERE task_id = ? AND deleted_at IS NULL ORDER BY at, created_at, id`, taskID).Scan(&out).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	if out == nil {
		out = []HistoryEntry{}
	}
	return out, nil
}
