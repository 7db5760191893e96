package health_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"postdeck/backend/absences"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/health"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
)

var ctx = context.Background()

type fixture struct {
	ws              *core.Workspace
	sari, ana, budi string // Sari manages and approves; Ana creates; Budi writes
	ig              string
	now             time.Time
}

// setup opens a workspace in zone where everyone has a backup, Sari may
// approve and the Instagram channel (Ana's) has no cadence: all five checks
// pass until a test breaks one.
func setup(t *testing.T, zone string) *fixture {
	t.Helper()
	ws, err := core.Open(t.TempDir(), events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	f := &fixture{ws: ws, now: time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC)} // a Wednesday
	ws.Health.SetClock(func() time.Time { return f.now })
	ws.Absences.SetClock(func() time.Time { return f.now })
	if _, err := ws.Workspace.Update(ctx, "Toko", zone); err != nil {
		t.Fatal(err)
	}
	add := func(name, role string, nets ...string) string {
		m, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: name, Roles: []string{role}, Networks: nets, CapacityHours: 10})
		if err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	f.sari = add("Sari", "social_media_manager")
	f.ana = add("Ana", "content_creator")
	f.budi = add("Budi", "copywriter")
	backup := func(who, to string) {
		if _, err := ws.Team.UpdateMember(ctx, "", who, team.MemberPatch{BackupID: &to}); err != nil {
			t.Fatal(err)
		}
	}
	backup(f.sari, f.ana)
	backup(f.ana, f.budi)
	backup(f.budi, f.sari)
	ch, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@toko", OwnerID: f.ana})
	if err != nil {
		t.Fatal(err)
	}
	f.ig = ch.ID
	return f
}

