package csvio

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
)

// Spreadsheets run a cell that starts with one of these as a formula
// (CSV injection). Exported cells that start with one get a leading
// apostrophe, which spreadsheets show as text; imports take it off again.
const formulaStarts = "=+-@\t\r"

// protect returns the cell as a spreadsheet shows it without running it.
func protect(s string) string {
	if risky(s) {
		return "'" + s
	}
	return s
}

// unprotect undoes protect.
func unprotect(s string) string {
	if strings.HasPrefix(s, "'") && risky(s[1:]) {
		return s[1:]
	}
	return s
}

// risky says whether s, after any apostrophes protect may have added,
// starts like a formula. Counting the apostrophes keeps a text that really
// starts with "'=" the same after export and import.
func risky(s string) bool {
	rest := strings.TrimLeft(s, "'")
	return rest != "" && strings.ContainsRune(formulaStarts, rune(rest[0]))
}

var (
	ymdRe = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	dmyRe = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	clock = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([aApP][mM])?$`)
)

// parseDate reads a day as YYYY-MM-DD, or as spreadsheets write it when
// only one reading is possible: 2026/12/31, 31/12/2026 (31 is no month),
// 12/31/2026. 05/06/2026 could be May or June: that is a problem, not a
// guess.
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	var y, m, d int
	if p := ymdRe.FindStringSubmatch(s); p != nil {
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	} else if p := dmyRe.FindStringSubmatch(s); p != nil {
		a, b := atoi(p[1]), atoi(p[2])
		y = atoi(p[3])
		switch {
		case a > 12 && b <= 12:
			d, m = a, b
		case b > 12 && a <= 12:
			m, d = a, b
		case a == b:
			m, d = a, b
		default:
			return "", apperr.Invalid("csv.date_ambiguous", "date", "this date could be read two ways; write it as YYYY-MM-DD").With("date", s)
		}
	} else {
		return "", apperr.Invalid("csv.date_invalid", "date", "dates look like 2026-12-31").With("date", s)
	}
	day := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if !dates.Valid(day) {
		return "", apperr.Invalid("csv.date_invalid", "date", "dates look like 2026-12-31").With("date", s)
	}
	return day, nil
}

// parseTime reads a time as HH:MM, also 9:30, 09.30, 09:30:00 and
// 9:30 PM (spreadsheets' time formats).
func parseTime(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	bad := apperr.Invalid("csv.time_invalid", "time", "times look like 09:30").With("time", s)
	p := clock.FindStringSubmatch(s)
	if p == nil {
		return "", bad
	}
	h, m := atoi(p[1]), atoi(p[2])
	if p[3] != "" && atoi(p[3]) != 0 {
		return "", bad // posts are planned to the minute
	}
	if ampm := strings.ToLower(p[4]); ampm != "" {
		if h < 1 || h > 12 {
			return "", bad
		}
		h %= 12
		if ampm == "pm" {
			h += 12
		}
	}
	if h > 23 || m > 59 {
		return "", bad
	}
	return fmt.Sprintf("%02d:%02d", h, m), nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// splitList splits a list cell (channels, labels, skipped days) at commas.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
