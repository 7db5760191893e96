package team

import (
	"context"
	"fmt"
	"math"
	"net/mail"
	"regexp"
	"slices"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/conv"
	"postdeck/backend/networks"
	"postdeck/backend/replica"
)

// Limits on member fields.
const (
	maxNameRunes     = 100
	maxEmailRunes    = 254
	MaxCapacityHours = 168 // hours in a week
)

// Member is a person on the team. JSON names are a public interface (the
// command line's --json output); see docs/CLI.md.
type Member struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Email         string   `json:"email"`
	Roles         []string `json:"roles"`
	Networks      []string `json:"networks"`
	CapacityHours float64  `json:"capacityHours"`
	Color         string   `json:"color"`
	Freelancer    bool     `json:"freelancer"`
	BackupID      string   `json:"backupId"`
	CreatedAt     string   `json:"createdAt"`
	UpdatedAt     string   `json:"updatedAt"`
}

// MemberInput is what the user enters for a member.
type MemberInput struct {
	Name          string   `json:"name"`
	Email         string   `json:"email"`
	Roles         []string `json:"roles"`
	Networks      []string `json:"networks"`
	CapacityHours float64  `json:"capacityHours"`
	Color         string   `json:"color"`
	Freelancer    bool     `json:"freelancer"`
	BackupID      string   `json:"backupId"`
}

// MemberPatch changes some fields of a member; nil fields stay as they are.
type MemberPatch struct {
	Name          *string   `json:"name,omitempty"`
	Email         *string   `json:"email,omitempty"`
	Roles         *[]string `json:"roles,omitempty"`
	Networks      *[]string `json:"networks,omitempty"`
	CapacityHours *float64  `json:"capacityHours,omitempty"`
	Color         *string   `json:"color,omitempty"`
	Freelancer    *bool     `json:"freelancer,omitempty"`
	BackupID      *string   `json:"backupId,omitempty"`
}

type memberRow struct {
	ID            string
	Name          string
	Email         string
	Roles         string
	Networks      string
	CapacityHours float64
	Color         string
	Freelancer    bool
	BackupID      string
	CreatedAt     int64
	UpdatedAt     int64
}

func (r memberRow) toMember() Member {
	return Member{
		ID: r.ID, Name: r.Name, Email: r.Email,
		Roles: conv.Strings(r.Roles), Networks: conv.Strings(r.Networks),
		CapacityHours: r.CapacityHours, Color: r.Color, Freelancer: r.Freelancer, BackupID: r.BackupID,
		CreatedAt: conv.ISOTime(r.CreatedAt), UpdatedAt: conv.ISOTime(r.UpdatedAt),
	}
}

const memberColumns = "id, name, email, roles, networks, capacity_hours, color, freelancer, backup_id, created_at, updated_at"

// Members returns the live members, by name.
func (s *Service) Members(ctx context.Context) ([]Member, error) {
	out, err := listMembers(s.st.DB().WithContext(ctx))
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return out, nil
}

// Member returns one live member.
func (s *Service) Member(ctx context.Context, id string) (Member, error) {
	return getMember(s.st.DB().WithContext(ctx), id)
}

func listMembers(db *gorm.DB) ([]Member, error) {
	var rows []memberRow
	if err := db.Raw("SELECT " + memberColumns + " FROM members WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id").
		Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = r.toMember()
	}
	return out, nil
}

func getMember(db *gorm.DB, id string) (Member, error) {
	var rows []memberRow
	if err := db.Raw("SELECT "+memberColumns+" FROM members WHERE id = ? AND deleted_at IS NULL", id).
		Scan(&rows).Error; err != nil {
		return Member{}, apperr.Internal(err)
	}
	if len(rows) == 0 {
		return Member{}, apperr.New("member.not_found", "no such member").With("id", id)
	}
	return rows[0].toMember(), nil
}

// AddMember validates and creates a member.
func (s *Service) AddMember(ctx context.Context, actor string, in MemberInput) (Member, error) {
	var id string
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		var err error
		id, err = s.AddMemberTx(w, actor, in)
		return err
	})
	if err != nil {
		return Member{}, err
	}
	return s.Member(ctx, id)
}

