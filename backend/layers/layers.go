// Package layers keeps calendars imported from .ics files (public holidays,
// international and marketing days) as read-only layers shown beside the
// team's posts. A layer is shared with the team; whether it is shown is a
// choice of each device.
package layers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/ics"
	"postdeck/backend/internal/conv"
	"postdeck/backend/replica"
	"postdeck/backend/store"
)

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{
	{Table: "calendar_layers", Fields: map[string]replica.Kind{
		"name": replica.Text, "color": replica.Text, "source": replica.Text, "imported_at": replica.Int,
	}},
	{Table: "layer_events", Fields: map[string]replica.Kind{
		"layer_id": replica.Text, "uid": replica.Text, "recurrence_id": replica.Text, "summary": replica.Text,
		"description": replica.Text, "location": replica.Text, "all_day": replica.Bool, "start": replica.Text,
		"end": replica.Text, "zone": replica.Text, "rrule": replica.Text, "exdates": replica.JSON, "sequence": replica.Int,
	}},
}

// keyHidden is the device-local list of layers this device does not show.
const keyHidden = "hidden_layers"

const (
	maxNameRunes = 80
	// maxShown bounds the occurrences returned for one view.
	maxShown = 5000
)

// palette colours new layers; a layer's colour comes from its name, so it
// is the same on every device.
var palette = []string{"#e8590c", "#2f9e44", "#1971c2", "#9c36b5", "#c2255c", "#0c8599", "#f08c00", "#5c940d"}

// Layer is one imported calendar.
type Layer struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Color      string `json:"color"`
	Source     string `json:"source"`
	Events     int    `json:"events"`
	Visible    bool   `json:"visible"`
	ImportedAt string `json:"importedAt"`
}

// ImportResult says what an import did.
type ImportResult struct {
	Layer     Layer `json:"layer"`
	Added     int   `json:"added"`
	Updated   int   `json:"updated"`
	Unchanged int   `json:"unchanged"`
	Removed   int   `json:"removed"`
	// Dropped counts the control characters (such as NUL) left out of the
	// file's text.
	Dropped int `json:"dropped"`
}

