package calendar

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

// BatchPost is one post of a batch (a CSV import). An empty ID adds a new
// post; the ID of a live post updates it; an ID no post ever had (a post
// exported from another workspace) adds the post under that ID, so importing
// the same file twice updates instead of duplicating.
type BatchPost struct {
	ID    string
	Input PostInput
	// Status is "" or, for a new post, idea or draft; for an existing post
	// it must be the current status: status changes go through the
	// workflow, where approvals are checked.
	Status Status
}

// Batch actions.
const (
	BatchAdd       = "add"
	BatchUpdate    = "update"
	BatchUnchanged = "unchanged"
)

// BatchOutcome is what happened, or would happen, to one post of a batch.
type BatchOutcome struct {
	ID     string
	Action string
	// BackToReview is true when the update changes the text of an approved
	// or scheduled post, which sends it back to review.
	BackToReview bool
	// Err is the post's problem (an *apperr.Error), nil when it is fine.
	// When the post has several, Err joins them (errors.Join), so a preview
	// lists them all at once; Problems splits it again.
	Err error
}

// errFailed rolls a batch back when one of its posts has a problem.
var errFailed = errors.New("calendar: a post of the batch failed")

// BatchOptions tune ApplyBatch.
type BatchOptions struct {
	// DryRun checks every post and writes nothing.
	DryRun bool
	// Progress hears now and then how many posts are done.
	Progress func(done, total int)
}

// ApplyBatch checks every post with the same rules as AddPost and UpdatePost
// and writes them all in one write, or none: when any post has a problem,
// nothing is written and the outcomes say which and why. A dry run only
// checks, without taking the database's write lock, so a preview of a big
// file does not hold up sync or the window. The error is for the batch as a
// whole (a failing database), not for one post.
func (s *Service) ApplyBatch(ctx context.Context, actor string, posts []BatchPost, opt BatchOptions) ([]BatchOutcome, error) {
	out := make([]BatchOutcome, len(posts))
	report := func(i int) {
		if opt.Progress != nil && (i%100 == 0 || i == len(posts)) {
			opt.Progress(i, len(posts))
		}
	}
	if opt.DryRun {
		db := s.st.DB().WithContext(ctx)
		refs := &refs{}
		for i, p := range posts {
			o, err := s.batchOne(db, nil, refs, actor, p)
			if err != nil && apperr.Code(err) == apperr.CodeInternal {
				return nil, err
			}
			o.Err = err
			out[i] = o
			report(i + 1)
		}
		return out, nil
	}
	failed := false
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		refs := &refs{}
		for i, p := range posts {
			// Only a post with an id can be an update that changed nothing.
			var before int64
			if strings.TrimSpace(p.ID) != "" {
				var err error
				if before, err = lastChange(w); err != nil {
					return err
				}
			}
			o, err := s.batchOne(w.DB(), w, refs, actor, p)
			if err != nil {
				if apperr.Code(err) == apperr.CodeInternal {
					return err
				}
				o.Err, failed = err, true
			} else if o.Action == BatchUpdate {
				after, err := lastChange(w)
				if err != nil {
					return err
				}
				if after == before {
					o.Action = BatchUnchanged
				}
			}
			out[i] = o
			report(i + 1)
		}
		if failed {
			return errFailed
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFailed) {
		return nil, apperr.As(err)
	}
	return out, nil
}

// batchOne adds or updates one post of a batch through w, or with w nil
// only checks what it would do, reading through db.
func (s *Service) batchOne(db *gorm.DB, w *replica.Writer, refs *refs, actor string, p BatchPost) (BatchOutcome, error) {
	id := strings.TrimSpace(p.ID)
	add := func(id string) (BatchOutcome, error) {
		if err := newPostStatus(p.Status); err != nil {
			// The post's own rules are checked too, so every problem of
			// the row shows at once, not one per attempt.
			_, _, perr := s.checkPost(db, refs, p.Input)
			if apperr.Code(perr) == apperr.CodeInternal {
				return BatchOutcome{ID: id}, perr
			}
			return BatchOutcome{ID: id}, errors.Join(err, perr)
		}
		if w == nil {
			_, _, err := s.checkPost(db, refs, p.Input)
			return BatchOutcome{ID: id, Action: BatchAdd}, err
		}
		id, err := s.add(w, refs, actor, id, p.Status, p.Input)
		return BatchOutcome{ID: id, Action: BatchAdd}, err
	}
	if id == "" {
		return add("")
	}
	live, exists, err := rowStateIn(db, "posts", id)
	if err != nil {
		return BatchOutcome{}, apperr.Internal(err)
	}
	switch {
	case exists && !live:
		return BatchOutcome{ID: id}, apperr.Invalid("post.import_deleted", "id", "this post was deleted; clear the id to add it again").With("id", id)
	case !exists:
		// Only ids Postdeck makes: a typo must not become a post's id.
		if _, err := uuid.Parse(id); err != nil || !replica.ValidID(id) {
			return BatchOutcome{ID: id}, apperr.Invalid("post.import_id_invalid", "id", "not a post id; leave it empty for a new post").With("id", id)
		}
		return add(id)
	}
	cur, values, variants, back, err := s.checkUpdate(db, refs, id, p.Input)
	if apperr.Code(err) == apperr.CodeInternal {
		return BatchOutcome{ID: id}, err
	}
	if cur.ID != "" && p.Status != "" && p.Status != cur.Status {
		return BatchOutcome{ID: id}, errors.Join(apperr.Invalid("post.import_status_change", "status",
			"status changes go through the workflow in the app").With("status", string(cur.Status)), err)
	}
	if err != nil {
		return BatchOutcome{ID: id}, err
	}
	if w == nil {
		action := BatchUpdate
		if unchanged(cur, values, variants) {
			action = BatchUnchanged
		}
		return BatchOutcome{ID: id, Action: action, BackToReview: back}, nil
	}
	return BatchOutcome{ID: id, Action: BatchUpdate, BackToReview: back}, s.writeUpdate(w, actor, cur, values, variants, back)
}

