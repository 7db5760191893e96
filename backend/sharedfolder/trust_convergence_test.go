package sharedfolder_test

import (
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// TestPermissionsAndTrustConvergeInAnyOrder mixes, on four computers that
// sync at random moments, everything that decides whether a change counts:
// confirming, refusing and revoking computers, granting and removing the
// right to approve (on a member and on a role), approvals made with and
// without that right (some by a computer that edits its own database to
// claim the manager), and ordinary edits. Every computer still trusted ends
// with the same rows, the same refused list and the same state hash.
func TestPermissionsAndTrustConvergeInAnyOrder(t *testing.T) {
	seeds := []int64{1, 2, 3, 4, 5, 6}
	if s := os.Getenv("POSTDECK_SEED"); s != "" {
		n, _ := strconv.ParseInt(s, 10, 64)
		seeds = []int64{n}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Logf("replay with POSTDECK_SEED=%d", seed)
			convergeTrustAndPermissions(t, seed)
		})
	}
}

func convergeTrustAndPermissions(t *testing.T, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	a, b, folder, budi := strictPair(t)
	ana, _ := a.Workspace.Me(ctx)
	citra, err := a.Team.AddMember(ctx, ana, team.MemberInput{Name: "Citra", Roles: []string{"content_creator"}})
	if err != nil {
		t.Fatal(err)
	}
	dewi, err := a.Team.AddMember(ctx, ana, team.MemberInput{Name: "Dewi", Roles: []string{"content_creator"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	join := func(member string) *core.Workspace {
		ws := testws.OpenStrict(t)
		if _, err := ws.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
			t.Fatal(err)
		}
		if err := ws.Workspace.SetMe(ctx, member); err != nil {
			t.Fatal(err)
		}
		syncOK(t, ws)
		return ws
	}
	c, d := join(citra.ID), join(dewi.ID)
	devs := []*core.Workspace{a, b, c, d}
	me := map[*core.Workspace]string{a: ana, b: budi, c: citra.ID, d: dewi.ID}
	decided := map[*core.Workspace]string{b: sharedfolder.StateConfirmed}
	var posts []string
	budiApproves := false
	var log []string
	step := func(format string, args ...any) { log = append(log, fmt.Sprintf(format, args...)) }
	defer func() {
		if t.Failed() {
			t.Logf("seed %d, steps:\n%s", seed, strings.Join(log, "\n"))
		}
	}()

	for i := 0; i < 80; i++ {
		switch op := rng.Intn(12); {
		case op < 4:
			ws := devs[rng.Intn(len(devs))]
			step("sync %s", ws.Replica.Device()[len(ws.Replica.Device())-4:])
			syncOK(t, ws)
		case op == 4:
			// Confirm c or d, or refuse d.
			ws := []*core.Workspace{c, d}[rng.Intn(2)]
			if decided[ws] != "" {
				continue
			}
			var err error
			if ws == d && rng.Intn(2) == 0 {
				_, err = a.Sync.RefuseDevice(ctx, ws.Replica.Device())
				if err == nil {
					decided[ws] = sharedfolder.StateRefused
				}
			} else if _, err = a.Sync.ConfirmDevice(ctx, ws.Replica.Device()); err == nil {
				decided[ws] = sharedfolder.StateConfirmed
			}
			step("decide %v: %s %v", ws == c, decided[ws], err)
		case op == 5:
			if decided[c] != sharedfolder.StateConfirmed {
				continue
			}
			if _, err := a.Sync.RevokeDevice(ctx, c.Replica.Device()); err != nil {
				t.Fatal(err)
			}
			decided[c] = sharedfolder.StateRevoked
			step("revoke c")
		case op == 6:
			// Grant or remove Budi's right to approve, on the member or on
			// the copywriter role.
			budiApproves = !budiApproves
			if rng.Intn(2) == 0 {
				roles := []string{"copywriter"}
				if budiApproves {
					roles = append(roles, "head_of_social")
				}
				if _, err := a.Team.UpdateMember(ctx, ana, budi, team.MemberPatch{Roles: &roles}); err != nil {
					t.Fatal(err)
				}
			} else {
				var perms []team.Permission
				if budiApproves {
					perms = []team.Permission{team.ApprovePosts}
				}
				if err := a.Team.SetRolePermissions(ctx, ana, "copywriter", perms); err != nil {
					t.Fatal(err)
				}
			}
			step("budi approves: %v", budiApproves)
		case op == 7:
			p, err := a.Calendar.AddPost(ctx, ana, calendar.PostInput{Title: fmt.Sprintf("Promo %d", i), Body: "Diskon kopi"})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []calendar.Status{calendar.Draft, calendar.InReview} {
				if got, _ := a.Calendar.Post(ctx, p.ID); got.Status != s {
					if _, err := a.Calendar.MovePost(ctx, ana, p.ID, s, ""); err != nil {
						t.Fatal(err)
					}
				}
			}
			posts = append(posts, p.ID)
			step("post %s", p.ID)
		case op == 8 || op == 9:
			// An approval, where the computer's own services allow it.
			if len(posts) == 0 {
				continue
			}
			ws := devs[1+rng.Intn(3)]
			actor := me[ws]
			if ws == b && rng.Intn(2) == 0 {
				// b claims the manager by editing its own database.
				if err := b.Store.DB().Exec(`UPDATE local_settings SET value = ? WHERE key = 'me'`, ana).Error; err != nil {
					t.Fatal(err)
				}
				actor = ana
			}
			post := posts[rng.Intn(len(posts))]
			_, err := ws.Calendar.MovePost(ctx, actor, post, calendar.Approved, "")
			step("approve %s by %s: %v", post, actor, err)
			if ws == b && actor == ana {
				if err := b.Store.DB().Exec(`UPDATE local_settings SET value = ? WHERE key = 'me'`, budi).Error; err != nil {
					t.Fatal(err)
				}
			}
		case op == 10:
			ws := devs[rng.Intn(len(devs))]
			mark(t, ws, fmt.Sprintf("Mark %d", i))
			step("mark %d", i)
		default:
			// The manager sends an approved post back to review.
			for _, p := range posts {
				if got, _ := a.Calendar.Post(ctx, p); got.Status == calendar.Approved {
					_, err := a.Calendar.MovePost(ctx, ana, p, calendar.InReview, "")
					step("back to review %s: %v", p, err)
					break
				}
			}
		}
	}
	// Everyone catches up.
	for round := 0; ; round++ {
		moved := 0
		for _, ws := range devs {
			r := syncOK(t, ws)
			moved += r.Applied + r.Pushed + r.Segments
		}
		if moved == 0 {
			break
		}
		if round > 30 {
			t.Fatal("sync does not settle")
		}
	}
	trusted := []*core.Workspace{a, b}
	for _, ws := range []*core.Workspace{c, d} {
		if deviceIn(t, a, ws.Replica.Device()).State == sharedfolder.StateConfirmed {
			trusted = append(trusted, ws)
		}
	}
	want := stateHash(t, a)
	wantRefused := strings.Join(refusedSet(t, a), "\n")
	wantNames := shownNames(t, a)
	slices.Sort(wantNames)
	for _, ws := range trusted[1:] {
		names := shownNames(t, ws)
		slices.Sort(names)
		if !slices.Equal(names, wantNames) {
			t.Fatalf("device %s shows %v, the manager's %v", ws.Replica.Device(), names, wantNames)
		}
		if got := strings.Join(refusedSet(t, ws), "\n"); got != wantRefused {
			t.Fatalf("device %s refused:\n%s\nthe manager's computer refused:\n%s", ws.Replica.Device(), got, wantRefused)
		}
		if got := stateHash(t, ws); got != want {
			t.Fatalf("device %s has state %s, the manager's computer %s", ws.Replica.Device(), got, want)
		}
	}
	t.Logf("%d trusted computers agree; %d refused changes", len(trusted), len(refusedSet(t, a)))
}
