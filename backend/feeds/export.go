package feeds

import (
	"context"
	"slices"
	"strings"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/ics"
	"postdeck/backend/networks"
)

// postLength is how long a timed post's event lasts in a calendar app: long
// enough to be seen in a week view, short enough not to look like a meeting.
const postLength = 30 * time.Minute

// uidDomain ends every UID, so ours never collide with other calendars'.
const uidDomain = "@postdeck"

// PostUID is the UID of a post's (or a series') event.
func PostUID(id string) string { return id + uidDomain }

// CampaignUID is the UID of a campaign's event.
func CampaignUID(id string) string { return "campaign-" + id + uidDomain }

// Export returns the calendar file of a selection. Posts without a date
// (ideas) are left out; a series is one event with its repeat rule and
// skipped days, and an occurrence edited on its own replaces its day.
func (s *Service) Export(ctx context.Context, in Selection) ([]byte, error) {
	sel, err := s.checkSelection(s.st.DB().WithContext(ctx), in)
	if err != nil {
		return nil, err
	}
	cal, err := s.calendarOf(ctx, sel)
	if err != nil {
		return nil, err
	}
	data, err := cal.Encode()
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return data, nil
}

// calendarOf builds the events of a checked selection.
func (s *Service) calendarOf(ctx context.Context, sel Selection) (ics.Calendar, error) {
	loc := s.cal.Zone(ctx)
	posts, err := s.datedPosts(ctx)
	if err != nil {
		return ics.Calendar{}, err
	}
	chans, err := s.cal.Channels(ctx)
	if err != nil {
		return ics.Calendar{}, err
	}
	channels := map[string]calendar.Channel{}
	for _, c := range chans {
		channels[c.ID] = c
	}
	camps, err := s.cal.Campaigns(ctx)
	if err != nil {
		return ics.Calendar{}, err
	}
	campaigns := map[string]calendar.Campaign{}
	for _, c := range camps {
		campaigns[c.ID] = c
	}
	w := words[sel.Language]
	m := matcher{sel: sel, channels: channels, loc: loc}

	// Which series are in, and which of their occurrences edited on their
	// own are out (those days must not show the series' original post).
	in := map[string]bool{}
	series := map[string]*post{}
	for i := range posts {
		p := &posts[i]
		if p.RRule != "" {
			series[p.ID] = p
		}
		if m.match(p) {
			in[p.ID] = true
		}
	}
	skipped := map[string][]string{}
	for i := range posts {
		p := &posts[i]
		if p.SeriesID != "" && p.SeriesID != p.ID && !in[p.ID] && in[p.SeriesID] {
			skipped[p.SeriesID] = append(skipped[p.SeriesID], p.Occurrence)
		}
	}

	out := ics.Calendar{Name: sel.Name, Zone: loc, Events: make([]ics.Event, 0, len(in))}
	for i := range posts {
		p := &posts[i]
		if !in[p.ID] {
			continue
		}
		ev := ics.Event{UID: PostUID(p.ID), Summary: summary(p, channels), Start: ics.Moment{Date: p.Date, Time: p.Time},
			Categories: categoriesOf(p, channels, sel.Private)}
		if p.RRule != "" {
			// A series saved before it was moved to its first post's day
			// still starts on a day its rule produces in the file.
			ev.Start.Date = calendar.FirstOccurrence(p.RRule, p.Date, p.Time, loc)
		}
		stampEvent(&ev, p.UpdatedAt)
		if p.Time == "" {
			ev.End = ev.Start.NextDay()
		} else {
			ev.End = ev.Start.Add(postLength)
		}
		if !sel.Private {
			ev.Description = description(p, channels, campaigns, w)
		}
		if p.RRule != "" {
			ev.RRule = p.RRule
			for _, d := range append(slices.Clone(p.ExDates), skipped[p.ID]...) {
				ev.ExDates = append(ev.ExDates, ics.Moment{Date: d, Time: p.Time})
			}
		}
		if master := series[p.SeriesID]; p.SeriesID != "" && p.SeriesID != p.ID && master != nil && in[master.ID] {
			ev.UID = PostUID(master.ID)
			ev.RecurrenceID = ics.Moment{Date: p.Occurrence, Time: master.Time}
		}
		out.Events = append(out.Events, ev)
	}
	if sel.MemberID != "" {
		q := MemberQuery{MemberID: sel.MemberID, From: sel.From, To: sel.To, Private: sel.Private, Language: sel.Language, Zone: loc}
		for _, src := range s.sources {
			evs, err := src.MemberEvents(ctx, q)
			if err != nil {
				return ics.Calendar{}, err
			}
			out.Events = append(out.Events, evs...)
		}
	}
	if sel.Campaigns {
		stamps, err := s.campaignStamps(ctx)
		if err != nil {
			return ics.Calendar{}, err
		}
		for _, c := range camps {
			if (sel.CampaignID != "" && c.ID != sel.CampaignID) || (sel.From != "" && c.EndsOn < sel.From) || (sel.To != "" && c.StartsOn > sel.To) {
				continue
			}
			ev := ics.Event{UID: CampaignUID(c.ID), Summary: w.kind[c.Kind] + ": " + c.Name,
				Start: ics.Moment{Date: c.StartsOn}, End: ics.Moment{Date: c.EndsOn}.NextDay(), Categories: []string{w.kind[c.Kind]}}
			stampEvent(&ev, stamps[c.ID])
			if !sel.Private {
				ev.Description = strings.TrimSpace(strings.Join(nonEmpty(c.Goal, c.Description), "\n\n"))
			}
			out.Events = append(out.Events, ev)
		}
	}
	return out, nil
}

