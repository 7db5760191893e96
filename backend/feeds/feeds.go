// Package feeds turns the content calendar into .ics calendar files for
// people without Postdeck (freelancers, clients, stakeholders): one-off
// exports, and named feeds that are kept published in the shared folder's
// feeds/ directory and in a folder of the user's choice, rewritten after
// every change so a subscriber always sees the current plan.
package feeds

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/ics"
	"postdeck/backend/internal/conv"
	"postdeck/backend/internal/dates"
	"postdeck/backend/networks"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/store"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: "feeds", Fields: map[string]replica.Kind{
		"name": replica.Text, "file_name": replica.Text, "member_id": replica.Text, "channel_id": replica.Text,
		"network": replica.Text, "campaign_id": replica.Text, "statuses": replica.JSON, "from_date": replica.Text,
		"to_date": replica.Text, "private": replica.Bool, "campaigns": replica.Bool, "language": replica.Text,
	}},
}

// Languages of the words a file adds to the team's own text.
var Languages = []string{"en", "id"}

const maxNameRunes = 80

// Selection says what a calendar file holds. Empty fields do not filter.
type Selection struct {
	// Name is the calendar's name in the subscriber's app.
	Name string `json:"name"`
	// MemberID keeps the posts this member owns (a freelancer's own feed).
	MemberID   string `json:"memberId"`
	ChannelID  string `json:"channelId"`
	Network    string `json:"network"`
	CampaignID string `json:"campaignId"`
	// Statuses keeps posts in these states; empty means every state but
	// archived (planned and scheduled posts included, not only published).
	Statuses []string `json:"statuses"`
	From     string   `json:"from"` // YYYY-MM-DD, inclusive
	To       string   `json:"to"`
	// Private leaves out texts, statuses and labels: for client-facing feeds.
	Private bool `json:"private"`
	// Campaigns adds campaigns and promotions as multi-day events.
	Campaigns bool `json:"campaigns"`
	// Language of the words Postdeck adds ("Status: Approved"): en or id.
	Language string `json:"language"`
}

