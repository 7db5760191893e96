package api

import "postdeck/backend/meetings"

// Meetings is the facade of weekly check-ins and stakeholder meetings.
type Meetings struct{ ws *coreWorkspace }

// List returns every meeting and series with its next day.
func (m *Meetings) List() ([]meetings.Meeting, error) { return m.ws.Meetings.Meetings(ctx()) }

// Occurrences returns the meetings from from to to (YYYY-MM-DD), series
// expanded into their days, for the calendar.
func (m *Meetings) Occurrences(from, to string) ([]meetings.Occurrence, error) {
	return m.ws.Meetings.Occurrences(ctx(), from, to)
}

// Add creates a meeting or a weekly series.
func (m *Meetings) Add(in meetings.Input) (meetings.Meeting, error) {
	return m.ws.Meetings.Add(ctx(), in)
}

// Update changes a meeting or a whole series.
func (m *Meetings) Update(id string, in meetings.Input) (meetings.Meeting, error) {
	return m.ws.Meetings.Update(ctx(), id, in)
}

// Delete removes a meeting or a whole series.
func (m *Meetings) Delete(id string) error { return m.ws.Meetings.Delete(ctx(), id) }

// SkipDay leaves one week out of a series.
func (m *Meetings) SkipDay(id, day string) error { return m.ws.Meetings.SkipDay(ctx(), id, day) }

// Day returns one meeting day ("" = the next one) with its check-ins,
// action items and the previous meeting's action items.
func (m *Meetings) Day(id, day string) (meetings.Detail, error) {
	return m.ws.Meetings.Day(ctx(), id, day)
}

// UpdateDay changes the agenda or notes of one meeting day.
func (m *Meetings) UpdateDay(id, day string, in meetings.DayInput) (meetings.Detail, error) {
	return m.ws.Meetings.UpdateDay(ctx(), id, day, in)
}

// SaveCheckIn writes one member's check-in of one meeting day.
func (m *Meetings) SaveCheckIn(id, day, memberID string, in meetings.CheckInInput) (meetings.CheckIn, error) {
	return m.ws.Meetings.SaveCheckIn(ctx(), id, day, memberID, in)
}

// AddAction adds an action item (a task) to a meeting day.
func (m *Meetings) AddAction(id, day string, in meetings.ActionInput) (meetings.Action, error) {
	me, err := m.ws.Workspace.Me(ctx())
	if err != nil {
		return meetings.Action{}, err
	}
	return m.ws.Meetings.AddAction(ctx(), me, id, day, in)
}

// Markdown returns a meeting day's notes as Markdown in lang (en or id).
func (m *Meetings) Markdown(id, day, lang string) (string, error) {
	return m.ws.Meetings.Markdown(ctx(), id, day, lang)
}

// SaveMarkdown writes a meeting day's notes as Markdown to path.
func (m *Meetings) SaveMarkdown(id, day, lang, path string) error {
	return m.ws.Meetings.WriteMarkdown(ctx(), id, day, lang, path)
}
