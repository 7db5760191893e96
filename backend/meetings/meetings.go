// Package meetings keeps the team's meetings: weekly check-ins (a series
// that repeats every week, expanded like repeating posts) and meetings with
// stakeholders. Each meeting of a series has its own agenda, notes, the
// check-in of every member (wins, where they need help, their plan, what
// they will report next time) and action items, which are tasks linked to
// that day; the next meeting opens with them. Notes export as Markdown for
// people without Postdeck, and meetings go into the members' calendar feeds.
package meetings

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/internal/conv"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
	"postdeck/backend/store"
	"postdeck/backend/workspace"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: "meetings", Fields: map[string]replica.Kind{
		"kind": replica.Text, "title": replica.Text, "date": replica.Text, "time": replica.Text, "duration": replica.Int,
		"rrule": replica.Text, "exdates": replica.JSON, "agenda": replica.Text, "agenda_template_id": replica.Text,
		"attendees": replica.JSON, "guests": replica.JSON, "post_ids": replica.JSON, "campaign_ids": replica.JSON,
	}},
	{Table: "meeting_days", Fields: map[string]replica.Kind{
		"meeting_id": replica.Text, "day": replica.Text, "own_agenda": replica.Bool, "agenda": replica.Text, "notes": replica.Text,
	}},
	{Table: "meeting_checkins", Fields: map[string]replica.Kind{
		"day_id": replica.Text, "meeting_id": replica.Text, "day": replica.Text, "member_id": replica.Text,
		"wins": replica.Text, "help": replica.Text, "plan": replica.Text, "next_report": replica.Text,
	}},
}

// Kinds of meetings.
const (
	KindCheckin     = "checkin"
	KindStakeholder = "stakeholder"
)

// Kinds lists the kinds of meetings.
var Kinds = []string{KindCheckin, KindStakeholder}

// RepeatWeekly is the one repeat a meeting has: every week on its weekday.
const RepeatWeekly = "weekly"

// Limits on what a meeting holds, so one typing slip or a hostile change
// cannot fill the database.
const (
	maxTitleRunes = 200
	maxTextRunes  = 20000
	maxNameRunes  = 100
	maxGuests     = 50
	minDuration   = 5
	maxDuration   = 12 * 60
	// DefaultDuration is a meeting's length when none is given.
	DefaultDuration = 30
)

var (
	timeRe = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
)

// Guest is a person from outside the team at a meeting (a brand manager, a
// CEO), named, not a member.
type Guest struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// Meeting is a meeting or a series of weekly meetings. JSON names are a
// public interface (the command line's --json output, docs/CLI.md).
type Meeting struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// Date and Time are the first meeting, wall-clock in Zone.
	Date            string `json:"date"`
	Time            string `json:"time"`
	DurationMinutes int    `json:"durationMinutes"`
	Zone            string `json:"zone"`
	// Repeat is "weekly" or "" (once); RRule is the stored rule.
	Repeat           string   `json:"repeat"`
	RRule            string   `json:"rrule"`
	SkippedDays      []string `json:"skippedDays"`
	Agenda           string   `json:"agenda"`
	AgendaTemplateID string   `json:"agendaTemplateId"`
	AttendeeIDs      []string `json:"attendeeIds"`
	Guests           []Guest  `json:"guests"`
	PostIDs          []string `json:"postIds"`
	CampaignIDs      []string `json:"campaignIds"`
	// Next is the next meeting day from today on ("" when none is left).
	Next string `json:"next"`
	// RuleUnreadable is set in lists for a series whose repeat rule this
	// version cannot read: the list shows it with a warning instead of
	// failing, and opening it says why (meeting.rule_unreadable).
	RuleUnreadable bool   `json:"ruleUnreadable,omitempty"`
	CreatedAt      string `json:"createdAt"`
	UpdatedAt      string `json:"updatedAt"`
}

