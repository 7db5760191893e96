package calendar_test

import (
	"context"
	"slices"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/team"
)

var ctx = context.Background()

type fixture struct {
	ws               *core.Workspace
	manager, creator string
	ig, x            string
}

func setup(t *testing.T) fixture {
	t.Helper()
	ws, _ := testws.Open(t)
	mgr, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	cc, _ := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"content_creator"}})
	ig, err := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinusantara", Cadence: 3})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopinus"})
	return fixture{ws: ws, manager: mgr.ID, creator: cc.ID, ig: ig.ID, x: x.ID}
}

func code(err error) string { return apperr.Code(err) }

func (f fixture) post(t *testing.T, date string) calendar.Post {
	t.Helper()
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Promo Ramadan", Body: "Diskon 20%",
		Channels: []string{f.ig, f.x}, Variants: map[string]string{f.x: "Diskon 20%! #kopi"}, Date: date, Time: "09:30"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// walk moves p through statuses as actor, failing on the first refusal.
func (f fixture) walk(t *testing.T, id, actor string, to ...calendar.Status) {
	t.Helper()
	for _, s := range to {
		note := ""
		if s == calendar.ChangesRequested {
			note = "Tolong ganti fotonya"
		}
		if _, err := f.ws.Calendar.MovePost(ctx, actor, id, s, note); err != nil {
			t.Fatalf("move to %s: %v", s, err)
		}
	}
}

func TestPostsKeepATextPerChannel(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01")
	if p.Status != calendar.Draft || p.OwnerID != f.creator || p.AllDay || p.Time != "09:30" {
		t.Fatalf("new post: %+v", p)
	}
	if p.Variants[f.x] != "Diskon 20%! #kopi" || len(p.Variants) != 1 {
		t.Fatalf("variants: %v", p.Variants)
	}
	idea, _ := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Someday"})
	if idea.Status != calendar.Idea || idea.Date != "" {
		t.Fatalf("a post without a date is an idea: %+v", idea)
	}
	dec, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{From: "2026-12-01", To: "2026-12-31"})
	if len(dec) != 1 || dec[0].ID != p.ID {
		t.Fatalf("month query: %+v", dec)
	}
	backlog, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{Unplanned: true})
	if len(backlog) != 1 || backlog[0].ID != idea.ID {
		t.Fatalf("backlog: %+v", backlog)
	}
	onX, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{ChannelID: f.x})
	if len(onX) != 1 {
		t.Fatalf("channel filter: %+v", onX)
	}
}

func TestPostValidation(t *testing.T) {
	f := setup(t)
	cases := []struct {
		in   calendar.PostInput
		code string
	}{
		{calendar.PostInput{Title: " "}, "post.title_required"},
		{calendar.PostInput{Title: "x", Channels: []string{"nope"}}, "post.channel_unknown"},
		{calendar.PostInput{Title: "x", Date: "2026-02-30"}, "post.date_invalid"},
		{calendar.PostInput{Title: "x", Date: "2026-02-03", Time: "25:00"}, "post.time_invalid"},
		{calendar.PostInput{Title: "x", Time: "09:00"}, "post.time_invalid"},
		{calendar.PostInput{Title: "x", Rating: "R"}, "post.rating_invalid"},
		{calendar.PostInput{Title: "x", Variants: map[string]string{f.ig: "y"}}, "post.variant_channel"},
		{calendar.PostInput{Title: "x", CampaignID: "nope"}, "post.campaign_unknown"},
		{calendar.PostInput{Title: "x", ApproverID: "nope"}, "post.member_unknown"},
	}
	for _, c := range cases {
		if _, err := f.ws.Calendar.AddPost(ctx, f.creator, c.in); code(err) != c.code {
			t.Errorf("%+v: want %s, got %v", c.in, c.code, err)
		}
	}
	if all, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{}); len(all) != 0 {
		t.Fatalf("refused posts were saved: %d", len(all))
	}
}

