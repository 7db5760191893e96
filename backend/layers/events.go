package layers

import (
	"context"
	"sort"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/ics"
	"postdeck/backend/internal/conv"
)

type eventRow struct {
	ID, LayerID, UID, RecurrenceID, Summary, Description, Location string
	AllDay                                                         bool
	Start, End, Zone, Rrule, Exdates                               string
	Color                                                          string
}

// Events returns the occurrences of the shown layers' events from from to
// to (YYYY-MM-DD, inclusive, in the workspace zone), repeats expanded,
// skipped days left out and edited occurrences in place of the originals.
// Times are turned into the workspace zone, where the calendar shows posts.
func (s *Service) Events(ctx context.Context, from, to string) ([]Occurrence, error) {
	loc := s.cal.Zone(ctx)
	lo, err1 := time.ParseInLocation("2006-01-02", from, loc)
	hi, err2 := time.ParseInLocation("2006-01-02", to, loc)
	if err1 != nil || err2 != nil || hi.Before(lo) {
		return nil, apperr.Invalid("layer.range_invalid", "from", "dates look like 2026-12-31")
	}
	if hi.Sub(lo) > 400*24*time.Hour {
		hi = lo.AddDate(0, 0, 400)
	}
	hi = hi.AddDate(0, 0, 1)
	hidden, err := s.hidden()
	if err != nil {
		return nil, err
	}
	var rows []eventRow
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT e.id, e.layer_id, e.uid, e.recurrence_id, e.summary, e.description,
		e.location, e.all_day, e.start, e.end, e.zone, e.rrule, e.exdates, l.color
		FROM layer_events e JOIN calendar_layers l ON l.id = e.layer_id
		WHERE e.deleted_at IS NULL AND l.deleted_at IS NULL`).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	// Occurrences replaced by an edited copy, per series.
	replaced := map[string]map[string]bool{}
	for _, r := range rows {
		if r.RecurrenceID != "" {
			k := r.LayerID + "\x00" + r.UID
			if replaced[k] == nil {
				replaced[k] = map[string]bool{}
			}
			replaced[k][r.RecurrenceID] = true
		}
	}
	out := []Occurrence{}
	// All-day events are days, not instants: compare them in UTC days.
	dayLo := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
	dayHi := time.Date(hi.Year(), hi.Month(), hi.Day(), 0, 0, 0, 0, time.UTC)
	for _, r := range rows {
		if contains(hidden, r.LayerID) || len(out) >= maxShown {
			continue
		}
		start := when(r.AllDay, r.Start, r.Zone)
		end := when(r.AllDay, r.End, r.Zone)
		length := time.Duration(0)
		if r.End != "" {
			if s, e := mustTime(start), mustTime(end); e.After(s) {
				length = e.Sub(s)
			}
		} else if r.AllDay {
			length = 24 * time.Hour
		}
		skip := map[string]bool{}
		for _, k := range conv.Strings(r.Exdates) {
			skip[k] = true
		}
		rule := r.Rrule
		if r.RecurrenceID != "" {
			rule = "" // an edited occurrence stands alone
		} else {
			for k := range replaced[r.LayerID+"\x00"+r.UID] {
				skip[k] = true
			}
		}
		a, b := lo, hi
		if r.AllDay {
			a, b = dayLo, dayHi
		}
		occ, err := ics.Occurrences(start, rule, skip, length, a, b, maxShown-len(out))
		if err != nil {
			continue // a rule this version cannot expand hides its event, not the calendar
		}
		for _, o := range occ {
			out = append(out, occurrence(r, o, length, loc))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func when(allDay bool, v, zone string) ics.When {
	if allDay {
		return ics.When{AllDay: true, Date: v}
	}
	return ics.When{Wall: v, Zone: zone}
}

func mustTime(w ics.When) time.Time {
	t, _ := w.Time()
	return t
}

// occurrence places one occurrence on the calendar.
func occurrence(r eventRow, o ics.When, length time.Duration, loc *time.Location) Occurrence {
	oc := Occurrence{ID: r.ID + "@" + o.Key(), LayerID: r.LayerID, Title: r.Summary, Description: r.Description,
		Location: r.Location, AllDay: r.AllDay, Color: r.Color}
	t := mustTime(o)
	if r.AllDay {
		days := max(int((length+12*time.Hour)/(24*time.Hour)), 1)
		oc.Start = o.Date
		oc.End = t.AddDate(0, 0, days).Format("2006-01-02")
		return oc
	}
	oc.Start = t.In(loc).Format("2006-01-02T15:04:05")
	oc.End = t.Add(length).In(loc).Format("2006-01-02T15:04:05")
	return oc
}
