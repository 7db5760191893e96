// Package conv converts stored column values into what services return.
package conv

import (
	"encoding/json"
	"time"
)

// Strings reads a JSON array of strings stored in a TEXT column; anything
// else reads as an empty list, never nil, so JSON output shows [].
func Strings(s string) []string {
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil || out == nil {
		return []string{}
	}
	return out
}

// ISOTime renders Unix milliseconds as RFC 3339 in UTC ("" for 0).
func ISOTime(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339)
}
