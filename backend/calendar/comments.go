package calendar

import (
	"context"
	"encoding/json"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/conv"
	"postdeck/backend/replica"
)

// Comment is feedback on a post. Bodies are shown as text, never as HTML.
type Comment struct {
	ID        string `json:"id"`
	PostID    string `json:"postId"`
	AuthorID  string `json:"authorId"`
	Body      string `json:"body"`
	CreatedAt string `json:"createdAt"`
}

// Event is one status change in a post's history.
type Event struct {
	From     Status `json:"from"`
	To       Status `json:"to"`
	MemberID string `json:"memberId"`
	Note     string `json:"note"`
	At       string `json:"at"`
	// Acknowledged are the style-guide warnings the member accepted with
	// this approval.
	Acknowledged []Acknowledged `json:"acknowledged"`
}

// AddComment adds feedback to a post.
func (s *Service) AddComment(ctx context.Context, actor, postID, body string) (Comment, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return Comment{}, apperr.Invalid("comment.body_required", "body", "write something first")
	}
	if len([]rune(body)) > maxTextRunes {
		return Comment{}, apperr.Invalid("comment.too_long", "body", "the comment is too long").With("max", maxTextRunes)
	}
	var c Comment
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := s.getPost(w.DB(), postID); err != nil {
			return err
		}
		id, err := w.Insert("comments", map[string]any{"post_id": postID, "author_id": actor, "body": body})
		c = Comment{ID: id, PostID: postID, AuthorID: actor, Body: body, CreatedAt: conv.ISOTime(s.now().UnixMilli())}
		return err
	})
	return c, err
}

// Comments returns a post's comments, oldest first.
func (s *Service) Comments(ctx context.Context, postID string) ([]Comment, error) {
	var rows []struct {
		ID, PostID, AuthorID, Body string
		CreatedAt                  int64
	}
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT id, post_id, author_id, body, created_at FROM comments
		WHERE post_id = ? AND deleted_at IS NULL ORDER BY created_at, id`, postID).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	out := make([]Comment, len(rows))
	for i, r := range rows {
		out[i] = Comment{ID: r.ID, PostID: r.PostID, AuthorID: r.AuthorID, Body: r.Body, CreatedAt: conv.ISOTime(r.CreatedAt)}
	}
	return out, nil
}

// History returns who moved a post between statuses, oldest first.
func (s *Service) History(ctx context.Context, postID string) ([]Event, error) {
	var rows []struct {
		FromStatus, ToStatus, MemberID, Note, Acknowledged string
		At                                                 int64
	}
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT from_status, to_status, member_id, note, acknowledged, at FROM post_events
		WHERE post_id = ? AND deleted_at IS NULL ORDER BY at, id`, postID).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = Event{From: Status(r.FromStatus), To: Status(r.ToStatus), MemberID: r.MemberID, Note: r.Note, At: conv.ISOTime(r.At),
			Acknowledged: []Acknowledged{}}
		// A value this version cannot read shows as no acknowledgement,
		// never as a broken history.
		_ = json.Unmarshal([]byte(r.Acknowledged), &out[i].Acknowledged)
		if out[i].Acknowledged == nil {
			out[i].Acknowledged = []Acknowledged{}
		}
	}
	return out, nil
}
