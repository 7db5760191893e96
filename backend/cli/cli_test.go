package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postdeck/backend/cli"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	gui := func(string) error { t.Fatal("the window must not open for a subcommand"); return nil }
	code := cli.Main(append([]string{"--data-dir", dir}, args...), cli.Build{Version: "1.2.3", Commit: "abc"}, gui, &out, &errb)
	return result{code, out.String(), errb.String()}
}

func TestMemberAddThenListFromAFreshDataDir(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--json")
	if r.code != 0 {
		t.Fatalf("add failed: %+v", r)
	}
	var added map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &added); err != nil {
		t.Fatalf("add --json is not JSON: %v\n%s", err, r.stdout)
	}
	r = run(t, dir, "member", "list", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
		t.Fatalf("list --json: %v %+v", err, r)
	}
	if len(list) != 1 || list[0]["name"] != "Ana" || list[0]["id"] != added["id"] {
		t.Fatalf("list: %v", list)
	}
	// The documented field names (docs/CLI.md) are a public interface.
	for _, k := range []string{"id", "name", "email", "roles", "networks", "capacityHours", "color", "freelancer", "backupId", "createdAt", "updatedAt"} {
		if _, ok := list[0][k]; !ok {
			t.Errorf("member JSON lacks %q", k)
		}
	}
}

func TestMemberUpdateDeleteAndMe(t *testing.T) {
	dir := t.TempDir()
	var ana, budi map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "social_media_manager", "--json").stdout), &ana)
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Budi", "--role", "copywriter", "--network", "x", "--json").stdout), &budi)
	r := run(t, dir, "member", "update", budi["id"].(string), "--backup", ana["id"].(string), "--capacity", "16", "--json")
	var upd map[string]any
	json.Unmarshal([]byte(r.stdout), &upd)
	if r.code != 0 || upd["backupId"] != ana["id"] || upd["capacityHours"] != 16.0 || upd["networks"].([]any)[0] != "x" {
		t.Fatalf("update: %+v", r)
	}
	if r := run(t, dir, "me", "set", budi["id"].(string)); r.code != 0 || !strings.Contains(r.stdout, "Budi") {
		t.Fatalf("me set: %+v", r)
	}
	// Budi is a copywriter now acting on this device: he may not change the team.
	r = run(t, dir, "member", "delete", ana["id"].(string))
	if r.code != 2 || !strings.Contains(r.stderr, "team.permission_denied") {
		t.Fatalf("want permission error, got %+v", r)
	}
	if r := run(t, dir, "member", "delete", budi["id"].(string), "--as", ana["id"].(string)); r.code != 0 {
		t.Fatalf("delete as manager: %+v", r)
	}
	var list []map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "list", "--json").stdout), &list)
	if len(list) != 1 || list[0]["name"] != "Ana" {
		t.Fatalf("after delete: %v", list)
	}
}

func TestErrorsAreClearAndChangeNothing(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "member", "add", "--name", "Ana", "--role", "astronaut")
	if r.code != 2 || !strings.Contains(r.stderr, "unknown role") || !strings.Contains(r.stderr, "astronaut") {
		t.Fatalf("unknown role: %+v", r)
	}
	r = run(t, dir, "member", "add", "--name", "Ana", "--role", "copywriter", "--capacity", "500")
	if r.code != 2 || !strings.Contains(r.stderr, "member.capacity_invalid") {
		t.Fatalf("absurd capacity: %+v", r)
	}
	if r := run(t, dir, "member", "list", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("refused members were saved: %s", r.stdout)
	}
}

