package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// guideFile writes a style guide holding only the given banned phrases, as
// `styleguide import` reads it.
func guideFile(t *testing.T, banned ...map[string]any) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "guide.json")
	b, _ := json.Marshal(map[string]any{"format": "postdeck-style-guide", "version": 1, "sections": map[string]any{"banned": banned}})
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

// From the command line: an error refuses approval (post.check_errors, exit
// code 2, naming the words), warnings need --ack-warnings (kept in the
// history), and a guide change lists the approved post under --needs-look
// without moving it.
func TestApprovalGateFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var sari, ch, post map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Sari", "--role", "social_media_manager", "--json").stdout), &sari)
	run(t, dir, "me", "set", sari["id"].(string))
	json.Unmarshal([]byte(run(t, dir, "channel", "add", "--network", "instagram", "--handle", "@kopi", "--json").stdout), &ch)
	if r := run(t, dir, "styleguide", "import", guideFile(t,
		map[string]any{"text": "kopi murah", "replacement": "kopi hemat", "reason": "murahan", "severity": "error"},
		map[string]any{"text": "mantul", "reason": "terlalu santai", "severity": "warning"})); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	json.Unmarshal([]byte(run(t, dir, "post", "add", "--title", "Promo", "--text", "Ada kopi murah, mantul", "--channel", ch["id"].(string), "--json").stdout), &post)
	id := post["id"].(string)
	for _, st := range []string{"draft", "in_review"} {
		if r := run(t, dir, "post", "move", id, "--status", st); r.code != 0 {
			t.Fatalf("move to %s: %+v", st, r)
		}
	}
	r := run(t, dir, "post", "move", id, "--status", "approved", "--ack-warnings")
	if r.code != 2 || !strings.Contains(r.stderr, "post.check_errors") || !strings.Contains(r.stderr, "kopi murah") || !strings.Contains(r.stderr, "Instagram @kopi") {
		t.Fatalf("approving with an error: %+v", r)
	}
	if r := run(t, dir, "post", "update", id, "--text", "Ada kopi hemat, mantul"); r.code != 0 {
		t.Fatalf("update: %+v", r)
	}
	r = run(t, dir, "post", "move", id, "--status", "approved")
	if r.code != 2 || !strings.Contains(r.stderr, "post.check_warnings") || !strings.Contains(r.stderr, `"mantul"`) {
		t.Fatalf("approving with a warning and no --ack-warnings: %+v", r)
	}
	if r := run(t, dir, "post", "move", id, "--status", "approved", "--ack-warnings"); r.code != 0 {
		t.Fatalf("approving with --ack-warnings: %+v", r)
	}
	var shown struct {
		Status  string `json:"status"`
		History []struct {
			To           string `json:"to"`
			MemberID     string `json:"memberId"`
			Acknowledged []struct {
				Text string `json:"text"`
			} `json:"acknowledged"`
		} `json:"history"`
	}
	json.Unmarshal([]byte(run(t, dir, "post", "show", id, "--json").stdout), &shown)
	last := shown.History[len(shown.History)-1]
	if shown.Status != "approved" || last.MemberID != sari["id"] || len(last.Acknowledged) != 1 || last.Acknowledged[0].Text != "mantul" {
		t.Fatalf("the history: %+v", shown)
	}

	// The guide changes: the approved text now has an error.
	if r := run(t, dir, "styleguide", "import", guideFile(t,
		map[string]any{"text": "kopi hemat", "replacement": "kopi pilihan", "reason": "baru", "severity": "error"})); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	var look []map[string]any
	r = run(t, dir, "post", "list", "--needs-look", "--json")
	if json.Unmarshal([]byte(r.stdout), &look); len(look) != 1 || look[0]["id"] != id || look[0]["status"] != "approved" || look[0]["check"] != "error" {
		t.Fatalf("needs another look: %+v", r)
	}
}
