package playbooks

import (
	"strings"
	"testing"
	"time"

	"postdeck/backend/apperr"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func applying(start string, loc *time.Location, now time.Time) Applying {
	return Applying{Start: start, Zone: loc, Now: now,
		Assign:   map[string]string{"social_media_manager": "m1", "content_creator": "m2"},
		Roles:    map[string]bool{"social_media_manager": true, "content_creator": true, "community_manager": true},
		Members:  map[string]string{"m1": "Ayu", "m2": "Budi"},
		Channels: map[string][]string{"instagram": {"ch-ig"}}}
}

func plan(steps ...PlanStep) Plan { return Plan{ID: "p1", Name: "Launch", Steps: steps} }

func post(offset int, clock string) PlanStep {
	return PlanStep{Offset: offset, Kind: StepPost, Title: "Post", Role: "content_creator", Network: "instagram", Time: clock}
}

func laidOut(p Preview) []string {
	out := []string{}
	for _, it := range p.Items {
		out = append(out, it.Date+" "+it.Time)
	}
	return out
}

// A plan laid out from the last day of a month lands its steps on real
// days of the months before and after (no 31 February, no skipped day).
func TestInstantiateAcrossMonthEnds(t *testing.T) {
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	p, err := Instantiate(plan(post(-14, "09:00"), post(0, "09:00"), post(1, "09:00"), post(30, "09:00"), post(29, "")),
		applying("2027-01-31", time.UTC, now))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2027-01-17 09:00", "2027-01-31 09:00", "2027-02-01 09:00", "2027-03-01 ", "2027-03-02 09:00"}
	if got := laidOut(p); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("dates %v, want %v", got, want)
	}
	if p.StartsOn != "2027-01-17" || p.EndsOn != "2027-03-02" || len(p.Problems) != 0 {
		t.Fatalf("range %s..%s problems %v", p.StartsOn, p.EndsOn, p.Problems)
	}
	// Leap years: 29 February exists in 2028 only.
	p, _ = Instantiate(plan(post(1, ""), post(366, "")), applying("2028-02-28", time.UTC, now))
	if got := laidOut(p); got[0] != "2028-02-29 " || got[1] != "2029-02-28 " {
		t.Fatalf("leap year dates %v", got)
	}
}

// Across the night Berlin moves to summer time, steps keep their day and
// wall-clock time; a time the clocks skip becomes the time it comes to.
func TestInstantiateAcrossDSTInBerlin(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	now := time.Date(2027, 3, 1, 8, 0, 0, 0, berlin)
	// Clocks go forward on Sunday 2027-03-28 at 02:00 and back on 2027-10-31.
	p, err := Instantiate(plan(post(-1, "09:00"), post(0, "02:30"), post(1, "09:00"), post(217, "02:30")), applying("2027-03-28", berlin, now))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2027-03-27 09:00", "2027-03-28 03:30", "2027-03-29 09:00", "2027-10-31 02:30"}
	if got := laidOut(p); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("dates %v, want %v", got, want)
	}
}

// In Jakarta (UTC+7, no daylight saving) "today" is Jakarta's today: at
// 18:00 UTC on 30 November it is already 1 December there, so a step on
// 30 November is past, and one on 1 December at 02:00 (an hour earlier
// than Jakarta's clock) is past too, while 09:00 is not.
func TestInstantiateInJakarta(t *testing.T) {
	jakarta := zone(t, "Asia/Jakarta")
	now := time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC) // 01:00 on 1 Dec in Jakarta
	p, err := Instantiate(plan(post(-1, "09:00"), post(0, "00:30"), post(0, "09:00"), post(31, "")), applying("2026-12-01", jakarta, now))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-11-30 09:00", "2026-12-01 00:30", "2026-12-01 09:00", "2027-01-01 "}
	if got := laidOut(p); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("dates %v, want %v", got, want)
	}
	var past []int
	for _, pr := range p.Problems {
		if pr.Code == "plan.date_past" {
			past = append(past, pr.Step)
		}
	}
	if len(past) != 2 || past[0] != 1 || past[1] != 2 {
		t.Fatalf("past steps %v, want [1 2] (%v)", past, p.Problems)
	}
	// The same plan in UTC: it is still 30 November, 18:00, so only the
	// 09:00 step of that day is past.
	p, _ = Instantiate(plan(post(-1, "09:00"), post(0, "00:30")), applying("2026-12-01", time.UTC, now))
	if len(p.Problems) != 1 || p.Problems[0].Step != 1 {
		t.Fatalf("UTC problems %v", p.Problems)
	}
}

