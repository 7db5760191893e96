package meetings_test

import (
	"testing"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/feeds"
	"postdeck/backend/meetings"
	"postdeck/backend/replica"
)

// seriesWithRule adds a series on date and gives it rule, as a teammate's
// device (a later version of Postdeck, or a calendar import) may write it.
func (f fixture) seriesWithRule(t *testing.T, date, rule string) meetings.Meeting {
	t.Helper()
	m := f.checkin(t, date)
	if err := f.ws.Replica.Write(ctx, func(w *replica.Writer) error {
		return w.Update("meetings", m.ID, map[string]any{"rrule": rule})
	}); err != nil {
		t.Fatal(err)
	}
	return m
}

// A yearly series on 29 February meets every four years: its next and
// previous meetings are found however far apart they are, and an action
// item is due at the next one.
func TestAYearlySeriesFindsItsNextAndPreviousMeeting(t *testing.T) {
	f := setup(t) // today is 2026-03-01
	m := f.seriesWithRule(t, "2024-02-29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")
	got, err := f.ws.Meetings.Meeting(ctx, m.ID)
	if err != nil || got.Next != "2028-02-29" {
		t.Fatalf("next meeting %q %v, want 2028-02-29", got.Next, err)
	}
	d, err := f.ws.Meetings.Day(ctx, m.ID, "")
	if err != nil || d.Date != "2028-02-29" || d.NextDate != "2032-02-29" || d.Previous == nil || d.Previous.Date != "2024-02-29" {
		t.Fatalf("day %+v %v", d, err)
	}
	a, err := f.ws.Meetings.AddAction(ctx, f.sari, m.ID, d.Date, meetings.ActionInput{Title: "Leap-day post", AssigneeID: f.ana})
	if err != nil || a.Due != "2032-02-29" {
		t.Fatalf("action %+v %v, want due 2032-02-29", a, err)
	}
}

// A series that meets every 20 years has its next meeting after 2037, far
// beyond a year from today, and it is found.
func TestASeriesWhoseNextMeetingIsAfter2037(t *testing.T) {
	f := setup(t)
	m := f.seriesWithRule(t, "2020-03-05", "FREQ=YEARLY;INTERVAL=20")
	got, err := f.ws.Meetings.Meeting(ctx, m.ID)
	if err != nil || got.Next != "2040-03-05" {
		t.Fatalf("next meeting %q %v, want 2040-03-05", got.Next, err)
	}
	d, err := f.ws.Meetings.Day(ctx, m.ID, "2040-03-05")
	if err != nil || d.NextDate != "2060-03-05" || d.Previous == nil || d.Previous.Date != "2020-03-05" {
		t.Fatalf("day %+v %v", d, err)
	}
	if d.Occurrence.StartsAt != "2040-03-05T09:00:00+01:00" {
		t.Fatalf("starts at %s", d.Occurrence.StartsAt)
	}
	// Weekly, with every meeting until 2038 skipped.
	w := f.checkin(t, "2026-03-05")
	var skipped []string
	for day := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC); day.Year() < 2038 || day.YearDay() < 21; day = day.AddDate(0, 0, 7) {
		skipped = append(skipped, day.Format("2006-01-02"))
	}
	if err := f.ws.Replica.Write(ctx, func(rw *replica.Writer) error {
		return rw.Update("meetings", w.ID, map[string]any{"exdates": skipped})
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := f.ws.Meetings.Meeting(ctx, w.ID); err != nil || got.Next != "2038-01-21" {
		t.Fatalf("next weekly meeting %q %v, want 2038-01-21", got.Next, err)
	}
}

// A rule this version cannot read is said as an error naming the meeting
// when it is opened, not shown as a series that has ended; in lists it is
// marked (the meetings list) or left out (the calendar, a freelancer's
// feed), so one such series never hides the other meetings.
func TestAnUnreadableRuleIsAClearError(t *testing.T) {
	f := setup(t)
	m := f.seriesWithRule(t, "2026-03-05", "FREQ=FORTNIGHTLY")
	ok := f.checkin(t, "2026-03-10")
	_, err := f.ws.Meetings.Meeting(ctx, m.ID)
	if e := apperr.As(err); e == nil || e.Code != "meeting.rule_unreadable" || e.Params["title"] != "Weekly check-in" {
		t.Fatalf("meeting: %v", err)
	}
	if _, err := f.ws.Meetings.Day(ctx, m.ID, ""); apperr.Code(err) != "meeting.rule_unreadable" {
		t.Fatalf("day: %v", err)
	}
	list, err := f.ws.Meetings.Meetings(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("meetings list: %v %+v", err, list)
	}
	for _, got := range list {
		if got.RuleUnreadable != (got.ID == m.ID) {
			t.Fatalf("meeting %s listed with ruleUnreadable=%v", got.ID, got.RuleUnreadable)
		}
	}
	occ, err := f.ws.Meetings.Occurrences(ctx, "2026-03-01", "2026-03-31")
	if err != nil || len(occ) != 4 {
		t.Fatalf("occurrences: %v, %d, want the readable series' 4 weeks", err, len(occ))
	}
	for _, o := range occ {
		if o.MeetingID != ok.ID {
			t.Fatalf("the unreadable series is on the calendar: %+v", o)
		}
	}
	events, err := f.ws.Meetings.FeedSource().MemberEvents(ctx, feeds.MemberQuery{MemberID: f.sari, Language: "en", Zone: time.UTC})
	if err != nil || len(events) != 1 || events[0].UID != meetings.MeetingUID(ok.ID) {
		t.Fatalf("feed: %v %+v, want only the readable series", err, events)
	}
}
