package templates_test

import (
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/templates"
)

func TestAnApprovedPostIsReusedFromTheLibrary(t *testing.T) {
	f := setup(t)
	post, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo Ramadan", Body: "Diskon 20% 🌙",
		Channels: []string{f.ig, f.x}, Variants: map[string]string{f.x: "Diskon 20%! #kopi"}, Labels: []string{"promo"},
		Date: "2027-03-01", Time: "09:00"})
	if err != nil {
		t.Fatal(err)
	}
	photo, err := f.ws.Calendar.AddAttachment(ctx, post.ID, "menu.png", []byte("\x89PNG\r\n\x1a\nmenu"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Templates.AddToLibrary(ctx, post.ID); code(err) != "library.not_approved" {
		t.Fatalf("a draft went into the library: %v", err)
	}
	for _, s := range []calendar.Status{calendar.InReview, calendar.Approved} {
		if _, err := f.ws.Calendar.MovePost(ctx, f.manager, post.ID, s, ""); err != nil {
			t.Fatal(err)
		}
	}
	item, err := f.ws.Templates.AddToLibrary(ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	if item.LastUsedAt != "" || item.UseCount != 0 || len(item.Attachments) != 1 || item.Attachments[0].SHA256 != photo.SHA256 {
		t.Fatalf("library item: %+v", item)
	}
	// The original loses its file; the library still has it.
	if err := f.ws.Calendar.RemoveAttachment(ctx, photo.ID); err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC().Add(-time.Second)
	draft, err := f.ws.Templates.UseLibraryItem(ctx, f.creator, item.ID, templates.Reuse{Date: "2028-03-01", Time: "10:00"})
	if err != nil {
		t.Fatal(err)
	}
	if draft.ID == post.ID || draft.Status != calendar.Draft || draft.Body != post.Body || draft.Variants[f.x] != "Diskon 20%! #kopi" ||
		draft.Date != "2028-03-01" || len(draft.Channels) != 2 || draft.Labels[0] != "promo" {
		t.Fatalf("draft: %+v", draft)
	}
	files, err := f.ws.Calendar.Attachments(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].SHA256 != photo.SHA256 || files[0].State != "here" {
		t.Fatalf("draft files: %+v", files)
	}
	list, err := f.ws.Templates.Library(ctx)
	if err != nil {
		t.Fatal(err)
	}
	used, err := time.Parse(time.RFC3339, list[0].LastUsedAt)
	if err != nil || len(list) != 1 || list[0].UseCount != 1 || used.Before(start.Truncate(time.Second)) {
		t.Fatalf("after reuse: %+v (%v)", list, err)
	}
	var clocks int64
	f.ws.Store.DB().Raw("SELECT COUNT(*) FROM changes WHERE entity = 'library_items' AND field = 'last_used_at'").Scan(&clocks)
	if clocks != 1 {
		t.Fatalf("last used is not a synced change (%d changes)", clocks)
	}
	wanted, err := f.ws.Templates.WantedBlobs()
	if err != nil || len(wanted) != 1 || wanted[0] != photo.SHA256 {
		t.Fatalf("files the library wants: %v %v", wanted, err)
	}
}

func TestAFailedReuseChangesNothing(t *testing.T) {
	f := setup(t)
	post, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo", Body: "Diskon", Date: "2027-03-01", Channels: []string{f.ig}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []calendar.Status{calendar.InReview, calendar.Approved} {
		if _, err := f.ws.Calendar.MovePost(ctx, f.manager, post.ID, s, ""); err != nil {
			t.Fatal(err)
		}
	}
	item, err := f.ws.Templates.AddToLibrary(ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	before := changeCount(t, f.ws)
	if _, err := f.ws.Templates.UseLibraryItem(ctx, f.creator, item.ID, templates.Reuse{Date: "2027-02-31"}); err == nil {
		t.Fatal("a bad date was accepted")
	}
	if after := changeCount(t, f.ws); after != before {
		t.Fatalf("a failed reuse wrote %d changes", after-before)
	}
	if again, _ := f.ws.Templates.LibraryItem(ctx, item.ID); again.LastUsedAt != "" {
		t.Fatalf("a failed reuse counted as a use: %+v", again)
	}
}
