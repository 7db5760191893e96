package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postdeck/backend/cli"
)

func TestExportEditImportCSV(t *testing.T) {
	dir := t.TempDir()
	var ch map[string]any
	json.Unmarshal([]byte(run(t, dir, "channel", "add", "--network", "instagram", "--handle", "@kopi", "--json").stdout), &ch)
	if r := run(t, dir, "post", "add", "--title", "Promo", "--channel", ch["id"].(string), "--date", "2027-03-01"); r.code != 0 {
		t.Fatalf("post add: %+v", r)
	}
	file := filepath.Join(t.TempDir(), "posts.csv")
	r := run(t, dir, "export", "csv", "--out", file, "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"posts": 1`) {
		t.Fatalf("export: %+v", r)
	}
	data, _ := os.ReadFile(file)
	edited := strings.Replace(string(data), "Promo", "Promo baru", 1) + ",Ide kedua,,,,instagram:@kopi,,,,,,,,\r\n" +
		",Jam salah,2027-03-02,24:61,,,,,,,,,,\r\n"
	os.WriteFile(file, []byte(edited), 0o644)

	// The dry run shows the bad row's problem with its line and writes nothing.
	r = run(t, dir, "import", "csv", file, "--dry-run")
	if r.code != 2 || !strings.Contains(r.stdout, "csv.time_invalid") || !strings.Contains(r.stdout, "4 ") {
		t.Fatalf("dry run: %+v", r)
	}
	r = run(t, dir, "import", "csv", file)
	if r.code != 2 || !strings.Contains(r.stderr, "csv.rows_have_problems") {
		t.Fatalf("import with a bad row must be refused: %+v", r)
	}
	var posts []map[string]any
	json.Unmarshal([]byte(run(t, dir, "post", "list", "--json").stdout), &posts)
	if len(posts) != 1 || posts[0]["title"] != "Promo" {
		t.Fatalf("a refused import changed posts: %v", posts)
	}
	backupFile := filepath.Join(t.TempDir(), "before.zip")
	r = run(t, dir, "import", "csv", file, "--skip-bad", "--backup", backupFile, "--json")
	var rep struct {
		Result struct {
			Added, Updated, Skipped int
			Backup                  string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 {
		t.Fatalf("import --skip-bad: %v %+v", err, r)
	}
	if rep.Result.Added != 1 || rep.Result.Updated != 1 || rep.Result.Skipped != 1 || rep.Result.Backup != backupFile {
		t.Fatalf("import report: %+v", rep)
	}
	json.Unmarshal([]byte(run(t, dir, "post", "list", "--json").stdout), &posts)
	if len(posts) != 2 || posts[0]["title"] != "Promo baru" {
		t.Fatalf("after import: %v", posts)
	}
	// The backup made first still has the old title.
	restored := filepath.Join(t.TempDir(), "restored")
	if r := run(t, restored, "restore", backupFile); r.code != 0 {
		t.Fatalf("restore: %+v", r)
	}
	json.Unmarshal([]byte(run(t, restored, "post", "list", "--json").stdout), &posts)
	if len(posts) != 1 || posts[0]["title"] != "Promo" {
		t.Fatalf("restored: %v", posts)
	}
}

func TestBackupAndRestoreOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "member", "add", "--name", "Ana", "--role", "social_media_manager")
	file := filepath.Join(t.TempDir(), "b.zip")
	r := run(t, dir, "backup", file)
	if r.code != 0 || !strings.Contains(r.stdout, "Backed up") || strings.Contains(r.stdout, "\r") {
		t.Fatalf("backup (no progress when stdout is not a terminal): %+v", r)
	}
	if r := run(t, dir, "backup", file); r.code != 2 || !strings.Contains(r.stderr, "backup.file_exists") {
		t.Fatalf("backup over a file: %+v", r)
	}
	// restore needs an explicit, new folder.
	if r := cliRun(t, []string{"restore", file}); r.code != 2 || !strings.Contains(r.stderr, "backup.data_dir_required") {
		t.Fatalf("restore without --data-dir: %+v", r)
	}
	if r := run(t, dir, "restore", file); r.code != 2 || !strings.Contains(r.stderr, "backup.target_not_empty") {
		t.Fatalf("restore over a workspace: %+v", r)
	}
	target := filepath.Join(t.TempDir(), "new")
	r = run(t, target, "restore", file, "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"dataDir"`) {
		t.Fatalf("restore: %+v", r)
	}
	var members []map[string]any
	json.Unmarshal([]byte(run(t, target, "member", "list", "--json").stdout), &members)
	if len(members) != 1 || members[0]["name"] != "Ana" {
		t.Fatalf("restored members: %v", members)
	}
	// A damaged backup: a clear message, exit 2, nothing restored.
	raw, _ := os.ReadFile(file)
	raw[len(raw)/3] ^= 0xff
	os.WriteFile(file, raw, 0o644)
	other := filepath.Join(t.TempDir(), "other")
	r = run(t, other, "restore", file)
	if r.code != 2 || !strings.Contains(r.stderr, "the backup is damaged") || !strings.Contains(r.stderr, "backup.corrupt") {
		t.Fatalf("damaged backup: %+v", r)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Fatal("a refused restore created the folder")
	}
}

// cliRun runs the command line without --data-dir.
func cliRun(t *testing.T, args []string) result {
	t.Helper()
	var out, errb strings.Builder
	gui := func(string) error { t.Fatal("the window must not open for a subcommand"); return nil }
	code := cli.Main(args, cli.Build{Version: "1.2.3"}, gui, &out, &errb)
	return result{code, out.String(), errb.String()}
}

// The command line's dry run lists the same problems as the window's
// preview: all of them, for a new post asked to start approved by an owner
// the team does not have.
func TestImportDryRunListsEveryProblemOfARow(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "posts.csv")
	os.WriteFile(file, []byte("title,date,status,owner\nSudah disetujui,2027-06-03,approved,Budi\n"), 0o644)
	r := run(t, dir, "import", "csv", file, "--dry-run", "--json")
	var rep cli.ImportReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 2 {
		t.Fatalf("dry run: %v %+v", err, r)
	}
	var got []string
	for _, p := range rep.Preview.Rows[0].Problems {
		got = append(got, p.Code)
	}
	if strings.Join(got, " ") != "csv.member_unknown post.import_status_new" {
		t.Fatalf("problems: %v", got)
	}
}
