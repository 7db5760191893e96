// Package templates keeps the reusable texts of a workspace: post templates
// with placeholders, snippets and hashtag groups, campaign plans, process
// playbooks and meeting agendas (one synced table, told apart by kind), and
// the library of approved content. Built-in defaults in English and Bahasa
// Indonesia are seeded once per workspace with ids derived from their key.
package templates

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/internal/conv"
	"postdeck/backend/replica"
	"postdeck/backend/store"
)

// Table is the synced table of templates.
const Table = "templates"

// Kind tells what a template is for.
type Kind = string

// The kinds of template.
const (
	KindPost     Kind = "post"
	KindSnippet  Kind = "snippet"
	KindHashtags Kind = "hashtags"
	KindPlan     Kind = "plan"
	KindPlaybook Kind = "playbook"
	KindAgenda   Kind = "agenda"
)

// Kinds lists every kind, in the order the window shows them.
var Kinds = []Kind{KindPost, KindSnippet, KindHashtags, KindPlan, KindPlaybook, KindAgenda}

// Languages a template may be written in.
var Languages = []string{"en", "id"}

// Limits on template fields.
const (
	maxNameRunes = 120
	maxBodyRunes = 100_000
	maxDataBytes = 512 << 10
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: Table, Fields: map[string]replica.Kind{
		"kind": replica.Text, "name": replica.Text, "lang": replica.Text, "body": replica.Text,
		"data": replica.JSON, "built_in": replica.Text,
	}},
	{Table: LibraryTable, Fields: map[string]replica.Kind{
		"title": replica.Text, "body": replica.Text, "variants": replica.JSON, "attachments": replica.JSON,
		"channels": replica.JSON, "labels": replica.JSON, "source_post_id": replica.Text,
		"last_used_at": replica.Int, "use_count": replica.Int,
	}},
}

