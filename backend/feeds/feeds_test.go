package feeds_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/feeds"
	"postdeck/backend/ics"
	"postdeck/backend/internal/testws"
	"postdeck/backend/team"
)

var ctx = context.Background()

type fixture struct {
	ws          *core.Workspace
	sari, budi  string
	ig, x       string
	campaign    string
	sharedRoot  string
	sharedFiles string
}

func setup(t *testing.T) fixture {
	t.Helper()
	ws, _ := testws.Open(t)
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Asia/Jakarta"); err != nil {
		t.Fatal(err)
	}
	sari, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	budi, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"freelancer"}, Freelancer: true})
	if err != nil {
		t.Fatal(err)
	}
	ig, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinusantara"})
	x, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopinus"})
	camp, err := ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Ramadan", Kind: "promotion", Goal: "Sell more",
		StartsOn: "2027-02-17", EndsOn: "2027-03-19"})
	if err != nil {
		t.Fatal(err)
	}
	return fixture{ws: ws, sari: sari.ID, budi: budi.ID, ig: ig.ID, x: x.ID, campaign: camp.ID}
}

func (f fixture) post(t *testing.T, owner string, in calendar.PostInput) calendar.Post {
	t.Helper()
	in.OwnerID = owner
	if in.Channels == nil {
		in.Channels = []string{f.ig}
	}
	p, err := f.ws.Calendar.AddPost(ctx, f.sari, in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f fixture) export(t *testing.T, sel feeds.Selection) (string, *ics.File) {
	t.Helper()
	data, err := f.ws.Feeds.Export(ctx, sel)
	if err != nil {
		t.Fatal(err)
	}
	file, err := ics.Parse(data, nil)
	if err != nil {
		t.Fatalf("our own export does not parse: %v\n%s", err, data)
	}
	return string(data), file
}

func uids(f *ics.File) []string {
	var out []string
	for _, it := range f.Items {
		out = append(out, it.UID+"|"+it.RecurrenceID.Key())
	}
	slices.Sort(out)
	return out
}

func TestAMembersFeedHoldsOnlyTheirDatedPostsAndPrivateLeavesOutTexts(t *testing.T) {
	f := setup(t)
	mine := f.post(t, f.budi, calendar.PostInput{Title: "Foto latte art", Body: "Rahasia: diskon 20%", Date: "2027-03-01", Time: "09:30",
		Channels: []string{f.ig, f.x}, Variants: map[string]string{f.x: "Teks X"}, Labels: []string{"label-internal"}, CampaignID: f.campaign})
	allDay := f.post(t, f.budi, calendar.PostInput{Title: "Hari kopi", Date: "2027-03-02"})
	f.post(t, f.budi, calendar.PostInput{Title: "Ide tanpa tanggal"})
	f.post(t, f.sari, calendar.PostInput{Title: "Punya Sari", Date: "2027-03-01"})

	text, file := f.export(t, feeds.Selection{Name: "Budi", MemberID: f.budi})
	want := []string{feeds.PostUID(allDay.ID) + "|", feeds.PostUID(mine.ID) + "|"}
	slices.Sort(want)
	if got := uids(file); !slices.Equal(got, want) {
		t.Fatalf("Budi's feed holds %v, want %v", got, want)
	}
	for _, it := range file.Items {
		switch it.UID {
		case feeds.PostUID(mine.ID):
			if it.Summary != "[Instagram, X] Foto latte art" || it.Start.Wall != "2027-03-01T09:30:00" || it.Start.Zone != "Asia/Jakarta" ||
				it.End.Wall != "2027-03-01T10:00:00" {
				t.Errorf("timed post: %+v", it)
			}
			for _, w := range []string{"Status: Draft", "Promotion: Ramadan", "Rahasia: diskon 20%", "X @kopinus:\nTeks X"} {
				if !strings.Contains(it.Description, w) {
					t.Errorf("description lacks %q: %q", w, it.Description)
				}
			}
		case feeds.PostUID(allDay.ID):
			if !it.Start.AllDay || it.Start.Date != "2027-03-02" || it.End.Date != "2027-03-03" {
				t.Errorf("all-day post: %+v", it)
			}
		}
	}
	if !strings.Contains(text, "BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta") || !strings.Contains(text, "CATEGORIES:Instagram,X,label-internal") {
		t.Errorf("export:\n%s", text)
	}
	if strings.Contains(text, "Promotion: Ramadan\r\n") {
		t.Errorf("campaigns are left out unless asked for:\n%s", text)
	}
	withCampaigns, file := f.export(t, feeds.Selection{Name: "Budi", MemberID: f.budi, Campaigns: true})
	if !strings.Contains(withCampaigns, "SUMMARY:Promotion: Ramadan\r\n") || len(file.Items) != 3 {
		t.Errorf("campaigns as multi-day events:\n%s", withCampaigns)
	}
	for _, it := range file.Items {
		if it.UID == feeds.CampaignUID(f.campaign) && (it.Start.Date != "2027-02-17" || it.End.Date != "2027-03-20") {
			t.Errorf("campaign days: %+v", it)
		}
	}

	private, _ := f.export(t, feeds.Selection{Name: "Budi", MemberID: f.budi, Private: true, Language: "id"})
	for _, leak := range []string{"Rahasia", "DESCRIPTION", "Draf", "label-internal"} {
		if strings.Contains(private, leak) {
			t.Errorf("a private feed shows %q:\n%s", leak, private)
		}
	}
	if !strings.Contains(private, "Foto latte art") {
		t.Error("a private feed still shows titles")
	}
}

func TestExportIsStableAndChangesShowAsNewSequences(t *testing.T) {
	f := setup(t)
	p := f.post(t, f.budi, calendar.PostInput{Title: "Promo", Date: "2027-03-01", Time: "10:00"})
	gone := f.post(t, f.budi, calendar.PostInput{Title: "Dihapus", Date: "2027-03-03"})
	sel := feeds.Selection{Name: "Tim", Campaigns: true}
	first, file1 := f.export(t, sel)
	again, _ := f.export(t, sel)
	if first != again {
		t.Fatal("the same data must give the same bytes (feeds are not rewritten when unchanged)")
	}
	time.Sleep(1100 * time.Millisecond) // SEQUENCE counts seconds
	in := calendar.PostInput{Title: "Promo besar", Date: "2027-03-01", Time: "10:00", Channels: []string{f.ig}, OwnerID: f.budi}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.sari, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := f.ws.Calendar.DeletePost(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	_, file2 := f.export(t, sel)
	seq := func(file *ics.File, uid string) (int, string, bool) {
		for _, it := range file.Items {
			if it.UID == uid {
				return it.Sequence, it.Summary, true
			}
		}
		return 0, "", false
	}
	s1, _, _ := seq(file1, feeds.PostUID(p.ID))
	s2, title, ok := seq(file2, feeds.PostUID(p.ID))
	if !ok || s2 <= s1 || title != "[Instagram] Promo besar" {
		t.Fatalf("an edit keeps the UID and raises SEQUENCE: %d -> %d %q", s1, s2, title)
	}
	if _, _, ok := seq(file2, feeds.PostUID(gone.ID)); ok {
		t.Fatal("a deleted post must leave the feed")
	}
}

func TestSeriesExportAsOneEventWithSkippedDaysAndEditedOccurrences(t *testing.T) {
	f := setup(t)
	if _, err := f.ws.Workspace.Update(ctx, "Kopi Nusantara", "Europe/Berlin"); err != nil {
		t.Fatal(err)
	}
	s := f.post(t, f.budi, calendar.PostInput{Title: "Tips Senin", Date: "2027-03-15", Time: "09:00",
		Repeat: &calendar.Repeat{Freq: "weekly", Count: 6}})
	if err := f.ws.Calendar.SkipOccurrence(ctx, s.ID, "2027-03-22"); err != nil {
		t.Fatal(err)
	}
	moved, err := f.ws.Calendar.EditOccurrence(ctx, f.sari, s.ID, "2027-03-29", calendar.PostInput{Title: "Tips Senin (libur)",
		Date: "2027-03-30", Time: "11:00", Channels: []string{f.ig}, OwnerID: f.budi})
	if err != nil {
		t.Fatal(err)
	}
	_, file := f.export(t, feeds.Selection{Name: "Budi", MemberID: f.budi})
	if len(file.Items) != 2 {
		t.Fatalf("want the series and its edited day, got %+v", file.Items)
	}
	master, edit := file.Items[0], file.Items[1]
	if master.RRule == "" {
		master, edit = edit, master
	}
	if master.RRule != "FREQ=WEEKLY;BYDAY=MO;COUNT=6" || len(master.ExDates) != 1 || master.ExDates[0].Wall != "2027-03-22T09:00:00" {
		t.Fatalf("series: %+v", master)
	}
	if edit.UID != master.UID || edit.RecurrenceID.Wall != "2027-03-29T09:00:00" || edit.Start.Wall != "2027-03-30T11:00:00" {
		t.Fatalf("edited occurrence %s: %+v", moved.Post.ID, edit)
	}

	// When the edited day belongs to someone else, Budi's feed skips that day.
	in := calendar.PostInput{Title: "Tips Senin (libur)", Date: "2027-03-30", Time: "11:00", Channels: []string{f.ig}, OwnerID: f.sari}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.sari, moved.Post.ID, in); err != nil {
		t.Fatal(err)
	}
	_, file = f.export(t, feeds.Selection{Name: "Budi", MemberID: f.budi})
	if len(file.Items) != 1 || len(file.Items[0].ExDates) != 2 {
		t.Fatalf("Budi's series must skip the day given to Sari: %+v", file.Items)
	}
}

func TestBadSelectionsAreRefused(t *testing.T) {
	f := setup(t)
	for _, c := range []struct {
		sel  feeds.Selection
		code string
	}{
		{feeds.Selection{MemberID: "nobody"}, "feed.member_unknown"},
		{feeds.Selection{Network: "myspace"}, "feed.network_unknown"},
		{feeds.Selection{Statuses: []string{"lost"}}, "feed.status_unknown"},
		{feeds.Selection{From: "2027-02-30"}, "feed.date_invalid"},
		{feeds.Selection{From: "2027-03-02", To: "2027-03-01"}, "feed.dates_reversed"},
		{feeds.Selection{Language: "fr"}, "feed.language_unknown"},
	} {
		if _, err := f.ws.Feeds.Export(ctx, c.sel); apperr.Code(err) != c.code {
			t.Errorf("%+v: got %v, want %s", c.sel, err, c.code)
		}
	}
	if _, err := f.ws.Feeds.AddFeed(ctx, feeds.Selection{Name: "  "}); apperr.Code(err) != "feed.name_required" {
		t.Errorf("no name: %v", err)
	}
	if _, err := f.ws.Feeds.AddFeed(ctx, feeds.Selection{Name: "Budi"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Feeds.AddFeed(ctx, feeds.Selection{Name: "budi"}); apperr.Code(err) != "feed.name_taken" {
		t.Errorf("same name twice: %v", err)
	}
}

func TestFeedsArePublishedToTheSharedAndOwnFoldersOnlyWhenChanged(t *testing.T) {
	f := setup(t)
	shared := t.TempDir()
	if _, err := f.ws.Sync.Connect(ctx, shared, "Kopi Nusantara"); err != nil {
		t.Fatal(err)
	}
	own := t.TempDir()
	if err := f.ws.Feeds.SetFolder(ctx, own); err != nil {
		t.Fatal(err)
	}
	f.post(t, f.budi, calendar.PostInput{Title: "Foto latte art", Date: "2027-03-01", Time: "09:30"})
	feed, err := f.ws.Feeds.AddFeed(ctx, feeds.Selection{Name: "Budi (freelancer)", MemberID: f.budi})
	if err != nil {
		t.Fatal(err)
	}
	if feed.FileName != "budi-freelancer.ics" {
		t.Fatalf("file name: %q", feed.FileName)
	}
	rep, err := f.ws.Publisher.Publish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inShared := filepath.Join(shared, "postdeck", f.ws.Workspace.ID(), "feeds", feed.FileName)
	inOwn := filepath.Join(own, feed.FileName)
	if len(rep.Written) != 2 {
		t.Fatalf("first publish: %+v", rep)
	}
	for _, p := range []string{inShared, inOwn} {
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), "Foto latte art") {
			t.Fatalf("%s: %v", p, err)
		}
	}
	before, _ := os.Stat(inShared)
	rep, err = f.ws.Publisher.Publish(ctx)
	if err != nil || len(rep.Written) != 0 || rep.Unchanged != 2 {
		t.Fatalf("an unchanged feed must not be rewritten: %+v %v", rep, err)
	}
	after, _ := os.Stat(inShared)
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Fatal("the file was replaced although nothing changed")
	}
	f.post(t, f.budi, calendar.PostInput{Title: "Video seduh", Date: "2027-03-04"})
	if rep, err = f.ws.Publisher.Publish(ctx); err != nil || len(rep.Written) != 2 {
		t.Fatalf("a change rewrites the feed: %+v %v", rep, err)
	}
	if data, _ := os.ReadFile(inShared); !strings.Contains(string(data), "Video seduh") {
		t.Fatal("the new post is not in the feed")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(inShared), "*.tmp")); len(leftovers) > 0 {
		t.Fatalf("temp files left: %v", leftovers)
	}

	if err := f.ws.Feeds.DeleteFeed(ctx, feed.ID); err != nil {
		t.Fatal(err)
	}
	if rep, err = f.ws.Publisher.Publish(ctx); err != nil || len(rep.Removed) != 2 {
		t.Fatalf("a deleted feed's files go: %+v %v", rep, err)
	}
	if _, err := os.Stat(inShared); !os.IsNotExist(err) {
		t.Fatal("the deleted feed's file is still there")
	}
}

