package ics

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// Limits on files read, so a hostile or broken file cannot exhaust memory.
const (
	MaxFileBytes = 10 << 20
	MaxEvents    = 5000
	maxDepth     = 8
	maxLineBytes = 64 << 10
)

// ParseError is a file that cannot be read, with the line it went wrong on
// (1-based; 0 when the problem is the file as a whole).
type ParseError struct {
	Line   int
	Reason string // a short stable key: syntax, not_utf8, not_calendar, no_start, bad_date, bad_rule, too_large, too_many
	Detail string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Detail)
	}
	return e.Detail
}

func errAt(line int, reason, format string, args ...any) *ParseError {
	return &ParseError{Line: line, Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// When is a start or end read from a file: a whole day, or an instant with
// the zone its recurrences follow.
type When struct {
	AllDay bool
	Date   string // YYYY-MM-DD, for a whole day
	// Wall is the wall-clock time in Zone, YYYY-MM-DDTHH:MM:SS, for a time.
	Wall string
	// Zone is an IANA name, "UTC", or a fixed offset such as "+0700" (for
	// zone names no database knows, from the file's own VTIMEZONE).
	Zone string
}

// IsZero reports whether w is unset.
func (w When) IsZero() bool { return w.Date == "" && w.Wall == "" }

// Key identifies the moment: the day for a whole day, the UTC instant
// otherwise. RECURRENCE-ID and EXDATE values are compared by it.
func (w When) Key() string {
	if w.AllDay {
		return w.Date
	}
	t, err := w.Time()
	if err != nil {
		return w.Wall
	}
	return t.UTC().Format("20060102T150405Z")
}

// Time returns the instant (midnight UTC for a whole day).
func (w When) Time() (time.Time, error) {
	if w.AllDay {
		return time.Parse("2006-01-02", w.Date)
	}
	loc, err := LoadZone(w.Zone)
	if err != nil {
		return time.Time{}, err
	}
	return time.ParseInLocation("2006-01-02T15:04:05", w.Wall, loc)
}

// LoadZone loads an IANA name, "UTC", or a fixed offset (+HHMM).
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if (name[0] == '+' || name[0] == '-') && len(name) == 5 {
		h, err1 := strconv.Atoi(name[1:3])
		m, err2 := strconv.Atoi(name[3:5])
		if err1 != nil || err2 != nil || h > 18 || m > 59 {
			return nil, fmt.Errorf("bad offset %q", name)
		}
		sec := h*3600 + m*60
		if name[0] == '-' {
			sec = -sec
		}
		return time.FixedZone(name, sec), nil
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		zones.Store(name, loc)
	}
	return loc, err
}

// zones keeps the IANA zones loaded so far: a calendar of thousands of
// events names the same few, and loading one reads and parses its zone data
// each time. Only real zone names are kept, so the map stays small.
var zones sync.Map

// Item is one event read from a file.
type Item struct {
	Line         int
	UID          string
	Summary      string
	Description  string
	Location     string
	Start, End   When
	RRule        string
	ExDates      []When
	RecurrenceID When
	Sequence     int
	Cancelled    bool
}

// File is what Parse read.
type File struct {
	Name  string // X-WR-CALNAME, if any
	Items []Item
	// Dropped counts the control characters (NUL and the like; not tabs or
	// line breaks) left out of the file's text: no calendar app writes
	// them, and kept they would travel on into feeds and screens.
	Dropped int
}

// Parse reads an iCalendar file. Floating times (no zone) are taken to be
// in the zone floating. Any error names the line; nothing is returned with it.
func Parse(data []byte, floating *time.Location) (f *File, err error) {
	defer func() {
		// The value helpers of the libraries are not meant for hostile
		// input; a panic there is a broken file, not a crash.
		if r := recover(); r != nil {
			f, err = nil, errAt(0, "syntax", "the file cannot be read (%v)", r)
		}
	}()
	if len(data) > MaxFileBytes {
		return nil, errAt(0, "too_large", "the file is larger than %d MiB", MaxFileBytes>>20)
	}
	if floating == nil {
		floating = time.UTC
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	zones := fixedZones(root)
	f = &File{}
	if p := root.first("X-WR-CALNAME"); p != nil {
		name, _ := p.Text()
		f.Dropped += controlChars(name)
		f.Name = CleanText(name)
	}
	for _, c := range root.children {
		if c.name != ical.CompEvent {
			continue
		}
		if len(f.Items) >= MaxEvents {
			return nil, errAt(c.line, "too_many", "the file has more than %d events", MaxEvents)
		}
		it, err := readEvent(c, zones, floating, &f.Dropped)
		if err != nil {
			return nil, err
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// fixedZones reads the standard offset of every VTIMEZONE in the file, for
// zone names (often Windows ones) that no zone database knows.
func fixedZones(root *node) map[string]string {
	out := map[string]string{}
	for _, c := range root.children {
		if c.name != ical.CompTimezone {
			continue
		}
		p := c.first(ical.PropTimezoneID)
		if p == nil {
			continue
		}
		// Exchange escapes the commas of "(UTC+07:00) Bangkok\, Hanoi\,
		// Jakarta" here but not in the TZID parameters that refer to it.
		id := zoneName(unescapeText(p.Value))
		for _, o := range c.children {
			if to := o.first(ical.PropTimezoneOffsetTo); to != nil && (o.name == ical.CompTimezoneStandard || out[id] == "") {
				if v := strings.TrimSpace(to.Value); len(v) >= 5 {
					out[id] = v[:5]
				}
			}
		}
	}
	return out
}

func readEvent(c *node, zones map[string]string, floating *time.Location, dropped *int) (Item, error) {
	it := Item{Line: c.line}
	text := func(name string) (string, error) {
		p := c.first(name)
		if p == nil {
			return "", nil
		}
		s, err := p.Text()
		if err != nil {
			return "", errAt(p.line, "syntax", "%s: %v", name, strings.TrimPrefix(err.Error(), "ical: "))
		}
		*dropped += controlChars(s)
		return CleanText(s), nil
	}
	var err error
	if it.UID, err = text(ical.PropUID); err != nil {
		return it, err
	}
	if it.Summary, err = text(ical.PropSummary); err != nil {
		return it, err
	}
	if it.Description, err = text(ical.PropDescription); err != nil {
		return it, err
	}
	if it.Location, err = text(ical.PropLocation); err != nil {
		return it, err
	}
	start := c.first(ical.PropDateTimeStart)
	if start == nil {
		return it, errAt(c.line, "no_start", "the event has no start (DTSTART)")
	}
	if it.Start, err = readWhen(start, zones, floating); err != nil {
		return it, err
	}
	if p := c.first(ical.PropDateTimeEnd); p != nil {
		if it.End, err = readWhen(p, zones, floating); err != nil {
			return it, err
		}
	} else if p := c.first(ical.PropDuration); p != nil {
		d, derr := p.Duration()
		if derr != nil || d < 0 || d > 3660*24*time.Hour {
			return it, errAt(p.line, "bad_date", "DURATION %q cannot be read", clip(p.Value))
		}
		it.End = addDuration(it.Start, d)
	}
	if !it.End.IsZero() {
		s, _ := it.Start.Time()
		e, _ := it.End.Time()
		if e.Before(s) {
			it.End = When{}
		}
	}
	if p := c.first(ical.PropRecurrenceRule); p != nil {
		v := strings.TrimSpace(p.Value)
		opt, rerr := rrule.StrToROption(v)
		if rerr == nil {
			opt.Dtstart, _ = it.Start.Time()
			_, rerr = rrule.NewRRule(*opt)
		}
		if rerr != nil {
			return it, errAt(p.line, "bad_rule", "RRULE cannot be read: %v", rerr)
		}
		it.RRule = v
	}
	for _, p := range c.props[ical.PropExceptionDates] {
		for _, v := range strings.Split(p.Value, ",") {
			one := p
			one.Value = strings.TrimSpace(v)
			w, err := readWhen(&one, zones, floating)
			if err != nil {
				return it, err
			}
			it.ExDates = append(it.ExDates, w)
		}
	}
	if p := c.first(ical.PropRecurrenceID); p != nil {
		if it.RecurrenceID, err = readWhen(p, zones, floating); err != nil {
			return it, err
		}
	}
	if p := c.first(ical.PropSequence); p != nil {
		n, serr := strconv.Atoi(strings.TrimSpace(p.Value))
		if serr != nil || n < 0 {
			return it, errAt(p.line, "syntax", "SEQUENCE is not a whole number")
		}
		it.Sequence = n
	}
	if p := c.first(ical.PropStatus); p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "CANCELLED") {
		it.Cancelled = true
	}
	return it, nil
}

func addDuration(w When, d time.Duration) When {
	t, err := w.Time()
	if err != nil {
		return When{}
	}
	if w.AllDay {
		days := int((d + 24*time.Hour - 1) / (24 * time.Hour))
		return When{AllDay: true, Date: t.AddDate(0, 0, max(days, 1)).Format("2006-01-02")}
	}
	loc, _ := LoadZone(w.Zone)
	return When{Wall: t.Add(d).In(loc).Format("2006-01-02T15:04:05"), Zone: w.Zone}
}

// readWhen reads a DATE or DATE-TIME value with its TZID.
func readWhen(p *prop, zones map[string]string, floating *time.Location) (When, error) {
	v := strings.TrimSpace(p.Value)
	bad := func() (When, error) {
		return When{}, errAt(p.line, "bad_date", "%s %q is not a date or time", p.Name, clip(v))
	}
	isDate := strings.EqualFold(p.Params.Get(ical.ParamValue), "DATE") || len(v) == 8
	if isDate {
		t, err := time.Parse("20060102", v)
		if err != nil || len(v) != 8 {
			return bad()
		}
		return When{AllDay: true, Date: t.Format("2006-01-02")}, nil
	}
	if strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z") {
		t, err := time.Parse("20060102T150405", v[:len(v)-1])
		if err != nil {
			return bad()
		}
		return When{Wall: t.Format("2006-01-02T15:04:05"), Zone: "UTC"}, nil
	}
	t, err := time.Parse("20060102T150405", v)
	if err != nil {
		return bad()
	}
	zone := floating.String()
	if floating == time.UTC {
		zone = "UTC"
	}
	if tzid := zoneName(unescapeText(p.Params.Get(ical.PropTimezoneID))); tzid != "" {
		switch {
		case zoneKnown(tzid):
			zone = tzid
		case WindowsZone(tzid) != "":
			// A Windows zone (Outlook, Exchange): the IANA zone CLDR gives
			// it follows daylight saving, which a fixed offset would not.
			zone = WindowsZone(tzid)
		case zones[tzid] != "":
			zone = zones[tzid]
		default:
			return When{}, errAt(p.line, "bad_date", "the time zone %q is not known and the file does not describe it", clip(tzid))
		}
	}
	if _, err := LoadZone(zone); err != nil {
		return When{}, errAt(p.line, "bad_date", "the time zone %q is not known", clip(zone))
	}
	return When{Wall: t.Format("2006-01-02T15:04:05"), Zone: zone}, nil
}

// zoneName is a TZID as it is compared: without the "/" that marks a
// globally unique name, and without the spaces around it.
func zoneName(s string) string { return strings.Trim(s, "/ ") }

// unescapeText reads an escaped TEXT value (RFC 5545 section 3.3.11).
func unescapeText(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// zoneKnown accepts IANA names only (not "Local", no paths).
func zoneKnown(name string) bool {
	if name == "Local" || strings.Contains(name, "..") || strings.ContainsAny(name, " \\") {
		return false
	}
	if _, ok := zones.Load(name); ok {
		return true
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		zones.Store(name, loc)
	}
	return err == nil
}
