package replica

import (
	"context"
	"encoding/json"

	"postdeck/backend/apperr"
)

// Conflict is the losing value of two concurrent edits of one field. The
// current value of the field is the winner; the user decides which to keep.
type Conflict struct {
	ID         string          `json:"id"`
	Entity     string          `json:"entity"`
	RowID      string          `json:"rowId"`
	Field      string          `json:"field"`
	Value      json.RawMessage `json:"value" ts_type:"any"`
	Clock      Clock           `json:"clock"`
	DetectedAt int64           `json:"detectedAt"`
}

// TableConflictResolutions marks conflicts resolved on every device.
const TableConflictResolutions = "conflict_resolutions"

// Conflicts returns the conflicts no one has resolved yet, oldest first.
func (r *Replica) Conflicts(ctx context.Context) ([]Conflict, error) {
	var rows []struct {
		ID, Entity, RowID, Field, Value string
		Hlc                             int64
		Device                          string
		DetectedAt                      int64
	}
	err := r.st.DB().WithContext(ctx).Raw(`SELECT c.id, c.entity, c.row_id, c.field, c.value, c.hlc, c.device, c.detected_at
		FROM conflicts c LEFT JOIN conflict_resolutions r ON r.id = c.id AND r.deleted_at IS NULL
		WHERE r.id IS NULL ORDER BY c.hlc, c.device`).Scan(&rows).Error
	out := make([]Conflict, 0, len(rows))
	for _, c := range rows {
		out = append(out, Conflict{ID: c.ID, Entity: c.Entity, RowID: c.RowID, Field: c.Field,
			Value: json.RawMessage(c.Value), Clock: Clock{c.Hlc, c.Device}, DetectedAt: c.DetectedAt})
	}
	return out, err
}

// Which version of a conflict a person keeps.
const (
	// KeepCurrent keeps the value the field shows now (the winner).
	KeepCurrent = "current"
	// KeepOther keeps the value that lost and was kept in the conflict.
	KeepOther = "other"
	// KeepValue keeps a value the person wrote, such as an edited merge.
	KeepValue = "value"
)

// Resolution is what a person chose for a conflict.
type Resolution struct {
	Keep  string          `json:"keep"`
	Value json.RawMessage `json:"value,omitempty" ts_type:"any"`
}

// Resolve closes conflict id the way a person chose, on every device. The
// Sync page and 'postdeck sync resolve' both come through here, and the
// values kept are read here, so neither can keep a stale copy.
func (r *Replica) Resolve(ctx context.Context, id string, res Resolution, by string) error {
	return r.Write(ctx, func(w *Writer) error {
		var rows []struct{ Entity, RowID, Field, Value string }
		if err := w.db.Raw(`SELECT entity, row_id, field, value FROM conflicts WHERE id = ?`, id).Scan(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return apperr.New("conflict.not_found", "this conflict no longer exists")
		}
		c := rows[0]
		var raw json.RawMessage
		switch res.Keep {
		case KeepOther:
			raw = json.RawMessage(c.Value)
		case KeepCurrent:
			raw = json.RawMessage("null")
			cur, ok, err := fieldClock(w.db, c.Entity, c.RowID, c.Field)
			if err != nil {
				return err
			}
			if ok {
				ch, err := changeAt(w.db, c.Entity, c.RowID, c.Field, cur)
				if err != nil {
					return err
				}
				raw = ch.Value
			}
		case KeepValue:
			raw = res.Value
		default:
			return apperr.New("conflict.keep_invalid", "say which version to keep: current, other or a value")
		}
		var value any
		if err := json.Unmarshal(raw, &value); err != nil {
			return apperr.New("conflict.value_invalid", "the chosen value is not valid")
		}
		if err := w.set(c.Entity, c.RowID, map[string]any{c.Field: value}); err != nil {
			return err
		}
		return w.Put(TableConflictResolutions, id, map[string]any{"resolved_by": by})
	})
}

// LocalChanges returns this device's own changes after seq (in order), at
// most limit of them, and the seq of the last one returned.
func (r *Replica) LocalChanges(ctx context.Context, afterSeq int64, limit int) ([]Change, int64, error) {
	return r.changes(ctx, "device = ? AND seq > ?", []any{r.Device(), afterSeq}, limit, afterSeq)
}

