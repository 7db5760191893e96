package team

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"sync"

	"gorm.io/gorm"

	"postdeck/backend/replica"
)

// Authors says which member a device's changes are judged as. In the app
// it is the sync engine: the member the device is confirmed for, never what
// it merely claims (sharedfolder.Engine.Members). It is the one place that
// decides it.
type Authors interface {
	// Members returns the member of every device this device knows of.
	Members(db *gorm.DB) (map[string]string, error)
}

// FolderAuthors reads the member each device names in the shared folder,
// believed as claimed: for tests of the guard alone, never for a shared
// workspace, where claims are not proof.
type FolderAuthors struct{}

// Members implements Authors from sync_devices.
func (FolderAuthors) Members(db *gorm.DB) (map[string]string, error) {
	var rows []struct{ Device, MemberID string }
	if err := db.Raw(`SELECT device, member_id FROM sync_devices`).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Device] = r.MemberID
	}
	return out, nil
}

// Guard checks, on every device, that the author of a change from another
// device held the permission the change needs at the change's clock:
// approving or sending back a post (approve_posts), changing members and
// roles (manage_team), the style guide and the network limits
// (edit_style_guide). It implements replica.Guard.
type Guard struct {
	Authors Authors
	mu      sync.Mutex
	// replayed is the team's history as the last Judge replayed it: a sync
	// run judges segment after segment while the team rarely changes, so
	// it is replayed again only when the team's changes in the log or the
	// authors differ.
	replayed *replayed
}

// replayed is the team's history and the verdicts on its changes, valid
// for one state of the log's team changes (key) and one set of authors.
type replayed struct {
	key     teamKey
	members map[string]string
	h       *history
	team    map[changeKey]replica.Verdict
}

// teamKey identifies the team changes in the log: how many, the newest, and
// a sum of their clocks (a transaction rolled back and another one logged
// in its place would otherwise look the same).
type teamKey struct {
	Count, Last, Sum int64
}

// NewGuard returns the guard that reads authors through a.
func NewGuard(a Authors) *Guard { return &Guard{Authors: a} }

// Needs implements replica.Guard.
func (g *Guard) Needs(c replica.Change) string {
	switch c.Entity {
	case "posts":
		switch c.Field {
		case "status":
			// Only the moves an approver makes; clearing an approval (back
			// to draft) is anyone's.
			if bytes.Equal(c.Value, []byte(`"approved"`)) || bytes.Equal(c.Value, []byte(`"changes_requested"`)) {
				return string(ApprovePosts)
			}
		case "approved_by":
			if !bytes.Equal(c.Value, []byte(`""`)) {
				return string(ApprovePosts)
			}
		case "approved_at":
			if !bytes.Equal(c.Value, []byte(`0`)) {
				return string(ApprovePosts)
			}
		}
		return ""
	case "members", "roles":
		return string(ManageTeam)
	case "style_guide_entries":
		return string(EditStyleGuide)
	case "workspace":
		if c.Field == "network_limits" {
			return string(EditStyleGuide)
		}
	}
	return ""
}

// Shapes implements replica.Guard: a member's roles, a role's permissions
// and their deletes decide who may do what.
func (g *Guard) Shapes(c replica.Change) bool {
	switch c.Entity {
	case "members":
		return c.Field == "roles" || c.Field == replica.FieldTombstone
	case "roles":
		return c.Field == "permissions" || c.Field == replica.FieldTombstone
	}
	return false
}

// Tables implements replica.Guard.
func (g *Guard) Tables() []string {
	return []string{"members", "posts", "roles", "style_guide_entries", "workspace"}
}

// step is one value of a field in the team's history. can runs for every
// change judged and every team change replayed, so a value is decoded the
// first time can needs it and kept (the history is kept between batches);
// most steps (the permissions of roles nobody holds) are never decoded.
type step struct {
	at      replica.Clock
	value   json.RawMessage
	decoded bool
	valid   bool         // a roles value that is not a list counts as no roles
	roles   []string     // a member's roles, for members.roles
	perms   []Permission // a role's permissions, for roles.permissions
}

// memberRoles returns the roles of a members.roles step.
func (st *step) memberRoles() ([]string, bool) {
	if !st.decoded {
		st.valid, st.decoded = json.Unmarshal(st.value, &st.roles) == nil, true
	}
	return st.roles, st.valid
}

// rolePermissions returns the permissions of a roles.permissions step.
func (st *step) rolePermissions() []Permission {
	if !st.decoded {
		st.perms, st.decoded = parsePermissions(string(st.value)), true
	}
	return st.perms
}

// history is the team as it was at any clock: the values of members' roles,
// roles' permissions and their deletes, oldest first, allowed changes only.
type history struct {
	roles       map[string][]step // member -> roles
	memberTombs map[string][]step
	perms       map[string][]step // role -> permissions
	roleTombs   map[string][]step
	defaults    map[string][]Permission
}

// at returns the newest step of steps strictly older than c.
func at(steps []step, c replica.Clock) (*step, bool) {
	i := sort.Search(len(steps), func(i int) bool { return !steps[i].at.Less(c) })
	if i == 0 {
		return nil, false
	}
	return &steps[i-1], true
}

func deleted(steps []step, c replica.Clock) bool {
	v, ok := at(steps, c)
	return ok && len(v.value) > 0 && !bytes.Equal(v.value, []byte("null"))
}