// Input is what the user enters for a meeting.
type Input struct {
	Kind             string   `json:"kind"`
	Title            string   `json:"title"`
	Date             string   `json:"date"`
	Time             string   `json:"time"`
	DurationMinutes  int      `json:"durationMinutes"`
	Repeat           string   `json:"repeat"`
	Agenda           string   `json:"agenda"`
	AgendaTemplateID string   `json:"agendaTemplateId"`
	AttendeeIDs      []string `json:"attendeeIds"`
	Guests           []Guest  `json:"guests"`
	PostIDs          []string `json:"postIds"`
	CampaignIDs      []string `json:"campaignIds"`
}

// Service reads and changes meetings.
type Service struct {
	st    *store.Store
	rep   *replica.Replica
	cal   *calendar.Service
	tasks Tasks
	now   func() time.Time
}

// NewService returns the meetings service. Action items go through tasks.
func NewService(st *store.Store, rep *replica.Replica, cal *calendar.Service, tasks Tasks) *Service {
	return &Service{st: st, rep: rep, cal: cal, tasks: tasks, now: time.Now}
}

// SetClock replaces the clock that says what "today" is (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// today is the day it is now in the workspace zone.
func (s *Service) today(loc *time.Location) string { return s.now().In(loc).Format("2006-01-02") }

type meetingRow struct {
	ID               string `gorm:"column:id"`
	Kind             string `gorm:"column:kind"`
	Title            string `gorm:"column:title"`
	Date             string `gorm:"column:date"`
	Time             string `gorm:"column:time"`
	Duration         int    `gorm:"column:duration"`
	RRule            string `gorm:"column:rrule"`
	Exdates          string `gorm:"column:exdates"`
	Agenda           string `gorm:"column:agenda"`
	AgendaTemplateID string `gorm:"column:agenda_template_id"`
	Attendees        string `gorm:"column:attendees"`
	Guests           string `gorm:"column:guests"`
	PostIDs          string `gorm:"column:post_ids"`
	CampaignIDs      string `gorm:"column:campaign_ids"`
	CreatedAt        int64  `gorm:"column:created_at"`
	UpdatedAt        int64  `gorm:"column:updated_at"`
}

const meetingColumns = `id, kind, title, date, time, duration, rrule, exdates, agenda, agenda_template_id,
	attendees, guests, post_ids, campaign_ids, created_at, updated_at`

