package health

import (
	"context"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/workspace"
)

// The five checks, in the guide's order.
const (
	CheckWorkload       = "workload"
	CheckCoverage       = "coverage"
	CheckResponsibility = "responsibility"
	CheckModeration     = "moderation"
	CheckBackups        = "backups"
)

// States of a check, from good to bad.
const (
	OK      = "ok"
	Warning = "warning"
	Problem = "problem"
)

// MaxItems is how many items a check lists; Total says how many there are.
const MaxItems = 50

// SpreadWarning is the gap between the busiest and the least busy member's
// share of their capacity (over the next two weeks) that asks for a look.
const SpreadWarning = 0.5

// BackupLookahead is how far ahead the backups check looks for a member and
// their backup away at the same time.
const BackupLookahead = 90

// Item is one thing behind a check's state: a member, task, post or channel,
// with the reason (a stable code the window words) and its details.
type Item struct {
	Kind   string         `json:"kind"` // member | task | post | channel | team
	ID     string         `json:"id"`
	Label  string         `json:"label"`
	State  string         `json:"state"`
	Reason string         `json:"reason"`
	Params map[string]any `json:"params,omitempty"`
}

// Check is one goal's state, the items behind it and what to do.
type Check struct {
	ID    string `json:"id"`
	State string `json:"state"`
	Items []Item `json:"items"`
	// Total counts the items (Items holds at most MaxItems).
	Total int `json:"total"`
	// Advice says what to do, in English; the window words it from ID and State.
	Advice string `json:"advice"`
}

// Report is the team's health.
type Report struct {
	Today  string  `json:"today"`
	Checks []Check `json:"checks"`
	// Attention counts the checks that are not ok (the sidebar's badge).
	Attention int `json:"attention"`
}

var advice = map[string]map[string]string{
	CheckWorkload: {
		OK:      "Everyone's work fits their hours for the next two weeks.",
		Warning: "Some people are much busier than others. Move some tasks or posts to someone with room.",
		Problem: "Someone has more work than hours in the next two weeks. Move tasks or posts to a teammate with room, or move due dates.",
	},
	CheckCoverage: {
		OK:      "Every network has the posts its plan asks for in the next two weeks.",
		Warning: "Some networks have fewer posts planned than their plan asks for, or nobody looks after them. Plan posts or name an owner.",
		Problem: "A network has nothing planned for the next two weeks. Plan posts for it or lower how often it should post.",
	},
	CheckResponsibility: {
		OK:      "Every open task has someone responsible who is here.",
		Warning: "Some tasks need a look.",
		Problem: "Some open tasks have nobody responsible, or their person is away with no backup. Assign them to someone.",
	},
	CheckModeration: {
		OK:      "Someone can approve posts, and every scheduled or published post was approved.",
		Warning: "Everyone who can approve posts is away today. Posts wait until someone is back, or give a role the right to approve.",
		Problem: "Nobody can approve posts, or some posts went out without an approval. Give a role the right to approve and review those posts.",
	},
	CheckBackups: {
		OK:      "Everyone has a backup who is here when they are away.",
		Warning: "Some members and their backups are away at the same time. Pick another backup for those days.",
		Problem: "Some members have no backup. Choose a backup for each member on the Team page.",
	},
}

// Advice returns the English advice for a check in a state.
func Advice(id, state string) string { return advice[id][state] }

// Check IDs in order.
var CheckIDs = []string{CheckWorkload, CheckCoverage, CheckResponsibility, CheckModeration, CheckBackups}

