package ics

import (
	"fmt"
	"time"

	"github.com/emersion/go-ical"
)

// transition is a moment a zone changed its offset or abbreviation.
type transition struct {
	loc        *time.Location
	at         time.Time // UTC
	from, to   int       // offsets east of UTC, seconds
	name       string
	dst        bool
	local      time.Time // the wall clock just before the change, as a UTC time
	month, day int
	weekday    time.Weekday
}

// observance is one STANDARD or DAYLIGHT block: a single change, or a
// yearly rule repeating the same change (the last Sunday of March at 02:00).
type observance struct {
	first, last transition
	count       int
	nth         int // which weekday of the month (1..4), 0 when only "last" fits
	lastWeek    bool
	open        bool // still in force at the end of the window: no UNTIL
}

// VTimezone describes loc from fromYear to toYear as a VTIMEZONE, built
// from the zone data compiled into the program (not from the OS), with
// yearly rules where the changes follow one, so calendar apps place times
// right without knowing the zone themselves. The last rule stays open,
// for series that repeat without end.
func VTimezone(loc *time.Location, fromYear, toYear int) *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.Set(&ical.Prop{Name: ical.PropTimezoneID, Params: ical.Params{}, Value: loc.String()})
	begin := time.Date(fromYear, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(toYear+1, 1, 1, 0, 0, 0, 0, loc)

	trs := transitions(begin, end)
	if len(trs) == 0 {
		// One offset for as long as the data knows: a single observance.
		name, off := begin.Zone()
		tz.Children = append(tz.Children, observanceComponent(ical.CompTimezoneStandard,
			"19700101T000000", off, off, name, ""))
		return tz
	}

	// Group each kind's changes into yearly rules.
	var groups []*observance
	open := map[bool]*observance{}
	for _, tr := range trs {
		g := open[tr.dst]
		if g != nil && g.extends(tr) {
			g.add(tr)
			continue
		}
		g = &observance{first: tr, last: tr, count: 1, nth: (tr.day-1)/7 + 1, lastWeek: isLastWeek(tr)}
		if g.nth > 4 {
			g.nth = 0
		}
		open[tr.dst] = g
		groups = append(groups, g)
	}
	for _, g := range open {
		// A rule that still held in the window's last year goes on.
		g.open = g.count > 1 && g.last.at.In(loc).Year() >= toYear
	}
	for _, g := range groups {
		kind := ical.CompTimezoneStandard
		if g.first.dst {
			kind = ical.CompTimezoneDaylight
		}
		rule := ""
		if g.count > 1 {
			rule = fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", g.first.month, g.byday())
			if !g.open {
				rule += ";UNTIL=" + g.last.at.UTC().Format("20060102T150405Z")
			}
		}
		tz.Children = append(tz.Children, observanceComponent(kind, g.first.local.Format("20060102T150405"),
			g.first.from, g.first.to, g.first.name, rule))
	}
	return tz
}

// transitions lists the real offset or abbreviation changes of begin's zone
// from the one in force at begin up to end.
//
// Past the last change written in the zone data (2037 for most zones) Go
// computes the zone from its yearly rule, and ZoneBounds then reports year
// boundaries that are not changes at all, and in leap years a bound that
// does not move forward (31 December 2040 in Europe/Berlin), which would
// loop for ever. So a bound that does not move on is stepped over by a day
// (no zone changes twice within a day), and bounds where nothing changes
// are left out.
func transitions(begin, end time.Time) []transition {
	var trs []transition
	add := func(at time.Time) {
		if tr := newTransition(at); tr.changes() {
			trs = append(trs, tr)
		}
	}
	start, next := begin.ZoneBounds()
	// The change that put begin's offset in force, found backwards past
	// bounds where nothing changed (at most a few years back).
	for i := 0; i < 3*366 && !start.IsZero(); i++ {
		if newTransition(start).changes() {
			add(start)
			break
		}
		start, _ = start.Add(-24 * time.Hour).ZoneBounds()
	}
	cursor := begin
	for !next.IsZero() && next.Before(end) {
		if next.After(cursor) {
			add(next)
			cursor = next
			_, next = next.ZoneBounds()
			continue
		}
		// A bound that does not move on: look from a day later, and take
		// the start of the span found there if it lies ahead of cursor.
		probe := cursor.Add(24 * time.Hour)
		s, e := probe.ZoneBounds()
		if s.After(cursor) && s.Before(end) {
			add(s)
		}
		cursor, next = probe, e
	}
	return trs
}

// changes says whether the offset, the abbreviation or daylight saving
// differs on either side of tr.
func (tr transition) changes() bool {
	before := tr.at.Add(-time.Second)
	name, _ := before.In(tr.loc).Zone()
	return tr.from != tr.to || name != tr.name || before.In(tr.loc).IsDST() != tr.dst
}

func newTransition(at time.Time) transition {
	name, to := at.Zone()
	_, from := at.Add(-time.Second).Zone()
	local := at.UTC().Add(time.Duration(from) * time.Second)
	return transition{loc: at.Location(), at: at.UTC(), from: from, to: to, name: name, dst: at.IsDST(), local: local,
		month: int(local.Month()), day: local.Day(), weekday: local.Weekday()}
}

func isLastWeek(tr transition) bool {
	return tr.day+7 > daysIn(tr.local.Year(), time.Month(tr.month))
}

func daysIn(year int, m time.Month) int { return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// extends says whether tr is the same change as g's, one year later.
func (g *observance) extends(tr transition) bool {
	l := g.last
	if tr.local.Year() != l.local.Year()+1 || tr.month != l.month || tr.weekday != l.weekday ||
		tr.from != l.from || tr.to != l.to || tr.name != l.name ||
		tr.local.Hour() != l.local.Hour() || tr.local.Minute() != l.local.Minute() || tr.local.Second() != l.local.Second() {
		return false
	}
	nth := (tr.day-1)/7 + 1
	return (g.nth != 0 && nth == g.nth) || (g.lastWeek && isLastWeek(tr))
}

func (g *observance) add(tr transition) {
	if g.nth != 0 && (tr.day-1)/7+1 != g.nth {
		g.nth = 0
	}
	if g.lastWeek && !isLastWeek(tr) {
		g.lastWeek = false
	}
	g.last = tr
	g.count++
}

// byday is the rule's weekday: "-1SU" for the last Sunday, "2SU" for the
// second (a fixed nth is preferred: it is what the zone's law says when
// both fit every year seen).
func (g *observance) byday() string {
	code := weekdayCodes[g.first.weekday]
	if g.nth != 0 && !(g.lastWeek && g.nth >= 4) {
		return fmt.Sprintf("%d%s", g.nth, code)
	}
	return "-1" + code
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func observanceComponent(kind, dtstart string, from, to int, name, rule string) *ical.Component {
	c := ical.NewComponent(kind)
	c.Props.Set(&ical.Prop{Name: ical.PropDateTimeStart, Params: ical.Params{}, Value: dtstart})
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetFrom, Params: ical.Params{}, Value: offset(from)})
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetTo, Params: ical.Params{}, Value: offset(to)})
	if name != "" {
		c.Props.Set(&ical.Prop{Name: ical.PropTimezoneName, Params: ical.Params{}, Value: escape(name)})
	}
	if rule != "" {
		c.Props.Set(&ical.Prop{Name: ical.PropRecurrenceRule, Params: ical.Params{}, Value: rule})
	}
	return c
}

// offset renders seconds east of UTC as +HHMM (or +HHMMSS when needed).
func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
