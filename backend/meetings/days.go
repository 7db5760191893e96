package meetings

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
	"postdeck/backend/workspace"
)

var weekdayCodes = []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// weeklyRule is the RRULE of a series every week on date's weekday.
func weeklyRule(date string) string {
	t, _ := time.Parse("2006-01-02", date)
	return "FREQ=WEEKLY;BYDAY=" + weekdayCodes[t.Weekday()]
}

// DayID is the id of one meeting of a series (or of a one-off meeting):
// the same on every device, so two teammates writing notes for the same
// week write one row, and the id action items link to.
func DayID(meetingID, day string) string {
	sum := sha256.Sum256([]byte(meetingID + "\x00meeting-day\x00" + day))
	return hex.EncodeToString(sum[:16])
}

// checkinID is the row of one member's check-in on one day.
func checkinID(dayID, memberID string) string {
	sum := sha256.Sum256([]byte(dayID + "\x00checkin\x00" + memberID))
	return hex.EncodeToString(sum[:16])
}

func unmarshal(raw string, v any) error {
	if raw == "" {
		return nil
	}
	return json.Unmarshal([]byte(raw), v)
}

// searchDays bounds how far back or ahead of today a day id with no row
// yet is looked for.
const searchDays = 400

// days returns the meeting days of r from from to to inclusive (skipped
// days left out), wall-clock in loc.
func days(r meetingRow, loc *time.Location, from, to string) ([]string, error) {
	if r.RRule == "" {
		if r.Date >= from && r.Date <= to {
			return []string{r.Date}, nil
		}
		return nil, nil
	}
	if from < r.Date {
		from = r.Date
	}
	if to < from {
		return nil, nil
	}
	out, err := calendar.Occurrences(r.RRule, r.Date, r.Time, list(r.Exdates), loc, from, to)
	if err != nil {
		return nil, ruleError(r, err)
	}
	return out, nil
}

// ruleError is the error for a series whose stored rule cannot be read (a
// newer version of Postdeck wrote it, or the row is damaged): said as such,
// never taken for "no more meetings".
func ruleError(r meetingRow, err error) error {
	return apperr.New("meeting.rule_unreadable", "the repeat rule of this meeting cannot be read").
		With("id", r.ID).With("title", r.Title).With("rule", r.RRule).Wrap(err)
}

func list(raw string) []string {
	var out []string
	_ = unmarshal(raw, &out)
	return out
}