// AddMemberTx creates a member inside a larger write (onboarding).
func (s *Service) AddMemberTx(w *replica.Writer, actor string, in MemberInput) (string, error) {
	if err := s.requireManageTeam(w, actor); err != nil {
		return "", err
	}
	members, err := listMembers(w.DB())
	if err != nil {
		return "", err
	}
	if in.Color == "" {
		in.Color = palette[len(members)%len(palette)]
	}
	values, err := s.validate(w, members, "", in)
	if err != nil {
		return "", err
	}
	return w.Insert("members", values)
}

// UpdateMember changes the fields set in patch.
func (s *Service) UpdateMember(ctx context.Context, actor, id string, patch MemberPatch) (Member, error) {
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if err := s.requireManageTeam(w, actor); err != nil {
			return err
		}
		cur, err := getMember(w.DB(), id)
		if err != nil {
			return err
		}
		in := patch.apply(cur)
		members, err := listMembers(w.DB())
		if err != nil {
			return err
		}
		values, err := s.validate(w, members, id, in)
		if err != nil {
			return err
		}
		return keepManager(w, func() error { return w.Update("members", id, values) })
	})
	if err != nil {
		return Member{}, err
	}
	return s.Member(ctx, id)
}

// DeleteMember removes a member (a tombstone: the row stays for history and
// for sync). Members they backed up keep the reference; it shows as "no
// backup" until someone picks a new one.
func (s *Service) DeleteMember(ctx context.Context, actor, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if err := s.requireManageTeam(w, actor); err != nil {
			return err
		}
		if _, err := getMember(w.DB(), id); err != nil {
			return err
		}
		return keepManager(w, func() error { return w.Delete("members", id) })
	})
}

func (p MemberPatch) apply(m Member) MemberInput {
	in := MemberInput{Name: m.Name, Email: m.Email, Roles: m.Roles, Networks: m.Networks,
		CapacityHours: m.CapacityHours, Color: m.Color, Freelancer: m.Freelancer, BackupID: m.BackupID}
	if p.Name != nil {
		in.Name = *p.Name
	}
	if p.Email != nil {
		in.Email = *p.Email
	}
	if p.Roles != nil {
		in.Roles = *p.Roles
	}
	if p.Networks != nil {
		in.Networks = *p.Networks
	}
	if p.CapacityHours != nil {
		in.CapacityHours = *p.CapacityHours
	}
	if p.Color != nil {
		in.Color = *p.Color
	}
	if p.Freelancer != nil {
		in.Freelancer = *p.Freelancer
	}
	if p.BackupID != nil {
		in.BackupID = *p.BackupID
	}
	return in
}

var colorRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// palette gives new members distinct colours until someone picks one.
var palette = []string{"#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#e03131", "#5f3dc4"}

