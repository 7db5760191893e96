package sharedfolder

import (
	"context"
	"crypto/ecdh"
	"encoding/base64"

	"postdeck/backend/apperr"
	"postdeck/backend/sealing"
)

// A computer joining an encrypted folder: its name sealed until it holds
// the key, the member the person confirming it chooses, and what it does
// once the key arrives.

// sealName puts this device's name into want the way the folder allows: in
// plain for a plain folder; sealed with the workspace key once this device
// holds it; before that, sealed to each teammate's box key, so whoever
// confirms it can still see which computer asks. A sealed name that still
// opens to the same name is kept, so device.json is not rewritten each run.
func (e *Engine) sealName(have DeviceFile, want *DeviceFile) error {
	keys, err := e.Keys()
	if err != nil {
		return err
	}
	want.BoxSig = base64.StdEncoding.EncodeToString(keys.SignBytes(boxSigned(want.DeviceID, want.BoxKey)))
	enc, ring := e.seal.get()
	if pinned, _ := e.st.Local(keyEncrypted); !enc && pinned == "" {
		return nil
	}
	name := want.DisplayName
	want.DisplayName = ""
	place := devicePath(want.DeviceID, "device.json") + "#name"
	if cur, ok := ring.Current(); ok {
		if id, err := sealedKeyID(have.SealedName); err == nil && id == cur.ID && e.openSealedName(have) == name {
			want.SealedName = have.SealedName
			return nil
		}
		data, err := sealing.Seal(cur, place, []byte(name))
		if err != nil {
			return err
		}
		want.SealedName = base64.StdEncoding.EncodeToString(data)
		return nil
	}
	want.NameFor = map[string]string{}
	var boxes map[string]string
	if e.seal != nil {
		boxes = e.seal.boxes
	}
	for d, box := range boxes {
		if old, ok := have.NameFor[d]; ok {
			want.NameFor[d] = old
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(box)
		if err != nil {
			continue
		}
		pub, err := ecdh.X25519().NewPublicKey(raw)
		if err != nil {
			continue
		}
		data, err := sealing.SealTo(pub, place+"#"+d, []byte(name))
		if err != nil {
			return err
		}
		want.NameFor[d] = base64.StdEncoding.EncodeToString(data)
	}
	return nil
}

func sealedKeyID(s string) (string, error) {
	data, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", err
	}
	return sealing.KeyID(data)
}

// openSealedName returns the name a device.json holds, opened with the
// workspace key or this device's box key; "" when it cannot be read.
func (e *Engine) openSealedName(dev DeviceFile) string {
	if dev.SealedName == "" && dev.NameFor == nil {
		return dev.DisplayName
	}
	place := devicePath(dev.DeviceID, "device.json") + "#name"
	_, ring := e.seal.get()
	if data, err := base64.StdEncoding.DecodeString(dev.SealedName); err == nil && dev.SealedName != "" {
		if name, err := sealing.Open(ring, place, data); err == nil {
			return string(name)
		}
	}
	me := e.rep.Device()
	if s, ok := dev.NameFor[me]; ok {
		keys, err := e.Keys()
		if err != nil {
			return ""
		}
		if data, err := base64.StdEncoding.DecodeString(s); err == nil {
			if name, err := sealing.OpenWith(keys.Box, place+"#"+me, data); err == nil {
				return string(name)
			}
		}
	}
	return ""
}

// ConfirmDeviceAs confirms a computer for member. A computer joining an
// encrypted folder cannot read the team to say whom it writes for, so the
// person confirming it chooses; a computer that asked to join as another
// member is confirmed for that member only (ConfirmDevice).
func (e *Engine) ConfirmDeviceAs(ctx context.Context, device, member string) (Device, error) {
	var asked []string
	if err := e.st.DB().WithContext(ctx).Raw(`SELECT member_id FROM sync_devices WHERE device = ?`, device).
		Scan(&asked).Error; err != nil {
		return Device{}, err
	}
	if len(asked) == 1 && asked[0] != "" && asked[0] != member {
		return Device{}, apperr.New(CodeNotConfirmedAsMem, "this computer asked to join as another member").
			With("member", member)
	}
	if len(asked) == 1 && asked[0] == "" {
		if err := e.st.DB().WithContext(ctx).Exec(`UPDATE sync_devices SET member_id = ? WHERE device = ?`, member, device).Error; err != nil {
			return Device{}, err
		}
	}
	return e.ConfirmDevice(ctx, device)
}

// adoptConfirmedMember makes a computer that joined without saying whom it
// writes for (an encrypted folder, whose team it could not read) the member
// a teammate confirmed it for.
func (e *Engine) adoptConfirmedMember(ctx context.Context) error {
	if me, err := e.st.Local("me"); err != nil || me != "" {
		return err
	}
	t, err := e.loadTrust(ctx)
	if err != nil {
		return err
	}
	if m := t.member[e.rep.Device()]; m != "" {
		return e.st.SetLocal(e.st.DB().WithContext(ctx), "me", m)
	}
	return nil
}

// republishView is the folder as a republish writes it: in a folder that
// was encrypted, sealed with the key this device finds there, or with a new
// key when the key files went with the rest (an emptied folder).
func (e *Engine) republishView(ctx context.Context, f FS) (FS, error) {
	var wf WorkspaceFile
	if err := readJSON(f, "workspace.json", &wf); err != nil {
		return f, apperr.New(CodeWorkspaceFile, "workspace.json in the shared folder cannot be read").WithCause(err)
	}
	t, err := e.loadTrust(ctx)
	if err != nil {
		return f, err
	}
	e.trust = t
	defer func() { e.trust = nil }()
	var rep Report
	sf, ready, err := e.openSealing(ctx, f, &wf, &rep)
	if err != nil {
		return f, err
	}
	if !ready {
		return f, apperr.New(CodeNoWorkspaceKey, "this computer does not have the workspace key yet")
	}
	return sf, nil
}

// checkJoinsAs refuses to confirm, in an encrypted folder, a computer that
// asked to join without saying whom it writes for: it would receive the key
// while belonging to nobody, and could then pick any member.
func (e *Engine) checkJoinsAs(ctx context.Context, device string) error {
	if v, _ := e.st.Local(keyEncrypted); v == "" {
		return nil
	}
	var asked []string
	if err := e.st.DB().WithContext(ctx).Raw(`SELECT member_id FROM sync_devices WHERE device = ?`, device).
		Scan(&asked).Error; err != nil {
		return err
	}
	if len(asked) == 1 && asked[0] == "" {
		// One person on two computers with no team set up has nobody to
		// choose: the computer is confirmed as it is (as its founder is).
		if e.HasMembers != nil {
			if some, err := e.HasMembers(ctx); err != nil || !some {
				return err
			}
		}
		return apperr.New(CodeMemberRequired, "choose whom this computer belongs to (device confirm ID --as MEMBER)").With("id", device)
	}
	return nil
}
