package sharedfolder_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
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

func TestPostAttachmentsArriveWithTheirPostOrShowAsPending(t *testing.T) {
	a, b, folder := pair(t)
	post, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "Foto produk", Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	photo := []byte("\x89PNG\r\n\x1a\nnot really a photo")
	if _, err := a.Calendar.AddAttachment(ctx, post.ID, "produk.png", photo); err != nil {
		t.Fatal(err)
	}
	brief, _ := a.Calendar.AddAttachment(ctx, post.ID, "brief.txt", []byte("Brief: diskon 20%"))
	syncOK(t, a)
	// The brief's file is lost from the shared folder (a syncer is slow).
	lost := filepath.Join(folder, "postdeck", a.Workspace.ID(), "blobs", brief.SHA256[:2], brief.SHA256)
	if err := os.Remove(lost); err != nil {
		t.Fatal(err)
	}
	r := syncOK(t, b)
	list, err := b.Calendar.Attachments(ctx, post.ID)
	if err != nil || len(list) != 2 || r.BlobsPending != 1 {
		t.Fatalf("attachments on b: %+v %v (report %+v)", list, err, r)
	}
	got := map[string]string{}
	for _, at := range list {
		got[at.Name] = at.State
	}
	if got["produk.png"] != "here" || got["brief.txt"] != "pending" {
		t.Fatalf("states: %v", got)
	}
	content, err := b.Calendar.AttachmentContent(ctx, list[0].ID)
	if err != nil || content != base64.StdEncoding.EncodeToString(photo) {
		t.Fatalf("the photo on b: %v", err)
	}
	if _, err := b.Calendar.AttachmentContent(ctx, list[1].ID); apperr.Code(err) != "attachment.pending" {
		t.Fatalf("a file still travelling: %v", err)
	}
	// a writes it again on its next sync; then it arrives.
	syncOK(t, a)
	syncOK(t, b)
	if list, _ := b.Calendar.Attachments(ctx, post.ID); list[1].State != "here" {
		t.Fatalf("the brief did not arrive: %+v", list[1])
	}
}
