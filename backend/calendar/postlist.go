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
	"postdeck/backend/workspace"
)

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
