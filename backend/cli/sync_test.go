package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func memberNames(t *testing.T, dir string) string {
	t.Helper()
	var list []map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "list", "--json").stdout), &list)
	var out []string
	for _, m := range list {
		out = append(out, m["name"].(string))
	}
	return strings.Join(out, ",")
}

// The team folder is emptied: sync says so, 'sync republish' refills it from
// a device that has the data, the other device carries on and a new one joins.
func TestRepublishAnEmptiedFolderFromTheCommandLine(t *testing.T) {
	a, b, c, shared := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	run(t, a, "member", "add", "--name", "Ana", "--role", "social_media_manager")
	run(t, a, "sync", "connect", shared, "--plain")
	run(t, b, "sync", "join", shared)
	os.RemoveAll(filepath.Join(shared, "postdeck"))
	r := run(t, a, "sync", "--once")
	if r.code != 2 || !strings.Contains(r.stderr, "sync.folder_emptied") || !strings.Contains(r.stderr, "sync republish") {
		t.Fatalf("sync of an emptied folder: %+v", r)
	}
	if r := run(t, c, "sync", "join", shared); r.code != 2 || !strings.Contains(r.stderr, "republish") {
		t.Fatalf("join of an emptied folder: %+v", r)
	}
	if r := run(t, a, "sync", "republish", "--json"); r.code != 0 {
		t.Fatalf("republish: %+v", r)
	}
	if r := run(t, b, "sync", "--once", "--json"); r.code != 0 {
		t.Fatalf("b after the republish: %+v", r)
	}
	if r := run(t, c, "sync", "join", shared); r.code != 0 || memberNames(t, c) != "Ana" {
		t.Fatalf("join after the republish: %+v, members %q", r, memberNames(t, c))
	}
}

