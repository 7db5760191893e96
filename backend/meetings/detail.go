package meetings

import (
	"context"
	"slices"
	"sort"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/conv"
	"postdeck/backend/replica"
	"postdeck/backend/workspace"
)

// Person is a member at a meeting.
type Person struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CheckIn is one member's part of a check-in.
type CheckIn struct {
	MemberID   string `json:"memberId"`
	MemberName string `json:"memberName"`
	Wins       string `json:"wins"`
	Help       string `json:"help"`
	Plan       string `json:"plan"`
	NextReport string `json:"nextReport"`
	UpdatedAt  string `json:"updatedAt"`
}

// CheckInInput is what a member says at a check-in; nil fields stay.
type CheckInInput struct {
	Wins       *string `json:"wins,omitempty"`
	Help       *string `json:"help,omitempty"`
	Plan       *string `json:"plan,omitempty"`
	NextReport *string `json:"nextReport,omitempty"`
}

// Action is an action item: a task linked to a meeting day.
type Action struct {
	TaskID       string `json:"taskId"`
	Title        string `json:"title"`
	AssigneeID   string `json:"assigneeId"`
	AssigneeName string `json:"assigneeName"`
	Due          string `json:"due"`
	DueTime      string `json:"dueTime"`
	Status       string `json:"status"`
}

// Link is a post or campaign a stakeholder meeting is about.
type Link struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date"`
}

// Previous is the meeting before this one, with its action items as they
// stand now.
type Previous struct {
	DayID   string   `json:"dayId"`
	Date    string   `json:"date"`
	Actions []Action `json:"actions"`
}

// Detail is one meeting day as the meeting view shows it.
type Detail struct {
	Meeting    Meeting    `json:"meeting"`
	Occurrence Occurrence `json:"occurrence"`
	// DayID is the id action items of this day link to.
	DayID string `json:"dayId"`
	Date  string `json:"date"`
	// Agenda is this day's own agenda when OwnAgenda, else the series'.
	Agenda    string    `json:"agenda"`
	OwnAgenda bool      `json:"ownAgenda"`
	Notes     string    `json:"notes"`
	Attendees []Person  `json:"attendees"`
	CheckIns  []CheckIn `json:"checkIns"`
	Actions   []Action  `json:"actions"`
	Previous  *Previous `json:"previous"`
	// NextDate is the next meeting's day, the default due date of new
	// action items ("" when there is none).
	NextDate  string `json:"nextDate"`
	Posts     []Link `json:"posts"`
	Campaigns []Link `json:"campaigns"`
}

// Day returns one meeting day: key is a meeting id (day "" = the next
// meeting from today, else the last one held) or a day id.
func (s *Service) Day(ctx context.Context, key, day string) (Detail, error) {
	r, day, err := s.resolve(ctx, key, day)
	if err != nil {
		return Detail{}, err
	}
	db := s.st.DB().WithContext(ctx)
	loc := s.cal.Zone(ctx)
	d := Detail{Meeting: r.meeting(loc), Occurrence: occurrence(r, loc, day), DayID: DayID(r.ID, day), Date: day, Agenda: r.Agenda}
	if d.Meeting.Next, err = nextDay(r, loc, s.today(loc), true); err != nil {
		return Detail{}, err
	}
	var dayRows []struct {
		OwnAgenda     bool
		Agenda, Notes string
	}
	if err := db.Raw("SELECT own_agenda, agenda, notes FROM meeting_days WHERE id = ? AND deleted_at IS NULL", d.DayID).Scan(&dayRows).Error; err != nil {
		return Detail{}, apperr.Internal(err)
	}
	if len(dayRows) == 1 {
		d.Notes = dayRows[0].Notes
		if dayRows[0].OwnAgenda {
			d.Agenda, d.OwnAgenda = dayRows[0].Agenda, true
		}
	}
	names, err := memberNames(db)
	if err != nil {
		return Detail{}, err
	}
	d.Attendees = []Person{}
	for _, id := range d.Meeting.AttendeeIDs {
		d.Attendees = append(d.Attendees, Person{ID: id, Name: names[id]})
	}
	if d.CheckIns, err = s.checkIns(db, d.DayID, d.Meeting.AttendeeIDs, names); err != nil {
		return Detail{}, err
	}
	if d.Actions, err = s.actions(ctx, d.DayID, names); err != nil {
		return Detail{}, err
	}
	if d.NextDate, err = s.next(db, r, day); err != nil {
		return Detail{}, err
	}
	prev, pday, err := s.previous(db, r, day)
	if err != nil {
		return Detail{}, err
	}
	if pday != "" {
		p := &Previous{DayID: DayID(prev.ID, pday), Date: pday}
		if p.Actions, err = s.actions(ctx, p.DayID, names); err != nil {
			return Detail{}, err
		}
		d.Previous = p
	}
	if d.Posts, err = links(db, "SELECT id, title, date FROM posts WHERE deleted_at IS NULL AND id IN ?", d.Meeting.PostIDs); err != nil {
		return Detail{}, err
	}
	if d.Campaigns, err = links(db, "SELECT id, name AS title, starts_on AS date FROM campaigns WHERE deleted_at IS NULL AND id IN ?", d.Meeting.CampaignIDs); err != nil {
		return Detail{}, err
	}
	return d, nil
}

