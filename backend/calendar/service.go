// Package calendar is the content calendar: the brand's channels, campaigns
// and promotions over the year, and posts with a text per channel moving
// through the approval workflow.
package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
	"postdeck/backend/store"
	"postdeck/backend/team"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: "channels", Fields: map[string]replica.Kind{
		"network": replica.Text, "handle": replica.Text, "color": replica.Text, "owner_id": replica.Text, "cadence": replica.Float,
	}},
	{Table: "campaigns", Fields: map[string]replica.Kind{
		"name": replica.Text, "kind": replica.Text, "goal": replica.Text, "description": replica.Text,
		"starts_on": replica.Text, "ends_on": replica.Text, "color": replica.Text, "plan_id": replica.Text,
	}},
	{Table: "posts", Fields: map[string]replica.Kind{
		"title": replica.Text, "body": replica.Text, "channels": replica.JSON, "date": replica.Text, "time": replica.Text,
		"status": replica.Text, "owner_id": replica.Text, "approver_id": replica.Text, "campaign_id": replica.Text,
		"labels": replica.JSON, "rating": replica.Text, "approved_at": replica.Int, "approved_by": replica.Text,
		"rrule": replica.Text, "exdates": replica.JSON, "series_id": replica.Text, "occurrence": replica.Text,
	}},
	{Table: "post_variants", Fields: map[string]replica.Kind{
		"post_id": replica.Text, "channel_id": replica.Text, "text": replica.Text,
	}},
	{Table: "post_events", Fields: map[string]replica.Kind{
		"post_id": replica.Text, "from_status": replica.Text, "to_status": replica.Text, "member_id": replica.Text,
		"note": replica.Text, "at": replica.Int, "acknowledged": replica.JSON,
	}},
	{Table: "post_attachments", Fields: map[string]replica.Kind{
		"post_id": replica.Text, "name": replica.Text, "sha256": replica.Text, "size": replica.Int, "mime": replica.Text,
	}},
	{Table: "comments", Fields: map[string]replica.Kind{
		"post_id": replica.Text, "author_id": replica.Text, "body": replica.Text,
	}},
}

// Service reads and changes the calendar.
type Service struct {
	st    *store.Store
	rep   *replica.Replica
	team  *team.Service
	blobs BlobStore
	now   func() time.Time
	// checker checks texts against the style guide (nil: no guide to check).
	checker Checker
}

// NewService returns the calendar service.
func NewService(st *store.Store, rep *replica.Replica, tm *team.Service) *Service {
	return &Service{st: st, rep: rep, team: tm, now: time.Now}
}

var (
	timeRe  = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	colorRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// The days a post, a series' end or a campaign may fall on: those of
// package dates, as for everything else.
const (
	MinDate = dates.Min
	MaxDate = dates.Max
)

// inRange says whether a valid YYYY-MM-DD day lies from MinDate to MaxDate.
func inRange(day string) bool { return dates.InRange(day) }

// errOutOfRange is the error for a day outside MinDate..MaxDate.
func errOutOfRange(field, day string) error {
	return apperr.Invalid("post.date_out_of_range", field, day+" is outside the dates Postdeck plans for: 1900-01-01 to 2199-12-31").
		With("date", day).With("min", MinDate).With("max", MaxDate)
}

// WallClock returns the day and time (HH:MM) a post at date and clock in
// loc really has: the same, unless the clocks skip that time on that day,
// when it is the time the skipped one comes to (02:30 on the night Berlin
// moves to summer time is 03:30).
func WallClock(date, clock string, loc *time.Location) (string, string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, loc)
	if err != nil {
		return date, clock
	}
	return t.Format("2006-01-02"), t.Format("15:04")
}

// variantID is the same on every device for one post and channel.
func variantID(postID, channelID string) string {
	sum := sha256.Sum256([]byte(postID + "\x00" + channelID))
	return hex.EncodeToString(sum[:16])
}
