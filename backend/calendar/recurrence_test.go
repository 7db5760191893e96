package calendar_test

import (
	"slices"
	"testing"
	"time"

	"postdeck/backend/calendar"
)

// inZone sets the workspace time zone of f.
func (f fixture) inZone(t *testing.T, tz string) *time.Location {
	t.Helper()
	if _, err := f.ws.Workspace.Update(ctx, "Kopi Nusantara", tz); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func (f fixture) series(t *testing.T, date, clock string, r calendar.Repeat) calendar.Post {
	t.Helper()
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Tips Senin", Body: "Tip of the week",
		Channels: []string{f.ig, f.x}, Variants: map[string]string{f.x: "Tip #kopi"}, Date: date, Time: clock, Repeat: &r})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f fixture) days(t *testing.T, from, to string) []string {
	t.Helper()
	ps, err := f.ws.Calendar.Posts(ctx, calendar.Filter{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Date+" "+p.Time+" "+p.Title)
	}
	return out
}

func utc(ts []time.Time) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.UTC().Format(time.RFC3339))
	}
	return out
}

func TestWeeklySeriesKeepsItsWallClockAcrossDaylightSaving(t *testing.T) {
	f := setup(t)
	loc := f.inZone(t, "Europe/Berlin")
	// Sundays 09:00 around the end of summer time (25 October 2026) and
	// 00:30, where a series that added 7×24 hours would slip to Saturday.
	p := f.series(t, "2026-10-18", "09:00", calendar.Repeat{Freq: "weekly", Count: 3})
	if p.RRule != "FREQ=WEEKLY;BYDAY=SU;COUNT=3" {
		t.Fatalf("rule: %q", p.RRule)
	}
	times, err := calendar.OccurrenceTimes(p.RRule, p.Date, p.Time, nil, loc, "2026-10-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-10-18T07:00:00Z", "2026-10-25T08:00:00Z", "2026-11-01T08:00:00Z"}
	if got := utc(times); !slices.Equal(got, want) {
		t.Fatalf("UTC starts: %v, want %v", got, want)
	}
	late := f.series(t, "2026-03-22", "00:30", calendar.Repeat{Freq: "weekly", Count: 3})
	times, _ = calendar.OccurrenceTimes(late.RRule, late.Date, late.Time, nil, loc, "2026-03-01", "2026-04-30")
	want = []string{"2026-03-21T23:30:00Z", "2026-03-28T23:30:00Z", "2026-04-04T22:30:00Z"}
	if got := utc(times); !slices.Equal(got, want) {
		t.Fatalf("UTC starts across the spring change: %v, want %v", got, want)
	}
	if got := f.days(t, "2026-03-01", "2026-04-30"); !slices.Equal(got, []string{
		"2026-03-22 00:30 Tips Senin", "2026-03-29 00:30 Tips Senin", "2026-04-05 00:30 Tips Senin"}) {
		t.Fatalf("calendar days: %v", got)
	}
}

func TestSeriesInJakartaHaveNoDaylightSaving(t *testing.T) {
	f := setup(t)
	loc := f.inZone(t, "Asia/Jakarta")
	p := f.series(t, "2026-12-30", "23:30", calendar.Repeat{Freq: "daily", Until: "2027-01-02"})
	times, err := calendar.OccurrenceTimes(p.RRule, p.Date, p.Time, nil, loc, "2026-12-01", "2027-01-31")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-12-30T16:30:00Z", "2026-12-31T16:30:00Z", "2027-01-01T16:30:00Z", "2027-01-02T16:30:00Z"}
	if got := utc(times); !slices.Equal(got, want) {
		t.Fatalf("UTC starts: %v, want %v (the end date is included)", got, want)
	}
	if p.Repeat == nil || p.Repeat.Until != "2027-01-02" || p.Repeat.Freq != "daily" {
		t.Fatalf("the rule reads back as the editor wrote it: %+v", p.Repeat)
	}
}