// Every move the workflow allows works for an approver, and every move it
// does not allow is refused with post.move_refused, from every status.
func TestEveryWorkflowMove(t *testing.T) {
	f := setup(t)
	// The way to reach each status from a new draft.
	path := map[calendar.Status][]calendar.Status{
		calendar.Idea:             {calendar.Idea},
		calendar.Draft:            {},
		calendar.InReview:         {calendar.InReview},
		calendar.ChangesRequested: {calendar.InReview, calendar.ChangesRequested},
		calendar.Approved:         {calendar.InReview, calendar.Approved},
		calendar.Scheduled:        {calendar.InReview, calendar.Approved, calendar.Scheduled},
		calendar.Published:        {calendar.InReview, calendar.Approved, calendar.Scheduled, calendar.Published},
		calendar.Archived:         {calendar.Archived},
	}
	for _, from := range calendar.Statuses {
		for _, to := range calendar.Statuses {
			p := f.post(t, "2026-12-01")
			f.walk(t, p.ID, f.manager, path[from]...)
			note := ""
			if to == calendar.ChangesRequested {
				note = "ganti"
			}
			got, err := f.ws.Calendar.MovePost(ctx, f.manager, p.ID, to, note)
			allowed := slices.Contains(calendar.Moves(from), to)
			switch {
			case allowed && err != nil:
				t.Errorf("%s -> %s should be allowed: %v", from, to, err)
			case allowed && got.Status != to:
				t.Errorf("%s -> %s: status is %s", from, to, got.Status)
			case !allowed && code(err) != "post.move_refused":
				t.Errorf("%s -> %s should be refused with post.move_refused, got %v", from, to, err)
			}
		}
	}
}

func TestOnlyApproversApproveAndChangesNeedAComment(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01")
	f.walk(t, p.ID, f.creator, calendar.InReview)
	if _, err := f.ws.Calendar.MovePost(ctx, f.creator, p.ID, calendar.Approved, ""); code(err) != "post.approve_denied" {
		t.Fatalf("a content creator approved: %v", err)
	}
	if _, err := f.ws.Calendar.MovePost(ctx, f.creator, p.ID, calendar.ChangesRequested, "x"); code(err) != "post.approve_denied" {
		t.Fatalf("a content creator requested changes: %v", err)
	}
	if _, err := f.ws.Calendar.MovePost(ctx, f.manager, p.ID, calendar.ChangesRequested, "  "); code(err) != "post.comment_required" {
		t.Fatalf("changes requested without a comment: %v", err)
	}
	if _, err := f.ws.Calendar.MovePost(ctx, "", p.ID, calendar.Approved, ""); code(err) != "calendar.identity_required" {
		t.Fatalf("a move without an identity: %v", err)
	}
	f.walk(t, p.ID, f.manager, calendar.ChangesRequested)
	comments, _ := f.ws.Calendar.Comments(ctx, p.ID)
	if len(comments) != 1 || comments[0].Body != "Tolong ganti fotonya" || comments[0].AuthorID != f.manager {
		t.Fatalf("the request's comment: %+v", comments)
	}
	f.walk(t, p.ID, f.creator, calendar.InReview)
	approved, err := f.ws.Calendar.MovePost(ctx, f.manager, p.ID, calendar.Approved, "")
	if err != nil || approved.ApprovedBy != f.manager || approved.ApprovedAt == "" {
		t.Fatalf("approval not on record: %+v %v", approved, err)
	}
	hist, _ := f.ws.Calendar.History(ctx, p.ID)
	var tos []calendar.Status
	for _, e := range hist {
		tos = append(tos, e.To)
	}
	want := []calendar.Status{calendar.Draft, calendar.InReview, calendar.ChangesRequested, calendar.InReview, calendar.Approved}
	if !slices.Equal(tos, want) {
		t.Fatalf("history: %v", tos)
	}
}

func TestEditingApprovedTextSendsItBackToReview(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01")
	f.walk(t, p.ID, f.manager, calendar.InReview, calendar.Approved, calendar.Scheduled)
	// Moving it to another day keeps the approval: the words did not change.
	in := calendar.PostInput{Title: p.Title, Body: p.Body, Channels: p.Channels, Variants: p.Variants, Date: "2026-12-02", Time: p.Time}
	res, err := f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in)
	if err != nil || res.BackToReview || res.Post.Status != calendar.Scheduled {
		t.Fatalf("reschedule: %+v %v", res, err)
	}
	in.Variants = map[string]string{f.x: "Diskon 25%!"}
	res, err = f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in)
	if err != nil || !res.BackToReview || res.Post.Status != calendar.InReview || res.Post.ApprovedAt != "" {
		t.Fatalf("editing scheduled text: %+v %v", res, err)
	}
	// Without a new approval it cannot be scheduled.
	f.walk(t, p.ID, f.manager, calendar.Approved)
	f.walk(t, p.ID, f.manager, calendar.InReview)
	if _, err := f.ws.Calendar.MovePost(ctx, f.manager, p.ID, calendar.Draft, ""); err != nil {
		t.Fatal(err)
	}
	// An idea without a date cannot be scheduled even once approved.
	idea, _ := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Someday"})
	f.walk(t, idea.ID, f.manager, calendar.Draft, calendar.InReview, calendar.Approved)
	if _, err := f.ws.Calendar.MovePost(ctx, f.manager, idea.ID, calendar.Scheduled, ""); code(err) != "post.schedule_needs_date" {
		t.Fatalf("scheduled without a date: %v", err)
	}
}

