package meetings_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/feeds"
	"postdeck/backend/ics"
	"postdeck/backend/internal/testws"
	"postdeck/backend/meetings"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
)

var ctx = context.Background()

type fixture struct {
	ws              *core.Workspace
	sari, ana, budi string
}

// setup opens a workspace in Berlin with three members; "today" is
// 2026-03-01, before every meeting the tests plan.
func setup(t *testing.T) fixture {
	t.Helper()
	ws, _ := testws.Open(t)
	return fixtureOf(t, ws)
}

func fixtureOf(t *testing.T, ws *core.Workspace) fixture {
	t.Helper()
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Europe/Berlin"); err != nil {
		t.Fatal(err)
	}
	f := fixture{ws: ws}
	for _, m := range []struct {
		name, role string
		id         *string
	}{{"Sari", "social_media_manager", &f.sari}, {"Ana", "content_creator", &f.ana}, {"Budi", "community_manager", &f.budi}} {
		mem, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: m.name, Roles: []string{m.role}})
		if err != nil {
			t.Fatal(err)
		}
		*m.id = mem.ID
	}
	ws.Meetings.SetClock(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	return f
}

func (f fixture) checkin(t *testing.T, date string) meetings.Meeting {
	t.Helper()
	m, err := f.ws.Meetings.Add(ctx, meetings.Input{Kind: meetings.KindCheckin, Title: "Weekly check-in", Date: date,
		Time: "09:00", Repeat: meetings.RepeatWeekly, AttendeeIDs: []string{f.sari, f.ana, f.budi}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A check-in at 02:30 on the Sunday Berlin's clocks jump from 02:00 to 03:00
// starts at 03:30 that day, on the calendar and as an instant alike, and at
// 02:30 the weeks around it.
func TestACheckInInTheSkippedHourStartsWhenTheClocksComeTo(t *testing.T) {
	f := setup(t)
	if _, err := f.ws.Meetings.Add(ctx, meetings.Input{Kind: meetings.KindCheckin, Title: "Early check-in", Date: "2026-03-22",
		Time: "02:30", Repeat: meetings.RepeatWeekly, AttendeeIDs: []string{f.sari}}); err != nil {
		t.Fatal(err)
	}
	occ, err := f.ws.Meetings.Occurrences(ctx, "2026-03-22", "2026-04-05")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range occ {
		got = append(got, o.Start+" "+o.StartsAt)
	}
	want := []string{
		"2026-03-22T02:30:00 2026-03-22T02:30:00+01:00",
		"2026-03-29T03:30:00 2026-03-29T03:30:00+02:00",
		"2026-04-05T02:30:00 2026-04-05T02:30:00+02:00",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("occurrences:\n got %v\nwant %v", got, want)
	}
}

func TestAWeeklyCheckInKeepsNineOClockAcrossTheChangeToSummerTimeInBerlin(t *testing.T) {
	f := setup(t)
	m := f.checkin(t, "2026-03-19") // a Thursday; summer time starts Sunday 29 March
	if m.RRule != "FREQ=WEEKLY;BYDAY=TH" || m.Zone != "Europe/Berlin" || m.Next != "2026-03-19" {
		t.Fatalf("meeting: %+v", m)
	}
	occ, err := f.ws.Meetings.Occurrences(ctx, "2026-03-01", "2026-04-09")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range occ {
		got = append(got, o.Start+" "+o.StartsAt)
	}
	want := []string{
		"2026-03-19T09:00:00 2026-03-19T09:00:00+01:00",
		"2026-03-26T09:00:00 2026-03-26T09:00:00+01:00",
		"2026-04-02T09:00:00 2026-04-02T09:00:00+02:00",
		"2026-04-09T09:00:00 2026-04-09T09:00:00+02:00",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("occurrences:\n got %v\nwant %v", got, want)
	}
	// The meeting after the change opens with the one before it, and its
	// action items are due by default on the next week's.
	d, err := f.ws.Meetings.Day(ctx, m.ID, "2026-04-02")
	if err != nil {
		t.Fatal(err)
	}
	if d.Previous == nil || d.Previous.Date != "2026-03-26" || d.NextDate != "2026-04-09" || d.DayID != meetings.DayID(m.ID, "2026-04-02") {
		t.Fatalf("day: previous %+v next %q", d.Previous, d.NextDate)
	}
	// A day the series does not meet on is refused.
	if _, err := f.ws.Meetings.Day(ctx, m.ID, "2026-04-03"); apperr.Code(err) != "meeting.not_a_day" {
		t.Fatalf("a Friday: %v", err)
	}
	// Skipping a week takes it off the calendar; the week after then opens
	// with the week before it.
	if err := f.ws.Meetings.SkipDay(ctx, m.ID, "2026-03-26"); err != nil {
		t.Fatal(err)
	}
	occ, _ = f.ws.Meetings.Occurrences(ctx, "2026-03-20", "2026-04-01")
	if len(occ) != 0 {
		t.Fatalf("skipped week still there: %+v", occ)
	}
	d, _ = f.ws.Meetings.Day(ctx, m.ID, "2026-04-02")
	if d.Previous == nil || d.Previous.Date != "2026-03-19" {
		t.Fatalf("previous after a skipped week: %+v", d.Previous)
	}
}

func changes(t *testing.T, ws *core.Workspace) int64 {
	t.Helper()
	var n int64
	if err := ws.Store.DB().Raw("SELECT COUNT(*) FROM changes").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBadMeetingsAreRefusedWithAClearCodeAndWriteNothing(t *testing.T) {
	f := setup(t)
	ok := meetings.Input{Kind: meetings.KindStakeholder, Title: "Brand review", Date: "2026-05-04", Time: "14:00",
		AttendeeIDs: []string{f.sari}, Guests: []meetings.Guest{{Name: "Dewi", Role: "Brand manager"}}}
	cases := []struct {
		name string
		edit func(*meetings.Input)
		code string
	}{
		{"no such day", func(in *meetings.Input) { in.Date = "2027-02-30" }, "meeting.date_invalid"},
		{"not a date", func(in *meetings.Input) { in.Date = "4 May" }, "meeting.date_invalid"},
		{"far future", func(in *meetings.Input) { in.Date = "9999-01-01" }, "meeting.date_out_of_range"},
		{"bad time", func(in *meetings.Input) { in.Time = "25:00" }, "meeting.time_invalid"},
		{"no time", func(in *meetings.Input) { in.Time = "" }, "meeting.time_invalid"},
		{"empty title", func(in *meetings.Input) { in.Title = "   " }, "meeting.title_required"},
		{"unknown kind", func(in *meetings.Input) { in.Kind = "party" }, "meeting.kind_invalid"},
		{"unknown member", func(in *meetings.Input) { in.AttendeeIDs = []string{f.sari, "nobody"} }, "meeting.member_unknown"},
		{"guest without a name", func(in *meetings.Input) { in.Guests = []meetings.Guest{{Role: "CEO"}} }, "meeting.guest_name_required"},
		{"too long", func(in *meetings.Input) { in.DurationMinutes = 13 * 60 }, "meeting.duration_invalid"},
		{"monthly", func(in *meetings.Input) { in.Repeat = "monthly" }, "meeting.repeat_invalid"},
		{"unknown post", func(in *meetings.Input) { in.PostIDs = []string{"0190aaaa-0000-7000-8000-000000000000"} }, "meeting.post_unknown"},
		{"unknown agenda template", func(in *meetings.Input) { in.AgendaTemplateID = "0190aaaa-0000-7000-8000-000000000000" }, "meeting.template_unknown"},
	}
	before := changes(t, f.ws)
	for _, c := range cases {
		in := ok
		c.edit(&in)
		_, err := f.ws.Meetings.Add(ctx, in)
		if apperr.Code(err) != c.code {
			t.Errorf("%s: want %s, got %v", c.name, c.code, err)
		}
	}
	if after := changes(t, f.ws); after != before {
		t.Fatalf("refused meetings wrote %d changes", after-before)
	}
	if all, _ := f.ws.Meetings.Meetings(ctx); len(all) != 0 {
		t.Fatalf("meetings after refusals: %+v", all)
	}
	// An update with a bad field leaves the meeting as it was. (It starts
	// from a built-in agenda template.)
	agendas, err := f.ws.Templates.List(ctx, "agenda")
	if err != nil || len(agendas) == 0 {
		t.Fatalf("agenda templates: %v %d", err, len(agendas))
	}
	ok.AgendaTemplateID, ok.Agenda = agendas[0].ID, agendas[0].Body
	m, err := f.ws.Meetings.Add(ctx, ok)
	if err != nil {
		t.Fatal(err)
	}
	bad := ok
	bad.Date, bad.Title = "2026-13-01", "Renamed"
	if _, err := f.ws.Meetings.Update(ctx, m.ID, bad); apperr.Code(err) != "meeting.date_invalid" {
		t.Fatalf("update: %v", err)
	}
	if got, _ := f.ws.Meetings.Meeting(ctx, m.ID); got.Title != "Brand review" || got.Date != "2026-05-04" || got.AgendaTemplateID != agendas[0].ID {
		t.Fatalf("after a refused update: %+v", got)
	}
	// A check-in for someone who is not a member is refused too.
	if _, err := f.ws.Meetings.SaveCheckIn(ctx, m.ID, "", "nobody", meetings.CheckInInput{Wins: ptr("x")}); apperr.Code(err) != "meeting.member_unknown" {
		t.Fatalf("check-in of nobody: %v", err)
	}
}

func ptr(s string) *string { return &s }

// Ana and Budi write their own check-in for the same week on their own
// computers before either syncs: after syncing, both computers have both.
func TestTwoPeopleWritingTheirOwnCheckInAtOnceBothKeepIt(t *testing.T) {
	f := setup(t)
	m := f.checkin(t, "2026-03-19")
	folder := t.TempDir()
	if _, err := f.ws.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	mateWS, _ := testws.Open(t)
	if _, err := mateWS.Sync.Join(ctx, folder, f.ws.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	mateWS.Meetings.SetClock(func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
	if _, err := f.ws.Meetings.SaveCheckIn(ctx, m.ID, "2026-03-26", f.ana, meetings.CheckInInput{
		Wins: ptr("Reel reached 40k views"), Plan: ptr("Two reels next week")}); err != nil {
		t.Fatal(err)
	}
	if _, err := mateWS.Meetings.SaveCheckIn(ctx, m.ID, "2026-03-26", f.budi, meetings.CheckInInput{
		Help: ptr("Replies to complaints on X"), NextReport: ptr("Response times")}); err != nil {
		t.Fatal(err)
	}
	for _, ws := range []*core.Workspace{f.ws, mateWS, f.ws} {
		if _, err := ws.Sync.SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for name, ws := range map[string]*core.Workspace{"first": f.ws, "second": mateWS} {
		d, err := ws.Meetings.Day(ctx, m.ID, "2026-03-26")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]meetings.CheckIn{}
		for _, c := range d.CheckIns {
			got[c.MemberName] = c
		}
		if got["Ana"].Wins != "Reel reached 40k views" || got["Ana"].Plan != "Two reels next week" ||
			got["Budi"].Help != "Replies to complaints on X" || got["Budi"].NextReport != "Response times" {
			t.Errorf("%s computer: %+v", name, d.CheckIns)
		}
		var conflicts int64
		// Both wrote the day's row with the same values: nothing for a person
		// to resolve.
		ws.Store.DB().Raw(`SELECT COUNT(*) FROM conflicts c LEFT JOIN conflict_resolutions r ON r.id = c.id
			WHERE r.id IS NULL`).Scan(&conflicts)
		if conflicts != 0 {
			t.Errorf("%s computer has %d open conflicts", name, conflicts)
		}
	}
}

func TestMarkdownNotesShowTheTeamsTextAsWritten(t *testing.T) {
	f := setup(t)
	m, err := f.ws.Meetings.Add(ctx, meetings.Input{Kind: meetings.KindStakeholder, Title: "Q3 *launch* [plan](http://x.example)",
		Date: "2026-05-04", Time: "14:00", AttendeeIDs: []string{f.ana},
		Guests: []meetings.Guest{{Name: "Dewi <b>", Role: "Brand_manager"}},
		Agenda: "# Topics\n- The launch date\n- Budget & <script>alert(1)</script>"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Meetings.SaveCheckIn(ctx, m.ID, "", f.ana, meetings.CheckInInput{
		Wins: ptr("# not a heading\n- not a list\n1. not numbered\n> not a quote\n`code` & **bold**\n---")}); err != nil {
		t.Fatal(err)
	}
	text, err := f.ws.Meetings.Markdown(ctx, m.ID, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := goldmark.Convert([]byte(text), &html); err != nil {
		t.Fatal(err)
	}
	out := html.String()
	// No HTML from anyone's text; names, titles and check-ins stay text.
	for _, bad := range []string{"<script", "<a ", "<em>", "<strong>bold", "<strong>launch", "<b>", "<ol", "<blockquote", "<code>", "<hr", "<h1>not", "<li>not"} {
		if strings.Contains(out, bad) {
			t.Errorf("the team's text became markup (%s):\n%s\n---\n%s", bad, text, out)
		}
	}
	for _, want := range []string{"<h1>Q3 *launch* [plan](http://x.example)</h1>", "Dewi &lt;b&gt; (Brand_manager)", "# not a heading",
		"- not a list", "1. not numbered", "&gt; not a quote", "`code` &amp; **bold**", "---",
		// The agenda is Markdown: its list stays a list, its heading goes under "Agenda".
		"<h3>Topics</h3>", "<li>The launch date</li>", "<li>Budget &amp; &lt;script&gt;alert(1)&lt;/script&gt;</li>"} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered notes lack %q:\n%s\n---\n%s", want, text, out)
		}
	}
	if strings.Count(out, "<h1>") != 1 {
		t.Errorf("headings: %s", out)
	}
	id, err := f.ws.Meetings.Markdown(ctx, m.ID, "", "id")
	if err != nil || !strings.Contains(id, "Rapat pemangku kepentingan") || !strings.Contains(id, "**Keberhasilan**") {
		t.Fatalf("Indonesian notes: %v\n%s", err, id)
	}
}

func TestAMembersFeedHoldsTheMeetingsTheyAttendAsTheRealParserReadsThem(t *testing.T) {
	f := setup(t)
	m := f.checkin(t, "2026-03-19")
	if err := f.ws.Meetings.SkipDay(ctx, m.ID, "2026-03-26"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Meetings.Add(ctx, meetings.Input{Kind: meetings.KindStakeholder, Title: "Brand review; Q3",
		Date: "2026-05-04", Time: "14:00", DurationMinutes: 90, AttendeeIDs: []string{f.sari},
		Guests: []meetings.Guest{{Name: "Dewi", Role: "Brand manager"}}}); err != nil {
		t.Fatal(err)
	}
	// Sari's tasks: one due on a day, one at a time, one done, and Ana's.
	for _, in := range []tasks.Input{
		{Title: "Monthly report", AssigneeID: f.sari, Due: "2026-04-30"},
		{Title: "Call the printer", AssigneeID: f.sari, Due: "2026-03-31", DueTime: "10:15", Description: "Ask about; the posters"},
		{Title: "Old thing", AssigneeID: f.sari, Due: "2026-03-20", Status: "done"},
		{Title: "Ana's caption", AssigneeID: f.ana, Due: "2026-03-25"},
	} {
		if _, err := f.ws.Tasks.Add(ctx, f.sari, in); err != nil {
			t.Fatal(err)
		}
	}
	data, err := f.ws.Feeds.Export(ctx, feeds.Selection{Name: "Sari", MemberID: f.sari})
	if err != nil {
		t.Fatal(err)
	}
	file, err := ics.Parse(data, time.UTC)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	byTitle := map[string]ics.Item{}
	for _, it := range file.Items {
		byTitle[it.Summary] = it
	}
	weekly, ok := byTitle["Weekly check-in"]
	if !ok || weekly.UID != meetings.MeetingUID(m.ID) || weekly.RRule != "FREQ=WEEKLY;BYDAY=TH" ||
		weekly.Start.Wall != "2026-03-19T09:00:00" || weekly.Start.Zone != "Europe/Berlin" || weekly.End.Wall != "2026-03-19T09:30:00" ||
		len(weekly.ExDates) != 1 || weekly.ExDates[0].Wall != "2026-03-26T09:00:00" {
		t.Fatalf("weekly check-in: %+v\n%s", weekly, data)
	}
	review, ok := byTitle["Brand review; Q3"]
	if !ok || review.Start.Wall != "2026-05-04T14:00:00" || review.End.Wall != "2026-05-04T15:30:00" || !strings.Contains(review.Description, "Dewi (Brand manager)") {
		t.Fatalf("stakeholder meeting: %+v", review)
	}
	report, ok := byTitle["Task: Monthly report"]
	if !ok || !report.Start.AllDay || report.Start.Date != "2026-04-30" || report.End.Date != "2026-05-01" {
		t.Fatalf("all-day task: %+v", report)
	}
	call, ok := byTitle["Task: Call the printer"]
	if !ok || call.Start.AllDay || call.Start.Wall != "2026-03-31T10:15:00" || call.Start.Zone != "Europe/Berlin" ||
		!strings.Contains(call.Description, "Ask about; the posters") || !strings.Contains(call.Description, "Status: To do") {
		t.Fatalf("timed task: %+v", call)
	}
	if _, ok := byTitle["Task: Old thing"]; ok {
		t.Errorf("a done task is still in the feed")
	}
	if _, ok := byTitle["Task: Ana's caption"]; ok {
		t.Errorf("Ana's task is in Sari's feed")
	}
	if len(file.Items) != 4 {
		t.Errorf("Sari's feed holds %d events, want 2 meetings and 2 tasks", len(file.Items))
	}
	if !bytes.Contains(data, []byte("TRANSP:OPAQUE")) {
		t.Errorf("meetings should make their attendees busy:\n%s", data)
	}
	// Ana is not at the stakeholder meeting; nobody's feed (no member
	// filter) stays the posts only.
	anaFeed, _ := f.ws.Feeds.Export(ctx, feeds.Selection{Name: "Ana", MemberID: f.ana})
	if !bytes.Contains(anaFeed, []byte("Weekly check-in")) || bytes.Contains(anaFeed, []byte("Brand review")) {
		t.Errorf("Ana's feed:\n%s", anaFeed)
	}
	// Same data, same bytes.
	again, _ := f.ws.Feeds.Export(ctx, feeds.Selection{Name: "Sari", MemberID: f.sari})
	if !bytes.Equal(again, data) {
		t.Errorf("the same data gave other bytes")
	}
}

// One week of a series gets its own agenda and notes; the other weeks keep
// the series' agenda, and changing the series later does not undo the week's.
func TestOneWeekOfACheckInHasItsOwnAgendaAndNotes(t *testing.T) {
	f := setup(t)
	m, err := f.ws.Meetings.Add(ctx, meetings.Input{Kind: meetings.KindCheckin, Title: "Weekly check-in", Date: "2026-03-19",
		Time: "09:00", Repeat: meetings.RepeatWeekly, Agenda: "Wins, help, plans", AttendeeIDs: []string{f.ana}})
	if err != nil {
		t.Fatal(err)
	}
	special := "Ramadan campaign review"
	notes := "Agreed to move the launch by a week."
	if _, err := f.ws.Meetings.UpdateDay(ctx, m.ID, "2026-03-26", meetings.DayInput{Agenda: &special, Notes: &notes}); err != nil {
		t.Fatal(err)
	}
	in := meetings.Input{Kind: meetings.KindCheckin, Title: "Weekly check-in", Date: "2026-03-19", Time: "09:00",
		Repeat: meetings.RepeatWeekly, Agenda: "Wins, help, plans, numbers", AttendeeIDs: []string{f.ana}}
	if _, err := f.ws.Meetings.Update(ctx, m.ID, in); err != nil {
		t.Fatal(err)
	}
	for day, want := range map[string]string{"2026-03-19": "Wins, help, plans, numbers", "2026-03-26": special, "2026-04-02": "Wins, help, plans, numbers"} {
		d, err := f.ws.Meetings.Day(ctx, m.ID, day)
		if err != nil {
			t.Fatal(err)
		}
		if d.Agenda != want || (day == "2026-03-26") != (d.Notes == notes) {
			t.Errorf("%s: agenda %q notes %q", day, d.Agenda, d.Notes)
		}
	}
}
