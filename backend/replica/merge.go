package replica

import (
	"bytes"
	"encoding/json"
	"sort"

	"postdeck/backend/textmerge"
)

// ResolvedByMerge marks conflicts closed by the automatic merge.
const ResolvedByMerge = "postdeck:merge"

// autoResolve closes the conflicts of this batch that need no person:
//   - the losing value equals the current one (two devices made the same
//     change, for example both merged the same edits);
//   - a text field edited on two devices from the same base whose edits
//     touch different lines: the three-way merge of both is written as a
//     new change, so both people's work is kept.
//
// The merge is a pure function of the two edits and their base, so every
// device that computes it writes the same value; if two do, the duplicate is
// closed by the first rule.
func (a *applier) autoResolve(touched map[string]bool) error {
	keys := make([][3]string, 0, len(a.contested))
	for k := range a.contested {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0]+keys[i][1]+keys[i][2] < keys[j][0]+keys[j][1]+keys[j][2]
	})
	w := &Writer{r: a.r, db: a.db, touched: touched}
	for _, k := range keys {
		if err := a.autoResolveField(w, k[0], k[1], k[2]); err != nil {
			return err
		}
	}
	return nil
}

func (a *applier) autoResolveField(w *Writer, table, id, field string) error {
	var open []struct {
		ID     string
		Hlc    int64
		Device string
	}
	if err := a.db.Raw(`SELECT c.id, c.hlc, c.device FROM conflicts c
		LEFT JOIN conflict_resolutions r ON r.id = c.id AND r.deleted_at IS NULL
		WHERE c.entity = ? AND c.row_id = ? AND c.field = ? AND r.id IS NULL ORDER BY c.hlc, c.device`,
		table, id, field).Scan(&open).Error; err != nil {
		return err
	}
	cur, ok, err := fieldClock(a.db, table, id, field)
	if err != nil || !ok {
		return err
	}
	winner, err := changeAt(a.db, table, id, field, cur)
	if err != nil {
		return err
	}
	var left []Change
	for _, o := range open {
		loser, err := changeAt(a.db, table, id, field, Clock{o.Hlc, o.Device})
		if err != nil {
			return err
		}
		if sameJSON(loser.Value, winner.Value) {
			if err := w.Put(TableConflictResolutions, o.ID, map[string]any{"resolved_by": ResolvedByMerge}); err != nil {
				return err
			}
			continue
		}
		left = append(left, loser)
	}
	kind, err := a.r.reg.kind(table, field)
	if err != nil || kind != Text || len(left) != 1 {
		return err
	}
	loser := left[0]
	if loser.Base.IsZero() || loser.Base != winner.Base {
		return nil
	}
	base, err := changeAt(a.db, table, id, field, loser.Base)
	if err != nil {
		return nil // the base is not here (yet): leave it to a person
	}
	var bs, ws, ls string
	if json.Unmarshal(base.Value, &bs) != nil || json.Unmarshal(winner.Value, &ws) != nil || json.Unmarshal(loser.Value, &ls) != nil {
		return nil
	}
	merged, clean := textmerge.Merge(bs, ws, ls)
	if !clean {
		return nil
	}
	if err := w.set(table, id, map[string]any{field: merged}); err != nil {
		return err
	}
	return w.Put(TableConflictResolutions, conflictID(table, id, field, loser.Clock), map[string]any{"resolved_by": ResolvedByMerge})
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
