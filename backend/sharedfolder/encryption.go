package sharedfolder

import (
	"context"
	"crypto/ecdh"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"sort"
	"sync"

	"postdeck/backend/devicekey"
	"postdeck/backend/sealing"
)

// End-to-end encryption of the shared folder (docs/SECURITY.md).
//
// workspace.json says the folder is encrypted (format 3, so a Postdeck
// from before refuses the folder instead of writing plain files into it).
// Segments, snapshots and attachments are sealed with the workspace key
// (sealfs.go). The key reaches a device only wrapped for its X25519 box
// key, in devices/<writer>/keys.json: each device writes only its own key
// file, signed with its Ed25519 key, listing the keys it wrapped and for
// whom. The founder (or whoever turns encryption on) makes the key; every
// key holder wraps the keys it holds for each confirmed device that lacks
// them, which covers a device confirmed just now and devices confirmed
// before the folder was encrypted. A key that was wrapped for a device
// revoked since is replaced: the holder that notices makes a key of the
// next generation and wraps it for every confirmed device left; new files
// are sealed with it, old ones stay readable with the old key.

// FolderFormatEncrypted is workspace.json's format for an encrypted folder.
const FolderFormatEncrypted = 3

// Encryption states in workspace.json.
const (
	EncryptionOn = "on"
	// EncryptionEncrypting means 'sync encrypt' started: every device
	// writes sealed files from now on, and the folder's plain files are
	// being sealed.
	EncryptionEncrypting = "encrypting"
)

// Reasons a device of an encrypted workspace has no key, also i18n keys
// under sync.key.*.
const (
	KeyWaitingConfirmation = "waiting_confirmation"
	KeyRefused             = "refused"
	KeyRevoked             = "revoked"
	// KeyNotShared: confirmed, and the next teammate who syncs passes the key on.
	KeyNotShared = "not_shared"
)

// CodeMemberRequired: a computer that joined an encrypted folder is
// confirmed for a member the person confirming it chooses.
const CodeMemberRequired = "device.member_required"

// CodeNoWorkspaceKey is the issue of a sync run that could read nothing,
// since this computer has no key to the encrypted folder yet.
const CodeNoWorkspaceKey = "sync.no_workspace_key"

// EncryptionInfo is workspace.json's note that the folder is encrypted.
type EncryptionInfo struct {
	State string `json:"state"`
	// By is the device that turned encryption on.
	By string `json:"by,omitempty"`
}

// KeyFile is devices/<id>/keys.json: the workspace keys its device wrapped
// for other devices (and itself), signed by it.
type KeyFile struct {
	Device string `json:"device"`
	// Key is the writer's Ed25519 public key the file is signed with.
	Key     string       `json:"key"`
	Wrapped []WrappedKey `json:"wrapped"`
	// Denied names devices this one saw refused or revoked, so a computer
	// that cannot read the folder can still say why.
	Denied map[string]string `json:"denied,omitempty"`
	Sig    string            `json:"sig"`
}

// WrappedKey is one workspace key wrapped for one device.
type WrappedKey struct {
	For string `json:"for"`
	ID  string `json:"id"`
	Gen int    `json:"gen"`
	// Sign and Box are the recipient's public keys: Box is what the key is
	// wrapped for; Sign lets others accept the recipient's own key file.
	Sign string `json:"sign"`
	Box  string `json:"box"`
	Data string `json:"data"`
}

// EncryptionStatus is what 'sync status --json' and the Sync page show.
type EncryptionStatus struct {
	// State is off, on or encrypting.
	State string `json:"state"`
	KeyID string `json:"keyId,omitempty"`
	// Devices are the devices the current key is wrapped for.
	Devices []string `json:"devices"`
	// Waiting says why this computer has no key yet ("" when it has one).
	Waiting string `json:"waiting,omitempty"`
}

// Local settings of encryption.
const (
	// keyEncrypted is set once this device saw the folder encrypted; a
	// workspace.json that says otherwise later is put right, never obeyed.
	keyEncrypted       = "sync_encrypted"
	keyEncryptionState = "sync_encryption_status"
)

