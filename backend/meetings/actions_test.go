package meetings_test

import (
	"strings"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/meetings"
	"postdeck/backend/tasks"
)

func TestAnActionItemIsATaskDueOnTheNextMeetingAndTheNextMeetingOpensWithIt(t *testing.T) {
	f := setup(t)
	m := f.checkin(t, "2026-03-19") // Thursdays; summer time starts in between
	a, err := f.ws.Meetings.AddAction(ctx, f.sari, m.ID, "2026-03-26", meetings.ActionInput{Title: "Draft the Ramadan plan", AssigneeID: f.ana})
	if err != nil {
		t.Fatal(err)
	}
	if a.Due != "2026-04-02" || a.AssigneeName != "Ana" || a.Status != "todo" {
		t.Fatalf("action item: %+v", a)
	}
	// It is Ana's task, from the meeting, linked to that week.
	task, err := f.ws.Tasks.Get(ctx, a.TaskID)
	if err != nil {
		t.Fatal(err)
	}
	if task.AssigneeID != f.ana || task.Source != tasks.SourceMeeting || task.MeetingID != meetings.DayID(m.ID, "2026-03-26") || task.Due != "2026-04-02" {
		t.Fatalf("task: %+v", task)
	}
	mine, err := f.ws.Tasks.List(ctx, tasks.Filter{AssigneeID: f.ana, Open: true})
	if err != nil || len(mine) != 1 || mine[0].ID == "" {
		t.Fatalf("Ana's open tasks: %v %+v", err, mine)
	}
	// A due date given is kept.
	b, err := f.ws.Meetings.AddAction(ctx, f.sari, m.ID, "2026-03-26", meetings.ActionInput{Title: "Book the photographer", AssigneeID: f.budi, Due: "2026-03-30"})
	if err != nil || b.Due != "2026-03-30" {
		t.Fatalf("with a due date: %v %+v", err, b)
	}
	// Ana finishes hers; the next week opens with both and their state now.
	done := "done"
	if _, err := f.ws.Tasks.Update(ctx, f.ana, a.TaskID, tasks.Patch{Status: &done}); err != nil {
		t.Fatal(err)
	}
	next, err := f.ws.Meetings.Day(ctx, m.ID, "2026-04-02")
	if err != nil {
		t.Fatal(err)
	}
	if next.Previous == nil || next.Previous.Date != "2026-03-26" || len(next.Previous.Actions) != 2 {
		t.Fatalf("previous: %+v", next.Previous)
	}
	state := map[string]string{}
	for _, x := range next.Previous.Actions {
		state[x.Title+" / "+x.AssigneeName] = x.Status
	}
	if state["Draft the Ramadan plan / Ana"] != "done" || state["Book the photographer / Budi"] != "todo" {
		t.Fatalf("previous items: %v", state)
	}
	if len(next.Actions) != 0 {
		t.Fatalf("the next week has items of its own already: %+v", next.Actions)
	}
	// The notes list them with their state.
	md, err := f.ws.Meetings.Markdown(ctx, m.ID, "2026-04-02", "en")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "- [x] Draft the Ramadan plan — Ana, due 2026-04-02, done") || !strings.Contains(md, "- [ ] Book the photographer — Budi, due 2026-03-30, to do") {
		t.Fatalf("notes:\n%s", md)
	}
}

func TestAStakeholderMeetingsActionItemsAreDueOnTheNextMeetingOfTheSameName(t *testing.T) {
	f := setup(t)
	add := func(date string) meetings.Meeting {
		m, err := f.ws.Meetings.Add(ctx, meetings.Input{Kind: meetings.KindStakeholder, Title: "Brand review", Date: date, Time: "14:00",
			AttendeeIDs: []string{f.sari}, Guests: []meetings.Guest{{Name: "Dewi", Role: "Brand manager"}}})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	first, second := add("2026-05-04"), add("2026-06-01")
	a, err := f.ws.Meetings.AddAction(ctx, f.sari, first.ID, "", meetings.ActionInput{Title: "Send the new schedule", AssigneeID: f.sari})
	if err != nil || a.Due != "2026-06-01" {
		t.Fatalf("action: %v %+v", err, a)
	}
	d, err := f.ws.Meetings.Day(ctx, second.ID, "")
	if err != nil || d.Previous == nil || d.Previous.Date != "2026-05-04" || len(d.Previous.Actions) != 1 {
		t.Fatalf("the next brand review: %v %+v", err, d.Previous)
	}
	// The last one has no next meeting: no due date unless one is given.
	b, err := f.ws.Meetings.AddAction(ctx, f.sari, second.ID, "", meetings.ActionInput{Title: "Report back", AssigneeID: f.sari})
	if err != nil || b.Due != "" {
		t.Fatalf("after the last meeting: %v %+v", err, b)
	}
}

func TestABadActionItemIsRefusedAndWritesNothing(t *testing.T) {
	f := setup(t)
	m := f.checkin(t, "2026-03-19")
	before := changes(t, f.ws)
	for _, c := range []struct {
		in   meetings.ActionInput
		code string
	}{
		{meetings.ActionInput{Title: "x", AssigneeID: "nobody"}, "meeting.member_unknown"},
		{meetings.ActionInput{Title: "x"}, "meeting.action_assignee_required"},
		{meetings.ActionInput{Title: "  ", AssigneeID: f.ana}, "task.title_required"},
		{meetings.ActionInput{Title: "x", AssigneeID: f.ana, Due: "2027-02-30"}, "task.due_invalid"},
	} {
		if _, err := f.ws.Meetings.AddAction(ctx, f.sari, m.ID, "2026-03-26", c.in); apperr.Code(err) != c.code {
			t.Errorf("%+v: want %s, got %v", c.in, c.code, err)
		}
	}
	if _, err := f.ws.Meetings.AddAction(ctx, f.sari, m.ID, "2026-03-27", meetings.ActionInput{Title: "x", AssigneeID: f.ana}); apperr.Code(err) != "meeting.not_a_day" {
		t.Errorf("a day without a meeting: %v", err)
	}
	if after := changes(t, f.ws); after != before {
		t.Fatalf("refused action items wrote %d changes", after-before)
	}
}