func TestChannelsAndCampaigns(t *testing.T) {
	f := setup(t)
	for _, c := range []struct {
		in   calendar.ChannelInput
		code string
	}{
		{calendar.ChannelInput{Network: "myspace", Handle: "x"}, "channel.network_unknown"},
		{calendar.ChannelInput{Network: "x", Handle: " "}, "channel.handle_required"},
		{calendar.ChannelInput{Network: "x", Handle: "a", Cadence: 1000}, "channel.cadence_invalid"},
		{calendar.ChannelInput{Network: "x", Handle: "a", OwnerID: "nobody"}, "channel.owner_unknown"},
	} {
		if _, err := f.ws.Calendar.AddChannel(ctx, c.in); code(err) != c.code {
			t.Errorf("%+v: want %s got %v", c.in, c.code, err)
		}
	}
	camp, err := f.ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Ramadan", Kind: "promotion", StartsOn: "2027-02-17", EndsOn: "2027-03-19"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Bad", StartsOn: "2027-03-19", EndsOn: "2027-02-17"}); code(err) != "campaign.ends_before_start" {
		t.Fatalf("backwards campaign: %v", err)
	}
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Buka puasa", CampaignID: camp.ID, Date: "2027-02-20"})
	if err != nil {
		t.Fatal(err)
	}
	in, _ := f.ws.Calendar.Posts(ctx, calendar.Filter{CampaignID: camp.ID})
	if len(in) != 1 || in[0].ID != p.ID {
		t.Fatalf("campaign filter: %+v", in)
	}
	list, _ := f.ws.Calendar.Campaigns(ctx)
	if len(list) != 1 || list[0].Kind != "promotion" {
		t.Fatalf("campaigns: %+v", list)
	}
}

func TestSearchFindsPostsByAnyOfTheirWords(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01") // body "Diskon 20%", X text "Diskon 20%! #kopi"
	other, _ := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Lebaran greetings", Body: "Selamat Hari Raya"})
	find := func(q string) []string {
		t.Helper()
		hits, err := f.ws.Calendar.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Post.ID)
		}
		return ids
	}
	if got := find("diskon"); !slices.Equal(got, []string{p.ID}) {
		t.Fatalf("body word: %v", got)
	}
	if got := find("kop"); !slices.Equal(got, []string{p.ID}) {
		t.Fatalf("a prefix of a channel text word: %v", got)
	}
	if got := find("hari raya"); !slices.Equal(got, []string{other.ID}) {
		t.Fatalf("two words: %v", got)
	}
	// Comments are searched too, and edits update the index.
	f.ws.Calendar.AddComment(ctx, f.manager, other.ID, "Ganti foto ketupat")
	if got := find("ketupat"); !slices.Equal(got, []string{other.ID}) {
		t.Fatalf("comment word: %v", got)
	}
	in := calendar.PostInput{Title: "Promo", Body: "Gratis ongkir", Channels: p.Channels}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if got := find("diskon"); len(got) != 0 {
		t.Fatalf("old words still found after an edit: %v", got)
	}
	if got := find("ongkir"); !slices.Equal(got, []string{p.ID}) {
		t.Fatalf("new words not found: %v", got)
	}
	f.ws.Calendar.DeletePost(ctx, p.ID)
	if got := find("ongkir"); len(got) != 0 {
		t.Fatalf("a deleted post is found: %v", got)
	}
	// What people type is text, never FTS syntax.
	for _, q := range []string{`"`, `*`, `AND OR NOT`, `title:x`, `(`, `NEAR(`} {
		if _, err := f.ws.Calendar.Search(ctx, q); err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
	}
}

func TestFilterByNetworkAndLabel(t *testing.T) {
	f := setup(t)
	add := func(title string, channels []string, labels ...string) {
		if _, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: title, Channels: channels, Date: "2026-12-02", Labels: labels}); err != nil {
			t.Fatal(err)
		}
	}
	add("Both", []string{f.ig, f.x}, "promo")
	add("Only X", []string{f.x}, "tips", "promo")
	add("Nowhere", nil)
	titles := func(fl calendar.Filter) []string {
		ps, err := f.ws.Calendar.Posts(ctx, fl)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, p.Title)
		}
		return out
	}
	if got := titles(calendar.Filter{Network: "instagram"}); !slices.Equal(got, []string{"Both"}) {
		t.Fatalf("instagram: %v", got)
	}
	if got := titles(calendar.Filter{Network: "x", Label: "tips"}); !slices.Equal(got, []string{"Only X"}) {
		t.Fatalf("x and tips: %v", got)
	}
	if labels, _ := f.ws.Calendar.Labels(ctx); !slices.Equal(labels, []string{"promo", "tips"}) {
		t.Fatalf("labels in use: %v", labels)
	}
}
