package calendar

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/conv"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
	"postdeck/backend/workspace"
)

// Content ratings a post can carry.
var Ratings = []string{"G", "PG", "PG-13"}

// Limits on post fields.
const (
	maxTitleRunes = 200
	maxTextRunes  = 100_000
	maxLabels     = 30
)

// Post is a planned or published post. Variants holds the text per channel
// where it differs from Body. JSON names are a public interface (docs/CLI.md).
type Post struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	Body       string            `json:"body"`
	Channels   []string          `json:"channels"`
	Variants   map[string]string `json:"variants"`
	Date       string            `json:"date"`
	Time       string            `json:"time"`
	AllDay     bool              `json:"allDay"`
	Status     Status            `json:"status"`
	OwnerID    string            `json:"ownerId"`
	ApproverID string            `json:"approverId"`
	CampaignID string            `json:"campaignId"`
	Labels     []string          `json:"labels"`
	Rating     string            `json:"rating"`
	ApprovedAt string            `json:"approvedAt"`
	ApprovedBy string            `json:"approvedBy"`
	// RRule is the series' recurrence rule (RFC 5545, '' when the post does
	// not repeat) and Repeat the same in the editor's words.
	RRule  string  `json:"rrule"`
	Repeat *Repeat `json:"repeat"`
	// ExDates are the skipped occurrences of a series (YYYY-MM-DD).
	ExDates []string `json:"exdates"`
	// SeriesID and Occurrence mark one occurrence of a series: the series'
	// id and the original date. In a date-range list the occurrences of a
	// series come as posts with ID == SeriesID until one is edited on its
	// own; then it is a post of its own with its own ID.
	SeriesID   string `json:"seriesId"`
	Occurrence string `json:"occurrence"`
	CreatedAt  string `json:"createdAt"`
	UpdatedAt  string `json:"updatedAt"`
	// Check is the worst style-guide finding in the post's texts ("error",
	// "warning" or "" for none), filled when the list asked for marks.
	Check string `json:"check,omitempty"`
}

// PostInput is what the user enters for a post.
type PostInput struct {
	Title      string            `json:"title"`
	Body       string            `json:"body"`
	Channels   []string          `json:"channels"`
	Variants   map[string]string `json:"variants"`
	Date       string            `json:"date"`
	Time       string            `json:"time"`
	OwnerID    string            `json:"ownerId"`
	ApproverID string            `json:"approverId"`
	CampaignID string            `json:"campaignId"`
	Labels     []string          `json:"labels"`
	Rating     string            `json:"rating"`
	// Repeat makes the post a series starting on Date (nil: no repeat).
	Repeat *Repeat `json:"repeat"`
	// ExDates are the skipped days of a series; nil keeps them as they are.
	ExDates []string `json:"exdates"`
}

type postRow struct {
	ID, Title, Body, Channels, Date, Time, Status, OwnerID, ApproverID, CampaignID, Labels, Rating string
	ApprovedAt                                                                                     int64
	ApprovedBy, Rrule, Exdates, SeriesID, Occurrence                                               string
	CreatedAt, UpdatedAt                                                                           int64
}

const postColumns = `id, title, body, channels, date, time, status, owner_id, approver_id, campaign_id, labels, rating,
	approved_at, approved_by, rrule, exdates, series_id, occurrence, created_at, updated_at`

func (r postRow) toPost(loc *time.Location) Post {
	return Post{ID: r.ID, Title: r.Title, Body: r.Body, Channels: conv.Strings(r.Channels), Variants: map[string]string{},
		Date: r.Date, Time: r.Time, AllDay: r.Date != "" && r.Time == "", Status: Status(r.Status), OwnerID: r.OwnerID,
		ApproverID: r.ApproverID, CampaignID: r.CampaignID, Labels: conv.Strings(r.Labels), Rating: r.Rating,
		ApprovedAt: conv.ISOTime(r.ApprovedAt), ApprovedBy: r.ApprovedBy, RRule: r.Rrule, Repeat: repeatOf(r.Rrule, loc),
		ExDates: conv.Strings(r.Exdates), SeriesID: r.SeriesID, Occurrence: r.Occurrence,
		CreatedAt: conv.ISOTime(r.CreatedAt), UpdatedAt: conv.ISOTime(r.UpdatedAt)}
}