func TestMonthlySeriesOnAWeekdayOrADay(t *testing.T) {
	f := setup(t)
	f.inZone(t, "Asia/Jakarta")
	// 2026-12-25 is the last Friday of December (and the 4th).
	last := f.series(t, "2026-12-25", "", calendar.Repeat{Freq: "monthly", MonthlyBy: "lastWeekday", Count: 3})
	days, _ := calendar.Occurrences(last.RRule, last.Date, last.Time, nil, time.UTC, "2026-12-01", "2027-12-31")
	if !slices.Equal(days, []string{"2026-12-25", "2027-01-29", "2027-02-26"}) {
		t.Fatalf("last Friday: %v (rule %s)", days, last.RRule)
	}
	if !last.AllDay || last.Repeat.MonthlyBy != "lastWeekday" {
		t.Fatalf("an all-day series: %+v", last)
	}
	nth := f.series(t, "2026-12-08", "10:00", calendar.Repeat{Freq: "monthly", MonthlyBy: "weekday", Interval: 2, Count: 2})
	days, _ = calendar.Occurrences(nth.RRule, nth.Date, nth.Time, nil, time.UTC, "2026-12-01", "2027-12-31")
	if !slices.Equal(days, []string{"2026-12-08", "2027-02-09"}) { // 2nd Tuesday, every other month
		t.Fatalf("2nd Tuesday every 2 months: %v (rule %s)", days, nth.RRule)
	}
}

func TestEditOneOccurrenceOrTheWholeSeries(t *testing.T) {
	f := setup(t)
	f.inZone(t, "Asia/Jakarta")
	s := f.series(t, "2026-12-07", "09:00", calendar.Repeat{Freq: "weekly", Weekdays: []string{"WE", "MO"}, Count: 6})
	all := f.days(t, "2026-12-01", "2026-12-31")
	want := []string{"2026-12-07 09:00 Tips Senin", "2026-12-09 09:00 Tips Senin", "2026-12-14 09:00 Tips Senin",
		"2026-12-16 09:00 Tips Senin", "2026-12-21 09:00 Tips Senin", "2026-12-23 09:00 Tips Senin"}
	if !slices.Equal(all, want) {
		t.Fatalf("six posts on Mondays and Wednesdays: %v", all)
	}
	// This post only: the 14th moves to the 15th with another title.
	in := calendar.PostInput{Title: "Tips spesial", Body: "Special", Channels: []string{f.ig}, Date: "2026-12-15", Time: "11:00"}
	one, err := f.ws.Calendar.EditOccurrence(ctx, f.creator, s.ID, "2026-12-14", in)
	if err != nil {
		t.Fatal(err)
	}
	if one.Post.ID == s.ID || one.Post.SeriesID != s.ID || one.Post.Occurrence != "2026-12-14" {
		t.Fatalf("the edited occurrence is a post of its own in the series: %+v", one.Post)
	}
	// The whole series: a new title for every other post.
	whole := calendar.PostInput{Title: "Tips Kopi", Body: "Tip of the week", Channels: []string{f.ig, f.x},
		Variants: map[string]string{f.x: "Tip #kopi"}, Date: "2026-12-07", Time: "09:00", Repeat: s.Repeat}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.creator, s.ID, whole); err != nil {
		t.Fatal(err)
	}
	got := f.days(t, "2026-12-01", "2026-12-31")
	want = []string{"2026-12-07 09:00 Tips Kopi", "2026-12-09 09:00 Tips Kopi", "2026-12-15 11:00 Tips spesial",
		"2026-12-16 09:00 Tips Kopi", "2026-12-21 09:00 Tips Kopi", "2026-12-23 09:00 Tips Kopi"}
	if !slices.Equal(got, want) {
		t.Fatalf("after editing one and then all: %v", got)
	}
	ps, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{From: "2026-12-09", To: "2026-12-09"})
	if len(ps) != 1 || ps[0].ID != s.ID || ps[0].SeriesID != s.ID || ps[0].Variants[f.x] != "Tip #kopi" {
		t.Fatalf("an occurrence opens its series and has its channel texts: %+v", ps)
	}
	// Detaching again gives the same post, not a second one.
	again, err := f.ws.Calendar.DetachOccurrence(ctx, s.ID, "2026-12-14")
	if err != nil || again.ID != one.Post.ID || again.Title != "Tips spesial" {
		t.Fatalf("detach again: %+v %v", again, err)
	}
}

