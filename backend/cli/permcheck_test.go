package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// A teammate approves on their computer while the manager, on another,
// takes that right away: the approval was made after the right was gone,
// so the manager's computer refuses it, keeps the post in review, and
// 'sync status' names who, what and which permission was missing.
func TestSyncStatusListsAnApprovalMadeWithoutTheRight(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	var maya, budi, ch, post map[string]any
	json.Unmarshal([]byte(run(t, a, "member", "add", "--name", "Maya", "--role", "social_media_manager", "--json").stdout), &maya)
	json.Unmarshal([]byte(run(t, a, "member", "add", "--name", "Budi", "--role", "brand_manager", "--json").stdout), &budi)
	mayaID, budiID := maya["id"].(string), budi["id"].(string)
	run(t, a, "me", "set", mayaID)
	json.Unmarshal([]byte(run(t, a, "channel", "add", "--network", "instagram", "--handle", "@kopi", "--json").stdout), &ch)
	r := run(t, a, "post", "add", "--title", "Promo", "--text", "Diskon", "--channel", ch["id"].(string),
		"--date", "2026-12-01", "--as", mayaID, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &post); err != nil {
		t.Fatalf("post add: %+v", r)
	}
	id := post["id"].(string)
	if r := run(t, a, "post", "move", id, "--status", "in_review", "--as", mayaID); r.code != 0 {
		t.Fatalf("submit: %+v", r)
	}
	if r := run(t, a, "sync", "connect", shared, "--plain"); r.code != 0 {
		t.Fatalf("connect: %+v", r)
	}
	if r := run(t, b, "sync", "join", shared); r.code != 0 {
		t.Fatalf("join: %+v", r)
	}
	run(t, b, "me", "set", budiID)
	run(t, b, "sync", "--once") // b says it is Budi's computer
	confirmWaiting(t, a)        // and the manager confirms it
	// The manager makes Budi a copywriter (no approving) and has not synced yet.
	if r := run(t, a, "member", "update", budiID, "--role", "copywriter", "--as", mayaID); r.code != 0 {
		t.Fatalf("update: %+v", r)
	}
	// Budi, who still sees the old roles, approves on his computer.
	if r := run(t, b, "post", "move", id, "--status", "approved", "--as", budiID); r.code != 0 {
		t.Fatalf("approve on b: %+v", r)
	}
	run(t, a, "sync", "--once")
	run(t, b, "sync", "--once")
	run(t, a, "sync", "--once")

	var shown map[string]any
	json.Unmarshal([]byte(run(t, a, "post", "show", id, "--json").stdout), &shown)
	if shown["status"] != "in_review" {
		t.Fatalf("the manager's computer shows the post %v, want still in review", shown["status"])
	}
	var st struct {
		Refused []map[string]any `json:"refused"`
	}
	json.Unmarshal([]byte(run(t, a, "sync", "status", "--json").stdout), &st)
	fields := []string{}
	for _, x := range st.Refused {
		if x["member"] != budiID || x["table"] != "posts" || x["id"] != id || x["reason"] != "permission_missing" ||
			x["permission"] != "approve_posts" || x["device"] == "" || x["at"] == "" {
			t.Fatalf("refused: %v", x)
		}
		fields = append(fields, x["field"].(string))
	}
	if strings.Join(fields, ",") != "approved_at,approved_by,status" {
		t.Fatalf("refused fields %v, want the approval's three", fields)
	}
	if r := run(t, a, "sync", "status"); !strings.Contains(r.stdout, "lacks approve_posts") {
		t.Fatalf("text status: %s", r.stdout)
	}
}
