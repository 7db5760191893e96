package sealing

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"errors"
	"testing"
)

func mustKey(t *testing.T, gen int) Key {
	t.Helper()
	k, err := NewKey(gen)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k := mustKey(t, 1)
	other := mustKey(t, 1)
	ring := Ring{}
	ring.Add(k)
	const place = "devices/a/changes/000000000001.seg"
	big := make([]byte, 3*ChunkSize+17)
	_, _ = rand.Read(big)
	for _, plain := range [][]byte{{}, []byte("Launch of the Ramadan campaign"), big, make([]byte, ChunkSize)} {
		data, err := Seal(k, place, plain)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(data)) != SealedLen(int64(len(plain))) {
			t.Fatalf("sealed %d bytes into %d, SealedLen says %d", len(plain), len(data), SealedLen(int64(len(plain))))
		}
		if len(plain) > 8 && bytes.Contains(data, plain[:8]) {
			t.Fatal("plaintext visible in the envelope")
		}
		if id, _ := KeyID(data); id != k.ID {
			t.Fatalf("key id %q, want %q", id, k.ID)
		}
		got, err := Open(ring, place, data)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("open %d bytes: %v", len(plain), err)
		}
		// Truncated anywhere: "still arriving", never corrupt.
		for _, cut := range []int{0, 5, headerLen - 1, headerLen, len(data) / 2, len(data) - 1} {
			if cut >= len(data) {
				continue
			}
			_, err := Open(ring, place, data[:cut])
			want := ErrIncomplete
			if cut < len(Magic) {
				want = ErrNotSealed
			}
			if !errors.Is(err, want) {
				t.Fatalf("cut at %d of %d: %v, want %v", cut, len(data), err, want)
			}
		}
		// A flipped byte anywhere after the magic and key id is refused.
		for _, at := range []int{len(Magic) + idLen, headerLen - 1, headerLen, len(data) - 1} {
			bad := append([]byte{}, data...)
			bad[at] ^= 0x40
			if _, err := Open(ring, place, bad); err == nil || errors.Is(err, ErrNoKey) {
				t.Fatalf("flip at %d of %d: %v, want refused", at, len(data), err)
			}
		}
		// Another place (a segment swapped for another), another key,
		// extra bytes at the end.
		cases := []struct {
			name  string
			ring  Ring
			place string
			data  []byte
			want  error
		}{
			{"moved", ring, "devices/a/changes/000000000002.seg", data, ErrCorrupt},
			{"unknown key", Ring{other.ID: other}, place, data, ErrNoKey},
			{"same id other secret", Ring{k.ID: Key{ID: k.ID, Secret: other.Secret}}, place, data, ErrCorrupt},
			{"trailing bytes", ring, place, append(append([]byte{}, data...), 'x'), ErrCorrupt},
			{"plain", ring, place, plain, ErrNotSealed},
		}
		for _, c := range cases {
			if len(plain) == 0 && c.name == "plain" {
				continue
			}
			if _, err := Open(c.ring, c.place, c.data); !errors.Is(err, c.want) {
				t.Fatalf("%s (%d bytes): %v, want %v", c.name, len(plain), err, c.want)
			}
		}
	}
}

func TestOpenPrefix(t *testing.T) {
	k := mustKey(t, 1)
	plain := bytes.Repeat([]byte("header line of a large snapshot\n"), 10000)
	data, err := Seal(k, "p", plain)
	if err != nil {
		t.Fatal(err)
	}
	got, err := OpenPrefix(Ring{k.ID: k}, "p", data[:PrefixLen(100)], 100)
	if err != nil || !bytes.HasPrefix(plain, got) || len(got) < 100 {
		t.Fatalf("prefix: %d bytes, %v", len(got), err)
	}
	bad := append([]byte{}, data[:PrefixLen(100)]...)
	bad[headerLen+3] ^= 1
	if _, err := OpenPrefix(Ring{k.ID: k}, "p", bad, 100); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("altered prefix: %v", err)
	}
}

func TestRingCurrent(t *testing.T) {
	r := Ring{}
	if _, ok := r.Current(); ok {
		t.Fatal("empty ring has a current key")
	}
	a, b, c := mustKey(t, 1), mustKey(t, 2), mustKey(t, 2)
	r.Add(a)
	r.Add(b)
	r.Add(c)
	cur, _ := r.Current()
	want := b
	if c.ID > b.ID {
		want = c
	}
	if cur.ID != want.ID {
		t.Fatalf("current %s, want the newest generation's greatest id %s", cur.ID, want.ID)
	}
}

func TestWrap(t *testing.T) {
	k := mustKey(t, 3)
	me, _ := ecdh.X25519().GenerateKey(rand.Reader)
	them, _ := ecdh.X25519().GenerateKey(rand.Reader)
	const place = "devices/a/keys.json#b"
	w, err := Wrap(k, me.PublicKey(), place)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unwrap(me, place, w)
	if err != nil || got != k {
		t.Fatalf("unwrap: %+v %v", got, err)
	}
	flipped := append([]byte{}, w...)
	flipped[len(flipped)-1] ^= 1
	cases := []struct {
		name  string
		priv  *ecdh.PrivateKey
		place string
		data  []byte
	}{
		{"another computer", them, place, w},
		{"moved to another entry", me, "devices/a/keys.json#c", w},
		{"flipped", me, place, flipped},
		{"truncated", me, place, w[:40]},
		{"empty", me, place, nil},
	}
	for _, c := range cases {
		if _, err := Unwrap(c.priv, c.place, c.data); !errors.Is(err, ErrNotForMe) {
			t.Fatalf("%s: %v, want ErrNotForMe", c.name, err)
		}
	}
}

func TestBlobName(t *testing.T) {
	a, b := mustKey(t, 1), mustKey(t, 1)
	sha := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	if BlobName(a, sha) == sha || BlobName(a, sha) != BlobName(a, sha) || BlobName(a, sha) == BlobName(b, sha) {
		t.Fatal("blob names must be stable per key, differ between keys and hide the hash")
	}
	if len(BlobName(a, sha)) != 64 {
		t.Fatal("a blob name is 64 hex digits")
	}
}

// FuzzOpen: whatever bytes a folder holds, opening them never panics, and
// anything that opens is exactly what was sealed.
func FuzzOpen(f *testing.F) {
	var secret [32]byte
	k := Key{ID: "0123456789abcdef", Gen: 1, Secret: secret}
	plain := []byte("segment header\nchange\n#end 1 x\n")
	good, err := Seal(k, "p", plain)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add(append([]byte(Magic), make([]byte, 60)...))
	f.Add([]byte(Magic + "\x01\x23\x45\x67\x89\xab\xcd\xef\xff\xff\xff\xff\xff\xff\xff\xff"))
	ring := Ring{k.ID: k}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Open(ring, "p", data)
		if err == nil && !bytes.Equal(out, plain) && len(out) > 0 {
			t.Fatalf("opened %q from bytes nobody sealed", out)
		}
		_, _ = OpenPrefix(ring, "p", data, 10)
	})
}
