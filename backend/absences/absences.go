// Package absences holds the team's absences (vacation, sickness, other
// leave) and the hand-over of an absent member's work to their backup: open
// tasks, posts they own that are not published, and posts waiting for their
// approval. Every hand-over is recorded on the item and in a synced
// hand-over record whose id is derived from the absence and the item, so two
// devices handing over the same absence at once agree instead of fighting.
package absences

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/events"
	"postdeck/backend/internal/conv"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
	"postdeck/backend/store"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: "absences", Fields: map[string]replica.Kind{
		"member_id": replica.Text, "kind": replica.Text, "starts_on": replica.Text, "ends_on": replica.Text, "note": replica.Text,
	}},
	{Table: "handovers", Fields: map[string]replica.Kind{
		"absence_id": replica.Text, "item_kind": replica.Text, "item_id": replica.Text, "from_id": replica.Text,
		"to_id": replica.Text, "by_id": replica.Text, "reason": replica.Text, "at": replica.Int,
	}},
}

// Kinds of absence.
const (
	Vacation = "vacation"
	Sick     = "sick"
	Other    = "other"
)

// Kinds lists the kinds of absence in display order.
var Kinds = []string{Vacation, Sick, Other}

const maxNoteRunes = 500

// Absence is a member away from a day to a day (inclusive, in the workspace
// time zone). JSON names are a public interface (docs/CLI.md).
type Absence struct {
	ID        string `json:"id"`
	MemberID  string `json:"memberId"`
	Kind      string `json:"kind"`
	From      string `json:"from"`
	To        string `json:"to"`
	Note      string `json:"note"`
	CreatedAt string `json:"createdAt"`
}

// Input is what the user enters for an absence.
type Input struct {
	MemberID string `json:"memberId"`
	Kind     string `json:"kind"`
	From     string `json:"from"`
	To       string `json:"to"`
	Note     string `json:"note"`
}

// Filter narrows List; empty fields do not filter.
type Filter struct {
	MemberID string `json:"memberId"`
	// From and To (YYYY-MM-DD) keep the absences that overlap those days.
	From string `json:"from"`
	To   string `json:"to"`
}

// Service reads and changes absences and hands work over.
type Service struct {
	st   *store.Store
	rep  *replica.Replica
	team *team.Service
	now  func() time.Time
	emit events.Emitter
}

// NewService returns the absences service.
func NewService(st *store.Store, rep *replica.Replica, tm *team.Service) *Service {
	return &Service{st: st, rep: rep, team: tm, now: time.Now}
}

// SetClock replaces the wall clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

type absenceRow struct {
	ID, MemberID, Kind, StartsOn, EndsOn, Note string
	CreatedAt                                  int64
}

func (r absenceRow) toAbsence() Absence {
	return Absence{ID: r.ID, MemberID: r.MemberID, Kind: r.Kind, From: r.StartsOn, To: r.EndsOn, Note: r.Note,
		CreatedAt: conv.ISOTime(r.CreatedAt)}
}

// List returns the live absences, earliest first.
func (s *Service) List(ctx context.Context, f Filter) ([]Absence, error) {
	for _, d := range []string{f.From, f.To} {
		if d != "" && !ValidDate(d) {
			return nil, apperr.Invalid("absence.date_invalid", "from", "dates look like 2026-12-31").With("date", d)
		}
	}
	out, err := listAbsences(s.st.DB().WithContext(ctx), f)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return out, nil
}

// ListDB lists absences through db (another package's transaction or read).
func ListDB(db *gorm.DB, f Filter) ([]Absence, error) { return listAbsences(db, f) }

func listAbsences(db *gorm.DB, f Filter) ([]Absence, error) {
	q := "SELECT id, member_id, kind, starts_on, ends_on, note, created_at FROM absences WHERE deleted_at IS NULL"
	var args []any
	if f.MemberID != "" {
		q += " AND member_id = ?"
		args = append(args, f.MemberID)
	}
	if f.From != "" {
		q += " AND ends_on >= ?"
		args = append(args, f.From)
	}
	if f.To != "" {
		q += " AND starts_on <= ?"
		args = append(args, f.To)
	}
	var rows []absenceRow
	if err := db.Raw(q+" ORDER BY starts_on, ends_on, id", args...).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Absence, len(rows))
	for i, r := range rows {
		out[i] = r.toAbsence()
	}
	return out, nil
}

