package ics

import (
	"fmt"
	"time"

	"github.com/teambition/rrule-go"
)

// maxSteps bounds the walk through one rule, so a rule that starts decades
// ago or repeats every minute cannot stall the calendar.
const maxSteps = 200_000

// Occurrences returns the starts of an event (recurring when rule is not
// "") that begin before to and end after from, leaving out the starts
// whose Key is in skip (EXDATEs and occurrences replaced by an edited
// copy). length is how long each occurrence lasts; at most limit come back.
// Timed occurrences keep their wall-clock time in the event's zone across
// daylight-saving changes, as RFC 5545 asks.
func Occurrences(start When, rule string, skip map[string]bool, length time.Duration, from, to time.Time, limit int) (out []When, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the repeat rule cannot be expanded (%v)", r)
		}
	}()
	first, err := start.Time()
	if err != nil {
		return nil, err
	}
	in := func(t time.Time) bool { return t.Before(to) && t.Add(max(length, time.Second)).After(from) }
	if rule == "" {
		if in(first) && !skip[start.Key()] {
			return []When{start}, nil
		}
		return nil, nil
	}
	loc, err := LoadZone(start.Zone)
	if err != nil {
		return nil, err
	}
	opt, err := rrule.StrToROptionInLocation(rule, loc)
	if err != nil {
		return nil, err
	}
	if start.AllDay {
		first = time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)
	} else {
		first = first.In(loc)
	}
	opt.Dtstart = first
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, err
	}
	next := r.Iterator()
	for steps := 0; steps < maxSteps && len(out) < limit; steps++ {
		t, ok := next()
		if !ok || !t.Before(to) {
			break
		}
		if !in(t) {
			continue
		}
		w := When{AllDay: start.AllDay, Zone: start.Zone}
		if start.AllDay {
			w.Date = t.Format("2006-01-02")
		} else {
			w.Wall = t.In(loc).Format("2006-01-02T15:04:05")
		}
		if !skip[w.Key()] {
			out = append(out, w)
		}
	}
	return out, nil
}
