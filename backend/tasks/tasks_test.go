package tasks_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
)

var ctx = context.Background()

type fixture struct {
	ws              *core.Workspace
	sari, ana, budi string // Sari manages; Ana's backup is Budi; Budi has none
}

func setup(t *testing.T) fixture {
	t.Helper()
	ws, _ := testws.Open(t)
	sari, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	budi, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"content_creator"}})
	if err != nil {
		t.Fatal(err)
	}
	ana, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}, BackupID: budi.ID})
	if err != nil {
		t.Fatal(err)
	}
	return fixture{ws: ws, sari: sari.ID, ana: ana.ID, budi: budi.ID}
}

func str(s string) *string { return &s }

// count returns the number of rows a query counts.
func count(t *testing.T, ws *core.Workspace, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := ws.Store.DB().Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestATaskKeepsWhatWasEnteredWithItsChecklist(t *testing.T) {
	f := setup(t)
	got, err := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "  Foto produk Ramadan ", Description: "**Penting**",
		AssigneeID: f.ana, Due: "2027-03-10", DueTime: "09:00", Priority: "high", EstimateHours: 2.5,
		Checklist: []string{"Sewa studio", " ", "Pilih model"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Foto produk Ramadan" || got.Status != tasks.StatusTodo || got.Priority != "high" ||
		got.EstimateHours != 2.5 || got.Due != "2027-03-10" || got.DueTime != "09:00" || got.CreatedBy != f.sari {
		t.Fatalf("task: %+v", got)
	}
	if len(got.Checklist) != 2 || got.Checklist[0].Text != "Sewa studio" || got.Checklist[1].Text != "Pilih model" ||
		got.Checklist[0].Done {
		t.Fatalf("checklist (blank lines left out, in order): %+v", got.Checklist)
	}
	plain, err := f.ws.Tasks.Add(ctx, "", tasks.Input{Title: "Ide konten"})
	if err != nil {
		t.Fatal(err)
	}
	if plain.EstimateHours != 1 || plain.Priority != "normal" || plain.BackupID != "" || len(plain.PostIDs) != 0 {
		t.Fatalf("defaults: %+v", plain)
	}
}

func TestBadInputIsRefusedAndWritesNothing(t *testing.T) {
	f := setup(t)
	before := count(t, f.ws, "SELECT COUNT(*) FROM changes")
	cases := []struct {
		in    tasks.Input
		code  string
		field string
	}{
		{tasks.Input{Title: "x", Due: "2027-02-30"}, "task.due_invalid", "due"},
		{tasks.Input{Title: "x", Due: "10/03/2027"}, "task.due_invalid", "due"},
		{tasks.Input{Title: "x", Due: "9999-12-31"}, "task.due_out_of_range", "due"},
		{tasks.Input{Title: "x", Due: "2027-03-01", DueTime: "24:00"}, "task.time_invalid", "dueTime"},
		{tasks.Input{Title: "x", Due: "2027-03-01", DueTime: "9:00"}, "task.time_invalid", "dueTime"},
		{tasks.Input{Title: "x", DueTime: "09:00"}, "task.time_without_due", "dueTime"},
		{tasks.Input{Title: "x", AssigneeID: "0190a000-0000-7000-8000-000000000000"}, "task.member_unknown", "assigneeId"},
		{tasks.Input{Title: "x", AssigneeID: f.ana, BackupID: "nobody"}, "task.member_unknown", "backupId"},
		{tasks.Input{Title: "x", AssigneeID: f.ana, BackupID: f.ana}, "task.backup_self", "backupId"},
		{tasks.Input{Title: "x", Status: "finished"}, "task.status_invalid", "status"},
		{tasks.Input{Title: "x", Priority: "asap"}, "task.priority_invalid", "priority"},
		{tasks.Input{Title: "x", EstimateHours: -1}, "task.estimate_invalid", "estimateHours"},
		{tasks.Input{Title: "x", EstimateHours: 10000}, "task.estimate_invalid", "estimateHours"},
		{tasks.Input{Title: "x", EstimateHours: math.NaN()}, "task.estimate_invalid", "estimateHours"},
		{tasks.Input{Title: "   "}, "task.title_required", "title"},
		{tasks.Input{Title: "x", PostIDs: []string{"0190a000-0000-7000-8000-000000000000"}}, "task.post_unknown", "postIds"},
		{tasks.Input{Title: "x", CampaignID: "0190a000-0000-7000-8000-000000000000"}, "task.campaign_unknown", "campaignId"},
		{tasks.Input{Title: "x", MeetingID: "not an id"}, "task.meeting_unknown", "meetingId"},
		{tasks.Input{Title: "x", Source: "Robot!"}, "task.source_invalid", "source"},
	}
	for _, c := range cases {
		_, err := f.ws.Tasks.Add(ctx, f.sari, c.in)
		var e *apperr.Error
		if apperr.Code(err) != c.code {
			t.Errorf("%+v: got %v, want %s", c.in, err, c.code)
			continue
		}
		if ae := apperr.As(err); ae != nil {
			e = ae
		}
		if e.Field != c.field {
			t.Errorf("%s: field %q, want %q", c.code, e.Field, c.field)
		}
	}
	if n := count(t, f.ws, "SELECT COUNT(*) FROM tasks"); n != 0 {
		t.Fatalf("%d tasks written by refused input", n)
	}
	if after := count(t, f.ws, "SELECT COUNT(*) FROM changes"); after != before {
		t.Fatalf("refused input wrote %d changes", after-before)
	}

	// A refused update leaves the task as it was.
	task, err := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Jadwal", AssigneeID: f.ana, Due: "2027-03-01"})
	if err != nil {
		t.Fatal(err)
	}
	before = count(t, f.ws, "SELECT COUNT(*) FROM changes")
	if _, err := f.ws.Tasks.Update(ctx, f.sari, task.ID, tasks.Patch{Status: str("doing"), Due: str("2027-02-29")}); apperr.Code(err) != "task.due_invalid" {
		t.Fatalf("update with a bad day: %v", err)
	}
	if _, err := f.ws.Tasks.Update(ctx, f.sari, task.ID, tasks.Patch{BackupID: str(f.ana)}); apperr.Code(err) != "task.backup_self" {
		t.Fatalf("assignee as backup: %v", err)
	}
	if after := count(t, f.ws, "SELECT COUNT(*) FROM changes"); after != before {
		t.Fatalf("refused updates wrote %d changes", after-before)
	}
	got, _ := f.ws.Tasks.Get(ctx, task.ID)
	if got.Status != "todo" || got.Due != "2027-03-01" || got.BackupID != f.budi {
		t.Fatalf("task changed by a refused update: %+v", got)
	}
	if _, err := f.ws.Tasks.Get(ctx, "0190a000-0000-7000-8000-000000000000"); apperr.Code(err) != "task.not_found" {
		t.Fatalf("unknown task: %v", err)
	}
}

func TestTheBackupDefaultsToTheAssigneesBackup(t *testing.T) {
	f := setup(t)
	task, err := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Balas DM", AssigneeID: f.ana})
	if err != nil {
		t.Fatal(err)
	}
	if task.BackupID != f.budi {
		t.Fatalf("backup %q, want Ana's backup Budi", task.BackupID)
	}
	chosen, _ := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Balas DM", AssigneeID: f.ana, BackupID: f.sari})
	if chosen.BackupID != f.sari {
		t.Fatalf("a chosen backup stays: %q", chosen.BackupID)
	}
	// Handing the task to Budi gives it Budi's backup (none), never Budi himself.
	moved, err := f.ws.Tasks.Update(ctx, f.sari, task.ID, tasks.Patch{AssigneeID: str(f.budi)})
	if err != nil {
		t.Fatal(err)
	}
	if moved.AssigneeID != f.budi || moved.BackupID != "" {
		t.Fatalf("after reassigning: %+v", moved)
	}
	back, _ := f.ws.Tasks.Update(ctx, f.sari, task.ID, tasks.Patch{AssigneeID: str(f.ana)})
	if back.BackupID != f.budi {
		t.Fatalf("back to Ana: backup %q", back.BackupID)
	}
	// A status change keeps a backup chosen by hand.
	kept, _ := f.ws.Tasks.Update(ctx, f.sari, chosen.ID, tasks.Patch{Status: str("doing")})
	if kept.BackupID != f.sari {
		t.Fatalf("status change lost the backup: %+v", kept)
	}
	// A member deleted later does not block unrelated changes.
	if err := f.ws.Team.DeleteMember(ctx, "", f.budi); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Tasks.Update(ctx, f.sari, back.ID, tasks.Patch{Status: str("done")}); err != nil {
		t.Fatalf("status change after the backup left the team: %v", err)
	}
	if _, err := f.ws.Tasks.Update(ctx, f.sari, kept.ID, tasks.Patch{BackupID: str(f.budi)}); apperr.Code(err) != "task.member_unknown" {
		t.Fatalf("a deleted member as new backup: %v", err)
	}
}

func TestHistoryRecordsWhoChangedAssigneeAndStatus(t *testing.T) {
	f := setup(t)
	task, _ := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Laporan bulanan", AssigneeID: f.ana})
	if _, err := f.ws.Tasks.Update(ctx, f.ana, task.ID, tasks.Patch{Status: str("doing")}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Tasks.Update(ctx, f.ana, task.ID, tasks.Patch{Title: str("Laporan bulanan Maret")}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Tasks.Update(ctx, f.sari, task.ID, tasks.Patch{AssigneeID: str(f.budi), HistoryKind: tasks.KindHandover}); err != nil {
		t.Fatal(err)
	}
	err := f.ws.Replica.Write(ctx, func(w *replica.Writer) error {
		return f.ws.Tasks.AddHistoryWith(w, task.ID, f.sari, "handover_note", "", "absence")
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.ws.Tasks.History(ctx, task.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got [][4]string
	for _, e := range h {
		got = append(got, [4]string{e.Kind, e.From, e.To, e.MemberID})
		if e.At == 0 {
			t.Fatalf("entry without a time: %+v", e)
		}
	}
	want := [][4]string{
		{"created", "", f.ana, f.sari},
		{"status", "todo", "doing", f.ana},
		{"handover", f.ana, f.budi, f.sari},
		{"backup", f.budi, "", f.sari},
		{"handover_note", "", "absence", f.sari},
	}
	// Entries written in one transaction share a millisecond; compare as sets
	// after the first two, which are in order.
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("history:\n got %v\nwant %v", got, want)
	}
	for _, w := range want[2:] {
		if !slices.Contains(got, w) {
			t.Fatalf("history lacks %v: %v", w, got)
		}
	}
	if err := f.ws.Replica.Write(ctx, func(w *replica.Writer) error {
		return f.ws.Tasks.AddHistoryWith(w, "0190a000-0000-7000-8000-000000000000", f.sari, "handover", "a", "b")
	}); apperr.Code(err) != "task.not_found" {
		t.Fatalf("history of an unknown task: %v", err)
	}
}

func TestFiltersFindTasksByAssigneeStatusDueCampaignAndPost(t *testing.T) {
	f := setup(t)
	camp, err := f.ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Ramadan", StartsOn: "2027-03-01", EndsOn: "2027-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := f.ws.Calendar.AddPost(ctx, f.sari, calendar.PostInput{Title: "Promo", Date: "2027-03-05", Time: "10:00"})
	if err != nil {
		t.Fatal(err)
	}
	add := func(in tasks.Input) string {
		t.Helper()
		task, err := f.ws.Tasks.Add(ctx, f.sari, in)
		if err != nil {
			t.Fatal(err)
		}
		return task.ID
	}
	a1 := add(tasks.Input{Title: "a1", AssigneeID: f.ana, Due: "2027-03-02", CampaignID: camp.ID, PostIDs: []string{post.ID, post.ID}})
	a2 := add(tasks.Input{Title: "a2", AssigneeID: f.ana, Due: "2027-03-01", Status: "done"})
	a3 := add(tasks.Input{Title: "a3", AssigneeID: f.ana})
	b1 := add(tasks.Input{Title: "b1", AssigneeID: f.budi, Due: "2027-03-02", DueTime: "08:00", Priority: "urgent", Status: "blocked"})
	b2 := add(tasks.Input{Title: "b2", AssigneeID: f.budi, Due: "2027-03-02", Priority: "urgent", Source: "meeting"})
	ids := func(fl tasks.Filter) []string {
		t.Helper()
		list, err := f.ws.Tasks.List(ctx, fl)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, x := range list {
			out = append(out, x.ID)
		}
		return out
	}
	check := func(name string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	// By due day, an all-day task before timed ones, the most urgent first; no due date last.
	check("all", ids(tasks.Filter{}), []string{a2, b2, a1, b1, a3})
	check("assignee", ids(tasks.Filter{AssigneeID: f.ana}), []string{a2, a1, a3})
	check("status", ids(tasks.Filter{Status: "blocked"}), []string{b1})
	check("open", ids(tasks.Filter{AssigneeID: f.ana, Open: true}), []string{a1, a3})
	check("due before", ids(tasks.Filter{DueBefore: "2027-03-02"}), []string{a2})
	check("due from", ids(tasks.Filter{DueFrom: "2027-03-02"}), []string{b2, a1, b1})
	check("campaign", ids(tasks.Filter{CampaignID: camp.ID}), []string{a1})
	check("post", ids(tasks.Filter{PostID: post.ID}), []string{a1})
	check("source", ids(tasks.Filter{Source: "meeting"}), []string{b2})
	got, _ := f.ws.Tasks.Get(ctx, a1)
	if !slices.Equal(got.PostIDs, []string{post.ID}) {
		t.Fatalf("a post linked twice is linked once: %v", got.PostIDs)
	}
	if _, err := f.ws.Tasks.List(ctx, tasks.Filter{DueBefore: "2027-13-01"}); apperr.Code(err) != "task.due_invalid" {
		t.Fatalf("bad filter day: %v", err)
	}
	if _, err := f.ws.Tasks.List(ctx, tasks.Filter{Status: "later"}); apperr.Code(err) != "task.status_invalid" {
		t.Fatalf("bad filter status: %v", err)
	}
	if err := f.ws.Tasks.Delete(ctx, f.sari, a3); err != nil {
		t.Fatal(err)
	}
	check("deleted tasks are gone", ids(tasks.Filter{AssigneeID: f.ana}), []string{a2, a1})
}

func TestTickingAChecklistItemRecordsWhoAndWhen(t *testing.T) {
	f := setup(t)
	task, _ := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Siapkan giveaway", AssigneeID: f.ana,
		Checklist: []string{"Syarat", "Hadiah"}})
	item := task.Checklist[1]
	if err := f.ws.Tasks.Check(ctx, f.ana, task.ID, item.ID, true); err != nil {
		t.Fatal(err)
	}
	got, _ := f.ws.Tasks.Get(ctx, task.ID)
	if !got.Checklist[1].Done || got.Checklist[1].DoneBy != f.ana || got.Checklist[1].DoneAt == 0 || got.Checklist[0].Done {
		t.Fatalf("after ticking: %+v", got.Checklist)
	}
	if err := f.ws.Tasks.Check(ctx, f.budi, task.ID, item.ID, true); err != nil {
		t.Fatal(err)
	}
	got, _ = f.ws.Tasks.Get(ctx, task.ID)
	if got.Checklist[1].DoneBy != f.ana {
		t.Fatalf("ticking again changed who ticked it: %+v", got.Checklist[1])
	}
	if err := f.ws.Tasks.Check(ctx, f.ana, task.ID, item.ID, false); err != nil {
		t.Fatal(err)
	}
	got, _ = f.ws.Tasks.Get(ctx, task.ID)
	if got.Checklist[1].Done || got.Checklist[1].DoneBy != "" {
		t.Fatalf("after unticking: %+v", got.Checklist[1])
	}
	other, _ := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Lain"})
	if err := f.ws.Tasks.Check(ctx, f.ana, other.ID, item.ID, true); apperr.Code(err) != "task.item_not_found" {
		t.Fatalf("an item of another task: %v", err)
	}
	added, err := f.ws.Tasks.AddItem(ctx, task.ID, "Umumkan pemenang")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.ws.Tasks.RemoveItem(ctx, task.ID, task.Checklist[0].ID); err != nil {
		t.Fatal(err)
	}
	got, _ = f.ws.Tasks.Get(ctx, task.ID)
	if len(got.Checklist) != 2 || got.Checklist[0].Text != "Hadiah" || got.Checklist[1].ID != added.ID {
		t.Fatalf("after adding and removing: %+v", got.Checklist)
	}
	if _, err := f.ws.Tasks.AddItem(ctx, task.ID, "  "); apperr.Code(err) != "task.item_required" {
		t.Fatalf("empty item: %v", err)
	}
}

func TestCommentsOnATask(t *testing.T) {
	f := setup(t)
	task, _ := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Brief desain"})
	if _, err := f.ws.Tasks.AddComment(ctx, f.ana, task.ID, "Sudah saya kirim ke desainer <script>"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Tasks.AddComment(ctx, f.ana, task.ID, " "); apperr.Code(err) != "comment.body_required" {
		t.Fatalf("empty comment: %v", err)
	}
	cs, _ := f.ws.Tasks.Comments(ctx, task.ID)
	if len(cs) != 1 || cs[0].AuthorID != f.ana || cs[0].Body != "Sudah saya kirim ke desainer <script>" {
		t.Fatalf("comments: %+v", cs)
	}
}

// Due dates are days in the workspace's zone: "today" and "overdue" follow
// the workspace's clock, not the computer's or UTC.
func TestMyWorkCountsDaysInTheWorkspaceZone(t *testing.T) {
	f := setup(t)
	if _, err := f.ws.Workspace.Update(ctx, "Kopi", "Asia/Jakarta"); err != nil {
		t.Fatal(err)
	}
	add := func(title, due, at, source string) string {
		task, err := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: title, AssigneeID: f.ana, Due: due, DueTime: at, Source: source})
		if err != nil {
			t.Fatal(err)
		}
		return task.ID
	}
	late := add("late", "2027-03-09", "", "")
	nine := add("nine", "2027-03-10", "09:00", "")
	allDay := add("allday", "2027-03-10", "", "")
	sunday := add("sunday", "2027-03-14", "", "")
	nextWeek := add("next week", "2027-03-15", "", "")
	action := add("action", "", "", "meeting")
	undated := add("undated", "", "", "")
	done := add("done", "2027-03-01", "", "")
	if _, err := f.ws.Tasks.Update(ctx, f.ana, done, tasks.Patch{Status: str("done")}); err != nil {
		t.Fatal(err)
	}
	_, _ = f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: "Budi's", AssigneeID: f.budi, Due: "2027-03-09"})

	ids := func(ts []tasks.Task) []string {
		out := []string{}
		for _, x := range ts {
			out = append(out, x.ID)
		}
		return out
	}
	at := func(utc string) tasks.MyWork {
		t.Helper()
		now, _ := time.Parse(time.RFC3339, utc)
		f.ws.Tasks.SetClock(func() time.Time { return now })
		mw, err := f.ws.Tasks.MyWork(ctx, f.ana)
		if err != nil {
			t.Fatal(err)
		}
		return mw
	}
	// 01:30 UTC on Wednesday 10 March is 08:30 in Jakarta: the 09:00 task is still to come.
	mw := at("2027-03-10T01:30:00Z")
	if mw.Today != "2027-03-10" || mw.WeekEnds != "2027-03-14" {
		t.Fatalf("today %s, week ends %s", mw.Today, mw.WeekEnds)
	}
	if !slices.Equal(ids(mw.Overdue), []string{late}) || !slices.Equal(ids(mw.DueToday), []string{allDay, nine}) ||
		!slices.Equal(ids(mw.ThisWeek), []string{sunday}) || !slices.Equal(ids(mw.ActionItems), []string{action}) ||
		!slices.Equal(ids(mw.Waiting), []string{nextWeek, undated}) {
		t.Fatalf("at 08:30 Jakarta: %+v", mw)
	}
	// 02:30 UTC is 09:30 in Jakarta: the 09:00 task is overdue.
	mw = at("2027-03-10T02:30:00Z")
	if !slices.Equal(ids(mw.Overdue), []string{late, nine}) || !slices.Equal(ids(mw.DueToday), []string{allDay}) {
		t.Fatalf("at 09:30 Jakarta: %+v", mw)
	}
	// 18:00 UTC on the 9th is already the 10th in Jakarta (UTC+7).
	mw = at("2027-03-09T18:00:00Z")
	if mw.Today != "2027-03-10" || !slices.Equal(ids(mw.Overdue), []string{late}) {
		t.Fatalf("at 01:00 Jakarta on the 10th: %+v", mw)
	}
	// Sunday 14 March 20:00 in Jakarta: this week ends today.
	mw = at("2027-03-14T13:00:00Z")
	if mw.WeekEnds != "2027-03-14" || !slices.Equal(ids(mw.DueToday), []string{sunday}) || len(mw.ThisWeek) != 0 {
		t.Fatalf("on Sunday: %+v", mw)
	}
}