// Stamp sets an event's SEQUENCE and LAST-MODIFIED (and so its DTSTAMP)
// from the time of its row's last change, for events other packages add to
// a feed (see Source).
func Stamp(ev *ics.Event, updatedMillis int64) { stampEvent(ev, updatedMillis) }

// stampEvent sets SEQUENCE and LAST-MODIFIED from the time of the last
// change. Every change moves it forward and every device derives the same
// value from the same data, so the feed's bytes depend on the data alone.
func stampEvent(ev *ics.Event, updatedMillis int64) {
	if updatedMillis <= 0 {
		return
	}
	t := time.UnixMilli(updatedMillis).UTC().Truncate(time.Second)
	ev.LastModified = t
	// Seconds since 2020: grows with every edit and fits in 32 bits until 2088.
	ev.Sequence = int(max(t.Unix()-1577836800, 0))
}

func (s *Service) campaignStamps(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		ID        string
		UpdatedAt int64
	}
	if err := s.st.DB().WithContext(ctx).Raw("SELECT id, updated_at FROM campaigns WHERE deleted_at IS NULL").Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.ID] = r.UpdatedAt
	}
	return out, nil
}

// matcher decides which posts a selection keeps.
type matcher struct {
	sel      Selection
	channels map[string]calendar.Channel
	loc      *time.Location
}

func (m matcher) match(p *post) bool {
	sel := m.sel
	if p.Date == "" {
		return false
	}
	if len(sel.Statuses) == 0 {
		if p.Status == string(calendar.Archived) {
			return false
		}
	} else if !slices.Contains(sel.Statuses, p.Status) {
		return false
	}
	if (sel.MemberID != "" && p.OwnerID != sel.MemberID) || (sel.CampaignID != "" && p.CampaignID != sel.CampaignID) ||
		(sel.ChannelID != "" && !slices.Contains(p.Channels, sel.ChannelID)) {
		return false
	}
	if sel.Network != "" && !slices.ContainsFunc(p.Channels, func(id string) bool { return m.channels[id].Network == sel.Network }) {
		return false
	}
	if sel.From == "" && sel.To == "" {
		return true
	}
	if p.RRule == "" {
		return (sel.From == "" || p.Date >= sel.From) && (sel.To == "" || p.Date <= sel.To)
	}
	// A series is in when one of its days is.
	from, to := sel.From, sel.To
	if from == "" || from < p.Date {
		from = p.Date
	}
	if to == "" {
		to = "9999-12-31"
	}
	if to < from {
		return false
	}
	days, err := calendar.Occurrences(p.RRule, p.Date, p.Time, p.ExDates, m.loc, from, to)
	return err == nil && len(days) > 0
}

// summary is "[Instagram, X] Title": the networks first, as a freelancer
// scans a month for their own network.
func summary(p *post, channels map[string]calendar.Channel) string {
	names := networkNames(p, channels)
	if len(names) == 0 {
		return p.Title
	}
	return "[" + strings.Join(names, ", ") + "] " + p.Title
}

func networkNames(p *post, channels map[string]calendar.Channel) []string {
	var names []string
	for _, id := range p.Channels {
		c, ok := channels[id]
		if !ok {
			continue
		}
		name := c.Network
		if n, ok := networks.Get(c.Network); ok {
			name = n.Name
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

func categoriesOf(p *post, channels map[string]calendar.Channel, private bool) []string {
	cats := networkNames(p, channels)
	if !private {
		cats = append(cats, p.Labels...)
	}
	return cats
}

// description is the status, the campaign and the text of every channel.
func description(p *post, channels map[string]calendar.Channel, campaigns map[string]calendar.Campaign, w vocabulary) string {
	var b strings.Builder
	b.WriteString(w.status + ": " + w.statuses[p.Status])
	if c, ok := campaigns[p.CampaignID]; ok {
		b.WriteString("\n" + w.kind[c.Kind] + ": " + c.Name)
	}
	if p.Body != "" {
		b.WriteString("\n\n" + p.Body)
	}
	for _, id := range p.Channels {
		text, ok := p.Variants[id]
		if !ok {
			continue
		}
		label := id
		if c, ok := channels[id]; ok {
			label = strings.TrimSpace(networkNames(&post{Channels: []string{id}}, channels)[0] + " " + c.Handle)
		}
		b.WriteString("\n\n" + label + ":\n" + text)
	}
	return b.String()
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			out = append(out, strings.TrimSpace(x))
		}
	}
	return out
}

// vocabulary holds the few words a file adds to the team's own text.
type vocabulary struct {
	status   string
	statuses map[string]string
	kind     map[string]string
}

var words = map[string]vocabulary{
	"en": {status: "Status", kind: map[string]string{"campaign": "Campaign", "promotion": "Promotion"},
		statuses: map[string]string{"idea": "Idea", "draft": "Draft", "in_review": "In review", "changes_requested": "Changes requested",
			"approved": "Approved", "scheduled": "Scheduled", "published": "Published", "archived": "Archived"}},
	"id": {status: "Status", kind: map[string]string{"campaign": "Kampanye", "promotion": "Promosi"},
		statuses: map[string]string{"idea": "Ide", "draft": "Draf", "in_review": "Ditinjau", "changes_requested": "Perlu perubahan",
			"approved": "Disetujui", "scheduled": "Dijadwalkan", "published": "Terbit", "archived": "Diarsipkan"}},
}