// AddPost creates a post. Without a date it is an idea in the backlog.
func (s *Service) AddPost(ctx context.Context, actor string, in PostInput) (Post, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		var err error
		id, err = s.add(w, nil, actor, "", "", in)
		return err
	})
	if err != nil {
		return Post{}, err
	}
	return s.Post(ctx, id)
}

// add is AddPost inside a write. An id ("" for a new one) and a status
// ("" for idea without a date, draft with one) come from imports, and so
// does refs (nil outside a batch).
func (s *Service) add(w *replica.Writer, refs *refs, actor, id string, status Status, in PostInput) (string, error) {
	values, variants, err := s.checkPost(w.DB(), refs, in)
	if err != nil {
		return "", err
	}
	if actor != "" && values["owner_id"] == "" {
		values["owner_id"] = actor
	}
	if status == "" {
		status = Idea
		if in.Date != "" {
			status = Draft
		}
	}
	values["status"] = string(status)
	fresh := id == ""
	if fresh {
		if id, err = w.Insert("posts", values); err != nil {
			return "", err
		}
	} else if err := w.Put("posts", id, values); err != nil {
		return "", err
	}
	if err := writeVariants(w, id, in.Channels, variants, fresh); err != nil {
		return "", err
	}
	return id, s.recordMove(w, id, "", status, actor, "", nil)
}

// UpdateResult is a post after an edit.
type UpdateResult struct {
	Post Post `json:"post"`
	// BackToReview is true when the edit changed the text of an approved or
	// scheduled post, which sent it back to review.
	BackToReview bool `json:"backToReview"`
}

// UpdatePost replaces a post's fields; on a series, the whole series.
// Editing the text of an approved or scheduled post sends it back to review:
// the approval was for other words.
func (s *Service) UpdatePost(ctx context.Context, actor, id string, in PostInput) (UpdateResult, error) {
	return s.updateWith(ctx, actor, in, func(*replica.Writer) (string, error) { return id, nil })
}

// updateWith updates the post that target picks inside the same write.
func (s *Service) updateWith(ctx context.Context, actor string, in PostInput, target func(*replica.Writer) (string, error)) (UpdateResult, error) {
	var id string
	var back bool
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		var err error
		if id, err = target(w); err != nil {
			return err
		}
		back, err = s.update(w, actor, id, in)
		return err
	})
	if err != nil {
		return UpdateResult{}, err
	}
	p, err := s.Post(ctx, id)
	return UpdateResult{Post: p, BackToReview: back}, err
}

// update is UpdatePost inside a write; it says whether the post went back
// to review.
func (s *Service) update(w *replica.Writer, actor, id string, in PostInput) (bool, error) {
	cur, values, variants, back, err := s.checkUpdate(w.DB(), nil, id, in)
	if err != nil {
		return false, err
	}
	return back, s.writeUpdate(w, actor, cur, values, variants, back)
}

// writeUpdate writes an update checkUpdate checked.
func (s *Service) writeUpdate(w *replica.Writer, actor string, cur Post, values map[string]any, variants map[string]string, back bool) error {
	id := cur.ID
	if back {
		values["status"] = string(InReview)
		values["approved_at"] = 0
		values["approved_by"] = ""
	}
	if err := w.Update("posts", id, values); err != nil {
		return err
	}
	if err := writeVariants(w, id, values["channels"].([]string), variants, false); err != nil {
		return err
	}
	if back {
		return s.recordMove(w, id, cur.Status, InReview, actor, "text changed after approval", nil)
	}
	return nil
}

