package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// planTeam makes a team of five (one per role of the product-launch plan)
// and returns the plan's id and the --assign flags.
func planTeam(t *testing.T, dir string) (string, []string) {
	t.Helper()
	if r := run(t, dir, "workspace", "set", "--name", "Kopi", "--time-zone", "Asia/Jakarta"); r.code != 0 {
		t.Fatalf("workspace: %+v", r)
	}
	var assign []string
	for _, m := range []struct{ name, role string }{{"Sari", "social_media_manager"}, {"Ana", "content_creator"},
		{"Dewi", "graphic_designer"}, {"Rudi", "community_manager"}, {"Tono", "social_media_analyst"}} {
		var added map[string]any
		r := run(t, dir, "member", "add", "--name", m.name, "--role", m.role, "--json")
		if err := json.Unmarshal([]byte(r.stdout), &added); err != nil {
			t.Fatalf("member add: %+v", r)
		}
		assign = append(assign, "--assign", m.role+"="+added["id"].(string))
	}
	for _, n := range []string{"instagram", "linkedin"} {
		if r := run(t, dir, "channel", "add", "--network", n, "--handle", "@kopi"); r.code != 0 {
			t.Fatalf("channel: %+v", r)
		}
	}
	var plans []map[string]any
	r := run(t, dir, "plan", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &plans); err != nil || len(plans) != 1 || plans[0]["builtInKey"] != "product_launch" {
		t.Fatalf("plan list: %v %+v", err, r)
	}
	return plans[0]["id"].(string), assign
}

// plan apply --dry-run shows every post and task with its day and person
// and writes nothing; the real apply creates the campaign, posts and tasks.
func TestPlanApplyDryRunThenApply(t *testing.T) {
	dir := t.TempDir()
	id, assign := planTeam(t, dir)
	args := append([]string{"plan", "apply", id, "--start", "2099-05-10", "--dry-run", "--json"}, assign...)
	r := run(t, dir, args...)
	var dry struct {
		DryRun  bool `json:"dryRun"`
		Preview struct {
			Items []struct {
				Date, Time, Kind, Title, MemberName string
			} `json:"items"`
			Problems []any `json:"problems"`
		} `json:"preview"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &dry); err != nil || r.code != 0 || !dry.DryRun || len(dry.Preview.Items) != 9 || len(dry.Preview.Problems) != 0 {
		t.Fatalf("dry run: %v %+v", err, r)
	}
	first, last := dry.Preview.Items[0], dry.Preview.Items[8]
	if first.Date != "2099-04-26" || first.MemberName != "Sari" || last.Date != "2099-06-09" || last.MemberName != "Tono" {
		t.Fatalf("items %+v", dry.Preview.Items)
	}
	var camps []map[string]any
	json.Unmarshal([]byte(run(t, dir, "campaign", "list", "--json").stdout), &camps)
	if len(camps) != 0 {
		t.Fatalf("a dry run created %v", camps)
	}
	r = run(t, dir, append([]string{"plan", "apply", id, "--start", "2099-05-10", "--json"}, assign...)...)
	var res struct {
		CampaignID string   `json:"campaignId"`
		PostIDs    []string `json:"postIds"`
		TaskIDs    []string `json:"taskIds"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || r.code != 0 || len(res.PostIDs) != 5 || len(res.TaskIDs) != 4 {
		t.Fatalf("apply: %v %+v", err, r)
	}
	json.Unmarshal([]byte(run(t, dir, "campaign", "list", "--json").stdout), &camps)
	if len(camps) != 1 || camps[0]["planId"] != id || camps[0]["id"] != res.CampaignID {
		t.Fatalf("campaigns %v", camps)
	}
}

// A missing role or a start in the past stops the apply with the reason
// and an exit code of 2, and nothing is created.
func TestPlanApplyRefusals(t *testing.T) {
	dir := t.TempDir()
	id, assign := planTeam(t, dir)
	r := run(t, dir, append([]string{"plan", "apply", id, "--start", "2099-05-10"}, assign[:8]...)...) // no analyst
	if r.code != 2 || !strings.Contains(r.stderr, "plan.role_unassigned") || !strings.Contains(r.stderr, "social_media_analyst") {
		t.Fatalf("missing role: %+v", r)
	}
	r = run(t, dir, append([]string{"plan", "apply", id, "--start", "2020-01-01"}, assign...)...)
	if r.code != 2 || !strings.Contains(r.stderr, "plan.date_past") {
		t.Fatalf("past: %+v", r)
	}
	r = run(t, dir, "plan", "apply", id, "--start", "2099-05-10", "--assign", "oops")
	if r.code != 2 || !strings.Contains(r.stderr, "cli.assign_invalid") {
		t.Fatalf("bad assign: %+v", r)
	}
	r = run(t, dir, append([]string{"plan", "apply", id, "--start", "2099-05-10", "--assign", "wizard=x"}, assign...)...)
	if r.code != 2 || !strings.Contains(r.stderr, "plan.role_unknown") {
		t.Fatalf("unknown role: %+v", r)
	}
	var camps []map[string]any
	json.Unmarshal([]byte(run(t, dir, "campaign", "list", "--json").stdout), &camps)
	if len(camps) != 0 {
		t.Fatalf("refused applies created %v", camps)
	}
}

// playbook run makes a task for the member holding the playbook's role;
// playbook export writes the guide in the language asked.
func TestPlaybookRunAndExport(t *testing.T) {
	dir := t.TempDir()
	var sari map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Sari", "--role", "head_of_social", "--json").stdout), &sari)
	var pbs []map[string]any
	r := run(t, dir, "playbook", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &pbs); err != nil || len(pbs) != 9 {
		t.Fatalf("list: %v %+v", err, r)
	}
	var crisis, campaigns string
	for _, p := range pbs {
		switch p["builtInKey"] {
		case "crisis_management":
			crisis = p["id"].(string)
		case "campaigns":
			campaigns = p["id"].(string)
		}
	}
	r = run(t, dir, "playbook", "run", crisis, "--json")
	var res map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || r.code != 0 || res["assigneeId"] != sari["id"] ||
		len(res["checklist"].([]any)) != 9 || res["taskId"] == "" {
		t.Fatalf("run: %v %+v", err, r)
	}
	r = run(t, dir, "playbook", "run", campaigns, "--json") // nobody is social media manager
	if r.code != 2 || !strings.Contains(r.stderr, "playbook.role_vacant") {
		t.Fatalf("vacant: %+v", r)
	}
	out := filepath.Join(t.TempDir(), "panduan.html")
	r = run(t, dir, "playbook", "export", "--format", "html", "--lang", "id", "--out", out, "--json")
	page, err := os.ReadFile(out)
	if r.code != 0 || err != nil || !strings.Contains(string(page), "Manajemen krisis") || !strings.HasPrefix(string(page), "<!DOCTYPE html>") {
		t.Fatalf("export: %v %+v", err, r)
	}
	r = run(t, dir, "playbook", "export", "--format", "md", "--lang", "en", "--out", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "### Crisis management") || !strings.Contains(r.stdout, "- [ ] Scheduled posts paused on every network") {
		t.Fatalf("md: %+v", r)
	}
	if r := run(t, dir, "playbook", "export", "--format", "pdf", "--out", "-"); r.code != 2 || !strings.Contains(r.stderr, "playbook.format_invalid") {
		t.Fatalf("pdf: %+v", r)
	}
}