// Get returns one live absence.
func (s *Service) Get(ctx context.Context, id string) (Absence, error) {
	return getAbsence(s.st.DB().WithContext(ctx), id)
}

func getAbsence(db *gorm.DB, id string) (Absence, error) {
	var rows []absenceRow
	if err := db.Raw("SELECT id, member_id, kind, starts_on, ends_on, note, created_at FROM absences WHERE id = ? AND deleted_at IS NULL", id).
		Scan(&rows).Error; err != nil {
		return Absence{}, apperr.Internal(err)
	}
	if len(rows) == 0 {
		return Absence{}, apperr.New("absence.not_found", "no such absence").With("id", id)
	}
	return rows[0].toAbsence(), nil
}

// Add validates and records an absence. Nothing is written when any field
// is wrong.
func (s *Service) Add(ctx context.Context, actor string, in Input) (Absence, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		values, err := validate(w.DB(), in)
		if err != nil {
			return err
		}
		id, err = w.Insert("absences", values)
		return err
	})
	if err != nil {
		return Absence{}, err
	}
	return s.Get(ctx, id)
}

// Update changes an absence's fields (all of them, as entered).
func (s *Service) Update(ctx context.Context, actor, id string, in Input) (Absence, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getAbsence(w.DB(), id); err != nil {
			return err
		}
		values, err := validate(w.DB(), in)
		if err != nil {
			return err
		}
		return w.Update("absences", id, values)
	})
	if err != nil {
		return Absence{}, err
	}
	return s.Get(ctx, id)
}

// Delete removes an absence (a tombstone). Hand-overs already made stay, with
// their records: the work stays with the backup until someone moves it back.
func (s *Service) Delete(ctx context.Context, actor, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getAbsence(w.DB(), id); err != nil {
			return err
		}
		return w.Delete("absences", id)
	})
}

func validate(db *gorm.DB, in Input) (map[string]any, error) {
	in.MemberID = strings.TrimSpace(in.MemberID)
	in.Kind = strings.TrimSpace(in.Kind)
	in.Note = strings.TrimSpace(in.Note)
	if in.Kind == "" {
		in.Kind = Vacation
	}
	if in.MemberID == "" {
		return nil, apperr.Invalid("absence.member_required", "memberId", "choose who is away")
	}
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM members WHERE id = ? AND deleted_at IS NULL", in.MemberID).Scan(&n).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	if n == 0 {
		return nil, apperr.Invalid("absence.member_unknown", "memberId", "this member is not on the team").With("id", in.MemberID)
	}
	if !contains(Kinds, in.Kind) {
		return nil, apperr.Invalid("absence.kind_unknown", "kind", "the kind is vacation, sick or other").With("kind", in.Kind)
	}
	if !ValidDate(in.From) {
		return nil, apperr.Invalid("absence.date_invalid", "from", "dates look like 2026-12-31").With("date", in.From)
	}
	if !ValidDate(in.To) {
		return nil, apperr.Invalid("absence.date_invalid", "to", "dates look like 2026-12-31").With("date", in.To)
	}
	if in.To < in.From {
		return nil, apperr.Invalid("absence.ends_before_start", "to", "the absence ends before it starts").
			With("from", in.From).With("to", in.To)
	}
	if len([]rune(in.Note)) > maxNoteRunes {
		return nil, apperr.Invalid("absence.note_too_long", "note", "the note is too long").With("max", maxNoteRunes)
	}
	return map[string]any{"member_id": in.MemberID, "kind": in.Kind, "starts_on": in.From, "ends_on": in.To, "note": in.Note}, nil
}

// ValidDate reports whether s is a real calendar day written YYYY-MM-DD
// (2027-02-30 is not) within the days Postdeck plans for (package dates),
// so an absence can cover any day a post or task can fall on, and no other.
func ValidDate(s string) bool { return dates.Plannable(s) }

// Overlaps reports whether the absence covers any day from..to (inclusive).
func (a Absence) Overlaps(from, to string) bool { return a.From <= to && a.To >= from }

// Covers reports whether the absence covers day.
func (a Absence) Covers(day string) bool { return a.From <= day && day <= a.To }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Today is the current day in the workspace zone.
func (s *Service) Today(db *gorm.DB) string {
	return s.now().In(workspace.ZoneIn(db)).Format("2006-01-02")
}