func TestNothingIsWrittenIntoAFolderThatIsNotTheWorkspaces(t *testing.T) {
	f := setup(t)
	shared := t.TempDir()
	if _, err := f.ws.Sync.Connect(ctx, shared, "Kopi Nusantara"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Feeds.AddFeed(ctx, feeds.Selection{Name: "Tim"}); err != nil {
		t.Fatal(err)
	}
	// The shared folder is unmounted: its contents are gone.
	if err := os.RemoveAll(filepath.Join(shared, "postdeck")); err != nil {
		t.Fatal(err)
	}
	rep, err := f.ws.Publisher.Publish(ctx)
	if err != nil || len(rep.Folders) != 0 {
		t.Fatalf("publish into a missing workspace folder: %+v %v", rep, err)
	}
	if _, err := os.Stat(filepath.Join(shared, "postdeck")); !os.IsNotExist(err) {
		t.Fatal("publishing created folders in a shared folder that lost the workspace")
	}
	if err := f.ws.Feeds.SetFolder(ctx, filepath.Join(shared, "nope")); apperr.Code(err) != "feed.folder_missing" {
		t.Fatalf("a missing own folder: %v", err)
	}
	// The own folder disappears after it was chosen (an unplugged drive):
	// it is reported, not made again.
	own := filepath.Join(t.TempDir(), "klien")
	if err := os.Mkdir(own, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.ws.Feeds.SetFolder(ctx, own); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(own); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Publisher.Publish(ctx); apperr.Code(err) != "feed.folder_missing" {
		t.Fatalf("a vanished own folder: %v", err)
	}
	if _, err := os.Stat(own); !os.IsNotExist(err) {
		t.Fatal("publishing made the vanished folder again")
	}
}

func TestStoredListsReadAsJSONDoes(t *testing.T) {
	for _, s := range []string{`[]`, `["a"]`, `["a","b c"]`, `["a\"b","c"]`, `["x\\y"]`, `["é","🎉"]`, `[ "a" ]`, `["a",""]`} {
		var want []string
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		if got := feeds.ListForTest(s); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: got %q, want %q", s, got, want)
		}
	}
}

// Every device builds the same bytes from the same data, so a teammate's
// device finds the feed current instead of rewriting it (no needless
// upload, no conflict copy in the shared folder).
func TestATeammatesDeviceFindsTheFeedCurrent(t *testing.T) {
	a := setup(t)
	shared := t.TempDir()
	if _, err := a.ws.Sync.Connect(ctx, shared, "Kopi Nusantara"); err != nil {
		t.Fatal(err)
	}
	a.post(t, a.budi, calendar.PostInput{Title: "Foto latte art", Body: "Teks, panjang; sekali ☕", Date: "2027-03-01", Time: "09:30",
		Repeat: &calendar.Repeat{Freq: "weekly", Count: 3}})
	if _, err := a.ws.Feeds.AddFeed(ctx, feeds.Selection{Name: "Budi", MemberID: a.budi, Campaigns: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ws.Sync.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	b, _ := testws.Open(t)
	if _, err := b.Sync.Join(ctx, shared, a.ws.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	if fs, err := b.Feeds.Feeds(ctx); err != nil || len(fs) != 1 || fs[0].FileName != "budi.ics" {
		t.Fatalf("the feed reaches the teammate: %+v %v", fs, err)
	}
	if rep, err := a.ws.Publisher.Publish(ctx); err != nil || len(rep.Written) != 1 {
		t.Fatalf("A publishes: %+v %v", rep, err)
	}
	rep, err := b.Publisher.Publish(ctx)
	if err != nil || len(rep.Written) != 0 || rep.Unchanged != 1 {
		t.Fatalf("B must find A's file current: %+v %v", rep, err)
	}
}
