package sharedfolder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"postdeck/backend/replica"
)

// FormatVersion is the segment and folder format this build writes. A
// segment or workspace.json with a newer format is refused whole.
const FormatVersion = 1

// Limits on what is read from the shared folder, so a corrupt or hostile
// file cannot exhaust memory.
const (
	MaxSegmentBytes    = 64 << 20
	MaxSegmentChanges  = 200_000
	MaxSnapshotBytes   = 2 << 30
	MaxSnapshotChanges = 20_000_000
	MaxSmallFileBytes  = 1 << 20
)

// SegmentHeader is the first line of a segment.
type SegmentHeader struct {
	Format    int    `json:"format"`
	Workspace string `json:"workspace"`
	Device    string `json:"device"`
	Seq       int64  `json:"seq"`
	Count     int    `json:"count"`
	Created   int64  `json:"created"`
	// Snapshot marks a compaction snapshot: the whole state its author had,
	// with Vector saying how far into each device's segments it reaches.
	Snapshot bool             `json:"snapshot,omitempty"`
	Vector   map[string]int64 `json:"vector,omitempty"`
}

// trailerPrefix starts the last line of a segment: "#end <bytes> <sha256>\n",
// where bytes and sha256 cover everything before the trailer. A file without
// a valid trailer is still being written or was torn: "not here yet".
const trailerPrefix = "#end "

// ErrIncomplete means a segment is missing its trailer or is shorter than it
// says: a syncer has not delivered all of it yet.
var ErrIncomplete = errors.New("segment is incomplete")

// ErrNewerFormat means the segment was written by a newer Postdeck.
var ErrNewerFormat = errors.New("segment was written by a newer version of Postdeck")

// EncodeSegment renders a segment: header, one change per line, trailer.
func EncodeSegment(h SegmentHeader, changes []replica.Change) ([]byte, error) {
	h.Count = len(changes)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(h); err != nil {
		return nil, err
	}
	for _, c := range changes {
		if err := enc.Encode(c); err != nil {
			return nil, err
		}
	}
	sum := sha256.Sum256(buf.Bytes())
	fmt.Fprintf(&buf, "%s%d %s\n", trailerPrefix, buf.Len(), hex.EncodeToString(sum[:]))
	return buf.Bytes(), nil
}

// DecodeSegment checks a segment's trailer and parses it. ErrIncomplete
// means "wait"; ErrNewerFormat means "refuse"; any other error means the file
// is corrupt.
func DecodeSegment(data []byte) (SegmentHeader, []replica.Change, error) {
	var h SegmentHeader
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return h, nil, ErrIncomplete
	}
	body := data[:len(data)-1]
	i := bytes.LastIndexByte(body, '\n')
	if i < 0 {
		return h, nil, ErrIncomplete
	}
	trailer := string(body[i+1:])
	if !strings.HasPrefix(trailer, trailerPrefix) {
		return h, nil, ErrIncomplete
	}
	fields := strings.Fields(strings.TrimPrefix(trailer, trailerPrefix))
	if len(fields) != 2 {
		return h, nil, fmt.Errorf("malformed trailer")
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n != i+1 {
		return h, nil, fmt.Errorf("trailer length %s does not match the file", fields[0])
	}
	sum := sha256.Sum256(data[:n])
	if hex.EncodeToString(sum[:]) != fields[1] {
		return h, nil, fmt.Errorf("checksum mismatch")
	}
	head, rest, ok := cutLine(data[:n])
	if !ok || len(head)+1 > replica.MaxTextBytes*2 {
		return h, nil, fmt.Errorf("missing header")
	}
	if err := json.Unmarshal(bytes.TrimSuffix(head, []byte("\r")), &h); err != nil {
		return h, nil, fmt.Errorf("bad header: %w", err)
	}
	if h.Format > FormatVersion {
		return h, nil, ErrNewerFormat
	}
	limit := MaxSegmentChanges
	if h.Snapshot {
		limit = MaxSnapshotChanges
	}
	if h.Format < 1 || h.Count < 0 || h.Count > limit {
		return h, nil, fmt.Errorf("bad header values")
	}
	changes, err := decodeChanges(rest, replica.MaxTextBytes*2)
	if err != nil {
		return h, nil, err
	}
	if len(changes) != h.Count {
		return h, nil, fmt.Errorf("header says %d changes, found %d", h.Count, len(changes))
	}
	return h, changes, nil
}
