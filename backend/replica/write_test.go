package replica

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/store"
)

// The write path writes a row in a few statements instead of field by
// field. These are the field-by-field versions it replaced, kept here as the
// reference: the same writes through both must leave the same rows, field
// clocks and change log, down to every clock, base and seq.

func (w *Writer) refPut(table, id string, values map[string]any) error {
	live, exists, err := w.refRowState(table, id)
	if err != nil {
		return err
	}
	if exists && !live {
		return apperr.New(apperr.CodeNotFound, "this item was deleted").With("id", id)
	}
	if !exists {
		values = withCreatedAt(values, w.r.now())
	}
	return w.refSet(table, id, values)
}

func (w *Writer) refUpdate(table, id string, values map[string]any) error {
	live, _, err := w.refRowState(table, id)
	if err != nil {
		return err
	}
	if !live {
		return apperr.New(apperr.CodeNotFound, "this item does not exist or was deleted").With("id", id)
	}
	return w.refSet(table, id, values)
}

func (w *Writer) refDelete(table, id string) error {
	live, _, err := w.refRowState(table, id)
	if err != nil {
		return err
	}
	if !live {
		return apperr.New(apperr.CodeNotFound, "this item does not exist or was deleted").With("id", id)
	}
	t, err := newTombstone(w.db, table, id, w.r.now().UnixMilli())
	if err != nil {
		return err
	}
	return w.refSet(table, id, map[string]any{FieldTombstone: t})
}

func (w *Writer) refRestore(table, id string) error {
	live, exists, err := w.refRowState(table, id)
	if err != nil {
		return err
	}
	if !exists {
		return apperr.New(apperr.CodeNotFound, "this item does not exist").With("id", id)
	}
	if live {
		return nil
	}
	return w.refSet(table, id, map[string]any{FieldTombstone: nil})
}