func links(db *gorm.DB, q string, ids []string) ([]Link, error) {
	out := []Link{}
	if len(ids) == 0 {
		return out, nil
	}
	if err := db.Raw(q, ids).Scan(&out).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	sort.SliceStable(out, func(i, j int) bool { return slices.Index(ids, out[i].ID) < slices.Index(ids, out[j].ID) })
	return out, nil
}

func memberNames(db *gorm.DB) (map[string]string, error) {
	var rows []struct{ ID, Name string }
	if err := db.Raw("SELECT id, name FROM members WHERE deleted_at IS NULL").Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// checkIns returns a check-in for every attendee (empty until written) and
// for every other member who wrote one that day.
func (s *Service) checkIns(db *gorm.DB, dayID string, attendees []string, names map[string]string) ([]CheckIn, error) {
	var rows []struct {
		MemberID, Wins, Help, Plan, NextReport string
		UpdatedAt                              int64
	}
	if err := db.Raw(`SELECT member_id, wins, help, plan, next_report, updated_at FROM meeting_checkins
		WHERE day_id = ? AND deleted_at IS NULL ORDER BY member_id`, dayID).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	out := []CheckIn{}
	for _, id := range attendees {
		out = append(out, CheckIn{MemberID: id, MemberName: names[id]})
	}
	for _, r := range rows {
		i := slices.IndexFunc(out, func(c CheckIn) bool { return c.MemberID == r.MemberID })
		if i < 0 {
			out = append(out, CheckIn{MemberID: r.MemberID, MemberName: names[r.MemberID]})
			i = len(out) - 1
		}
		out[i].Wins, out[i].Help, out[i].Plan, out[i].NextReport = r.Wins, r.Help, r.Plan, r.NextReport
		out[i].UpdatedAt = conv.ISOTime(r.UpdatedAt)
	}
	return out, nil
}

// SaveCheckIn writes one member's check-in for one meeting day. Each
// member's check-in is a row of its own, so two people writing theirs at
// the same time on different computers both keep what they wrote.
func (s *Service) SaveCheckIn(ctx context.Context, key, day, memberID string, in CheckInInput) (CheckIn, error) {
	r, day, err := s.resolve(ctx, key, day)
	if err != nil {
		return CheckIn{}, err
	}
	values := map[string]any{}
	for _, f := range []struct {
		name string
		v    *string
	}{{"wins", in.Wins}, {"help", in.Help}, {"plan", in.Plan}, {"next_report", in.NextReport}} {
		if f.v == nil {
			continue
		}
		if err := checkText(f.name, *f.v); err != nil {
			return CheckIn{}, err
		}
		values[f.name] = *f.v
	}
	var id string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		if strings.TrimSpace(memberID) == "" {
			return apperr.Invalid("meeting.member_required", "memberId", "say whose check-in this is")
		}
		if _, err := checkRefs(w.DB(), "members", "memberId", "meeting.member_unknown", []string{memberID}); err != nil {
			return err
		}
		dayID, err := ensureDay(w, r.ID, day)
		if err != nil {
			return err
		}
		id = checkinID(dayID, memberID)
		var rows []struct{ DeletedAt *int64 }
		if err := w.DB().Raw("SELECT deleted_at FROM meeting_checkins WHERE id = ?", id).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 1 && rows[0].DeletedAt != nil {
			if err := w.Restore("meeting_checkins", id); err != nil {
				return err
			}
		}
		if len(rows) == 0 {
			values["day_id"], values["meeting_id"], values["day"], values["member_id"] = dayID, r.ID, day, memberID
		}
		return w.Put("meeting_checkins", id, values)
	})
	if err != nil {
		return CheckIn{}, err
	}
	d, err := s.Day(ctx, r.ID, day)
	if err != nil {
		return CheckIn{}, err
	}
	for _, c := range d.CheckIns {
		if c.MemberID == memberID {
			return c, nil
		}
	}
	return CheckIn{}, apperr.Internal(nil)
}

// next is the day of the meeting after day: the series' next week, or for
// a one-off meeting the next one of the same kind and title.
func (s *Service) next(db *gorm.DB, r meetingRow, day string) (string, error) {
	if r.RRule != "" {
		return nextDay(r, workspace.ZoneIn(db), day, false)
	}
	rows, err := s.rows(db, "rrule = '' AND kind = ? AND date > ?", r.Kind, day)
	if err != nil {
		return "", err
	}
	for _, o := range rows {
		if o.ID != r.ID && strings.EqualFold(o.Title, r.Title) {
			return o.Date, nil
		}
	}
	return "", nil
}

// previous is the meeting before day: the series' week before, or for a
// one-off meeting the last earlier one of the same kind and title.
func (s *Service) previous(db *gorm.DB, r meetingRow, day string) (meetingRow, string, error) {
	if r.RRule != "" {
		d, err := prevDay(r, workspace.ZoneIn(db), day)
		return r, d, err
	}
	rows, err := s.rows(db, "rrule = '' AND kind = ? AND date < ?", r.Kind, day)
	if err != nil {
		return r, "", err
	}
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].ID != r.ID && strings.EqualFold(rows[i].Title, r.Title) {
			return rows[i], rows[i].Date, nil
		}
	}
	return r, "", nil
}
