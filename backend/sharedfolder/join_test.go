package sharedfolder_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// loggedChanges is a device's change log in the order it was applied.
func loggedChanges(t *testing.T, d *core.Workspace) []replica.Change {
	t.Helper()
	var rows []struct {
		Entity, RowID, Field, Value string
		Hlc                         int64
		Device                      string
		BaseHlc                     int64
		BaseDevice                  string
	}
	if err := d.Store.DB().Raw(`SELECT entity, row_id, field, value, hlc, device, base_hlc, base_device FROM changes ORDER BY seq`).
		Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := make([]replica.Change, len(rows))
	for i, r := range rows {
		out[i] = replica.Change{Entity: r.Entity, RowID: r.RowID, Field: r.Field, Value: []byte(r.Value),
			Clock: replica.Clock{HLC: r.Hlc, Device: r.Device}, Base: replica.Clock{HLC: r.BaseHlc, Device: r.BaseDevice}}
	}
	return out
}

// cursors is the version vector a device has applied: seq per device.
func cursors(t *testing.T, d *core.Workspace) map[string]int64 {
	t.Helper()
	var rows []struct {
		Device string
		Seq    int64
	}
	if err := d.Store.DB().Raw(`SELECT device, seq FROM sync_cursors`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Device] = r.Seq
	}
	return out
}

// TestAJoinedDeviceMatchesTheGeneralPath: a device that joins from a
// snapshot (decoded on every core, applied as one batch of new rows) and the
// segments written after it ends with the same rows, field clocks, open
// conflicts and version vector as the devices that wrote and received every
// change one segment at a time, and with exactly what a device applying the
// same changes one by one through the general merge path ends with: rows,
// field clocks, conflicts and the change log itself.
func TestAJoinedDeviceMatchesTheGeneralPath(t *testing.T) {
	old := sharedfolder.SnapshotEvery
	sharedfolder.SnapshotEvery = 3
	t.Cleanup(func() { sharedfolder.SnapshotEvery = old })

	a, b, folder := pair(t)
	ch, err := a.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinus"})
	if err != nil {
		t.Fatal(err)
	}
	var members []team.Member
	round := func(i int) {
		t.Helper()
		m, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("Anggota %d", i), Roles: []string{"copywriter"}})
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, m)
		batch := make([]calendar.BatchPost, 80)
		for j := range batch {
			batch[j] = calendar.BatchPost{Input: calendar.PostInput{Title: fmt.Sprintf("Promo %d-%d", i, j),
				Body: "Diskon 20% & <gratis> ongkir\nSemua cabang #kopi", Channels: []string{ch.ID},
				Date: time.Date(2027, 1, 1+i, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), Time: "09:30", Labels: []string{"promo"}}}
		}
		if _, err := a.Calendar.ApplyBatch(ctx, "", batch, calendar.BatchOptions{}); err != nil {
			t.Fatal(err)
		}
		syncOK(t, a)
		syncOK(t, b)
	}
	conflict := func(m team.Member, x, y string) {
		t.Helper()
		if _, err := a.Team.UpdateMember(ctx, "", m.ID, team.MemberPatch{Name: &x}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Team.UpdateMember(ctx, "", m.ID, team.MemberPatch{Name: &y}); err != nil {
			t.Fatal(err)
		}
		syncOK(t, a)
		syncOK(t, b)
		syncOK(t, a)
	}
	for i := 0; i < 4; i++ {
		round(i)
	}
	conflict(members[0], "Ana A", "Ana B")
	// A delete, and a delete concurrent with an edit (edit beats delete).
	if err := a.Team.DeleteMember(ctx, "", members[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := a.Team.DeleteMember(ctx, "", members[2].ID); err != nil {
		t.Fatal(err)
	}
	edited := "Edited while deleted"
	if _, err := b.Team.UpdateMember(ctx, "", members[2].ID, team.MemberPatch{Name: &edited}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		round(4 + i) // enough segments for both devices to write snapshots
	}
	snaps, _ := filepath.Glob(filepath.Join(folder, "postdeck", a.Workspace.ID(), "devices", "*", "snapshot-*.seg"))
	if len(snaps) == 0 {
		t.Fatal("no snapshot was written")
	}
	// Large enough to be decoded on every core.
	if data, err := os.ReadFile(snaps[len(snaps)-1]); err != nil || bytes.Count(data, []byte("\n")) < 10_000 {
		t.Fatalf("the snapshot should hold over 10,000 changes: %d (%v)", bytes.Count(data, []byte("\n")), err)
	}
	// Changes after the last snapshots: new rows, a conflict, a delete.
	round(100)
	conflict(members[3], "Dewi A", "Dewi B")
	if err := b.Team.DeleteMember(ctx, "", members[4].ID); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b)
	syncOK(t, a)
	syncOK(t, b)

	c, _ := testws.Open(t)
	rep, err := c.Sync.Join(ctx, folder, a.Workspace.ID())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Segments < 2 {
		t.Fatalf("the join should read a snapshot and the segments after it: %+v", rep)
	}
	conflicts, err := c.Replica.Conflicts(ctx)
	if err != nil || len(conflicts) != 2 {
		t.Fatalf("the joined device should keep both open conflicts: %v %v", conflicts, err)
	}
	for _, d := range []*core.Workspace{a, b} {
		if snapshot(t, c) != snapshot(t, d) {
			explainDivergence(t, c, d)
			t.Fatalf("the joined device differs from %s", d.Replica.Device())
		}
	}
	if got, want := cursors(t, c), cursors(t, b); got[a.Replica.Device()] != want[a.Replica.Device()] || got[b.Replica.Device()] == 0 {
		t.Fatalf("version vector after joining %v, b has %v", got, want)
	}
	// Every change the joined device logged is one its source logged.
	logA := map[string]bool{}
	for _, ch := range loggedChanges(t, a) {
		logA[fmt.Sprintf("%+v", ch)] = true
	}
	joined := loggedChanges(t, c)
	for _, ch := range joined {
		if !logA[fmt.Sprintf("%+v", ch)] {
			t.Fatalf("the joined device logged a change its source does not have: %+v", ch)
		}
	}

	// The same changes, a few at a time through the general path: most
	// rows are found in the database, not staged in the batch.
	g, _ := testws.Open(t)
	for start := 0; start < len(joined); start += 7 {
		if _, err := g.Replica.Apply(ctx, joined[start:min(start+7, len(joined))]); err != nil {
			t.Fatal(err)
		}
	}
	if snapshot(t, g) != snapshot(t, c) {
		explainDivergence(t, g, c)
		t.Fatal("applying the joined device's changes one by one ends elsewhere")
	}
	if !reflect.DeepEqual(loggedChanges(t, g), joined) {
		t.Fatal("the change logs differ")
	}
}