// Health runs the five checks.
func (s *Service) Health(ctx context.Context) (Report, error) {
	db := s.st.DB().WithContext(ctx)
	today := s.now().In(workspace.ZoneIn(db))
	todayS := today.Format("2006-01-02")
	start := monday(todayS)
	twoWeeksEnd := start.AddDate(0, 0, 13)
	lookEnd := today.AddDate(0, 0, BackupLookahead).Format("2006-01-02")
	sn, err := s.load(ctx, db, start.Format("2006-01-02"), max(lookEnd, twoWeeksEnd.Format("2006-01-02")))
	if err != nil {
		return Report{}, apperr.Internal(err)
	}
	posts, err := s.cal.Posts(ctx, calendar.Filter{From: start.Format("2006-01-02"), To: twoWeeksEnd.Format("2006-01-02")})
	if err != nil {
		return Report{}, err
	}
	gaps, err := s.cal.Gaps(ctx, todayS)
	if err != nil {
		return Report{}, err
	}
	unapproved, err := unapprovedPosts(db)
	if err != nil {
		return Report{}, apperr.Internal(err)
	}
	load, err := taskLoad(db, start.Format("2006-01-02"), twoWeeksEnd.Format("2006-01-02"))
	if err != nil {
		return Report{}, apperr.Internal(err)
	}
	var away []string
	for _, a := range sn.absences {
		if a.Covers(todayS) {
			away = append(away, a.MemberID)
		}
	}
	needing, err := tasksNeedingSomeone(db, away)
	if err != nil {
		return Report{}, apperr.Internal(err)
	}
	wl := s.workload(sn, load, posts, start, 2)
	checks := []Check{
		workloadCheck(wl),
		coverageCheck(sn, gaps),
		responsibilityCheck(sn, needing),
		moderationCheck(sn, unapproved),
		backupsCheck(sn, lookEnd),
	}
	r := Report{Today: todayS, Checks: checks}
	for i := range r.Checks {
		c := &r.Checks[i]
		c.Total = len(c.Items)
		for _, it := range c.Items {
			c.State = worse(c.State, it.State)
		}
		if c.State == "" {
			c.State = OK
		}
		if len(c.Items) > MaxItems {
			c.Items = c.Items[:MaxItems]
		}
		c.Advice = Advice(c.ID, c.State)
		if c.State != OK {
			r.Attention++
		}
	}
	return r, nil
}

