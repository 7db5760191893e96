// Package dates holds the one rule for the calendar days Postdeck accepts:
// a real day written YYYY-MM-DD, from Min to Max. Each package keeps its own
// error codes; the rule and its bounds are the same everywhere, so a day one
// screen accepts is never refused by another.
package dates

import (
	"regexp"
	"time"
)

// The days anything may fall on (posts, series ends, campaigns, tasks,
// meetings, absences, plans). Calendar files, zone rules and every reader
// we tested agree far past these years, and a date such as 9999-12-31 is a
// typing slip, not a plan.
const (
	Min = "1900-01-01"
	Max = "2199-12-31"
)

var dayRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Valid reports whether s is a real calendar day written YYYY-MM-DD
// (2027-02-30 and 2027-2-3 are not). It does not check the bounds.
func Valid(s string) bool {
	if !dayRe.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// InRange reports whether a day Valid accepts lies from Min to Max; the
// fixed-width form makes string order the calendar order.
func InRange(day string) bool { return day >= Min && day <= Max }

// Plannable reports whether s is a real day from Min to Max, for fields
// whose error does not tell a malformed day from one out of range.
func Plannable(s string) bool { return Valid(s) && InRange(s) }
