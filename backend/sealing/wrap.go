package sealing

import (
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"

	"golang.org/x/crypto/chacha20poly1305"
)

// Sealing to a device's X25519 box key is an ephemeral X25519 exchange,
// HKDF-SHA256 over the shared secret (salted with both public keys, so the
// derived key belongs to this exchange and this recipient), then
// XChaCha20-Poly1305 with a random nonce and the place as associated data:
//
//	ephemeral public key (32) | nonce (24) | ciphertext and tag
//
// This is the construction of age's X25519 recipients and of HPKE's base
// mode. NaCl's box.SealAnonymous would do as well, but it brings a second
// cipher (XSalsa20) and a BLAKE2b nonce; this keeps one AEAD for the whole
// folder and uses the standard library's crypto/ecdh keys as they are.

// ErrNotForMe means a sealed box does not open with this device's key.
var ErrNotForMe = errors.New("sealed for another computer, or damaged")

const boxInfo = "postdeck box v1"

// SealTo encrypts plain so only the holder of the private part of to can
// open it, at the place ad.
func SealTo(to *ecdh.PublicKey, ad string, plain []byte) ([]byte, error) {
	eph, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	shared, err := eph.ECDH(to)
	if err != nil {
		return nil, err
	}
	key, err := boxKey(shared, eph.PublicKey().Bytes(), to.Bytes())
	if err != nil {
		return nil, err
	}
	a, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	out := append([]byte{}, eph.PublicKey().Bytes()...)
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out = append(out, nonce...)
	return a.Seal(out, nonce, plain, []byte(ad)), nil
}

// OpenWith decrypts a box sealed with SealTo for priv's public key.
func OpenWith(priv *ecdh.PrivateKey, ad string, data []byte) ([]byte, error) {
	if len(data) < 32+chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead {
		return nil, ErrNotForMe
	}
	eph, err := ecdh.X25519().NewPublicKey(data[:32])
	if err != nil {
		return nil, ErrNotForMe
	}
	shared, err := priv.ECDH(eph)
	if err != nil {
		return nil, ErrNotForMe
	}
	key, err := boxKey(shared, data[:32], priv.PublicKey().Bytes())
	if err != nil {
		return nil, err
	}
	a, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	plain, err := a.Open(nil, data[32:32+chacha20poly1305.NonceSizeX], data[32+chacha20poly1305.NonceSizeX:], []byte(ad))
	if err != nil {
		return nil, ErrNotForMe
	}
	return plain, nil
}

func boxKey(shared, eph, to []byte) ([]byte, error) {
	salt := append(append([]byte{}, eph...), to...)
	return hkdf.Key(sha256.New, shared, salt, boxInfo, chacha20poly1305.KeySize)
}

// Wrap seals k for the device whose box key is to, at the place ad (the
// wrapping device's key file and the recipient's id), so a wrapped key
// cannot be moved to another entry.
func Wrap(k Key, to *ecdh.PublicKey, ad string) ([]byte, error) {
	id, err := hex.DecodeString(k.ID)
	if err != nil || len(id) != idLen {
		return nil, errors.New("bad key id")
	}
	plain := append(id, k.Secret[:]...)
	plain = binary.BigEndian.AppendUint32(plain, uint32(k.Gen))
	return SealTo(to, ad, plain)
}

// Unwrap opens a key wrapped for priv's public key.
func Unwrap(priv *ecdh.PrivateKey, ad string, data []byte) (Key, error) {
	var k Key
	plain, err := OpenWith(priv, ad, data)
	if err != nil {
		return k, err
	}
	if len(plain) != idLen+32+4 {
		return k, ErrNotForMe
	}
	k.ID = hex.EncodeToString(plain[:idLen])
	copy(k.Secret[:], plain[idLen:idLen+32])
	k.Gen = int(binary.BigEndian.Uint32(plain[idLen+32:]))
	return k, nil
}