func worse(a, b string) string {
	rank := map[string]int{"": 0, OK: 0, Warning: 1, Problem: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

func workloadCheck(wl Workload) Check {
	c := Check{ID: CheckWorkload, Items: []Item{}}
	type share struct {
		id, name     string
		hours, capac float64
	}
	var shares []share
	for _, m := range wl.Members {
		var hours, capac float64
		for _, w := range m.Weeks {
			hours += w.Hours
			capac += w.Capacity
			if w.Over {
				c.Items = append(c.Items, Item{Kind: "member", ID: m.MemberID, Label: m.Name, State: Problem, Reason: "over_capacity",
					Params: map[string]any{"week": w.Week, "start": w.Start, "hours": w.Hours, "capacity": w.Capacity, "suggest": w.Suggest}})
			}
		}
		if capac > 0 {
			shares = append(shares, share{m.MemberID, m.Name, hours, capac})
		}
	}
	if len(c.Items) == 0 && len(shares) >= 2 {
		hi, lo := shares[0], shares[0]
		for _, s := range shares {
			if s.hours/s.capac > hi.hours/hi.capac {
				hi = s
			}
			if s.hours/s.capac < lo.hours/lo.capac {
				lo = s
			}
		}
		if hi.hours/hi.capac-lo.hours/lo.capac > SpreadWarning {
			c.Items = append(c.Items,
				Item{Kind: "member", ID: hi.id, Label: hi.name, State: Warning, Reason: "busiest",
					Params: map[string]any{"percent": percent(hi.hours, hi.capac)}},
				Item{Kind: "member", ID: lo.id, Label: lo.name, State: Warning, Reason: "most_room",
					Params: map[string]any{"percent": percent(lo.hours, lo.capac)}})
		}
	}
	return c
}

func percent(h, c float64) int { return int(h/c*100 + 0.5) }

func coverageCheck(sn snapshot, gaps calendar.GapReport) Check {
	c := Check{ID: CheckCoverage, Items: []Item{}}
	if len(sn.channels) == 0 {
		c.Items = append(c.Items, Item{Kind: "team", Label: "", State: Warning, Reason: "no_channels"})
		return c
	}
	byID := map[string]calendar.Channel{}
	members := map[string]bool{}
	for _, m := range sn.members {
		members[m.ID] = true
	}
	for _, ch := range sn.channels {
		byID[ch.ID] = ch
		if ch.OwnerID == "" || !members[ch.OwnerID] {
			c.Items = append(c.Items, Item{Kind: "channel", ID: ch.ID, Label: ch.Handle, State: Warning, Reason: "no_owner",
				Params: map[string]any{"network": ch.Network}})
		}
	}
	for _, g := range gaps.Gaps {
		ch := byID[g.ChannelID]
		state, reason := Warning, "below_cadence"
		if g.Planned == 0 {
			state, reason = Problem, "nothing_planned"
		}
		c.Items = append(c.Items, Item{Kind: "channel", ID: g.ChannelID, Label: ch.Handle, State: state, Reason: reason,
			Params: map[string]any{"network": ch.Network, "expected": g.Expected, "planned": g.Planned}})
	}
	return c
}

func responsibilityCheck(sn snapshot, needing []task) Check {
	c := Check{ID: CheckResponsibility, Items: []Item{}}
	here := map[string]bool{}
	backupOf := map[string]string{}
	for _, m := range sn.members {
		here[m.ID] = true
		backupOf[m.ID] = m.BackupID
	}
	away := map[string]bool{}
	for _, a := range sn.absences {
		if a.Covers(sn.today) {
			away[a.MemberID] = true
		}
	}
	present := func(id string) bool { return id != "" && here[id] && !away[id] }
	for _, t := range needing {
		switch {
		case t.assignee == "" || !here[t.assignee]:
			c.Items = append(c.Items, Item{Kind: "task", ID: t.id, Label: t.title, State: Problem, Reason: "no_assignee",
				Params: map[string]any{"due": t.due}})
		case away[t.assignee] && !present(t.backup) && !present(backupOf[t.assignee]):
			c.Items = append(c.Items, Item{Kind: "task", ID: t.id, Label: t.title, State: Problem, Reason: "assignee_away_no_backup",
				Params: map[string]any{"due": t.due, "assignee": t.assignee}})
		}
	}
	return c
}

type unapproved struct{ ID, Title, Date, Status string }

func unapprovedPosts(db *gorm.DB) ([]unapproved, error) {
	var rows []unapproved
	err := db.Raw(`SELECT id, title, date, status FROM posts WHERE deleted_at IS NULL
		AND status IN ('scheduled', 'published') AND approved_at = 0 ORDER BY date, id LIMIT 1000`).Scan(&rows).Error
	return rows, err
}

func moderationCheck(sn snapshot, posts []unapproved) Check {
	c := Check{ID: CheckModeration, Items: []Item{}}
	approvers, awayApprovers := 0, 0
	away := map[string]bool{}
	for _, a := range sn.absences {
		if a.Covers(sn.today) {
			away[a.MemberID] = true
		}
	}
	for _, m := range sn.members {
		if sn.approve[m.ID] {
			approvers++
			if away[m.ID] {
				awayApprovers++
			}
		}
	}
	switch {
	case approvers == 0:
		c.Items = append(c.Items, Item{Kind: "team", State: Problem, Reason: "no_approver"})
	case awayApprovers == approvers:
		c.Items = append(c.Items, Item{Kind: "team", State: Warning, Reason: "approvers_away"})
	}
	for _, p := range posts {
		c.Items = append(c.Items, Item{Kind: "post", ID: p.ID, Label: p.Title, State: Problem, Reason: "not_approved",
			Params: map[string]any{"date": p.Date, "status": p.Status}})
	}
	return c
}

func backupsCheck(sn snapshot, lookEnd string) Check {
	c := Check{ID: CheckBackups, Items: []Item{}}
	here := map[string]bool{}
	for _, m := range sn.members {
		here[m.ID] = true
	}
	byMember := map[string][]int{}
	for i, a := range sn.absences {
		byMember[a.MemberID] = append(byMember[a.MemberID], i)
	}
	for _, m := range sn.members {
		if m.BackupID == "" || !here[m.BackupID] {
			c.Items = append(c.Items, Item{Kind: "member", ID: m.ID, Label: m.Name, State: Problem, Reason: "no_backup"})
			continue
		}
		for _, i := range byMember[m.ID] {
			a := sn.absences[i]
			if a.To < sn.today || a.From > lookEnd {
				continue
			}
			for _, j := range byMember[m.BackupID] {
				b := sn.absences[j]
				if a.Overlaps(b.From, b.To) {
					c.Items = append(c.Items, Item{Kind: "member", ID: m.ID, Label: m.Name, State: Warning, Reason: "backup_away_too",
						Params: map[string]any{"backup": m.BackupID, "from": max(a.From, b.From), "to": min(a.To, b.To)}})
					break
				}
			}
		}
	}
	return c
}