// can reports whether member held perm just before clock c.
func (h *history) can(member string, perm Permission, c replica.Clock) bool {
	if member == "" || deleted(h.memberTombs[member], c) {
		return false
	}
	st, ok := at(h.roles[member], c)
	if !ok {
		return false
	}
	roles, valid := st.memberRoles()
	if !valid {
		return false
	}
	for _, r := range roles {
		if deleted(h.roleTombs[r], c) {
			continue
		}
		perms := h.defaults[r]
		if st, ok := at(h.perms[r], c); ok {
			perms = st.rolePermissions()
		}
		if slices.Contains(perms, perm) {
			return true
		}
	}
	return false
}

// unmanaged reports whether nobody could manage the team just before c:
// a team being set up, where (as on the device itself) anyone may act.
func (h *history) unmanaged(c replica.Clock) bool {
	for m := range h.roles {
		if h.can(m, ManageTeam, c) {
			return false
		}
	}
	return true
}

func (h *history) add(c replica.Change) {
	var m map[string][]step
	switch {
	case c.Entity == "members" && c.Field == "roles":
		m = h.roles
	case c.Entity == "members":
		m = h.memberTombs
	case c.Field == "permissions":
		m = h.perms
	default:
		m = h.roleTombs
	}
	m[c.RowID] = append(m[c.RowID], step{at: c.Clock, value: c.Value})
}

// Judge implements replica.Guard. The team's history is read from the log
// and replayed in clock order, each team change judged by the team as it
// was before it; then every change is judged against it. The replay is kept
// until the log's team changes or the authors change.
func (g *Guard) Judge(db *gorm.DB, self string, cs []replica.Change) ([]replica.Verdict, error) {
	members, err := g.Authors.Members(db)
	if err != nil {
		return nil, err
	}
	// Counted through the partial index on members and roles, without
	// reading a row.
	var key teamKey
	if err := db.Raw(`SELECT COUNT(*) AS count, COALESCE(MAX(seq), 0) AS last, COALESCE(SUM(hlc % 2147483647), 0) AS sum
		FROM changes WHERE entity IN ('members', 'roles') AND field IN ('roles', 'permissions', 'tombstone')`).
		Scan(&key).Error; err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	rp := g.replayed
	if rp == nil || rp.key != key || !maps.Equal(rp.members, members) {
		if rp, err = g.replay(db, members); err != nil {
			return nil, err
		}
		rp.key = key
		g.replayed = rp
	}
	out := make([]replica.Verdict, len(cs))
	for i, c := range cs {
		if v, ok := rp.team[verdictKey(c)]; ok {
			out[i] = v
			continue
		}
		out[i] = g.judge(rp.h, members, c)
	}
	return out, nil
}

// judge decides one change against the team's history h.
func (g *Guard) judge(h *history, members map[string]string, c replica.Change) replica.Verdict {
	perm := g.Needs(c)
	v := replica.Verdict{Member: members[c.Clock.Device], Permission: perm}
	if perm == "" || h.can(v.Member, Permission(perm), c.Clock) || h.unmanaged(c.Clock) || unnamedSetup(v.Member, c) {
		return v
	}
	v.Refused = true
	v.Reason = replica.ReasonPermissionMissing
	if v.Member == "" {
		v.Reason = replica.ReasonNoMember
	}
	return v
}

// replay reads the team's history from the log and judges its changes.
func (g *Guard) replay(db *gorm.DB, members map[string]string) (*replayed, error) {
	// The team's history, through the partial index on members and roles;
	// read without gorm's reflection, it can be long.
	rows, err := db.Raw(`SELECT entity, row_id, field, value, hlc, device FROM changes
		WHERE entity IN ('members', 'roles') AND field IN ('roles', 'permissions', 'tombstone')`).Rows()
	if err != nil {
		return nil, err
	}
	var team []replica.Change
	for rows.Next() {
		var c replica.Change
		var value string
		if err := rows.Scan(&c.Entity, &c.RowID, &c.Field, &value, &c.Clock.HLC, &c.Clock.Device); err != nil {
			rows.Close()
			return nil, err
		}
		c.Value = json.RawMessage(value)
		if g.Shapes(c) {
			team = append(team, c)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	sort.Slice(team, func(i, j int) bool { return team[i].Clock.Less(team[j].Clock) })
	h := &history{roles: map[string][]step{}, memberTombs: map[string][]step{}, perms: map[string][]step{},
		roleTombs: map[string][]step{}, defaults: map[string][]Permission{}}
	for _, r := range builtInRoles {
		h.defaults[r.ID] = r.Permissions
	}
	// Team changes in clock order: whether one counts depends on the ones
	// before it. Clocks of one write are equal, and a write never counts
	// for itself (history.at is strictly older).
	teamVerdicts := map[changeKey]replica.Verdict{}
	for i := 0; i < len(team); {
		j := i
		for j < len(team) && team[j].Clock == team[i].Clock {
			j++
		}
		var ok []replica.Change
		for _, c := range team[i:j] {
			v := g.judge(h, members, c)
			teamVerdicts[verdictKey(c)] = v
			if !v.Refused {
				ok = append(ok, c)
			}
		}
		for _, c := range ok {
			h.add(c)
		}
		i = j
	}
	return &replayed{members: members, h: h, team: teamVerdicts}, nil
}

type changeKey struct {
	entity, row, field string
	clock              replica.Clock
}

// unnamedSetup mirrors the services on the device itself: a device that
// has not said who it is (a fresh install, a script) may change the team and
// the network limits, but never approve a post or edit the style guide.
// Once every device must be confirmed for a member (docs/SECURITY.md), no
// applied change comes from such a device.
func unnamedSetup(member string, c replica.Change) bool {
	return member == "" && (c.Entity == "members" || c.Entity == "roles" || c.Entity == "workspace")
}

func verdictKey(c replica.Change) changeKey { return changeKey{c.Entity, c.RowID, c.Field, c.Clock} }
