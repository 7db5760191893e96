package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportFeedAndImportICSOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var budi, post map[string]any
	json.Unmarshal([]byte(run(t, dir, "member", "add", "--name", "Budi", "--role", "freelancer", "--freelancer", "--json").stdout), &budi)
	run(t, dir, "workspace", "set", "--name", "Kopi", "--time-zone", "Asia/Jakarta")
	json.Unmarshal([]byte(run(t, dir, "post", "add", "--title", "Foto; latte, art", "--date", "2027-03-01", "--time", "09:30",
		"--owner", budi["id"].(string), "--json").stdout), &post)
	run(t, dir, "post", "add", "--title", "Punya tim", "--date", "2027-03-02")

	out := filepath.Join(dir, "budi.ics")
	r := run(t, dir, "export", "ics", "--out", out, "--member", budi["id"].(string), "--private")
	if r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "SUMMARY:Foto\\; latte\\, art") || strings.Contains(string(data), "Punya tim") ||
		!strings.Contains(string(data), "UID:"+post["id"].(string)+"@postdeck") {
		t.Fatalf("export:\n%s", data)
	}

	r = run(t, dir, "feed", "add", "--name", "Budi (freelancer)", "--member", budi["id"].(string), "--json")
	var feed map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &feed); err != nil || feed["fileName"] != "budi-freelancer.ics" {
		t.Fatalf("feed add: %+v", r)
	}
	if r := run(t, dir, "export", "ics", "--out", "-", "--feed", "Budi (freelancer)"); r.code != 0 || !strings.Contains(r.stdout, "Foto") {
		t.Fatalf("export --feed: %+v", r)
	}
	if r := run(t, dir, "export", "ics", "--out", "-", "--feed", "budi-freelancer", "--private"); r.code != 2 {
		t.Fatalf("--feed with filters must be refused: %+v", r)
	}
	own := t.TempDir()
	run(t, dir, "feed", "folder", own)
	r = run(t, dir, "feed", "publish", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, filepath.Join(own, "budi-freelancer.ics")) {
		t.Fatalf("publish: %+v", r)
	}

	holidays := filepath.Join(dir, "libur.ics")
	os.WriteFile(holidays, []byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20270817\nSUMMARY:Merdeka\nEND:VEVENT\nEND:VCALENDAR\n"), 0o644)
	r = run(t, dir, "import", "ics", holidays, "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"added": 1`) || !strings.Contains(r.stdout, `"name": "libur"`) {
		t.Fatalf("import: %+v", r)
	}
	os.WriteFile(holidays, []byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:2027-08-17\nEND:VEVENT\nEND:VCALENDAR\n"), 0o644)
	r = run(t, dir, "import", "ics", holidays)
	if r.code != 2 || !strings.Contains(r.stderr, "line 4") || !strings.Contains(r.stderr, "ics.bad_date") {
		t.Fatalf("a broken file is refused with its line: %+v", r)
	}
}
