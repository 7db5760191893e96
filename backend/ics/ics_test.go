package ics_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"postdeck/backend/ics"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

const tricky = "Promo, diskon; 50% \\ hemat\r\nBaris dua\rBaris tiga ☕🎉 \"kutip\""

func TestTextRoundTripsAndLinesAreFoldedWithoutSplittingUTF8(t *testing.T) {
	long := strings.Repeat("Kopi susu gula aren ☕ enak sekali 🎉 ", 12)
	cal := ics.Calendar{Name: "Tim, kopi; \\ ☕", Zone: zone(t, "Asia/Jakarta"), Events: []ics.Event{
		{UID: "a@postdeck", Summary: tricky, Description: long + "\n" + tricky, Categories: []string{"Instagram", "a,b"},
			Start: ics.Moment{Date: "2026-08-17", Time: "09:30"}, End: ics.Moment{Date: "2026-08-17", Time: "10:00"},
			LastModified: time.Date(2026, 8, 1, 10, 0, 0, 0, time.UTC), Sequence: 3},
	}}
	data, err := cal.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > 75 {
			t.Fatalf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.Valid(line) {
			t.Fatalf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF", i+1)
		}
	}
	if bytes.Contains(data, []byte("METHOD:")) {
		t.Fatal("a feed must not carry METHOD")
	}
	f, err := ics.Parse(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(strings.ReplaceAll(tricky, "\r\n", "\n"), "\r", "\n")
	if f.Name != "Tim, kopi; \\ ☕" || len(f.Items) != 1 || f.Items[0].Summary != want || f.Items[0].Description != long+"\n"+want {
		t.Fatalf("round trip: %+v", f)
	}
	if got := f.Items[0].Start; got.Wall != "2026-08-17T09:30:00" || got.Zone != "Asia/Jakarta" {
		t.Fatalf("start: %+v", got)
	}
	// A label with a comma is one category, its comma escaped.
	if !bytes.Contains(data, []byte("CATEGORIES:Instagram,a\\,b\r\n")) {
		t.Fatalf("a comma inside a category is escaped:\n%s", data)
	}
}

func TestVTimezoneHasTheZonesYearlyRules(t *testing.T) {
	berlin := vtz(t, "Europe/Berlin")
	for _, want := range []string{"TZID:Europe/Berlin", "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZNAME:CEST"} {
		if !strings.Contains(berlin, want) {
			t.Errorf("Berlin VTIMEZONE lacks %q:\n%s", want, berlin)
		}
	}
	if strings.Contains(berlin, "UNTIL") {
		t.Errorf("the current rule must stay open:\n%s", berlin)
	}
	jakarta := vtz(t, "Asia/Jakarta")
	if strings.Count(jakarta, "BEGIN:STANDARD") != 1 || !strings.Contains(jakarta, "TZOFFSETTO:+0700") || strings.Contains(jakarta, "DAYLIGHT") {
		t.Errorf("Jakarta has one offset:\n%s", jakarta)
	}
}

func vtz(t *testing.T, name string) string {
	t.Helper()
	b, err := ics.VTimezoneText(zone(t, name), 2025, 2028)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMalformedFilesNameTheLine(t *testing.T) {
	cases := []struct {
		name, file string
		line       int
		reason     string
	}{
		{"not a calendar", "hello\r\n", 1, "not_calendar"},
		{"unclosed event", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101\r\nEND:VCALENDAR\r\n", 5, "syntax"},
		{"no colon", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY hello\nEND:VEVENT\nEND:VCALENDAR\n", 3, "syntax"},
		{"bad date", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:2026-13-01\nEND:VEVENT\nEND:VCALENDAR\n", 4, "bad_date"},
		{"no start", "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nEND:VEVENT\nEND:VCALENDAR\n", 3, "no_start"},
		{"bad rule", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260101\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n", 5, "bad_rule"},
		{"unknown zone", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART;TZID=Mars/Olympus:20260101T090000\nEND:VEVENT\nEND:VCALENDAR\n", 4, "bad_date"},
		{"bad escape", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260101\nSUMMARY:a\\qb\nEND:VEVENT\nEND:VCALENDAR\n", 5, "syntax"},
		{"not utf8", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:\xff\xfe\nEND:VEVENT\nEND:VCALENDAR\n", 3, "not_utf8"},
	}
	for _, c := range cases {
		_, err := ics.Parse([]byte(c.file), nil)
		pe, ok := err.(*ics.ParseError)
		if !ok || pe.Line != c.line || pe.Reason != c.reason {
			t.Errorf("%s: got %#v, want line %d (%s)", c.name, err, c.line, c.reason)
		}
	}
}

func TestRecurringEventsExpandWithExceptionsAndKeepTheirWallClock(t *testing.T) {
	file := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART;TZID=Europe/Berlin:20260323T090000\r\n" +
		"RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=Europe/Berlin:20260330T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	f, err := ics.Parse([]byte(file), nil)
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	skip := map[string]bool{}
	for _, x := range it.ExDates {
		skip[x.Key()] = true
	}
	occ, err := ics.Occurrences(it.Start, it.RRule, skip, time.Hour, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range occ {
		got = append(got, o.Key())
	}
	// 09:00 in Berlin is 08:00 UTC before the change on 29 March and 07:00 after.
	if strings.Join(got, " ") != "20260323T080000Z 20260406T070000Z" {
		t.Fatalf("occurrences: %v", got)
	}
}

// NUL and other control characters (not tabs or line breaks) are left out
// of what a file's text says, and counted.
func TestControlCharactersInAFileAreDroppedAndCounted(t *testing.T) {
	data := []byte("BEGIN:VCALENDAR\r\nX-WR-CALNAME:Libur\x00\r\nBEGIN:VEVENT\r\nUID:a\x01b\r\nDTSTART;VALUE=DATE:20270817\r\n" +
		"SUMMARY:Merdeka\x00\x00\r\nDESCRIPTION:baris\\nkedua\tok\x7f\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f, err := ics.Parse(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if f.Name != "Libur" || it.UID != "ab" || it.Summary != "Merdeka" || it.Description != "baris\nkedua\tok" || f.Dropped != 5 {
		t.Fatalf("name %q uid %q summary %q description %q dropped %d", f.Name, it.UID, it.Summary, it.Description, f.Dropped)
	}
}
