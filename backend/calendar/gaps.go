package calendar

import (
	"context"
	"math"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
	"postdeck/backend/workspace"
)

// GapDays is how far ahead the gaps indicator looks: two weeks, so the
// calendar keeper has time to fill a gap before it shows on the feed.
const GapDays = 14

// Gap is a channel with fewer posts planned in the coming days than its
// cadence asks for.
type Gap struct {
	ChannelID string  `json:"channelId"`
	Cadence   float64 `json:"cadence"`
	// Expected is how many posts the cadence asks for in the window.
	Expected int `json:"expected"`
	// Planned counts the dated posts in the window (archived ones aside).
	Planned int `json:"planned"`
	// EmptyDays lists the days of the window with nothing on the channel.
	EmptyDays []string `json:"emptyDays"`
}

// GapReport is what the gaps indicator shows.
type GapReport struct {
	From string `json:"from"`
	To   string `json:"to"`
	Gaps []Gap  `json:"gaps"`
}

// Gaps compares, for every channel with a cadence, the posts planned from
// the day from (YYYY-MM-DD, ” for today in the workspace zone) for GapDays
// days against the cadence (posts per week). Series count by occurrence.
func (s *Service) Gaps(ctx context.Context, from string) (GapReport, error) {
	db := s.st.DB().WithContext(ctx)
	if from == "" {
		from = s.now().In(workspace.ZoneIn(db)).Format("2006-01-02")
	}
	if !dates.Valid(from) {
		return GapReport{}, apperr.Invalid("post.date_invalid", "from", "dates look like 2026-12-31").With("date", from)
	}
	start, _ := time.Parse("2006-01-02", from)
	to := start.AddDate(0, 0, GapDays-1).Format("2006-01-02")
	channels, err := listChannels(db)
	if err != nil {
		return GapReport{}, apperr.Internal(err)
	}
	posts, err := s.Posts(ctx, Filter{From: from, To: to})
	if err != nil {
		return GapReport{}, err
	}
	byChannel := map[string]map[string]int{}
	for _, p := range posts {
		if p.Status == Archived {
			continue
		}
		for _, ch := range p.Channels {
			if byChannel[ch] == nil {
				byChannel[ch] = map[string]int{}
			}
			byChannel[ch][p.Date]++
		}
	}
	report := GapReport{From: from, To: to, Gaps: []Gap{}}
	for _, c := range channels {
		if c.Cadence <= 0 {
			continue
		}
		expected := int(math.Ceil(c.Cadence * GapDays / 7))
		planned := 0
		empty := []string{}
		for i := range GapDays {
			day := start.AddDate(0, 0, i).Format("2006-01-02")
			planned += byChannel[c.ID][day]
			if byChannel[c.ID][day] == 0 {
				empty = append(empty, day)
			}
		}
		if planned < expected {
			report.Gaps = append(report.Gaps, Gap{ChannelID: c.ID, Cadence: c.Cadence, Expected: expected, Planned: planned, EmptyDays: empty})
		}
	}
	return report, nil
}