// sealState is what a sync run knows of the folder's encryption.
type sealState struct {
	mu        sync.Mutex
	encrypted bool
	ring      sealing.Ring
	// boxes are the box keys of devices vouched for by key files, for
	// sealing this device's name to them before it holds the key.
	boxes map[string]string
}

func (s *sealState) get() (bool, sealing.Ring) {
	if s == nil {
		return false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.encrypted, s.ring
}

// sealedView wraps f so sealed files are sealed and opened with the keys
// this device found in its last sync run.
func (e *Engine) sealedView(f FS) FS {
	enc, ring := e.seal.get()
	if !enc {
		if v, _ := e.st.Local(keyEncrypted); v == "" {
			return f
		}
	}
	if ring == nil {
		ring = sealing.Ring{}
	}
	return &sealFS{FS: f, ring: ring, seal: len(ring) > 0}
}

func keyFileSigned(kf KeyFile) []byte {
	kf.Sig = ""
	data, _ := json.Marshal(kf)
	return append([]byte("postdeck keys v1\x00"), data...)
}

func wrapPlace(writer, recipient, id string) string {
	return "devices/" + writer + "/keys.json#" + recipient + "#" + id
}

// readKeyFiles returns the key files in the folder whose signature verifies
// against the key they name, by device.
func readKeyFiles(f FS) map[string]KeyFile {
	out := map[string]KeyFile{}
	entries, _ := f.ReadDir("devices")
	for _, d := range entries {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) {
			continue
		}
		var kf KeyFile
		if readJSON(f, devicePath(d.Name(), "keys.json"), &kf) != nil || kf.Device != d.Name() {
			continue
		}
		pub, err := devicekey.ParsePublic(kf.Key)
		sig, err2 := base64.StdEncoding.DecodeString(kf.Sig)
		if err != nil || err2 != nil || !ed25519.Verify(pub, keyFileSigned(kf), sig) {
			continue
		}
		out[d.Name()] = kf
	}
	return out
}

// trustedWriters returns the key files that count: written by a device the
// trust view confirms with that key, or one vouched for by a key file that
// counts, starting from the founder. A computer that cannot read the
// folder's confirmations yet (it has no key) still finds its key this way,
// whoever of the team wrapped it; a revoked device's file never counts.
func (e *Engine) trustedWriters(files map[string]KeyFile) map[string]KeyFile {
	t := e.trust
	ok := map[string]KeyFile{}
	if t == nil {
		return ok
	}
	vouched := map[string]map[string]bool{}
	vouch := func(d, k string) {
		if vouched[d] == nil {
			vouched[d] = map[string]bool{}
		}
		vouched[d][k] = true
	}
	if t.anchor != nil {
		vouch(t.anchor.Founder, t.anchor.FounderKey)
	}
	for changed := true; changed; {
		changed = false
		for d, kf := range files {
			if _, done := ok[d]; done {
				continue
			}
			if _, revoked := t.revoked[d]; revoked {
				continue
			}
			if !t.confirmed(d, kf.Key) && !vouched[d][kf.Key] {
				continue
			}
			ok[d], changed = kf, true
			for _, w := range kf.Wrapped {
				vouch(w.For, w.Sign)
			}
		}
	}
	return ok
}

// boxSigned is what a device signs to say its box key is its own.
func boxSigned(device, box string) []byte {
	return []byte("postdeck box key v1\x00" + device + "\x00" + box)
}

