package csvio

import (
	"context"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/team"
)

// directory names the workspace's channels, campaigns and members the way
// a spreadsheet does (handles, names, emails) and back.
type directory struct {
	channels  []calendar.Channel
	campaigns []calendar.Campaign
	members   []team.Member
}

func loadDirectory(ctx context.Context, ws *core.Workspace) (directory, error) {
	var d directory
	var err error
	if d.channels, err = ws.Calendar.Channels(ctx); err != nil {
		return d, err
	}
	if d.campaigns, err = ws.Calendar.Campaigns(ctx); err != nil {
		return d, err
	}
	d.members, err = ws.Team.Members(ctx)
	return d, err
}

// channelName is how a channel is written in a cell: network:handle, or
// its id when the handle would not survive a list cell or a column name.
func (d directory) channelName(id string) string {
	for _, c := range d.channels {
		if c.ID == id {
			if strings.ContainsAny(c.Handle, ",[]") || strings.TrimSpace(c.Handle) != c.Handle {
				return c.ID
			}
			return c.Network + ":" + c.Handle
		}
	}
	return id
}

// channel finds a channel by id, network:handle or a handle only one
// channel has (an @ in front or not, any case).
func (d directory) channel(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	for _, c := range d.channels {
		if c.ID == ref {
			return c.ID, nil
		}
	}
	network, handle, qualified := strings.Cut(ref, ":")
	var found []string
	for _, c := range d.channels {
		if qualified && strings.EqualFold(c.Network, network) && sameHandle(c.Handle, handle) {
			return c.ID, nil
		}
		if sameHandle(c.Handle, ref) {
			found = append(found, c.ID)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", apperr.Invalid("csv.channel_unknown", "channels", "no channel has this handle").With("channel", ref)
	}
	return "", apperr.Invalid("csv.channel_ambiguous", "channels", "several channels have this handle; write network:handle").With("channel", ref)
}

func sameHandle(a, b string) bool {
	return strings.EqualFold(strings.TrimPrefix(strings.TrimSpace(a), "@"), strings.TrimPrefix(strings.TrimSpace(b), "@"))
}

// memberName is how a member is written: the name, else the email when
// two members share the name, else the id.
func (d directory) memberName(id string) string {
	if id == "" {
		return ""
	}
	for _, m := range d.members {
		if m.ID != id {
			continue
		}
		if d.countMembers(m.Name) == 1 {
			return m.Name
		}
		if m.Email != "" {
			return m.Email
		}
		return m.ID
	}
	return id
}

func (d directory) countMembers(name string) int {
	n := 0
	for _, m := range d.members {
		if strings.EqualFold(m.Name, name) {
			n++
		}
	}
	return n
}

// member finds a member by id, email or a name only one member has.
func (d directory) member(ref, column string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", nil
	}
	var byName []string
	for _, m := range d.members {
		if m.ID == ref || (m.Email != "" && strings.EqualFold(m.Email, ref)) {
			return m.ID, nil
		}
		if strings.EqualFold(strings.TrimSpace(m.Name), ref) {
			byName = append(byName, m.ID)
		}
	}
	switch len(byName) {
	case 1:
		return byName[0], nil
	case 0:
		return "", apperr.Invalid("csv.member_unknown", column, "nobody on the team has this name or email").With("member", ref)
	}
	return "", apperr.Invalid("csv.member_ambiguous", column, "two members have this name; write their email").With("member", ref)
}

// campaignName is the campaign's name, or its id when names repeat.
func (d directory) campaignName(id string) string {
	if id == "" {
		return ""
	}
	for _, c := range d.campaigns {
		if c.ID == id {
			if len(d.campaignsNamed(c.Name)) == 1 {
				return c.Name
			}
			return c.ID
		}
	}
	return id
}

func (d directory) campaignsNamed(name string) []string {
	var out []string
	for _, c := range d.campaigns {
		if strings.EqualFold(strings.TrimSpace(c.Name), strings.TrimSpace(name)) {
			out = append(out, c.ID)
		}
	}
	return out
}

// campaign finds a campaign by id or a name only one campaign has.
func (d directory) campaign(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", nil
	}
	for _, c := range d.campaigns {
		if c.ID == ref {
			return c.ID, nil
		}
	}
	switch found := d.campaignsNamed(ref); len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", apperr.Invalid("csv.campaign_unknown", "campaign", "no campaign has this name").With("campaign", ref)
	}
	return "", apperr.Invalid("csv.campaign_ambiguous", "campaign", "two campaigns have this name; write its id").With("campaign", ref)
}
