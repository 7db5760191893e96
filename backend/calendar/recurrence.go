package calendar

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	// Zone data inside the binary: recurrences must land on the same wall
	// clock time on machines without a zone database (Windows).
	_ "time/tzdata"

	"github.com/teambition/rrule-go"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
)

// Repeat is how a recurring post repeats, in the words the editor uses. It
// is stored as an RFC 5545 RRULE (posts.rrule) whose start is the post's own
// date and time in the workspace zone, so calendar files carry it as is.
type Repeat struct {
	// Freq is daily, weekly or monthly.
	Freq string `json:"freq"`
	// Interval repeats every N days, weeks or months (1 when 0).
	Interval int `json:"interval"`
	// Weekdays are the days of a weekly series, MO..SU; empty means the
	// weekday of the first post.
	Weekdays []string `json:"weekdays"`
	// MonthlyBy says how a monthly series picks its day: "day" (the same day
	// of the month as the first post), "weekday" (the same nth weekday, such
	// as the 2nd Tuesday) or "lastWeekday" (the last such weekday).
	MonthlyBy string `json:"monthlyBy"`
	// Count stops the series after this many posts (0: no count).
	Count int `json:"count"`
	// Until stops the series after this day, YYYY-MM-DD ('' = no end date).
	Until string `json:"until"`
}

// Limits on a series, so one rule cannot fill the calendar with millions of
// posts or loop for ever.
const (
	maxInterval    = 99
	maxCount       = 1000
	maxExpandDays  = 3 * 366
	maxOccurrences = 5000
)

var weekdayCodes = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

var rruleWeekdays = map[string]rrule.Weekday{
	"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH, "FR": rrule.FR, "SA": rrule.SA, "SU": rrule.SU,
}

// weekdayCode is the RRULE code of a Go weekday.
func weekdayCode(d time.Weekday) string { return weekdayCodes[(int(d)+6)%7] }

// ruleFor turns a Repeat into the RRULE of a series starting on date (and
// time, ” for all day) in loc. It checks every field.
func ruleFor(r Repeat, date, clock string, loc *time.Location) (string, error) {
	if date == "" {
		return "", apperr.Invalid("post.repeat_needs_date", "repeat", "a repeating post needs a date")
	}
	start, _ := time.ParseInLocation("2006-01-02", date, loc)
	interval := r.Interval
	if interval == 0 {
		interval = 1
	}
	if interval < 1 || interval > maxInterval {
		return "", apperr.Invalid("post.repeat_interval", "repeat", "repeat every 1 to 99").With("max", maxInterval)
	}
	if r.Count < 0 || r.Count > maxCount {
		return "", apperr.Invalid("post.repeat_count", "repeat", "a series has 1 to 1000 posts").With("max", maxCount)
	}
	if r.Count > 0 && r.Until != "" {
		return "", apperr.Invalid("post.repeat_end_both", "repeat", "end a series after a number of posts or on a date, not both")
	}
	parts := []string{}
	switch r.Freq {
	case "daily":
		parts = append(parts, "FREQ=DAILY")
	case "weekly":
		parts = append(parts, "FREQ=WEEKLY")
		days := []string{}
		for _, code := range weekdayCodes { // week order, whatever order they came in
			if slices.Contains(r.Weekdays, code) {
				days = append(days, code)
			}
		}
		for _, d := range r.Weekdays {
			if !slices.Contains(weekdayCodes, d) {
				return "", apperr.Invalid("post.repeat_weekday", "repeat", "weekdays are MO, TU, WE, TH, FR, SA, SU").With("day", d)
			}
		}
		if len(days) == 0 {
			days = []string{weekdayCode(start.Weekday())}
		}
		parts = append(parts, "BYDAY="+strings.Join(days, ","))
	case "monthly":
		parts = append(parts, "FREQ=MONTHLY")
		switch r.MonthlyBy {
		case "", "day":
			parts = append(parts, "BYMONTHDAY="+strconv.Itoa(start.Day()))
		case "weekday":
			parts = append(parts, fmt.Sprintf("BYDAY=%d%s", (start.Day()-1)/7+1, weekdayCode(start.Weekday())))
		case "lastWeekday":
			parts = append(parts, "BYDAY=-1"+weekdayCode(start.Weekday()))
		default:
			return "", apperr.Invalid("post.repeat_monthly_by", "repeat", "a monthly series repeats on a day of the month or a weekday").
				With("value", r.MonthlyBy)
		}
	default:
		return "", apperr.Invalid("post.repeat_freq", "repeat", "a series repeats daily, weekly or monthly").With("value", r.Freq)
	}
	if interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(interval))
	}
	if r.Count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	}
	if r.Until != "" {
		if !dates.Valid(r.Until) || r.Until < date {
			return "", apperr.Invalid("post.repeat_until", "repeat", "the end date is a day on or after the first post").With("date", r.Until)
		}
		if !inRange(r.Until) {
			return "", errOutOfRange("repeat", r.Until)
		}
		// RFC 5545: UNTIL is a DATE for all-day series and a UTC time for
		// timed ones; the last moment of the end day in the workspace zone.
		if clock == "" {
			parts = append(parts, "UNTIL="+strings.ReplaceAll(r.Until, "-", ""))
		} else {
			end, _ := time.ParseInLocation("2006-01-02 15:04:05", r.Until+" 23:59:59", loc)
			parts = append(parts, "UNTIL="+end.UTC().Format("20060102T150405Z"))
		}
	}
	return strings.Join(parts, ";"), nil
}