func (r meetingRow) meeting(loc *time.Location) Meeting {
	m := Meeting{ID: r.ID, Kind: r.Kind, Title: r.Title, Date: r.Date, Time: r.Time, DurationMinutes: r.Duration,
		Zone: loc.String(), RRule: r.RRule, SkippedDays: nonNil(conv.Strings(r.Exdates)), Agenda: r.Agenda,
		AgendaTemplateID: r.AgendaTemplateID, AttendeeIDs: nonNil(conv.Strings(r.Attendees)), Guests: guestsOf(r.Guests),
		PostIDs: nonNil(conv.Strings(r.PostIDs)), CampaignIDs: nonNil(conv.Strings(r.CampaignIDs)),
		CreatedAt: conv.ISOTime(r.CreatedAt), UpdatedAt: conv.ISOTime(r.UpdatedAt)}
	if r.RRule != "" {
		m.Repeat = RepeatWeekly
	}
	return m
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func guestsOf(raw string) []Guest {
	out := []Guest{}
	_ = unmarshal(raw, &out)
	return out
}

func (s *Service) rows(db *gorm.DB, where string, args ...any) ([]meetingRow, error) {
	var rows []meetingRow
	q := "SELECT " + meetingColumns + " FROM meetings WHERE deleted_at IS NULL"
	if where != "" {
		q += " AND " + where
	}
	if err := db.Raw(q+" ORDER BY date, time, id", args...).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	return rows, nil
}

func (s *Service) row(db *gorm.DB, id string) (meetingRow, error) {
	rows, err := s.rows(db, "id = ?", id)
	if err != nil {
		return meetingRow{}, err
	}
	if len(rows) == 0 {
		return meetingRow{}, apperr.New("meeting.not_found", "no such meeting").With("id", id)
	}
	return rows[0], nil
}

// Meetings returns every meeting and series, by first day, each with its
// next day from today on. A series whose rule cannot be read is listed with
// RuleUnreadable, so one such row never hides the others.
func (s *Service) Meetings(ctx context.Context) ([]Meeting, error) {
	db := s.st.DB().WithContext(ctx)
	loc := s.cal.Zone(ctx)
	rows, err := s.rows(db, "")
	if err != nil {
		return nil, err
	}
	today := s.today(loc)
	out := make([]Meeting, len(rows))
	for i, r := range rows {
		out[i] = r.meeting(loc)
		if out[i].Next, err = nextDay(r, loc, today, true); err != nil {
			if apperr.Code(err) != "meeting.rule_unreadable" {
				return nil, err
			}
			out[i].RuleUnreadable = true
		}
	}
	return out, nil
}

// Meeting returns one meeting or series.
func (s *Service) Meeting(ctx context.Context, id string) (Meeting, error) {
	loc := s.cal.Zone(ctx)
	r, err := s.row(s.st.DB().WithContext(ctx), id)
	if err != nil {
		return Meeting{}, err
	}
	m := r.meeting(loc)
	m.Next, err = nextDay(r, loc, s.today(loc), true)
	if err != nil {
		return Meeting{}, err
	}
	return m, nil
}

// Add creates a meeting (or a weekly series). Nothing is written when any
// field is wrong.
func (s *Service) Add(ctx context.Context, in Input) (Meeting, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		values, err := s.check(w.DB(), in)
		if err != nil {
			return err
		}
		id, err = w.Insert("meetings", values)
		return err
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Meeting(ctx, id)
}

// Update changes a meeting or a whole series. Days already held keep their
// notes, check-ins and action items (they stay linked to their day).
func (s *Service) Update(ctx context.Context, id string, in Input) (Meeting, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := s.row(w.DB(), id); err != nil {
			return err
		}
		values, err := s.check(w.DB(), in)
		if err != nil {
			return err
		}
		return w.Update("meetings", id, values)
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Meeting(ctx, id)
}

// Delete removes a meeting or a whole series (kept as a tombstone, as every
// delete; action items stay tasks of their own).
func (s *Service) Delete(ctx context.Context, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := s.row(w.DB(), id); err != nil {
			return err
		}
		return w.Delete("meetings", id)
	})
}

