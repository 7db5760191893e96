// Package team holds the team: members, their roles and permissions, who
// backs up whom, and which device belongs to whom.
package team

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
)

// Permission is something a role allows.
type Permission string

// The permissions roles can carry.
const (
	ApprovePosts   Permission = "approve_posts"
	ManageTeam     Permission = "manage_team"
	EditStyleGuide Permission = "edit_style_guide"
)

// AllPermissions lists every permission in display order.
var AllPermissions = []Permission{ApprovePosts, ManageTeam, EditStyleGuide}

// Role groups: the core team, the people it works with, and outsiders.
const (
	GroupCore         = "core"
	GroupCollaborator = "collaborator"
	GroupExternal     = "external"
)

// Role is a built-in or custom role. Built-in roles have a stable key as id
// and translated names in the UI; custom roles carry their own name.
type Role struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Group       string       `json:"group"`
	BuiltIn     bool         `json:"builtIn"`
	Permissions []Permission `json:"permissions"`
}

// builtInRoles are the roles of a social media team and its collaborators,
// as the team-building guide describes them.
var builtInRoles = []Role{
	{ID: "social_media_manager", Name: "Social media manager", Group: GroupCore,
		Description: "Plans, creates, schedules and publishes content, moderates and runs the day-to-day presence.",
		Permissions: []Permission{ApprovePosts, ManageTeam, EditStyleGuide}},
	{ID: "head_of_social", Name: "Head of social media", Group: GroupCore,
		Description: "Owns the social strategy and goals, leads the team and works with marketing leadership.",
		Permissions: []Permission{ApprovePosts, ManageTeam, EditStyleGuide}},
	{ID: "content_creator", Name: "Content creator", Group: GroupCore,
		Description: "Plans and writes content, records videos, stories and reels, and works with designers."},
	{ID: "community_manager", Name: "Community manager", Group: GroupCore,
		Description: "Builds the community: answers comments and messages and links customers to customer service."},
	{ID: "social_media_analyst", Name: "Social media analyst", Group: GroupCore,
		Description: "Measures content and ad performance and reports on it to the team and leadership."},
	{ID: "paid_social_specialist", Name: "Paid social specialist", Group: GroupCore,
		Description: "Sets up and manages social ads, tracks results and recommends budgets."},
	{ID: "copywriter", Name: "Copywriter", Group: GroupCollaborator,
		Description: "Writes posts and ads, headlines and calls to action for each network."},
	{ID: "graphic_designer", Name: "Graphic designer", Group: GroupCollaborator,
		Description: "Creates visual assets in the brand's style for posts and ads."},
	{ID: "video_editor", Name: "Video editor", Group: GroupCollaborator,
		Description: "Edits videos, reels and stories for each network."},
	{ID: "influencer_marketing_manager", Name: "Influencer marketing manager", Group: GroupCollaborator,
		Description: "Finds and manages influencers and partners and their campaigns."},
	{ID: "brand_manager", Name: "Brand manager", Group: GroupCollaborator,
		Description: "Keeps content on brand and approves how the brand is presented.",
		Permissions: []Permission{ApprovePosts, EditStyleGuide}},
	{ID: "product_manager", Name: "Product manager", Group: GroupCollaborator,
		Description: "Brings product knowledge and launches; checks product claims."},
	{ID: "customer_service", Name: "Customer service", Group: GroupCollaborator,
		Description: "Answers customer questions and complaints that arrive through social media."},
	{ID: "freelancer", Name: "Freelancer", Group: GroupExternal,
		Description: "An outside contributor who works on assigned posts and tasks."},
}

// BuiltInRoles returns the built-in roles with their default permissions.
func BuiltInRoles() []Role {
	out := make([]Role, len(builtInRoles))
	for i, r := range builtInRoles {
		r.BuiltIn = true
		r.Permissions = append([]Permission{}, r.Permissions...)
		out[i] = r
	}
	return out
}