// Each step goes to the member given its role; a role nobody was given, a
// role the team does not have, a member who is not on the team and a
// member away on the step's day are all named before anything is written.
func TestRoleResolution(t *testing.T) {
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	steps := plan(
		PlanStep{Offset: 0, Kind: StepTask, Title: "Brief", Role: "social_media_manager", Checklist: []string{"a"}, EstimateHours: 2},
		post(1, "10:00"),
		PlanStep{Offset: 2, Kind: StepTask, Title: "Answer", Role: "community_manager"},
		PlanStep{Offset: 3, Kind: StepTask, Title: "Answer", Role: "community_manager"},
		PlanStep{Offset: 4, Kind: StepTask, Title: "Spin", Role: "wizard"},
	)
	a := applying("2026-12-10", time.UTC, now)
	a.Absent = func(member, day string) (bool, error) { return member == "m2" && day == "2026-12-11", nil }
	p, err := Instantiate(steps, a)
	if err != nil {
		t.Fatal(err)
	}
	if p.Items[0].MemberID != "m1" || p.Items[0].MemberName != "Ayu" || p.Items[1].MemberID != "m2" || p.Items[1].Channels[0] != "ch-ig" {
		t.Fatalf("assignments %+v", p.Items[:2])
	}
	codes := []string{}
	for _, pr := range p.Problems {
		codes = append(codes, pr.Code)
	}
	want := "plan.member_absent,plan.role_unassigned,plan.role_unknown"
	if strings.Join(codes, ",") != want {
		t.Fatalf("problems %v, want %s (the unassigned role once)", p.Problems, want)
	}
	if p.Err() == nil || apperr.Code(p.Err()) != "plan.member_absent" {
		t.Fatalf("Err() = %v", p.Err())
	}
	// A member assigned who is not on the team, and a role given that does not exist.
	a = applying("2026-12-10", time.UTC, now)
	a.Assign["content_creator"] = "ghost"
	a.Assign["astrologer"] = "m1"
	p, _ = Instantiate(plan(post(0, "")), a)
	got := map[string]bool{}
	for _, pr := range p.Problems {
		got[pr.Code] = true
	}
	if !got["plan.member_unknown"] || !got["plan.role_unknown"] {
		t.Fatalf("problems %v", p.Problems)
	}
}

// A plan of 10,000 steps, or a start that is not a date, is refused with a
// clear error rather than laid out.
func TestInstantiateBadInput(t *testing.T) {
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	many := make([]PlanStep, 10_000)
	for i := range many {
		many[i] = post(i%100, "")
	}
	_, err := Instantiate(plan(many...), applying("2027-01-01", time.UTC, now))
	var ae *apperr.Error
	if apperr.Code(err) != "plan.too_many_steps" || !asErr(err, &ae) || ae.Params["count"] != 10_000 || ae.Params["max"] != MaxSteps {
		t.Fatalf("10,000 steps: %v", err)
	}
	if _, err := checkPlan(PlanInput{Name: "Big", Steps: many}); apperr.Code(err) != "plan.too_many_steps" {
		t.Fatalf("saving 10,000 steps: %v", err)
	}
	for _, start := range []string{"", "2027-02-30", "1/2/2027", "2027-1-1"} {
		if _, err := Instantiate(plan(post(0, "")), applying(start, time.UTC, now)); apperr.Code(err) != "plan.start_invalid" {
			t.Errorf("start %q: %v", start, err)
		}
	}
	bad := []PlanStep{{Offset: 0, Kind: "meeting", Title: "x", Role: "r"}}
	if _, err := checkPlan(PlanInput{Name: "x", Steps: bad}); apperr.Code(err) != "plan.step_kind_invalid" {
		t.Fatalf("bad kind: %v", err)
	}
	if _, err := checkPlan(PlanInput{Name: "x", Steps: []PlanStep{{Offset: 5000, Kind: StepTask, Title: "x", Role: "r"}}}); apperr.Code(err) != "plan.step_offset_invalid" {
		t.Fatalf("far offset: %v", err)
	}
}

func asErr(err error, target **apperr.Error) bool {
	e, ok := err.(*apperr.Error)
	*target = e
	return ok
}

// The built-in plan is valid in both languages, with the same steps.
func TestBuiltInPlan(t *testing.T) {
	en, id := BuiltInPlan("en"), BuiltInPlan("id")
	for _, p := range []PlanInput{en, id} {
		if _, err := checkPlan(p); err != nil {
			t.Fatalf("%s: %v", p.Lang, err)
		}
	}
	if len(en.Steps) != len(id.Steps) || en.Name == id.Name {
		t.Fatalf("en %d steps, id %d", len(en.Steps), len(id.Steps))
	}
	for i := range en.Steps {
		if en.Steps[i].Offset != id.Steps[i].Offset || en.Steps[i].Role != id.Steps[i].Role || en.Steps[i].Kind != id.Steps[i].Kind {
			t.Fatalf("step %d differs: %+v / %+v", i+1, en.Steps[i], id.Steps[i])
		}
	}
}
