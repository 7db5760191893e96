// Package playbooks holds campaign plans (posts and tasks at offsets from a
// start date, assigned by role) and process playbooks (how the team handles
// campaigns, reports, inquiries, a crisis, new networks and tools), with
// their built-in texts in English and Bahasa Indonesia and their export as a
// training guide. Both are rows of the synced templates table (kinds "plan"
// and "playbook"); their own fields travel in its data JSON.
package playbooks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
)

// Step kinds.
const (
	StepPost = "post"
	StepTask = "task"
)

// Limits on plans. A real launch plan has a few dozen steps; thousands are
// a runaway import or a slip, and applying them would flood the calendar.
const (
	MaxSteps        = 200
	MaxOffsetDays   = 3650
	maxNameRunes    = 200
	maxStepText     = 10_000
	maxChecklist    = 100
	maxEstimateHour = 500 // what a task accepts
)

// PlanStep is one post or task of a plan, Offset days from the start date
// (negative: before it).
type PlanStep struct {
	Offset int    `json:"offset"`
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	// Role is the team role (team.Role id) whose member does the step.
	Role string `json:"role"`
	// Post steps: the network whose channels the post goes on (the
	// workspace's channels of that network; none: a post without a channel),
	// a post template or a text, and an optional time of day (HH:MM).
	Network    string `json:"network,omitempty"`
	TemplateID string `json:"templateId,omitempty"`
	Text       string `json:"text,omitempty"`
	Time       string `json:"time,omitempty"`
	// Task steps: a checklist and an estimate in hours.
	Checklist     []string `json:"checklist,omitempty"`
	EstimateHours float64  `json:"estimateHours,omitempty"`
}

// Plan is a campaign plan.
type Plan struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Lang        string     `json:"lang"`
	Description string     `json:"description"`
	BuiltInKey  string     `json:"builtInKey"`
	Steps       []PlanStep `json:"steps"`
}

// PlanInput is what the user enters for a plan.
type PlanInput struct {
	Name        string     `json:"name"`
	Lang        string     `json:"lang"`
	Description string     `json:"description"`
	Steps       []PlanStep `json:"steps"`
}

var (
	timeRe = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
)

// checkPlan validates a plan's own shape (roles and members are checked
// when it is applied, against the team of that day) and returns it tidied.
func checkPlan(in PlanInput) (PlanInput, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return in, apperr.Invalid("plan.name_required", "name", "a plan needs a name")
	}
	if len([]rune(in.Name)) > maxNameRunes {
		return in, apperr.Invalid("plan.name_too_long", "name", "the name is too long").With("max", maxNameRunes)
	}
	if in.Lang == "" {
		in.Lang = "en"
	}
	if in.Lang != "en" && in.Lang != "id" {
		return in, apperr.Invalid("plan.lang_invalid", "lang", "the language is en or id").With("language", in.Lang)
	}
	if err := checkSteps(in.Steps); err != nil {
		return in, err
	}
	for i := range in.Steps {
		in.Steps[i].Title = strings.TrimSpace(in.Steps[i].Title)
		for _, it := range in.Steps[i].Checklist {
			if len([]rune(it)) > maxItemRunes {
				return in, apperr.Invalid("plan.step_item_too_long", "steps", fmt.Sprintf("step %d: a checklist item is too long", i+1)).
					With("step", i+1).With("max", maxItemRunes)
			}
		}
	}
	return in, nil
}

