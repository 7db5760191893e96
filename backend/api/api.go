// Package api holds the facades the desktop window calls. Each method is a
// one-liner: input in, one service call, output out. Everything exported here
// becomes frontend API, so helpers stay unexported and logic stays in the
// domain packages.
package api

import (
	"context"

	"postdeck/backend/core"
	"postdeck/backend/networks"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

type coreWorkspace = core.Workspace

// Bindings returns every facade, for wails.Run's Bind list.
func Bindings(ws *core.Workspace, runner *sharedfolder.Runner) []any {
	return []any{&Team{ws: ws}, &Workspace{ws: ws}, &Sync{ws: ws, runner: runner}, &Calendar{ws: ws},
		&Feeds{ws: ws}, &Layers{ws: ws}, &Absences{ws: ws}, &Health{ws: ws},
		&Tasks{ws: ws}, &Templates{ws: ws}, &StyleGuide{ws: ws}}
}

// ctx is the context of calls from the window: they are short, and the
// window cannot cancel them.
func ctx() context.Context { return context.Background() }

// Team is the team facade.
type Team struct{ ws *core.Workspace }

// me is the member this device acts as.
func (t *Team) me() (string, error) { return t.ws.Workspace.Me(ctx()) }

// ListMembers returns the live members by name.
func (t *Team) ListMembers() ([]team.Member, error) { return t.ws.Team.Members(ctx()) }

// AddMember creates a member.
func (t *Team) AddMember(in team.MemberInput) (team.Member, error) {
	me, err := t.me()
	if err != nil {
		return team.Member{}, err
	}
	return t.ws.Team.AddMember(ctx(), me, in)
}

// UpdateMember changes a member.
func (t *Team) UpdateMember(id string, patch team.MemberPatch) (team.Member, error) {
	me, err := t.me()
	if err != nil {
		return team.Member{}, err
	}
	return t.ws.Team.UpdateMember(ctx(), me, id, patch)
}

// DeleteMember removes a member.
func (t *Team) DeleteMember(id string) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	return t.ws.Team.DeleteMember(ctx(), me, id)
}

// ListRoles returns built-in and custom roles.
func (t *Team) ListRoles() ([]team.Role, error) { return t.ws.Team.Roles(ctx()) }

// AddRole creates a custom role.
func (t *Team) AddRole(in team.RoleInput) (team.Role, error) {
	me, err := t.me()
	if err != nil {
		return team.Role{}, err
	}
	return t.ws.Team.AddRole(ctx(), me, in)
}

// SetRolePermissions changes what a role allows.
func (t *Team) SetRolePermissions(roleID string, perms []team.Permission) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	return t.ws.Team.SetRolePermissions(ctx(), me, roleID, perms)
}

// ListNetworks returns the social networks Postdeck knows, with the
// workspace's effective limits (built-in figures and its overrides).
func (t *Team) ListNetworks() ([]networks.Network, error) {
	ls, err := t.ws.Workspace.EffectiveLimits(ctx())
	if err != nil {
		return nil, err
	}
	return networks.WithLimits(ls), nil
}

// Workspace is the workspace and device-settings facade.
type Workspace struct{ ws *core.Workspace }

// Info returns the workspace and this device's settings.
func (w *Workspace) Info() (workspace.Info, error) { return w.ws.Workspace.Info(ctx()) }

// Onboard finishes first-run set-up.
func (w *Workspace) Onboard(in workspace.OnboardInput) (workspace.Info, error) {
	return w.ws.Workspace.Onboard(ctx(), in)
}

// Update renames the workspace or changes its time zone.
func (w *Workspace) Update(name, timeZone string) (workspace.Info, error) {
	return w.ws.Workspace.Update(ctx(), name, timeZone)
}

// SetKeeper names the calendar keeper ("" for nobody).
func (w *Workspace) SetKeeper(memberID string) (workspace.Info, error) {
	return w.ws.Workspace.SetKeeper(ctx(), memberID)
}

// NetworkLimits returns the network limits: built-in, overridden, effective.
func (w *Workspace) NetworkLimits() (workspace.LimitsView, error) {
	return w.ws.Workspace.Limits(ctx())
}

// SetNetworkLimit overrides one network's limits for the workspace.
func (w *Workspace) SetNetworkLimit(l networks.Limit) (workspace.LimitsView, error) {
	me, err := w.ws.Workspace.Me(ctx())
	if err != nil {
		return workspace.LimitsView{}, err
	}
	return w.ws.Workspace.SetNetworkLimit(ctx(), me, l)
}

// ResetNetworkLimit puts a network back on the built-in limits.
func (w *Workspace) ResetNetworkLimit(network string) (workspace.LimitsView, error) {
	me, err := w.ws.Workspace.Me(ctx())
	if err != nil {
		return workspace.LimitsView{}, err
	}
	return w.ws.Workspace.ResetNetworkLimit(ctx(), me, network)
}

// SetMe says which member uses this device.
func (w *Workspace) SetMe(memberID string) error { return w.ws.Workspace.SetMe(ctx(), memberID) }

// SetLanguage remembers the interface language.
func (w *Workspace) SetLanguage(lang string) error { return w.ws.Workspace.SetLanguage(ctx(), lang) }

// SetTheme remembers the colour scheme.
func (w *Workspace) SetTheme(theme string) error { return w.ws.Workspace.SetTheme(ctx(), theme) }
