package replica

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// ConflictsHashName names the open conflicts among the per-table hashes of
// a StateHash (no synced table can be called so: table names have no dot).
const ConflictsHashName = "open.conflicts"

// StateHash is a digest of this device's synced state: every synced table's
// rows (every synced field, tombstones included; the derived updated_at and
// deleted_at left out) and the open conflicts. Two devices that applied the
// same changes have the same StateHash, whatever order the changes came in;
// a different one means a bug or a damaged database.
type StateHash struct {
	// Hash covers everything below, in order.
	Hash string `json:"hash"`
	// Tables holds the hash of each synced table and of the open conflicts
	// (ConflictsHashName), so the first one that differs can be named.
	Tables map[string]string `json:"tables"`
}

// FirstDifference returns the first table (in name order, open conflicts
// last) whose hash differs between s and o, or "" if none does.
func (s StateHash) FirstDifference(o StateHash) string {
	names := map[string]bool{}
	for n := range s.Tables {
		names[n] = true
	}
	for n := range o.Tables {
		names[n] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		if n != ConflictsHashName {
			sorted = append(sorted, n)
		}
	}
	sort.Strings(sorted)
	sorted = append(sorted, ConflictsHashName)
	for _, n := range sorted {
		if s.Tables[n] != o.Tables[n] {
			return n
		}
	}
	return ""
}

// HashState computes the StateHash of the synced state as db sees it; run it
// inside a read transaction so it describes one moment. It reads every synced
// row once, streaming, in the order (table name, id, field name), and feeds a
// canonical encoding of each value (a type tag, then fixed-width numbers or
// length-prefixed text) to SHA-256, so no value can be mistaken for another.
func (r *Replica) HashState(ctx context.Context, db *gorm.DB) (StateHash, error) {
	out := StateHash{Tables: map[string]string{}}
	all := sha256.New()
	for _, table := range r.reg.tables() {
		fields := make([]string, 0, len(r.reg.entities[table].Fields))
		for f := range r.reg.entities[table].Fields {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		rows, err := db.WithContext(ctx).Raw("SELECT id, " + strings.Join(fields, ", ") + " FROM " + table + " ORDER BY id").Rows()
		if err != nil {
			return out, err
		}
		sum, err := hashRows(rows, fields)
		if err != nil {
			return out, fmt.Errorf("hash %s: %w", table, err)
		}
		out.Tables[table] = sum
		writeText(all, table)
		writeText(all, sum)
	}
	rows, err := db.WithContext(ctx).Raw(`SELECT c.id, c.entity, c.row_id, c.field, c.value, c.hlc, c.device FROM conflicts c
		WHERE NOT EXISTS (SELECT 1 FROM conflict_resolutions r WHERE r.id = c.id AND r.deleted_at IS NULL)
		ORDER BY c.id`).Rows()
	if err != nil {
		return out, err
	}
	sum, err := hashRows(rows, []string{"entity", "row_id", "field", "value", "hlc", "device"})
	if err != nil {
		return out, fmt.Errorf("hash conflicts: %w", err)
	}
	out.Tables[ConflictsHashName] = sum
	writeText(all, ConflictsHashName)
	writeText(all, sum)
	out.Hash = hex.EncodeToString(all.Sum(nil))
	return out, nil
}

// hashRows digests rows whose first column is the id and the others are
// fields, in that order, and closes rows.
func hashRows(rows *sql.Rows, fields []string) (string, error) {
	defer rows.Close()
	h := sha256.New()
	types := make([]any, len(fields)+1)
	ptrs := make([]any, len(fields)+1)
	// Scanning into any keeps SQLite's own type (integer, real, text, null),
	// which is part of the value: 1 and "1" must not hash alike.
	for i := range types {
		ptrs[i] = &types[i]
	}
	var buf [9]byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		for i, v := range types {
			if i > 0 {
				writeText(h, fields[i-1])
			}
			switch x := v.(type) {
			case nil:
				h.Write([]byte{'n'})
			case int64:
				buf[0] = 'i'
				binary.BigEndian.PutUint64(buf[1:], uint64(x))
				h.Write(buf[:])
			case float64:
				buf[0] = 'f'
				binary.BigEndian.PutUint64(buf[1:], math.Float64bits(x))
				h.Write(buf[:])
			case bool:
				buf[0] = 'i'
				b := uint64(0)
				if x {
					b = 1
				}
				binary.BigEndian.PutUint64(buf[1:], b)
				h.Write(buf[:])
			case []byte:
				h.Write([]byte{'s'})
				writeBytes(h, x)
			case string:
				h.Write([]byte{'s'})
				writeText(h, x)
			default:
				return "", fmt.Errorf("unexpected value of type %T", v)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeText(h hash.Hash, s string) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(s)))
	h.Write(n[:])
	h.Write([]byte(s))
}

func writeBytes(h hash.Hash, b []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	h.Write(n[:])
	h.Write(b)
}
