package sharedfolder_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// agreement returns what the device's status says about agreement.
func agreement(t *testing.T, ws *core.Workspace) sharedfolder.Agreement {
	t.Helper()
	s, err := ws.Sync.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s.Agreement
}

// settle syncs every device until nothing moves, then once more so each
// has read the others' last published state.
func settle(t *testing.T, devs ...*core.Workspace) {
	t.Helper()
	for round := 0; ; round++ {
		moved := 0
		for _, d := range devs {
			r := syncOK(t, d)
			moved += r.Applied + r.Pushed
		}
		if moved == 0 {
			break
		}
		if round > 20 {
			t.Fatal("sync does not settle")
		}
	}
	for _, d := range devs {
		syncOK(t, d)
	}
}

func wantAgreement(t *testing.T, ws *core.Workspace, agreeing, total int) sharedfolder.Agreement {
	t.Helper()
	a := agreement(t, ws)
	if a.Agreeing != agreeing || a.Total != total {
		t.Fatalf("device %s: in agreement with %d of %d devices, want %d of %d: %+v",
			ws.Replica.Device(), a.Agreeing, a.Total, agreeing, total, a.Devices)
	}
	return a
}

// randomEdits has random devices add and rename members and roles, syncing
// random devices in between, so changes arrive in different orders and
// concurrent edits leave conflicts.
func randomEdits(t *testing.T, rng *rand.Rand, devs []*core.Workspace, ops int) {
	t.Helper()
	var members []string
	for i := 0; i < ops; i++ {
		d := devs[rng.Intn(len(devs))]
		if len(members) == 0 || rng.Intn(3) == 0 {
			m, err := d.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("Member %d", i), Roles: []string{"content_creator"}})
			if err != nil {
				t.Fatal(err)
			}
			members = append(members, m.ID)
		} else {
			id := members[rng.Intn(len(members))]
			name := fmt.Sprintf("Renamed %d", rng.Intn(1000))
			err := d.Replica.Write(ctx, func(w *replica.Writer) error {
				return w.Update("members", id, map[string]any{"name": name})
			})
			if err != nil && !strings.Contains(err.Error(), "does not exist") {
				t.Fatal(err)
			}
		}
		if rng.Intn(3) == 0 {
			syncOK(t, devs[rng.Intn(len(devs))])
		}
	}
}

func TestDevicesThatAppliedTheSameChangesAgree(t *testing.T) {
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprintf("%d devices", n), func(t *testing.T) {
			seed := time.Now().UnixNano()
			t.Logf("seed %d", seed)
			rng := rand.New(rand.NewSource(seed))
			a, b, folder := pair(t)
			devs := []*core.Workspace{a, b}
			if n == 3 {
				c, _ := testws.Open(t)
				if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
					t.Fatal(err)
				}
				devs = append(devs, c)
			}
			randomEdits(t, rng, devs, 60)
			// Sync in a random order until nothing moves.
			rng.Shuffle(len(devs), func(i, j int) { devs[i], devs[j] = devs[j], devs[i] })
			settle(t, devs...)
			for _, d := range devs {
				a := wantAgreement(t, d, n, n)
				for _, p := range a.Devices {
					if p.State != sharedfolder.AgreeSame || p.Name == "" {
						t.Fatalf("device %s says %+v", d.Replica.Device(), p)
					}
				}
			}
		})
	}
}

func TestDevicesAtDifferentPointsAreBehindNotDiffering(t *testing.T) {
	a, b, _ := pair(t)
	if _, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}}); err != nil {
		t.Fatal(err)
	}
	settle(t, a, b)
	wantAgreement(t, a, 2, 2)
	// a has a change b has not applied yet.
	if _, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"content_creator"}}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	got := wantAgreement(t, a, 1, 2)
	if got.Devices[0].State != sharedfolder.AgreeBehind || got.Devices[0].FirstTable != "" {
		t.Fatalf("a says %+v, want b behind", got.Devices)
	}
	// b catches up; a hears of it at its next sync.
	syncOK(t, b)
	wantAgreement(t, b, 2, 2)
	syncOK(t, a)
	wantAgreement(t, a, 2, 2)
	// A change not sent yet makes this device not comparable either.
	if _, err := b.Team.AddMember(ctx, "", team.MemberInput{Name: "Citra", Roles: []string{"content_creator"}}); err != nil {
		t.Fatal(err)
	}
	if got := wantAgreement(t, b, 2, 2); got.Devices[0].State != sharedfolder.AgreeSame {
		t.Fatalf("status changed before a sync: %+v", got.Devices)
	}
}

