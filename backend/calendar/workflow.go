package calendar

import (
	"context"
	"slices"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
	"postdeck/backend/team"
)

// Status is where a post is in the approval workflow.
type Status string

// The workflow's statuses, in order.
const (
	Idea             Status = "idea"
	Draft            Status = "draft"
	InReview         Status = "in_review"
	ChangesRequested Status = "changes_requested"
	Approved         Status = "approved"
	Scheduled        Status = "scheduled"
	Published        Status = "published"
	Archived         Status = "archived"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{Idea, Draft, InReview, ChangesRequested, Approved, Scheduled, Published, Archived}

// moves lists where a post may go from each status.
var moves = map[Status][]Status{
	Idea:             {Draft, Archived},
	Draft:            {Idea, InReview, Archived},
	InReview:         {Draft, ChangesRequested, Approved, Archived},
	ChangesRequested: {Draft, InReview, Archived},
	Approved:         {Draft, InReview, Scheduled, Archived},
	Scheduled:        {Approved, Published, Archived},
	Published:        {Archived},
	Archived:         {Draft},
}

// Moves returns the statuses a post in from may move to.
func Moves(from Status) []Status { return append([]Status(nil), moves[from]...) }

// MoveResult is a post after a move.
type MoveResult struct {
	Post Post `json:"post"`
}

// MoveOptions are the choices a person makes along with a move.
type MoveOptions struct {
	// AckWarnings approves a post whose texts have style-guide warnings;
	// the warnings go into its history with the approval.
	AckWarnings bool `json:"ackWarnings"`
}

// MovePost moves a post to another status as actor, acknowledging no
// warnings (MoveWith).
func (s *Service) MovePost(ctx context.Context, actor, id string, to Status, note string) (Post, error) {
	return s.MoveWith(ctx, actor, id, to, note, MoveOptions{})
}

// MoveWith moves a post to another status as actor. The backend enforces
// the workflow: only allowed moves, only members whose roles approve posts
// approve or request changes, a request for changes carries a comment,
// nothing is submitted or approved with a text over one of its networks'
// limits (or dated but on no channel), nothing is approved while a text has
// an error from the style guide, or warnings the approver did not
// acknowledge (opt), and nothing is scheduled without an approval of its
// current text on record.
func (s *Service) MoveWith(ctx context.Context, actor, id string, to Status, note string, opt MoveOptions) (Post, error) {
	note = strings.TrimSpace(note)
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if actor == "" {
			return apperr.New("calendar.identity_required", "say who you are on this device first (Settings)")
		}
		if _, err := s.team.Member(ctx, actor); err != nil {
			return err
		}
		p, err := s.getPost(w.DB(), id)
		if err != nil {
			return err
		}
		from := p.Status
		if !slices.Contains(Statuses, to) {
			return apperr.Invalid("post.status_unknown", "status", "unknown status").With("status", string(to))
		}
		if !slices.Contains(moves[from], to) {
			return apperr.New("post.move_refused", "this move is not allowed").With("from", string(from)).With("to", string(to))
		}
		values := map[string]any{"status": string(to)}
		switch to {
		case Approved, ChangesRequested:
			ok, err := s.team.Can(ctx, actor, team.ApprovePosts)
			if err != nil {
				return err
			}
			if !ok {
				return apperr.New("post.approve_denied", "your roles do not allow approving posts")
			}
			if to == Approved {
				values["approved_at"] = s.now().UnixMilli()
				values["approved_by"] = actor
			} else if note == "" {
				return apperr.Invalid("post.comment_required", "note", "say what should change")
			}
		case Scheduled:
			if p.ApprovedAt == "" {
				return apperr.New("post.not_approved", "a post is scheduled only after its text was approved")
			}
			if p.Date == "" {
				return apperr.New("post.schedule_needs_date", "pick a date before scheduling")
			}
		}
		if to == InReview || to == Approved {
			if err := checkReadyForReview(w.DB(), p); err != nil {
				return err
			}
		}
		var acked []Acknowledged
		if to == Approved {
			if acked, err = s.gate(ctx, w.DB(), p, opt.AckWarnings); err != nil {
				return err
			}
		}
		if to == Draft || to == InReview || to == Idea {
			values["approved_at"] = 0
			values["approved_by"] = ""
		}
		if err := w.Update("posts", id, values); err != nil {
			return err
		}
		if note != "" {
			if _, err := w.Insert("comments", map[string]any{"post_id": id, "author_id": actor, "body": note}); err != nil {
				return err
			}
		}
		return s.recordMove(w, id, from, to, actor, note, acked)
	})
	if err != nil {
		return Post{}, err
	}
	return s.Post(ctx, id)
}

// recordMove adds a move to the post's history, with the warnings the
// approver acknowledged (none for other moves).
func (s *Service) recordMove(w *replica.Writer, id string, from, to Status, actor, note string, acked []Acknowledged) error {
	values := map[string]any{"post_id": id, "from_status": string(from),
		"to_status": string(to), "member_id": actor, "note": note, "at": s.now().UnixMilli()}
	if len(acked) > 0 {
		values["acknowledged"] = acked
	}
	_, err := w.Insert("post_events", values)
	return err
}

// AwaitingApproval lists the posts in review that member may approve: none
// when member's roles do not approve posts; otherwise those whose approver
// is member or not named yet (a post with another approver named waits for
// that person). A series is listed once, as the post holding its rule.
func (s *Service) AwaitingApproval(ctx context.Context, member string) ([]Post, error) {
	if member == "" {
		return []Post{}, nil
	}
	ok, err := s.team.Can(ctx, member, team.ApprovePosts)
	if err != nil || !ok {
		return []Post{}, err
	}
	posts, err := s.Posts(ctx, Filter{Status: InReview, Marks: true})
	if err != nil {
		return nil, err
	}
	out := make([]Post, 0, len(posts))
	for _, p := range posts {
		if p.ApproverID == "" || p.ApproverID == member {
			out = append(out, p)
		}
	}
	return out, nil
}
