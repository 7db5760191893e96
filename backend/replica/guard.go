package replica

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// Guard decides whether the author of a change from another device was
// allowed to make it. Replica knows nothing of teams and roles; the team
// package implements this, and Apply calls it for every batch.
//
// Verdicts must be a pure function of the change log (this batch included)
// and of which member each device writes for, so every device that holds
// the same changes refuses the same ones whatever order they arrived in.
type Guard interface {
	// Needs names the permission a change needs, "" for none. It is called
	// for every arriving change, so it must be cheap.
	Needs(c Change) string
	// Shapes reports whether c changes who may do what (a member's roles, a
	// role's permissions): changes stamped after it are judged again.
	Shapes(c Change) bool
	// Tables lists the tables whose changes may need a permission.
	Tables() []string
	// Judge says for each change whether its author's member held the
	// permission it needs at the change's clock. The team's history is read
	// from db once per call; self is this device, whose own changes are
	// judged by the same rules as everyone's (Settle), so that every device,
	// the author's included, reaches the same verdict.
	Judge(db *gorm.DB, self string, cs []Change) ([]Verdict, error)
}

// Reasons a change is refused.
const (
	// ReasonPermissionMissing: the author's member lacked the permission.
	ReasonPermissionMissing = "permission_missing"
	// ReasonNoMember: the author's device writes for no known member.
	ReasonNoMember = "no_member"
)

// Verdict is a Guard's decision on one change.
type Verdict struct {
	Refused    bool
	Member     string // the member the author's device writes for
	Permission string // the permission the change needs
	Reason     string // ReasonPermissionMissing or ReasonNoMember when refused
}

// Recheck judges every change from other devices again, in one
// transaction: a device now writes for another member (it changed who it
// belongs to), so what it wrote is weighed against that member's rights.
func (r *Replica) Recheck(ctx context.Context) (ApplyResult, error) {
	return r.applyWith(ctx, nil, nil, true)
}

// Settle judges changes this device made (and logged) as every other
// device judges them once they arrive: by the member this device is
// confirmed for and that member's rights at the change's clock. Its
// services checked them against what it believes; when another device's
// verdict differs (this device claims a member it is not confirmed for, or
// a team change it had not seen yet took the right away first), the change
// is refused here too, taken back and listed, so this device's state agrees
// with its teammates' instead of differing forever. Nothing is deleted from
// the log. The sync engine settles what it has just pushed.
func (r *Replica) Settle(ctx context.Context, cs []Change) (ApplyResult, error) {
	if r.guard == nil {
		return ApplyResult{}, nil
	}
	var need []Change
	for _, c := range cs {
		if c.Clock.Device == r.Device() && r.guard.Needs(c) != "" {
			need = append(need, c)
		}
	}
	if len(need) == 0 {
		return ApplyResult{}, nil
	}
	return r.applyJudging(ctx, nil, nil, false, need)
}

// SetGuard installs the permission check Apply runs on changes from other
// devices. It is set once when the workspace opens, before any sync.
func (r *Replica) SetGuard(g Guard) { r.guard = g }

// Refused is a change from another device that was not applied because its
// author's member lacked a permission at the change's clock.
type Refused struct {
	ID         string          `json:"id"`
	Device     string          `json:"device"`
	Member     string          `json:"member"`
	Table      string          `json:"table"`
	RowID      string          `json:"rowId"`
	Field      string          `json:"field"`
	Value      json.RawMessage `json:"value" ts_type:"any"`
	Permission string          `json:"permission"`
	Reason     string          `json:"reason"`
	// At is when the author made the change (its clock), in milliseconds.
	At int64 `json:"at"`
	// RefusedAt is when this device refused it, in milliseconds.
	RefusedAt int64 `json:"refusedAt"`
}