func TestVersionAndDoctor(t *testing.T) {
	dir := t.TempDir()
	var v map[string]any
	r := run(t, dir, "version", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v["version"] != "1.2.3" || v["commit"] != "abc" ||
		!strings.HasPrefix(v["goVersion"].(string), "go") || !strings.HasPrefix(v["sqliteVersion"].(string), "3.") {
		t.Fatalf("version: %v %+v", err, r)
	}
	run(t, dir, "member", "add", "--name", "Ana", "--role", "copywriter")
	var d map[string]any
	r = run(t, dir, "doctor", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("doctor: %v %+v", err, r)
	}
	if d["dataDir"] != dir || d["schemaVersion"].(float64) < 1 || d["deviceId"] == "" || d["workspaceId"] == "" || d["members"].(float64) != 1 {
		t.Fatalf("doctor: %v", d)
	}
	if r := run(t, dir, "doctor"); !strings.Contains(r.stdout, "Status:          OK") {
		t.Fatalf("doctor text: %s", r.stdout)
	}
}

// Two data dirs syncing through one folder with the command line only.
func TestTwoDataDirsSyncThroughAFolder(t *testing.T) {
	a, b, shared := t.TempDir(), t.TempDir(), t.TempDir()
	run(t, a, "member", "add", "--name", "Ana", "--role", "social_media_manager")
	if r := run(t, a, "sync", "connect", shared, "--plain", "--json"); r.code != 0 {
		t.Fatalf("connect: %+v", r)
	}
	if r := run(t, b, "sync", "join", shared, "--json"); r.code != 0 {
		t.Fatalf("join: %+v", r)
	}
	var list []map[string]any
	json.Unmarshal([]byte(run(t, b, "member", "list", "--json").stdout), &list)
	if len(list) != 1 || list[0]["name"] != "Ana" {
		t.Fatalf("b after join: %v", list)
	}
	run(t, b, "member", "add", "--name", "Budi", "--role", "copywriter")
	run(t, b, "sync", "--once")
	// b's changes wait on a until a confirms the new computer.
	var rep map[string]any
	json.Unmarshal([]byte(run(t, a, "sync", "--once", "--json").stdout), &rep)
	if rep["applied"].(float64) != 0 {
		t.Fatalf("a applied an unconfirmed computer's changes: %v", rep)
	}
	confirmWaiting(t, a)
	json.Unmarshal([]byte(run(t, a, "sync", "--once", "--json").stdout), &rep)
	if rep["applied"].(float64) == 0 {
		t.Fatalf("a applied nothing: %v", rep)
	}
	json.Unmarshal([]byte(run(t, a, "member", "list", "--json").stdout), &list)
	if len(list) != 2 {
		t.Fatalf("a after sync: %v", list)
	}
	var st map[string]any
	json.Unmarshal([]byte(run(t, a, "sync", "status", "--json").stdout), &st)
	if st["enabled"] != true || st["outgoing"].(float64) != 0 || len(st["devices"].([]any)) != 1 || st["lastSync"] == "" {
		t.Fatalf("status: %v", st)
	}
	// Without a folder the command says so and changes nothing.
	if r := run(t, t.TempDir(), "sync", "--once"); r.code != 2 || !strings.Contains(r.stderr, "sync.not_configured") {
		t.Fatalf("unconfigured: %+v", r)
	}
}

func TestPostWorkflowFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var mgr, writer, ch, post map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Sari", "--role", "social_media_manager", "--json").stdout), &mgr)
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--json").stdout), &writer)
	json.Unmarshal([]byte(run(t, dir, "channel", "add", "--network", "instagram", "--handle", "@kopi", "--json").stdout), &ch)
	chID := ch["id"].(string)
	r := run(t, dir, "post", "add", "--title", "Promo", "--text", "Diskon", "--channel", chID,
		"--variant", chID+"=Diskon 20% di IG", "--date", "2026-12-01", "--time", "09:30", "--as", writer["id"].(string), "--json")
	if err := json.Unmarshal([]byte(r.stdout), &post); err != nil || post["status"] != "draft" {
		t.Fatalf("post add: %+v", r)
	}
	id := post["id"].(string)
	if r := run(t, dir, "post", "move", id, "--status", "in_review", "--as", writer["id"].(string)); r.code != 0 {
		t.Fatalf("submit: %+v", r)
	}
	if r := run(t, dir, "post", "move", id, "--status", "approved", "--as", writer["id"].(string)); r.code != 2 || !strings.Contains(r.stderr, "post.approve_denied") {
		t.Fatalf("a writer approved: %+v", r)
	}
	if r := run(t, dir, "post", "move", id, "--status", "approved", "--as", mgr["id"].(string)); r.code != 0 {
		t.Fatalf("approve: %+v", r)
	}
	var list []map[string]any
	json.Unmarshal([]byte(run(t, dir, "post", "list", "--from", "2026-12-01", "--to", "2026-12-31", "--json").stdout), &list)
	if len(list) != 1 || list[0]["status"] != "approved" || list[0]["variants"].(map[string]any)[chID] != "Diskon 20% di IG" {
		t.Fatalf("list: %v", list)
	}
	var res map[string]any
	json.Unmarshal([]byte(run(t, dir, "post", "update", id, "--text", "Diskon 30%", "--json").stdout), &res)
	if res["backToReview"] != true {
		t.Fatalf("editing approved text must send it back to review: %v", res)
	}
	var shown map[string]any
	json.Unmarshal([]byte(run(t, dir, "post", "show", id, "--json").stdout), &shown)
	if len(shown["history"].([]any)) != 4 {
		t.Fatalf("history: %v", shown["history"])
	}
	if r := run(t, dir, "post", "list", "--from", "2026-13-01"); r.code != 2 || !strings.Contains(r.stderr, "post.date_invalid") {
		t.Fatalf("bad date: %+v", r)
	}
}