// repeatOf reads a stored RRULE back into the editor's words. Rules that
// came from elsewhere and have no such words give nil.
func repeatOf(rule string, loc *time.Location) *Repeat {
	if rule == "" {
		return nil
	}
	r := &Repeat{Interval: 1}
	for _, part := range strings.Split(rule, ";") {
		key, value, _ := strings.Cut(part, "=")
		switch key {
		case "FREQ":
			r.Freq = strings.ToLower(value)
		case "INTERVAL":
			r.Interval, _ = strconv.Atoi(value)
		case "COUNT":
			r.Count, _ = strconv.Atoi(value)
		case "UNTIL":
			if t, err := time.Parse("20060102T150405Z", value); err == nil {
				r.Until = t.In(loc).Format("2006-01-02")
			} else if t, err := time.Parse("20060102", value); err == nil {
				r.Until = t.Format("2006-01-02")
			}
		case "BYMONTHDAY":
			r.MonthlyBy = "day"
		case "BYDAY":
			days := strings.Split(value, ",")
			if r.Freq == "monthly" && len(days) == 1 && len(days[0]) > 2 {
				if strings.HasPrefix(days[0], "-") {
					r.MonthlyBy = "lastWeekday"
				} else {
					r.MonthlyBy = "weekday"
				}
			} else {
				r.Weekdays = days
			}
		}
	}
	return r
}

// startOf is the first occurrence of a series as a time in loc. All-day
// series count in UTC days, where no day is 23 or 25 hours long.
func startOf(date, clock string, loc *time.Location) (time.Time, error) {
	if clock == "" {
		return time.Parse("2006-01-02", date)
	}
	return time.ParseInLocation("2006-01-02 15:04", date+" "+clock, loc)
}

// Occurrences returns the dates (YYYY-MM-DD, in the workspace zone) on which
// a series starting on date at clock (” for all day) with rule falls between
// from and to inclusive, skipping exdates.
func Occurrences(rule, date, clock string, exdates []string, loc *time.Location, from, to string) ([]string, error) {
	times, err := OccurrenceTimes(rule, date, clock, exdates, loc, from, to)
	if err != nil {
		return nil, err
	}
	zone := dayZone(clock, loc)
	days := make([]string, len(times))
	for i, t := range times {
		days[i] = t.In(zone).Format("2006-01-02")
	}
	return days, nil
}