func TestSkipAndDeleteOccurrencesAndSeries(t *testing.T) {
	f := setup(t)
	s := f.series(t, "2026-12-01", "", calendar.Repeat{Freq: "daily", Count: 5})
	if err := f.ws.Calendar.SkipOccurrence(ctx, s.ID, "2026-12-02"); err != nil {
		t.Fatal(err)
	}
	one, err := f.ws.Calendar.DetachOccurrence(ctx, s.ID, "2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.ws.Calendar.DeletePost(ctx, one.ID); err != nil {
		t.Fatal(err)
	}
	got := f.days(t, "2026-12-01", "2026-12-31")
	if want := []string{"2026-12-01  Tips Senin", "2026-12-03  Tips Senin", "2026-12-05  Tips Senin"}; !slices.Equal(got, want) {
		t.Fatalf("after skipping the 2nd and deleting the 4th: %v", got)
	}
	series, _ := f.ws.Calendar.Post(ctx, s.ID)
	if !slices.Equal(series.ExDates, []string{"2026-12-02", "2026-12-04"}) {
		t.Fatalf("skipped days: %v", series.ExDates)
	}
	if _, err := f.ws.Calendar.DetachOccurrence(ctx, s.ID, "2026-12-02"); code(err) != "post.occurrence_skipped" {
		t.Fatalf("a skipped day cannot be edited: %v", err)
	}
	if _, err := f.ws.Calendar.DetachOccurrence(ctx, s.ID, "2026-12-09"); code(err) != "post.not_an_occurrence" {
		t.Fatalf("a day outside the series: %v", err)
	}
	// Bring the 2nd back by editing the series' skipped days.
	in := calendar.PostInput{Title: series.Title, Body: series.Body, Channels: series.Channels, Variants: series.Variants,
		Date: series.Date, Repeat: series.Repeat, ExDates: []string{"2026-12-04"}}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.creator, s.ID, in); err != nil {
		t.Fatal(err)
	}
	if got := f.days(t, "2026-12-01", "2026-12-31"); len(got) != 4 {
		t.Fatalf("the 2nd is back: %v", got)
	}
	kept, _ := f.ws.Calendar.DetachOccurrence(ctx, s.ID, "2026-12-05")
	if err := f.ws.Calendar.DeletePost(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.days(t, "2026-12-01", "2026-12-31"); len(got) != 0 {
		t.Fatalf("deleting the series removes all its posts: %v", got)
	}
	if _, err := f.ws.Calendar.Post(ctx, kept.ID); code(err) != "post.not_found" {
		t.Fatalf("an occurrence edited on its own goes with its series: %v", err)
	}
}