func TestWorkspaceSet(t *testing.T) {
	dir := t.TempDir()
	var info map[string]any
	r := run(t, dir, "workspace", "set", "--name", "Kopi Nusantara", "--time-zone", "Asia/Jakarta", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil || info["onboarded"] != true || info["timeZone"] != "Asia/Jakarta" {
		t.Fatalf("%v %+v", err, r)
	}
	if r := run(t, dir, "workspace", "set", "--time-zone", "Mars/Base"); r.code != 2 || !strings.Contains(r.stderr, "workspace.time_zone_invalid") {
		t.Fatalf("bad zone: %+v", r)
	}
	json.Unmarshal([]byte(run(t, dir, "workspace", "show", "--json").stdout), &info)
	if info["name"] != "Kopi Nusantara" || info["timeZone"] != "Asia/Jakarta" {
		t.Fatalf("a refused change changed something: %v", info)
	}
}

func TestRepeatingPostsFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var writer, series map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--json").stdout), &writer)
	as := writer["id"].(string)
	r := run(t, dir, "post", "add", "--title", "Tips", "--date", "2026-12-07", "--time", "09:00", "--repeat", "weekly",
		"--on", "MO,FR", "--count", "4", "--as", as, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &series); err != nil || series["rrule"] != "FREQ=WEEKLY;BYDAY=MO,FR;COUNT=4" {
		t.Fatalf("post add --repeat: %+v", r)
	}
	id := series["id"].(string)
	if r := run(t, dir, "post", "skip", id, "2026-12-11"); r.code != 0 {
		t.Fatalf("skip: %+v", r)
	}
	if r := run(t, dir, "post", "update", id, "--occurrence", "2026-12-14", "--title", "Tips spesial", "--as", as); r.code != 0 {
		t.Fatalf("update one occurrence: %+v", r)
	}
	var list []map[string]any
	json.Unmarshal([]byte(run(t, dir, "post", "list", "--from", "2026-12-01", "--to", "2026-12-31", "--json").stdout), &list)
	var got []string
	for _, p := range list {
		got = append(got, p["date"].(string)+" "+p["title"].(string))
	}
	if strings.Join(got, ", ") != "2026-12-07 Tips, 2026-12-14 Tips spesial, 2026-12-18 Tips" {
		t.Fatalf("December: %v", got)
	}
	if r := run(t, dir, "post", "skip", id, "2026-12-08"); r.code != 2 || !strings.Contains(r.stderr, "post.not_an_occurrence") {
		t.Fatalf("skipping a day the series does not have: %+v", r)
	}
}

func TestAttachFilesFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var post map[string]any
	json.Unmarshal([]byte(run(t, dir, "post", "add", "--title", "Foto", "--date", "2026-12-01", "--json").stdout), &post)
	file := filepath.Join(t.TempDir(), "brief.txt")
	os.WriteFile(file, []byte("Brief: diskon 20%"), 0o644)
	var list []map[string]any
	r := run(t, dir, "post", "attach", post["id"].(string), file, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 || list[0]["name"] != "brief.txt" || list[0]["state"] != "here" {
		t.Fatalf("attach: %+v", r)
	}
	if r := run(t, dir, "post", "attach", post["id"].(string), filepath.Join(dir, "missing.jpg")); r.code != 2 || !strings.Contains(r.stderr, "attachment.unreadable") {
		t.Fatalf("a missing file: %+v", r)
	}
}

func TestChannelAndCampaignUpdateFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var ch, camp map[string]any
	json.Unmarshal([]byte(run(t, dir, "channel", "add", "--network", "x", "--handle", "@kopi", "--cadence", "3", "--json").stdout), &ch)
	id := ch["id"].(string)
	if r := run(t, dir, "channel", "update", id, "--handle", "@kopinusantara", "--color", "#E03131"); r.code != 0 {
		t.Fatalf("channel update: %+v", r)
	}
	var chs []map[string]any
	json.Unmarshal([]byte(run(t, dir, "channel", "list", "--json").stdout), &chs)
	if len(chs) != 1 || chs[0]["id"] != id || chs[0]["handle"] != "@kopinusantara" || chs[0]["color"] != "#e03131" ||
		chs[0]["cadence"] != 3.0 || chs[0]["network"] != "x" {
		t.Fatalf("only the fields given change: %v", chs)
	}
	if r := run(t, dir, "channel", "update", id, "--network", "myspace"); r.code != 2 || !strings.Contains(r.stderr, "channel.network_unknown") {
		t.Fatalf("bad network: %+v", r)
	}
	if r := run(t, dir, "channel", "update", "nope", "--handle", "x"); r.code != 2 || !strings.Contains(r.stderr, "not_found") {
		t.Fatalf("unknown channel: %+v", r)
	}

	json.Unmarshal([]byte(run(t, dir, "campaign", "add", "--name", "Ramadan", "--from", "2027-02-17", "--to", "2027-03-19", "--json").stdout), &camp)
	cid := camp["id"].(string)
	var updated map[string]any
	r := run(t, dir, "campaign", "update", cid, "--to", "2027-03-25", "--goal", "500 pengikut baru", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &updated); err != nil || updated["endsOn"] != "2027-03-25" ||
		updated["startsOn"] != "2027-02-17" || updated["name"] != "Ramadan" || updated["goal"] != "500 pengikut baru" {
		t.Fatalf("campaign update: %+v %v", r, updated)
	}
	if r := run(t, dir, "campaign", "update", cid, "--to", "2027-01-01"); r.code != 2 || !strings.Contains(r.stderr, "campaign.ends_before_start") {
		t.Fatalf("ends before it starts: %+v", r)
	}
	var cs []map[string]any
	json.Unmarshal([]byte(run(t, dir, "campaign", "list", "--json").stdout), &cs)
	if len(cs) != 1 || cs[0]["endsOn"] != "2027-03-25" {
		t.Fatalf("a refused update changed the campaign: %v", cs)
	}
}

func TestOverLimitPostIsNotSubmittedFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var writer, ch, post map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Ana", "--role", "content_creator", "--json").stdout), &writer)
	json.Unmarshal([]byte(run(t, dir, "channel", "add", "--network", "x", "--handle", "@kopi", "--json").stdout), &ch)
	json.Unmarshal([]byte(run(t, dir, "post", "add", "--title", "Long", "--text", strings.Repeat("a", 281), "--channel", ch["id"].(string),
		"--date", "2026-12-01", "--as", writer["id"].(string), "--json").stdout), &post)
	r := run(t, dir, "post", "move", post["id"].(string), "--status", "in_review", "--as", writer["id"].(string))
	if r.code != 2 || !strings.Contains(r.stderr, "post.over_limit") || !strings.Contains(r.stderr, "X @kopi") {
		t.Fatalf("an over-limit post was submitted: %+v", r)
	}
}

// confirmWaiting confirms, from dir, every computer that waits to be
// confirmed, as the manager does with 'device list' and 'device confirm'.
func confirmWaiting(t *testing.T, dir string) {
	t.Helper()
	confirmWaitingAs(t, dir, "")
}

// confirmWaitingAs is confirmWaiting in an encrypted folder, where a new
// computer cannot say who it is and the confirmer chooses the member
// (device confirm --as); the sync after it wraps the workspace key for the
// confirmed computer.
func confirmWaitingAs(t *testing.T, dir, member string) {
	t.Helper()
	run(t, dir, "sync", "--once")
	var devices []map[string]any
	r := run(t, dir, "device", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &devices); err != nil {
		t.Fatalf("device list: %v %+v", err, r)
	}
	for _, d := range devices {
		if d["state"] == "waiting" {
			args := []string{"device", "confirm", d["id"].(string), "--json"}
			if member != "" {
				args = append(args, "--as", member)
			}
			if r := run(t, dir, args...); r.code != 0 {
				t.Fatalf("device confirm: %+v", r)
			}
		}
	}
	if member != "" {
		run(t, dir, "sync", "--once")
	}
}
