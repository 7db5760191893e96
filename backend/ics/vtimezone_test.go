package ics

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// offsetsFrom reads a VTIMEZONE the way a calendar app does: every
// observance's DTSTART and RRULE give the instants its TZOFFSETTO starts.
type change struct {
	at  time.Time
	off int
}

func readOffset(t *testing.T, v string) int {
	t.Helper()
	sign := 1
	if v[0] == '-' {
		sign = -1
	}
	h, m := int(v[1]-'0')*10+int(v[2]-'0'), int(v[3]-'0')*10+int(v[4]-'0')
	return sign * (h*3600 + m*60)
}

func changesOf(t *testing.T, tz *ical.Component, until time.Time) []change {
	t.Helper()
	var out []change
	for _, o := range tz.Children {
		start, err := time.Parse("20060102T150405", o.Props.Get(ical.PropDateTimeStart).Value)
		if err != nil {
			t.Fatal(err)
		}
		from := readOffset(t, o.Props.Get(ical.PropTimezoneOffsetFrom).Value)
		to := readOffset(t, o.Props.Get(ical.PropTimezoneOffsetTo).Value)
		walls := []time.Time{start}
		if p := o.Props.Get(ical.PropRecurrenceRule); p != nil {
			opt, err := rrule.StrToROption(p.Value)
			if err != nil {
				t.Fatal(err)
			}
			// The wall clock of the change, read as if it were UTC, then
			// shifted by the offset in force before it (RFC 5545 3.6.5).
			opt.Dtstart = start
			if !opt.Until.IsZero() {
				opt.Until = opt.Until.Add(time.Duration(from) * time.Second)
			}
			r, err := rrule.NewRRule(*opt)
			if err != nil {
				t.Fatal(err)
			}
			walls = r.Between(start, until, true)
		}
		for _, w := range walls {
			out = append(out, change{at: w.Add(-time.Duration(from) * time.Second), off: to})
		}
	}
	return out
}

// offsetAt is the offset a reader of the VTIMEZONE gives instant u.
func offsetAt(chs []change, u time.Time) (int, bool) {
	var best *change
	for i := range chs {
		if !chs[i].at.After(u) && (best == nil || chs[i].at.After(best.at)) {
			best = &chs[i]
		}
	}
	if best == nil {
		return 0, false
	}
	return best.off, true
}

// A post in 2038 or later in a zone with daylight saving: the zone data
// ends in 2037 and Go computes the rest from the zone's yearly rule. The
// VTIMEZONE must be written at once (the walk over the zone's changes once
// never ended in leap years such as 2040) and must give every instant of
// those years the offset Postdeck itself uses.
func TestVTimezonePastTheZoneDataAgreesWithTheZone(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "America/New_York", "Australia/Sydney", "Europe/London", "Asia/Jakarta", "Pacific/Auckland"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, years := range [][2]int{{2037, 2041}, {2099, 2102}, {2196, 2199}} {
			done := make(chan *ical.Component, 1)
			go func() { done <- VTimezone(loc, years[0], years[1]) }()
			var tz *ical.Component
			select {
			case tz = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s %v: the VTIMEZONE is never finished", name, years)
			}
			if len(tz.Children) > 8 {
				t.Fatalf("%s %v: %d observances; a yearly rule should be written once", name, years, len(tz.Children))
			}
			until := time.Date(years[1]+1, 1, 1, 0, 0, 0, 0, time.UTC)
			chs := changesOf(t, tz, until)
			for u := time.Date(years[0], 1, 1, 6, 0, 0, 0, time.UTC); u.Before(until); u = u.Add(6 * time.Hour) {
				_, want := u.In(loc).Zone()
				got, ok := offsetAt(chs, u)
				if !ok || got != want {
					txt, _ := VTimezoneText(loc, years[0], years[1])
					t.Fatalf("%s at %s: the VTIMEZONE gives %d, the zone %d\n%s", name, u, got, want, txt)
				}
			}
			if name == "Europe/Berlin" {
				var rules []string
				for _, o := range tz.Children {
					if p := o.Props.Get(ical.PropRecurrenceRule); p != nil {
						rules = append(rules, o.Name+" "+p.Value)
					}
				}
				want := []string{"STANDARD FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "DAYLIGHT FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"}
				if strings.Join(rules, "|") != strings.Join(want, "|") && strings.Join(rules, "|") != want[1]+"|"+want[0] {
					t.Fatalf("Berlin %v: rules %v, want the EU rule open-ended", years, rules)
				}
			}
		}
	}
}

// Every zone of the CLDR table loads from the zone data inside the binary.
func TestWindowsZoneTableNamesZonesTheBinaryKnows(t *testing.T) {
	n := 0
	for _, l := range strings.Split(windowsZoneTable, "\n") {
		f := strings.Split(l, "|")
		if len(f) != 3 || !strings.HasPrefix(f[1], "(UTC") {
			t.Fatalf("bad line %q", l)
		}
		if _, err := time.LoadLocation(f[2]); err != nil {
			t.Errorf("%s: %v", f[2], err)
		}
		n++
	}
	if n < 130 {
		t.Fatalf("%d zones; the CLDR table has about 140", n)
	}
}