func TestADamagedDatabaseDiffersNamesTheTableAndRebuildRepairsIt(t *testing.T) {
	a, b, _ := pair(t)
	ana, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"content_creator"}}); err != nil {
		t.Fatal(err)
	}
	settle(t, a, b)
	wantAgreement(t, b, 2, 2)

	// Someone edits b's database by hand, behind Postdeck's back, and
	// starts it again.
	if err := b.Store.DB().Exec(`UPDATE members SET name = 'Ana (edited by hand)' WHERE id = ?`, ana.ID).Error; err != nil {
		t.Fatal(err)
	}
	dir := b.DataDir
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b = reopen(t, dir, replica.Options{})
	settle(t, a, b)
	for _, d := range []*core.Workspace{a, b} {
		got := wantAgreement(t, d, 1, 2)
		if p := got.Devices[0]; p.State != sharedfolder.AgreeDiffers || p.FirstTable != "members" {
			t.Fatalf("device %s says %+v, want the other differing in members", d.Replica.Device(), p)
		}
	}

	var before int64
	b.Store.DB().Raw("SELECT COUNT(*) FROM changes").Scan(&before)
	res, err := b.Sync.RebuildState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changes == 0 || res.Rows == 0 {
		t.Fatalf("rebuild replayed nothing: %+v", res)
	}
	if got := names(t, b); !strings.Contains(got, "Ana") || strings.Contains(got, "edited by hand") {
		t.Fatalf("after rebuild b has members %q", got)
	}
	var after int64
	b.Store.DB().Raw("SELECT COUNT(*) FROM changes").Scan(&after)
	if after != before {
		t.Fatalf("rebuild changed the change log: %d changes, then %d", before, after)
	}
	settle(t, a, b)
	wantAgreement(t, a, 2, 2)
	wantAgreement(t, b, 2, 2)
}

func TestRebuildKeepsConflictsAndSearch(t *testing.T) {
	a, b, _ := pair(t)
	ana, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Calendar.AddPost(ctx, ana.ID, calendar.PostInput{Title: "Promo Ramadan", Body: "Diskon 20%"}); err != nil {
		t.Fatal(err)
	}
	settle(t, a, b)
	// Concurrent renames leave a conflict on both devices.
	for _, x := range []struct {
		ws   *core.Workspace
		name string
	}{{a, "Ana A"}, {b, "Ana B"}} {
		err := x.ws.Replica.Write(ctx, func(w *replica.Writer) error {
			return w.Update("members", ana.ID, map[string]any{"name": x.name})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	settle(t, a, b)
	before, err := b.Replica.Conflicts(ctx)
	if err != nil || len(before) != 1 {
		t.Fatalf("conflicts before: %v %v", before, err)
	}
	if _, err := b.Sync.RebuildState(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := b.Replica.Conflicts(ctx)
	if err != nil || len(after) != 1 || after[0].ID != before[0].ID {
		t.Fatalf("conflicts after rebuild: %v %v, before %v", after, err, before)
	}
	// The search index follows the rebuilt rows: one hit, the right post.
	hits, err := b.Calendar.Search(ctx, "Ramadan")
	if err != nil || len(hits) != 1 || hits[0].Post.Title != "Promo Ramadan" {
		t.Fatalf("search after rebuild: %+v %v", hits, err)
	}
	settle(t, a, b)
	wantAgreement(t, b, 2, 2)
}
