package feeds

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"postdeck/backend/apperr"
)

// post is what a calendar file needs of a post. Feeds read the calendar's
// tables themselves, with plain row scans, because a feed of 10,000 posts
// is rebuilt after every change and the general post list (gorm's
// reflection, one query per 500 posts for channel texts) took most of that
// time; nothing is written here.
type post struct {
	ID, Title, Body, Date, Time, Status, OwnerID, CampaignID, RRule, SeriesID, Occurrence string
	Channels, Labels, ExDates                                                             []string
	Variants                                                                              map[string]string
	UpdatedAt                                                                             int64
}

// datedPosts returns the live posts that have a date, series as one post.
func (s *Service) datedPosts(ctx context.Context) ([]post, error) {
	db := s.st.DB().WithContext(ctx)
	rows, err := db.Raw(`SELECT id, title, body, date, time, status, owner_id, campaign_id, rrule, series_id, occurrence,
		channels, labels, exdates, updated_at FROM posts WHERE deleted_at IS NULL AND date <> '' ORDER BY date, time, id`).Rows()
	if err != nil {
		return nil, apperr.Internal(err)
	}
	defer rows.Close()
	var out []post
	byID := map[string]int{}
	for rows.Next() {
		var p post
		var channels, labels, exdates string
		if err := rows.Scan(&p.ID, &p.Title, &p.Body, &p.Date, &p.Time, &p.Status, &p.OwnerID, &p.CampaignID, &p.RRule,
			&p.SeriesID, &p.Occurrence, &channels, &labels, &exdates, &p.UpdatedAt); err != nil {
			return nil, apperr.Internal(err)
		}
		p.Channels, p.Labels, p.ExDates = list(channels), list(labels), list(exdates)
		byID[p.ID] = len(out)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, apperr.Internal(err)
	}
	vrows, err := db.Raw("SELECT post_id, channel_id, text FROM post_variants WHERE deleted_at IS NULL").Rows()
	if err != nil {
		return nil, apperr.Internal(err)
	}
	defer vrows.Close()
	for vrows.Next() {
		var postID, channelID, text string
		if err := vrows.Scan(&postID, &channelID, &text); err != nil {
			return nil, apperr.Internal(err)
		}
		if i, ok := byID[postID]; ok {
			if out[i].Variants == nil {
				out[i].Variants = map[string]string{}
			}
			out[i].Variants[channelID] = text
		}
	}
	return out, vrows.Err()
}

// list reads a stored JSON list of strings ("[]" most of the time, ids
// otherwise: those are split by hand, which is most of the time saved).
func list(s string) []string {
	if s == "" || s == "[]" {
		return nil
	}
	if len(s) > 4 && s[0] == '[' && s[1] == '"' && s[len(s)-2] == '"' && s[len(s)-1] == ']' && !strings.ContainsAny(s, "\\\n") {
		parts := strings.Split(s[2:len(s)-2], `","`)
		if !slices.ContainsFunc(parts, func(p string) bool { return strings.Contains(p, `"`) }) {
			return parts
		}
	}
	var out []string
	if json.Unmarshal([]byte(s), &out) != nil {
		return nil
	}
	return out
}