func shift(day string, n int) string {
	t, _ := time.Parse("2006-01-02", day)
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// nextDay is the first meeting day of r on (inclusive) or after day, ""
// when there is none: found however far away it is (a yearly series, a
// series past many skipped weeks).
func nextDay(r meetingRow, loc *time.Location, day string, inclusive bool) (string, error) {
	from := day
	if !inclusive {
		from = shift(day, 1)
	}
	if r.RRule == "" {
		if r.Date >= from {
			return r.Date, nil
		}
		return "", nil
	}
	d, err := calendar.NextOccurrence(r.RRule, r.Date, r.Time, list(r.Exdates), loc, from)
	if err != nil {
		return "", ruleError(r, err)
	}
	return d, nil
}

// prevDay is the last meeting day of r before day, "" when there is none.
func prevDay(r meetingRow, loc *time.Location, day string) (string, error) {
	if r.RRule == "" {
		if r.Date < day {
			return r.Date, nil
		}
		return "", nil
	}
	d, err := calendar.PrevOccurrence(r.RRule, r.Date, r.Time, list(r.Exdates), loc, day)
	if err != nil {
		return "", ruleError(r, err)
	}
	return d, nil
}

// isDay says whether day is a meeting day of r (not skipped).
func isDay(r meetingRow, loc *time.Location, day string) (bool, error) {
	if !dates.Valid(day) {
		return false, nil
	}
	ds, err := days(r, loc, day, day)
	return len(ds) == 1, err
}

// Occurrence is one meeting on the calendar.
type Occurrence struct {
	// ID is the day's id (DayID), the one action items link to.
	ID              string `json:"id"`
	MeetingID       string `json:"meetingId"`
	Kind            string `json:"kind"`
	Title           string `json:"title"`
	Date            string `json:"date"`
	Time            string `json:"time"`
	DurationMinutes int    `json:"durationMinutes"`
	// Start and End are YYYY-MM-DDTHH:MM:SS, wall-clock in the workspace
	// zone (as the calendar shows posts); StartsAt is the instant with its
	// offset, which moves with daylight-saving time while the wall clock stays.
	Start       string   `json:"start"`
	End         string   `json:"end"`
	StartsAt    string   `json:"startsAt"`
	Repeats     bool     `json:"repeats"`
	AttendeeIDs []string `json:"attendeeIds"`
}

func occurrence(r meetingRow, loc *time.Location, day string) Occurrence {
	o := Occurrence{ID: DayID(r.ID, day), MeetingID: r.ID, Kind: r.Kind, Title: r.Title, Date: day, Time: r.Time,
		DurationMinutes: r.Duration, Repeats: r.RRule != "", AttendeeIDs: nonNil(list(r.Attendees))}
	start, err := time.ParseInLocation("2006-01-02 15:04", day+" "+r.Time, loc)
	if err == nil {
		o.StartsAt = start.Format(time.RFC3339)
	}
	// A time the clocks skip that day is the time it comes to, as for posts,
	// so the wall-clock start and the instant agree.
	d, clock := calendar.WallClock(day, r.Time, loc)
	wall, _ := time.Parse("2006-01-02 15:04", d+" "+clock)
	o.Start = wall.Format("2006-01-02T15:04:05")
	o.End = wall.Add(time.Duration(r.Duration) * time.Minute).Format("2006-01-02T15:04:05")
	return o
}

// Occurrences returns the meetings from from to to inclusive (YYYY-MM-DD),
// series expanded into their days, by start. A series whose rule cannot be
// read is left out, as a post series is: it hides itself, not the calendar
// (the meetings list marks it, and opening it says why).
func (s *Service) Occurrences(ctx context.Context, from, to string) ([]Occurrence, error) {
	if err := checkDate("from", from); err != nil {
		return nil, err
	}
	if err := checkDate("to", to); err != nil {
		return nil, err
	}
	if to < from {
		return nil, apperr.Invalid("meeting.dates_reversed", "to", "the range ends before it starts")
	}
	loc := s.cal.Zone(ctx)
	rows, err := s.rows(s.st.DB().WithContext(ctx), "(rrule <> '' OR (date >= ? AND date <= ?))", from, to)
	if err != nil {
		return nil, err
	}
	out := []Occurrence{}
	for _, r := range rows {
		ds, err := days(r, loc, from, to)
		if apperr.Code(err) == "meeting.rule_unreadable" {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			out = append(out, occurrence(r, loc, d))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].MeetingID < out[j].MeetingID
	})
	return out, nil
}

// SkipDay leaves one week out of a series (the day's notes stay, as every
// row does).
func (s *Service) SkipDay(ctx context.Context, meetingID, day string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		r, err := s.row(w.DB(), meetingID)
		if err != nil {
			return err
		}
		if r.RRule == "" {
			return apperr.New("meeting.not_recurring", "this meeting does not repeat").With("id", meetingID)
		}
		if ok, err := isDay(r, workspace.ZoneIn(w.DB()), day); err != nil {
			return err
		} else if !ok {
			return apperr.Invalid("meeting.not_a_day", "date", "the series has no meeting on this day").With("date", day)
		}
		ex := list(r.Exdates)
		if slices.Contains(ex, day) {
			return nil
		}
		ex = append(ex, day)
		sort.Strings(ex)
		return w.Update("meetings", meetingID, map[string]any{"exdates": ex})
	})
}

