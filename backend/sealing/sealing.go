// Package sealing encrypts what a workspace puts in the shared folder: a
// workspace key (32 random bytes with a short id), an envelope that seals a
// file with it (XChaCha20-Poly1305, bound to the file's place), and key
// wrapping for a device's X25519 box key, so the workspace key reaches a
// device only through its confirmation, never through a passphrase.
//
// An envelope is
//
//	magic "PDSEAL1\n" | key id (8 bytes) | plaintext length (8 bytes, big
//	endian) | nonce (24 bytes) | chunks
//
// where the plaintext is cut into chunks of ChunkSize bytes, each sealed
// with the nonce's last 8 bytes XORed with the chunk's index, and with the
// place (ad) and the 48-byte header as associated data. The length in the
// header tells a file a syncer is still delivering (shorter than it says:
// "wait") from a damaged or swapped one (a tag that fails: "refuse"). The
// chunks let a reader open the first line of a large snapshot without
// reading all of it.
package sealing

import (
	"bytes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"

	"golang.org/x/crypto/chacha20poly1305"
)

// Magic starts every sealed file, so readers tell sealed from plain files.
const Magic = "PDSEAL1\n"

// ChunkSize is how much plaintext one sealed chunk holds.
const ChunkSize = 64 << 10

const (
	idLen     = 8
	headerLen = len(Magic) + idLen + 8 + chacha20poly1305.NonceSizeX
	tagLen    = chacha20poly1305.Overhead
)

// Errors of opening an envelope.
var (
	// ErrIncomplete means the file is shorter than its header says: a
	// syncer has not delivered all of it yet. Read it again later.
	ErrIncomplete = errors.New("sealed file is incomplete")
	// ErrCorrupt means the file does not open with the key it names: it was
	// altered, moved to another place, or made for another key.
	ErrCorrupt = errors.New("sealed file is damaged or not for this place")
	// ErrNoKey means the file is sealed with a key this device does not hold.
	ErrNoKey = errors.New("sealed with a key this computer does not have")
	// ErrNotSealed means the data does not start with Magic.
	ErrNotSealed = errors.New("not a sealed file")
)

// Key is a workspace key. Gen orders keys: a rotation (after a device is
// revoked) makes a key of the next generation, and writers use the newest.
type Key struct {
	ID     string // 16 hex digits, random
	Gen    int
	Secret [32]byte
}

// NewKey makes a random key of generation gen.
func NewKey(gen int) (Key, error) {
	var k Key
	var id [idLen]byte
	if _, err := rand.Read(id[:]); err != nil {
		return k, err
	}
	if _, err := rand.Read(k.Secret[:]); err != nil {
		return k, err
	}
	k.ID, k.Gen = hex.EncodeToString(id[:]), gen
	return k, nil
}

// Ring is the set of workspace keys a device holds, by id.
type Ring map[string]Key

// Add puts k in the ring.
func (r Ring) Add(k Key) { r[k.ID] = k }

// Current returns the key writers use: the newest generation, and among
// keys of one generation (two devices rotated at once) the greatest id, so
// every device picks the same. ok is false for an empty ring.
func (r Ring) Current() (Key, bool) {
	var best Key
	ok := false
	for _, k := range r {
		if !ok || k.Gen > best.Gen || (k.Gen == best.Gen && k.ID > best.ID) {
			best, ok = k, true
		}
	}
	return best, ok
}

