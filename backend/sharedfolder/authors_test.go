package sharedfolder_test

import (
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

// claimTrio is strictPair with b (Budi, a copywriter) confirmed and a third
// computer c that joined to read, all synced, and a post of Ana's in review.
func claimTrio(t *testing.T) (a, b, c *core.Workspace, ana, budi, post string) {
	t.Helper()
	a, b, folder, budi := strictPair(t)
	c = testws.OpenStrict(t)
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	ana, _ = a.Workspace.Me(ctx)
	p, err := a.Calendar.AddPost(ctx, ana, calendar.PostInput{Title: "Promo Jumat", Body: "Diskon kopi susu"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []calendar.Status{calendar.Draft, calendar.InReview} {
		if got, _ := a.Calendar.Post(ctx, p.ID); got.Status == s {
			continue
		}
		if _, err := a.Calendar.MovePost(ctx, ana, p.ID, s, ""); err != nil {
			t.Fatalf("move to %s: %v", s, err)
		}
	}
	for _, ws := range []*core.Workspace{a, b, c, a} {
		syncOK(t, ws)
	}
	return a, b, c, ana, budi, p.ID
}

// syncAll runs rounds of syncs until nothing new arrives anywhere.
func syncAll(t *testing.T, wss ...*core.Workspace) {
	t.Helper()
	for round := 0; round < 3; round++ {
		for _, ws := range wss {
			syncOK(t, ws)
		}
	}
}

// A confirmed copywriter's computer that edits its own database to say it
// belongs to the manager still approves nothing: every device judges its
// changes as the member it is confirmed for.
func TestApprovalFromAComputerClaimingAnotherMemberIsRefusedEverywhere(t *testing.T) {
	a, b, c, ana, budi, post := claimTrio(t)
	// No Settings switch (that asks for a confirmation): the database itself.
	if err := b.Store.DB().Exec(`UPDATE local_settings SET value = ? WHERE key = 'me'`, ana).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := b.Calendar.MovePost(ctx, ana, post, calendar.Approved, ""); err != nil {
		t.Fatalf("b's own services believe its setting: %v", err)
	}
	syncAll(t, b, a, c)
	for name, ws := range map[string]*core.Workspace{"a": a, "c": c} {
		if got := postStatus(t, ws, post); got != "in_review/" {
			t.Fatalf("%s applied the approval of a computer that claims the manager: %s", name, got)
		}
		refused, err := ws.Replica.Refused(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range refused {
			if r.Table == "posts" && r.RowID == post && r.Field == "status" {
				found = true
				if r.Member != budi || r.Reason != replica.ReasonPermissionMissing || r.Permission != "approve_posts" ||
					r.Device != b.Replica.Device() {
					t.Fatalf("%s lists the refusal with the wrong reason: %+v", name, r)
				}
			}
		}
		if !found {
			t.Fatalf("%s does not list the refused approval: %v", name, refusedSet(t, ws))
		}
	}
	// The author's own computer reaches the same verdict once the change
	// has left it: the approval is taken back and listed there too, so all
	// three are in agreement instead of b differing forever.
	if got := postStatus(t, b, post); got != "in_review/" {
		t.Fatalf("b keeps its own refused approval: %s", got)
	}
	if got, want := refusedSet(t, b), refusedSet(t, a); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("b refused:\n%s\nothers refused:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	settle(t, a, b, c)
	for _, ws := range []*core.Workspace{a, b, c} {
		wantAgreement(t, ws, 3, 3)
	}
	// The device list still shows what the computer claims for a waiting
	// one, and the member it is confirmed for once confirmed.
	if d := deviceIn(t, a, b.Replica.Device()); d.Member != budi || d.State != sharedfolder.StateConfirmed {
		t.Fatalf("b is listed as %+v", d)
	}
	// The manager's own computer approves as usual.
	if _, err := a.Calendar.MovePost(ctx, ana, post, calendar.Approved, ""); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b, c)
	for _, ws := range []*core.Workspace{a, c} {
		if got := postStatus(t, ws, post); !strings.HasPrefix(got, "approved/"+ana) {
			t.Fatalf("the manager's approval: %s", got)
		}
	}
}

// Budi may approve (head of social) and approves on his computer while the
// manager, on hers, has just taken that right away: every other computer
// refuses the approval, and so does Budi's own once the manager's change
// reaches it, instead of showing it approved forever.
func TestAuthorsOwnComputerTakesBackAnApprovalTheOthersRefuse(t *testing.T) {
	a, b, c, ana, budi, post := claimTrio(t)
	head := []string{"head_of_social"}
	if _, err := a.Team.UpdateMember(ctx, ana, budi, team.MemberPatch{Roles: &head}); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b, c)
	copywriter := []string{"copywriter"}
	if _, err := a.Team.UpdateMember(ctx, ana, budi, team.MemberPatch{Roles: &copywriter}); err != nil {
		t.Fatal(err)
	}
	// Budi has not heard yet, and approves a moment later (clocks of one
	// millisecond tie, and the tie is broken by device id).
	for at := time.Now(); time.Since(at) < 3*time.Millisecond; {
		time.Sleep(time.Millisecond)
	}
	if _, err := b.Calendar.MovePost(ctx, budi, post, calendar.Approved, ""); err != nil {
		t.Fatalf("Budi's computer still allows it: %v", err)
	}
	syncOK(t, b)
	syncAll(t, a, c, b)
	for name, ws := range map[string]*core.Workspace{"a": a, "b": b, "c": c} {
		if got := postStatus(t, ws, post); got != "in_review/" {
			t.Fatalf("%s shows the post %s", name, got)
		}
		if got := refusedSet(t, ws); len(got) != 3 || !strings.Contains(got[0], "by "+budi+": permission_missing approve_posts") {
			t.Fatalf("%s refused: %v", name, got)
		}
	}
	settle(t, a, b, c)
	for _, ws := range []*core.Workspace{a, b, c} {
		wantAgreement(t, ws, 3, 3)
	}
}

// A computer that approves before anyone confirmed it sees its approval
// wait (refused for now: it belongs to no member yet), and applied again,
// as on every other computer, once the confirmation reaches it.
func TestConfirmationArrivingLaterAllowsWhatTheComputerDidBefore(t *testing.T) {
	a, b, folder, budi := strictPair(t)
	c := testws.OpenStrict(t)
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	ana, _ := a.Workspace.Me(ctx)
	head := []string{"head_of_social"}
	if _, err := a.Team.UpdateMember(ctx, ana, budi, team.MemberPatch{Roles: &head}); err != nil {
		t.Fatal(err)
	}
	p, err := a.Calendar.AddPost(ctx, ana, calendar.PostInput{Title: "Promo Jumat", Body: "Diskon kopi susu"})
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
	syncAll(t, a, b, c)
	if _, err := b.Calendar.MovePost(ctx, budi, p.ID, calendar.Approved, ""); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b)
	if got := postStatus(t, b, p.ID); got != "in_review/" {
		t.Fatalf("an unconfirmed computer's approval counts on it: %s", got)
	}
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, c, b)
	for name, ws := range map[string]*core.Workspace{"a": a, "b": b, "c": c} {
		if got := postStatus(t, ws, p.ID); got != "approved/"+budi {
			t.Fatalf("%s shows the post %s after the confirmation", name, got)
		}
		if got := refusedSet(t, ws); len(got) != 0 {
			t.Fatalf("%s still refuses: %v", name, got)
		}
	}
	settle(t, a, b, c)
	for _, ws := range []*core.Workspace{a, b, c} {
		wantAgreement(t, ws, 3, 3)
	}
}
