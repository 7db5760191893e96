package tasks

import (
	"context"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

const maxCommentRunes = 10000

// Comment is a remark on a task. Bodies are shown as text, never as HTML.
type Comment struct {
	ID        string `json:"id"`
	TaskID    string `json:"taskId"`
	AuthorID  string `json:"authorId"`
	Body      string `json:"body"`
	CreatedAt int64  `json:"createdAt"` // Unix milliseconds
}

// AddComment adds a comment to a task.
func (s *Service) AddComment(ctx context.Context, actor, taskID, body string) (Comment, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return Comment{}, apperr.Invalid("comment.body_required", "body", "write something first")
	}
	if len([]rune(body)) > maxCommentRunes {
		return Comment{}, apperr.Invalid("comment.too_long", "body", "the comment is too long").With("max", maxCommentRunes)
	}
	c := Comment{TaskID: taskID, AuthorID: actor, Body: body, CreatedAt: s.now().UnixMilli()}
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getTask(w.DB(), taskID); err != nil {
			return err
		}
		var err error
		c.ID, err = w.Insert(TableComments, map[string]any{"task_id": taskID, "author_id": actor, "body": body,
			"created_at": c.CreatedAt})
		return err
	})
	return c, err
}

// Comments returns a task's comments, oldest first.
func (s *Service) Comments(ctx context.Context, taskID string) ([]Comment, error) {
	var out []Comment
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT id, task_id, author_id, body, created_at FROM task_comments
		WHERE task_id = ? AND deleted_at IS NULL ORDER BY created_at, id`, taskID).Scan(&out).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	if out == nil {
		out = []Comment{}
	}
	return out, nil
}
