package replica

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Kind is the type of a synced field's value.
type Kind int

// The kinds a synced field can have. JSON fields hold any JSON value (lists of
// ids, small objects) in a TEXT column.
const (
	Text Kind = iota
	Int
	Float
	Bool
	JSON
)

// Fields every synced table has. created_at and tombstone are ordinary synced
// fields; updated_at and deleted_at are derived on every device.
const (
	FieldCreatedAt = "created_at"
	FieldTombstone = "tombstone"
)

// Entity describes one synced table: its name and the fields that may change.
type Entity struct {
	Table  string
	Fields map[string]Kind
}

// MaxTextBytes limits one text or JSON value, so a corrupt or hostile change
// cannot fill the database.
const MaxTextBytes = 1 << 20

var identRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

type registry struct {
	entities map[string]Entity
}

func newRegistry(entities []Entity) (*registry, error) {
	r := &registry{entities: map[string]Entity{}}
	for _, e := range entities {
		if !identRe.MatchString(e.Table) {
			return nil, fmt.Errorf("replica: bad table name %q", e.Table)
		}
		fields := map[string]Kind{FieldCreatedAt: Int, FieldTombstone: JSON}
		for f, k := range e.Fields {
			if !identRe.MatchString(f) || f == "id" || f == "updated_at" || f == "deleted_at" {
				return nil, fmt.Errorf("replica: bad field %s.%s", e.Table, f)
			}
			fields[f] = k
		}
		r.entities[e.Table] = Entity{Table: e.Table, Fields: fields}
	}
	return r, nil
}

func (r *registry) kind(table, field string) (Kind, error) {
	e, ok := r.entities[table]
	if !ok {
		return 0, fmt.Errorf("unknown entity %q", table)
	}
	k, ok := e.Fields[field]
	if !ok {
		return 0, fmt.Errorf("unknown field %s.%s", table, field)
	}
	return k, nil
}

// tables returns the registered table names, sorted.
func (r *registry) tables() []string {
	out := make([]string, 0, len(r.entities))
	for t := range r.entities {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// columnValue checks a JSON value against a field's kind and converts it to
// what the SQLite column stores.
func columnValue(k Kind, raw json.RawMessage) (any, error) {
	if len(raw) > MaxTextBytes {
		return nil, fmt.Errorf("value of %d bytes is over the limit", len(raw))
	}
	if bytes.Equal(raw, []byte("null")) {
		if k == JSON {
			return nil, nil
		}
		return nil, fmt.Errorf("null is not allowed here")
	}
	switch k {
	case Text:
		if s, ok := plainString(raw); ok {
			return s, nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("want text: %w", err)
		}
		return s, nil
	case Int:
		if n, ok := plainInt(raw); ok {
			return n, nil
		}
		var f float64
		if err := json.Unmarshal(raw, &f); err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, fmt.Errorf("want a whole number, got %s", truncate(raw))
		}
		return int64(f), nil
	case Float:
		var f float64
		if err := json.Unmarshal(raw, &f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("want a number, got %s", truncate(raw))
		}
		return f, nil
	case Bool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, fmt.Errorf("want true or false, got %s", truncate(raw))
		}
		if b {
			return int64(1), nil
		}
		return int64(0), nil
	case JSON:
		if !json.Valid(raw) {
			return nil, fmt.Errorf("want JSON, got %s", truncate(raw))
		}
		return string(raw), nil
	}
	return nil, fmt.Errorf("unknown kind %d", k)
}

// plainString reads a JSON string without escapes, the usual text, the way
// json.Unmarshal does but without its reflection: a device joining a
// workspace reads hundreds of thousands of them. Anything else is left to
// json.Unmarshal.
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(inner) {
		return "", false // json.Unmarshal replaces invalid bytes
	}
	return string(inner), true
}

// plainInt reads a JSON whole number of at most 15 digits (well inside the
// 2^53 an Int field allows), like json.Unmarshal into a float64 would.
func plainInt(raw []byte) (int64, bool) {
	digits := raw
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 15 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	return n, err == nil
}

func truncate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
