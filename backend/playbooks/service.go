package playbooks

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/replica"
	"postdeck/backend/store"
	"postdeck/backend/team"
	"postdeck/backend/templates"
)

// Template kinds this package keeps in the templates table.
const (
	kindOfPlan     = templates.KindPlan
	kindOfPlaybook = templates.KindPlaybook
)

// TaskSpec is a task a plan step or a playbook run creates.
type TaskSpec struct {
	Title         string
	Description   string
	AssigneeID    string
	Due           string
	DueTime       string
	EstimateHours float64
	Checklist     []string
	CampaignID    string
	PostIDs       []string
	// Source says where the task came from (tasks.SourcePlan, tasks.SourcePlaybook).
	Source string
}

// Tasks creates tasks inside a write of the caller's, so a plan's campaign,
// posts and tasks are written all or nothing.
type Tasks interface {
	AddTaskWith(w *replica.Writer, actor string, t TaskSpec) (string, error)
}

// Absences says whether a member is away (sick, on holiday) on a day.
type Absences interface {
	Absent(db *gorm.DB, memberID, day string) (bool, error)
}

// Service keeps plans and playbooks, applies plans and runs playbooks.
type Service struct {
	st       *store.Store
	rep      *replica.Replica
	team     *team.Service
	cal      *calendar.Service
	tasks    Tasks
	absences Absences
	now      func() time.Time
}

// NewService returns the service. tasks creates the tasks of plans and
// playbook runs; absences may be nil (then nobody counts as away).
func NewService(st *store.Store, rep *replica.Replica, tm *team.Service, cal *calendar.Service, tasks Tasks, absences Absences) *Service {
	return &Service{st: st, rep: rep, team: tm, cal: cal, tasks: tasks, absences: absences, now: time.Now}
}

// SetClock replaces the clock (tests pin "today").
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// builtinID is the id of a built-in row, derived from its key as every
// built-in template's is: the same on every device, so two devices seeding
// the defaults at once write one row, not two. (One copy per workspace, in
// the language of the device that seeds it first.)
func builtinID(kind, key string) string { return templates.BuiltInID(builtinKey(kind, key)) }

// builtinKey is the templates table's built_in value: "playbook.crisis_management".
func builtinKey(kind, key string) string { return kind + "." + key }

type templateRow struct {
	ID, Kind, Name, Lang, Body, Data, BuiltIn string
	CreatedAt                                 int64
}

func loadRows(db *gorm.DB, kind, id string) ([]templateRow, error) {
	q := "SELECT id, kind, name, lang, body, data, built_in, created_at FROM templates WHERE deleted_at IS NULL AND kind = ?"
	args := []any{kind}
	if id != "" {
		q += " AND id = ?"
		args = append(args, id)
	}
	var rows []templateRow
	if err := db.Raw(q+" ORDER BY name COLLATE NOCASE, id", args...).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	return rows, nil
}

// rowExists says whether a row id was ever written (live or deleted): a
// built-in the team deleted stays deleted.
func rowExists(db *gorm.DB, id string) (bool, error) {
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM templates WHERE id = ?", id).Scan(&n).Error; err != nil {
		return false, err
	}
	return n > 0, nil
}

// SeedBuiltIns writes the built-in plan and playbooks in lang (en or id)
// unless they were written before, on this device or another. Edited or
// deleted built-ins are left as they are.
func (s *Service) SeedBuiltIns(ctx context.Context, lang string) error {
	if lang != "id" {
		lang = "en"
	}
	db := s.st.DB().WithContext(ctx)
	pbs, keys, err := BuiltIn(lang)
	if err != nil {
		return apperr.Internal(err)
	}
	planID := builtinID(kindOfPlan, ProductLaunchKey)
	missing := false
	for _, id := range append([]string{planID}, idsOf(keys)...) {
		ok, err := rowExists(db, id)
		if err != nil {
			return apperr.Internal(err)
		}
		missing = missing || !ok
	}
	if !missing {
		return nil
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if ok, err := rowExists(w.DB(), planID); err != nil || ok {
			if err != nil {
				return err
			}
		} else if err := w.Put("templates", planID, planValues(BuiltInPlan(lang), ProductLaunchKey)); err != nil {
			return err
		}
		for i, pb := range pbs {
			id := builtinID(kindOfPlaybook, keys[i])
			ok, err := rowExists(w.DB(), id)
			if err != nil {
				return err
			}
			if ok {
				continue
			}
			// A built-in has no review day of its own until someone reviews
			// it (its creation day counts), so devices seeding on different
			// days still write identical values.
			if err := w.Put("templates", id, playbookValues(pb, keys[i], "")); err != nil {
				return err
			}
		}
		return nil
	})
}

