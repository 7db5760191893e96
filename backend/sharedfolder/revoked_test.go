package sharedfolder_test

import (
	"slices"
	"strings"
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
)

func stateHash(t *testing.T, ws *core.Workspace) string {
	t.Helper()
	h, err := ws.Replica.HashState(ctx, ws.Store.DB())
	if err != nil {
		t.Fatal(err)
	}
	return h.Hash
}

// A lost laptop's changes written after its revocation end refused on every
// device, whether the revocation reached a device before them (a, which
// revoked it) or after (c, which had applied them already): the same rows,
// the same refused list with the reason, the same state hash. What it wrote
// before the revocation stays.
func TestRevocationArrivingAfterTheChangesItRefusesTakesThemBack(t *testing.T) {
	a, b, folder, budi := strictPair(t)
	c := testws.OpenStrict(t)
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	mark(t, b, "Before")
	syncOK(t, b)
	syncOK(t, a)
	syncOK(t, c)
	// a revokes the laptop; before a's next sync the laptop writes on and
	// c reads what it wrote.
	if _, err := a.Sync.RevokeDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	mark(t, b, "After")
	syncOK(t, b)
	syncOK(t, c)
	if !slices.Contains(shownNames(t, c), "After") {
		t.Fatal("setup: c should have applied the laptop's change before hearing of the revocation")
	}
	syncAll(t, a, c)
	var refused [][]string
	for name, ws := range map[string]*core.Workspace{"a": a, "c": c} {
		names := shownNames(t, ws)
		if !slices.Contains(names, "Before") || slices.Contains(names, "After") {
			t.Fatalf("%s after the revocation: %v", name, names)
		}
		rs, err := ws.Replica.Refused(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var list []string
		for _, r := range rs {
			if r.Device != b.Replica.Device() || r.Reason != replica.ReasonRevoked || r.Member != budi {
				t.Fatalf("%s lists a refusal with the wrong reason: %+v", name, r)
			}
			list = append(list, r.ID)
		}
		if !slices.ContainsFunc(rs, func(r replica.Refused) bool { return r.Table == "campaigns" && string(r.Value) == `"After"` }) {
			t.Fatalf("%s does not list the refused campaign: %+v", name, rs)
		}
		refused = append(refused, list)
		if d := deviceIn(t, ws, b.Replica.Device()); d.State != sharedfolder.StateRevoked || d.Waiting != 0 {
			t.Fatalf("%s lists the laptop as %+v", name, d)
		}
	}
	if strings.Join(refused[0], ",") != strings.Join(refused[1], ",") {
		t.Fatalf("a and c refused different changes: %v / %v", refused[0], refused[1])
	}
	if ha, hc := stateHash(t, a), stateHash(t, c); ha != hc {
		t.Fatalf("a and c differ: %s / %s", ha, hc)
	}
	// A rebuild from the log keeps the laptop's later change out.
	if _, err := c.Sync.RebuildState(ctx); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(shownNames(t, c), "After") || stateHash(t, c) != stateHash(t, a) {
		t.Fatal("the rebuild brought the revoked laptop's change back")
	}
}