// Feed is a named selection that Postdeck keeps published.
type Feed struct {
	ID string `json:"id"`
	// FileName is the file's name in the feeds folders (name.ics).
	FileName   string   `json:"fileName"`
	Name       string   `json:"name"`
	MemberID   string   `json:"memberId"`
	ChannelID  string   `json:"channelId"`
	Network    string   `json:"network"`
	CampaignID string   `json:"campaignId"`
	Statuses   []string `json:"statuses"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Private    bool     `json:"private"`
	Campaigns  bool     `json:"campaigns"`
	Language   string   `json:"language"`
	CreatedAt  string   `json:"createdAt"`
	UpdatedAt  string   `json:"updatedAt"`
}

// Selection returns what the feed holds.
func (f Feed) Selection() Selection {
	return Selection{Name: f.Name, MemberID: f.MemberID, ChannelID: f.ChannelID, Network: f.Network,
		CampaignID: f.CampaignID, Statuses: f.Statuses, From: f.From, To: f.To, Private: f.Private,
		Campaigns: f.Campaigns, Language: f.Language}
}

// Service reads and changes feeds and writes calendar files.
type Service struct {
	st      *store.Store
	rep     *replica.Replica
	cal     *calendar.Service
	sources []Source
}

// MemberQuery is what a member's feed asks a Source for.
type MemberQuery struct {
	MemberID string
	// From and To (YYYY-MM-DD, inclusive, "" = open) bound the feed.
	From, To string
	// Private leaves out texts: only titles and times.
	Private  bool
	Language string
	// Zone is the workspace zone, in which every Moment is.
	Zone *time.Location
}

// Source adds a member's own events to a feed filtered by that member:
// the meetings they attend, the tasks they must finish. Events must be
// stamped from synced data (see Stamp) so the feed keeps the same bytes for
// the same data on every device.
type Source interface {
	MemberEvents(ctx context.Context, q MemberQuery) ([]ics.Event, error)
}

// AddSource adds what member feeds also hold besides the member's posts.
func (s *Service) AddSource(src Source) { s.sources = append(s.sources, src) }

// NewService returns the feeds service.
func NewService(st *store.Store, rep *replica.Replica, cal *calendar.Service) *Service {
	return &Service{st: st, rep: rep, cal: cal}
}

type feedRow struct {
	ID, Name, FileName, MemberID, ChannelID, Network, CampaignID, Statuses, FromDate, ToDate string
	Private, Campaigns                                                                       bool
	Language                                                                                 string
	CreatedAt, UpdatedAt                                                                     int64
	DeletedAt                                                                                *int64
}

const feedColumns = `id, name, file_name, member_id, channel_id, network, campaign_id, statuses, from_date, to_date,
	private, campaigns, language, created_at, updated_at, deleted_at`

func (r feedRow) feed() Feed {
	return Feed{ID: r.ID, FileName: r.FileName + ".ics", Name: r.Name, MemberID: r.MemberID, ChannelID: r.ChannelID,
		Network: r.Network, CampaignID: r.CampaignID, Statuses: conv.Strings(r.Statuses), From: r.FromDate, To: r.ToDate,
		Private: r.Private, Campaigns: r.Campaigns, Language: r.Language, CreatedAt: conv.ISOTime(r.CreatedAt),
		UpdatedAt: conv.ISOTime(r.UpdatedAt)}
}

func allFeeds(db *gorm.DB) ([]feedRow, error) {
	var rows []feedRow
	err := db.Raw("SELECT " + feedColumns + " FROM feeds ORDER BY created_at, id").Scan(&rows).Error
	return rows, err
}

// Feeds returns the live feeds by name, each with the file name it is
// published under.
func (s *Service) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := allFeeds(s.st.DB().WithContext(ctx))
	if err != nil {
		return nil, apperr.Internal(err)
	}
	out := liveFeeds(rows)
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// liveFeeds returns the live feeds in creation order with unique file
// names: two teammates who named a feed alike at the same time each keep a
// file of their own (the later one gets a part of its id in the name).
func liveFeeds(rows []feedRow) []Feed {
	var out []Feed
	taken := map[string]bool{}
	for _, r := range rows {
		if r.DeletedAt != nil {
			continue
		}
		f := r.feed()
		if taken[f.FileName] {
			f.FileName = r.FileName + "-" + r.ID[:min(8, len(r.ID))] + ".ics"
		}
		taken[f.FileName] = true
		out = append(out, f)
	}
	return out
}

// Feed returns one live feed, found by id, name or file name.
func (s *Service) Feed(ctx context.Context, key string) (Feed, error) {
	all, err := s.Feeds(ctx)
	if err != nil {
		return Feed{}, err
	}
	for _, f := range all {
		if f.ID == key {
			return f, nil
		}
	}
	for _, f := range all {
		if strings.EqualFold(f.Name, key) || f.FileName == key || strings.TrimSuffix(f.FileName, ".ics") == key {
			return f, nil
		}
	}
	return Feed{}, apperr.New("feed.not_found", "no such feed").With("id", key)
}

// AddFeed creates a feed; it is published with the next change.
func (s *Service) AddFeed(ctx context.Context, in Selection) (Feed, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		values, err := s.check(w.DB(), in, "")
		if err != nil {
			return err
		}
		id, err = w.Insert("feeds", values)
		return err
	})
	if err != nil {
		return Feed{}, err
	}
	return s.Feed(ctx, id)
}

// UpdateFeed changes what a feed holds. Its file keeps its name.
func (s *Service) UpdateFeed(ctx context.Context, id string, in Selection) (Feed, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		values, err := s.check(w.DB(), in, id)
		if err != nil {
			return err
		}
		delete(values, "file_name")
		return w.Update("feeds", id, values)
	})
	if err != nil {
		if apperr.Code(err) == apperr.CodeNotFound {
			return Feed{}, apperr.New("feed.not_found", "no such feed").With("id", id)
		}
		return Feed{}, err
	}
	return s.Feed(ctx, id)
}

// DeleteFeed removes a feed; its published files are removed with the next
// publish (the row stays as a tombstone, as every delete).
func (s *Service) DeleteFeed(ctx context.Context, id string) error {
	err := s.rep.Write(ctx, func(w *replica.Writer) error { return w.Delete("feeds", id) })
	if apperr.Code(err) == apperr.CodeNotFound {
		return apperr.New("feed.not_found", "no such feed").With("id", id)
	}
	return err
}

var fileNameRe = regexp.MustCompile(`[^a-z0-9]+`)

// fileNameFor makes a safe, readable file name out of a feed's name.
func fileNameFor(name string) string {
	base := strings.Trim(fileNameRe.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(base) > 60 {
		base = strings.Trim(base[:60], "-")
	}
	if base == "" {
		base = "feed"
	}
	// A feed called "Con" or "Aux" would be a device name Windows refuses
	// as a file name, whatever the extension.
	if sharedfolder.PortableName(base+".ics") != nil {
		base = "feed-" + base
	}
	return base
}

// check validates a selection for the feed id ("" for a new one) and
// returns the row values.
func (s *Service) check(db *gorm.DB, in Selection, id string) (map[string]any, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return nil, apperr.Invalid("feed.name_required", "name", "a feed needs a name")
	}
	if len([]rune(in.Name)) > maxNameRunes {
		return nil, apperr.Invalid("feed.name_too_long", "name", "the name is too long").With("max", maxNameRunes)
	}
	sel, err := s.checkSelection(db, in)
	if err != nil {
		return nil, err
	}
	rows, err := allFeeds(db)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	base := fileNameFor(sel.Name)
	file := base
	for n := 2; ; n++ {
		clash := false
		for _, r := range rows {
			if r.DeletedAt == nil && r.ID != id && (r.FileName == file || strings.EqualFold(r.Name, sel.Name)) {
				if strings.EqualFold(r.Name, sel.Name) {
					return nil, apperr.Invalid("feed.name_taken", "name", "another feed has this name").With("name", sel.Name)
				}
				clash = true
			}
		}
		if !clash {
			break
		}
		file = base + "-" + strconv.Itoa(n)
	}
	statuses := sel.Statuses
	if statuses == nil {
		statuses = []string{}
	}
	return map[string]any{"name": sel.Name, "file_name": file, "member_id": sel.MemberID, "channel_id": sel.ChannelID,
		"network": sel.Network, "campaign_id": sel.CampaignID, "statuses": statuses, "from_date": sel.From,
		"to_date": sel.To, "private": sel.Private, "campaigns": sel.Campaigns, "language": sel.Language}, nil
}

// checkSelection validates the filters of a selection (name aside).
func (s *Service) checkSelection(db *gorm.DB, in Selection) (Selection, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Language == "" {
		in.Language = "en"
	}
	if !slices.Contains(Languages, in.Language) {
		return in, apperr.Invalid("feed.language_unknown", "language", "the language is en or id").With("language", in.Language)
	}
	for _, ref := range []struct{ table, id, field, code string }{
		{"members", in.MemberID, "memberId", "feed.member_unknown"},
		{"channels", in.ChannelID, "channelId", "feed.channel_unknown"},
		{"campaigns", in.CampaignID, "campaignId", "feed.campaign_unknown"},
	} {
		if ref.id == "" {
			continue
		}
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM "+ref.table+" WHERE id = ? AND deleted_at IS NULL", ref.id).Scan(&n).Error; err != nil {
			return in, apperr.Internal(err)
		}
		if n == 0 {
			return in, apperr.Invalid(ref.code, ref.field, "no such "+strings.TrimSuffix(ref.table, "s")).With("id", ref.id)
		}
	}
	if in.Network != "" {
		if _, ok := networks.Get(in.Network); !ok {
			return in, apperr.Invalid("feed.network_unknown", "network", "unknown network").With("network", in.Network)
		}
	}
	var statuses []string
	for _, st := range in.Statuses {
		if !slices.Contains(calendar.Statuses, calendar.Status(st)) {
			return in, apperr.Invalid("feed.status_unknown", "statuses", "unknown status").With("status", st)
		}
		if !slices.Contains(statuses, st) {
			statuses = append(statuses, st)
		}
	}
	in.Statuses = statuses
	for _, d := range []struct{ field, date string }{{"from", in.From}, {"to", in.To}} {
		if d.date != "" && !dates.Valid(d.date) {
			return in, apperr.Invalid("feed.date_invalid", d.field, "dates look like 2026-12-31").With("date", d.date)
		}
	}
	if in.From != "" && in.To != "" && in.To < in.From {
		return in, apperr.Invalid("feed.dates_reversed", "to", "the range ends before it starts")
	}
	return in, nil
}