// Refused lists the changes refused and not allowed since, oldest first.
func (r *Replica) Refused(ctx context.Context) ([]Refused, error) {
	var rows []struct {
		ID, Entity, RowID, Field, Value, Device, MemberID, Permission, Reason string
		Hlc, RefusedAt                                                        int64
	}
	err := r.st.DB().WithContext(ctx).Raw(`SELECT id, entity, row_id, field, value, hlc, device, member_id, permission,
		reason, refused_at FROM refused_changes WHERE accepted_at IS NULL ORDER BY hlc, device, entity, row_id, field`).
		Scan(&rows).Error
	out := make([]Refused, 0, len(rows))
	for _, x := range rows {
		out = append(out, Refused{ID: x.ID, Device: x.Device, Member: x.MemberID, Table: x.Entity, RowID: x.RowID,
			Field: x.Field, Value: json.RawMessage(x.Value), Permission: x.Permission, Reason: x.Reason,
			At: Millis(x.Hlc), RefusedAt: x.RefusedAt})
	}
	return out, err
}

// changeKey names one change in the log.
type changeKey struct {
	device, entity, row, field string
	hlc                        int64
}

func keyOf(c Change) changeKey {
	return changeKey{c.Clock.Device, c.Entity, c.RowID, c.Field, c.Clock.HLC}
}

// refusedID is the same on every device for the same change.
func refusedID(c Change) string {
	h := sha256.Sum256([]byte(c.Entity + "\x00" + c.RowID + "\x00" + c.Field + "\x00" +
		strconv.FormatInt(c.Clock.HLC, 10) + "\x00" + c.Clock.Device))
	return hex.EncodeToString(h[:16])
}

// judgement is what judge found for a batch: which fresh changes not to
// apply, which earlier ones to apply now, and which applied ones to take back.
type judgement struct {
	reapply []Change
	retract []Change
}

