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

// Filter narrows a post list. Empty fields do not filter.
type Filter struct {
	From       string `json:"from"` // YYYY-MM-DD, inclusive
	To         string `json:"to"`   // YYYY-MM-DD, inclusive
	Unplanned  bool   `json:"unplanned"`
	ChannelID  string `json:"channelId"`
	CampaignID string `json:"campaignId"`
	OwnerID    string `json:"ownerId"`
	Status     Status `json:"status"`
	Label      string `json:"label"`
	// Network keeps posts on at least one channel of this network.
	Network string `json:"network"`
	// Marks fills each post's Check from the style guide, all in one pass
	// (the calendar's cards and the list show it as a small marker).
	Marks bool `json:"marks"`
}

// Posts returns the live posts matching f, by date and time (ideas last).
// With both From and To, a series shows as its occurrences in the range;
// otherwise as the one post that holds its rule.
func (s *Service) Posts(ctx context.Context, f Filter) ([]Post, error) {
	db := s.st.DB().WithContext(ctx)
	for _, d := range []struct{ field, date string }{{"from", f.From}, {"to", f.To}} {
		if d.date != "" && !dates.Valid(d.date) {
			return nil, apperr.Invalid("post.date_invalid", d.field, "dates look like 2026-12-31").With("date", d.date)
		}
	}
	where, args := f.conditions()
	expand := f.From != "" && f.To != ""
	q := "SELECT " + postColumns + " FROM posts WHERE deleted_at IS NULL" + where
	if f.Unplanned {
		q += " AND date = ''"
	}
	if f.From != "" {
		q += " AND date >= ?"
		args = append(args, f.From)
	}
	if f.To != "" {
		q += " AND date <> '' AND date <= ?"
		args = append(args, f.To)
	}
	if expand {
		q += " AND rrule = ''"
	}
	q += " ORDER BY date = '', date, time, title COLLATE NOCASE, id"
	var rows []postRow
	if err := db.Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	loc := workspace.ZoneIn(db)
	out := make([]Post, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.toPost(loc))
	}
	if expand {
		occ, err := s.occurrences(db, f, loc)
		if err != nil {
			return nil, err
		}
		if len(occ) > 0 {
			out = append(out, occ...)
			sortPosts(out)
		}
	}
	if err := loadVariantsOf(db, out); err != nil {
		return nil, apperr.Internal(err)
	}
	if f.Marks {
		if err := s.marks(ctx, db, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// conditions are the filter's SQL conditions other than dates.
func (f Filter) conditions() (string, []any) {
	var q string
	var args []any
	for _, c := range []struct{ col, v string }{{"campaign_id", f.CampaignID}, {"owner_id", f.OwnerID}, {"status", string(f.Status)}} {
		if c.v != "" {
			q += " AND " + c.col + " = ?"
			args = append(args, c.v)
		}
	}
	if f.ChannelID != "" {
		q += " AND EXISTS (SELECT 1 FROM json_each(posts.channels) WHERE value = ?)"
		args = append(args, f.ChannelID)
	}
	if f.Label != "" {
		q += " AND EXISTS (SELECT 1 FROM json_each(posts.labels) WHERE value = ?)"
		args = append(args, f.Label)
	}
	if f.Network != "" {
		q += ` AND EXISTS (SELECT 1 FROM json_each(posts.channels) j JOIN channels c ON c.id = j.value
			WHERE c.network = ? AND c.deleted_at IS NULL)`
		args = append(args, f.Network)
	}
	return q, args
}

// Labels lists the labels in use on live posts, for the calendar's filter.
func (s *Service) Labels(ctx context.Context) ([]string, error) {
	out := []string{}
	err := s.st.DB().WithContext(ctx).Raw(`SELECT DISTINCT j.value FROM posts, json_each(posts.labels) j
		WHERE posts.deleted_at IS NULL AND posts.labels <> '[]' ORDER BY j.value COLLATE NOCASE`).Scan(&out).Error
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return out, nil
}

// occurrences expands the series that match f into their occurrences from
// f.From to f.To, leaving out skipped days and the ones edited on their own
// (those are posts of their own, listed by their own date).
func (s *Service) occurrences(db *gorm.DB, f Filter, loc *time.Location) ([]Post, error) {
	where, args := f.conditions()
	var series []postRow
	if err := db.Raw("SELECT "+postColumns+" FROM posts WHERE deleted_at IS NULL AND rrule <> '' AND date <> '' AND date <= ?"+where,
		append([]any{f.To}, args...)...).Scan(&series).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	ids := make([]string, len(series))
	for i, r := range series {
		ids[i] = r.ID
	}
	detached, err := detachedDays(db, ids)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	var out []Post
	for _, r := range series {
		skip := append(conv.Strings(r.Exdates), detached[r.ID]...)
		days, err := Occurrences(r.Rrule, r.Date, r.Time, skip, loc, f.From, f.To)
		if err != nil {
			continue // a rule this version cannot read hides its series, not the calendar
		}
		base := r.toPost(loc)
		for _, day := range days {
			p := base
			p.Date, p.SeriesID, p.Occurrence = day, r.ID, day
			p.Variants = map[string]string{} // each occurrence its own map
			out = append(out, p)
		}
	}
	return out, nil
}

// detachedDays are, per series, the original dates of its occurrences that
// were edited on their own. ("series_id <> ”" lets SQLite use the partial
// index of detached occurrences instead of reading every post.)
func detachedDays(db *gorm.DB, seriesIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	for start := 0; start < len(seriesIDs); start += 500 {
		var rows []struct{ SeriesID, Occurrence string }
		if err := db.Raw("SELECT series_id, occurrence FROM posts WHERE series_id <> '' AND series_id IN ? AND deleted_at IS NULL",
			seriesIDs[start:min(start+500, len(seriesIDs))]).Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.SeriesID] = append(out[r.SeriesID], r.Occurrence)
		}
	}
	return out, nil
}

