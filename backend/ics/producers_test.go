package ics_test

import (
	"strings"
	"testing"
	"time"

	"postdeck/backend/ics"
)

// crlf turns a readable fixture into the CRLF lines real files have.
func crlf(s string) []byte {
	return []byte(strings.ReplaceAll(strings.TrimLeft(s, "\n"), "\n", "\r\n"))
}

func startsUTC(t *testing.T, data []byte) []string {
	t.Helper()
	f, err := ics.Parse(data, nil)
	if err != nil {
		t.Fatalf("the file is refused: %v", err)
	}
	var out []string
	for _, it := range f.Items {
		at, err := it.Start.Time()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, at.UTC().Format(time.RFC3339))
	}
	return out
}

// Exchange writes the zone's display name as TZID, escaping its commas in
// the VTIMEZONE (a TEXT value) but not in the quoted parameters.
const exchangeFile = `
BEGIN:VCALENDAR
METHOD:PUBLISH
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
X-WR-CALNAME:Calendar
BEGIN:VTIMEZONE
TZID:(UTC+07:00) Bangkok\, Hanoi\, Jakarta
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T000000
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
DESCRIPTION:\n
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5
SUMMARY:Rapat mingguan
DTSTART;TZID="(UTC+07:00) Bangkok, Hanoi, Jakarta":20270301T090000
DTEND;TZID="(UTC+07:00) Bangkok, Hanoi, Jakarta":20270301T100000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20270220T040000Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
END:VEVENT
END:VCALENDAR
`

// Outlook names zones by their Windows id, and often leaves out the
// VTIMEZONE of a zone it takes every reader to know.
const outlookFile = `
BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:REQUEST
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:outlook-1
SUMMARY;LANGUAGE=de:Sommerfest
DTSTART;TZID="W. Europe Standard Time":20270715T090000
DTEND;TZID="W. Europe Standard Time":20270715T100000
DTSTAMP:20270601T080000Z
END:VEVENT
BEGIN:VEVENT
UID:outlook-2
SUMMARY:Winter
DTSTART;TZID=W. Europe Standard Time:20270115T090000
DTSTAMP:20270601T080000Z
END:VEVENT
BEGIN:VEVENT
UID:outlook-3
SUMMARY:Jakarta
DTSTART;TZID="SE Asia Standard Time":20270715T090000
DTSTAMP:20270601T080000Z
END:VEVENT
BEGIN:VEVENT
UID:outlook-4
SUMMARY:Display name without a VTIMEZONE
DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20270715T090000
DTSTAMP:20270601T080000Z
END:VEVENT
END:VCALENDAR
`

const googleFile = `
BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Libur Nasional
X-WR-TIMEZONE:Asia/Jakarta
BEGIN:VTIMEZONE
TZID:Asia/Jakarta
X-LIC-LOCATION:Asia/Jakarta
BEGIN:STANDARD
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
TZNAME:WIB
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=Asia/Jakarta:20270817T080000
DTEND;TZID=Asia/Jakarta:20270817T090000
DTSTAMP:20270101T000000Z
UID:abc123@google.com
SUMMARY:Upacara
END:VEVENT
BEGIN:VEVENT
DTSTART:20270818T020000Z
DTEND:20270818T030000Z
DTSTAMP:20270101T000000Z
UID:def456@google.com
SUMMARY:Rapat
END:VEVENT
END:VCALENDAR
`

const appleFile = `
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.0//EN
CALSCALE:GREGORIAN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
DTSTART:19810329T020000
TZNAME:MESZ
TZOFFSETTO:+0200
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
DTSTART:19961027T030000
TZNAME:MEZ
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
CREATED:20270101T100000Z
UID:6E1F5B7A-1C2D-4E3F-9A8B-7C6D5E4F3A2B
DTEND;TZID=Europe/Berlin:20270715T100000
TRANSP:OPAQUE
X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC
SUMMARY:Kaffee
LAST-MODIFIED:20270101T100000Z
DTSTAMP:20270101T100000Z
DTSTART;TZID=Europe/Berlin:20270715T090000
SEQUENCE:1
END:VEVENT
END:VCALENDAR
`

// Files as Exchange, Outlook, Google and Apple write them are read, and each
// time lands on the instant ical.js and python-icalendar give it.
func TestFilesAsOutlookGoogleAndAppleWriteThem(t *testing.T) {
	for _, c := range []struct {
		name string
		file string
		want []string
	}{
		{"exchange", exchangeFile, []string{"2027-03-01T02:00:00Z"}},
		{"outlook", outlookFile, []string{"2027-07-15T07:00:00Z", "2027-01-15T08:00:00Z", "2027-07-15T02:00:00Z", "2027-07-15T07:00:00Z"}},
		{"google", googleFile, []string{"2027-08-17T01:00:00Z", "2027-08-18T02:00:00Z"}},
		{"apple", appleFile, []string{"2027-07-15T07:00:00Z"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := startsUTC(t, crlf(c.file)); strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Fatalf("starts %v, want %v", got, c.want)
			}
		})
	}
}

func TestWindowsZoneNamesMapToIANAZones(t *testing.T) {
	for name, want := range map[string]string{
		"SE Asia Standard Time":                                        "Asia/Bangkok",
		"W. Europe Standard Time":                                      "Europe/Berlin",
		"(UTC+07:00) Bangkok, Hanoi, Jakarta":                          "Asia/Bangkok",
		"(UTC+00:00) Dublin, Edinburgh, Lisbon, London":                "Europe/London",
		"(UTC) Dublin, Edinburgh, Lisbon, London":                      "Europe/London",
		"(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna": "Europe/Berlin",
		"eastern standard time":                                        "America/New_York",
		"Not a zone":                                                   "",
	} {
		if got := ics.WindowsZone(name); got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
}
