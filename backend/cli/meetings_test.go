package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func addMember(t *testing.T, dir, name, role string) string {
	t.Helper()
	var m map[string]any
	r := run(t, dir, "member", "add", "--name", name, "--role", role, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil || r.code != 0 {
		t.Fatalf("member add: %v %+v", err, r)
	}
	return m["id"].(string)
}

func TestMeetingAddListShowAndCheckInFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "workspace", "set", "--name", "Kopi", "--time-zone", "Asia/Jakarta"); r.code != 0 {
		t.Fatalf("zone: %+v", r)
	}
	ana := addMember(t, dir, "Ana", "content_creator")
	r := run(t, dir, "meeting", "add", "--kind", "checkin", "--date", "2099-01-05", "--time", "09:30", "--repeat", "weekly",
		"--attendee", ana, "--json")
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil || r.code != 0 {
		t.Fatalf("meeting add: %v %+v", err, r)
	}
	// Without --title a check-in is called what it is.
	if m["title"] != "Weekly check-in" || m["repeat"] != "weekly" || m["rrule"] != "FREQ=WEEKLY;BYDAY=MO" || m["next"] != "2099-01-05" || m["zone"] != "Asia/Jakarta" {
		t.Fatalf("added: %v", m)
	}
	for _, k := range []string{"id", "kind", "title", "date", "time", "durationMinutes", "zone", "repeat", "attendeeIds", "guests", "postIds", "campaignIds", "next"} {
		if _, ok := m[k]; !ok {
			t.Errorf("meeting JSON lacks %q", k)
		}
	}
	id := m["id"].(string)
	var list []map[string]any
	r = run(t, dir, "meeting", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 || list[0]["id"] != id {
		t.Fatalf("list: %v %+v", err, r)
	}
	var days []map[string]any
	r = run(t, dir, "meeting", "list", "--from", "2099-01-01", "--to", "2099-01-31", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &days); err != nil || len(days) != 4 || days[3]["date"] != "2099-01-26" {
		t.Fatalf("days of January: %v %+v", err, r)
	}
	if r := run(t, dir, "meeting", "checkin", id, "--date", "2099-01-12", "--member", ana, "--wins", "Reel at 40k views", "--needs-help", "Captions"); r.code != 0 {
		t.Fatalf("checkin: %+v", r)
	}
	var d map[string]any
	r = run(t, dir, "meeting", "show", id, "--date", "2099-01-12", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || r.code != 0 {
		t.Fatalf("show: %v %+v", err, r)
	}
	cs := d["checkIns"].([]any)
	if len(cs) != 1 || cs[0].(map[string]any)["wins"] != "Reel at 40k views" || cs[0].(map[string]any)["help"] != "Captions" ||
		d["nextDate"] != "2099-01-19" || d["previous"].(map[string]any)["date"] != "2099-01-05" {
		t.Fatalf("show: %v", d)
	}
	// The day id from the list names the same day.
	r = run(t, dir, "meeting", "show", days[1]["id"].(string))
	if r.code != 0 || !strings.Contains(r.stdout, "2099-01-12") || !strings.Contains(r.stdout, "Reel at 40k views") {
		t.Fatalf("show by day id: %+v", r)
	}
	// An action item: Ana's task, due on the next meeting; the week after opens with it.
	var a map[string]any
	r = run(t, dir, "meeting", "action", id, "--date", "2099-01-12", "--title", "Draft the Ramadan plan", "--assignee", ana, "--as", ana, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || r.code != 0 || a["due"] != "2099-01-19" || a["assigneeName"] != "Ana" || a["status"] != "todo" {
		t.Fatalf("action: %v %+v", err, r)
	}
	var tasks []map[string]any
	r = run(t, dir, "task", "list", "--assignee", ana, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &tasks); err != nil || len(tasks) != 1 || tasks[0]["id"] != a["taskId"] || tasks[0]["source"] != "meeting" {
		t.Fatalf("Ana's tasks: %v %+v", err, r)
	}
	r = run(t, dir, "meeting", "show", id, "--date", "2099-01-19")
	if r.code != 0 || !strings.Contains(r.stdout, "Action items from 2099-01-12") || !strings.Contains(r.stdout, "Draft the Ramadan plan") {
		t.Fatalf("the week after: %+v", r)
	}
	if r := run(t, dir, "meeting", "action", id, "--date", "2099-01-12", "--title", "x", "--assignee", "nobody", "--as", ana); r.code != 2 || !strings.Contains(r.stderr, "meeting.member_unknown") {
		t.Fatalf("unknown assignee: %+v", r)
	}
	// Skipping the 26th takes it off the list of January's meetings.
	if r := run(t, dir, "meeting", "skip", id, "2099-01-26"); r.code != 0 {
		t.Fatalf("skip: %+v", r)
	}
	if r := run(t, dir, "meeting", "skip", id, "2099-01-27"); r.code != 2 || !strings.Contains(r.stderr, "meeting.not_a_day") {
		t.Fatalf("skip a Tuesday: %+v", r)
	}
	r = run(t, dir, "meeting", "list", "--from", "2099-01-01", "--to", "2099-01-31", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &days); err != nil || len(days) != 3 {
		t.Fatalf("January after a skipped week: %v %+v", err, r)
	}
	r = run(t, dir, "meeting", "notes", id, "--date", "2099-01-12", "--lang", "id")
	if r.code != 0 || !strings.Contains(r.stdout, "# Weekly check-in") || !strings.Contains(r.stdout, "**Keberhasilan**") {
		t.Fatalf("notes: %+v", r)
	}
}

func TestBadMeetingInputOnTheCommandLineIsAClearErrorAndAddsNothing(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code string
	}{
		{[]string{"--kind", "checkin", "--date", "2027-02-30", "--time", "09:00"}, "meeting.date_invalid"},
		{[]string{"--kind", "checkin", "--date", "2027-02-01", "--time", "9am"}, "meeting.time_invalid"},
		{[]string{"--kind", "lunch", "--date", "2027-02-01", "--time", "09:00"}, "meeting.kind_invalid"},
		{[]string{"--kind", "stakeholder", "--title", " ", "--date", "2027-02-01", "--time", "09:00"}, "meeting.title_required"},
		{[]string{"--kind", "checkin", "--date", "2027-02-01", "--time", "09:00", "--attendee", "nobody"}, "meeting.member_unknown"},
	} {
		r := run(t, dir, append([]string{"meeting", "add"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.code) {
			t.Errorf("%v: want %s, got %+v", c.args, c.code, r)
		}
	}
	r := run(t, dir, "meeting", "list", "--json")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("after refusals: %+v", r)
	}
}
