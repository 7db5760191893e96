// Package ics reads and writes iCalendar files (RFC 5545): the calendar
// files freelancers and clients import or subscribe to, and the holiday
// calendars a team imports. It knows the format, not the calendar: callers
// turn posts and campaigns into Events and read Events back.
//
// emersion/go-ical holds the components and escapes text; this package adds
// what it leaves out: line folding at 75 octets, VTIMEZONE blocks for the
// zone in use, wall-clock values that survive daylight-saving gaps, and a
// reader that names the line of every error.
package ics

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone data inside the binary: VTIMEZONE blocks must not depend on the OS

	"github.com/emersion/go-ical"
)

// ProductID names the program that wrote a file.
const ProductID = "-//Postdeck//Postdeck Calendar//EN"

// Moment is a day or a wall-clock time in the calendar's zone. Keeping the
// wall clock as text (not a time.Time) writes 02:30 on the night clocks
// jump forward as 02:30, which is what the user planned.
type Moment struct {
	Date string // YYYY-MM-DD
	Time string // HH:MM or HH:MM:SS; "" for a whole day
}

// IsZero reports whether m is unset.
func (m Moment) IsZero() bool { return m.Date == "" }

// AllDay reports whether m is a whole day.
func (m Moment) AllDay() bool { return m.Time == "" }

// value renders m as an iCalendar DATE or local DATE-TIME.
func (m Moment) value() string {
	d := strings.ReplaceAll(m.Date, "-", "")
	if m.Time == "" {
		return d
	}
	t := strings.ReplaceAll(m.Time, ":", "")
	if len(t) == 4 {
		t += "00"
	}
	return d + "T" + t
}

// Add returns m moved by d on the wall clock (no zone arithmetic: an end
// time half an hour after 02:30 is 03:00 whatever the clocks did).
func (m Moment) Add(d time.Duration) Moment {
	t, err := time.Parse("2006-01-02 15:04", m.Date+" "+m.Time[:min(5, len(m.Time))])
	if err != nil {
		return m
	}
	t = t.Add(d)
	return Moment{Date: t.Format("2006-01-02"), Time: t.Format("15:04")}
}

// NextDay returns the day after m's day, as a whole day.
func (m Moment) NextDay() Moment {
	t, err := time.Parse("2006-01-02", m.Date)
	if err != nil {
		return m
	}
	return Moment{Date: t.AddDate(0, 0, 1).Format("2006-01-02")}
}

// Event is one VEVENT.
type Event struct {
	// UID is stable for the same post or campaign, so a calendar that
	// imports the file again updates the event instead of adding another.
	UID         string
	Summary     string
	Description string
	Categories  []string
	Start, End  Moment
	// RRule is an RRULE value without the "RRULE:" prefix ("" = once).
	RRule   string
	ExDates []Moment
	// RecurrenceID marks an event that replaces one occurrence (the one
	// that would start at RecurrenceID) of the series with the same UID.
	RecurrenceID Moment
	// Sequence grows with every change; LastModified is when it changed.
	Sequence     int
	LastModified time.Time
	// Busy marks time the attendees are taken (a meeting); posts and due
	// dates are reminders of work and leave the time free.
	Busy bool
}

// Calendar is a whole file: events in one zone.
type Calendar struct {
	Name string
	// Zone is the IANA zone every timed Moment is in.
	Zone   *time.Location
	Events []Event
}

