package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

type agreementJSON struct {
	Agreement struct {
		Agreeing int `json:"agreeing"`
		Total    int `json:"total"`
		Devices  []struct {
			ID         string `json:"id"`
			Name       string `json:"name"`
			State      string `json:"state"`
			FirstTable string `json:"firstTable"`
		} `json:"devices"`
	} `json:"agreement"`
}

func statusAgreement(t *testing.T, dir string) agreementJSON {
	t.Helper()
	var s agreementJSON
	r := run(t, dir, "sync", "status", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || r.code != 0 {
		t.Fatalf("sync status --json: %v %+v", err, r)
	}
	return s
}

// Two devices that synced say so in 'sync status'; 'sync rebuild' rebuilds
// one from its change log and they still agree.
func TestSyncStatusSaysWhoAgreesAndRebuildKeepsIt(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	run(t, a, "member", "add", "--name", "Ana", "--role", "social_media_manager")
	run(t, a, "sync", "connect", shared, "--plain")
	run(t, b, "sync", "join", shared)
	for _, d := range []string{a, b, a} {
		if r := run(t, d, "sync", "--once"); r.code != 0 {
			t.Fatalf("sync: %+v", r)
		}
	}
	s := statusAgreement(t, a)
	if s.Agreement.Agreeing != 2 || s.Agreement.Total != 2 || len(s.Agreement.Devices) != 1 || s.Agreement.Devices[0].State != "agree" {
		t.Fatalf("status of a: %+v", s)
	}
	if r := run(t, a, "sync", "status"); !strings.Contains(r.stdout, "in agreement with 2 of 2 devices") {
		t.Fatalf("status text: %s", r.stdout)
	}
	r := run(t, b, "sync", "rebuild")
	if r.code != 0 || !strings.Contains(r.stdout, "Rebuilt") {
		t.Fatalf("rebuild: %+v", r)
	}
	if memberNames(t, b) != "Ana" {
		t.Fatalf("members after rebuild: %q", memberNames(t, b))
	}
	run(t, b, "sync", "--once")
	if s := statusAgreement(t, b); s.Agreement.Agreeing != 2 {
		t.Fatalf("after rebuild b says %+v", s)
	}
}
