package core_test

import (
	"context"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/styleguide"
	"postdeck/backend/team"
)

// The calendar checks against the real style guide: a banned phrase added
// to the guide refuses the approval of a post that was fine before, puts an
// approved post on the needs-another-look list, and a new entry is seen at
// once (the compiled guide is not kept past a change).
func TestCalendarChecksAgainstTheStyleGuide(t *testing.T) {
	ctx := context.Background()
	ws, err := core.Open(t.TempDir(), events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	mgr, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	ig, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopinusantara"})
	add := func(title, body string) calendar.Post {
		p, err := ws.Calendar.AddPost(ctx, mgr.ID, calendar.PostInput{Title: title, Body: body, Channels: []string{ig.ID}, Date: "2026-12-01"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ws.Calendar.MovePost(ctx, mgr.ID, p.ID, calendar.InReview, ""); err != nil {
			t.Fatal(err)
		}
		return p
	}
	approved := add("Pagi", "Kopi hangat pagi ini")
	if _, err := ws.Calendar.MovePost(ctx, mgr.ID, approved.ID, calendar.Approved, ""); err != nil {
		t.Fatal(err)
	}
	waiting := add("Sore", "Kopi hangat sore ini")

	if _, err := ws.StyleGuide.Save(ctx, mgr.ID, styleguide.Entry{Section: styleguide.Banned, Text: "kopi hangat",
		Replacement: "kopi panas", Severity: "error"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Calendar.MovePost(ctx, mgr.ID, waiting.ID, calendar.Approved, ""); apperr.Code(err) != "post.check_errors" {
		t.Fatalf("approving a text with the newly banned phrase: %v", err)
	}
	look, err := ws.Calendar.NeedsLook(ctx)
	if err != nil || len(look) != 1 || look[0].ID != approved.ID || look[0].Status != calendar.Approved {
		t.Fatalf("needs another look: %+v %v", look, err)
	}
	res, err := ws.Calendar.CheckDraft(ctx, calendar.PostInput{Body: "☕ kopi hangat", Channels: []string{ig.ID}})
	if err != nil || len(res) != 1 {
		t.Fatal(res, err)
	}
	var f *calendar.Finding
	for i := range res[0].Findings {
		if res[0].Findings[i].Code == "banned_phrase" {
			f = &res[0].Findings[i]
		}
	}
	if f == nil || f.From16 != 2 || f.To16 != 13 || f.Fix == nil || f.Fix.Replacement != "kopi panas" {
		t.Fatalf("the draft's finding: %+v", res[0].Findings)
	}

	// The editor's summary says the channel's rating ceiling; over it is an error.
	if _, err := ws.StyleGuide.Save(ctx, mgr.ID, styleguide.Entry{Section: styleguide.Rating, Rating: "PG"}); err != nil {
		t.Fatal(err)
	}
	res, err = ws.Calendar.CheckDraft(ctx, calendar.PostInput{Body: "Halo", Channels: []string{ig.ID}, Rating: "PG-13"})
	if err != nil || len(res) != 1 || res[0].Ceiling != "PG" || len(res[0].Findings) != 1 || res[0].Findings[0].Code != "rating_above_ceiling" {
		t.Fatalf("rating against the ceiling: %+v %v", res, err)
	}
}
