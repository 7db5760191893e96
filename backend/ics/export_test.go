package ics

import (
	"bytes"
	"time"

	"github.com/emersion/go-ical"
)

// VTimezoneText encodes the VTIMEZONE of loc alone, for tests.
func VTimezoneText(loc *time.Location, from, to int) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, ProductID)
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Children = append(cal.Children, VTimezone(loc, from, to))
	var buf bytes.Buffer
	err := ical.NewEncoder(&buf).Encode(cal)
	return buf.Bytes(), err
}