// checkUpdate checks an update of post id without writing: the post as it
// is, the new values and channel texts, and whether the update sends it
// back to review.
func (s *Service) checkUpdate(db *gorm.DB, refs *refs, id string, in PostInput) (Post, map[string]any, map[string]string, bool, error) {
	cur, err := s.getPost(db, id)
	if err != nil {
		return cur, nil, nil, false, err
	}
	if cur.SeriesID != "" && in.Repeat != nil {
		return cur, nil, nil, false, apperr.Invalid("post.repeat_on_occurrence", "repeat", "one post of a series cannot repeat on its own")
	}
	values, variants, err := s.checkPost(db, refs, in)
	if err != nil {
		return cur, nil, nil, false, err
	}
	textChanged := cur.Title != values["title"] || cur.Body != values["body"] ||
		!slices.Equal(cur.Channels, values["channels"].([]string)) || !sameVariants(cur.Variants, variants)
	return cur, values, variants, textChanged && (cur.Status == Approved || cur.Status == Scheduled), nil
}

// DeletePost removes a post (kept as a tombstone, so nothing is lost). A
// series goes with the occurrences edited on their own; an occurrence edited
// on its own leaves its day out of the series.
func (s *Service) DeletePost(ctx context.Context, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		p, err := s.getPost(w.DB(), id)
		if err != nil {
			return err
		}
		if p.RRule != "" {
			var detached []string
			if err := w.DB().Raw("SELECT id FROM posts WHERE series_id <> '' AND series_id = ? AND deleted_at IS NULL", id).Scan(&detached).Error; err != nil {
				return err
			}
			for _, d := range detached {
				if err := w.Delete("posts", d); err != nil {
					return err
				}
			}
		}
		if p.SeriesID != "" {
			if series, err := s.getPost(w.DB(), p.SeriesID); err == nil {
				if err := skipDay(w, series, p.Occurrence); err != nil {
					return err
				}
			}
		}
		return w.Delete("posts", id)
	})
}

