package workspace_test

import (
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/networks"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

func limitOf(t *testing.T, ls []networks.Limit, id string) networks.Limit {
	t.Helper()
	l, ok := networks.LimitFor(ls, id)
	if !ok {
		t.Fatalf("no limit for %s in %+v", id, ls)
	}
	return l
}

func TestNetworkLimitOverridesAndReset(t *testing.T) {
	ws, _ := testws.Open(t)
	v, err := ws.Workspace.Limits(ctx)
	if err != nil || len(v.Overrides) != 0 || limitOf(t, v.Effective, "x").MaxChars != 280 {
		t.Fatalf("fresh workspace: %+v %v", v, err)
	}
	// X Premium accounts may post longer texts: the team raises X's limit.
	v, err = ws.Workspace.SetNetworkLimit(ctx, "", networks.Limit{Network: "x", MaxChars: 25000})
	if err != nil {
		t.Fatal(err)
	}
	x := limitOf(t, v.Effective, "x")
	if x.MaxChars != 25000 || x.Counting != networks.CountWeighted || x.Source == "" {
		t.Fatalf("override: %+v", x)
	}
	if limitOf(t, v.Defaults, "x").MaxChars != 280 {
		t.Fatal("the defaults must stay visible beside the override")
	}
	v, _ = ws.Workspace.SetNetworkLimit(ctx, "", networks.Limit{Network: "instagram", MaxHashtags: 3})
	if ig := limitOf(t, v.Effective, "instagram"); ig.MaxHashtags != 3 || ig.MaxChars != 2200 {
		t.Fatalf("a zero keeps the default: %+v", ig)
	}
	eff, _ := ws.Workspace.EffectiveLimits(ctx)
	if limitOf(t, eff, "x").MaxChars != 25000 {
		t.Fatal("EffectiveLimits disagrees with Limits")
	}
	v, err = ws.Workspace.ResetNetworkLimit(ctx, "", "x")
	if err != nil || limitOf(t, v.Effective, "x").MaxChars != 280 || len(v.Overrides) != 1 {
		t.Fatalf("reset: %+v %v", v, err)
	}
}

func TestNetworkLimitBadInputChangesNothing(t *testing.T) {
	ws, _ := testws.Open(t)
	ws.Workspace.SetNetworkLimit(ctx, "", networks.Limit{Network: "x", MaxChars: 500})
	for _, c := range []struct {
		in   networks.Limit
		code string
	}{
		{networks.Limit{Network: "myspace", MaxChars: 10}, "settings.limit_network_unknown"},
		{networks.Limit{Network: "x", MaxChars: -1}, "settings.limit_invalid"},
		{networks.Limit{Network: "x", MaxHashtags: 2_000_000}, "settings.limit_invalid"},
	} {
		if _, err := ws.Workspace.SetNetworkLimit(ctx, "", c.in); apperr.Code(err) != c.code {
			t.Errorf("%+v: want %s, got %v", c.in, c.code, err)
		}
	}
	eff, _ := ws.Workspace.EffectiveLimits(ctx)
	if limitOf(t, eff, "x").MaxChars != 500 || limitOf(t, eff, "x").MaxHashtags != 0 {
		t.Fatalf("a refused change changed the limits: %+v", limitOf(t, eff, "x"))
	}
}

func TestNetworkLimitsNeedEditStyleGuide(t *testing.T) {
	ws, _ := testws.Open(t)
	info, _ := ws.Workspace.Onboard(ctx, workspace.OnboardInput{WorkspaceName: "Kopi Nusantara", TimeZone: "Asia/Jakarta",
		Me: team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}}})
	analyst, err := ws.Team.AddMember(ctx, info.Me, team.MemberInput{Name: "Dewi", Roles: []string{"social_media_analyst"}})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := ws.Team.Can(ctx, analyst.ID, team.EditStyleGuide); ok {
		t.Fatal("an analyst may edit the style guide: pick another role for this test")
	}
	_, err = ws.Workspace.SetNetworkLimit(ctx, analyst.ID, networks.Limit{Network: "x", MaxChars: 1000})
	if apperr.Code(err) != "settings.limits_denied" {
		t.Fatalf("an analyst changed the limits: %v", err)
	}
	if _, err := ws.Workspace.SetNetworkLimit(ctx, info.Me, networks.Limit{Network: "x", MaxChars: 1000}); err != nil {
		t.Fatalf("the manager may: %v", err)
	}
}

// Two devices change different networks' limits at the same time; after
// syncing both keep both changes.
func TestNetworkLimitsSyncAndMergeAcrossDevices(t *testing.T) {
	folder := t.TempDir()
	a, _ := testws.Open(t)
	b, _ := testws.Open(t)
	a.Workspace.Onboard(ctx, workspace.OnboardInput{WorkspaceName: "Kopi", TimeZone: "UTC", Me: team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}}})
	a.Workspace.SetNetworkLimit(ctx, "", networks.Limit{Network: "bluesky", MaxChars: 250})
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	syncAll := func() {
		for i := 0; i < 2; i++ {
			for _, d := range []*core.Workspace{a, b} {
				if _, err := d.Sync.SyncOnce(ctx); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	syncAll()
	if l, _ := b.Workspace.EffectiveLimits(ctx); limitOf(t, l, "bluesky").MaxChars != 250 {
		t.Fatalf("the override did not travel to the new device: %+v", limitOf(t, l, "bluesky"))
	}
	if _, err := a.Workspace.SetNetworkLimit(ctx, "", networks.Limit{Network: "x", MaxChars: 4000}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Workspace.SetNetworkLimit(ctx, "", networks.Limit{Network: "threads", MaxChars: 450}); err != nil {
		t.Fatal(err)
	}
	syncAll()
	for _, d := range []*core.Workspace{a, b} {
		l, _ := d.Workspace.EffectiveLimits(ctx)
		if limitOf(t, l, "x").MaxChars != 4000 || limitOf(t, l, "threads").MaxChars != 450 || limitOf(t, l, "bluesky").MaxChars != 250 {
			t.Fatalf("device lost an edit: x %+v threads %+v bluesky %+v", limitOf(t, l, "x"), limitOf(t, l, "threads"), limitOf(t, l, "bluesky"))
		}
	}
}
