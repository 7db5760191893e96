package playbooks_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/absences"
	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/playbooks"
	"postdeck/backend/replica"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
	"postdeck/backend/templates"
)

var ctx = context.Background()

// fakeTasks stands in for the task list: it remembers what it was asked to
// create and fails on the title it is told to.
type fakeTasks struct {
	made   []playbooks.TaskSpec
	failOn string
}

func (f *fakeTasks) AddTaskWith(w *replica.Writer, actor string, t playbooks.TaskSpec) (string, error) {
	if t.Title == f.failOn {
		return "", errors.New("disk full")
	}
	f.made = append(f.made, t)
	return replica.NewID(), nil
}

type fakeAbsences map[string]string // member -> day away

func (f fakeAbsences) Absent(_ *gorm.DB, member, day string) (bool, error) {
	return f[member] == day, nil
}

type fixture struct {
	ws      *core.Workspace
	svc     *playbooks.Service
	tasks   *fakeTasks
	away    fakeAbsences
	members map[string]string // role -> member id
	planID  string
}

func setup(t *testing.T, zone string) fixture {
	t.Helper()
	ws, _ := testws.Open(t)
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", zone); err != nil {
		t.Fatal(err)
	}
	f := fixture{ws: ws, tasks: &fakeTasks{}, away: fakeAbsences{}, members: map[string]string{}}
	f.svc = playbooks.NewService(ws.Store, ws.Replica, ws.Team, ws.Calendar, f.tasks, f.away)
	f.svc.SetClock(func() time.Time { return time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC) })
	for _, m := range []struct{ name, role string }{{"Sari", "social_media_manager"}, {"Ana", "content_creator"},
		{"Dewi", "graphic_designer"}, {"Rudi", "community_manager"}, {"Tono", "social_media_analyst"}} {
		mem, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: m.name, Roles: []string{m.role}})
		if err != nil {
			t.Fatal(err)
		}
		f.members[m.role] = mem.ID
	}
	for _, n := range []string{"instagram", "linkedin"} {
		if _, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: n, Handle: "@kopinus"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.SeedBuiltIns(ctx, "en"); err != nil {
		t.Fatal(err)
	}
	plans, err := f.svc.Plans(ctx)
	if err != nil || len(plans) != 1 || plans[0].BuiltInKey != playbooks.ProductLaunchKey {
		t.Fatalf("plans %v %v", plans, err)
	}
	f.planID = plans[0].ID
	return f
}