// AllChanges returns every change in the log after seq, local and remote.
func (r *Replica) AllChanges(ctx context.Context, afterSeq int64, limit int) ([]Change, int64, error) {
	return r.changes(ctx, "seq > ?", []any{afterSeq}, limit, afterSeq)
}

func (r *Replica) changes(ctx context.Context, where string, args []any, limit int, last int64) ([]Change, int64, error) {
	var rows []struct {
		Seq                         int64
		Entity, RowID, Field, Value string
		Hlc                         int64
		Device                      string
		BaseHlc                     int64
		BaseDevice                  string
	}
	err := r.st.DB().WithContext(ctx).Raw(`SELECT seq, entity, row_id, field, value, hlc, device, base_hlc, base_device
		FROM changes WHERE `+where+` ORDER BY seq LIMIT ?`, append(args, limit)...).Scan(&rows).Error
	out := make([]Change, 0, len(rows))
	for _, c := range rows {
		out = append(out, Change{Entity: c.Entity, RowID: c.RowID, Field: c.Field, Value: json.RawMessage(c.Value),
			Clock: Clock{c.Hlc, c.Device}, Base: Clock{c.BaseHlc, c.BaseDevice}})
		last = c.Seq
	}
	return out, last, err
}

// Quarantined returns how many remote changes wait because their clock is
// too far ahead of this device's.
func (r *Replica) Quarantined(ctx context.Context) (int64, error) {
	var n int64
	err := r.st.DB().WithContext(ctx).Raw("SELECT COUNT(*) FROM quarantine").Scan(&n).Error
	return n, err
}

// ConflictView is a conflict with the field's current (winning) value.
type ConflictView struct {
	Conflict
	Current json.RawMessage `json:"current" ts_type:"any"`
	// CurrentClock says which device wrote the current value, and when.
	CurrentClock Clock `json:"currentClock"`
}

// ConflictViews returns the open conflicts with the current value of each
// field, for the conflicts screen.
func (r *Replica) ConflictViews(ctx context.Context) ([]ConflictView, error) {
	cs, err := r.Conflicts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ConflictView, 0, len(cs))
	for _, c := range cs {
		db := r.st.DB().WithContext(ctx)
		cur, ok, err := fieldClock(db, c.Entity, c.RowID, c.Field)
		if err != nil {
			return nil, err
		}
		v := ConflictView{Conflict: c, Current: json.RawMessage("null")}
		if ok {
			ch, err := changeAt(db, c.Entity, c.RowID, c.Field, cur)
			if err != nil {
				return nil, err
			}
			v.Current, v.CurrentClock = ch.Value, cur
		}
		out = append(out, v)
	}
	return out, nil
}

// Heads returns what a new device needs to start from: the change behind
// every field's current value and behind every open conflict's losing value.
func (r *Replica) Heads(ctx context.Context) ([]Change, error) {
	const cols = `c.entity, c.row_id, c.field, c.value, c.hlc, c.device, c.base_hlc, c.base_device`
	var rows []struct {
		Entity, RowID, Field, Value string
		Hlc                         int64
		Device                      string
		BaseHlc                     int64
		BaseDevice                  string
	}
	err := r.st.DB().WithContext(ctx).Raw(`SELECT ` + cols + ` FROM field_clocks f JOIN changes c
			ON c.device = f.device AND c.hlc = f.hlc AND c.entity = f.entity AND c.row_id = f.row_id AND c.field = f.field
		UNION ALL
		SELECT ` + cols + ` FROM conflicts k JOIN changes c
			ON c.device = k.device AND c.hlc = k.hlc AND c.entity = k.entity AND c.row_id = k.row_id AND c.field = k.field
		LEFT JOIN conflict_resolutions x ON x.id = k.id AND x.deleted_at IS NULL
		WHERE x.id IS NULL`).Scan(&rows).Error
	out := make([]Change, 0, len(rows))
	for _, c := range rows {
		out = append(out, Change{Entity: c.Entity, RowID: c.RowID, Field: c.Field, Value: json.RawMessage(c.Value),
			Clock: Clock{c.Hlc, c.Device}, Base: Clock{c.BaseHlc, c.BaseDevice}})
	}
	return out, err
}