// validate checks a member's fields against each other and the team and
// returns the values to store. self is the member's own id ("" when new).
func (s *Service) validate(w *replica.Writer, members []Member, self string, in MemberInput) (map[string]any, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Email = strings.TrimSpace(in.Email)
	in.BackupID = strings.TrimSpace(in.BackupID)
	if in.Name == "" {
		return nil, apperr.Invalid("member.name_required", "name", "a member needs a name")
	}
	if len([]rune(in.Name)) > maxNameRunes {
		return nil, apperr.Invalid("member.name_too_long", "name", "the name is too long").With("max", maxNameRunes)
	}
	if in.Email != "" {
		addr, err := mail.ParseAddress(in.Email)
		if err != nil || addr.Address != in.Email || len(in.Email) > maxEmailRunes || !strings.Contains(in.Email[strings.LastIndex(in.Email, "@"):], ".") {
			return nil, apperr.Invalid("member.email_invalid", "email", "this is not an email address").With("email", in.Email)
		}
		for _, m := range members {
			if m.ID != self && strings.EqualFold(m.Email, in.Email) {
				return nil, apperr.Invalid("member.email_taken", "email", "another member has this email").
					With("email", in.Email).With("name", m.Name)
			}
		}
	}
	roles, err := s.rolesTx(w)
	if err != nil {
		return nil, err
	}
	cleanRoles := []string{}
	for _, r := range in.Roles {
		r = strings.TrimSpace(r)
		if _, ok := findRole(roles, r); !ok {
			return nil, apperr.Invalid("member.role_unknown", "roles", "unknown role").With("role", r)
		}
		if !slices.Contains(cleanRoles, r) {
			cleanRoles = append(cleanRoles, r)
		}
	}
	if len(cleanRoles) == 0 {
		return nil, apperr.Invalid("member.role_required", "roles", "a member needs at least one role")
	}
	cleanNetworks := []string{}
	for _, n := range in.Networks {
		if _, ok := networks.Get(n); !ok {
			return nil, apperr.Invalid("member.network_unknown", "networks", "unknown network").With("network", n)
		}
		if !slices.Contains(cleanNetworks, n) {
			cleanNetworks = append(cleanNetworks, n)
		}
	}
	if math.IsNaN(in.CapacityHours) || in.CapacityHours < 0 || in.CapacityHours > MaxCapacityHours {
		return nil, apperr.Invalid("member.capacity_invalid", "capacityHours", "weekly hours must be between 0 and 168").
			With("max", MaxCapacityHours)
	}
	if in.Color != "" && !colorRe.MatchString(in.Color) {
		return nil, apperr.Invalid("member.color_invalid", "color", "colour must look like #1c7ed6")
	}
	if in.BackupID != "" {
		if in.BackupID == self {
			return nil, apperr.Invalid("member.backup_self", "backupId", "a member cannot be their own backup")
		}
		found := false
		for _, m := range members {
			found = found || m.ID == in.BackupID
		}
		if !found {
			return nil, apperr.Invalid("member.backup_unknown", "backupId", "the backup is not on the team").With("id", in.BackupID)
		}
	}
	return map[string]any{
		"name": in.Name, "email": strings.ToLower(in.Email), "roles": cleanRoles, "networks": cleanNetworks,
		"capacity_hours": in.CapacityHours, "color": strings.ToLower(in.Color), "freelancer": in.Freelancer,
		"backup_id": in.BackupID,
	}, nil
}

// Can reports whether the member's roles grant perm.
func (s *Service) Can(ctx context.Context, memberID string, perm Permission) (bool, error) {
	return can(s.st.DB().WithContext(ctx), memberID, perm)
}

func can(db *gorm.DB, memberID string, perm Permission) (bool, error) {
	m, err := getMember(db, memberID)
	if err != nil {
		return false, err
	}
	roles, err := loadRoles(db)
	if err != nil {
		return false, err
	}
	for _, id := range m.Roles {
		if r, ok := findRole(roles, id); ok && slices.Contains(r.Permissions, perm) {
			return true, nil
		}
	}
	return false, nil
}

// requireManageTeam refuses a team change by a member whose roles do not
// allow it. A device with no identity yet (a fresh install, a script) may
// set the team up; once it says who it is, its roles count.
func (s *Service) requireManageTeam(w *replica.Writer, actor string) error {
	if actor == "" {
		return nil
	}
	ok, err := can(w.DB(), actor, ManageTeam)
	if err != nil {
		if apperr.Code(err) == "member.not_found" {
			return nil // "me" was deleted elsewhere; do not lock the device out
		}
		return err
	}
	if !ok {
		return apperr.New("team.permission_denied", "your roles do not allow changing the team").
			With("permission", string(ManageTeam))
	}
	return nil
}

// keepManager runs change and refuses it when it leaves a team that had
// someone able to manage it with nobody who can, so no one locks the team
// out by accident.
func keepManager(w *replica.Writer, change func() error) error {
	had, err := anyManager(w.DB())
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	has, err := anyManager(w.DB())
	if err != nil {
		return err
	}
	if had && !has {
		return apperr.New("team.last_manager", "someone on the team must keep the right to manage the team")
	}
	return nil
}

func anyManager(db *gorm.DB) (bool, error) {
	members, err := listMembers(db)
	if err != nil {
		return false, err
	}
	for _, m := range members {
		if ok, err := can(db, m.ID, ManageTeam); err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// String renders a member for logs.
func (m Member) String() string { return fmt.Sprintf("%s (%s)", m.Name, m.ID) }