// check validates an input and returns the row's values.
func (s *Service) check(db *gorm.DB, in Input) (map[string]any, error) {
	if !slices.Contains(Kinds, in.Kind) {
		return nil, apperr.Invalid("meeting.kind_invalid", "kind", "a meeting is a check-in or a stakeholder meeting").With("value", in.Kind)
	}
	title := strings.TrimSpace(in.Title)
	if title == "" {
		return nil, apperr.Invalid("meeting.title_required", "title", "a meeting needs a title")
	}
	if strings.ContainsAny(title, "\r\n") || len([]rune(title)) > maxTitleRunes {
		return nil, apperr.Invalid("meeting.title_too_long", "title", "the title is one line of at most 200 characters").With("max", maxTitleRunes)
	}
	if err := checkDate("date", in.Date); err != nil {
		return nil, err
	}
	if !timeRe.MatchString(in.Time) {
		return nil, apperr.Invalid("meeting.time_invalid", "time", "times look like 09:30").With("time", in.Time)
	}
	duration := in.DurationMinutes
	if duration == 0 {
		duration = DefaultDuration
	}
	if duration < minDuration || duration > maxDuration {
		return nil, apperr.Invalid("meeting.duration_invalid", "durationMinutes", "a meeting lasts 5 minutes to 12 hours").
			With("min", minDuration).With("max", maxDuration)
	}
	loc := workspace.ZoneIn(db)
	// A time the clocks skip that day (02:30 when summer time starts) is
	// kept as the time it comes to, as posts do.
	date, clock := calendar.WallClock(in.Date, in.Time, loc)
	rule := ""
	switch in.Repeat {
	case "":
	case RepeatWeekly:
		rule = weeklyRule(date)
	default:
		return nil, apperr.Invalid("meeting.repeat_invalid", "repeat", "a meeting repeats weekly or not at all").With("value", in.Repeat)
	}
	if err := checkText("agenda", in.Agenda); err != nil {
		return nil, err
	}
	attendees, err := checkRefs(db, "members", "attendeeIds", "meeting.member_unknown", in.AttendeeIDs)
	if err != nil {
		return nil, err
	}
	posts, err := checkRefs(db, "posts", "postIds", "meeting.post_unknown", in.PostIDs)
	if err != nil {
		return nil, err
	}
	camps, err := checkRefs(db, "campaigns", "campaignIds", "meeting.campaign_unknown", in.CampaignIDs)
	if err != nil {
		return nil, err
	}
	// The agenda's template, when one was picked, is a live template (its
	// text was copied into the agenda; the id says where it came from).
	tmpl, err := checkRefs(db, "templates", "agendaTemplateId", "meeting.template_unknown", []string{in.AgendaTemplateID})
	if err != nil {
		return nil, err
	}
	if len(in.Guests) > maxGuests {
		return nil, apperr.Invalid("meeting.too_many_guests", "guests", "a meeting has at most 50 guests").With("max", maxGuests)
	}
	guests := []Guest{}
	for _, g := range in.Guests {
		g.Name, g.Role = strings.TrimSpace(g.Name), strings.TrimSpace(g.Role)
		if g.Name == "" {
			return nil, apperr.Invalid("meeting.guest_name_required", "guests", "every guest needs a name")
		}
		if len([]rune(g.Name)) > maxNameRunes || len([]rune(g.Role)) > maxNameRunes || strings.ContainsAny(g.Name+g.Role, "\r\n") {
			return nil, apperr.Invalid("meeting.guest_too_long", "guests", "a guest's name and role are one line of at most 100 characters").
				With("max", maxNameRunes)
		}
		guests = append(guests, g)
	}
	return map[string]any{"kind": in.Kind, "title": title, "date": date, "time": clock, "duration": duration,
		"rrule": rule, "agenda": in.Agenda, "agenda_template_id": strings.Join(tmpl, ""),
		"attendees": attendees, "guests": guests, "post_ids": posts, "campaign_ids": camps}, nil
}

// checkDate accepts a real calendar day as YYYY-MM-DD in the years
// Postdeck plans for.
func checkDate(field, day string) error {
	if !dates.Valid(day) {
		return apperr.Invalid("meeting.date_invalid", field, "dates look like 2026-12-31").With("date", day)
	}
	if !dates.InRange(day) {
		return apperr.Invalid("meeting.date_out_of_range", field, "the date is outside 1900-01-01 to 2199-12-31").
			With("date", day).With("min", dates.Min).With("max", dates.Max)
	}
	return nil
}

func checkText(field, s string) error {
	if len([]rune(s)) > maxTextRunes {
		return apperr.Invalid("meeting.text_too_long", field, "the text is too long").With("max", maxTextRunes)
	}
	return nil
}

// checkRefs checks that every id names a live row of table and returns the
// ids without repeats, in the order given.
func checkRefs(db *gorm.DB, table, field, code string, ids []string) ([]string, error) {
	out := []string{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || slices.Contains(out, id) {
			continue
		}
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM "+table+" WHERE id = ? AND deleted_at IS NULL", id).Scan(&n).Error; err != nil {
			return nil, apperr.Internal(err)
		}
		if n == 0 {
			return nil, apperr.Invalid(code, field, "no such "+strings.TrimSuffix(table, "s")).With("id", id)
		}
		out = append(out, id)
	}
	return out, nil
}
