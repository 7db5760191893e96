package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAbsenceHandoverAndHealthFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var sari, ana, budi, ch map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Sari", "--role", "social_media_manager", "--json").stdout), &sari)
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Budi", "--role", "copywriter", "--json").stdout), &budi)
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--backup", budi["id"].(string), "--json").stdout), &ana)
	json.Unmarshal([]byte(run(t, dir, "channel", "add", "--network", "instagram", "--handle", "@kopi", "--json").stdout), &ch)
	anaID := ana["id"].(string)
	r := run(t, dir, "post", "add", "--title", "Promo", "--text", "Diskon", "--channel", ch["id"].(string),
		"--date", "2026-12-01", "--owner", anaID, "--as", anaID, "--json")
	if r.code != 0 {
		t.Fatalf("post add: %+v", r)
	}

	// Bad input: clear codes, nothing written.
	for args, code := range map[string]string{
		"--member " + anaID + " --from 2027-03-10 --to 2027-03-09": "absence.ends_before_start",
		"--member nobody --from 2027-03-10 --to 2027-03-12":        "absence.member_unknown",
		"--member " + anaID + " --from 2027-02-30 --to 2027-03-02": "absence.date_invalid",
	} {
		r := run(t, dir, append([]string{"absence", "add"}, strings.Fields(args)...)...)
		if r.code != 2 || !strings.Contains(r.stderr, code) {
			t.Errorf("%s: %+v", args, r)
		}
	}
	var list []map[string]any
	json.Unmarshal([]byte(run(t, dir, "absence", "list", "--json").stdout), &list)
	if len(list) != 0 {
		t.Fatalf("refused absences were written: %v", list)
	}

	var a map[string]any
	r = run(t, dir, "absence", "add", "--member", anaID, "--from", "2026-11-30", "--to", "2026-12-04", "--kind", "sick", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || a["kind"] != "sick" || a["from"] != "2026-11-30" {
		t.Fatalf("absence add: %+v", r)
	}
	json.Unmarshal([]byte(run(t, dir, "absence", "list", "--json").stdout), &list)
	if len(list) != 1 || list[0]["memberId"] != anaID {
		t.Fatalf("absence list: %v", list)
	}

	var dry map[string]any
	r = run(t, dir, "handover", a["id"].(string), "--dry-run", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &dry); err != nil || dry["moved"] != 1.0 || dry["dryRun"] != true {
		t.Fatalf("dry run: %+v", r)
	}
	var posts []map[string]any
	json.Unmarshal([]byte(run(t, dir, "post", "list", "--json").stdout), &posts)
	if posts[0]["ownerId"] != anaID {
		t.Fatalf("a dry run changed the owner: %v", posts[0])
	}
	r = run(t, dir, "handover", a["id"].(string))
	if r.code != 0 || !strings.Contains(r.stdout, "Handed over 1, left 0") || !strings.Contains(r.stdout, "Budi") {
		t.Fatalf("handover: %+v", r)
	}
	json.Unmarshal([]byte(run(t, dir, "post", "list", "--json").stdout), &posts)
	if posts[0]["ownerId"] != budi["id"] {
		t.Fatalf("owner after the hand-over: %v", posts[0])
	}

	var h map[string]any
	r = run(t, dir, "health", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &h); err != nil {
		t.Fatalf("health --json: %+v", r)
	}
	checks := h["checks"].([]any)
	if len(checks) != 5 {
		t.Fatalf("checks: %v", checks)
	}
	ids := []string{}
	for _, c := range checks {
		c := c.(map[string]any)
		for _, k := range []string{"id", "state", "items", "advice"} {
			if _, ok := c[k]; !ok {
				t.Errorf("check lacks %q: %v", k, c)
			}
		}
		ids = append(ids, c["id"].(string))
		if c["id"] == "backups" && c["state"] != "problem" {
			t.Errorf("Sari and Budi have no backup: %v", c)
		}
	}
	if strings.Join(ids, ",") != "workload,coverage,responsibility,moderation,backups" {
		t.Fatalf("check ids: %v", ids)
	}

	var wl map[string]any
	r = run(t, dir, "workload", "--from", "2026-12-01", "--weeks", "2", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &wl); err != nil || len(wl["weeks"].([]any)) != 2 {
		t.Fatalf("workload: %+v", r)
	}
}
