package layers_test

import (
	"context"
	"strings"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
)

var ctx = context.Background()

const holidays = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Holidays//ID\r\nX-WR-CALNAME:Libur nasional\r\n" +
	"BEGIN:VEVENT\r\nUID:merdeka@holidays\r\nDTSTART;VALUE=DATE:20270817\r\nDTEND;VALUE=DATE:20270818\r\n" +
	"SUMMARY:Hari Kemerdekaan\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:natal@holidays\r\nDTSTART;VALUE=DATE:20271225\r\nSUMMARY:Natal\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:webinar@holidays\r\nDTSTART;TZID=Europe/Berlin:20270322T090000\r\nDURATION:PT1H\r\n" +
	"RRULE:FREQ=WEEKLY;COUNT=5\r\nEXDATE;TZID=Europe/Berlin:20270405T090000\r\nSUMMARY:Webinar\\, mingguan\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:webinar@holidays\r\nRECURRENCE-ID;TZID=Europe/Berlin:20270412T090000\r\n" +
	"DTSTART;TZID=Europe/Berlin:20270413T100000\r\nDTEND;TZID=Europe/Berlin:20270413T110000\r\nSUMMARY:Webinar (Selasa)\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func open(t testing.TB) *core.Workspace {
	t.Helper()
	ws, _ := testws.Open(t)
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Asia/Jakarta"); err != nil {
		t.Fatal(err)
	}
	return ws
}

func changeCount(t *testing.T, ws *core.Workspace) int64 {
	t.Helper()
	var n int64
	if err := ws.Store.DB().Raw("SELECT COUNT(*) FROM changes").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func shown(t *testing.T, ws *core.Workspace, from, to string) []string {
	t.Helper()
	evs, err := ws.Layers.Events(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Start+" "+e.Title)
	}
	return out
}

