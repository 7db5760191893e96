// Package health checks the team's setup against the five goals of the
// team-building guide (balanced workload, every network covered, someone
// responsible for every task, someone approving outgoing posts, a backup for
// everyone) and computes each member's workload per week against their
// capacity. It only reads; what it finds, people fix.
package health

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/absences"
	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/store"
	"postdeck/backend/team"
	"postdeck/backend/workspace"
)

// DefaultCapacityHours is a member's weekly capacity when none was entered.
const DefaultCapacityHours = 40

// DefaultEstimateHours counts a task without an estimate.
const DefaultEstimateHours = 1

// HoursPerPost is the work a post is counted as in the workload.
const HoursPerPost = 1

// MaxWeeks is the longest workload view.
const MaxWeeks = 26

// Service computes workload and team health.
type Service struct {
	st  *store.Store
	cal *calendar.Service
	now func() time.Time
}

// NewService returns the health service.
func NewService(st *store.Store, cal *calendar.Service) *Service {
	return &Service{st: st, cal: cal, now: time.Now}
}

// SetClock replaces the wall clock (tests, benchmarks).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Week is one member's load in one ISO week (Monday to Sunday, workspace
// time zone).
type Week struct {
	// Week is the ISO week ("2026-W49"), Start its Monday.
	Week      string  `json:"week"`
	Start     string  `json:"start"`
	TaskHours float64 `json:"taskHours"`
	Tasks     int     `json:"tasks"`
	Posts     int     `json:"posts"`
	PostHours float64 `json:"postHours"`
	Hours     float64 `json:"hours"`
	// Capacity is the weekly capacity less the weekdays the member is away.
	Capacity   float64 `json:"capacity"`
	AbsentDays int     `json:"absentDays"`
	Over       bool    `json:"over"`
	// Room is what is left of the capacity (negative when over).
	Room float64 `json:"room"`
	// Suggest lists members with room who cover one of the same networks,
	// most room first, when this week is over capacity.
	Suggest []string `json:"suggest,omitempty"`
}

// MemberLoad is one member's weeks.
type MemberLoad struct {
	MemberID string `json:"memberId"`
	Name     string `json:"name"`
	// CapacityHours is the weekly capacity (DefaultCapacityHours when none was entered).
	CapacityHours float64 `json:"capacityHours"`
	// Networks are those of the channels the member owns and those on their profile.
	Networks []string `json:"networks"`
	Weeks    []Week   `json:"weeks"`
}

// Workload is the workload view.
type Workload struct {
	From    string       `json:"from"`
	Weeks   []string     `json:"weeks"`
	Members []MemberLoad `json:"members"`
}

// snapshot is what the checks and the workload read, once.
type snapshot struct {
	today    string
	members  []team.Member
	approve  map[string]bool
	absences []absences.Absence
	channels []calendar.Channel
}

type task struct {
	id, title, assignee, backup, due string
}

func (s *Service) load(ctx context.Context, db *gorm.DB, from, to string) (snapshot, error) {
	var sn snapshot
	var err error
	sn.today = s.now().In(workspace.ZoneIn(db)).Format("2006-01-02")
	if sn.members, err = team.MembersDB(db); err != nil {
		return sn, err
	}
	if sn.approve, err = team.Allowed(db, team.ApprovePosts); err != nil {
		return sn, err
	}
	if sn.absences, err = absences.ListDB(db, absences.Filter{From: min(from, sn.today), To: to}); err != nil {
		return sn, err
	}
	if sn.channels, err = s.cal.Channels(ctx); err != nil {
		return sn, err
	}
	return sn, nil
}

// taskDay is the open tasks of one assignee due on one day.
type taskDay struct {
	assignee, due string
	hours         float64
	count         int
}