// openSealing reads the folder's encryption: the keys this device holds,
// a key made when an encrypted folder has none yet, keys wrapped for
// confirmed devices that lack them, a new key after a revocation. It
// returns f as the rest of the run sees it, and whether this device can
// take part (false: encrypted, and it holds no key).
func (e *Engine) openSealing(ctx context.Context, f FS, wf *WorkspaceFile, rep *Report) (FS, bool, error) {
	pinned, _ := e.st.Local(keyEncrypted)
	if wf.Encryption == nil {
		if pinned == "" {
			e.seal = &sealState{}
			return f, true, e.saveEncryptionStatus(EncryptionStatus{State: "off", Devices: []string{}})
		}
		// Someone wrote workspace.json without it: put it back, so no
		// device starts writing plain files.
		wf.Encryption = &EncryptionInfo{State: EncryptionOn}
		wf.Format = max(wf.Format, FolderFormatEncrypted)
		if err := writeJSON(f, "workspace.json", wf); err != nil {
			return f, false, writeError(err)
		}
	}
	if pinned == "" {
		if err := e.st.SetLocal(e.st.DB(), keyEncrypted, "1"); err != nil {
			return f, false, err
		}
	}
	keys, err := e.Keys()
	if err != nil {
		return f, false, err
	}
	me := e.rep.Device()
	files := readKeyFiles(f)
	trusted := e.trustedWriters(files)
	ring := sealing.Ring{}
	holders := map[string]map[string]bool{} // key id -> device+box
	boxes := map[string]string{}
	var denied string
	myBox := keys.BoxPublic()
	for w, kf := range trusted {
		for _, k := range kf.Wrapped {
			if holders[k.ID] == nil {
				holders[k.ID] = map[string]bool{}
			}
			holders[k.ID][k.For+"\x00"+k.Box] = true
			if k.For != me {
				boxes[k.For] = k.Box
			}
			if k.For != me || k.Box != myBox {
				continue
			}
			data, err := base64.StdEncoding.DecodeString(k.Data)
			if err != nil {
				continue
			}
			if key, err := sealing.Unwrap(keys.Box, wrapPlace(w, k.For, k.ID), data); err == nil && key.ID == k.ID {
				ring.Add(key)
			}
		}
		if s := kf.Denied[me]; s != "" {
			denied = s
		}
	}
	// A computer refused or revoked gets no name sealed to it either.
	for _, kf := range trusted {
		for d := range kf.Denied {
			delete(boxes, d)
		}
	}
	mayWrite := e.trust.confirmed(me, keys.Public()) || (e.trust.anchor != nil && e.trust.anchor.Founder == me)
	if len(ring) == 0 && len(holders) == 0 && mayWrite {
		// An encrypted folder without a key yet: this device makes it.
		k, err := sealing.NewKey(1)
		if err != nil {
			return f, false, err
		}
		ring.Add(k)
	}
	state := EncryptionStatus{State: wf.Encryption.State, Devices: []string{}}
	if len(ring) == 0 {
		state.Waiting = KeyWaitingConfirmation
		switch {
		case denied != "":
			state.Waiting = denied
		case mayWrite:
			state.Waiting = KeyNotShared
		}
		e.seal = &sealState{encrypted: true, ring: ring, boxes: boxes}
		rep.Issues = append(rep.Issues, Issue{Code: CodeNoWorkspaceKey, Detail: state.Waiting})
		return &sealFS{FS: f, ring: ring}, false, e.saveEncryptionStatus(state)
	}
	if mayWrite {
		if err := e.shareKeys(f, files[me], ring, holders); err != nil {
			return f, false, err
		}
	}
	cur, _ := ring.Current()
	state.KeyID = cur.ID
	for h := range holders[cur.ID] {
		d, _, _ := cutString(h)
		state.Devices = append(state.Devices, d)
	}
	sort.Strings(state.Devices)
	state.Devices = compactStrings(state.Devices)
	e.seal = &sealState{encrypted: true, ring: ring, boxes: boxes}
	return &sealFS{FS: f, ring: ring, seal: true, plainSeen: &[]string{}}, true, e.saveEncryptionStatus(state)
}