func (f *fixture) post(t *testing.T, owner, date, clock string) string {
	t.Helper()
	p, err := f.ws.Calendar.AddPost(ctx, owner, calendar.PostInput{Title: "Post " + date + " " + clock, Body: "teks",
		Channels: []string{f.ig}, Date: date, Time: clock, OwnerID: owner})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func (f *fixture) check(t *testing.T, id string) health.Check {
	t.Helper()
	r, err := f.ws.Health.Health(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Checks) != 5 {
		t.Fatalf("%d checks", len(r.Checks))
	}
	for _, c := range r.Checks {
		if c.ID == id {
			if c.Advice == "" {
				t.Errorf("%s/%s has no advice", c.ID, c.State)
			}
			return c
		}
	}
	t.Fatalf("no check %s", id)
	return health.Check{}
}

func reasons(c health.Check) []string {
	var out []string
	for _, it := range c.Items {
		out = append(out, it.Reason+":"+it.ID)
	}
	return out
}

func TestAllChecksPassOnAWellSetUpTeam(t *testing.T) {
	f := setup(t, "UTC")
	r, err := f.ws.Health.Health(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Checks {
		if c.State != health.OK {
			t.Errorf("%s = %s: %v", c.ID, c.State, reasons(c))
		}
	}
	if r.Attention != 0 {
		t.Errorf("attention = %d", r.Attention)
	}
}

func TestWorkloadCheckFlagsAMemberOverCapacityAndSuggestsSomeoneOnTheSameNetwork(t *testing.T) {
	f := setup(t, "UTC")
	// Budi covers Instagram on his profile, Sari does not.
	nets := []string{"instagram"}
	if _, err := f.ws.Team.UpdateMember(ctx, "", f.budi, team.MemberPatch{Networks: &nets}); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		f.post(t, f.ana, "2027-03-04", fmt.Sprintf("%02d:00", 8+i))
	}
	if c := f.check(t, health.CheckWorkload); c.State != health.OK {
		t.Fatalf("8 h of 10: %s %v", c.State, reasons(c))
	}
	for i := range 3 {
		f.post(t, f.ana, "2027-03-12", fmt.Sprintf("%02d:00", 8+i)) // next week: not over
	}
	f.post(t, f.ana, "2027-03-07", "10:00")
	f.post(t, f.ana, "2027-03-07", "11:00")
	f.post(t, f.ana, "2027-03-07", "12:00") // Sunday: 11 h this week
	c := f.check(t, health.CheckWorkload)
	if c.State != health.Problem || len(c.Items) != 1 || c.Items[0].ID != f.ana || c.Items[0].Params["week"] != "2027-W09" {
		t.Fatalf("over capacity: %s %+v", c.State, c.Items)
	}
	if s, _ := c.Items[0].Params["suggest"].([]string); !slices.Equal(s, []string{f.budi}) {
		t.Fatalf("suggestion = %v, want Budi (room, Instagram)", c.Items[0].Params["suggest"])
	}
}

func TestWorkloadCheckWarnsWhenTheSpreadIsWide(t *testing.T) {
	f := setup(t, "UTC")
	for i := range 16 {
		day := "2027-03-04"
		if i >= 8 {
			day = "2027-03-09"
		}
		f.post(t, f.ana, day, fmt.Sprintf("%02d:00", 8+i%8))
	}
	c := f.check(t, health.CheckWorkload)
	if c.State != health.Warning || len(c.Items) != 2 || c.Items[0].ID != f.ana || c.Items[0].Reason != "busiest" {
		t.Fatalf("spread: %s %+v", c.State, c.Items)
	}
}

func TestCoverageCheckComparesPlannedPostsWithTheCadence(t *testing.T) {
	f := setup(t, "UTC")
	if err := f.ws.Calendar.UpdateChannel(ctx, f.ig, calendar.ChannelInput{Network: "instagram", Handle: "@toko", OwnerID: f.ana, Cadence: 1}); err != nil {
		t.Fatal(err)
	}
	c := f.check(t, health.CheckCoverage)
	if c.State != health.Problem || c.Items[0].Reason != "nothing_planned" || c.Items[0].ID != f.ig {
		t.Fatalf("nothing planned: %s %v", c.State, reasons(c))
	}
	f.post(t, f.ana, "2027-03-05", "09:00")
	if c := f.check(t, health.CheckCoverage); c.State != health.Warning || c.Items[0].Reason != "below_cadence" {
		t.Fatalf("one of two: %s %v", c.State, reasons(c))
	}
	f.post(t, f.ana, "2027-03-12", "09:00")
	if c := f.check(t, health.CheckCoverage); c.State != health.OK {
		t.Fatalf("two of two: %s %v", c.State, reasons(c))
	}
}

func TestModerationCheckNeedsAnApproverAndApprovalsOnRecord(t *testing.T) {
	f := setup(t, "UTC")
	p := f.post(t, f.ana, "2027-03-05", "09:00")
	// A post that reached "scheduled" without an approval (as an old import
	// or another tool could leave it).
	f.ws.Store.DB().Exec("UPDATE posts SET status = 'scheduled' WHERE id = ?", p)
	c := f.check(t, health.CheckModeration)
	if c.State != health.Problem || !slices.Contains(reasons(c), "not_approved:"+p) {
		t.Fatalf("unapproved: %s %v", c.State, reasons(c))
	}
	f.ws.Store.DB().Exec("UPDATE posts SET status = 'draft' WHERE id = ?", p)
	if c := f.check(t, health.CheckModeration); c.State != health.OK {
		t.Fatalf("fixed: %s %v", c.State, reasons(c))
	}
	// Sari away: nobody here approves today.
	if _, err := f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.sari, From: "2027-03-01", To: "2027-03-05"}); err != nil {
		t.Fatal(err)
	}
	if c := f.check(t, health.CheckModeration); c.State != health.Warning || c.Items[0].Reason != "approvers_away" {
		t.Fatalf("approvers away: %s %v", c.State, reasons(c))
	}
	// Nobody may approve at all.
	if err := f.ws.Team.SetRolePermissions(ctx, "", "social_media_manager", []team.Permission{team.ManageTeam}); err != nil {
		t.Fatal(err)
	}
	if c := f.check(t, health.CheckModeration); c.State != health.Problem || c.Items[0].Reason != "no_approver" {
		t.Fatalf("no approver: %s %v", c.State, reasons(c))
	}
}

