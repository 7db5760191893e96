package workspace_test

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/internal/testws"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

var ctx = context.Background()

func TestOnboardingNamesWorkspaceAndSetsMe(t *testing.T) {
	ws, _ := testws.Open(t)
	info, err := ws.Workspace.Info(ctx)
	if err != nil || info.Onboarded || info.Me != "" || info.Language != "en" || info.Theme != "auto" {
		t.Fatalf("fresh workspace: %+v %v", info, err)
	}
	info, err = ws.Workspace.Onboard(ctx, workspace.OnboardInput{WorkspaceName: "Kopi Nusantara", TimeZone: "Asia/Jakarta",
		Me: team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !info.Onboarded || info.Name != "Kopi Nusantara" || info.TimeZone != "Asia/Jakarta" || info.Me == "" {
		t.Fatalf("after onboarding: %+v", info)
	}
	me, err := ws.Team.Member(ctx, info.Me)
	if err != nil || me.Name != "Sari" {
		t.Fatalf("me: %+v %v", me, err)
	}
}

func TestOnboardingIsAllOrNothing(t *testing.T) {
	ws, _ := testws.Open(t)
	cases := []struct {
		in   workspace.OnboardInput
		code string
	}{
		{workspace.OnboardInput{WorkspaceName: "", TimeZone: "UTC", Me: team.MemberInput{Name: "S", Roles: []string{"copywriter"}}}, "workspace.name_required"},
		{workspace.OnboardInput{WorkspaceName: "W", TimeZone: "Mars/Olympus", Me: team.MemberInput{Name: "S", Roles: []string{"copywriter"}}}, "workspace.time_zone_invalid"},
		{workspace.OnboardInput{WorkspaceName: "W", TimeZone: "Local", Me: team.MemberInput{Name: "S", Roles: []string{"copywriter"}}}, "workspace.time_zone_invalid"},
		{workspace.OnboardInput{WorkspaceName: "W", TimeZone: "UTC", Me: team.MemberInput{Name: "", Roles: []string{"copywriter"}}}, "member.name_required"},
	}
	for _, c := range cases {
		_, err := ws.Workspace.Onboard(ctx, c.in)
		if apperr.Code(err) != c.code {
			t.Fatalf("want %s, got %v", c.code, err)
		}
	}
	info, _ := ws.Workspace.Info(ctx)
	members, _ := ws.Team.Members(ctx)
	if info.Onboarded || len(members) != 0 {
		t.Fatalf("a refused onboarding left data behind: %+v, %d members", info, len(members))
	}
}

func TestDeviceSettingsSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	ws, err := core.Open(dir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Workspace.SetLanguage(ctx, "id"); err != nil {
		t.Fatal(err)
	}
	if err := ws.Workspace.SetTheme(ctx, "dark"); err != nil {
		t.Fatal(err)
	}
	if apperr.Code(ws.Workspace.SetLanguage(ctx, "fr")) != "settings.language_unknown" {
		t.Fatal("unknown language accepted")
	}
	if apperr.Code(ws.Workspace.SetMe(ctx, "nobody")) != "member.not_found" {
		t.Fatal("unknown member accepted as me")
	}
	first, _ := ws.Workspace.Info(ctx)
	ws.Close()

	ws, err = core.Open(dir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	info, _ := ws.Workspace.Info(ctx)
	if info.Language != "id" || info.Theme != "dark" {
		t.Fatalf("settings lost on reopen: %+v", info)
	}
	if info.ID != first.ID || info.DeviceID != first.DeviceID {
		t.Fatal("workspace or device id changed on reopen")
	}
}

func TestDataDirPrecedence(t *testing.T) {
	t.Setenv(workspace.EnvDataDir, filepath.Join(t.TempDir(), "env"))
	flag := filepath.Join(t.TempDir(), "flag")
	if got, _ := workspace.DataDir(flag); got != flag {
		t.Fatalf("flag should win: %s", got)
	}
	if got, _ := workspace.DataDir(""); filepath.Base(got) != "env" {
		t.Fatalf("env should be used: %s", got)
	}
	t.Setenv(workspace.EnvDataDir, "")
	if runtime.GOOS == "linux" {
		xdg := t.TempDir()
		t.Setenv("XDG_DATA_HOME", xdg)
		if got, _ := workspace.DataDir(""); got != filepath.Join(xdg, "postdeck") {
			t.Fatalf("XDG_DATA_HOME not used: %s", got)
		}
		t.Setenv("XDG_DATA_HOME", "")
		t.Setenv("HOME", "/home/sari")
		if got, _ := workspace.DataDir(""); got != "/home/sari/.local/share/postdeck" {
			t.Fatalf("default: %s", got)
		}
	}
}

func TestSystemTimeZoneIsIANA(t *testing.T) {
	t.Setenv("TZ", "Asia/Jakarta")
	if got := workspace.SystemTimeZone(); got != "Asia/Jakarta" {
		t.Fatalf("TZ not honoured: %s", got)
	}
	t.Setenv("TZ", "not/a zone")
	if got := workspace.SystemTimeZone(); got == "" || got == "Local" || got == "not/a zone" {
		t.Fatalf("bad fallback: %q", got)
	}
}

func TestTheCalendarKeeperIsAMemberOfTheTeam(t *testing.T) {
	ws, _ := testws.Open(t)
	info, _ := ws.Workspace.Onboard(ctx, workspace.OnboardInput{WorkspaceName: "Kopi Nusantara", TimeZone: "Asia/Jakarta",
		Me: team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}}})
	if _, err := ws.Workspace.SetKeeper(ctx, "0193f1c2-0000-7000-8000-000000000000"); apperr.Code(err) != "workspace.keeper_unknown" {
		t.Fatalf("a stranger as keeper: %v", err)
	}
	got, err := ws.Workspace.SetKeeper(ctx, info.Me)
	if err != nil || got.KeeperID != info.Me || got.Name != "Kopi Nusantara" {
		t.Fatalf("keeper: %+v %v", got, err)
	}
	if got, _ := ws.Workspace.SetKeeper(ctx, ""); got.KeeperID != "" {
		t.Fatalf("nobody keeps the calendar: %+v", got)
	}
}

func TestZoneInIsUTCUntilSetThenTheWorkspaceZone(t *testing.T) {
	ws, _ := testws.Open(t)
	if loc := workspace.ZoneIn(ws.Store.DB()); loc != time.UTC {
		t.Fatalf("before onboarding: %v", loc)
	}
	if _, err := ws.Workspace.Onboard(ctx, workspace.OnboardInput{WorkspaceName: "W", TimeZone: "Asia/Jakarta",
		Me: team.MemberInput{Name: "Sari", Roles: []string{"copywriter"}}}); err != nil {
		t.Fatal(err)
	}
	if loc := workspace.ZoneIn(ws.Store.DB()); loc.String() != "Asia/Jakarta" {
		t.Fatalf("after onboarding: %v", loc)
	}
}
