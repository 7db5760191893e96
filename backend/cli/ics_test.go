package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// A timed post in 2038 or later in a zone with daylight saving once made
// `export ics` run for ever (and eat memory); it must export at once, with
// the time the user planned, and a date outside the years Postdeck plans
// for is refused with its own error.
func TestExportICSWithPostsPast2037InAZoneWithDaylightSaving(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "workspace", "set", "--name", "Kopi", "--time-zone", "Europe/Berlin")
	for _, d := range []string{"2038-02-01", "2040-12-31", "2100-07-01"} {
		if r := run(t, dir, "post", "add", "--title", "t "+d, "--date", d, "--time", "10:00"); r.code != 0 {
			t.Fatalf("post add %s: %+v", d, r)
		}
	}
	out := filepath.Join(dir, "x.ics")
	done := make(chan result, 1)
	go func() { done <- run(t, dir, "export", "ics", "--out", out) }()
	select {
	case r := <-done:
		if r.code != 0 {
			t.Fatalf("export: %+v", r)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("export ics does not finish")
	}
	data, _ := os.ReadFile(out)
	for _, want := range []string{"DTSTART;TZID=Europe/Berlin:20380201T100000", "DTSTART;TZID=Europe/Berlin:21000701T100000",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"} {
		if !strings.Contains(string(data), want) {
			t.Fatalf("the file lacks %q:\n%s", want, data)
		}
	}
	for _, d := range []string{"9999-12-31", "1899-12-31", "2200-01-01"} {
		if r := run(t, dir, "post", "add", "--title", "x", "--date", d); r.code != 2 || !strings.Contains(r.stderr, "post.date_out_of_range") {
			t.Fatalf("--date %s must be refused: %+v", d, r)
		}
	}
	for _, d := range []string{"1900-01-01", "2199-12-31"} {
		if r := run(t, dir, "post", "add", "--title", "edge", "--date", d, "--time", "09:00"); r.code != 0 {
			t.Fatalf("--date %s is in range: %+v", d, r)
		}
	}
	if r := run(t, dir, "export", "ics", "--out", out); r.code != 0 {
		t.Fatalf("export with 1900 and 2199: %+v", r)
	}
}

// --every 0 once was stored as 1 and --count 0 made a series without end:
// both are refused. A time the clocks skip is saved as the time it comes
// to, and the command says so. A weekly series dated on a day that is not
// one of its weekdays starts, and is exported, on its first weekday.
func TestRepeatNumbersSkippedTimesAndSeriesStarts(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "workspace", "set", "--name", "Kopi", "--time-zone", "Europe/Berlin")
	if r := run(t, dir, "post", "add", "--title", "x", "--date", "2027-03-01", "--repeat", "weekly", "--count", "0"); r.code != 2 ||
		!strings.Contains(r.stderr, "post.repeat_count") {
		t.Fatalf("--count 0: %+v", r)
	}
	if r := run(t, dir, "post", "add", "--title", "x", "--date", "2027-03-01", "--repeat", "weekly", "--every", "0"); r.code != 2 ||
		!strings.Contains(r.stderr, "post.repeat_interval") {
		t.Fatalf("--every 0: %+v", r)
	}
	if r := run(t, dir, "post", "list", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("a refused post was saved: %s", r.stdout)
	}
	r := run(t, dir, "post", "add", "--title", "Gap", "--date", "2027-03-28", "--time", "02:30", "--json")
	var gap map[string]any
	json.Unmarshal([]byte(r.stdout), &gap)
	if r.code != 0 || gap["time"] != "03:30" || !strings.Contains(r.stderr, "02:30 does not exist on 2027-03-28 in Europe/Berlin") {
		t.Fatalf("a skipped time: %+v", r)
	}
	r = run(t, dir, "post", "add", "--title", "Kamis", "--date", "2027-03-01", "--time", "09:00", "--repeat", "weekly", "--on", "TH", "--count", "3", "--json")
	var series map[string]any
	json.Unmarshal([]byte(r.stdout), &series)
	if r.code != 0 || series["date"] != "2027-03-04" {
		t.Fatalf("weekly on Thursdays from a Monday: %+v", r)
	}
	r = run(t, dir, "export", "ics", "--out", "-")
	for _, want := range []string{"DTSTART;TZID=Europe/Berlin:20270304T090000\r\n", "RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=3\r\n",
		"DTSTART;TZID=Europe/Berlin:20270328T033000\r\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("export lacks %q:\n%s", want, r.stdout)
		}
	}
}
