package absences_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"postdeck/backend/absences"
	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
)

var ctx = context.Background()

type fixture struct {
	ws                       *core.Workspace
	manager, creator, writer string // manager approves; creator is Ana, writer her backup (a copywriter)
	ig                       string
	now                      time.Time
	notices                  []absences.HandoverNotice
}

type recorder struct{ f *fixture }

func (r recorder) Emit(name string, payload any) {
	if n, ok := payload.(absences.HandoverNotice); ok && name == absences.HandoverEvent {
		r.f.notices = append(r.f.notices, n)
	}
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ws, err := core.Open(t.TempDir(), events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	f := &fixture{ws: ws, now: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	ws.Absences.SetEmitter(recorder{f})
	ws.Absences.SetClock(func() time.Time { return f.now })
	if _, err := ws.Workspace.Update(ctx, "Toko", "UTC"); err != nil {
		t.Fatal(err)
	}
	add := func(name, role, backup string) string {
		m, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: name, Roles: []string{role}, BackupID: backup})
		if err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	f.manager = add("Sari", "social_media_manager", "")
	f.writer = add("Budi", "copywriter", "")
	f.creator = add("Ana", "content_creator", f.writer)
	ch, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@toko", OwnerID: f.creator})
	if err != nil {
		t.Fatal(err)
	}
	f.ig = ch.ID
	return f
}

func (f *fixture) post(t *testing.T, title, owner, approver string, review bool) string {
	t.Helper()
	p, err := f.ws.Calendar.AddPost(ctx, owner, calendar.PostInput{Title: title, Body: "teks", Channels: []string{f.ig},
		Date: "2027-03-10", Time: "09:00", OwnerID: owner, ApproverID: approver})
	if err != nil {
		t.Fatal(err)
	}
	if review {
		if p.Status == calendar.Idea {
			if _, err := f.ws.Calendar.MovePost(ctx, owner, p.ID, calendar.Draft, ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.ws.Calendar.MovePost(ctx, owner, p.ID, calendar.InReview, ""); err != nil {
			t.Fatal(err)
		}
	}
	return p.ID
}

func (f *fixture) absent(t *testing.T, member, from, to string) absences.Absence {
	t.Helper()
	a, err := f.ws.Absences.Add(ctx, f.manager, absences.Input{MemberID: member, From: from, To: to, Kind: absences.Vacation})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func count(t *testing.T, f *fixture, table string) int64 {
	t.Helper()
	var n int64
	if err := f.ws.Store.DB().Raw("SELECT COUNT(*) FROM " + table).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Wrong input gets a clear error with a stable code and writes nothing.
func TestBadAbsencesAreRefusedAndWriteNothing(t *testing.T) {
	f := setup(t)
	before := count(t, f, "changes")
	cases := []struct {
		in   absences.Input
		code string
	}{
		{absences.Input{MemberID: f.creator, From: "2027-03-10", To: "2027-03-09"}, "absence.ends_before_start"},
		{absences.Input{MemberID: "no-such-member", From: "2027-03-10", To: "2027-03-12"}, "absence.member_unknown"},
		{absences.Input{MemberID: f.creator, From: "2027-02-30", To: "2027-03-02"}, "absence.date_invalid"},
		{absences.Input{MemberID: f.creator, From: "2027-03-01", To: "10/03/2027"}, "absence.date_invalid"},
		{absences.Input{MemberID: f.creator, From: "2027-03-01", To: "2027-03-02", Kind: "holiday"}, "absence.kind_unknown"},
		{absences.Input{From: "2027-03-01", To: "2027-03-02"}, "absence.member_required"},
	}
	for _, c := range cases {
		_, err := f.ws.Absences.Add(ctx, f.manager, c.in)
		if apperr.Code(err) != c.code {
			t.Errorf("%+v: got %v, want %s", c.in, err, c.code)
		}
	}
	if after := count(t, f, "changes"); after != before {
		t.Fatalf("refused absences wrote %d changes", after-before)
	}
	if list, _ := f.ws.Absences.List(ctx, absences.Filter{}); len(list) != 0 {
		t.Fatalf("absences after refusals: %v", list)
	}
	// A one-day absence (from == to) is fine, and the default kind is vacation.
	a, err := f.ws.Absences.Add(ctx, f.manager, absences.Input{MemberID: f.creator, From: "2027-03-10", To: "2027-03-10"})
	if err != nil || a.Kind != absences.Vacation || a.From != "2027-03-10" {
		t.Fatalf("one-day absence: %+v %v", a, err)
	}
}

// An absence may fall on the days a post or task may (up to 2199-12-31)
// and no later: 2200-01-01 is refused as for every other date in Postdeck.
func TestAbsenceDatesStopAtTheLastPlannableDay(t *testing.T) {
	f := setup(t)
	a, err := f.ws.Absences.Add(ctx, f.manager, absences.Input{MemberID: f.creator, From: "2199-12-30", To: "2199-12-31"})
	if err != nil || a.To != "2199-12-31" {
		t.Fatalf("absence ending 2199-12-31: %+v %v", a, err)
	}
	before := count(t, f, "changes")
	for _, in := range []absences.Input{
		{MemberID: f.creator, From: "2199-12-31", To: "2200-01-01"},
		{MemberID: f.creator, From: "2200-01-01", To: "2200-01-02"},
		{MemberID: f.creator, From: "1899-12-31", To: "1900-01-01"},
	} {
		if _, err := f.ws.Absences.Add(ctx, f.manager, in); apperr.Code(err) != "absence.date_invalid" {
			t.Errorf("%s..%s: got %v, want absence.date_invalid", in.From, in.To, err)
		}
	}
	if after := count(t, f, "changes"); after != before {
		t.Fatalf("refused absences wrote %d changes", after-before)
	}
}

// A hand-over moves the posts the member owns and the approvals waiting for
// them to the backup, records each on the post's history and in a
// hand-over record, and tells the window. An approval goes only to a backup
// who may approve; otherwise Postdeck names who can and leaves it.
func TestHandOverPostsAndApprovalsNothingLost(t *testing.T) {
	f := setup(t)
	owned := f.post(t, "Ana's draft", f.creator, "", false)
	inReview := f.post(t, "Ana's post in review", f.creator, f.manager, true)
	// A post Ana must approve: give her an approving role first.
	if _, err := f.ws.Team.UpdateMember(ctx, "", f.creator, team.MemberPatch{Roles: &[]string{"content_creator", "brand_manager"}}); err != nil {
		t.Fatal(err)
	}
	toApprove := f.post(t, "Sari's post for Ana to approve", f.manager, f.creator, true)
	published := f.post(t, "Already out", f.creator, "", false)
	f.ws.Store.DB().Exec("UPDATE posts SET status = 'published' WHERE id = ?", published)
	task, err := f.ws.Tasks.Add(ctx, f.manager, tasks.Input{Title: "Film the reel", AssigneeID: f.creator, Due: "2027-03-04"})
	if err != nil {
		t.Fatal(err)
	}
	done, err := f.ws.Tasks.Add(ctx, f.manager, tasks.Input{Title: "Already done", AssigneeID: f.creator, Status: "done"})
	if err != nil {
		t.Fatal(err)
	}

	a := f.absent(t, f.creator, "2027-03-01", "2027-03-05")
	plan, err := f.ws.Absences.Plan(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]absences.Item{}
	for _, it := range plan.Items {
		kinds[it.Kind+":"+it.ID] = it
	}
	if len(plan.Items) != 4 || kinds["post:"+owned].ToID != f.writer || kinds["post:"+inReview].ToID != f.writer ||
		kinds["task:"+task.ID].ToID != f.writer {
		t.Fatalf("plan: %+v", plan.Items)
	}
	appr := kinds["approval:"+toApprove]
	if appr.ToID != "" || appr.Reason != absences.ReasonBackupCannotApprove || len(appr.CanApprove) != 1 || appr.CanApprove[0] != f.manager {
		t.Fatalf("Budi (copywriter) may not approve; the plan must name Sari: %+v", appr)
	}

	// A dry run writes nothing.
	before := count(t, f, "changes")
	dry, err := f.ws.Absences.HandOver(ctx, f.manager, a.ID, true)
	if err != nil || dry.Moved != 3 || dry.Left != 1 || count(t, f, "changes") != before || len(f.notices) != 0 {
		t.Fatalf("dry run: %+v %v (changes %d -> %d)", dry, err, before, count(t, f, "changes"))
	}

	res, err := f.ws.Absences.HandOver(ctx, f.manager, a.ID, false)
	if err != nil || res.Moved != 3 || res.Left != 1 {
		t.Fatalf("hand-over: %+v %v", res, err)
	}
	if got, _ := f.ws.Tasks.Get(ctx, task.ID); got.AssigneeID != f.writer {
		t.Errorf("task assignee = %s, want Budi", got.AssigneeID)
	}
	if got, _ := f.ws.Tasks.Get(ctx, done.ID); got.AssigneeID != f.creator {
		t.Errorf("a done task changed hands")
	}
	th, _ := f.ws.Tasks.History(ctx, task.ID)
	if last := th[len(th)-1]; last.Kind != tasks.KindHandover || last.From != f.creator || last.To != f.writer || last.MemberID != f.manager || last.At != f.now.UnixMilli() {
		t.Errorf("task history lacks the hand-over (who, when, from, to): %+v", th)
	}
	// Nothing lost: every item is with the backup, or still with Ana and
	// reported as left; Ana keeps nothing else.
	for _, id := range []string{owned, inReview} {
		p, _ := f.ws.Calendar.Post(ctx, id)
		if p.OwnerID != f.writer {
			t.Errorf("%s owner = %s, want Budi", p.Title, p.OwnerID)
		}
		hist, _ := f.ws.Calendar.History(ctx, id)
		last := hist[len(hist)-1]
		if last.Note != absences.PostHistoryNote(absences.ItemPost, f.creator, f.writer) || last.MemberID != f.manager {
			t.Errorf("%s history lacks the hand-over: %+v", p.Title, hist)
		}
	}
	if p, _ := f.ws.Calendar.Post(ctx, toApprove); p.ApproverID != f.creator {
		t.Errorf("the approval went to %q, who may not approve", p.ApproverID)
	}
	if p, _ := f.ws.Calendar.Post(ctx, published); p.OwnerID != f.creator {
		t.Errorf("a published post changed hands")
	}
	// What Ana still holds is exactly what the hand-over reported as left.
	open, _ := f.ws.Tasks.List(ctx, tasks.Filter{AssigneeID: f.creator, Open: true})
	var heldPosts, heldApprovals int
	all, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{})
	for _, p := range all {
		if p.OwnerID == f.creator && p.Status != calendar.Published && p.Status != calendar.Archived {
			heldPosts++
		}
		if p.ApproverID == f.creator && p.ApprovedAt == "" {
			heldApprovals++
		}
	}
	if len(open) != 0 || heldPosts != 0 || heldApprovals != res.Left {
		t.Fatalf("Ana still holds %d tasks, %d posts, %d approvals; %d reported left", len(open), heldPosts, heldApprovals, res.Left)
	}
	after, _ := f.ws.Absences.Plan(ctx, a.ID)
	states := map[string]int{}
	for _, it := range after.Items {
		states[it.State]++
	}
	if states[absences.StateHandedOver] != 3 || states[absences.StateLeft] != 1 || states[absences.StatePending] != 0 {
		t.Fatalf("after the hand-over: %+v", after.Items)
	}
	if len(f.notices) != 1 || f.notices[0].Moved != 3 || f.notices[0].Left != 1 || f.notices[0].BackupID != f.writer {
		t.Fatalf("notification: %+v", f.notices)
	}

	// Doing it again changes nothing and says nothing.
	before = count(t, f, "changes")
	again, err := f.ws.Absences.HandOver(ctx, f.manager, a.ID, false)
	if err != nil || again.Moved != 0 || again.Left != 0 || count(t, f, "changes") != before || len(f.notices) != 1 {
		t.Fatalf("second hand-over: %+v %v", again, err)
	}

	// Once Budi may approve, the approval goes to him too.
	if _, err := f.ws.Team.UpdateMember(ctx, "", f.writer, team.MemberPatch{Roles: &[]string{"copywriter", "brand_manager"}}); err != nil {
		t.Fatal(err)
	}
	res, err = f.ws.Absences.HandOver(ctx, f.manager, a.ID, false)
	if err != nil || res.Moved != 1 {
		t.Fatalf("approval hand-over: %+v %v", res, err)
	}
	if p, _ := f.ws.Calendar.Post(ctx, toApprove); p.ApproverID != f.writer {
		t.Errorf("approver = %q, want Budi", p.ApproverID)
	}
	hist, _ := f.ws.Calendar.History(ctx, toApprove)
	if !strings.HasPrefix(hist[len(hist)-1].Note, "handover:approval:") {
		t.Errorf("approval history: %+v", hist)
	}
}

// With the workspace setting on, any device hands over when an absence has
// started; two devices doing it write the same records, and nobody is named
// as having done it (it was automatic).
func TestAutoHandOverIsIdempotentAndOnlyWhenOn(t *testing.T) {
	f := setup(t)
	owned := f.post(t, "Ana's draft", f.creator, "", false)
	a := f.absent(t, f.creator, "2027-03-03", "2027-03-05")

	if res, err := f.ws.AutoHandOver(ctx); err != nil || len(res) != 0 {
		t.Fatalf("setting off: %+v %v", res, err)
	}
	if _, err := f.ws.Workspace.SetAutoHandover(ctx, true); err != nil {
		t.Fatal(err)
	}
	// Before the absence starts: nothing yet.
	if res, err := f.ws.AutoHandOver(ctx); err != nil || len(res) != 0 {
		t.Fatalf("before the start: %+v %v", res, err)
	}
	f.now = time.Date(2027, 3, 3, 7, 0, 0, 0, time.UTC)
	res, err := f.ws.AutoHandOver(ctx)
	if err != nil || len(res) != 1 || res[0].Moved != 1 || !res[0].Automatic {
		t.Fatalf("auto hand-over: %+v %v", res, err)
	}
	if p, _ := f.ws.Calendar.Post(ctx, owned); p.OwnerID != f.writer {
		t.Fatalf("owner = %s", p.OwnerID)
	}
	var rec []struct {
		ID, ByID string
		At       int64
	}
	f.ws.Store.DB().Raw("SELECT id, by_id, at FROM handovers").Scan(&rec)
	start := time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC).UnixMilli()
	if len(rec) != 1 || rec[0].ID != absences.HandoverID(a.ID, absences.ItemPost, owned) || rec[0].ByID != "" || rec[0].At != start {
		t.Fatalf("the record must be the same on every device: %+v", rec)
	}
	before := count(t, f, "changes")
	if res, err := f.ws.AutoHandOver(ctx); err != nil || len(res) != 0 || count(t, f, "changes") != before {
		t.Fatalf("a second run wrote again: %+v %v", res, err)
	}
}

// Two computers with automatic hand-over on both see the absence start and
// hand over before they hear of each other: after syncing, each item was
// handed over once, with one record and one history entry, and no conflict.
func TestTwoDevicesHandingOverAtOnceAgree(t *testing.T) {
	f := setup(t)
	owned := f.post(t, "Ana's draft", f.creator, "", false)
	task, err := f.ws.Tasks.Add(ctx, f.manager, tasks.Input{Title: "Film the reel", AssigneeID: f.creator, Due: "2027-03-04"})
	if err != nil {
		t.Fatal(err)
	}
	f.absent(t, f.creator, "2027-03-03", "2027-03-05")
	if _, err := f.ws.Workspace.SetAutoHandover(ctx, true); err != nil {
		t.Fatal(err)
	}
	folder := t.TempDir()
	if _, err := f.ws.Sync.Connect(ctx, folder, "Toko"); err != nil {
		t.Fatal(err)
	}
	b, err := core.Open(t.TempDir(), events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.Sync.Join(ctx, folder, f.ws.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 3, 3, 8, 0, 0, 0, time.UTC)
	f.now = start
	b.Absences.SetClock(func() time.Time { return start.Add(time.Minute) })
	for _, ws := range []*core.Workspace{f.ws, b} {
		if res, err := ws.AutoHandOver(ctx); err != nil || len(res) != 1 || res[0].Moved != 2 {
			t.Fatalf("auto hand-over: %+v %v", res, err)
		}
	}
	for range 2 {
		for _, ws := range []*core.Workspace{f.ws, b} {
			if _, err := ws.Sync.SyncOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, ws := range []*core.Workspace{f.ws, b} {
		var n struct{ Handovers, PostHistory, TaskHistory, Conflicts int64 }
		db := ws.Store.DB()
		db.Raw("SELECT COUNT(*) FROM handovers").Scan(&n.Handovers)
		db.Raw("SELECT COUNT(*) FROM post_events WHERE post_id = ? AND note LIKE 'handover:%'", owned).Scan(&n.PostHistory)
		db.Raw("SELECT COUNT(*) FROM task_history WHERE task_id = ? AND kind = 'handover'", task.ID).Scan(&n.TaskHistory)
		// Equal values from both devices close themselves; none is left open for a person.
		db.Raw(`SELECT COUNT(*) FROM conflicts c LEFT JOIN conflict_resolutions r ON r.id = c.id AND r.deleted_at IS NULL
			WHERE r.id IS NULL`).Scan(&n.Conflicts)
		if n.Handovers != 2 || n.PostHistory != 1 || n.TaskHistory != 1 || n.Conflicts != 0 {
			t.Errorf("device %d: %+v", i, n)
		}
		if got, _ := ws.Tasks.Get(ctx, task.ID); got.AssigneeID != f.writer {
			t.Errorf("device %d: task with %s", i, got.AssigneeID)
		}
	}
}