func sameVariants(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// writeVariants stores the per-channel texts and removes the ones dropped.
// A fresh post (one just inserted under a new id) has none to look up.
func writeVariants(w *replica.Writer, postID string, channels []string, variants map[string]string, fresh bool) error {
	var existing []struct {
		ID, ChannelID string
	}
	if !fresh {
		if err := w.DB().Raw("SELECT id, channel_id FROM post_variants WHERE post_id = ? AND deleted_at IS NULL", postID).
			Scan(&existing).Error; err != nil {
			return err
		}
	}
	keys := make([]string, 0, len(variants))
	for k := range variants {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, ch := range keys {
		if err := w.Put("post_variants", variantID(postID, ch), map[string]any{"post_id": postID, "channel_id": ch, "text": variants[ch]}); err != nil {
			if apperr.Code(err) != apperr.CodeNotFound {
				return err
			}
			// The variant was removed before: bring it back with the new text.
			if err := w.Restore("post_variants", variantID(postID, ch)); err != nil {
				return err
			}
			if err := w.Update("post_variants", variantID(postID, ch), map[string]any{"text": variants[ch]}); err != nil {
				return err
			}
		}
	}
	for _, e := range existing {
		if _, keep := variants[e.ChannelID]; !keep {
			if err := w.Delete("post_variants", e.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkPost checks a post's input and returns the values to write and its
// channel texts. refs (nil outside a batch) remembers the channels,
// members and campaigns it has looked up.
func (s *Service) checkPost(db *gorm.DB, refs *refs, in PostInput) (map[string]any, map[string]string, error) {
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" {
		return nil, nil, apperr.Invalid("post.title_required", "title", "a post needs a title")
	}
	if len([]rune(in.Title)) > maxTitleRunes {
		return nil, nil, apperr.Invalid("post.title_too_long", "title", "the title is too long").With("max", maxTitleRunes)
	}
	if len([]rune(in.Body)) > maxTextRunes {
		return nil, nil, apperr.Invalid("post.text_too_long", "body", "the text is too long").With("max", maxTextRunes)
	}
	known, err := refs.channelIDs(db)
	if err != nil {
		return nil, nil, err
	}
	channels := []string{}
	for _, c := range in.Channels {
		if !known[c] {
			return nil, nil, apperr.Invalid("post.channel_unknown", "channels", "unknown channel").With("id", c)
		}
		if !slices.Contains(channels, c) {
			channels = append(channels, c)
		}
	}
	variants := map[string]string{}
	for c, text := range in.Variants {
		if !slices.Contains(channels, c) {
			return nil, nil, apperr.Invalid("post.variant_channel", "variants", "a channel text for a channel the post is not on").With("id", c)
		}
		if len([]rune(text)) > maxTextRunes {
			return nil, nil, apperr.Invalid("post.text_too_long", "variants", "the text is too long").With("max", maxTextRunes)
		}
		if text != in.Body {
			variants[c] = text
		}
	}
	if in.Date != "" && !dates.Valid(in.Date) {
		return nil, nil, apperr.Invalid("post.date_invalid", "date", "dates look like 2026-12-31").With("date", in.Date)
	}
	if in.Date != "" && !inRange(in.Date) {
		return nil, nil, errOutOfRange("date", in.Date)
	}
	if in.Time != "" && (!timeRe.MatchString(in.Time) || in.Date == "") {
		return nil, nil, apperr.Invalid("post.time_invalid", "time", "times look like 09:30, on a post with a date").With("time", in.Time)
	}
	if in.Time != "" {
		// A time the clocks skip (02:30 on the night they go forward) is
		// saved as the time it comes to (03:30), so the calendar, the
		// command line and every calendar file show the same instant.
		in.Date, in.Time = WallClock(in.Date, in.Time, workspace.ZoneIn(db))
	}
	if in.Rating == "" {
		in.Rating = "G"
	}
	if !slices.Contains(Ratings, in.Rating) {
		return nil, nil, apperr.Invalid("post.rating_invalid", "rating", "rating is G, PG or PG-13").With("rating", in.Rating)
	}
	labels := []string{}
	for _, l := range in.Labels {
		l = strings.TrimSpace(l)
		if l != "" && !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	if len(labels) > maxLabels {
		return nil, nil, apperr.Invalid("post.labels_too_many", "labels", "too many labels").With("max", maxLabels)
	}
	for _, m := range []struct{ id, field string }{{in.OwnerID, "ownerId"}, {in.ApproverID, "approverId"}} {
		if m.id == "" {
			continue
		}
		ok, err := refs.live(db, "members", m.id)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, apperr.Invalid("post.member_unknown", m.field, "not on the team").With("id", m.id)
		}
	}
	if in.CampaignID != "" {
		ok, err := refs.live(db, "campaigns", in.CampaignID)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, apperr.Invalid("post.campaign_unknown", "campaignId", "no such campaign").With("id", in.CampaignID)
		}
	}
	values := map[string]any{"title": in.Title, "body": in.Body, "channels": channels, "date": in.Date, "time": in.Time,
		"owner_id": in.OwnerID, "approver_id": in.ApproverID, "campaign_id": in.CampaignID, "labels": labels,
		"rating": in.Rating, "rrule": ""}
	if in.Repeat != nil {
		rule, err := ruleFor(*in.Repeat, in.Date, in.Time, workspace.ZoneIn(db))
		if err != nil {
			return nil, nil, err
		}
		values["rrule"] = rule
		values["date"] = FirstOccurrence(rule, in.Date, in.Time, workspace.ZoneIn(db))
	}
	if in.ExDates != nil {
		if len(in.ExDates) > maxCount {
			return nil, nil, apperr.Invalid("post.repeat_count", "exdates", "a series has 1 to 1000 posts").With("max", maxCount)
		}
		days := []string{}
		for _, d := range in.ExDates {
			if !dates.Valid(d) {
				return nil, nil, apperr.Invalid("post.date_invalid", "exdates", "dates look like 2026-12-31").With("date", d)
			}
			if !slices.Contains(days, d) {
				days = append(days, d)
			}
		}
		sort.Strings(days)
		values["exdates"] = days
	}
	return values, variants, nil
}
