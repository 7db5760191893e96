package sharedfolder_test

import (
	"testing"

	"postdeck/backend/calendar"
	"postdeck/backend/internal/testws"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// A computer that joins from a snapshot gets, in one go, both the
// confirmation of a teammate's computer and that teammate's approvals: the
// approvals count, judged as the member the computer is confirmed for.
func TestJoiningFromASnapshotKeepsApprovalsOfConfirmedComputers(t *testing.T) {
	old := sharedfolder.SnapshotEvery
	sharedfolder.SnapshotEvery = 1
	t.Cleanup(func() { sharedfolder.SnapshotEvery = old })
	a, b, folder, budi := strictPair(t)
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); err != nil {
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
	syncAll(t, a, b)
	if _, err := b.Calendar.MovePost(ctx, budi, p.ID, calendar.Approved, ""); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b)
	syncOK(t, a)
	mark(t, a, "After the approval") // a's next segment, and a snapshot with everything
	syncOK(t, a)
	d := testws.OpenStrict(t)
	if _, err := d.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	syncOK(t, d)
	if got := postStatus(t, d, p.ID); got != "approved/"+budi {
		t.Fatalf("the joining computer shows the post %s; refused: %v", got, refusedSet(t, d))
	}
	if got := refusedSet(t, d); len(got) != 0 {
		t.Fatalf("the joining computer refused: %v", got)
	}
}