// Encode writes c as an iCalendar file: CRLF line ends, lines folded at
// 75 octets, a VTIMEZONE for the zone when any event has a time. There is
// no METHOD property: a subscribed feed is not a scheduling message.
//
// Events are written straight into one buffer rather than through go-ical's
// component maps: a feed of 10,000 posts is rewritten after every change.
func (c Calendar) Encode() ([]byte, error) {
	if c.Zone == nil || c.Zone == time.Local || c.Zone.String() == "Local" {
		return nil, fmt.Errorf("ics: a calendar needs an IANA time zone")
	}
	tzid := c.Zone.String()
	var buf bytes.Buffer
	size := 4096
	for i := range c.Events {
		size += 420 + len(c.Events[i].Summary) + len(c.Events[i].Description)*11/10
	}
	buf.Grow(size)
	buf.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + ProductID + "\r\nCALSCALE:GREGORIAN\r\n")
	if c.Name != "" {
		line(&buf, "X-WR-CALNAME:", escape(c.Name))
	}
	line(&buf, "X-WR-TIMEZONE:", tzid)
	if lo, hi, timed := c.years(); timed {
		vtz, err := encodeTimezone(VTimezone(c.Zone, lo-1, hi+2))
		if err != nil {
			return nil, err
		}
		buf.Write(Fold(vtz))
	}
	for i := range c.Events {
		if err := c.Events[i].write(&buf, tzid); err != nil {
			return nil, err
		}
	}
	buf.WriteString("END:VCALENDAR\r\n")
	return buf.Bytes(), nil
}

// encodeTimezone renders a VTIMEZONE component with go-ical's encoder,
// which only writes whole calendars: the component is cut out of one.
func encodeTimezone(tz *ical.Component) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, ProductID)
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Children = []*ical.Component{tz}
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	i := bytes.Index(out, []byte("BEGIN:VTIMEZONE\r\n"))
	j := bytes.LastIndex(out, []byte("END:VTIMEZONE\r\n"))
	if i < 0 || j < i {
		return nil, fmt.Errorf("ics: VTIMEZONE was not written")
	}
	return out[i : j+len("END:VTIMEZONE\r\n")], nil
}

// years returns the first and last year of the calendar's timed moments.
func (c Calendar) years() (lo, hi int, timed bool) {
	for _, e := range c.Events {
		for _, m := range []Moment{e.Start, e.End, e.RecurrenceID} {
			if m.IsZero() || m.AllDay() || len(m.Date) < 4 {
				continue
			}
			y, err := strconv.Atoi(m.Date[:4])
			if err != nil {
				continue
			}
			if !timed || y < lo {
				lo = y
			}
			if !timed || y > hi {
				hi = y
			}
			timed = true
		}
	}
	return lo, hi, timed
}

// line writes head+value as one content line, folded as it is written
// (see Fold), so a large feed is not copied a second time to fold it.
func line(buf *bytes.Buffer, head, value string) {
	const limit = 75
	if len(head)+len(value) <= limit {
		buf.WriteString(head)
		buf.WriteString(value)
		buf.WriteString("\r\n")
		return
	}
	s := head + value
	room := limit
	for len(s) > room {
		cut := room
		for cut > 0 && s[cut]&0xC0 == 0x80 { // a continuation byte: step back to the rune's start
			cut--
		}
		buf.WriteString(s[:cut])
		buf.WriteString("\r\n ")
		s = s[cut:]
		room = limit - 1
	}
	buf.WriteString(s)
	buf.WriteString("\r\n")
}

