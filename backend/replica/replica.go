// Package replica is the one write path for synced data. Every change to a
// synced table is recorded as field changes (entity, id, field, value, clock,
// base) in the local change log, in the same transaction as the row write,
// and remote changes are merged here with per-field last-writer-wins, edit
// beats delete, and conflict records for concurrent edits, so nothing is ever
// silently lost. Transports (the shared folder) only move Change values.
package replica

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/events"
	"postdeck/backend/store"
)

// Local settings keys owned by the replica.
const (
	keyDeviceID = "device_id"
	keyHLC      = "hlc_last"
)

// DefaultMaxDrift is how far ahead of this device's wall clock a remote stamp
// may be before it is quarantined instead of applied.
const DefaultMaxDrift = 24 * time.Hour

// Change is one field change, the unit that travels between devices.
type Change struct {
	Entity string          `json:"e"`
	RowID  string          `json:"r"`
	Field  string          `json:"f"`
	Value  json.RawMessage `json:"v"`
	Clock  Clock           `json:"c"`
	// Base is the clock of the value the author replaced (zero for a new field).
	Base Clock `json:"b"`
}

// Options tune a Replica; the zero value is fine for production.
type Options struct {
	Now      func() time.Time
	MaxDrift time.Duration
	Emitter  events.Emitter
}

// Replica writes and merges synced data for one device.
type Replica struct {
	st     *store.Store
	reg    *registry
	hlc    *HLC
	device string
	emit   events.Emitter
	now    func() time.Time
	devMu  sync.RWMutex // guards device, which changes when a cloned install is detected
	guard  Guard        // checks the author's permission of remote changes; nil checks nothing
}

// ValidID reports whether s may be used as a row or device id: 1 to 64
// letters, digits, '_' or '-', starting with a letter or digit. (A loop, not
// a regexp: every change from another device is checked.)
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '_' && c != '-') {
			return false
		}
	}
	return true
}

// NewID returns a new time-ordered row id (UUIDv7).
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Open loads (or creates) this device's id and clock and returns a Replica
// that may write the given entities.
func Open(st *store.Store, entities []Entity, opt Options) (*Replica, error) {
	reg, err := newRegistry(entities)
	if err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.MaxDrift == 0 {
		opt.MaxDrift = DefaultMaxDrift
	}
	if opt.Emitter == nil {
		opt.Emitter = events.Nop{}
	}
	device, err := st.Local(keyDeviceID)
	if err != nil {
		return nil, err
	}
	if device == "" {
		device = uuid.NewString()
		if err := st.SetLocal(st.DB(), keyDeviceID, device); err != nil {
			return nil, err
		}
	}
	last, err := st.Local(keyHLC)
	if err != nil {
		return nil, err
	}
	return &Replica{
		st:     st,
		reg:    reg,
		hlc:    NewHLC(parseInt64(last), opt.Now, opt.MaxDrift),
		device: device,
		emit:   opt.Emitter,
		now:    opt.Now,
	}, nil
}

// Device returns this device's id.
func (r *Replica) Device() string {
	r.devMu.RLock()
	defer r.devMu.RUnlock()
	return r.device
}

// Tables returns the names of the synced tables.
func (r *Replica) Tables() []string { return r.reg.tables() }

// Write runs fn in one transaction; every change fn makes through the Writer
// is applied to its row and appended to the change log together, and the UI
// hears about it after the commit.
func (r *Replica) Write(ctx context.Context, fn func(w *Writer) error) error {
	touched := map[string]bool{}
	return r.st.Tx(ctx, func(tx *store.Tx) error {
		w := &Writer{r: r, db: tx.DB, touched: touched}
		defer w.close()
		if err := fn(w); err != nil {
			return err
		}
		if err := r.persistClock(tx.DB); err != nil {
			return err
		}
		tx.AfterCommit(func() { r.notify(touched) })
		return nil
	})
}

func (r *Replica) notify(touched map[string]bool) {
	if len(touched) == 0 {
		return
	}
	names := make([]string, 0, len(touched))
	for t := range touched {
		names = append(names, t)
	}
	sort.Strings(names)
	r.emit.Emit(events.Changed, events.ChangedPayload{Entities: names})
}