// taskLoad sums the open tasks due from..to (inclusive) per assignee and
// day in SQL (through the due-day index), so a workspace with tens of
// thousands of tasks hands Go a few hundred rows.
func taskLoad(db *gorm.DB, from, to string) ([]taskDay, error) {
	rows, err := db.Raw(`SELECT assignee_id, due, SUM(CASE WHEN estimate_hours > 0 THEN estimate_hours ELSE ? END), COUNT(*)
		FROM tasks WHERE deleted_at IS NULL AND status <> 'done' AND due >= ? AND due <= ? AND assignee_id <> ''
		GROUP BY assignee_id, due`, DefaultEstimateHours, from, to).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []taskDay
	for rows.Next() {
		var d taskDay
		if err := rows.Scan(&d.assignee, &d.due, &d.hours, &d.count); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// tasksNeedingSomeone lists the open tasks that have no assignee on the
// team or whose assignee is in away; the responsibility check then looks
// at their backups.
func tasksNeedingSomeone(db *gorm.DB, away []string) ([]task, error) {
	q := `SELECT id, title, assignee_id, backup_id, due FROM tasks WHERE deleted_at IS NULL AND status <> 'done'
		AND (assignee_id = '' OR assignee_id NOT IN (SELECT id FROM members WHERE deleted_at IS NULL)`
	args := []any{}
	if len(away) > 0 {
		q += ` OR assignee_id IN ?`
		args = append(args, away)
	}
	rows, err := db.Raw(q+`) ORDER BY due = '', due, id`, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []task
	for rows.Next() {
		var t task
		if err := rows.Scan(&t.id, &t.title, &t.assignee, &t.backup, &t.due); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// monday returns the Monday (YYYY-MM-DD) of day's ISO week. Days are civil
// dates in the workspace zone: counting in dates, not hours, keeps a week
// seven days long across daylight-saving changes.
func monday(day string) time.Time {
	t, _ := time.Parse("2006-01-02", day)
	wd := (int(t.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return t.AddDate(0, 0, -wd)
}

func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// Workload returns each member's load for weeks ISO weeks from the week
// holding from (YYYY-MM-DD; "" for this week in the workspace zone).
func (s *Service) Workload(ctx context.Context, from string, weeks int) (Workload, error) {
	if from != "" && !absences.ValidDate(from) {
		return Workload{}, apperr.Invalid("workload.date_invalid", "from", "dates look like 2026-12-31").With("date", from)
	}
	if weeks <= 0 {
		weeks = 4
	}
	if weeks > MaxWeeks {
		return Workload{}, apperr.Invalid("workload.weeks_invalid", "weeks", "at most 26 weeks").With("max", MaxWeeks)
	}
	db := s.st.DB().WithContext(ctx)
	if from == "" {
		from = s.now().In(workspace.ZoneIn(db)).Format("2006-01-02")
	}
	start := monday(from)
	end := start.AddDate(0, 0, 7*weeks-1)
	sn, err := s.load(ctx, db, start.Format("2006-01-02"), end.Format("2006-01-02"))
	if err != nil {
		return Workload{}, apperr.Internal(err)
	}
	posts, err := s.cal.Posts(ctx, calendar.Filter{From: start.Format("2006-01-02"), To: end.Format("2006-01-02")})
	if err != nil {
		return Workload{}, err
	}
	load, err := taskLoad(db, start.Format("2006-01-02"), end.Format("2006-01-02"))
	if err != nil {
		return Workload{}, apperr.Internal(err)
	}
	return s.workload(sn, load, posts, start, weeks), nil
}

func (s *Service) workload(sn snapshot, load []taskDay, posts []calendar.Post, start time.Time, weeks int) Workload {
	out := Workload{From: start.Format("2006-01-02"), Weeks: make([]string, weeks), Members: make([]MemberLoad, 0, len(sn.members))}
	starts := make([]string, weeks+1)
	for i := range weeks + 1 {
		starts[i] = start.AddDate(0, 0, 7*i).Format("2006-01-02")
		if i < weeks {
			out.Weeks[i] = isoWeek(start.AddDate(0, 0, 7*i))
		}
	}
	weekOf := func(day string) int {
		if day == "" || day < starts[0] || day >= starts[weeks] {
			return -1
		}
		// Weeks are few: a search over their Mondays.
		return sort.SearchStrings(starts, day+"~") - 1
	}
	index := make(map[string]int, len(sn.members))
	nets := networksOf(sn.members, sn.channels)
	for i, m := range sn.members {
		index[m.ID] = i
		capacity := m.CapacityHours
		if capacity <= 0 {
			capacity = DefaultCapacityHours
		}
		ml := MemberLoad{MemberID: m.ID, Name: m.Name, CapacityHours: capacity, Networks: nets[m.ID], Weeks: make([]Week, weeks)}
		for w := range weeks {
			away := absentWeekdays(sn.absences, m.ID, start.AddDate(0, 0, 7*w))
			ml.Weeks[w] = Week{Week: out.Weeks[w], Start: starts[w], Capacity: capacity * float64(5-away) / 5, AbsentDays: away}
		}
		out.Members = append(out.Members, ml)
	}
	for _, d := range load {
		i, ok := index[d.assignee]
		if !ok {
			continue
		}
		if w := weekOf(d.due); w >= 0 {
			wk := &out.Members[i].Weeks[w]
			wk.Tasks += d.count
			wk.TaskHours += d.hours
		}
	}
	for _, p := range posts {
		if p.Status == calendar.Archived {
			continue
		}
		i, ok := index[p.OwnerID]
		if !ok {
			continue
		}
		if w := weekOf(p.Date); w >= 0 {
			wk := &out.Members[i].Weeks[w]
			wk.Posts++
			wk.PostHours += HoursPerPost
		}
	}
	for i := range out.Members {
		for w := range out.Members[i].Weeks {
			wk := &out.Members[i].Weeks[w]
			wk.Hours = wk.TaskHours + wk.PostHours
			wk.Room = wk.Capacity - wk.Hours
			wk.Over = wk.Hours > wk.Capacity
		}
	}
	// Who could take some of an overloaded week: room that week, and at
	// least one network in common (any member with room when the overloaded
	// member covers no network yet).
	for i := range out.Members {
		me := &out.Members[i]
		for w := range me.Weeks {
			if !me.Weeks[w].Over {
				continue
			}
			var cands []int
			for j := range out.Members {
				other := out.Members[j]
				if j == i || other.Weeks[w].Room <= 0 || other.Weeks[w].AbsentDays >= 5 {
					continue
				}
				if len(me.Networks) > 0 && !shareNetwork(me.Networks, other.Networks) {
					continue
				}
				cands = append(cands, j)
			}
			sort.SliceStable(cands, func(a, b int) bool {
				return out.Members[cands[a]].Weeks[w].Room > out.Members[cands[b]].Weeks[w].Room
			})
			me.Weeks[w].Suggest = make([]string, len(cands))
			for k, j := range cands {
				me.Weeks[w].Suggest[k] = out.Members[j].MemberID
			}
		}
	}
	return out
}

// networksOf returns each member's networks: those of the channels they
// own, then those on their profile.
func networksOf(members []team.Member, channels []calendar.Channel) map[string][]string {
	out := make(map[string][]string, len(members))
	for _, c := range channels {
		if c.OwnerID != "" && !slices.Contains(out[c.OwnerID], c.Network) {
			out[c.OwnerID] = append(out[c.OwnerID], c.Network)
		}
	}
	for _, m := range members {
		for _, n := range m.Networks {
			if !slices.Contains(out[m.ID], n) {
				out[m.ID] = append(out[m.ID], n)
			}
		}
		if out[m.ID] == nil {
			out[m.ID] = []string{}
		}
	}
	return out
}

func shareNetwork(a, b []string) bool {
	for _, n := range a {
		if slices.Contains(b, n) {
			return true
		}
	}
	return false
}

// absentWeekdays counts the weekdays (Monday to Friday) of the week starting
// at mon on which the member is away.
func absentWeekdays(list []absences.Absence, member string, mon time.Time) int {
	n := 0
	for d := range 5 {
		day := mon.AddDate(0, 0, d).Format("2006-01-02")
		for _, a := range list {
			if a.MemberID == member && a.Covers(day) {
				n++
				break
			}
		}
	}
	return n
}
