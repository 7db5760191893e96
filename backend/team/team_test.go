package team_test

import (
	"context"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/events"
	"postdeck/backend/internal/testws"
	"postdeck/backend/team"
)

var ctx = context.Background()

func mustAdd(t *testing.T, s *team.Service, actor string, in team.MemberInput) team.Member {
	t.Helper()
	m, err := s.AddMember(ctx, actor, in)
	if err != nil {
		t.Fatalf("add %s: %v", in.Name, err)
	}
	return m
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := apperr.Code(err); got != code {
		t.Fatalf("want error %q, got %q (%v)", code, got, err)
	}
}

func TestAddMemberStoresWhatWasEntered(t *testing.T) {
	ws, rec := testws.Open(t)
	ana := mustAdd(t, ws.Team, "", team.MemberInput{Name: "  Ana  ", Email: "Ana@Example.com",
		Roles: []string{"content_creator", "copywriter", "content_creator"}, Networks: []string{"instagram", "tiktok"},
		CapacityHours: 20.5})
	if ana.Name != "Ana" || ana.Email != "ana@example.com" {
		t.Fatalf("name/email not cleaned: %+v", ana)
	}
	if len(ana.Roles) != 2 || ana.Roles[0] != "content_creator" || ana.Roles[1] != "copywriter" {
		t.Fatalf("roles: %v", ana.Roles)
	}
	if ana.CapacityHours != 20.5 || ana.Color == "" || ana.CreatedAt == "" {
		t.Fatalf("capacity/colour/created: %+v", ana)
	}
	if rec.Count(events.Changed) != 1 {
		t.Fatalf("want one changed event after the commit, got %d", rec.Count(events.Changed))
	}
	list, err := ws.Team.Members(ctx)
	if err != nil || len(list) != 1 || list[0].ID != ana.ID {
		t.Fatalf("list: %v %v", list, err)
	}
}

func TestMemberValidation(t *testing.T) {
	ws, rec := testws.Open(t)
	ana := mustAdd(t, ws.Team, "", team.MemberInput{Name: "Ana", Email: "ana@example.com", Roles: []string{"content_creator"}})
	before := rec.Count(events.Changed)
	long := make([]byte, 101)
	for i := range long {
		long[i] = 'a'
	}
	cases := []struct {
		name string
		in   team.MemberInput
		code string
	}{
		{"empty name", team.MemberInput{Name: "   ", Roles: []string{"content_creator"}}, "member.name_required"},
		{"long name", team.MemberInput{Name: string(long), Roles: []string{"content_creator"}}, "member.name_too_long"},
		{"bad email", team.MemberInput{Name: "B", Email: "budi@", Roles: []string{"content_creator"}}, "member.email_invalid"},
		{"display-name email", team.MemberInput{Name: "B", Email: "Budi <budi@example.com>", Roles: []string{"content_creator"}}, "member.email_invalid"},
		{"taken email", team.MemberInput{Name: "B", Email: "ANA@example.com", Roles: []string{"content_creator"}}, "member.email_taken"},
		{"no role", team.MemberInput{Name: "B"}, "member.role_required"},
		{"unknown role", team.MemberInput{Name: "B", Roles: []string{"astronaut"}}, "member.role_unknown"},
		{"unknown network", team.MemberInput{Name: "B", Roles: []string{"copywriter"}, Networks: []string{"myspace"}}, "member.network_unknown"},
		{"negative hours", team.MemberInput{Name: "B", Roles: []string{"copywriter"}, CapacityHours: -1}, "member.capacity_invalid"},
		{"absurd hours", team.MemberInput{Name: "B", Roles: []string{"copywriter"}, CapacityHours: 1e9}, "member.capacity_invalid"},
		{"bad colour", team.MemberInput{Name: "B", Roles: []string{"copywriter"}, Color: "red"}, "member.color_invalid"},
		{"unknown backup", team.MemberInput{Name: "B", Roles: []string{"copywriter"}, BackupID: "nobody"}, "member.backup_unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ws.Team.AddMember(ctx, "", c.in)
			wantCode(t, err, c.code)
		})
	}
	_, err := ws.Team.UpdateMember(ctx, "", ana.ID, team.MemberPatch{BackupID: &ana.ID})
	wantCode(t, err, "member.backup_self")

	list, _ := ws.Team.Members(ctx)
	if len(list) != 1 {
		t.Fatalf("a refused member was saved: %v", list)
	}
	if rec.Count(events.Changed) != before {
		t.Fatal("a refused change still told the UI that data changed")
	}
}