// Template is one template of any kind. Data holds what only its kind has
// (a JSON object; see PostData, SnippetData); Body is its main text.
type Template struct {
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	Name string `json:"name"`
	Lang string `json:"lang"`
	Body string `json:"body"`
	// Data is a JSON object, never null ({} when the kind has nothing more).
	Data json.RawMessage `json:"data"`
	// BuiltIn is the key of the default this template was seeded from, ""
	// for the team's own.
	BuiltIn   string `json:"builtIn"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// Input is what the user enters for a template.
type Input struct {
	Kind Kind            `json:"kind"`
	Name string          `json:"name"`
	Lang string          `json:"lang"`
	Body string          `json:"body"`
	Data json.RawMessage `json:"data"`
}

// KindCheck validates (and may normalise) the Data and Body of one kind
// before a template of that kind is written; db sees the write's
// transaction. It returns the normalised data.
type KindCheck func(db *gorm.DB, in Input) (json.RawMessage, error)

// Service reads and changes templates.
type Service struct {
	st  *store.Store
	rep *replica.Replica
	cal *calendar.Service
	now func() time.Time

	// checks are the kind-specific validations, one per kind at most.
	checks map[Kind]KindCheck
	// builtIns are the defaults seeded once per workspace.
	builtIns []BuiltIn

	// checker is the style guide's checker (nil: texts are not checked).
	checker Checker

	seedMu sync.Mutex
	seeded bool
}

// NewService returns the templates service with the checks and defaults
// of every kind this package knows.
func NewService(st *store.Store, rep *replica.Replica, cal *calendar.Service) *Service {
	s := &Service{st: st, rep: rep, cal: cal, checks: map[Kind]KindCheck{}, now: time.Now}
	for _, r := range kindRegistrations {
		r(s)
	}
	return s
}

// kindRegistrations let each kind's file add its check and defaults
// (post.go, agenda.go, plan.go, ...) without one shared switch.
var kindRegistrations []func(*Service)

// registerKind is called from an init function of a kind's file.
func registerKind(fn func(*Service)) { kindRegistrations = append(kindRegistrations, fn) }

// SetCheck sets the validation of one kind's Data and Body.
func (s *Service) SetCheck(kind Kind, check KindCheck) { s.checks[kind] = check }

type templateRow struct {
	ID, Kind, Name, Lang, Body, Data, BuiltIn string
	CreatedAt, UpdatedAt                      int64
}

const templateColumns = `id, kind, name, lang, body, data, built_in, created_at, updated_at`

func (r templateRow) template() Template {
	data := json.RawMessage(r.Data)
	if !json.Valid(data) || strings.TrimSpace(r.Data) == "" || r.Data == "null" {
		data = json.RawMessage("{}")
	}
	return Template{ID: r.ID, Kind: r.Kind, Name: r.Name, Lang: r.Lang, Body: r.Body, Data: data,
		BuiltIn: r.BuiltIn, CreatedAt: conv.ISOTime(r.CreatedAt), UpdatedAt: conv.ISOTime(r.UpdatedAt)}
}

// List returns the live templates of one kind ("" for every kind), by kind
// then name. It seeds the built-in defaults first if this workspace has
// never had them.
func (s *Service) List(ctx context.Context, kind Kind) ([]Template, error) {
	if kind != "" && !slices.Contains(Kinds, kind) {
		return nil, apperr.Invalid("template.kind_unknown", "kind", "unknown kind of template").With("kind", kind)
	}
	if err := s.SeedBuiltIns(ctx); err != nil {
		return nil, err
	}
	q := "SELECT " + templateColumns + " FROM templates WHERE deleted_at IS NULL"
	var args []any
	if kind != "" {
		q += " AND kind = ?"
		args = append(args, kind)
	}
	var rows []templateRow
	if err := s.st.DB().WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	out := make([]Template, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.template())
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return slices.Index(Kinds, out[i].Kind) < slices.Index(Kinds, out[j].Kind)
		}
		a, b := strings.ToLower(out[i].Name), strings.ToLower(out[j].Name)
		if a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Get returns one live template.
func (s *Service) Get(ctx context.Context, id string) (Template, error) {
	if err := s.SeedBuiltIns(ctx); err != nil {
		return Template{}, err
	}
	return getTemplate(s.st.DB().WithContext(ctx), id)
}

func getTemplate(db *gorm.DB, id string) (Template, error) {
	var rows []templateRow
	if err := db.Raw("SELECT "+templateColumns+" FROM templates WHERE id = ? AND deleted_at IS NULL", id).
		Scan(&rows).Error; err != nil {
		return Template{}, apperr.Internal(err)
	}
	if len(rows) == 0 {
		return Template{}, apperr.New("template.not_found", "no such template").With("id", id)
	}
	return rows[0].template(), nil
}

// Add creates a template.
func (s *Service) Add(ctx context.Context, in Input) (Template, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		values, err := s.check(w.DB(), in)
		if err != nil {
			return err
		}
		id, err = w.Insert(Table, values)
		return err
	})
	if err != nil {
		return Template{}, err
	}
	return getTemplate(s.st.DB().WithContext(ctx), id)
}

// Update changes a template. Its kind cannot change (a plan does not become
// a snippet); in.Kind may be left empty.
func (s *Service) Update(ctx context.Context, id string, in Input) (Template, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		cur, err := getTemplate(w.DB(), id)
		if err != nil {
			return err
		}
		if in.Kind == "" {
			in.Kind = cur.Kind
		}
		if in.Kind != cur.Kind {
			return apperr.Invalid("template.kind_fixed", "kind", "a template keeps its kind").With("kind", cur.Kind)
		}
		values, err := s.check(w.DB(), in)
		if err != nil {
			return err
		}
		delete(values, "kind")
		return w.Update(Table, id, values)
	})
	if err != nil {
		return Template{}, err
	}
	return getTemplate(s.st.DB().WithContext(ctx), id)
}

// Delete removes a template (a tombstone: a teammate's concurrent edit
// brings it back, and a deleted built-in is not seeded again).
func (s *Service) Delete(ctx context.Context, id string) error {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getTemplate(w.DB(), id); err != nil {
			return err
		}
		return w.Delete(Table, id)
	})
	return err
}

// check validates in and returns the row values.
func (s *Service) check(db *gorm.DB, in Input) (map[string]any, error) {
	if !slices.Contains(Kinds, in.Kind) {
		return nil, apperr.Invalid("template.kind_unknown", "kind", "unknown kind of template").With("kind", in.Kind)
	}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return nil, apperr.Invalid("template.name_required", "name", "a template needs a name")
	}
	if utf8.RuneCountInString(in.Name) > maxNameRunes {
		return nil, apperr.Invalid("template.name_too_long", "name", "the name is too long").With("max", maxNameRunes)
	}
	if in.Lang == "" {
		in.Lang = "en"
	}
	if !slices.Contains(Languages, in.Lang) {
		return nil, apperr.Invalid("template.lang_unknown", "lang", "the language is en or id").With("lang", in.Lang)
	}
	if !utf8.ValidString(in.Body) {
		return nil, apperr.Invalid("template.text_invalid", "body", "the text is not valid UTF-8")
	}
	if utf8.RuneCountInString(in.Body) > maxBodyRunes {
		return nil, apperr.Invalid("template.text_too_long", "body", "the text is too long").With("max", maxBodyRunes)
	}
	data := in.Data
	if len(strings.TrimSpace(string(data))) == 0 || string(data) == "null" {
		data = json.RawMessage("{}")
	}
	if len(data) > maxDataBytes {
		return nil, apperr.Invalid("template.data_too_large", "data", "the template is too large")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, apperr.Invalid("template.data_invalid", "data", "the template's details are not a JSON object")
	}
	in.Data = data
	if check := s.checks[in.Kind]; check != nil {
		var err error
		if data, err = check(db, in); err != nil {
			return nil, err
		}
	}
	return map[string]any{"kind": in.Kind, "name": in.Name, "lang": in.Lang, "body": in.Body,
		"data": data}, nil
}