// checkSteps checks the steps one by one; the error names the step (1-based).
func checkSteps(steps []PlanStep) error {
	if len(steps) == 0 {
		return apperr.Invalid("plan.no_steps", "steps", "a plan needs at least one step")
	}
	if len(steps) > MaxSteps {
		return apperr.Invalid("plan.too_many_steps", "steps", fmt.Sprintf("a plan has at most %d steps, this one has %d", MaxSteps, len(steps))).
			With("max", MaxSteps).With("count", len(steps))
	}
	for i, s := range steps {
		n := i + 1
		bad := func(code, msg string) *apperr.Error {
			return apperr.Invalid(code, "steps", fmt.Sprintf("step %d: %s", n, msg)).With("step", n)
		}
		if strings.TrimSpace(s.Title) == "" {
			return bad("plan.step_title_required", "a step needs a title")
		}
		if len([]rune(s.Title)) > maxNameRunes {
			return bad("plan.step_title_too_long", "the title is too long").With("max", maxNameRunes)
		}
		if s.Kind != StepPost && s.Kind != StepTask {
			return bad("plan.step_kind_invalid", "a step is a post or a task")
		}
		if s.Offset < -MaxOffsetDays || s.Offset > MaxOffsetDays {
			return bad("plan.step_offset_invalid", "a step is at most ten years from the start").With("max", MaxOffsetDays)
		}
		if strings.TrimSpace(s.Role) == "" {
			return bad("plan.step_role_required", "a step needs the role responsible")
		}
		if len([]rune(s.Text)) > maxStepText {
			return bad("plan.step_text_too_long", "the text is too long").With("max", maxStepText)
		}
		if s.Time != "" && !timeRe.MatchString(s.Time) {
			return bad("plan.step_time_invalid", "times look like 09:30").With("time", s.Time)
		}
		if len(s.Checklist) > maxChecklist {
			return bad("plan.step_checklist_too_long", "too many checklist items").With("max", maxChecklist)
		}
		if s.EstimateHours < 0 || s.EstimateHours > maxEstimateHour {
			return bad("plan.step_estimate_invalid", "the estimate is 0 to 500 hours").With("max", maxEstimateHour)
		}
	}
	return nil
}

// AddDays returns the calendar day offset days after day (YYYY-MM-DD).
// It counts days, not hours, so a daylight-saving change in between never
// moves a step to the day before or after.
func AddDays(day string, offset int) (string, error) {
	if !dates.Valid(day) {
		return "", apperr.Invalid("plan.start_invalid", "start", "dates look like 2026-12-31").With("date", day)
	}
	t, _ := time.Parse("2006-01-02", day)
	return t.AddDate(0, 0, offset).Format("2006-01-02"), nil
}

// Applying is what applying a plan needs to know about the workspace: the
// roles and members there are, who is absent when, the workspace's zone and
// today's date and time in it, and the channels of each network.
type Applying struct {
	Start string
	// Assign maps a role id to the member who does that role's steps.
	Assign map[string]string
	// Roles are the known role ids; Members the live member ids with names.
	Roles   map[string]bool
	Members map[string]string
	// Absent says whether a member is away on a day, and why ("" if not).
	Absent func(memberID, day string) (bool, error)
	Zone   *time.Location
	Now    time.Time
	// Channels maps a network to the workspace's channel ids on it.
	Channels map[string][]string
}

// PreviewItem is one post or task a plan will create.
type PreviewItem struct {
	Step       int      `json:"step"` // 1-based
	Kind       string   `json:"kind"`
	Title      string   `json:"title"`
	Date       string   `json:"date"`
	Time       string   `json:"time"`
	Role       string   `json:"role"`
	MemberID   string   `json:"memberId"`
	MemberName string   `json:"memberName"`
	Channels   []string `json:"channels"`
	Text       string   `json:"text,omitempty"`
	Checklist  []string `json:"checklist,omitempty"`
	Estimate   float64  `json:"estimateHours,omitempty"`
}

// Problem is a reason a plan cannot be applied as asked, in the form of an
// error code and its parameters (the window translates it).
type Problem struct {
	Step    int            `json:"step"` // 0: the plan as a whole
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Params  map[string]any `json:"params,omitempty"`
}

// Preview is what applying a plan would create, with every problem found.
type Preview struct {
	PlanID   string        `json:"planId"`
	PlanName string        `json:"planName"`
	Start    string        `json:"start"`
	StartsOn string        `json:"startsOn"`
	EndsOn   string        `json:"endsOn"`
	Items    []PreviewItem `json:"items"`
	Problems []Problem     `json:"problems"`
}

// Err is the first problem as an error, or nil when there is none.
func (p Preview) Err() error {
	if len(p.Problems) == 0 {
		return nil
	}
	pr := p.Problems[0]
	e := apperr.New(pr.Code, pr.Message)
	for k, v := range pr.Params {
		e = e.With(k, v)
	}
	return e
}

