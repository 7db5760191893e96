package calendar_test

import (
	"strings"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/networks"
)

// A text longer than a network accepts is refused when submitted and when
// approved, naming the channel; fixing it (here with the channel's own text)
// lets it through.
func TestOverLimitTextIsNotSubmittedOrApproved(t *testing.T) {
	f := setup(t)
	long := strings.Repeat("kopi ", 60) // 300 characters: fine on Instagram, too long for X (280)
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Launch", Body: long,
		Channels: []string{f.ig, f.x}, Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.ws.Calendar.MovePost(ctx, f.creator, p.ID, calendar.InReview, "")
	var ae *apperr.Error
	if code(err) != "post.over_limit" || !apperrAs(err, &ae) || ae.Params["channel"] != "X @kopinus" ||
		ae.Params["limit"] != 280 || ae.Params["count"] != 300 {
		t.Fatalf("submit over the limit: %v %+v", err, ae)
	}
	if got, _ := f.ws.Calendar.Post(ctx, p.ID); got.Status != calendar.Draft {
		t.Fatalf("a refused move changed the status: %s", got.Status)
	}

	// An emoji with its skin tone is one emoji, which X weighs 2, as the
	// editor counts: 140 fit.
	in := calendar.PostInput{Title: "Launch", Body: long, Channels: []string{f.ig, f.x}, Date: "2026-12-01",
		Variants: map[string]string{f.x: strings.Repeat("👍🏽", 140)}}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in); err != nil {
		t.Fatal(err)
	}
	f.walk(t, p.ID, f.creator, calendar.InReview)

	// Approving checks again: a teammate's edit may have made it too long.
	in.Variants[f.x] = strings.Repeat("a", 281)
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Calendar.MovePost(ctx, f.manager, p.ID, calendar.Approved, ""); code(err) != "post.over_limit" {
		t.Fatalf("approve over the limit: %v", err)
	}
	if got, _ := f.ws.Calendar.Post(ctx, p.ID); got.Status != calendar.InReview || got.ApprovedAt != "" {
		t.Fatalf("a refused approval changed the post: %+v", got)
	}
	in.Variants[f.x] = strings.Repeat("a", 280)
	f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in)
	f.walk(t, p.ID, f.manager, calendar.Approved)
}

func TestDatedPostWithoutChannelIsNotSubmitted(t *testing.T) {
	f := setup(t)
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Where?", Body: "Halo", Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Calendar.MovePost(ctx, f.creator, p.ID, calendar.InReview, ""); code(err) != "post.review_needs_channel" {
		t.Fatalf("submit without a channel: %v", err)
	}
	in := calendar.PostInput{Title: "Where?", Body: "Halo", Date: "2026-12-01", Channels: []string{f.ig}}
	if _, err := f.ws.Calendar.UpdatePost(ctx, f.creator, p.ID, in); err != nil {
		t.Fatal(err)
	}
	f.walk(t, p.ID, f.creator, calendar.InReview)
}

// New channels and campaigns get distinct colours, as new members do, unless
// someone picks one; a picked colour is not handed out again.
func TestNewChannelsAndCampaignsGetDistinctColours(t *testing.T) {
	f := setup(t) // two channels already
	chs, _ := f.ws.Calendar.Channels(ctx)
	tk, err := f.ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "tiktok", Handle: "@kopi", Color: "#2F9E44"})
	if err != nil {
		t.Fatal(err)
	}
	li, _ := f.ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "linkedin", Handle: "Kopi"})
	seen := map[string]bool{}
	for _, c := range append(chs, tk, li) {
		if c.Color == "" || seen[c.Color] {
			t.Fatalf("colour %q given twice or not at all: %+v", c.Color, append(chs, tk, li))
		}
		seen[c.Color] = true
	}
	a, _ := f.ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Ramadan", StartsOn: "2027-02-17", EndsOn: "2027-03-19"})
	b, _ := f.ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Harbolnas", StartsOn: "2026-12-12", EndsOn: "2026-12-12"})
	if a.Color == "" || b.Color == "" || a.Color == b.Color {
		t.Fatalf("campaign colours: %q %q", a.Color, b.Color)
	}
	cs, _ := f.ws.Calendar.Campaigns(ctx)
	if cs[0].Color != b.Color || cs[1].Color != a.Color {
		t.Fatalf("stored colours: %+v", cs)
	}
}

// Editing a channel or a campaign in place keeps its id, so its posts keep it.
func TestChannelsAndCampaignsAreEditedInPlace(t *testing.T) {
	f := setup(t)
	p := f.post(t, "2026-12-01")
	if err := f.ws.Calendar.UpdateChannel(ctx, f.x, calendar.ChannelInput{Network: "x", Handle: "@kopinusantara", Color: "#E03131", Cadence: 5}); err != nil {
		t.Fatal(err)
	}
	chs, _ := f.ws.Calendar.Channels(ctx)
	var x calendar.Channel
	for _, c := range chs {
		if c.ID == f.x {
			x = c
		}
	}
	if x.Handle != "@kopinusantara" || x.Color != "#e03131" || x.Cadence != 5 || len(chs) != 2 {
		t.Fatalf("edited channel: %+v", chs)
	}
	if got, _ := f.ws.Calendar.Post(ctx, p.ID); len(got.Channels) != 2 {
		t.Fatalf("the post lost its channel: %+v", got)
	}
	if err := f.ws.Calendar.UpdateChannel(ctx, f.x, calendar.ChannelInput{Network: "x", Handle: " "}); code(err) != "channel.handle_required" {
		t.Fatalf("empty handle: %v", err)
	}
}

func apperrAs(err error, target **apperr.Error) bool {
	e, ok := err.(*apperr.Error)
	if ok {
		*target = e
	}
	return ok
}

// The review gate counts as X does (emoji and CJK weigh 2) and uses the
// workspace's own limits, the same table as the editor and the checker.
func TestReviewGateCountsAsTheNetworkAndUsesWorkspaceLimits(t *testing.T) {
	f := setup(t)
	p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: "Launch", Body: strings.Repeat("咖", 141),
		Channels: []string{f.x}, Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	var ae *apperr.Error
	if _, err := f.ws.Calendar.MovePost(ctx, f.creator, p.ID, calendar.InReview, ""); !apperrAs(err, &ae) || ae.Code != "post.over_limit" || ae.Params["count"] != 282 {
		t.Fatalf("141 CJK characters on X weigh 282: %v", err)
	}
	if _, err := f.ws.Workspace.SetNetworkLimit(ctx, "", networks.Limit{Network: "x", MaxChars: 1000}); err != nil {
		t.Fatal(err)
	}
	f.walk(t, p.ID, f.creator, calendar.InReview)
}
