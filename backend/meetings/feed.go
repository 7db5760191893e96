package meetings

import (
	"context"
	"slices"
	"strings"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/feeds"
	"postdeck/backend/ics"
	"postdeck/backend/internal/dates"
)

// MeetingUID is the UID of a meeting's (or a series') event in calendar files.
func MeetingUID(id string) string { return "meeting-" + id + "@postdeck" }

// FeedSource puts the meetings a member attends into that member's feed.
type FeedSource struct{ s *Service }

// FeedSource returns the feeds.Source of meetings.
func (s *Service) FeedSource() FeedSource { return FeedSource{s} }

var feedWords = map[string]struct{ agenda, guests string }{
	"en": {"Agenda", "Guests"},
	"id": {"Agenda", "Tamu"},
}

// MemberEvents returns the meetings q.MemberID attends in q's range: timed
// events in the workspace zone, a weekly check-in as one event with its
// repeat rule and skipped weeks, like a repeating post.
func (f FeedSource) MemberEvents(ctx context.Context, q feeds.MemberQuery) ([]ics.Event, error) {
	s := f.s
	rows, err := s.rows(s.st.DB().WithContext(ctx), "")
	if err != nil {
		return nil, err
	}
	loc := q.Zone
	if loc == nil {
		loc = s.cal.Zone(ctx)
	}
	from, to := q.From, q.To
	if from == "" {
		from = dates.Min
	}
	if to == "" {
		to = dates.Max
	}
	words, ok := feedWords[q.Language]
	if !ok {
		words = feedWords["en"]
	}
	var out []ics.Event
	for _, r := range rows {
		if !slices.Contains(list(r.Attendees), q.MemberID) {
			continue
		}
		if r.RRule == "" {
			if r.Date < from || r.Date > to {
				continue
			}
		} else if d, err := nextDay(r, loc, max(from, r.Date), true); apperr.Code(err) == "meeting.rule_unreadable" {
			continue // as on the calendar: a freelancer's feed never carries a rule nobody can read
		} else if err != nil {
			return nil, err
		} else if d == "" || d > to {
			// A weekly series is in when one of its weeks is.
			continue
		}
		m := r.meeting(loc)
		start := ics.Moment{Date: r.Date, Time: r.Time}
		ev := ics.Event{UID: MeetingUID(r.ID), Summary: r.Title, Start: start,
			End: start.Add(time.Duration(r.Duration) * time.Minute), RRule: r.RRule, Busy: true}
		for _, d := range m.SkippedDays {
			ev.ExDates = append(ev.ExDates, ics.Moment{Date: d, Time: r.Time})
		}
		if !q.Private {
			var parts []string
			if a := strings.TrimSpace(r.Agenda); a != "" {
				parts = append(parts, words.agenda+":\n"+a)
			}
			if len(m.Guests) > 0 {
				names := make([]string, len(m.Guests))
				for i, g := range m.Guests {
					names[i] = strings.TrimSpace(g.Name + " " + paren(g.Role))
				}
				parts = append(parts, words.guests+": "+strings.Join(names, "; "))
			}
			ev.Description = strings.Join(parts, "\n\n")
		}
		feeds.Stamp(&ev, r.UpdatedAt)
		out = append(out, ev)
	}
	return out, nil
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