func TestBackupsCheckFindsMembersWithoutABackupOrAwayTogether(t *testing.T) {
	f := setup(t, "UTC")
	// Ana and her backup Budi away the same days in April: a warning now.
	f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.ana, From: "2027-04-05", To: "2027-04-09"})
	f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.budi, From: "2027-03-29", To: "2027-04-02"}) // Budi away the week before
	if c := f.check(t, health.CheckBackups); c.State != health.OK {
		t.Fatalf("Ana's backup is here: %s %v", c.State, reasons(c))
	}
	f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.budi, From: "2027-04-08", To: "2027-04-12"})
	c := f.check(t, health.CheckBackups)
	if c.State != health.Warning || !slices.Contains(reasons(c), "backup_away_too:"+f.ana) {
		t.Fatalf("away together: %s %v", c.State, reasons(c))
	}
	if c.Items[0].Params["from"] != "2027-04-08" || c.Items[0].Params["to"] != "2027-04-09" {
		t.Fatalf("overlap: %v", c.Items[0].Params)
	}
	none := ""
	if _, err := f.ws.Team.UpdateMember(ctx, "", f.budi, team.MemberPatch{BackupID: &none}); err != nil {
		t.Fatal(err)
	}
	if c := f.check(t, health.CheckBackups); c.State != health.Problem || !slices.Contains(reasons(c), "no_backup:"+f.budi) {
		t.Fatalf("no backup: %s %v", c.State, reasons(c))
	}
}

// Weeks are ISO weeks (Monday to Sunday) in the workspace zone: in Jakarta
// it is already Monday while UTC still has Sunday, and a week with a
// daylight-saving change in Berlin still has seven whole days.
func TestWorkloadWeeksFollowTheWorkspaceZone(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	f.now = time.Date(2027, 3, 7, 18, 30, 0, 0, time.UTC) // Monday 01:30 in Jakarta
	f.post(t, f.ana, "2027-03-07", "23:00")               // the Sunday before: not in view
	f.post(t, f.ana, "2027-03-08", "00:30")
	f.post(t, f.ana, "2027-03-14", "23:59")
	f.post(t, f.ana, "2027-03-15", "00:00")
	w, err := f.ws.Health.Workload(ctx, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	if w.From != "2027-03-08" || !slices.Equal(w.Weeks, []string{"2027-W10", "2027-W11"}) {
		t.Fatalf("weeks: %s %v", w.From, w.Weeks)
	}
	ana := load(t, w, f.ana)
	if ana.Weeks[0].Posts != 2 || ana.Weeks[1].Posts != 1 || ana.Weeks[0].Hours != 2 {
		t.Fatalf("Jakarta: %+v", ana.Weeks)
	}

	g := setup(t, "Europe/Berlin")
	g.now = time.Date(2027, 3, 28, 22, 30, 0, 0, time.UTC) // Monday 00:30 CEST, clocks went forward on Sunday
	g.post(t, g.ana, "2027-03-22", "00:00")
	g.post(t, g.ana, "2027-03-28", "02:30") // in the hour that does not exist
	g.post(t, g.ana, "2027-03-28", "23:30")
	g.post(t, g.ana, "2027-03-29", "00:00")
	w, err = g.ws.Health.Workload(ctx, "2027-03-25", 2)
	if err != nil {
		t.Fatal(err)
	}
	if w.From != "2027-03-22" || !slices.Equal(w.Weeks, []string{"2027-W12", "2027-W13"}) {
		t.Fatalf("Berlin weeks: %s %v", w.From, w.Weeks)
	}
	ana = load(t, w, g.ana)
	if ana.Weeks[0].Posts != 3 || ana.Weeks[1].Posts != 1 {
		t.Fatalf("Berlin DST week: %+v", ana.Weeks)
	}
	// This week by the clock (Monday in Berlin, Sunday in UTC) is W13.
	if w, _ := g.ws.Health.Workload(ctx, "", 1); w.From != "2027-03-29" {
		t.Fatalf("this week in Berlin starts %s", w.From)
	}
	// The last ISO week of a year can belong to the next year.
	if w, _ := g.ws.Health.Workload(ctx, "2026-12-31", 1); w.Weeks[0] != "2026-W53" || w.From != "2026-12-28" {
		t.Fatalf("year end: %v %s", w.Weeks, w.From)
	}
	if w, _ := g.ws.Health.Workload(ctx, "2027-12-31", 1); w.Weeks[0] != "2027-W52" {
		t.Fatalf("2027 year end: %v", w.Weeks)
	}
}

// An absence takes its weekdays off the capacity.
func TestWorkloadCapacityLessAbsentWeekdays(t *testing.T) {
	f := setup(t, "UTC")
	f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.ana, From: "2027-03-03", To: "2027-03-07"}) // Wed-Sun
	w, err := f.ws.Health.Workload(ctx, "2027-03-01", 1)
	if err != nil {
		t.Fatal(err)
	}
	ana := load(t, w, f.ana)
	if ana.Weeks[0].AbsentDays != 3 || ana.Weeks[0].Capacity != 4 {
		t.Fatalf("capacity: %+v", ana.Weeks[0])
	}
	if _, err := f.ws.Health.Workload(ctx, "2027-02-30", 1); err == nil {
		t.Fatal("2027-02-30 accepted")
	}
}

