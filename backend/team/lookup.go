package team

import (
	"slices"

	"gorm.io/gorm"
)

// MembersDB lists the live members through db, so a caller inside a write
// transaction (a hand-over) or a larger read sees the same state.
func MembersDB(db *gorm.DB) ([]Member, error) { return listMembers(db) }

// Allowed returns, for every live member, whether their roles grant perm,
// reading the roles once (team health asks it of the whole team).
func Allowed(db *gorm.DB, perm Permission) (map[string]bool, error) {
	members, err := listMembers(db)
	if err != nil {
		return nil, err
	}
	roles, err := loadRoles(db)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(members))
	for _, m := range members {
		for _, id := range m.Roles {
			if r, ok := findRole(roles, id); ok && slices.Contains(r.Permissions, perm) {
				out[m.ID] = true
				break
			}
		}
	}
	return out, nil
}