// IDs lists the ring's key ids, sorted.
func (r Ring) IDs() []string {
	out := make([]string, 0, len(r))
	for id := range r {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// IsSealed reports whether data starts like a sealed file.
func IsSealed(data []byte) bool { return bytes.HasPrefix(data, []byte(Magic)) }

// SealedLen is the size of the envelope of n bytes of plaintext.
func SealedLen(n int64) int64 {
	chunks := (n + ChunkSize - 1) / ChunkSize
	if chunks == 0 {
		chunks = 1 // an empty file still has one tag
	}
	return int64(headerLen) + n + chunks*tagLen
}

// KeyID returns the id of the key a sealed file names.
func KeyID(data []byte) (string, error) {
	if !IsSealed(data) {
		return "", ErrNotSealed
	}
	if len(data) < len(Magic)+idLen {
		return "", ErrIncomplete
	}
	return hex.EncodeToString(data[len(Magic) : len(Magic)+idLen]), nil
}

func (k Key) aead() cipher.AEAD {
	// Only a wrong key size fails, and the secret is always 32 bytes.
	a, _ := chacha20poly1305.NewX(k.Secret[:])
	return a
}

func chunkNonce(base []byte, i uint64) []byte {
	n := append([]byte{}, base...)
	tail := binary.BigEndian.Uint64(n[len(n)-8:]) ^ i
	binary.BigEndian.PutUint64(n[len(n)-8:], tail)
	return n
}

func chunkAD(ad string, header []byte) []byte {
	out := make([]byte, 0, len(ad)+1+len(header))
	out = append(out, ad...)
	out = append(out, 0)
	return append(out, header...)
}

// Seal encrypts plain with k for the place ad (such as
// "devices/<id>/changes/<seq>.seg"): the result opens only there.
func Seal(k Key, ad string, plain []byte) ([]byte, error) {
	id, err := hex.DecodeString(k.ID)
	if err != nil || len(id) != idLen {
		return nil, fmt.Errorf("bad key id %q", k.ID)
	}
	out := make([]byte, 0, SealedLen(int64(len(plain))))
	out = append(out, Magic...)
	out = append(out, id...)
	out = binary.BigEndian.AppendUint64(out, uint64(len(plain)))
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out = append(out, nonce...)
	header := append([]byte{}, out...)
	a, cad := k.aead(), chunkAD(ad, header)
	for i := uint64(0); ; i++ {
		n := min(len(plain), ChunkSize)
		out = a.Seal(out, chunkNonce(nonce, i), plain[:n], cad)
		plain = plain[n:]
		if len(plain) == 0 {
			return out, nil
		}
	}
}

// header parses an envelope's header.
func header(data []byte) (id string, size uint64, nonce []byte, err error) {
	if !IsSealed(data) {
		return "", 0, nil, ErrNotSealed
	}
	if len(data) < headerLen {
		return "", 0, nil, ErrIncomplete
	}
	id = hex.EncodeToString(data[len(Magic) : len(Magic)+idLen])
	size = binary.BigEndian.Uint64(data[len(Magic)+idLen:])
	return id, size, data[len(Magic)+idLen+8 : headerLen], nil
}

// Open decrypts an envelope sealed for the place ad with a key of ring.
// ErrIncomplete means "wait"; ErrNoKey means this device lacks the key;
// ErrCorrupt means the file is damaged, moved or not for this key.
func Open(ring Ring, ad string, data []byte) ([]byte, error) {
	return open(ring, ad, data, -1)
}

// OpenPrefix decrypts at least the first n bytes of the plaintext (all of
// it when shorter) from data, which may hold only the start of the
// envelope: enough whole chunks to cover n bytes.
func OpenPrefix(ring Ring, ad string, data []byte, n int64) ([]byte, error) {
	return open(ring, ad, data, n)
}

// PrefixLen is how many bytes of an envelope OpenPrefix needs to return
// the first n bytes of its plaintext.
func PrefixLen(n int64) int64 {
	chunks := max((n+ChunkSize-1)/ChunkSize, 1)
	return int64(headerLen) + chunks*(ChunkSize+tagLen)
}

func open(ring Ring, ad string, data []byte, prefix int64) ([]byte, error) {
	id, size, nonce, err := header(data)
	if err != nil {
		return nil, err
	}
	k, ok := ring[id]
	if !ok {
		return nil, ErrNoKey
	}
	if size > 1<<40 {
		return nil, ErrCorrupt
	}
	want := SealedLen(int64(size))
	body := data[headerLen:]
	if prefix < 0 || prefix >= int64(size) {
		if int64(len(data)) < want {
			return nil, ErrIncomplete
		}
		if int64(len(data)) > want {
			return nil, ErrCorrupt
		}
	}
	a, cad := k.aead(), chunkAD(ad, data[:headerLen])
	out := make([]byte, 0, min(int64(size), int64(len(body))))
	for i := uint64(0); ; i++ {
		left := int64(size) - int64(len(out))
		n := min(left, ChunkSize) + tagLen
		if int64(len(body)) < n {
			return nil, ErrIncomplete
		}
		out, err = a.Open(out, chunkNonce(nonce, i), body[:n], cad)
		if err != nil {
			return nil, ErrCorrupt
		}
		body = body[n:]
		if int64(len(out)) == int64(size) || (prefix >= 0 && int64(len(out)) >= prefix) {
			return out, nil
		}
	}
}

// NameKey derives from k the key that names attachments in the shared
// folder, so a file name reveals nothing about its content.
func NameKey(k Key) []byte {
	out, _ := hkdf.Key(sha256.New, k.Secret[:], nil, "postdeck attachment names", 32)
	return out
}

// BlobName is the name of the attachment with content hash sha under k:
// HMAC-SHA256 of the hash with k's name key, hex.
func BlobName(k Key, sha string) string {
	m := hmac.New(sha256.New, NameKey(k))
	m.Write([]byte(sha))
	return hex.EncodeToString(m.Sum(nil))
}
