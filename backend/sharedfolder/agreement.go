package sharedfolder

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"postdeck/backend/replica"
	"postdeck/backend/store"
)

// Device-local settings keys of agreement.
const (
	keyOwnState   = "sync_own_state"
	keyPeerStates = "sync_peer_states"
)

// stateRefresh bounds how long a state hash is reused while no change
// arrives, so a database damaged behind Postdeck's back is noticed.
const stateRefresh = 10 * time.Minute

// Agreement states of another device, compared with this one.
const (
	// AgreeSame: the device applied the same changes and has the same state.
	AgreeSame = "agree"
	// AgreeDiffers: the device applied the same changes but its state is
	// different (a bug, or a damaged database on one of the two).
	AgreeDiffers = "differs"
	// AgreeBehind: the device is at another point of the log (or has
	// changes not sent yet): the two cannot be compared now.
	AgreeBehind = "behind"
)

// PublishedState is what a device publishes in its ack.json about its synced
// state: the version vector it describes (how far it applied each device's
// segments, its own included) and the hash of the state at that point.
type PublishedState struct {
	Vector map[string]int64 `json:"vector"`
	replica.StateHash
}

// AgreementDevice is another device compared with this one.
type AgreementDevice struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	State string `json:"state"`
	// FirstTable is the first synced table that differs (state differs);
	// replica.ConflictsHashName for the open conflicts.
	FirstTable string `json:"firstTable,omitempty"`
}

// Agreement says how many devices, this one included, have the same state as
// this one after applying the same changes.
type Agreement struct {
	Agreeing int               `json:"agreeing"`
	Total    int               `json:"total"`
	Devices  []AgreementDevice `json:"devices"`
}

// stateCache keeps the last state hash with what it was computed from.
type stateCache struct {
	mu    sync.Mutex
	key   string
	at    time.Time
	state replica.StateHash
}

// ownState returns this device's state at vec, or nil when the state is not
// exactly what vec describes: changes of its own not sent yet, or changes
// waiting in quarantine. The hash is computed again only when the change log
// or the conflicts moved (or after stateRefresh), since on a large workspace
// it reads every synced row.
func (e *Engine) ownState(ctx context.Context, vec map[string]int64) (*PublishedState, error) {
	pushed, err := e.localInt(keyPushedSeq)
	if err != nil {
		return nil, err
	}
	var out *PublishedState
	err = e.st.Tx(ctx, func(tx *store.Tx) error {
		var n struct {
			Unsent, Quarantined, MaxSeq, Conflicts int64
		}
		if err := tx.DB.Raw(`SELECT
			(SELECT COUNT(*) FROM changes WHERE +device = ? AND seq > ?) AS unsent,
			(SELECT COUNT(*) FROM quarantine) AS quarantined,
			(SELECT COALESCE(MAX(seq), 0) FROM changes) AS max_seq,
			(SELECT COUNT(*) FROM conflicts) AS conflicts`, e.rep.Device(), pushed).Scan(&n).Error; err != nil {
			return err
		}
		// (+device: a range of seq after the last one sent, not every change
		// this device ever made through the index on device.)
		if n.Unsent > 0 || n.Quarantined > 0 {
			return nil
		}
		key := fmt.Sprintf("%d/%d", n.MaxSeq, n.Conflicts)
		c := &e.states
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.key != key || e.now().Sub(c.at) > stateRefresh {
			h, err := e.rep.HashState(ctx, tx.DB)
			if err != nil {
				return err
			}
			c.key, c.at, c.state = key, e.now(), h
		}
		out = &PublishedState{Vector: nonZero(vec), StateHash: c.state}
		return nil
	})
	return out, err
}

// forgetState makes the next sync compute the state hash again (after a
// rebuild, which changes rows without adding to the log).
func (e *Engine) forgetState() {
	e.states.mu.Lock()
	e.states.key = ""
	e.states.mu.Unlock()
}

func nonZero(v map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for d, s := range v {
		if s != 0 {
			out[d] = s
		}
	}
	return out
}

func sameState(a, b *PublishedState) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Hash == b.Hash && sameVector(nonZero(a.Vector), nonZero(b.Vector))
}

// readPeerStates keeps what every other device published about its state
// in its ack (acks, read by compact; nil for one not readable), with this
// device's own, for Status (which never touches the shared folder).
func (e *Engine) readPeerStates(ctx context.Context, f FS, own *PublishedState, acks map[string]*AckFile) error {
	peers := map[string]*PublishedState{}
	for d, a := range acks {
		if a != nil && a.Device == d {
			peers[d] = a.State
		} else {
			peers[d] = nil
		}
	}
	ownJSON, err := json.Marshal(own)
	if err != nil {
		return err
	}
	peersJSON, err := json.Marshal(peers)
	if err != nil {
		return err
	}
	return e.st.Tx(ctx, func(tx *store.Tx) error {
		if err := e.st.SetLocal(tx.DB, keyOwnState, string(ownJSON)); err != nil {
			return err
		}
		return e.st.SetLocal(tx.DB, keyPeerStates, string(peersJSON))
	})
}

// compare says how a peer's published state stands against this device's.
func compare(own, peer *PublishedState) (state, firstTable string) {
	if own == nil || peer == nil || !sameVector(nonZero(own.Vector), nonZero(peer.Vector)) {
		return AgreeBehind, ""
	}
	if own.Hash == peer.Hash {
		return AgreeSame, ""
	}
	return AgreeDiffers, own.FirstDifference(peer.StateHash)
}

// Agreement compares this device's state with what the other devices in the
// shared folder published at their last sync, from the database alone.
func (e *Engine) Agreement(ctx context.Context) (Agreement, error) {
	out := Agreement{Agreeing: 1, Total: 1, Devices: []AgreementDevice{}}
	var own *PublishedState
	peers := map[string]*PublishedState{}
	if s, err := e.st.Local(keyOwnState); err != nil {
		return out, err
	} else if s != "" {
		_ = json.Unmarshal([]byte(s), &own) // a bad value reads as "not comparable"
	}
	if s, err := e.st.Local(keyPeerStates); err != nil {
		return out, err
	} else if s != "" {
		_ = json.Unmarshal([]byte(s), &peers)
	}
	var rows []struct {
		Device      string
		DisplayName string
		Name        *string
	}
	if err := e.st.DB().WithContext(ctx).Raw(`SELECT d.device, d.display_name, m.name FROM sync_devices d
		LEFT JOIN members m ON m.id = d.member_id AND d.member_id <> '' ORDER BY d.device`).Scan(&rows).Error; err != nil {
		return out, err
	}
	me := e.rep.Device()
	for _, r := range rows {
		if r.Device == me {
			continue
		}
		peer, known := peers[r.Device]
		if !known {
			continue // seen before this device read states: counted at the next sync
		}
		name := r.DisplayName
		if name == "" && r.Name != nil {
			name = *r.Name
		}
		if name == "" && len(r.Device) >= 8 {
			name = r.Device[:8] // a device that never said who it is
		}
		state, table := compare(own, peer)
		out.Devices = append(out.Devices, AgreementDevice{ID: r.Device, Name: name, State: state, FirstTable: table})
		out.Total++
		if state == AgreeSame {
			out.Agreeing++
		}
	}
	return out, nil
}

// RebuildState recomputes this device's synced tables and conflicts from
// the change log (replica.Rebuild) and publishes the new state hash at the
// next sync. Only this device's database changes; the log stays as it was.
func (e *Engine) RebuildState(ctx context.Context) (replica.RebuildResult, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	res, err := e.rep.Rebuild(ctx, e.AfterRebuild)
	e.forgetState()
	return res, err
}
