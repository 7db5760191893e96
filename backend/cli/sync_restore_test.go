package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `postdeck backup`, then `restore` into a new folder that is moved to the
// data folder's own path: the next `sync --once` carries on as a new device
// instead of writing over what this device sent after the backup, and both
// `sync --once` and `sync status` say so.
func TestRestoredIntoTheSamePathCarriesOnAsANewDevice(t *testing.T) {
	a, b, shared := t.TempDir(), filepath.Join(t.TempDir(), "b"), t.TempDir()
	var ana map[string]any
	json.Unmarshal([]byte(run(t, a, "member", "add", "--name", "Ana", "--role", "social_media_manager", "--json").stdout), &ana)
	if r := run(t, a, "sync", "connect", shared, "--plain", "--json"); r.code != 0 {
		t.Fatalf("connect: %+v", r)
	}
	if r := run(t, b, "sync", "join", shared, "--json"); r.code != 0 {
		t.Fatalf("join: %+v", r)
	}
	confirmWaiting(t, a)
	backup := filepath.Join(t.TempDir(), "b.zip")
	if r := run(t, b, "backup", backup); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	run(t, b, "member", "update", ana["id"].(string), "--name", "Ana (before the restore)")
	run(t, b, "sync", "--once")
	segs, _ := filepath.Glob(filepath.Join(shared, "postdeck", "*", "devices", "*", "changes", "*.seg"))
	sent := map[string]string{}
	for _, s := range segs {
		data, _ := os.ReadFile(s)
		sent[s] = string(data)
	}

	restored := filepath.Join(t.TempDir(), "restored")
	if r := run(t, t.TempDir(), "restore", backup, "--data-dir", restored); r.code != 0 {
		t.Fatalf("restore: %+v", r)
	}
	if err := os.RemoveAll(b); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(restored, b); err != nil {
		t.Fatal(err)
	}
	run(t, b, "member", "update", ana["id"].(string), "--name", "Ana (after the restore)")
	r := run(t, b, "sync", "--once")
	if r.code != 0 || !strings.Contains(r.stdout, "sync.device_restored") || !strings.Contains(r.stdout, "continues as a new device") {
		t.Fatalf("sync after the restore: %+v", r)
	}
	for s, data := range sent {
		if now, _ := os.ReadFile(s); string(now) != data {
			t.Fatalf("%s was written over", s)
		}
	}
	if st := run(t, b, "sync", "status"); !strings.Contains(st.stdout, "restored from a backup") {
		t.Fatalf("status does not say what happened: %s", st.stdout)
	}
	// The restored computer made new keys (backups leave the private key
	// out) and continues as a new device: it is confirmed again.
	confirmWaiting(t, a)
	for i := 0; i < 2; i++ {
		run(t, a, "sync", "--once")
		run(t, b, "sync", "--once")
	}
	for _, dir := range []string{a, b} {
		var list []map[string]any
		json.Unmarshal([]byte(run(t, dir, "member", "list", "--json").stdout), &list)
		var st map[string]any
		json.Unmarshal([]byte(run(t, dir, "sync", "status", "--json").stdout), &st)
		if len(list) != 1 || list[0]["name"] != "Ana (after the restore)" || st["conflicts"].(float64) != 1 {
			t.Fatalf("%s: %v, status %v", dir, list, st)
		}
	}
}