func (e *Event) write(buf *bytes.Buffer, tzid string) error {
	if e.UID == "" || e.Start.IsZero() {
		return fmt.Errorf("ics: an event needs a UID and a start")
	}
	if strings.ContainsAny(e.RRule, "\r\n") {
		return fmt.Errorf("ics: bad RRULE %q", e.RRule)
	}
	stamp := e.LastModified.UTC()
	if stamp.IsZero() {
		stamp = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	// DTSTAMP is the last change too, not "now": the same data gives the
	// same bytes, so an unchanged feed is not rewritten and every device
	// publishes the identical file.
	utc := stamp.Format("20060102T150405Z")
	buf.WriteString("BEGIN:VEVENT\r\n")
	line(buf, "UID:", escape(e.UID))
	line(buf, "DTSTAMP:", utc)
	line(buf, "LAST-MODIFIED:", utc)
	line(buf, "SEQUENCE:", strconv.Itoa(max(e.Sequence, 0)))
	writeMoment(buf, "DTSTART", e.Start, tzid)
	if !e.End.IsZero() {
		writeMoment(buf, "DTEND", e.End, tzid)
	}
	if !e.RecurrenceID.IsZero() {
		writeMoment(buf, "RECURRENCE-ID", e.RecurrenceID, tzid)
	}
	if e.RRule != "" {
		line(buf, "RRULE:", e.RRule)
	}
	if len(e.ExDates) > 0 {
		head := "EXDATE;TZID=" + tzid + ":"
		if e.Start.AllDay() {
			head = "EXDATE;VALUE=DATE:"
		}
		vals := make([]string, len(e.ExDates))
		for i, m := range e.ExDates {
			vals[i] = m.value()
		}
		line(buf, head, strings.Join(vals, ","))
	}
	line(buf, "SUMMARY:", escape(e.Summary))
	if e.Description != "" {
		line(buf, "DESCRIPTION:", escape(e.Description))
	}
	if cats := categories(e.Categories); len(cats) > 0 {
		for i := range cats {
			cats[i] = escape(cats[i])
		}
		line(buf, "CATEGORIES:", strings.Join(cats, ","))
	}
	// Posts are reminders of work, not meetings: they never make anyone busy.
	if e.Busy {
		buf.WriteString("TRANSP:OPAQUE\r\nEND:VEVENT\r\n")
	} else {
		buf.WriteString("TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n")
	}
	return nil
}

func writeMoment(buf *bytes.Buffer, name string, m Moment, tzid string) {
	if m.AllDay() {
		line(buf, name+";VALUE=DATE:", m.value())
	} else {
		line(buf, name+";TZID="+tzid+":", m.value())
	}
}

// escape renders text as a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon and comma escaped, line breaks as \n, after CleanText.
func escape(s string) string {
	s = CleanText(s)
	if !strings.ContainsAny(s, "\\;,\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString("\\n")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// categories cleans category names: no empty or repeated ones, spaces
// folded. A comma inside a name stays and is escaped when written, so a
// label "promo, ramadan" is one category, not two (RFC 5545 3.8.1.2).
func categories(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range in {
		c = strings.Join(strings.Fields(CleanText(c)), " ")
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// controlChars counts the characters CleanText drops from s.
func controlChars(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			n++
		}
	}
	return n
}

// CleanText makes user text safe for a TEXT value: CRLF and CR become LF
// (escaped as \n when written) and other control characters are dropped,
// since RFC 5545 allows none in text.
func CleanText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f }) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// Fold breaks every CRLF-terminated line longer than 75 octets into a first
// line of at most 75 octets and continuation lines of a space plus at most
// 74, never inside a UTF-8 sequence (RFC 5545 section 3.1).
func Fold(in []byte) []byte {
	const limit = 75
	long := false
	for start := 0; start < len(in); {
		end := bytes.Index(in[start:], []byte("\r\n"))
		if end < 0 {
			end = len(in) - start
		}
		if end > limit {
			long = true
			break
		}
		start += end + 2
	}
	if !long {
		return in
	}
	out := make([]byte, 0, len(in)+len(in)/30)
	for len(in) > 0 {
		end := bytes.Index(in, []byte("\r\n"))
		var line []byte
		if end < 0 {
			line, in = in, nil
		} else {
			line, in = in[:end], in[end+2:]
		}
		room := limit
		for len(line) > room {
			cut := room
			for cut > 0 && line[cut]&0xC0 == 0x80 { // a continuation byte: step back to the rune's start
				cut--
			}
			out = append(out, line[:cut]...)
			out = append(out, '\r', '\n', ' ')
			line = line[cut:]
			room = limit - 1
		}
		out = append(out, line...)
		out = append(out, '\r', '\n')
	}
	return out
}