// resolve finds the meeting and day a key names: a day id (DayID), or a
// meeting id with day ("" = the next meeting from today on, else the last
// one held).
func (s *Service) resolve(ctx context.Context, key, day string) (meetingRow, string, error) {
	db := s.st.DB().WithContext(ctx)
	loc := s.cal.Zone(ctx)
	var found []struct{ MeetingID, Day string }
	if err := db.Raw("SELECT meeting_id, day FROM meeting_days WHERE id = ? AND deleted_at IS NULL", key).Scan(&found).Error; err != nil {
		return meetingRow{}, "", apperr.Internal(err)
	}
	if len(found) == 1 {
		key, day = found[0].MeetingID, found[0].Day
	}
	r, err := s.row(db, key)
	if err != nil {
		if len(found) == 0 && len(key) == 32 {
			if mr, d, ok := s.dayOf(ctx, key); ok {
				return mr, d, nil
			}
		}
		return meetingRow{}, "", err
	}
	if day == "" {
		today := s.today(loc)
		if day, err = nextDay(r, loc, today, true); err == nil && day == "" {
			day, err = prevDay(r, loc, today)
		}
		if err != nil {
			return meetingRow{}, "", err
		}
		if day == "" {
			day = r.Date
		}
	}
	if ok, err := isDay(r, loc, day); err != nil {
		return meetingRow{}, "", err
	} else if !ok {
		return meetingRow{}, "", apperr.Invalid("meeting.not_a_day", "date", "the meeting is not held on this day").With("date", day)
	}
	return r, day, nil
}

// dayOf finds the meeting day whose DayID is id when no row of it exists
// yet (a day id taken from the calendar before anything was written).
func (s *Service) dayOf(ctx context.Context, id string) (meetingRow, string, bool) {
	loc := s.cal.Zone(ctx)
	rows, err := s.rows(s.st.DB().WithContext(ctx), "")
	if err != nil {
		return meetingRow{}, "", false
	}
	today := s.today(loc)
	for _, r := range rows {
		// A series whose rule cannot be read has no days to find here; it
		// says so where it is opened by its own id.
		ds, _ := days(r, loc, shift(today, -searchDays), shift(today, searchDays))
		for _, d := range ds {
			if DayID(r.ID, d) == id {
				return r, d, true
			}
		}
	}
	return meetingRow{}, "", false
}

// ensureDay makes sure the row of a meeting day exists (it holds the notes
// and is what action items link to).
func ensureDay(w *replica.Writer, meetingID, day string) (string, error) {
	id := DayID(meetingID, day)
	var rows []struct{ DeletedAt *int64 }
	if err := w.DB().Raw("SELECT deleted_at FROM meeting_days WHERE id = ?", id).Scan(&rows).Error; err != nil {
		return "", err
	}
	switch {
	case len(rows) == 0:
		return id, w.Put("meeting_days", id, map[string]any{"meeting_id": meetingID, "day": day})
	case rows[0].DeletedAt != nil:
		return id, w.Restore("meeting_days", id)
	}
	return id, nil
}

// DayInput changes what one meeting day holds; nil fields stay.
type DayInput struct {
	// Agenda replaces the series' agenda on this day only.
	Agenda *string `json:"agenda,omitempty"`
	Notes  *string `json:"notes,omitempty"`
}

// UpdateDay changes the agenda or notes of one meeting day only.
func (s *Service) UpdateDay(ctx context.Context, key, day string, in DayInput) (Detail, error) {
	r, day, err := s.resolve(ctx, key, day)
	if err != nil {
		return Detail{}, err
	}
	values := map[string]any{}
	if in.Agenda != nil {
		if err := checkText("agenda", *in.Agenda); err != nil {
			return Detail{}, err
		}
		values["agenda"], values["own_agenda"] = *in.Agenda, true
	}
	if in.Notes != nil {
		if err := checkText("notes", *in.Notes); err != nil {
			return Detail{}, err
		}
		values["notes"] = *in.Notes
	}
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		id, err := ensureDay(w, r.ID, day)
		if err != nil || len(values) == 0 {
			return err
		}
		return w.Update("meeting_days", id, values)
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Day(ctx, r.ID, day)
}

// trimmed is s without surrounding blank lines and spaces.
func trimmed(s string) string { return strings.TrimSpace(s) }