// Occurrence is one event of a layer on the calendar, in the workspace's
// wall-clock time like posts.
type Occurrence struct {
	ID          string `json:"id"`
	LayerID     string `json:"layerId"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Location    string `json:"location"`
	AllDay      bool   `json:"allDay"`
	// Start and End are YYYY-MM-DD for a whole day (End exclusive) or
	// YYYY-MM-DDTHH:MM:SS in the workspace zone.
	Start string `json:"start"`
	End   string `json:"end"`
	Color string `json:"color"`
}

// Service imports and reads layers.
type Service struct {
	st  *store.Store
	rep *replica.Replica
	cal *calendar.Service
	now func() time.Time
}

// NewService returns the layers service.
func NewService(st *store.Store, rep *replica.Replica, cal *calendar.Service) *Service {
	return &Service{st: st, rep: rep, cal: cal, now: time.Now}
}

func layerID(name string) string {
	sum := sha256.Sum256([]byte("layer\x00" + strings.ToLower(strings.TrimSpace(name))))
	return hex.EncodeToString(sum[:16])
}

func eventID(layer, uid, recurrence string) string {
	sum := sha256.Sum256([]byte(layer + "\x00" + uid + "\x00" + recurrence))
	return hex.EncodeToString(sum[:16])
}

// Import reads an .ics file into the layer called name (by default the
// calendar's own name, else the file's name). Importing into an existing
// layer updates its events by UID and removes the ones the file no longer
// has. A file that cannot be read changes nothing and the error names its
// line.
func (s *Service) Import(ctx context.Context, name, source string, data []byte) (ImportResult, error) {
	f, err := ics.Parse(data, s.cal.Zone(ctx))
	if err != nil {
		return ImportResult{}, parseError(err)
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = strings.TrimSpace(f.Name)
	}
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(source), filepath.Ext(source))
	}
	if name == "" || name == "." {
		return ImportResult{}, apperr.Invalid("layer.name_required", "name", "the calendar needs a name")
	}
	if len([]rune(name)) > maxNameRunes {
		return ImportResult{}, apperr.Invalid("layer.name_too_long", "name", "the name is too long").With("max", maxNameRunes)
	}
	id := layerID(name)
	var res ImportResult
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		values := map[string]any{"name": name, "source": filepath.Base(source), "imported_at": s.now().UnixMilli()}
		live, exists, err := rowState(w.DB(), "calendar_layers", id)
		if err != nil {
			return err
		}
		if !exists {
			values["color"] = palette[int(id[0])%len(palette)]
		} else if !live {
			if err := w.Restore("calendar_layers", id); err != nil {
				return err
			}
		}
		if err := w.Put("calendar_layers", id, values); err != nil {
			return err
		}
		res, err = writeEvents(w, id, f.Items)
		res.Dropped = f.Dropped
		return err
	})
	if err != nil {
		return ImportResult{}, err
	}
	res.Layer, err = s.Layer(ctx, id)
	return res, err
}

// parseError turns a file's error into one the user can act on.
func parseError(err error) error {
	var pe *ics.ParseError
	if !errors.As(err, &pe) {
		return apperr.Internal(err)
	}
	code := "ics." + pe.Reason
	e := apperr.New(code, pe.Error()).With("detail", pe.Detail)
	if pe.Line > 0 {
		e = e.With("line", pe.Line)
	}
	switch pe.Reason {
	case "too_large":
		e = e.With("max", ics.MaxFileBytes>>20)
	case "too_many":
		e = e.With("max", ics.MaxEvents)
	}
	return e
}

// writeEvents makes the layer's events those of the file.
func writeEvents(w *replica.Writer, layer string, items []ics.Item) (ImportResult, error) {
	var res ImportResult
	var existing []struct {
		ID        string
		DeletedAt *int64
	}
	if err := w.DB().Raw("SELECT id, deleted_at FROM layer_events WHERE layer_id = ?", layer).Scan(&existing).Error; err != nil {
		return res, err
	}
	state := map[string]bool{} // id -> live
	for _, e := range existing {
		state[e.ID] = e.DeletedAt == nil
	}
	seen := map[string]bool{}
	for i, it := range items {
		if it.Cancelled {
			continue
		}
		uid := it.UID
		if uid == "" {
			// No UID: the start and title identify it, so importing the
			// same file again still matches it.
			uid = "no-uid:" + it.Start.Key() + ":" + it.Summary
		}
		rid := ""
		if !it.RecurrenceID.IsZero() {
			rid = it.RecurrenceID.Key()
		}
		id := eventID(layer, uid, rid)
		if seen[id] {
			continue // the same event twice in one file: the first wins
		}
		seen[id] = true
		values := eventValues(layer, uid, rid, it)
		live, exists := state[id]
		if exists && !live {
			if err := w.Restore("layer_events", id); err != nil {
				return res, err
			}
		}
		// A new event is an add whatever its values: only an existing one
		// is compared (an import of thousands of new events skips a query each).
		changed := false
		if exists {
			var err error
			if changed, err = changes(w.DB(), id, values); err != nil {
				return res, err
			}
		}
		if err := w.Put("layer_events", id, values); err != nil {
			return res, fmt.Errorf("event %d: %w", i+1, err)
		}
		switch {
		case !exists || !live:
			res.Added++
		case changed:
			res.Updated++
		default:
			res.Unchanged++
		}
	}
	for _, e := range existing {
		if e.DeletedAt == nil && !seen[e.ID] {
			if err := w.Delete("layer_events", e.ID); err != nil {
				return res, err
			}
			res.Removed++
		}
	}
	return res, nil
}

func eventValues(layer, uid, rid string, it ics.Item) map[string]any {
	exdates := []string{}
	for _, x := range it.ExDates {
		exdates = append(exdates, x.Key())
	}
	start, end := moment(it.Start), moment(it.End)
	zone := it.Start.Zone
	if it.Start.AllDay {
		zone = ""
	}
	if !it.End.IsZero() && it.End.AllDay != it.Start.AllDay {
		end = "" // an end of another kind than the start cannot be compared
	}
	return map[string]any{"layer_id": layer, "uid": uid, "recurrence_id": rid, "summary": it.Summary,
		"description": it.Description, "location": it.Location, "all_day": it.Start.AllDay, "start": start,
		"end": end, "zone": zone, "rrule": it.RRule, "exdates": exdates, "sequence": it.Sequence}
}

// changes says whether values differ from the stored row.
func changes(db *gorm.DB, id string, values map[string]any) (bool, error) {
	var rows []struct {
		Summary, Description, Location, Start, End, Zone, Rrule, Exdates string
		AllDay                                                           bool
	}
	if err := db.Raw("SELECT summary, description, location, start, end, zone, rrule, exdates, all_day FROM layer_events WHERE id = ?", id).
		Scan(&rows).Error; err != nil {
		return false, err
	}
	if len(rows) == 0 {
		return true, nil
	}
	r := rows[0]
	ex, _ := json.Marshal(values["exdates"])
	return r.Summary != values["summary"] || r.Description != values["description"] || r.Location != values["location"] ||
		r.Start != values["start"] || r.End != values["end"] || r.Zone != values["zone"] || r.Rrule != values["rrule"] ||
		r.Exdates != string(ex) || r.AllDay != values["all_day"], nil
}

func moment(w ics.When) string {
	if w.AllDay {
		return w.Date
	}
	return w.Wall
}

func rowState(db *gorm.DB, table, id string) (live, exists bool, err error) {
	var rows []struct{ DeletedAt *int64 }
	if err := db.Raw("SELECT deleted_at FROM "+table+" WHERE id = ?", id).Scan(&rows).Error; err != nil {
		return false, false, err
	}
	if len(rows) == 0 {
		return false, false, nil
	}
	return rows[0].DeletedAt == nil, true, nil
}

// Layers returns the live layers by name, with whether this device shows them.
func (s *Service) Layers(ctx context.Context) ([]Layer, error) {
	var rows []struct {
		ID, Name, Color, Source string
		ImportedAt              int64
		Events                  int
	}
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT l.id, l.name, l.color, l.source, l.imported_at,
		(SELECT COUNT(*) FROM layer_events e WHERE e.layer_id = l.id AND e.deleted_at IS NULL) AS events
		FROM calendar_layers l WHERE l.deleted_at IS NULL ORDER BY l.name COLLATE NOCASE`).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	hidden, err := s.hidden()
	if err != nil {
		return nil, err
	}
	out := make([]Layer, 0, len(rows))
	for _, r := range rows {
		out = append(out, Layer{ID: r.ID, Name: r.Name, Color: r.Color, Source: r.Source, Events: r.Events,
			Visible: !slices.Contains(hidden, r.ID), ImportedAt: conv.ISOTime(r.ImportedAt)})
	}
	return out, nil
}