func TestRepeatRulesAreChecked(t *testing.T) {
	f := setup(t)
	cases := []struct {
		date, clock string
		r           calendar.Repeat
		code        string
	}{
		{"", "", calendar.Repeat{Freq: "weekly"}, "post.repeat_needs_date"},
		{"2026-12-01", "", calendar.Repeat{Freq: "hourly"}, "post.repeat_freq"},
		{"2026-12-01", "", calendar.Repeat{Freq: "weekly", Weekdays: []string{"XX"}}, "post.repeat_weekday"},
		{"2026-12-01", "", calendar.Repeat{Freq: "daily", Count: 3, Until: "2026-12-31"}, "post.repeat_end_both"},
		{"2026-12-01", "", calendar.Repeat{Freq: "daily", Until: "2026-11-30"}, "post.repeat_until"},
		{"2026-12-01", "", calendar.Repeat{Freq: "daily", Count: 5000}, "post.repeat_count"},
		{"2026-12-01", "", calendar.Repeat{Freq: "daily", Interval: 100}, "post.repeat_interval"},
		{"2026-12-01", "", calendar.Repeat{Freq: "monthly", MonthlyBy: "moon"}, "post.repeat_monthly_by"},
	}
	for _, c := range cases {
		_, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "x", Date: c.date, Time: c.clock, Repeat: &c.r})
		if code(err) != c.code {
			t.Errorf("%+v: got %v, want %s", c.r, err, c.code)
		}
	}
	if ps, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{}); len(ps) != 0 {
		t.Fatalf("refused series were written: %+v", ps)
	}
	s := f.series(t, "2026-12-01", "", calendar.Repeat{Freq: "daily", Count: 2})
	one, _ := f.ws.Calendar.DetachOccurrence(ctx, s.ID, "2026-12-02")
	_, err := f.ws.Calendar.UpdatePost(ctx, f.creator, one.ID, calendar.PostInput{Title: "x", Date: "2026-12-02",
		Repeat: &calendar.Repeat{Freq: "daily"}})
	if code(err) != "post.repeat_on_occurrence" {
		t.Fatalf("an occurrence cannot repeat on its own: %v", err)
	}
}

func TestGapsCompareTheNextTwoWeeksWithEachChannelsCadence(t *testing.T) {
	f := setup(t) // @kopinusantara on Instagram aims for 3 posts a week: 6 in 14 days; X has no cadence
	in := func(title, date string, r *calendar.Repeat) calendar.PostInput {
		return calendar.PostInput{Title: title, Channels: []string{f.ig, f.x}, Date: date, Repeat: r}
	}
	if _, err := f.ws.Calendar.AddPost(ctx, f.creator, in("Daily", "2026-12-01", &calendar.Repeat{Freq: "daily", Count: 3})); err != nil {
		t.Fatal(err)
	}
	old, _ := f.ws.Calendar.AddPost(ctx, f.creator, in("Old", "2026-12-10", nil))
	f.walk(t, old.ID, f.creator, calendar.Archived)
	_, _ = f.ws.Calendar.AddPost(ctx, f.creator, in("Too late", "2026-12-15", nil))

	rep, err := f.ws.Calendar.Gaps(ctx, "2026-12-01")
	if err != nil {
		t.Fatal(err)
	}
	if rep.To != "2026-12-14" || len(rep.Gaps) != 1 {
		t.Fatalf("one channel short: %+v", rep)
	}
	g := rep.Gaps[0]
	if g.ChannelID != f.ig || g.Expected != 6 || g.Planned != 3 || len(g.EmptyDays) != 11 || g.EmptyDays[0] != "2026-12-04" {
		t.Fatalf("Instagram: %+v (archived posts and posts after the window do not count)", g)
	}
	weekly := &calendar.Repeat{Freq: "weekly", Weekdays: []string{"MO", "WE", "FR"}}
	if _, err := f.ws.Calendar.AddPost(ctx, f.creator, in("MWF", "2026-12-04", weekly)); err != nil {
		t.Fatal(err)
	}
	if rep, _ := f.ws.Calendar.Gaps(ctx, "2026-12-01"); len(rep.Gaps) != 0 {
		t.Fatalf("three a week fills the gap: %+v", rep.Gaps)
	}
}