// OccurrenceTimes is Occurrences as instants: timed occurrences in loc,
// keeping their wall clock time across daylight-saving changes (a post at
// 09:00 stays at 09:00), all-day ones as midnight UTC of their day.
func OccurrenceTimes(rule, date, clock string, exdates []string, loc *time.Location, from, to string) ([]time.Time, error) {
	set, err := seriesOf(rule, date, clock, loc)
	if err != nil {
		return nil, err
	}
	if !dates.Valid(from) || !dates.Valid(to) || to < from {
		return nil, apperr.Invalid("post.date_invalid", "from", "dates look like 2026-12-31")
	}
	lo, _ := time.Parse("2006-01-02", from)
	if hi, _ := time.Parse("2006-01-02", to); hi.Sub(lo) > maxExpandDays*24*time.Hour {
		to = lo.AddDate(0, 0, maxExpandDays).Format("2006-01-02")
	}
	zone := dayZone(clock, loc)
	var out []time.Time
	iter := set.Iterator()
	for len(out) < maxOccurrences {
		t, ok := iter()
		if !ok {
			break
		}
		day := t.In(zone).Format("2006-01-02")
		if day > to {
			break
		}
		if day >= from && !slices.Contains(exdates, day) {
			out = append(out, t.In(zone))
		}
	}
	return out, nil
}

// seriesOf reads a series' rule with its first occurrence as DTSTART.
func seriesOf(rule, date, clock string, loc *time.Location) (*rrule.RRule, error) {
	opt, err := rrule.StrToROption(rule)
	if err != nil {
		return nil, apperr.Invalid("post.repeat_invalid", "rrule", "this repeat rule cannot be read").With("rule", rule).Wrap(err)
	}
	start, err := startOf(date, clock, loc)
	if err != nil {
		return nil, apperr.Invalid("post.date_invalid", "date", "dates look like 2026-12-31").With("date", date)
	}
	opt.Dtstart = start
	set, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, apperr.Invalid("post.repeat_invalid", "rrule", "this repeat rule cannot be read").With("rule", rule).Wrap(err)
	}
	return set, nil
}

// dayZone is the zone a series' days are counted in: loc for timed series,
// UTC for all-day ones (see startOf).
func dayZone(clock string, loc *time.Location) *time.Location {
	if clock == "" {
		return time.UTC
	}
	return loc
}

// NextOccurrence is the first day (YYYY-MM-DD) of a series on or after
// from that is not in exdates, "" when the series ends before that or only
// after dates.Max. It walks the rule up to that day instead of expanding a
// window, so a yearly series, or one whose next day is decades away, is
// found all the same.
func NextOccurrence(rule, date, clock string, exdates []string, loc *time.Location, from string) (string, error) {
	set, err := seriesOf(rule, date, clock, loc)
	if err != nil {
		return "", err
	}
	zone := dayZone(clock, loc)
	next := set.Iterator()
	for {
		t, ok := next()
		if !ok {
			return "", nil
		}
		day := t.In(zone).Format("2006-01-02")
		if day > dates.Max {
			return "", nil
		}
		if day >= from && !slices.Contains(exdates, day) {
			return day, nil
		}
	}
}

// PrevOccurrence is the last day (YYYY-MM-DD) of a series before before
// that is not in exdates, "" when there is none.
func PrevOccurrence(rule, date, clock string, exdates []string, loc *time.Location, before string) (string, error) {
	set, err := seriesOf(rule, date, clock, loc)
	if err != nil {
		return "", err
	}
	zone := dayZone(clock, loc)
	prev := ""
	next := set.Iterator()
	for {
		t, ok := next()
		if !ok {
			return prev, nil
		}
		day := t.In(zone).Format("2006-01-02")
		if day >= before {
			return prev, nil
		}
		if !slices.Contains(exdates, day) {
			prev = day
		}
	}
}

// FirstOccurrence is the day (YYYY-MM-DD) of a series' first post: date
// itself when the rule produces it, else the first day the rule produces
// after it (a weekly series on Thursdays whose date is a Monday starts on
// that Thursday). A series stored and exported this way starts on a day
// its rule produces, which RFC 5545 needs for every reader to agree.
func FirstOccurrence(rule, date, clock string, loc *time.Location) string {
	r, err := seriesOf(rule, date, clock, loc)
	if err != nil {
		return date
	}
	t, ok := r.Iterator()()
	if !ok {
		return date
	}
	return t.In(dayZone(clock, loc)).Format("2006-01-02")
}

// isOccurrence says whether day is an occurrence of the series (skipped
// days included: they are still the series' days).
func isOccurrence(rule, date, clock string, loc *time.Location, day string) bool {
	days, err := Occurrences(rule, date, clock, nil, loc, day, day)
	return err == nil && len(days) == 1
}