func (r *Replica) persistClock(db *gorm.DB) error {
	return r.st.SetLocal(db, keyHLC, strconv.FormatInt(r.hlc.Last(), 10))
}

// Writer makes local changes inside one Write transaction.
type Writer struct {
	r       *Replica
	db      *gorm.DB
	touched map[string]bool
	// stmts are the write path's statements, prepared once per transaction:
	// an import writes thousands of rows with the same few statements.
	stmts map[string]*sql.Stmt
}

// DB returns the transaction, for reads that must see this transaction's writes.
func (w *Writer) DB() *gorm.DB { return w.db }

// Insert creates a row with a new id and returns the id.
func (w *Writer) Insert(table string, values map[string]any) (string, error) {
	if _, ok := w.r.reg.entities[table]; !ok {
		return "", fmt.Errorf("replica: unknown entity %q", table)
	}
	// A new UUIDv7 names no row yet: nothing to read before writing.
	id := NewID()
	return id, w.write(table, id, nil, withCreatedAt(values, w.r.now()))
}

// Put writes values to the row id, creating it when it does not exist yet
// (for rows whose id is known in advance, such as the workspace). Only
// fields whose value differs are recorded.
func (w *Writer) Put(table, id string, values map[string]any) error {
	current, err := w.row(table, id)
	if err != nil {
		return err
	}
	if current != nil && current["deleted_at"] != nil {
		return apperr.New(apperr.CodeNotFound, "this item was deleted").With("id", id)
	}
	if current == nil {
		values = withCreatedAt(values, w.r.now())
	}
	return w.write(table, id, current, values)
}

// Update changes fields of an existing, live row.
func (w *Writer) Update(table, id string, values map[string]any) error {
	current, err := w.row(table, id)
	if err != nil {
		return err
	}
	if current == nil || current["deleted_at"] != nil {
		return apperr.New(apperr.CodeNotFound, "this item does not exist or was deleted").With("id", id)
	}
	return w.write(table, id, current, values)
}

// Delete marks the row deleted (a tombstone; the row stays, so a concurrent
// edit elsewhere can still bring it back and nothing is lost).
func (w *Writer) Delete(table, id string) error {
	live, _, err := w.rowState(table, id)
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
	return w.set(table, id, map[string]any{FieldTombstone: t})
}

// newTombstone records, for a delete at the given time, the clock of every
// field value its author had seen, so an edit the author never saw brings
// the row back on any device.
func newTombstone(db *gorm.DB, table, id string, at int64) (tombstone, error) {
	clocks, err := rowFieldClocks(db, table, id)
	if err != nil {
		return tombstone{}, err
	}
	t := tombstone{At: at, Fields: make(map[string]Clock, len(clocks))}
	var newest Clock
	for _, fc := range clocks {
		c := Clock{HLC: fc.Hlc, Device: fc.Device}
		t.Fields[fc.Field] = c
		if newest.Less(c) {
			newest = c
		}
	}
	// Seen keeps older builds, which compare only the newest clock, working.
	t.Seen, t.SeenDevice = newest.HLC, newest.Device
	return t, nil
}

// Restore brings a deleted row back.
func (w *Writer) Restore(table, id string) error {
	live, exists, err := w.rowState(table, id)
	if err != nil {
		return err
	}
	if !exists {
		return apperr.New(apperr.CodeNotFound, "this item does not exist").With("id", id)
	}
	if live {
		return nil
	}
	return w.set(table, id, map[string]any{FieldTombstone: nil})
}

// set records and applies the fields of values that differ from the row.
func (w *Writer) set(table, id string, values map[string]any) error {
	current, err := w.row(table, id)
	if err != nil {
		return err
	}
	return w.write(table, id, current, values)
}

func withCreatedAt(values map[string]any, now time.Time) map[string]any {
	out := make(map[string]any, len(values)+1)
	for k, v := range values {
		out[k] = v
	}
	if _, ok := out[FieldCreatedAt]; !ok {
		out[FieldCreatedAt] = now.UnixMilli()
	}
	return out
}