// sortPosts orders posts as Posts does: by date and time, ideas last.
func sortPosts(ps []Post) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if (a.Date == "") != (b.Date == "") {
			return b.Date == ""
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Time != b.Time {
			return a.Time < b.Time
		}
		if ta, tb := strings.ToLower(a.Title), strings.ToLower(b.Title); ta != tb {
			return ta < tb
		}
		return a.ID < b.ID
	})
}

// loadVariantsOf fills the channel texts of ps (occurrences share their
// series' texts).
func loadVariantsOf(db *gorm.DB, ps []Post) error {
	byID := map[string][]*Post{}
	ids := []string{}
	for i := range ps {
		if _, seen := byID[ps[i].ID]; !seen {
			ids = append(ids, ps[i].ID)
		}
		byID[ps[i].ID] = append(byID[ps[i].ID], &ps[i])
	}
	return loadVariants(db, byID, ids)
}

func loadVariants(db *gorm.DB, byID map[string][]*Post, ids []string) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		var vs []struct{ PostID, ChannelID, Text string }
		if err := db.Raw("SELECT post_id, channel_id, text FROM post_variants WHERE deleted_at IS NULL AND post_id IN ?", chunk).
			Scan(&vs).Error; err != nil {
			return err
		}
		for _, v := range vs {
			for _, p := range byID[v.PostID] {
				if slices.Contains(p.Channels, v.ChannelID) {
					p.Variants[v.ChannelID] = v.Text
				}
			}
		}
	}
	return nil
}

// Post returns one live post with its channel texts.
func (s *Service) Post(ctx context.Context, id string) (Post, error) {
	return s.getPost(s.st.DB().WithContext(ctx), id)
}

func (s *Service) getPost(db *gorm.DB, id string) (Post, error) {
	var rows []postRow
	if err := db.Raw("SELECT "+postColumns+" FROM posts WHERE id = ? AND deleted_at IS NULL", id).Scan(&rows).Error; err != nil {
		return Post{}, apperr.Internal(err)
	}
	if len(rows) == 0 {
		return Post{}, apperr.New("post.not_found", "no such post").With("id", id)
	}
	p := rows[0].toPost(workspace.ZoneIn(db))
	if err := loadVariants(db, map[string][]*Post{p.ID: {&p}}, []string{p.ID}); err != nil {
		return Post{}, apperr.Internal(err)
	}
	return p, nil
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