func count(t *testing.T, ws *core.Workspace, q string) int {
	t.Helper()
	var n int
	if err := ws.Store.DB().Raw(q).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// nothingWritten fails unless the change log has exactly n entries.
func changes(t *testing.T, ws *core.Workspace) int {
	return count(t, ws, "SELECT COUNT(*) FROM changes")
}

// Applying the product-launch plan creates one campaign that remembers the
// plan, its five posts on the right days, channels and owners, and its four
// tasks for the members given each role.
func TestApplyProductLaunch(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	res, err := f.svc.ApplyPlan(ctx, f.members["social_media_manager"], playbooks.ApplyInput{PlanID: f.planID, Start: "2027-01-15", Assign: f.members})
	if err != nil {
		t.Fatal(err)
	}
	camps, _ := f.ws.Calendar.Campaigns(ctx)
	if len(camps) != 1 || camps[0].PlanID != f.planID || camps[0].StartsOn != "2027-01-01" || camps[0].EndsOn != "2027-02-14" ||
		camps[0].Name != "Product launch 2027-01-15" {
		t.Fatalf("campaigns %+v", camps)
	}
	posts, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{CampaignID: res.CampaignID})
	var got []string
	for _, p := range posts {
		got = append(got, p.Date+" "+p.Time+" "+p.Title+" "+p.OwnerID[:4])
		if len(p.Channels) != 1 || p.Status != calendar.Draft {
			t.Errorf("post %s: channels %v status %s", p.Title, p.Channels, p.Status)
		}
	}
	want := []string{
		"2027-01-08 10:00 Teaser: something new is coming " + f.members["content_creator"][:4],
		"2027-01-12 10:00 Three-day countdown " + f.members["content_creator"][:4],
		"2027-01-15 09:00 Launch announcement " + f.members["social_media_manager"][:4],
		"2027-01-15 09:00 Launch day " + f.members["social_media_manager"][:4],
		"2027-01-16 11:00 Thank you " + f.members["community_manager"][:4],
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("posts\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(f.tasks.made) != 4 || len(res.TaskIDs) != 4 || len(res.PostIDs) != 5 {
		t.Fatalf("tasks %d, result %+v", len(f.tasks.made), res)
	}
	last := f.tasks.made[3]
	if last.Title != "Launch results report" || last.Due != "2027-02-14" || last.AssigneeID != f.members["social_media_analyst"] ||
		last.CampaignID != res.CampaignID || len(last.Checklist) != 3 || last.EstimateHours != 4 {
		t.Fatalf("last task %+v", last)
	}
}

// A failure on the very last step (its task cannot be written) leaves
// nothing: no campaign, no post, no change to sync.
func TestApplyIsAllOrNothing(t *testing.T) {
	f := setup(t, "Europe/Berlin")
	before := changes(t, f.ws)
	f.tasks.failOn = "Launch results report"
	_, err := f.svc.ApplyPlan(ctx, "", playbooks.ApplyInput{PlanID: f.planID, Start: "2027-03-20", Assign: f.members})
	if err == nil {
		t.Fatal("apply succeeded")
	}
	if n := count(t, f.ws, "SELECT COUNT(*) FROM campaigns") + count(t, f.ws, "SELECT COUNT(*) FROM posts"); n != 0 {
		t.Fatalf("%d campaigns and posts left behind", n)
	}
	if changes(t, f.ws) != before {
		t.Fatal("the change log grew")
	}
	// The same apply without the failure goes through.
	f.tasks.failOn, f.tasks.made = "", nil
	if _, err := f.svc.ApplyPlan(ctx, "", playbooks.ApplyInput{PlanID: f.planID, Start: "2027-03-20", Assign: f.members}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, f.ws, "SELECT COUNT(*) FROM posts"); n != 5 {
		t.Fatalf("%d posts", n)
	}
}

// Bad requests get a clear error and write nothing: a role nobody was
// given, an unknown role, a member away on a step's day, a start in the
// past, a plan of 10,000 steps (saved, or arriving from another device).
func TestApplyRefusesBadInput(t *testing.T) {
	f := setup(t, "UTC")
	before := changes(t, f.ws)
	without := func(role string) map[string]string {
		m := map[string]string{}
		for k, v := range f.members {
			if k != role {
				m[k] = v
			}
		}
		return m
	}
	unknown := without("")
	unknown["astrologer"] = f.members["content_creator"]
	cases := []struct {
		name   string
		in     playbooks.ApplyInput
		code   string
		params map[string]any
	}{
		{"missing role", playbooks.ApplyInput{Start: "2027-01-15", Assign: without("community_manager")}, "plan.role_unassigned",
			map[string]any{"role": "community_manager"}},
		{"unknown role", playbooks.ApplyInput{Start: "2027-01-15", Assign: unknown}, "plan.role_unknown", map[string]any{"role": "astrologer"}},
		{"absent", playbooks.ApplyInput{Start: "2027-01-15", Assign: f.members}, "plan.member_absent",
			map[string]any{"name": "Dewi", "date": "2027-01-05", "step": 2}},
		{"past", playbooks.ApplyInput{Start: "2026-12-10", Assign: f.members}, "plan.date_past", map[string]any{"date": "2026-11-26"}},
		{"bad date", playbooks.ApplyInput{Start: "15/01/2027", Assign: f.members}, "plan.start_invalid", nil},
		{"no plan", playbooks.ApplyInput{PlanID: "nope", Start: "2027-01-15", Assign: f.members}, "plan.not_found", nil},
	}
	for _, c := range cases {
		if c.code == "plan.member_absent" {
			f.away[f.members["graphic_designer"]] = "2027-01-05"
		}
		if c.in.PlanID == "" {
			c.in.PlanID = f.planID
		}
		_, err := f.svc.ApplyPlan(ctx, "", c.in)
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
			continue
		}
		for k, v := range c.params {
			if ae.Params[k] != v {
				t.Errorf("%s: param %s = %v, want %v", c.name, k, ae.Params[k], v)
			}
		}
	}
	// The preview lists the problems too, with every step still laid out.
	delete(f.away, f.members["graphic_designer"])
	p, err := f.svc.PreviewPlan(ctx, playbooks.ApplyInput{PlanID: f.planID, Start: "2027-01-15", Assign: without("community_manager")})
	if err != nil || len(p.Items) != 9 || len(p.Problems) != 1 {
		t.Fatalf("preview %+v %v", p, err)
	}
	// 10,000 steps: refused when saved, and when such a plan arrives from
	// another device and someone applies it.
	many := make([]playbooks.PlanStep, 10_000)
	for i := range many {
		many[i] = playbooks.PlanStep{Offset: i % 300, Kind: playbooks.StepTask, Title: "Step", Role: "content_creator"}
	}
	if _, err := f.svc.AddPlan(ctx, playbooks.PlanInput{Name: "Huge", Steps: many}); apperr.Code(err) != "plan.too_many_steps" {
		t.Fatalf("saving 10,000 steps: %v", err)
	}
	raw, _ := json.Marshal(map[string]any{"steps": many[:playbooks.MaxSteps+1]})
	if _, err := f.ws.Templates.Add(ctx, templates.Input{Kind: templates.KindPlan, Name: "Huge", Data: raw}); apperr.Code(err) != "plan.too_many_steps" {
		t.Fatalf("saving 201 steps as a template: %v", err)
	}
	if changes(t, f.ws) != before || count(t, f.ws, "SELECT COUNT(*) FROM campaigns") != 0 || len(f.tasks.made) != 0 {
		t.Fatal("a refused request wrote something")
	}
	var hugeID string
	if err := f.ws.Replica.Write(ctx, func(w *replica.Writer) error {
		var err error
		hugeID, err = w.Insert("templates", map[string]any{"kind": "plan", "name": "Huge", "lang": "en",
			"data": map[string]any{"steps": many}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	before = changes(t, f.ws)
	if _, err := f.svc.ApplyPlan(ctx, "", playbooks.ApplyInput{PlanID: hugeID, Start: "2027-01-15", Assign: f.members}); apperr.Code(err) != "plan.too_many_steps" {
		t.Fatalf("applying 10,000 steps: %v", err)
	}
	if changes(t, f.ws) != before || len(f.tasks.made) != 0 {
		t.Fatal("applying a huge plan wrote something")
	}
}

// Two devices that seed the built-ins at the same time, before either has
// seen the other, end up with one copy of each, identical on both, and no
// conflict to resolve.
func TestTwoDevicesSeedingAtOnceKeepOneCopy(t *testing.T) {
	folder := t.TempDir()
	a, _ := testws.Open(t)
	b, _ := testws.Open(t)
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	for _, ws := range []*core.Workspace{a, b} {
		if err := ws.Playbooks.SeedBuiltIns(ctx, "en"); err != nil {
			t.Fatal(err)
		}
	}
	for _, ws := range []*core.Workspace{a, b, a} {
		if _, err := ws.Sync.SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, ws := range []*core.Workspace{a, b} {
		pbs, err := ws.Playbooks.Playbooks(ctx)
		if err != nil || len(pbs) != 9 {
			t.Fatalf("%d playbooks (%v)", len(pbs), err)
		}
		if n := count(t, ws, "SELECT COUNT(*) FROM templates"); n != 10 {
			t.Fatalf("%d template rows, want 9 playbooks and 1 plan", n)
		}
		if n := count(t, ws, "SELECT COUNT(*) FROM conflicts c WHERE NOT EXISTS (SELECT 1 FROM conflict_resolutions r WHERE r.id = c.id)"); n != 0 {
			t.Fatalf("%d open conflicts", n)
		}
	}
	rows := func(ws *core.Workspace) string {
		var out []string
		_ = ws.Store.DB().Raw("SELECT id || name || body || data FROM templates ORDER BY id").Scan(&out).Error
		return strings.Join(out, "\n")
	}
	if rows(a) != rows(b) {
		t.Fatal("the devices differ")
	}
	// Seeding again (the next start) adds nothing and keeps edits and deletes.
	pbs, _ := a.Playbooks.Playbooks(ctx)
	if err := a.Playbooks.DeletePlaybook(ctx, pbs[0].ID); err != nil {
		t.Fatal(err)
	}
	before := changes(t, a)
	if err := a.Playbooks.SeedBuiltIns(ctx, "id"); err != nil {
		t.Fatal(err)
	}
	if changes(t, a) != before {
		t.Fatal("seeding again wrote something")
	}
}

// Running a playbook creates one task with its checklist for the member
// holding its owner role; with nobody in that role it says so and creates
// nothing.
func TestRunPlaybook(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	pbs, _ := f.svc.Playbooks(ctx)
	var crisis, campaigns playbooks.Playbook
	for _, p := range pbs {
		switch p.Key {
		case "crisis_management":
			crisis = p
		case "campaigns":
			campaigns = p
		}
	}
	res, err := f.svc.RunPlaybook(ctx, "", campaigns.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.AssigneeID != f.members["social_media_manager"] || len(f.tasks.made) != 1 || len(f.tasks.made[0].Checklist) != 8 ||
		f.tasks.made[0].Due != "2026-12-01" || f.tasks.made[0].Source != "playbook" {
		t.Fatalf("run %+v tasks %+v", res, f.tasks.made)
	}
	before := changes(t, f.ws)
	_, err = f.svc.RunPlaybook(ctx, "", crisis.ID) // nobody is head of social media
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != "playbook.role_vacant" || ae.Params["role"] != "head_of_social" {
		t.Fatalf("vacant role: %v", err)
	}
	if changes(t, f.ws) != before || len(f.tasks.made) != 1 {
		t.Fatal("a refused run wrote something")
	}
}

// Editing a playbook can mark it reviewed; the due list follows the review
// interval in the workspace's days.
func TestDueForReview(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	due, _ := f.svc.DuePlaybooks(ctx)
	if len(due) != 0 {
		t.Fatalf("freshly seeded playbooks are due: %v", due)
	}
	f.svc.SetClock(func() time.Time { return time.Date(2027, 3, 1, 18, 0, 0, 0, time.UTC) }) // 2 March in Jakarta
	due, _ = f.svc.DuePlaybooks(ctx)
	if len(due) != 3 { // the three reviewed every 90 days
		t.Fatalf("due %d", len(due))
	}
	if _, err := f.svc.MarkReviewed(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	after, _ := f.svc.DuePlaybooks(ctx)
	pb, _ := f.svc.Playbook(ctx, due[0].ID)
	if len(after) != 2 || pb.ReviewedOn != "2027-03-02" || pb.DueOn != "2027-05-31" {
		t.Fatalf("after review: %d due, %+v", len(after), pb)
	}
	if _, err := f.svc.UpdatePlaybook(ctx, pb.ID, playbooks.PlaybookInput{Title: " ", Body: "x"}, false); apperr.Code(err) != "playbook.title_required" {
		t.Fatalf("empty title: %v", err)
	}
}

// An English workspace exports its guide in Indonesian from the shipped
// texts, and its own edits in English.
func TestExportGuide(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	pbs, _ := f.svc.Playbooks(ctx)
	in := playbooks.PlaybookInput{Title: pbs[0].Title, Lang: "en", Body: pbs[0].Body + "\nOur own <rule>.\n", Checklist: pbs[0].Checklist,
		Roles: pbs[0].Roles, OwnerRole: pbs[0].OwnerRole, ReviewDays: 30}
	if _, err := f.svc.UpdatePlaybook(ctx, pbs[0].ID, in, true); err != nil {
		t.Fatal(err)
	}
	md, err := f.svc.Export(ctx, "md", "en")
	if err != nil || !strings.Contains(string(md), "Our own \\<rule\\>.") && !strings.Contains(string(md), "Our own <rule>.") {
		t.Fatalf("md: %v\n%s", err, md)
	}
	page, err := f.svc.Export(ctx, "html", "id")
	s := string(page)
	if err != nil || !strings.Contains(s, "Manajemen krisis") || !strings.Contains(s, "Daftar isi") || strings.Contains(s, "Crisis management") ||
		!strings.Contains(s, "Kopi Nusantara") {
		t.Fatalf("id page: %v", err)
	}
	if _, err := f.svc.Export(ctx, "pdf", "en"); apperr.Code(err) != "playbook.format_invalid" {
		t.Fatalf("pdf: %v", err)
	}
}

// With the real task list: a plan whose last step the task list refuses
// (a checklist item longer than a task holds, in a plan that came from
// another device without the editor's checks) leaves nothing at all: no
// campaign, no post, no task, nothing to sync.
func TestApplyWithTheTaskListIsAllOrNothing(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	plan, _ := f.svc.Plan(ctx, f.planID)
	plan.Steps[len(plan.Steps)-1].Checklist = []string{strings.Repeat("x", 600)}
	var id string
	if err := f.ws.Replica.Write(ctx, func(w *replica.Writer) error {
		var err error
		id, err = w.Insert("templates", map[string]any{"kind": "plan", "name": "Launch from elsewhere", "lang": "en",
			"data": map[string]any{"steps": plan.Steps}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	before := changes(t, f.ws)
	_, err := f.ws.Playbooks.ApplyPlan(ctx, "", playbooks.ApplyInput{PlanID: id, Start: "2027-01-15", Assign: f.members})
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Params["step"] != 9 {
		t.Fatalf("want the last step's error, got %v", err)
	}
	for _, table := range []string{"campaigns", "posts", "tasks", "task_checklist_items", "task_history"} {
		if n := count(t, f.ws, "SELECT COUNT(*) FROM "+table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if changes(t, f.ws) != before {
		t.Fatal("the change log grew")
	}
	// The built-in plan itself goes through, tasks and all.
	res, err := f.ws.Playbooks.ApplyPlan(ctx, "", playbooks.ApplyInput{PlanID: f.planID, Start: "2027-01-15", Assign: f.members})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := f.ws.Tasks.List(ctx, tasks.Filter{CampaignID: res.CampaignID})
	if err != nil || len(ts) != 4 {
		t.Fatalf("%d tasks (%v)", len(ts), err)
	}
}

// A post step may take its text from a post template: {{campaign}} and
// {{date}} are filled in, other placeholders stay for the owner; a template
// that was deleted is a problem named before anything is created.
func TestPostStepFromTemplate(t *testing.T) {
	f := setup(t, "Asia/Jakarta")
	tpl, err := f.ws.Templates.Add(ctx, templates.Input{Kind: templates.KindPost, Name: "Teaser", Lang: "en",
		Body: "{{campaign}} starts {{date}}: meet {{product}} ☕"})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := f.svc.AddPlan(ctx, playbooks.PlanInput{Name: "Mini", Steps: []playbooks.PlanStep{
		{Offset: -2, Kind: playbooks.StepPost, Title: "Teaser", Role: "content_creator", Network: "instagram", TemplateID: tpl.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	in := playbooks.ApplyInput{PlanID: plan.ID, Start: "2027-02-01", Assign: f.members, CampaignName: "Kopi Gula Aren"}
	res, err := f.svc.ApplyPlan(ctx, "", in)
	if err != nil {
		t.Fatal(err)
	}
	post, _ := f.ws.Calendar.Post(ctx, res.PostIDs[0])
	if post.Body != "Kopi Gula Aren starts 2027-01-30: meet {{product}} ☕" || post.Date != "2027-01-30" {
		t.Fatalf("post %q on %s", post.Body, post.Date)
	}
	if err := f.ws.Templates.Delete(ctx, tpl.ID); err != nil {
		t.Fatal(err)
	}
	before := changes(t, f.ws)
	if _, err := f.svc.ApplyPlan(ctx, "", in); apperr.Code(err) != "plan.template_missing" {
		t.Fatalf("deleted template: %v", err)
	}
	if changes(t, f.ws) != before {
		t.Fatal("a refused apply wrote something")
	}
}

// With the team's real absences: a member on holiday on a step's day stops
// the plan with their name and the day, and nothing is created; on the
// days around the holiday the plan goes through.
func TestApplyChecksRealAbsences(t *testing.T) {
	f := setup(t, "Europe/Berlin")
	if _, err := f.ws.Absences.Add(ctx, "", absences.Input{MemberID: f.members["graphic_designer"], Kind: "vacation",
		From: "2027-01-04", To: "2027-01-06"}); err != nil {
		t.Fatal(err)
	}
	before := changes(t, f.ws)
	_, err := f.ws.Playbooks.ApplyPlan(ctx, "", playbooks.ApplyInput{PlanID: f.planID, Start: "2027-01-15", Assign: f.members})
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != "plan.member_absent" || ae.Params["name"] != "Dewi" || ae.Params["date"] != "2027-01-05" {
		t.Fatalf("holiday: %v", err)
	}
	if changes(t, f.ws) != before {
		t.Fatal("a refused apply wrote something")
	}
	// A day later the design step falls on 2027-01-07, after the holiday.
	if _, err := f.ws.Playbooks.ApplyPlan(ctx, "", playbooks.ApplyInput{PlanID: f.planID, Start: "2027-01-17", Assign: f.members}); err != nil {
		t.Fatal(err)
	}
}
