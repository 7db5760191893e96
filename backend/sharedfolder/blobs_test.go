package sharedfolder_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

func TestAttachmentsTravelByHashAndMissingOnesArePending(t *testing.T) {
	a, b, folder := pair(t)
	img := []byte("\x89PNG fake image bytes")
	sha, err := a.Sync.Blobs.Put(img)
	if err != nil {
		t.Fatal(err)
	}
	missing := strings.Repeat("ab", 32)
	b.Sync.Blobs.Wanted = func() ([]string, error) { return []string{sha, missing, "../../etc/passwd"}, nil }

	if r := syncOK(t, a); r.BlobsSent != 1 {
		t.Fatalf("a did not send the attachment: %+v", r)
	}
	if r := syncOK(t, a); r.BlobsSent != 0 {
		t.Fatalf("a sent the attachment twice: %+v", r)
	}
	// Before it is in the shared folder it is pending, and sync goes on.
	shared := filepath.Join(folder, "postdeck", a.Workspace.ID(), "blobs", sha[:2], sha)
	whole, _ := os.ReadFile(shared)
	os.WriteFile(shared, []byte("\x89PNG damaged"), 0o644)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	syncOK(t, a)
	r := syncOK(t, b)
	if b.Sync.Blobs.State(sha) != sharedfolder.BlobPending || r.BlobsPending != 2 || names(t, b) != "Ana" {
		t.Fatalf("a damaged attachment must stay pending without stopping sync: %+v %s", r, b.Sync.Blobs.State(sha))
	}
	os.WriteFile(shared, whole, 0o644)
	r = syncOK(t, b)
	got, err := b.Sync.Blobs.Get(sha)
	if err != nil || string(got) != string(img) || r.BlobsReceived != 1 || r.BlobsPending != 1 {
		t.Fatalf("attachment not received: %v %+v", err, r)
	}
	if _, err := b.Sync.Blobs.Get("../x"); err == nil {
		t.Fatal("a blob name that is not a hash was read")
	}
}