func TestAHolidayCalendarBecomesALayerWithRepeatsExpanded(t *testing.T) {
	ws := open(t)
	res, err := ws.Layers.Import(ctx, "", "libur.ics", []byte(holidays))
	if err != nil {
		t.Fatal(err)
	}
	if res.Layer.Name != "Libur nasional" || res.Added != 4 || res.Layer.Events != 4 || !res.Layer.Visible {
		t.Fatalf("import: %+v", res)
	}
	got := strings.Join(shown(t, ws, "2028-08-01", "2028-08-31"), "\n")
	if got != "2028-08-17 Hari Kemerdekaan" {
		t.Fatalf("a yearly holiday repeats: %q", got)
	}
	// 09:00 in Berlin shown in Jakarta: 15:00 before Europe's clocks change on
	// 28 March 2027, 14:00 after. The skipped day is left out, the edited one moved.
	got = strings.Join(shown(t, ws, "2027-03-22", "2027-04-30"), "\n")
	want := "2027-03-22T15:00:00 Webinar, mingguan\n2027-03-29T14:00:00 Webinar, mingguan\n2027-04-13T15:00:00 Webinar (Selasa)\n2027-04-19T14:00:00 Webinar, mingguan"
	if got != want {
		t.Fatalf("weekly webinar:\n%s\nwant\n%s", got, want)
	}

	if err := ws.Layers.SetVisible(ctx, res.Layer.ID, false); err != nil {
		t.Fatal(err)
	}
	if got := shown(t, ws, "2027-08-01", "2027-08-31"); len(got) != 0 {
		t.Fatalf("a hidden layer shows: %v", got)
	}
	if err := ws.Layers.SetVisible(ctx, res.Layer.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := shown(t, ws, "2027-08-01", "2027-08-31"); len(got) != 1 {
		t.Fatalf("shown again: %v", got)
	}
}

func TestImportingAgainUpdatesByUIDInsteadOfDuplicating(t *testing.T) {
	ws := open(t)
	if _, err := ws.Layers.Import(ctx, "Libur", "libur.ics", []byte(holidays)); err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(holidays, "SUMMARY:Natal", "SUMMARY:Hari Natal", 1)
	changed = strings.Replace(changed, "BEGIN:VEVENT\r\nUID:merdeka@holidays\r\nDTSTART;VALUE=DATE:20270817\r\nDTEND;VALUE=DATE:20270818\r\n"+
		"SUMMARY:Hari Kemerdekaan\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n", "", 1)
	res, err := ws.Layers.Import(ctx, "libur", "libur.ics", []byte(changed))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 1 || res.Unchanged != 2 || res.Removed != 1 || res.Layer.Events != 3 {
		t.Fatalf("re-import: %+v", res)
	}
	if got := shown(t, ws, "2027-12-25", "2027-12-25"); len(got) != 1 || got[0] != "2027-12-25 Hari Natal" {
		t.Fatalf("updated: %v", got)
	}
	ls, _ := ws.Layers.Layers(ctx)
	if len(ls) != 1 {
		t.Fatalf("the same name is the same layer: %+v", ls)
	}
	if err := ws.Layers.Delete(ctx, ls[0].ID); err != nil {
		t.Fatal(err)
	}
	if ls, _ := ws.Layers.Layers(ctx); len(ls) != 0 || len(shown(t, ws, "2027-01-01", "2027-12-31")) != 0 {
		t.Fatal("a deleted layer still shows")
	}
	// Importing it again brings it back.
	if res, err := ws.Layers.Import(ctx, "Libur", "libur.ics", []byte(holidays)); err != nil || res.Layer.Events != 4 {
		t.Fatalf("import after delete: %+v %v", res, err)
	}
}

func TestABrokenFileNamesTheLineAndChangesNothing(t *testing.T) {
	ws := open(t)
	if _, err := ws.Layers.Import(ctx, "Libur", "libur.ics", []byte(holidays)); err != nil {
		t.Fatal(err)
	}
	before := changeCount(t, ws)
	broken := strings.Replace(holidays, "DTSTART;VALUE=DATE:20271225", "DTSTART;VALUE=DATE:2027-12-25", 1)
	_, err := ws.Layers.Import(ctx, "Libur", "libur.ics", []byte(broken))
	e := apperr.As(err)
	if e == nil || e.Code != "ics.bad_date" || e.Params["line"] != 14 {
		t.Fatalf("want ics.bad_date on line 14, got %#v", e)
	}
	if after := changeCount(t, ws); after != before {
		t.Fatalf("a refused import wrote %d changes", after-before)
	}
	if got := shown(t, ws, "2027-12-25", "2027-12-25"); len(got) != 1 || got[0] != "2027-12-25 Natal" {
		t.Fatalf("the layer must be as before: %v", got)
	}
}

// FuzzImport feeds arbitrary files to the importer: it never panics, and a
// file it refuses leaves the database as it was. The seed corpus runs with
// every `go test`.
func FuzzImport(f *testing.F) {
	f.Add([]byte(holidays))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a,b\":20270101T000000\nEND:VEVENT\nEND:VCALENDAR"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T000000Z\r\nRRULE:FREQ=MINUTELY;INTERVAL=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nX;A=\"unterminated:1\n END:VCALENDAR"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nDURATION:P99999999999W\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:W. Europe\nBEGIN:STANDARD\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n" +
		"BEGIN:VEVENT\nUID:w\nDTSTART;TZID=W. Europe:20270101T090000\nRRULE:FREQ=DAILY;UNTIL=20270105T000000\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nEXDATE:20270101,x\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("\xef\xbb\xbfBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nSUMMARY:\\\nEND:VEVENT\nEND:VCALENDAR\n"))
	ws := open(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		before := changeCount(t, ws)
		res, err := ws.Layers.Import(ctx, "Fuzz", "fuzz.ics", data)
		if err != nil {
			if apperr.Code(err) == apperr.CodeInternal {
				t.Fatalf("an import error must say what is wrong with the file: %v", err)
			}
			if after := changeCount(t, ws); after != before {
				t.Fatalf("a refused file wrote %d changes", after-before)
			}
			return
		}
		if _, err := ws.Layers.Events(ctx, "2026-01-01", "2028-12-31"); err != nil {
			t.Fatalf("events of an imported file: %v", err)
		}
		_ = res
	})
}

// A NUL in a calendar's name or an event's text is not stored: it is left
// out, and the import says how many were.
func TestControlCharactersAreLeftOutAndCounted(t *testing.T) {
	ws := open(t)
	file := strings.Replace(strings.Replace(holidays, "X-WR-CALNAME:Libur nasional", "X-WR-CALNAME:Libur\x00 nasional", 1),
		"SUMMARY:Natal", "SUMMARY:Na\x00tal\x07", 1)
	res, err := ws.Layers.Import(ctx, "", "libur.ics", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if res.Dropped != 3 || res.Layer.Name != "Libur nasional" {
		t.Fatalf("dropped %d, layer %q", res.Dropped, res.Layer.Name)
	}
	for _, s := range shown(t, ws, "2027-12-01", "2027-12-31") {
		if strings.ContainsAny(s, "\x00\x07") {
			t.Fatalf("stored raw: %q", s)
		}
	}
	var names []string
	ws.Store.DB().Raw("SELECT name FROM calendar_layers").Scan(&names)
	if len(names) != 1 || names[0] != "Libur nasional" {
		t.Fatalf("layer names %q", names)
	}
}
