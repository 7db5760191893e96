package sharedfolder_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"postdeck/backend/calendar"
	"slices"
	"strings"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/devicekey"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// strictPair is a manager's device that made the workspace and a second
// computer that joined as Budi and waits to be confirmed, as in the app.
func strictPair(t *testing.T) (a, b *core.Workspace, folder, budi string) {
	t.Helper()
	folder = t.TempDir()
	a = testws.OpenStrict(t)
	ana, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	bm, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"copywriter"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Workspace.SetMe(ctx, ana.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	b = testws.OpenStrict(t)
	if _, err := b.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	if err := b.Workspace.SetMe(ctx, bm.ID); err != nil {
		t.Fatalf("a new computer picks who it wants to be: %v", err)
	}
	syncOK(t, b)
	syncOK(t, a)
	return a, b, folder, bm.ID
}

// shownNames lists the members and then the campaigns a device shows. Tests
// mark a computer's changes with campaigns, which need no permission, so
// only the trust rules decide whether they apply.
func shownNames(t *testing.T, ws *core.Workspace) []string {
	t.Helper()
	ms, err := ws.Team.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	cs, err := ws.Calendar.Campaigns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// mark makes a change on ws that any member may make: a campaign named name.
func mark(t *testing.T, ws *core.Workspace, name string) {
	t.Helper()
	if _, err := ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: name, StartsOn: "2027-01-04", EndsOn: "2027-01-31"}); err != nil {
		t.Fatal(err)
	}
}

func deviceIn(t *testing.T, ws *core.Workspace, id string) sharedfolder.Device {
	t.Helper()
	list, err := ws.Sync.Devices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.DeviceID == id {
			return d
		}
	}
	t.Fatalf("device %s not listed: %+v", id, list)
	return sharedfolder.Device{}
}

func TestNewComputerWaitsUntilConfirmedThenItsChangesApply(t *testing.T) {
	a, b, _, budi := strictPair(t)
	mark(t, b, "Citra")
	syncOK(t, b)
	r := syncOK(t, a)
	if slices.Contains(shownNames(t, a), "Citra") {
		t.Fatal("a change of an unconfirmed computer was applied")
	}
	d := deviceIn(t, a, b.Replica.Device())
	keys, _ := b.Sync.Keys()
	if d.State != sharedfolder.StateWaiting || d.Member != budi || d.Waiting == 0 ||
		d.WaitingReason != sharedfolder.ReasonNotConfirmed || d.Fingerprint != devicekey.Fingerprint(keys.Public()) {
		t.Fatalf("the waiting computer is not listed as such: %+v", d)
	}
	if len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeDeviceWaiting {
		t.Fatalf("no waiting issue: %+v", r.Issues)
	}
	// Budi's own computer cannot confirm itself.
	if _, err := b.Sync.ConfirmDevice(ctx, a.Replica.Device()); apperr.Code(err) != sharedfolder.CodeDeviceNotTrusted {
		t.Fatalf("an unconfirmed computer confirmed another: %v", err)
	}
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	if !slices.Contains(shownNames(t, a), "Citra") {
		t.Fatal("the confirmed computer's changes did not apply")
	}
	if d := deviceIn(t, a, b.Replica.Device()); d.State != sharedfolder.StateConfirmed || d.Waiting != 0 {
		t.Fatalf("after confirming: %+v", d)
	}
	// b learns it is confirmed from a's segment, and from then on its
	// edits travel.
	syncOK(t, b)
	if d := deviceIn(t, b, b.Replica.Device()); d.State != sharedfolder.StateConfirmed || d.Member != budi {
		t.Fatalf("b does not see itself confirmed: %+v", d)
	}
}

func TestSwitchingToAnotherMemberNeedsTheirConfirmation(t *testing.T) {
	a, b, _, _ := strictPair(t)
	a.Sync.ConfirmDevice(ctx, b.Replica.Device())
	syncOK(t, a)
	syncOK(t, b)
	ana, _ := a.Workspace.Me(ctx)
	err := b.Workspace.SetMe(ctx, ana)
	if apperr.Code(err) != sharedfolder.CodeNotConfirmedAsMem {
		t.Fatalf("a copywriter's computer switched to the manager: %v", err)
	}
	if me, _ := b.Workspace.Me(ctx); me == ana {
		t.Fatal("the refused switch changed who this computer belongs to")
	}
}