func idsOf(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = builtinID(kindOfPlaybook, k)
	}
	return out
}

func planValues(in PlanInput, key string) map[string]any {
	data, _ := json.Marshal(struct {
		Steps []PlanStep `json:"steps"`
	}{in.Steps})
	return map[string]any{"kind": kindOfPlan, "name": in.Name, "lang": in.Lang, "body": in.Description,
		"data": json.RawMessage(data), "built_in": builtinOrNone(kindOfPlan, key)}
}

func builtinOrNone(kind, key string) string {
	if key == "" {
		return ""
	}
	return builtinKey(kind, key)
}

// playbookData is the part of a playbook kept in the row's data JSON.
type playbookData struct {
	Checklist  []string `json:"checklist"`
	Roles      []string `json:"roles"`
	OwnerRole  string   `json:"ownerRole"`
	OwnerID    string   `json:"ownerId"`
	ReviewDays int      `json:"reviewDays"`
	ReviewedOn string   `json:"reviewedOn"`
	Guideline  bool     `json:"guideline"`
}

func playbookValues(in PlaybookInput, key, reviewedOn string) map[string]any {
	data, _ := json.Marshal(playbookData{Checklist: in.Checklist, Roles: in.Roles, OwnerRole: in.OwnerRole, OwnerID: in.OwnerID,
		ReviewDays: in.ReviewDays, ReviewedOn: reviewedOn, Guideline: in.Guideline})
	return map[string]any{"kind": kindOfPlaybook, "name": in.Title, "lang": in.Lang, "body": in.Body,
		"data": json.RawMessage(data), "built_in": builtinOrNone(kindOfPlaybook, key)}
}

func (r templateRow) toPlan() Plan {
	var d struct {
		Steps []PlanStep `json:"steps"`
	}
	_ = json.Unmarshal([]byte(r.Data), &d)
	if d.Steps == nil {
		d.Steps = []PlanStep{}
	}
	return Plan{ID: r.ID, Name: r.Name, Lang: r.Lang, Description: r.Body, BuiltInKey: strings.TrimPrefix(r.BuiltIn, kindOfPlan+"."), Steps: d.Steps}
}

func (r templateRow) toPlaybook(loc *time.Location) Playbook {
	var d playbookData
	_ = json.Unmarshal([]byte(r.Data), &d)
	p := Playbook{ID: r.ID, Key: strings.TrimPrefix(r.BuiltIn, kindOfPlaybook+"."), Title: r.Name, Lang: r.Lang, Body: r.Body, Checklist: d.Checklist,
		Roles: d.Roles, OwnerRole: d.OwnerRole, OwnerID: d.OwnerID, ReviewDays: d.ReviewDays, ReviewedOn: d.ReviewedOn,
		Guideline: d.Guideline}
	if p.Checklist == nil {
		p.Checklist = []string{}
	}
	if p.Roles == nil {
		p.Roles = []string{}
	}
	if p.ReviewDays <= 0 {
		p.ReviewDays = defaultReview
	}
	if p.ReviewedOn == "" && r.CreatedAt > 0 {
		p.ReviewedOn = time.UnixMilli(r.CreatedAt).In(loc).Format("2006-01-02")
	}
	p.DueOn = DueOn(p.ReviewedOn, p.ReviewDays)
	return p
}

// today is the workspace's today (YYYY-MM-DD) and the zone it is in.
func (s *Service) today(ctx context.Context) (string, *time.Location) {
	loc := s.cal.Zone(ctx)
	return s.now().In(loc).Format("2006-01-02"), loc
}