// unchanged says whether the checked values are what the post holds.
func unchanged(cur Post, values map[string]any, variants map[string]string) bool {
	text := func(k string) string { v, _ := values[k].(string); return v }
	list := func(k string) []string { v, _ := values[k].([]string); return v }
	if cur.Title != text("title") || cur.Body != text("body") || cur.Date != text("date") || cur.Time != text("time") ||
		cur.OwnerID != text("owner_id") || cur.ApproverID != text("approver_id") || cur.CampaignID != text("campaign_id") ||
		cur.Rating != text("rating") || cur.RRule != text("rrule") {
		return false
	}
	if ex, ok := values["exdates"]; ok && !slices.Equal(cur.ExDates, ex.([]string)) {
		return false
	}
	return slices.Equal(cur.Channels, list("channels")) && slices.Equal(cur.Labels, list("labels")) && sameVariants(cur.Variants, variants)
}

// Problems lists each problem an outcome's Err holds (none for nil).
func Problems(err error) []*apperr.Error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*apperr.Error
		for _, e := range j.Unwrap() {
			out = append(out, Problems(e)...)
		}
		return out
	}
	return []*apperr.Error{apperr.As(err)}
}

// newPostStatus checks the status asked for a new post.
func newPostStatus(st Status) error {
	if st == "" || st == Idea || st == Draft {
		return nil
	}
	return apperr.Invalid("post.import_status_new", "status", "a new post starts as an idea or a draft").With("status", string(st))
}

// lastChange is the newest change's seq: a write that changed nothing
// leaves it where it was.
func lastChange(w *replica.Writer) (int64, error) {
	var seq int64
	err := w.DB().Raw("SELECT COALESCE(MAX(seq), 0) FROM changes").Scan(&seq).Error
	return seq, err
}

// RepeatFromRule reads a stored or exported RRULE into the editor's words,
// so an import repeats a post the way the editor would. Rules the editor
// cannot express (yearly, hourly, BYSETPOS…) are refused rather than
// changed silently. loc is the workspace zone (for UNTIL times).
func RepeatFromRule(rule string, loc *time.Location) (*Repeat, error) {
	rule = strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(rule)), "RRULE:")
	if rule == "" {
		return nil, nil
	}
	bad := apperr.Invalid("post.repeat_invalid", "rrule", "this repeat rule cannot be read").With("rule", rule)
	for _, part := range strings.Split(rule, ";") {
		key, value, ok := strings.Cut(part, "=")
		if !ok || value == "" {
			return nil, bad
		}
		switch key {
		case "FREQ":
			if value != "DAILY" && value != "WEEKLY" && value != "MONTHLY" {
				return nil, bad
			}
		case "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST":
		default:
			return nil, bad
		}
	}
	r := repeatOf(rule, loc)
	if r.Freq == "" {
		return nil, bad
	}
	if r.Weekdays == nil {
		r.Weekdays = []string{}
	}
	return r, nil
}

// refs remembers, for one batch, which channels exist and which members
// and campaigns are live: a batch writes only posts, so these stay as they
// are while it runs, and thousands of rows need not ask for them each. A
// nil *refs remembers nothing and asks every time.
type refs struct {
	channels map[string]bool // nil until loaded
	rows     map[[2]string]bool
}

// channelIDs returns the ids of the live channels.
func (r *refs) channelIDs(db *gorm.DB) (map[string]bool, error) {
	if r != nil && r.channels != nil {
		return r.channels, nil
	}
	chans, err := listChannels(db)
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(chans))
	for _, c := range chans {
		known[c.ID] = true
	}
	if r != nil {
		r.channels = known
	}
	return known, nil
}

// live says whether the row id of table (members or campaigns) exists and
// is not deleted.
func (r *refs) live(db *gorm.DB, table, id string) (bool, error) {
	key := [2]string{table, id}
	if r != nil {
		if ok, seen := r.rows[key]; seen {
			return ok, nil
		}
	}
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM "+table+" WHERE id = ? AND deleted_at IS NULL", id).Scan(&n).Error; err != nil {
		return false, err
	}
	if r != nil {
		if r.rows == nil {
			r.rows = map[[2]string]bool{}
		}
		r.rows[key] = n > 0
	}
	return n > 0, nil
}
