package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTaskAddUpdateListShowCheck(t *testing.T) {
	dir := t.TempDir()
	var sari, budi, ana map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Sari", "--role", "social_media_manager", "--json").stdout), &sari)
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Budi", "--role", "copywriter", "--json").stdout), &budi)
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--backup", budi["id"].(string), "--json").stdout), &ana)
	run(t, dir, "me", "set", sari["id"].(string))

	r := run(t, dir, "task", "add", "--title", "Foto produk", "--assignee", ana["id"].(string), "--due", "2027-03-10",
		"--time", "09:00", "--estimate", "2.5", "--check", "Sewa studio", "--check", "Pilih model", "--json")
	if r.code != 0 {
		t.Fatalf("add: %+v", r)
	}
	var task map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &task); err != nil {
		t.Fatalf("add --json: %v\n%s", err, r.stdout)
	}
	// The documented field names (docs/CLI.md) are a public interface.
	for _, k := range []string{"id", "title", "description", "assigneeId", "backupId", "due", "dueTime", "status", "priority",
		"estimateHours", "postIds", "campaignId", "meetingId", "source", "createdBy", "createdAt", "updatedAt", "checklist"} {
		if _, ok := task[k]; !ok {
			t.Errorf("task JSON lacks %q", k)
		}
	}
	id := task["id"].(string)
	if task["backupId"] != budi["id"] || task["createdBy"] != sari["id"] || task["estimateHours"] != 2.5 || task["status"] != "todo" {
		t.Fatalf("added: %v", task)
	}
	items := task["checklist"].([]any)
	if len(items) != 2 || items[1].(map[string]any)["text"] != "Pilih model" {
		t.Fatalf("checklist: %v", items)
	}

	// Tick the second item by its number, the first by its id.
	if r := run(t, dir, "task", "check", id, "2", "--as", ana["id"].(string), "--json"); r.code != 0 {
		t.Fatalf("check by number: %+v", r)
	}
	first := items[0].(map[string]any)["id"].(string)
	if r := run(t, dir, "task", "check", id, first); r.code != 0 || !strings.Contains(r.stdout, "2/2") {
		t.Fatalf("check by id: %+v", r)
	}
	if r := run(t, dir, "task", "check", id, first, "--undo"); r.code != 0 || !strings.Contains(r.stdout, "1/2") {
		t.Fatalf("undo: %+v", r)
	}
	if r := run(t, dir, "task", "check", id, "7"); r.code != 2 || !strings.Contains(r.stderr, "task.item_not_found") {
		t.Fatalf("no such item: %+v", r)
	}

	r = run(t, dir, "task", "update", id, "--status", "doing", "--assignee", budi["id"].(string), "--check", "Kirim ke desainer", "--json")
	var upd map[string]any
	json.Unmarshal([]byte(r.stdout), &upd)
	if r.code != 0 || upd["status"] != "doing" || upd["assigneeId"] != budi["id"] || upd["backupId"] != "" ||
		upd["due"] != "2027-03-10" || len(upd["checklist"].([]any)) != 3 {
		t.Fatalf("update: %+v", r)
	}

	run(t, dir, "task", "add", "--title", "Laporan", "--assignee", ana["id"].(string), "--due", "2027-04-01")
	run(t, dir, "task", "add", "--title", "Tanpa tenggat")
	list := func(args ...string) []string {
		t.Helper()
		r := run(t, dir, append([]string{"task", "list", "--json"}, args...)...)
		var got []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
			t.Fatalf("list %v: %v %+v", args, err, r)
		}
		var titles []string
		for _, x := range got {
			titles = append(titles, x["title"].(string))
		}
		return titles
	}
	if got := strings.Join(list(), ","); got != "Foto produk,Laporan,Tanpa tenggat" {
		t.Fatalf("list: %s", got)
	}
	if got := strings.Join(list("--assignee", ana["id"].(string)), ","); got != "Laporan" {
		t.Fatalf("list --assignee: %s", got)
	}
	if got := strings.Join(list("--status", "doing"), ","); got != "Foto produk" {
		t.Fatalf("list --status: %s", got)
	}
	if got := strings.Join(list("--due-before", "2027-04-01"), ","); got != "Foto produk" {
		t.Fatalf("list --due-before: %s", got)
	}

	r = run(t, dir, "task", "show", id, "--json")
	var shown map[string]any
	json.Unmarshal([]byte(r.stdout), &shown)
	h, _ := shown["history"].([]any)
	if r.code != 0 || len(h) != 4 || shown["comments"] == nil {
		t.Fatalf("show: %+v", r)
	}
	if r := run(t, dir, "task", "show", id); r.code != 0 || !strings.Contains(r.stdout, "[x] Pilih model") || !strings.Contains(r.stdout, "Assignee: Budi") {
		t.Fatalf("show as text: %+v", r)
	}
}

func TestTaskBadInputSaysWhyAndAddsNothing(t *testing.T) {
	dir := t.TempDir()
	var ana map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--json").stdout), &ana)
	for _, c := range []struct {
		args []string
		code string
	}{
		{[]string{"--due", "2027-02-30"}, "task.due_invalid"},
		{[]string{"--due", "2027-02-28", "--time", "25:00"}, "task.time_invalid"},
		{[]string{"--assignee", "0190a000-0000-7000-8000-000000000000"}, "task.member_unknown"},
		{[]string{"--assignee", ana["id"].(string), "--backup", ana["id"].(string)}, "task.backup_self"},
		{[]string{"--status", "finished"}, "task.status_invalid"},
		{[]string{"--estimate", "-3"}, "task.estimate_invalid"},
	} {
		r := run(t, dir, append([]string{"task", "add", "--title", "x"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.code) {
			t.Errorf("%v: want exit 2 and %s, got %+v", c.args, c.code, r)
		}
	}
	if r := run(t, dir, "task", "list", "--json"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("refused tasks were written: %+v", r)
	}
	if r := run(t, dir, "task", "list", "--due-before", "someday"); r.code != 2 || !strings.Contains(r.stderr, "task.due_invalid") {
		t.Fatalf("bad --due-before: %+v", r)
	}
	if r := run(t, dir, "task", "show", "0190a000-0000-7000-8000-000000000000"); r.code != 2 || !strings.Contains(r.stderr, "task.not_found") {
		t.Fatalf("unknown task: %+v", r)
	}
}
