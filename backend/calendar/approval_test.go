package calendar_test

import (
	"testing"

	"postdeck/backend/calendar"
	"postdeck/backend/team"
)

// The review queue holds what this member may approve: posts in review with
// no approver named or with this member named, and nothing for a member
// whose roles do not approve posts.
func TestAwaitingApprovalListsWhatThisMemberMayApprove(t *testing.T) {
	f := setup(t)
	head, err := f.ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"head_of_social"}})
	if err != nil {
		t.Fatal(err)
	}
	add := func(title, approver string, review bool) string {
		p, err := f.ws.Calendar.AddPost(ctx, f.creator, calendar.PostInput{Title: title, Body: "teks",
			Channels: []string{f.ig}, Date: "2027-03-10", Time: "09:00", ApproverID: approver})
		if err != nil {
			t.Fatal(err)
		}
		if review {
			f.walk(t, p.ID, f.creator, calendar.InReview)
		}
		return p.ID
	}
	open := add("Anyone may approve", "", true)
	mine := add("Named Sari", f.manager, true)
	add("Named Budi", head.ID, true)
	add("Still a draft", "", false)

	got, err := f.ws.Calendar.AwaitingApproval(ctx, f.manager)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range got {
		ids = append(ids, p.ID)
	}
	if len(ids) != 2 || !contains(ids, open) || !contains(ids, mine) {
		t.Fatalf("Sari's queue = %v, want the unnamed and Sari's post", titles(got))
	}
	if got, _ := f.ws.Calendar.AwaitingApproval(ctx, head.ID); len(got) != 2 {
		t.Fatalf("Budi's queue = %v, want the unnamed and Budi's post", titles(got))
	}
	if got, err := f.ws.Calendar.AwaitingApproval(ctx, f.creator); err != nil || len(got) != 0 {
		t.Fatalf("a content creator's queue = %v, %v; want empty", titles(got), err)
	}
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func titles(ps []calendar.Post) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return out
}