// roleRow is a stored role: a custom role, or the permission override of a
// built-in one (whose id is the built-in key).
type roleRow struct {
	ID          string
	Name        string
	Description string
	Permissions string
}

// Roles returns the built-in roles (with any permission changes the team
// made) followed by the custom roles, by name.
func (s *Service) Roles(ctx context.Context) ([]Role, error) {
	roles, err := loadRoles(s.st.DB().WithContext(ctx))
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return roles, nil
}

// RoleInput is what the user enters for a custom role.
type RoleInput struct {
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Permissions []Permission `json:"permissions"`
}

// AddRole creates a custom role.
func (s *Service) AddRole(ctx context.Context, actor string, in RoleInput) (Role, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	if in.Name == "" {
		return Role{}, apperr.Invalid("role.name_required", "name", "a role needs a name")
	}
	if len([]rune(in.Name)) > maxNameRunes {
		return Role{}, apperr.Invalid("role.name_too_long", "name", "the role name is too long").With("max", maxNameRunes)
	}
	perms, err := checkPermissions(in.Permissions)
	if err != nil {
		return Role{}, err
	}
	var id string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		if err := s.requireManageTeam(w, actor); err != nil {
			return err
		}
		roles, err := s.rolesTx(w)
		if err != nil {
			return err
		}
		for _, r := range roles {
			if strings.EqualFold(r.Name, in.Name) {
				return apperr.Invalid("role.name_taken", "name", "a role with this name exists").With("name", in.Name)
			}
		}
		id, err = w.Insert("roles", map[string]any{
			"name": in.Name, "description": in.Description, "permissions": perms,
		})
		return err
	})
	if err != nil {
		return Role{}, err
	}
	return Role{ID: id, Name: in.Name, Description: in.Description, Group: GroupCore, Permissions: perms}, nil
}

// SetRolePermissions changes what a built-in or custom role allows.
func (s *Service) SetRolePermissions(ctx context.Context, actor, roleID string, perms []Permission) error {
	clean, err := checkPermissions(perms)
	if err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if err := s.requireManageTeam(w, actor); err != nil {
			return err
		}
		roles, err := s.rolesTx(w)
		if err != nil {
			return err
		}
		if _, ok := findRole(roles, roleID); !ok {
			return apperr.New("role.unknown", "no such role").With("role", roleID)
		}
		return keepManager(w, func() error { return w.Put("roles", roleID, map[string]any{"permissions": clean}) })
	})
}

// rolesTx lists roles as seen inside a write transaction.
func (s *Service) rolesTx(w *replica.Writer) ([]Role, error) { return loadRoles(w.DB()) }

func loadRoles(db *gorm.DB) ([]Role, error) {
	var rows []roleRow
	if err := db.Raw("SELECT id, name, description, permissions FROM roles WHERE deleted_at IS NULL ORDER BY name").
		Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := BuiltInRoles()
	byID := map[string]int{}
	for i, r := range out {
		byID[r.ID] = i
	}
	for _, row := range rows {
		if i, ok := byID[row.ID]; ok {
			out[i].Permissions = parsePermissions(row.Permissions)
			continue
		}
		out = append(out, Role{ID: row.ID, Name: row.Name, Description: row.Description,
			Group: GroupCore, Permissions: parsePermissions(row.Permissions)})
	}
	return out, nil
}

func findRole(roles []Role, id string) (Role, bool) {
	for _, r := range roles {
		if r.ID == id {
			return r, true
		}
	}
	return Role{}, false
}

func checkPermissions(perms []Permission) ([]Permission, error) {
	out := []Permission{}
	for _, p := range perms {
		if !slices.Contains(AllPermissions, p) {
			return nil, apperr.Invalid("role.permission_unknown", "permissions", "unknown permission").With("permission", string(p))
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

func parsePermissions(s string) []Permission {
	var out []Permission
	if err := json.Unmarshal([]byte(s), &out); err != nil || out == nil {
		return []Permission{}
	}
	return out
}