// Layer returns one live layer.
func (s *Service) Layer(ctx context.Context, id string) (Layer, error) {
	all, err := s.Layers(ctx)
	if err != nil {
		return Layer{}, err
	}
	for _, l := range all {
		if l.ID == id || strings.EqualFold(l.Name, id) {
			return l, nil
		}
	}
	return Layer{}, apperr.New("layer.not_found", "no such calendar layer").With("id", id)
}

// SetVisible shows or hides a layer on this device.
func (s *Service) SetVisible(ctx context.Context, id string, visible bool) error {
	if _, err := s.Layer(ctx, id); err != nil {
		return err
	}
	hidden, err := s.hidden()
	if err != nil {
		return err
	}
	hidden = slices.DeleteFunc(hidden, func(h string) bool { return h == id })
	if !visible {
		hidden = append(hidden, id)
	}
	sort.Strings(hidden)
	raw, _ := json.Marshal(hidden)
	return s.st.SetLocal(s.st.DB().WithContext(ctx), keyHidden, string(raw))
}

func (s *Service) hidden() ([]string, error) {
	raw, err := s.st.Local(keyHidden)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return conv.Strings(raw), nil
}

// Delete removes a layer and its events (kept as tombstones).
func (s *Service) Delete(ctx context.Context, id string) error {
	l, err := s.Layer(ctx, id)
	if err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		var ids []string
		if err := w.DB().Raw("SELECT id FROM layer_events WHERE layer_id = ? AND deleted_at IS NULL", l.ID).Scan(&ids).Error; err != nil {
			return err
		}
		for _, e := range ids {
			if err := w.Delete("layer_events", e); err != nil {
				return err
			}
		}
		return w.Delete("calendar_layers", l.ID)
	})
}