// judge runs the guard over the batch. Fresh changes it refuses are marked
// not fresh (logged, not applied). When the batch changes who may do what,
// every change from the earliest such clock on is judged again: one refused
// before may be allowed now (a grant that arrived after the approval it
// allows), one applied may be refused now (a revoke stamped before it that
// arrived after it).
func (a *applier) judge(all []Change, fresh []bool) (judgement, error) {
	var j judgement
	g := a.r.guard
	if g == nil {
		return j, nil
	}
	self := a.r.Device()
	var cands []Change
	var idx []int
	since := int64(-1)
	inBatch := map[changeKey]bool{}
	// This device's own changes are judged too: they count for the same
	// member, by the same rules, as on every other device.
	for i, c := range all {
		if !fresh[i] {
			continue
		}
		if g.Shapes(c) && (since < 0 || c.Clock.HLC < since) {
			since = c.Clock.HLC
		}
		if g.Needs(c) != "" {
			cands = append(cands, c)
			idx = append(idx, i)
			inBatch[keyOf(c)] = true
		}
	}
	for _, c := range a.settle {
		if g.Shapes(c) && (since < 0 || c.Clock.HLC < since) {
			since = c.Clock.HLC
		}
	}
	if a.recheck {
		since = 0
	} else if len(cands) == 0 && len(a.settle) == 0 {
		return j, nil
	}
	nFresh := len(cands)
	seen := map[changeKey]bool{}
	if since >= 0 {
		tables := g.Tables()
		args := []any{since}
		for _, t := range tables {
			args = append(args, t)
		}
		// Only changes logged before this batch: the batch's own are cands
		// already. Read without gorm's reflection, the log can be long.
		rows, err := a.db.Raw(`SELECT entity, row_id, field, value, hlc, device, base_hlc, base_device FROM changes
			WHERE seq <= ? AND hlc >= ? AND entity IN (?`+strings.Repeat(", ?", len(tables)-1)+`) ORDER BY seq`,
			append([]any{a.logSeq}, args...)...).Rows()
		if err != nil {
			return j, err
		}
		for rows.Next() {
			var c Change
			var value string
			if err := rows.Scan(&c.Entity, &c.RowID, &c.Field, &value, &c.Clock.HLC, &c.Clock.Device, &c.Base.HLC, &c.Base.Device); err != nil {
				rows.Close()
				return j, err
			}
			c.Value = json.RawMessage(value)
			if inBatch[keyOf(c)] || g.Needs(c) == "" {
				continue
			}
			if len(a.settle) > 0 {
				seen[keyOf(c)] = true
			}
			cands = append(cands, c)
		}
		if err := rows.Close(); err != nil {
			return j, err
		}
	}
	for _, c := range a.settle {
		if !inBatch[keyOf(c)] && !seen[keyOf(c)] {
			if len(a.settle) > 0 {
				seen[keyOf(c)] = true
			}
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return j, nil
	}
	open := map[changeKey]bool{}
	final := map[changeKey]bool{}
	if len(cands) > nFresh {
		var refused []struct {
			Entity, RowID, Field, Device, Reason string
			Hlc                                  int64
		}
		if err := a.db.Raw(`SELECT entity, row_id, field, device, reason, hlc FROM refused_changes WHERE accepted_at IS NULL`).
			Scan(&refused).Error; err != nil {
			return j, err
		}
		for _, x := range refused {
			k := changeKey{x.Device, x.Entity, x.RowID, x.Field, x.Hlc}
			open[k] = true
			// A revoked device's change stays refused whatever the team's
			// rights say (RefuseAll).
			final[k] = x.Reason == ReasonRevoked
		}
	}
	verdicts, err := g.Judge(a.db, self, cands)
	if err != nil {
		return j, err
	}
	now := a.r.now().UnixMilli()
	for n, c := range cands {
		v := verdicts[n]
		if n < nFresh {
			if v.Refused {
				fresh[idx[n]] = false
				a.res.Refused++
				if err := a.refuse(c, v, now); err != nil {
					return j, err
				}
				// Its author saw and replaced its base, refused or not: as
				// for any change, that value is no longer a conflict's losing
				// side (recordConflict counts every logged change alike).
				if !c.Base.IsZero() {
					if err := a.exec(`DELETE FROM conflicts WHERE id = ?`, conflictID(c.Entity, c.RowID, c.Field, c.Base)); err != nil {
						return j, err
					}
				}
			}
			continue
		}
		was := open[keyOf(c)]
		if final[keyOf(c)] {
			continue
		}
		switch {
		case v.Refused && !was:
			a.res.Refused++
			if err := a.refuse(c, v, now); err != nil {
				return j, err
			}
			j.retract = append(j.retract, c)
		case !v.Refused && was:
			if err := a.exec(`UPDATE refused_changes SET accepted_at = ? WHERE id = ?`, now, refusedID(c)); err != nil {
				return j, err
			}
			j.reapply = append(j.reapply, c)
		}
	}
	return j, nil
}

// refuse records a refused change. A change refused, allowed and refused
// again keeps its one row, open again; one refused again while still open
// (a rebuild, a recheck) keeps when it was first refused.
func (a *applier) refuse(c Change, v Verdict, now int64) error {
	return a.exec(`INSERT INTO refused_changes(id, entity, row_id, field, value, hlc, device, member_id, permission, reason, refused_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET accepted_at = NULL,
		refused_at = CASE WHEN refused_changes.accepted_at IS NULL THEN refused_changes.refused_at ELSE excluded.refused_at END,
		member_id = excluded.member_id, reason = excluded.reason`,
		refusedID(c), c.Entity, c.RowID, c.Field, string(c.Value), c.Clock.HLC, c.Clock.Device, v.Member, v.Permission, v.Reason, now)
}

// retract takes back a change applied before and refused now: its field
// returns to the newest value of the log that is not refused, or to the
// column's default when there is none. Runs after the batch is flushed.
func (a *applier) retract(c Change) error {
	cur, ok, err := fieldClock(a.db, c.Entity, c.RowID, c.Field)
	if err != nil || !ok || cur != c.Clock {
		return err // a newer value replaced it already: nothing shows it
	}
	var prev []struct {
		Value  string
		Hlc    int64
		Device string
	}
	if err := a.db.Raw(`SELECT ch.value, ch.hlc, ch.device FROM changes ch WHERE ch.entity = ? AND ch.row_id = ? AND ch.field = ?
		AND NOT (ch.hlc = ? AND ch.device = ?)
		AND NOT EXISTS (SELECT 1 FROM refused_changes r WHERE r.accepted_at IS NULL AND r.device = ch.device AND r.hlc = ch.hlc
			AND r.entity = ch.entity AND r.row_id = ch.row_id AND r.field = ch.field)
		ORDER BY ch.hlc DESC, ch.device DESC LIMIT 1`, c.Entity, c.RowID, c.Field, c.Clock.HLC, c.Clock.Device).
		Scan(&prev).Error; err != nil {
		return err
	}
	key := [2]string{c.Entity, c.RowID}
	if len(prev) == 1 {
		p := Change{Entity: c.Entity, RowID: c.RowID, Field: c.Field, Value: json.RawMessage(prev[0].Value)}
		col, err := a.r.validate(Change{Entity: p.Entity, RowID: p.RowID, Field: p.Field, Value: p.Value,
			Clock: Clock{prev[0].Hlc, prev[0].Device}})
		if err != nil {
			return err
		}
		if err := a.db.Exec(`UPDATE `+c.Entity+` SET `+c.Field+` = ? WHERE id = ?`, col, c.RowID).Error; err != nil {
			return err
		}
		if err := a.db.Exec(`UPDATE field_clocks SET hlc = ?, device = ? WHERE entity = ? AND row_id = ? AND field = ?`,
			prev[0].Hlc, prev[0].Device, c.Entity, c.RowID, c.Field).Error; err != nil {
			return err
		}
		// The value that lost to the refused one is the current value now,
		// not a conflict any more.
		if err := a.db.Exec(`DELETE FROM conflicts WHERE id = ?`,
			conflictID(c.Entity, c.RowID, c.Field, Clock{prev[0].Hlc, prev[0].Device})).Error; err != nil {
			return err
		}
		a.rows[key] = true
		return deriveRow(a.db, c.Entity, c.RowID)
	}
	var dflt []struct{ DfltValue *string }
	if err := a.db.Raw(`SELECT dflt_value FROM pragma_table_info(?) WHERE name = ?`, c.Entity, c.Field).Scan(&dflt).Error; err != nil {
		return err
	}
	lit := "NULL"
	if len(dflt) == 1 && dflt[0].DfltValue != nil {
		lit = *dflt[0].DfltValue // from our own schema, never from a change
	}
	if err := a.db.Exec(`UPDATE `+c.Entity+` SET `+c.Field+` = `+lit+` WHERE id = ?`, c.RowID).Error; err != nil {
		return err
	}
	if err := a.db.Exec(`DELETE FROM field_clocks WHERE entity = ? AND row_id = ? AND field = ?`, c.Entity, c.RowID, c.Field).Error; err != nil {
		return err
	}
	var left int64
	if err := a.db.Raw(`SELECT COUNT(*) FROM field_clocks WHERE entity = ? AND row_id = ?`, c.Entity, c.RowID).Scan(&left).Error; err != nil {
		return err
	}
	if left == 0 {
		// No allowed change ever wrote this row: it goes, as on a device
		// that refused its changes on arrival. What its author wrote stays
		// in the change log and in refused_changes, and comes back if a
		// team change allows it after all.
		delete(a.rows, key)
		delete(a.derived, key)
		return a.db.Exec(`DELETE FROM `+c.Entity+` WHERE id = ?`, c.RowID).Error
	}
	a.rows[key] = true
	return deriveRow(a.db, c.Entity, c.RowID)
}