func TestBackupUpdateAndDelete(t *testing.T) {
	ws, _ := testws.Open(t)
	ana := mustAdd(t, ws.Team, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	budi := mustAdd(t, ws.Team, "", team.MemberInput{Name: "Budi", Roles: []string{"content_creator"}, BackupID: ana.ID})
	if budi.BackupID != ana.ID {
		t.Fatalf("backup not stored: %+v", budi)
	}
	hours := 12.0
	budi2, err := ws.Team.UpdateMember(ctx, "", budi.ID, team.MemberPatch{CapacityHours: &hours})
	if err != nil || budi2.CapacityHours != 12 || budi2.BackupID != ana.ID || budi2.Name != "Budi" {
		t.Fatalf("patch changed more than asked: %+v %v", budi2, err)
	}
	if err := ws.Team.DeleteMember(ctx, "", budi.ID); err != nil {
		t.Fatal(err)
	}
	_, err = ws.Team.Member(ctx, budi.ID)
	wantCode(t, err, "member.not_found")
	err = ws.Team.DeleteMember(ctx, "", budi.ID)
	wantCode(t, err, "member.not_found")
	// The row stays as a tombstone: a synced row is never physically deleted.
	var n int64
	ws.Store.DB().Raw("SELECT COUNT(*) FROM members WHERE id = ? AND deleted_at IS NOT NULL", budi.ID).Scan(&n)
	if n != 1 {
		t.Fatal("deleted member is not kept as a tombstone")
	}
}

func TestPermissions(t *testing.T) {
	ws, _ := testws.Open(t)
	mgr := mustAdd(t, ws.Team, "", team.MemberInput{Name: "Mgr", Roles: []string{"social_media_manager"}})
	writer := mustAdd(t, ws.Team, mgr.ID, team.MemberInput{Name: "Writer", Roles: []string{"content_creator"}})

	_, err := ws.Team.AddMember(ctx, writer.ID, team.MemberInput{Name: "X", Roles: []string{"copywriter"}})
	wantCode(t, err, "team.permission_denied")
	err = ws.Team.DeleteMember(ctx, writer.ID, mgr.ID)
	wantCode(t, err, "team.permission_denied")

	if ok, _ := ws.Team.Can(ctx, mgr.ID, team.ApprovePosts); !ok {
		t.Fatal("a social media manager approves posts by default")
	}
	if ok, _ := ws.Team.Can(ctx, writer.ID, team.ApprovePosts); ok {
		t.Fatal("a content creator does not approve posts by default")
	}
	// Granting the permission to a role applies to everyone with it.
	if err := ws.Team.SetRolePermissions(ctx, mgr.ID, "content_creator", []team.Permission{team.ApprovePosts}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := ws.Team.Can(ctx, writer.ID, team.ApprovePosts); !ok {
		t.Fatal("role permission change did not apply")
	}
	// The only manager cannot take away the last right to manage the team.
	roles := []string{"content_creator"}
	_, err = ws.Team.UpdateMember(ctx, mgr.ID, mgr.ID, team.MemberPatch{Roles: &roles})
	wantCode(t, err, "team.last_manager")
	err = ws.Team.DeleteMember(ctx, mgr.ID, mgr.ID)
	wantCode(t, err, "team.last_manager")
	err = ws.Team.SetRolePermissions(ctx, mgr.ID, "social_media_manager", nil)
	wantCode(t, err, "team.last_manager")
	if ok, _ := ws.Team.Can(ctx, mgr.ID, team.ManageTeam); !ok {
		t.Fatal("refused change was applied")
	}
}

func TestCustomRoles(t *testing.T) {
	ws, _ := testws.Open(t)
	role, err := ws.Team.AddRole(ctx, "", team.RoleInput{Name: "Live host", Description: "Hosts TikTok lives",
		Permissions: []team.Permission{team.ApprovePosts}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ws.Team.AddRole(ctx, "", team.RoleInput{Name: "live HOST"})
	wantCode(t, err, "role.name_taken")
	_, err = ws.Team.AddRole(ctx, "", team.RoleInput{Name: "Copywriter"})
	wantCode(t, err, "role.name_taken")
	_, err = ws.Team.AddRole(ctx, "", team.RoleInput{Name: "X", Permissions: []team.Permission{"launch_rockets"}})
	wantCode(t, err, "role.permission_unknown")

	roles, err := ws.Team.Roles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	builtIn := 0
	var found bool
	for _, r := range roles {
		if r.BuiltIn {
			builtIn++
		}
		if r.ID == role.ID {
			found = !r.BuiltIn && r.Name == "Live host"
		}
	}
	if builtIn != len(team.BuiltInRoles()) || !found {
		t.Fatalf("roles: %d built-in, custom found %v", builtIn, found)
	}
	m := mustAdd(t, ws.Team, "", team.MemberInput{Name: "Host", Roles: []string{role.ID}})
	if ok, _ := ws.Team.Can(ctx, m.ID, team.ApprovePosts); !ok {
		t.Fatal("custom role permission not applied")
	}
}

func TestBuiltInRolesComeFromTheGuide(t *testing.T) {
	want := []string{"social_media_manager", "head_of_social", "content_creator", "community_manager",
		"social_media_analyst", "paid_social_specialist", "copywriter", "graphic_designer", "video_editor",
		"influencer_marketing_manager", "brand_manager", "product_manager", "customer_service", "freelancer"}
	roles := team.BuiltInRoles()
	if len(roles) != len(want) {
		t.Fatalf("want %d built-in roles, got %d", len(want), len(roles))
	}
	for i, r := range roles {
		if r.ID != want[i] || r.Description == "" {
			t.Fatalf("role %d: %+v", i, r)
		}
	}
}
