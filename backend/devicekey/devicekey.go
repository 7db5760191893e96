// Package devicekey keeps this install's key pairs: an Ed25519 pair that
// signs every segment and snapshot the device writes to the shared folder,
// and an X25519 pair whose public part is published so a workspace key can
// later be wrapped for this device. The private keys live in the data folder,
// readable only by the user, and never travel in a backup: a data folder
// restored on another computer makes new keys and joins as a new device.
package devicekey

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FileName is the key file in the data folder. Backups leave it out.
const FileName = "device-key.json"

// Keys are one device's key pairs.
type Keys struct {
	// Device is the device id the keys were made for; a data folder that
	// carries on under a new id makes new keys.
	Device string
	Sign   ed25519.PrivateKey
	Box    *ecdh.PrivateKey
}

type keyFile struct {
	Device string `json:"device"`
	// Ed25519 is the private key's 32-byte seed, base64.
	Ed25519 string `json:"ed25519"`
	// X25519 is the private key, base64.
	X25519 string `json:"x25519"`
}

// LoadOrCreate returns the keys of device kept in dataDir, making and saving
// new ones when there are none or they belong to another device id.
func LoadOrCreate(dataDir, device string) (*Keys, error) {
	path := filepath.Join(dataDir, FileName)
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		var kf keyFile
		if err := json.Unmarshal(data, &kf); err == nil && kf.Device == device {
			if k, err := parse(kf); err == nil {
				return k, nil
			}
		}
		// Another device id's keys (a copied or cloned data folder) or a
		// damaged file: this device id gets keys of its own.
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("cannot read the device key: %w", err)
	}
	k, err := generate(device)
	if err != nil {
		return nil, err
	}
	if err := save(path, k); err != nil {
		return nil, err
	}
	return k, nil
}

func parse(kf keyFile) (*Keys, error) {
	seed, err := base64.StdEncoding.DecodeString(kf.Ed25519)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, errors.New("bad signing key")
	}
	box, err := base64.StdEncoding.DecodeString(kf.X25519)
	if err != nil {
		return nil, err
	}
	bk, err := ecdh.X25519().NewPrivateKey(box)
	if err != nil {
		return nil, err
	}
	return &Keys{Device: kf.Device, Sign: ed25519.NewKeyFromSeed(seed), Box: bk}, nil
}

func generate(device string) (*Keys, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	box, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return &Keys{Device: device, Sign: priv, Box: box}, nil
}

// save writes the key file readable by the user alone, through a temp file
// and a rename so a crash never leaves half a key.
func save(path string, k *Keys) error {
	data, err := json.MarshalIndent(keyFile{Device: k.Device,
		Ed25519: base64.StdEncoding.EncodeToString(k.Sign.Seed()),
		X25519:  base64.StdEncoding.EncodeToString(k.Box.Bytes())}, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".device-key-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write the device key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Public returns the Ed25519 public key, base64.
func (k *Keys) Public() string {
	return base64.StdEncoding.EncodeToString(k.Sign.Public().(ed25519.PublicKey))
}

// BoxPublic returns the X25519 public key, base64.
func (k *Keys) BoxPublic() string {
	return base64.StdEncoding.EncodeToString(k.Box.PublicKey().Bytes())
}

// SignBytes signs data with the Ed25519 key.
func (k *Keys) SignBytes(data []byte) []byte { return ed25519.Sign(k.Sign, data) }

// ParsePublic decodes a base64 Ed25519 public key.
func ParsePublic(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("not an Ed25519 public key")
	}
	return ed25519.PublicKey(b), nil
}

// Fingerprint is what people compare to tell a device's key apart, in the
// way Syncthing shows device ids: the SHA-256 of the public key, base32, in
// 7 groups of 4 characters. "" for a key that cannot be read.
func Fingerprint(public string) string {
	b, err := base64.StdEncoding.DecodeString(public)
	if err != nil || len(b) == 0 {
		return ""
	}
	sum := sha256.Sum256(b)
	s := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:])[:28]
	groups := make([]string, 0, 7)
	for i := 0; i < len(s); i += 4 {
		groups = append(groups, s[i:i+4])
	}
	return strings.Join(groups, "-")
}