// otherSegment writes segment seq into dev's folder: changes by dev, signed
// with keys (or re-signed bytes altered after signing).
func writeSeg(t *testing.T, folder string, ws *core.Workspace, dev string, seq int64, data []byte) {
	t.Helper()
	p := filepath.Join(folder, "postdeck", ws.Workspace.ID(), "devices", dev, "changes", sharedfolder.SegmentName(seq))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestForgedSegmentsAreRefused(t *testing.T) {
	a, b, folder, _ := strictPair(t)
	a.Sync.ConfirmDevice(ctx, b.Replica.Device())
	syncOK(t, a)
	syncOK(t, b)
	// b makes a change, and someone with access to the folder alters the
	// segment after b signed it.
	mark(t, b, "Dewi")
	syncOK(t, b)
	p := segPath(folder, b, 1)
	for seq := int64(1); ; seq++ {
		if _, err := os.Stat(segPath(folder, b, seq+1)); err != nil {
			p = segPath(folder, b, seq)
			break
		}
	}
	orig, _ := os.ReadFile(p)
	h, changes, err := sharedfolder.DecodeSegment(orig)
	if err != nil {
		t.Fatal(err)
	}
	tampered := strings.Replace(string(orig), "Dewi", "Eko!", 1)
	// Keep the checksum valid, so only the signature can tell.
	body := tampered[:strings.LastIndex(tampered[:len(tampered)-1], "\n")+1]
	resealed := sharedfolder.Reseal([]byte(body))
	os.WriteFile(p, resealed, 0o644)
	r := syncOK(t, a)
	if names := shownNames(t, a); slices.Contains(names, "Eko!") || slices.Contains(names, "Dewi") {
		t.Fatalf("an altered segment was applied: %v", names)
	}
	if d := deviceIn(t, a, b.Replica.Device()); d.WaitingReason != sharedfolder.ReasonBadSignature {
		t.Fatalf("not reported as a bad signature: %+v %+v", d, r.Issues)
	}
	// The same changes signed by a key nobody confirmed.
	stranger, _ := devicekey.LoadOrCreate(t.TempDir(), b.Replica.Device())
	forged, _ := sharedfolder.EncodeSignedSegment(h, changes, stranger)
	os.WriteFile(p, forged, 0o644)
	syncOK(t, a)
	if names := shownNames(t, a); slices.Contains(names, "Dewi") {
		t.Fatalf("a segment signed by an unknown key was applied: %v", names)
	}
	if d := deviceIn(t, a, b.Replica.Device()); d.WaitingReason != sharedfolder.ReasonOtherKey {
		t.Fatalf("not reported as another key: %+v", d)
	}
	// A whole new device signed by its own, unconfirmed key.
	intruder := "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"
	in := []replica.Change{changes[0]}
	for i := range in {
		in[i].Clock.Device = intruder
	}
	h.Device, h.Seq = intruder, 1
	data, _ := sharedfolder.EncodeSignedSegment(h, in, stranger)
	writeSeg(t, folder, a, intruder, 1, data)
	syncOK(t, a)
	if d := deviceIn(t, a, intruder); d.State != sharedfolder.StateWaiting {
		t.Fatalf("an unknown device's segment: %+v", d)
	}
	// The real segment back: applied.
	os.WriteFile(p, orig, 0o644)
	syncOK(t, a)
	if !slices.Contains(shownNames(t, a), "Dewi") {
		t.Fatal("the genuine segment was not applied")
	}
}

func TestRevokedDeviceKeepsEarlierChangesAndLaterOnesAreRefused(t *testing.T) {
	a, b, folder, _ := strictPair(t)
	c := testws.OpenStrict(t)
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	a.Sync.ConfirmDevice(ctx, b.Replica.Device())
	syncOK(t, a)
	mark(t, b, "Before")
	syncOK(t, b)
	syncOK(t, a)
	if _, err := a.Sync.RevokeDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	// The lost laptop writes on; the revocation reaches the folder later.
	mark(t, b, "After")
	syncOK(t, b)
	syncOK(t, a)
	for _, ws := range []*core.Workspace{a, c} {
		syncOK(t, ws)
		names := shownNames(t, ws)
		if !slices.Contains(names, "Before") || slices.Contains(names, "After") {
			t.Fatalf("after revoking: %v", names)
		}
		if d := deviceIn(t, ws, b.Replica.Device()); d.State != sharedfolder.StateRevoked {
			t.Fatalf("not listed as revoked: %+v", d)
		}
	}
}

// TestUpgradeOfAnOldWorkspaceKeepsEveryDeviceWorking turns a two-device
// workspace into what builds before signatures left (unsigned format-1
// segments, no trust record, nothing pinned) and upgrades the devices one
// after the other, in both orders.
func TestUpgradeOfAnOldWorkspaceKeepsEveryDeviceWorking(t *testing.T) {
	for _, order := range []string{"ab", "ba"} {
		t.Run(order, func(t *testing.T) {
			a, b, folder := pair(t)
			a.Sync.TrustNewDevices, b.Sync.TrustNewDevices = false, false
			mark(t, a, "Old A")
			mark(t, b, "Old B")
			syncOK(t, a)
			syncOK(t, b)
			downgrade(t, folder, a, b)
			first, second := a, b
			if order == "ba" {
				first, second = b, a
			}
			mark(t, first, "New 1")
			syncOK(t, first)
			mark(t, second, "New 2")
			for i := 0; i < 2; i++ {
				syncOK(t, second)
				syncOK(t, first)
			}
			want := []string{"New 1", "New 2", "Old A", "Old B"}
			for _, ws := range []*core.Workspace{a, b} {
				got := shownNames(t, ws)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("after the upgrade: %v", got)
				}
			}
			// A computer that joins after the upgrade needs a confirmation.
			c := testws.OpenStrict(t)
			if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
				t.Fatal(err)
			}
			mark(t, c, "Stranger")
			syncOK(t, c)
			syncOK(t, a)
			if slices.Contains(shownNames(t, a), "Stranger") {
				t.Fatal("a new computer's change applied without a confirmation")
			}
		})
	}
}