// shareKeys wraps the keys this device holds for every confirmed device
// (itself included) that lacks them, after making a new key when the
// current one was wrapped for a device revoked since; it rewrites this
// device's key file only when something changed.
func (e *Engine) shareKeys(f FS, mine KeyFile, ring sealing.Ring, holders map[string]map[string]bool) error {
	keys, err := e.Keys()
	if err != nil {
		return err
	}
	me := e.rep.Device()
	t := e.trust
	type recipient struct{ device, sign, box string }
	rcpts := []recipient{{me, keys.Public(), keys.BoxPublic()}}
	denied := map[string]string{}
	entries, _ := f.ReadDir("devices")
	for _, d := range entries {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) || d.Name() == me {
			continue
		}
		var dev DeviceFile
		if readJSON(f, devicePath(d.Name(), "device.json"), &dev) != nil || dev.DeviceID != d.Name() || dev.PublicKey == "" {
			continue
		}
		switch t.state(d.Name(), dev.PublicKey) {
		case StateRefused:
			denied[d.Name()] = KeyRefused
			continue
		case StateRevoked:
			denied[d.Name()] = KeyRevoked
			continue
		}
		if !t.confirmed(d.Name(), dev.PublicKey) || dev.BoxKey == "" {
			continue
		}
		pub, _ := devicekey.ParsePublic(dev.PublicKey)
		sig, err := base64.StdEncoding.DecodeString(dev.BoxSig)
		if err != nil || !ed25519.Verify(pub, boxSigned(dev.DeviceID, dev.BoxKey), sig) {
			continue // a box key its device did not sign is nobody's
		}
		rcpts = append(rcpts, recipient{d.Name(), dev.PublicKey, dev.BoxKey})
	}
	cur, _ := ring.Current()
	for h := range holders[cur.ID] {
		if d, _, _ := cutString(h); hasKey(t.revoked, d) {
			// The key in use reached a device revoked since: new files get
			// a new key that device never sees.
			next, err := sealing.NewKey(cur.Gen + 1)
			if err != nil {
				return err
			}
			ring.Add(next)
			break
		}
	}
	out := KeyFile{Device: me, Key: keys.Public(), Wrapped: nil, Denied: denied}
	if mine.Key == keys.Public() {
		out.Wrapped = append(out.Wrapped, mine.Wrapped...)
	}
	changed := mine.Key != keys.Public() || !sameDenied(mine.Denied, denied)
	for _, r := range rcpts {
		box, err := base64.StdEncoding.DecodeString(r.box)
		if err != nil {
			continue
		}
		pub, err := ecdh.X25519().NewPublicKey(box)
		if err != nil {
			continue
		}
		for _, id := range ring.IDs() {
			if holders[id][r.device+"\x00"+r.box] {
				continue
			}
			k := ring[id]
			w, err := sealing.Wrap(k, pub, wrapPlace(me, r.device, k.ID))
			if err != nil {
				return err
			}
			out.Wrapped = append(out.Wrapped, WrappedKey{For: r.device, ID: k.ID, Gen: k.Gen, Sign: r.sign, Box: r.box,
				Data: base64.StdEncoding.EncodeToString(w)})
			if holders[id] == nil {
				holders[id] = map[string]bool{}
			}
			holders[id][r.device+"\x00"+r.box] = true
			changed = true
		}
	}
	if !changed {
		return nil
	}
	sort.SliceStable(out.Wrapped, func(i, j int) bool {
		a, b := out.Wrapped[i], out.Wrapped[j]
		if a.For != b.For {
			return a.For < b.For
		}
		return a.Gen < b.Gen
	})
	out.Sig = base64.StdEncoding.EncodeToString(keys.SignBytes(keyFileSigned(out)))
	if err := f.MkdirAll(devicePath(me)); err != nil {
		return writeError(err)
	}
	if err := writeJSON(f, devicePath(me, "keys.json"), out); err != nil {
		return writeError(err)
	}
	return nil
}

func sameDenied(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func cutString(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func (e *Engine) saveEncryptionStatus(s EncryptionStatus) error {
	data, _ := json.Marshal(s)
	// Every sync says it; an idle sync should not write the database to
	// store what is already there.
	if cur, err := e.st.Local(keyEncryptionState); err == nil && cur == string(data) {
		return nil
	}
	return e.st.SetLocal(e.st.DB(), keyEncryptionState, string(data))
}

// Encryption returns the folder's encryption as the last sync saw it.
func (e *Engine) Encryption() (EncryptionStatus, error) {
	s := EncryptionStatus{State: "off", Devices: []string{}}
	v, err := e.st.Local(keyEncryptionState)
	if err != nil || v == "" {
		return s, err
	}
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return EncryptionStatus{State: "off", Devices: []string{}}, nil
	}
	if s.Devices == nil {
		s.Devices = []string{}
	}
	return s, nil
}

// errNoKey reports whether err is a sealed file this device cannot open.
func errNoKey(err error) bool {
	return errors.Is(err, sealing.ErrNoKey) || errors.Is(err, ErrNoWorkspaceKey)
}