// Instantiate lays a plan out from a start date: each step's date, time
// and person, and every problem (an unknown role, a role nobody was given,
// a member who is not on the team or is absent that day, a day already
// past). It writes nothing.
func Instantiate(plan Plan, a Applying) (Preview, error) {
	if err := checkSteps(plan.Steps); err != nil {
		return Preview{}, err
	}
	if !dates.Valid(a.Start) {
		return Preview{}, apperr.Invalid("plan.start_invalid", "start", "dates look like 2026-12-31").With("date", a.Start)
	}
	if _, err := AddDays(a.Start, 0); err != nil {
		return Preview{}, err
	}
	loc := a.Zone
	if loc == nil {
		loc = time.UTC
	}
	now := a.Now.In(loc)
	today, clock := now.Format("2006-01-02"), now.Format("15:04")
	p := Preview{PlanID: plan.ID, PlanName: plan.Name, Start: a.Start, Items: []PreviewItem{}, Problems: []Problem{}}
	add := func(step int, code, msg string, params map[string]any) {
		p.Problems = append(p.Problems, Problem{Step: step, Code: code, Message: msg, Params: params})
	}
	for role, member := range a.Assign {
		if !a.Roles[role] {
			add(0, "plan.role_unknown", "there is no role "+role, map[string]any{"role": role})
		} else if _, ok := a.Members[member]; !ok {
			add(0, "plan.member_unknown", "member "+member+" is not on the team", map[string]any{"role": role, "id": member})
		}
	}
	slices.SortFunc(p.Problems, func(x, y Problem) int {
		return strings.Compare(fmt.Sprint(x.Params["role"]), fmt.Sprint(y.Params["role"]))
	})
	missing := map[string]bool{}
	for i, s := range plan.Steps {
		n := i + 1
		day, err := AddDays(a.Start, s.Offset)
		if err != nil {
			return Preview{}, err
		}
		if !dates.InRange(day) {
			return Preview{}, apperr.Invalid("post.date_out_of_range", "start", day+" is outside the dates Postdeck plans for: 1900-01-01 to 2199-12-31").
				With("date", day).With("min", dates.Min).With("max", dates.Max)
		}
		it := PreviewItem{Step: n, Kind: s.Kind, Title: s.Title, Date: day, Time: s.Time, Role: s.Role, Channels: []string{},
			Text: s.Text, Checklist: s.Checklist, Estimate: s.EstimateHours}
		if s.Kind == StepPost {
			it.Channels = append(it.Channels, a.Channels[s.Network]...)
			if s.Time != "" {
				// A time the clocks skip that day is the time it comes to, as
				// the calendar keeps it.
				if t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+s.Time, loc); err == nil {
					it.Date, it.Time = t.Format("2006-01-02"), t.Format("15:04")
				}
			}
		}
		member, assigned := a.Assign[s.Role]
		switch {
		case !a.Roles[s.Role]:
			add(n, "plan.role_unknown", fmt.Sprintf("step %d: there is no role %s", n, s.Role), map[string]any{"step": n, "role": s.Role})
		case !assigned || member == "":
			if !missing[s.Role] {
				missing[s.Role] = true
				add(n, "plan.role_unassigned", "nobody was given the role "+s.Role, map[string]any{"step": n, "role": s.Role})
			}
		default:
			name, ok := a.Members[member]
			if ok {
				it.MemberID, it.MemberName = member, name
				if a.Absent != nil {
					away, err := a.Absent(member, it.Date)
					if err != nil {
						return Preview{}, err
					}
					if away {
						add(n, "plan.member_absent", fmt.Sprintf("step %d: %s is away on %s", n, name, it.Date),
							map[string]any{"step": n, "name": name, "date": it.Date, "role": s.Role})
					}
				}
			}
		}
		if it.Date < today || (it.Date == today && it.Time != "" && it.Time < clock) {
			add(n, "plan.date_past", fmt.Sprintf("step %d falls on %s, which is already past", n, it.Date),
				map[string]any{"step": n, "date": it.Date})
		}
		if p.StartsOn == "" || it.Date < p.StartsOn {
			p.StartsOn = it.Date
		}
		if it.Date > p.EndsOn {
			p.EndsOn = it.Date
		}
		p.Items = append(p.Items, it)
	}
	slices.SortStableFunc(p.Items, func(x, y PreviewItem) int {
		if c := strings.Compare(x.Date, y.Date); c != 0 {
			return c
		}
		return strings.Compare(x.Time, y.Time)
	})
	return p, nil
}