// downgrade rewrites the folder as an old build left it and forgets what
// each device pinned.
func downgrade(t *testing.T, folder string, devices ...*core.Workspace) {
	t.Helper()
	root := filepath.Join(folder, "postdeck", devices[0].Workspace.ID())
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".seg") {
			return nil
		}
		data, _ := os.ReadFile(p)
		h, changes, err := sharedfolder.DecodeSegment(data)
		if err != nil {
			t.Fatal(err)
		}
		h.Format, h.Key = 1, ""
		old, _ := sharedfolder.EncodeSegment(h, changes)
		return os.WriteFile(p, old, 0o644)
	})
	var wf map[string]any
	raw, _ := os.ReadFile(filepath.Join(root, "workspace.json"))
	json.Unmarshal(raw, &wf)
	delete(wf, "trust")
	wf["format"] = 1
	raw, _ = json.Marshal(wf)
	os.WriteFile(filepath.Join(root, "workspace.json"), raw, 0o644)
	for _, ws := range devices {
		if err := ws.Store.SetLocal(ws.Store.DB(), "sync_trust", ""); err != nil {
			t.Fatal(err)
		}
	}
}

// A folder emptied and published again keeps its root of trust: a computer
// joining then does not take itself for the founder, and its changes wait.
func TestRepublishedFolderKeepsTheFounder(t *testing.T) {
	a, _, folder, _ := strictPair(t)
	root := filepath.Join(folder, "postdeck", a.Workspace.ID())
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.Republish(ctx, "Kopi"); err != nil {
		t.Fatal(err)
	}
	var wf sharedfolder.WorkspaceFile
	raw, _ := os.ReadFile(filepath.Join(root, "workspace.json"))
	if err := json.Unmarshal(raw, &wf); err != nil || wf.Trust == nil || wf.Trust.Founder != a.Replica.Device() {
		t.Fatalf("workspace.json after republishing: %s", raw)
	}
	c := testws.OpenStrict(t)
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	mark(t, c, "Late")
	syncOK(t, c)
	syncOK(t, a)
	if slices.Contains(shownNames(t, a), "Late") {
		t.Fatal("a computer that joined the republished folder wrote without a confirmation")
	}
}
