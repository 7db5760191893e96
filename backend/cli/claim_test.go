package cli_test

import (
	"encoding/json"
	"testing"

	"postdeck/backend/store"
)

// In an encrypted folder (the default), Budi's computer, confirmed as
// Budi's (a copywriter), has its own database
// edited to say it belongs to the manager, and approves a post. The
// manager's computer judges it as Budi's: 'sync status --json' lists the
// approval as refused for Budi, with the missing permission, and the post
// stays in review.
func TestSyncStatusListsAnApprovalFromAComputerClaimingTheManager(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	var maya, budi, ch, post map[string]any
	json.Unmarshal([]byte(run(t, a, "member", "add", "--name", "Maya", "--role", "social_media_manager", "--json").stdout), &maya)
	json.Unmarshal([]byte(run(t, a, "member", "add", "--name", "Budi", "--role", "copywriter", "--json").stdout), &budi)
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
	if r := run(t, a, "sync", "connect", shared); r.code != 0 {
		t.Fatalf("connect: %+v", r)
	}
	if r := run(t, b, "sync", "join", shared); r.code != 0 {
		t.Fatalf("join: %+v", r)
	}
	run(t, b, "sync", "--once")
	confirmWaitingAs(t, a, budiID)
	run(t, b, "sync", "--once")
	var me map[string]any
	json.Unmarshal([]byte(run(t, b, "workspace", "show", "--json").stdout), &me)
	if me["me"] != budiID {
		t.Fatalf("Budi's computer, confirmed and holding the key, belongs to %v, want Budi", me["me"])
	}
	// Not through 'me set' (that asks for Maya's confirmation): the file.
	st, err := store.OpenDir(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DB().Exec(`UPDATE local_settings SET value = ? WHERE key = 'me'`, mayaID).Error; err != nil {
		t.Fatal(err)
	}
	st.Close()
	if r := run(t, b, "post", "move", id, "--status", "approved", "--as", mayaID); r.code != 0 {
		t.Fatalf("approve on b: %+v", r)
	}
	run(t, b, "sync", "--once")
	run(t, a, "sync", "--once")

	var shown map[string]any
	json.Unmarshal([]byte(run(t, a, "post", "show", id, "--json").stdout), &shown)
	if shown["status"] != "in_review" {
		t.Fatalf("the manager's computer shows the post %v, want still in review", shown["status"])
	}
	var status struct {
		Refused []map[string]any `json:"refused"`
	}
	json.Unmarshal([]byte(run(t, a, "sync", "status", "--json").stdout), &status)
	found := false
	for _, x := range status.Refused {
		if x["table"] == "posts" && x["id"] == id && x["field"] == "status" {
			found = true
			if x["member"] != budiID || x["reason"] != "permission_missing" || x["permission"] != "approve_posts" {
				t.Fatalf("refused for the wrong member or reason: %v", x)
			}
		}
	}
	if !found {
		t.Fatalf("sync status does not list the approval: %v", status.Refused)
	}
}