// A weekly series whose date is not one of its weekdays (a Monday, on
// Thursdays) starts on the first Thursday: RFC 5545 leaves a DTSTART the
// rule does not produce undefined, and calendar apps then disagree.
func TestWeeklySeriesStartsOnADayItsRuleProduces(t *testing.T) {
	f := setup(t)
	f.inZone(t, "Europe/Berlin")
	p := f.series(t, "2027-03-01", "09:00", calendar.Repeat{Freq: "weekly", Weekdays: []string{"TH"}, Count: 3})
	if p.Date != "2027-03-04" || p.RRule != "FREQ=WEEKLY;BYDAY=TH;COUNT=3" {
		t.Fatalf("stored %s %q, want the first Thursday", p.Date, p.RRule)
	}
	if got := f.days(t, "2027-03-01", "2027-03-31"); !slices.Equal(got, []string{
		"2027-03-04 09:00 Tips Senin", "2027-03-11 09:00 Tips Senin", "2027-03-18 09:00 Tips Senin"}) {
		t.Fatalf("calendar days: %v", got)
	}
	// Moving a series to another date does the same.
	up, err := f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, calendar.PostInput{Title: "Tips Senin", Date: "2027-03-08", Time: "09:00",
		Repeat: &calendar.Repeat{Freq: "weekly", Weekdays: []string{"TH", "FR"}, Count: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.ws.Calendar.Post(ctx, up.Post.ID); got.Date != "2027-03-11" {
		t.Fatalf("moved series starts on %s, want 2027-03-11", got.Date)
	}
}

// 02:30 on the night Berlin moves to summer time does not exist: the post
// is saved at 03:30, the time it comes to, and shown and exported so.
func TestATimeTheClocksSkipIsSavedAsTheTimeItComesTo(t *testing.T) {
	f := setup(t)
	f.inZone(t, "Europe/Berlin")
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Gap", Date: "2027-03-28", Time: "02:30"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Date != "2027-03-28" || p.Time != "03:30" {
		t.Fatalf("saved at %s %s, want 03:30", p.Date, p.Time)
	}
	// 02:30 on the night the clocks go back exists (twice): it stays.
	q, _ := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Repeat", Date: "2027-10-31", Time: "02:30"})
	if q.Time != "02:30" {
		t.Fatalf("an existing time moved: %s", q.Time)
	}
}

// The next and previous day of a series come from walking its rule, so a
// yearly series, a skipped day, a series that has ended and one whose next
// day is decades away are all answered, and a rule that cannot be read is
// an error, not "no more days".
func TestNextAndPreviousOccurrence(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		rule, date, clock string
		ex                []string
		at, next, prev    string
	}{
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29", "09:00", nil, "2026-03-01", "2028-02-29", "2024-02-29"},
		{"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29", "", nil, "2028-02-29", "2028-02-29", "2024-02-29"},
		{"FREQ=WEEKLY;BYDAY=TH", "2026-03-05", "09:00", []string{"2026-03-12"}, "2026-03-06", "2026-03-19", "2026-03-05"},
		{"FREQ=WEEKLY;BYDAY=TH;COUNT=2", "2026-03-05", "09:00", nil, "2026-03-13", "", "2026-03-12"},
		{"FREQ=YEARLY;INTERVAL=20", "2020-03-05", "09:00", nil, "2026-03-01", "2040-03-05", "2020-03-05"},
		{"FREQ=YEARLY;INTERVAL=20", "2020-03-05", "09:00", nil, "2180-03-06", "", "2180-03-05"},
		{"FREQ=DAILY", "2026-03-05", "09:00", nil, "2026-03-05", "2026-03-05", ""},
	}
	for _, c := range cases {
		next, err := calendar.NextOccurrence(c.rule, c.date, c.clock, c.ex, berlin, c.at)
		if err != nil || next != c.next {
			t.Errorf("%s from %s: next %q %v, want %q", c.rule, c.at, next, err, c.next)
		}
		prev, err := calendar.PrevOccurrence(c.rule, c.date, c.clock, c.ex, berlin, c.at)
		if err != nil || prev != c.prev {
			t.Errorf("%s before %s: previous %q %v, want %q", c.rule, c.at, prev, err, c.prev)
		}
	}
	if _, err := calendar.NextOccurrence("FREQ=FORTNIGHTLY", "2026-03-05", "09:00", nil, berlin, "2026-03-01"); err == nil {
		t.Fatal("an unreadable rule gives no error")
	}
	if _, err := calendar.PrevOccurrence("FREQ=WEEKLY;BYDAY=XX", "2026-03-05", "09:00", nil, berlin, "2026-03-01"); err == nil {
		t.Fatal("an unreadable rule gives no error")
	}
}