func (w *Writer) refSet(table, id string, values map[string]any) error {
	if !ValidID(id) {
		return fmt.Errorf("replica: bad id %q", id)
	}
	current, err := readRow(w.db, table, id)
	if err != nil {
		return err
	}
	fields := make([]string, 0, len(values))
	for f := range values {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	var stamp int64
	for _, f := range fields {
		k, err := w.r.reg.kind(table, f)
		if err != nil {
			return fmt.Errorf("replica: %w", err)
		}
		raw, err := json.Marshal(values[f])
		if err != nil {
			return err
		}
		col, err := columnValue(k, raw)
		if err != nil {
			return err
		}
		if old, ok := current[f]; ok && sameValue(old, col) {
			continue
		}
		if stamp == 0 {
			stamp = w.r.hlc.Next()
		}
		base, _, err := fieldClock(w.db, table, id, f)
		if err != nil {
			return err
		}
		c := Change{Entity: table, RowID: id, Field: f, Value: raw, Clock: Clock{HLC: stamp, Device: w.r.Device()}, Base: base}
		if err := w.db.Exec(`INSERT INTO changes(entity, row_id, field, value, hlc, device, base_hlc, base_device)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.Entity, c.RowID, c.Field, string(c.Value), c.Clock.HLC, c.Clock.Device,
			c.Base.HLC, c.Base.Device).Error; err != nil {
			return err
		}
		q := fmt.Sprintf(`INSERT INTO %s(id, %s) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET %s = excluded.%s`, table, f, f, f)
		if err := w.db.Exec(q, id, col).Error; err != nil {
			return err
		}
		if err := w.db.Exec(`INSERT INTO field_clocks(entity, row_id, field, hlc, device) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(entity, row_id, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device`,
			table, id, f, stamp, w.r.Device()).Error; err != nil {
			return err
		}
	}
	if stamp == 0 {
		return nil
	}
	w.touched[table] = true
	return deriveRow(w.db, table, id)
}

func (w *Writer) refRowState(table, id string) (live, exists bool, err error) {
	var rows []struct{ DeletedAt *int64 }
	if err := w.db.Raw("SELECT deleted_at FROM "+table+" WHERE id = ?", id).Scan(&rows).Error; err != nil {
		return false, false, err
	}
	if len(rows) == 0 {
		return false, false, nil
	}
	return rows[0].DeletedAt == nil, true, nil
}

var writeEntities = []Entity{{Table: "members", Fields: map[string]Kind{
	"name": Text, "email": Text, "roles": JSON, "capacity_hours": Float, "freelancer": Bool,
}}}

// openAs opens a replica with a fixed device id and clock, so two of them
// given the same writes stamp them alike.
func openAs(t *testing.T, device string) (*Replica, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SetLocal(st.DB(), keyDeviceID, device); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2027, 2, 20, 9, 30, 0, 0, time.UTC)
	r, err := Open(st, writeEntities, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return r, st
}

func dump(t *testing.T, db *gorm.DB) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for _, q := range []string{"SELECT * FROM members ORDER BY id", "SELECT * FROM field_clocks ORDER BY entity, row_id, field",
		"SELECT * FROM changes ORDER BY seq"} {
		var rows []map[string]any
		if err := db.Raw(q).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		out[q] = rows
	}
	return out
}

// Random puts, updates, deletes and restores of a few rows, with repeated,
// unchanged and partial values, through the write path and through the
// field-by-field reference, end in the same rows, clocks and change log, and
// fail with the same errors.
func TestWritesMatchTheFieldByFieldReference(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	fast, fastDB := openAs(t, "device-a")
	ref, refDB := openAs(t, "device-a")
	ids := []string{"m1", "m2", "m3", "m4", "bad id"}
	names := []string{"Sari", "Ana", "Budi", ""}
	values := func() map[string]any {
		v := map[string]any{}
		if rng.Intn(3) > 0 {
			v["name"] = names[rng.Intn(len(names))]
		}
		if rng.Intn(2) == 0 {
			v["roles"] = []string{"content_creator", "social_media_manager"}[:rng.Intn(3)]
		}
		if rng.Intn(2) == 0 {
			v["capacity_hours"] = float64(rng.Intn(3) * 8)
		}
		if rng.Intn(3) == 0 {
			v["freelancer"] = rng.Intn(2) == 0
		}
		if rng.Intn(4) == 0 {
			v["email"] = "sari@kopi.id"
		}
		return v
	}
	for step := 0; step < 400; step++ {
		id, v, op := ids[rng.Intn(len(ids))], values(), rng.Intn(6)
		// A few writes per transaction, as a batch does.
		run := func(r *Replica, newPath bool) error {
			return r.Write(context.Background(), func(w *Writer) error {
				switch {
				case op <= 1 && newPath:
					return w.Put("members", id, v)
				case op <= 1:
					return w.refPut("members", id, v)
				case op == 2 && newPath:
					return w.Update("members", id, v)
				case op == 2:
					return w.refUpdate("members", id, v)
				case op == 3 && newPath:
					return w.Delete("members", id)
				case op == 3:
					return w.refDelete("members", id)
				case op == 4 && newPath:
					return w.Restore("members", id)
				case op == 4:
					return w.refRestore("members", id)
				case newPath:
					if err := w.Put("members", id, v); err != nil {
						return err
					}
					return w.Update("members", id, map[string]any{"name": "Dewi"})
				default:
					if err := w.refPut("members", id, v); err != nil {
						return err
					}
					return w.refUpdate("members", id, map[string]any{"name": "Dewi"})
				}
			})
		}
		errFast, errRef := run(fast, true), run(ref, false)
		if fmt.Sprint(errFast) != fmt.Sprint(errRef) {
			t.Fatalf("step %d (op %d on %q): write path says %v, reference %v", step, op, id, errFast, errRef)
		}
	}
	got, want := dump(t, fastDB.DB()), dump(t, refDB.DB())
	for q := range want {
		if len(want[q]) == 0 && q != "SELECT * FROM changes ORDER BY seq" {
			continue
		}
		if !reflect.DeepEqual(got[q], want[q]) {
			t.Errorf("%s differs:\nwrite path %v\nreference  %v", q, got[q], want[q])
		}
	}
	if len(want["SELECT * FROM changes ORDER BY seq"]) < 100 {
		t.Fatalf("only %d changes: the test wrote too little", len(want["SELECT * FROM changes ORDER BY seq"]))
	}
}

func TestConcatLessOrdersAsTheJoinedTexts(t *testing.T) {
	keys := [][2]string{{"posts", "a"}, {"post", "sz"}, {"posts", ""}, {"post_events", "b"}, {"", "postsa"}, {"posts", "ab"}, {"p", "osts"}}
	for _, a := range keys {
		for _, b := range keys {
			if got, want := concatLess(a, b), a[0]+a[1] < b[0]+b[1]; got != want {
				t.Errorf("concatLess(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// The shortcuts for plain texts and whole numbers read values exactly as
// json.Unmarshal does, and leave everything else to it.
func TestPlainValuesReadAsJSONDoes(t *testing.T) {
	for _, raw := range []string{`"Promo kopi susu"`, `""`, `"Diskon 20%, hari ini!"`, `"kopi ☕"`, `"a\nb"`, `"a\"b"`,
		`"\u00e9"`, "\"\xff\"", "\"tab\there\"", `"`, `"a`, `a"`, ` "a"`, `"a" `, `0`, `-0`, `17`, `-42`, `01`, `1.0`,
		`1e3`, `123456789012345`, `1234567890123456`, `+1`, `-`, `""""`, `9007199254740993`} {
		for _, k := range []Kind{Text, Int} {
			var want any
			switch k {
			case Text:
				var s string
				if json.Unmarshal([]byte(raw), &s) == nil {
					want = s
				}
			case Int:
				var f float64
				if json.Unmarshal([]byte(raw), &f) == nil && f == float64(int64(f)) && f <= 1<<53 && f >= -(1<<53) {
					want = int64(f)
				}
			}
			got, err := columnValue(k, json.RawMessage(raw))
			if err != nil {
				got = nil
			}
			if got != want {
				t.Errorf("kind %d, %s: got %#v, json.Unmarshal gives %#v", k, raw, got, want)
			}
		}
	}
}