// With --json a sync that stops still prints JSON: the error with its code.
func TestSyncOnceJSONPrintsTheError(t *testing.T) {
	a, shared := t.TempDir(), t.TempDir()
	run(t, a, "member", "add", "--name", "Ana", "--role", "social_media_manager")
	run(t, a, "sync", "connect", shared, "--plain")
	os.RemoveAll(shared)
	r := run(t, a, "sync", "--once", "--json")
	var out struct {
		Error struct {
			Code   string         `json:"code"`
			Params map[string]any `json:"params"`
		} `json:"error"`
		Leftovers []string `json:"leftovers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 2 {
		t.Fatalf("not JSON: %v %+v", err, r)
	}
	if out.Error.Code != "sync.folder_missing" || out.Error.Params["folder"] == nil {
		t.Fatalf("error: %+v", out)
	}
	// So does a join that is refused.
	r = run(t, t.TempDir(), "sync", "join", t.TempDir(), "--workspace", "0190c0de-0000-7000-8000-000000000000", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 2 || out.Error.Code != "sync.folder_missing" {
		t.Fatalf("join --json: %v %+v", err, r)
	}
}

// Conflicts are listed and resolved from the command line, and the
// resolution reaches the other device.
func TestConflictsListAndResolveFromTheCommandLine(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	var ana map[string]any
	json.Unmarshal([]byte(run(t, a, "member", "add", "--name", "Ana", "--role", "social_media_manager", "--json").stdout), &ana)
	id := ana["id"].(string)
	run(t, a, "sync", "connect", shared, "--plain")
	run(t, b, "sync", "join", shared)
	confirmWaiting(t, a)
	run(t, a, "member", "update", id, "--name", "Ana A")
	run(t, b, "member", "update", id, "--name", "Ana B")
	run(t, a, "sync", "--once")
	run(t, b, "sync", "--once")
	run(t, a, "sync", "--once")

	var list []map[string]any
	r := run(t, b, "sync", "conflicts", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("conflicts --json: %v %+v", err, r)
	}
	c := list[0]
	cur, other := c["current"].(map[string]any), c["other"].(map[string]any)
	if c["entity"] != "members" || c["rowId"] != id || c["field"] != "name" || cur["device"] == other["device"] ||
		cur["clock"].(float64) == 0 || other["clock"].(float64) == 0 || cur["at"] == "" {
		t.Fatalf("conflict: %v", c)
	}
	values := []string{cur["value"].(string), other["value"].(string)}
	if !(values[0] == "Ana A" && values[1] == "Ana B" || values[0] == "Ana B" && values[1] == "Ana A") {
		t.Fatalf("values: %v", values)
	}
	if r := run(t, b, "sync", "conflicts"); !strings.Contains(r.stdout, c["id"].(string)) || !strings.Contains(r.stdout, "this device") {
		t.Fatalf("table: %s", r.stdout)
	}
	if r := run(t, b, "sync", "resolve", c["id"].(string)); r.code != 2 || !strings.Contains(r.stderr, "conflict.keep_invalid") {
		t.Fatalf("resolve without --keep: %+v", r)
	}
	// B keeps its own version.
	if r := run(t, b, "sync", "resolve", c["id"].(string), "--keep", "mine"); r.code != 0 {
		t.Fatalf("resolve: %+v", r)
	}
	if memberNames(t, b) != "Ana B" {
		t.Fatalf("b kept %q", memberNames(t, b))
	}
	run(t, b, "sync", "--once")
	run(t, a, "sync", "--once")
	if memberNames(t, a) != "Ana B" || strings.TrimSpace(run(t, a, "sync", "conflicts", "--json").stdout) != "[]" {
		t.Fatalf("a after the resolution: %q %s", memberNames(t, a), run(t, a, "sync", "conflicts", "--json").stdout)
	}
	if r := run(t, a, "sync", "resolve", c["id"].(string), "--keep", "theirs"); r.code != 2 || !strings.Contains(r.stderr, "conflict.not_found") {
		t.Fatalf("resolving twice: %+v", r)
	}
}

// A text of one's own is kept as the new value.
func TestResolveKeepsTypedText(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	var ana map[string]any
	json.Unmarshal([]byte(run(t, a, "member", "add", "--name", "Ana", "--role", "social_media_manager", "--json").stdout), &ana)
	id := ana["id"].(string)
	run(t, a, "sync", "connect", shared, "--plain")
	run(t, b, "sync", "join", shared)
	confirmWaiting(t, a)
	run(t, a, "member", "update", id, "--name", "Ana A")
	run(t, b, "member", "update", id, "--name", "Ana B")
	run(t, a, "sync", "--once")
	run(t, b, "sync", "--once")
	var list []map[string]any
	json.Unmarshal([]byte(run(t, b, "sync", "conflicts", "--json").stdout), &list)
	if len(list) != 1 {
		t.Fatalf("conflicts: %v", list)
	}
	if r := run(t, b, "sync", "resolve", list[0]["id"].(string), "--keep", "Ana Wijaya"); r.code != 0 || memberNames(t, b) != "Ana Wijaya" {
		t.Fatalf("resolve with text: %+v %q", r, memberNames(t, b))
	}
}

// 'sync encrypt' seals a shared folder's files with progress, 'sync status
// --json' says the folder is encrypted and who holds the key, and both
// computers carry on syncing.
func TestSyncEncryptFromTheCommandLine(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	run(t, a, "member", "add", "--name", "Anastasia Kusumawardani", "--role", "social_media_manager")
	run(t, a, "sync", "connect", shared, "--plain")
	run(t, b, "sync", "join", shared)
	confirmWaiting(t, a)
	run(t, b, "sync", "--once")
	r := run(t, a, "sync", "encrypt")
	if r.code != 0 || !strings.Contains(r.stderr, "files encrypted") || !strings.Contains(r.stdout, "encrypted") {
		t.Fatalf("sync encrypt: %+v", r)
	}
	run(t, b, "sync", "--once")
	var st struct {
		Encryption struct {
			State   string   `json:"state"`
			KeyID   string   `json:"keyId"`
			Devices []string `json:"devices"`
		} `json:"encryption"`
	}
	if err := json.Unmarshal([]byte(run(t, b, "sync", "status", "--json").stdout), &st); err != nil {
		t.Fatal(err)
	}
	if st.Encryption.State != "on" || st.Encryption.KeyID == "" || len(st.Encryption.Devices) != 2 {
		t.Fatalf("status: %+v", st)
	}
	if r := run(t, b, "sync", "status"); !strings.Contains(r.stdout, "Encryption:   on (key "+st.Encryption.KeyID+", held by 2 computers)") {
		t.Fatalf("status in words: %+v", r)
	}
	run(t, b, "member", "add", "--name", "Budi", "--role", "copywriter")
	run(t, b, "sync", "--once")
	run(t, a, "sync", "--once")
	if got := memberNames(t, a); !strings.Contains(got, "Budi") {
		t.Fatalf("a after b's change through the encrypted folder: %q", got)
	}
	err := filepath.WalkDir(shared, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), "Anastasia Kusumawardani") {
			t.Errorf("%s shows a member's name", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// One person on two computers, with no team members set up yet, shares an
// encrypted folder (the default): there is nobody to confirm the second
// computer as, so it is confirmed as it is, gets the key and reads the
// posts.
func TestASecondComputerJoinsAnEncryptedFolderOfAWorkspaceWithNoMembers(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	var ch map[string]any
	json.Unmarshal([]byte(run(t, a, "channel", "add", "--network", "instagram", "--handle", "@kopi", "--json").stdout), &ch)
	if r := run(t, a, "post", "add", "--title", "Promo Desember", "--text", "Diskon", "--channel", ch["id"].(string),
		"--date", "2026-12-10"); r.code != 0 {
		t.Fatalf("post add: %+v", r)
	}
	if r := run(t, a, "sync", "connect", shared); r.code != 0 {
		t.Fatalf("connect: %+v", r)
	}
	if r := run(t, b, "sync", "join", shared); r.code != 0 {
		t.Fatalf("join: %+v", r)
	}
	run(t, b, "sync", "--once")
	confirmWaiting(t, a)
	run(t, a, "sync", "--once")
	run(t, b, "sync", "--once")
	if r := run(t, b, "post", "list", "--from", "2026-12-01", "--to", "2026-12-31"); !strings.Contains(r.stdout, "Promo Desember") {
		t.Fatalf("the second computer does not read the post: %+v", r)
	}
}
