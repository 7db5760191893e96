package sharedfolder

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"postdeck/backend/devicekey"
	"postdeck/backend/replica"
)

// FormatVersion is the segment and folder format this build writes. A
// segment or workspace.json with a newer format is refused whole. Format 2
// signs every segment and snapshot and records who may write in
// workspace.json; format 1 segments (from before signatures) are still read,
// and accepted where the upgrade record says they were there before it.
const FormatVersion = 2

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
	// Key is the author's Ed25519 public key (base64) the segment is
	// signed with. Whether that key may write for the device is decided by
	// the confirmations, not by the segment.
	Key string `json:"key,omitempty"`
	// Signed is set when reading a segment whose signature verified.
	Signed bool `json:"-"`
}

// trailerPrefix starts the last line of a segment: "#end <bytes> <sha256>\n",
// where bytes and sha256 cover everything before the trailer. A file without
// a valid trailer is still being written or was torn: "not here yet".
const trailerPrefix = "#end "

// ErrIncomplete means a segment is missing its trailer or is shorter than it
// says: a syncer has not delivered all of it yet.
var ErrIncomplete = errors.New("segment is incomplete")

// sigPrefix starts the line before the trailer of a signed segment:
// "#sig <base64 Ed25519 signature>\n", over every byte before that line.
const sigPrefix = "#sig "

// ErrBadSignature means a segment's signature does not verify against the
// key it names: it was altered after signing, or forged.
var ErrBadSignature = errors.New("the segment's signature does not match its content")

// ErrNewerFormat means the segment was written by a newer Postdeck.
var ErrNewerFormat = errors.New("segment was written by a newer version of Postdeck")

// EncodeSegment renders an unsigned segment: header, one change per line,
// trailer. Devices write signed segments (EncodeSignedSegment); this one is
// what builds before signatures wrote, kept for tests of reading them.
func EncodeSegment(h SegmentHeader, changes []replica.Change) ([]byte, error) {
	return encodeSegment(h, changes, nil)
}

// EncodeSignedSegment renders a segment signed with k: header (naming k's
// public key), one change per line, signature, trailer.
func EncodeSignedSegment(h SegmentHeader, changes []replica.Change, k *devicekey.Keys) ([]byte, error) {
	return encodeSegment(h, changes, k)
}

func encodeSegment(h SegmentHeader, changes []replica.Change, k *devicekey.Keys) ([]byte, error) {
	h.Count = len(changes)
	if k != nil {
		h.Key = k.Public()
	}
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
	if k != nil {
		// One signature over the whole segment: readers verify it once, not
		// once per change.
		sig := k.SignBytes(buf.Bytes())
		fmt.Fprintf(&buf, "%s%s\n", sigPrefix, base64.StdEncoding.EncodeToString(sig))
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
	signed, sig, err := splitSignature(data[:n])
	if err != nil {
		return h, nil, err
	}
	head, rest, ok := cutLine(signed)
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
	if sig != nil {
		pub, err := devicekey.ParsePublic(h.Key)
		if err != nil || !ed25519.Verify(pub, signed, sig) {
			return h, nil, ErrBadSignature
		}
		h.Signed = true
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

// splitSignature returns the signed part of a segment (everything before the
// trailer, less the signature line) and the signature, nil when unsigned.
func splitSignature(body []byte) ([]byte, []byte, error) {
	if len(body) < 2 {
		return body, nil, nil
	}
	j := bytes.LastIndexByte(body[:len(body)-1], '\n') + 1
	line := body[j : len(body)-1]
	if !bytes.HasPrefix(line, []byte(sigPrefix)) {
		return body, nil, nil
	}
	sig, err := base64.StdEncoding.DecodeString(string(line[len(sigPrefix):]))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, nil, ErrBadSignature
	}
	return body[:j], sig, nil
}

// Reseal puts a fresh trailer on body (everything before a trailer). Tests
// use it to alter a segment without breaking its checksum, so only the
// signature can tell.
func Reseal(body []byte) []byte {
	sum := sha256.Sum256(body)
	return fmt.Appendf(append([]byte{}, body...), "%s%d %s\n", trailerPrefix, len(body), hex.EncodeToString(sum[:]))
}