func load(t *testing.T, w health.Workload, id string) health.MemberLoad {
	t.Helper()
	for _, m := range w.Members {
		if m.MemberID == id {
			return m
		}
	}
	t.Fatalf("no member %s", id)
	return health.MemberLoad{}
}

func (f *fixture) task(t *testing.T, title, assignee, due string, hours float64) string {
	t.Helper()
	tk, err := f.ws.Tasks.Add(ctx, f.sari, tasks.Input{Title: title, AssigneeID: assignee, Due: due, EstimateHours: hours})
	if err != nil {
		t.Fatal(err)
	}
	return tk.ID
}

func TestResponsibilityCheckFindsTasksWithNobodyHere(t *testing.T) {
	f := setup(t, "UTC")
	f.task(t, "Film the reel", f.ana, "2027-03-04", 2)
	if c := f.check(t, health.CheckResponsibility); c.State != health.OK {
		t.Fatalf("assigned: %s %v", c.State, reasons(c))
	}
	orphan := f.task(t, "Nobody's task", "", "2027-03-05", 1)
	c := f.check(t, health.CheckResponsibility)
	if c.State != health.Problem || !slices.Equal(reasons(c), []string{"no_assignee:" + orphan}) {
		t.Fatalf("unassigned: %s %v", c.State, reasons(c))
	}
	if _, err := f.ws.Tasks.Update(ctx, f.sari, orphan, tasks.Patch{AssigneeID: &f.budi}); err != nil {
		t.Fatal(err)
	}
	// Ana away today, but her backup Budi is here: fine.
	f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.ana, From: "2027-03-01", To: "2027-03-05"})
	if c := f.check(t, health.CheckResponsibility); c.State != health.OK {
		t.Fatalf("backup here: %s %v", c.State, reasons(c))
	}
	// Budi away too: Ana's task has nobody here (Budi's own task has Sari).
	f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.budi, From: "2027-03-03", To: "2027-03-03"})
	c = f.check(t, health.CheckResponsibility)
	if c.State != health.Problem || len(c.Items) != 1 || c.Items[0].Reason != "assignee_away_no_backup" || c.Items[0].Params["assignee"] != f.ana {
		t.Fatalf("both away: %s %v", c.State, reasons(c))
	}
	// Done tasks need nobody.
	done := "done"
	for _, it := range c.Items {
		if _, err := f.ws.Tasks.Update(ctx, f.sari, it.ID, tasks.Patch{Status: &done}); err != nil {
			t.Fatal(err)
		}
	}
	if c := f.check(t, health.CheckResponsibility); c.State != health.OK {
		t.Fatalf("done: %s %v", c.State, reasons(c))
	}
}

// Task hours count in the ISO week of their due day in the workspace zone;
// a task without an estimate counts one hour, done tasks none.
func TestWorkloadSumsTaskHoursByDueWeek(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	f.now = time.Date(2027, 3, 7, 18, 30, 0, 0, time.UTC) // Monday 01:30 in Jakarta: week 10
	f.task(t, "Sunday before", f.ana, "2027-03-07", 3)
	f.task(t, "Monday", f.ana, "2027-03-08", 2.5)
	f.task(t, "Sunday", f.ana, "2027-03-14", 0) // the default hour
	f.task(t, "Next Monday", f.ana, "2027-03-15", 4)
	f.task(t, "No due day", f.ana, "", 8)
	done := f.task(t, "Done", f.ana, "2027-03-09", 5)
	st := "done"
	if _, err := f.ws.Tasks.Update(ctx, f.sari, done, tasks.Patch{Status: &st}); err != nil {
		t.Fatal(err)
	}
	f.post(t, f.ana, "2027-03-10", "09:00")
	w, err := f.ws.Health.Workload(ctx, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	ana := load(t, w, f.ana)
	if ana.Weeks[0].TaskHours != 3.5 || ana.Weeks[0].Tasks != 2 || ana.Weeks[0].Hours != 4.5 || ana.Weeks[1].TaskHours != 4 {
		t.Fatalf("task hours: %+v", ana.Weeks)
	}
	if ana.Weeks[0].Over || ana.Weeks[0].Room != 5.5 {
		t.Fatalf("room: %+v", ana.Weeks[0])
	}
}
