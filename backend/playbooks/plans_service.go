package playbooks

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/replica"
	"postdeck/backend/tasks"
	"postdeck/backend/team"
	"postdeck/backend/templates"
)

// Plans returns the campaign plans, by name.
func (s *Service) Plans(ctx context.Context) ([]Plan, error) {
	rows, err := loadRows(s.st.DB().WithContext(ctx), kindOfPlan, "")
	if err != nil {
		return nil, err
	}
	out := make([]Plan, len(rows))
	for i, r := range rows {
		out[i] = r.toPlan()
	}
	return out, nil
}

// Plan returns one plan.
func (s *Service) Plan(ctx context.Context, id string) (Plan, error) {
	return getPlan(s.st.DB().WithContext(ctx), id)
}

func getPlan(db *gorm.DB, id string) (Plan, error) {
	rows, err := loadRows(db, kindOfPlan, id)
	if err != nil {
		return Plan{}, err
	}
	if len(rows) == 0 {
		return Plan{}, apperr.New("plan.not_found", "no such plan").With("id", id)
	}
	return rows[0].toPlan(), nil
}

// AddPlan creates a plan.
func (s *Service) AddPlan(ctx context.Context, in PlanInput) (Plan, error) {
	in, err := checkPlan(in)
	if err != nil {
		return Plan{}, err
	}
	var id string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		id, err = w.Insert("templates", planValues(in, ""))
		return err
	})
	if err != nil {
		return Plan{}, err
	}
	return s.Plan(ctx, id)
}

// UpdatePlan replaces a plan's name, description and steps.
func (s *Service) UpdatePlan(ctx context.Context, id string, in PlanInput) (Plan, error) {
	in, err := checkPlan(in)
	if err != nil {
		return Plan{}, err
	}
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		cur, err := getPlan(w.DB(), id)
		if err != nil {
			return err
		}
		v := planValues(in, cur.BuiltInKey)
		delete(v, "kind")
		return w.Update("templates", id, v)
	})
	if err != nil {
		return Plan{}, err
	}
	return s.Plan(ctx, id)
}

// DeletePlan removes a plan (a tombstone); campaigns made from it keep
// their posts and tasks.
func (s *Service) DeletePlan(ctx context.Context, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		if _, err := getPlan(w.DB(), id); err != nil {
			return err
		}
		return w.Delete("templates", id)
	})
}

// ApplyInput is what the user gives to apply a plan.
type ApplyInput struct {
	PlanID string `json:"planId"`
	Start  string `json:"start"` // YYYY-MM-DD: day 0 of the plan
	// Assign maps each role of the plan to a member id.
	Assign map[string]string `json:"assign"`
	// CampaignName names the new campaign ("" : the plan's name and start).
	CampaignName string `json:"campaignName"`
}

// ApplyResult is what applying a plan created.
type ApplyResult struct {
	Preview    Preview  `json:"preview"`
	CampaignID string   `json:"campaignId"`
	PostIDs    []string `json:"postIds"`
	TaskIDs    []string `json:"taskIds"`
}

// PreviewPlan lays a plan out without writing anything: every post and task
// with its date and person, and every problem that would stop it.
func (s *Service) PreviewPlan(ctx context.Context, in ApplyInput) (Preview, error) {
	return s.preview(ctx, s.st.DB().WithContext(ctx), in)
}

func (s *Service) preview(ctx context.Context, db *gorm.DB, in ApplyInput) (Preview, error) {
	plan, err := getPlan(db, in.PlanID)
	if err != nil {
		return Preview{}, err
	}
	roles, err := s.team.Roles(ctx)
	if err != nil {
		return Preview{}, err
	}
	members, err := s.team.Members(ctx)
	if err != nil {
		return Preview{}, err
	}
	chans, err := s.cal.Channels(ctx)
	if err != nil {
		return Preview{}, err
	}
	a := Applying{Start: strings.TrimSpace(in.Start), Assign: in.Assign, Roles: map[string]bool{}, Members: map[string]string{},
		Zone: s.cal.Zone(ctx), Now: s.now(), Channels: map[string][]string{}}
	if a.Assign == nil {
		a.Assign = map[string]string{}
	}
	for _, r := range roles {
		a.Roles[r.ID] = true
	}
	for _, m := range members {
		a.Members[m.ID] = m.Name
	}
	for _, c := range chans {
		a.Channels[c.Network] = append(a.Channels[c.Network], c.ID)
	}
	if s.absences != nil {
		a.Absent = func(member, day string) (bool, error) { return s.absences.Absent(db, member, day) }
	}
	p, err := Instantiate(plan, a)
	if err != nil {
		return p, err
	}
	return p, fillFromTemplates(db, plan, campaignName(plan, in), &p)
}

// campaignName is the name the new campaign gets: the one given, else the
// plan's name and the start date.
func campaignName(plan Plan, in ApplyInput) string {
	if name := strings.TrimSpace(in.CampaignName); name != "" {
		return name
	}
	return plan.Name + " " + strings.TrimSpace(in.Start)
}

// fillFromTemplates gives each post step that names a post template the
// template's text, with {{campaign}} and {{date}} filled in. Other
// placeholders ({{product}}, {{link}}, custom ones) stay as written for
// the owner to fill in the draft; a template that is gone is a problem.
func fillFromTemplates(db *gorm.DB, plan Plan, campaign string, p *Preview) error {
	for i := range p.Items {
		it := &p.Items[i]
		step := plan.Steps[it.Step-1]
		if it.Kind != StepPost || step.TemplateID == "" {
			continue
		}
		rows, err := loadRows(db, templates.KindPost, step.TemplateID)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			p.Problems = append(p.Problems, Problem{Step: it.Step, Code: "plan.template_missing",
				Message: fmt.Sprintf("step %d: its post template no longer exists", it.Step), Params: map[string]any{"step": it.Step}})
			continue
		}
		names, err := templates.Placeholders(rows[0].Body)
		if err != nil {
			p.Problems = append(p.Problems, Problem{Step: it.Step, Code: "plan.template_broken",
				Message: fmt.Sprintf("step %d: its post template cannot be read", it.Step), Params: map[string]any{"step": it.Step}})
			continue
		}
		values := map[string]string{}
		for _, n := range names {
			switch n {
			case templates.PlaceholderCampaign:
				values[n] = campaign
			case templates.PlaceholderDate:
				values[n] = it.Date
			default:
				values[n] = "{{" + n + "}}"
			}
		}
		if it.Text, err = templates.Render(rows[0].Body, values); err != nil {
			return err
		}
	}
	return nil
}

// ApplyPlan creates the campaign, its posts and its tasks from a plan in
// one transaction: any problem found first (a role nobody was given, a
// member away on a step's day, a day already past, an unknown role) or any
// failure while writing leaves nothing behind.
func (s *Service) ApplyPlan(ctx context.Context, actor string, in ApplyInput) (ApplyResult, error) {
	p, err := s.PreviewPlan(ctx, in)
	if err != nil {
		return ApplyResult{}, err
	}
	if err := p.Err(); err != nil {
		return ApplyResult{Preview: p}, err
	}
	plan, err := s.Plan(ctx, in.PlanID)
	if err != nil {
		return ApplyResult{}, err
	}
	name := campaignName(plan, in)
	res := ApplyResult{Preview: p, PostIDs: []string{}, TaskIDs: []string{}}
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		var err error
		res.CampaignID, err = s.cal.AddCampaignWith(w, calendar.CampaignInput{Name: name, Kind: "campaign",
			Description: plan.Description, StartsOn: p.StartsOn, EndsOn: p.EndsOn}, plan.ID)
		if err != nil {
			return err
		}
		for _, it := range p.Items {
			if it.Kind == StepPost {
				id, err := s.cal.AddPostIn(w, actor, calendar.PostInput{Title: it.Title, Body: it.Text, Channels: it.Channels,
					Date: it.Date, Time: it.Time, OwnerID: it.MemberID, CampaignID: res.CampaignID})
				if err != nil {
					return stepErr(it.Step, err)
				}
				res.PostIDs = append(res.PostIDs, id)
				continue
			}
			if s.tasks == nil {
				return apperr.New("plan.tasks_unavailable", "tasks cannot be created here")
			}
			id, err := s.tasks.AddTaskWith(w, actor, TaskSpec{Title: it.Title, Description: it.Text, AssigneeID: it.MemberID,
				Due: it.Date, EstimateHours: it.Estimate, Checklist: it.Checklist, CampaignID: res.CampaignID,
				Source: tasks.SourcePlan})
			if err != nil {
				return stepErr(it.Step, err)
			}
			res.TaskIDs = append(res.TaskIDs, id)
		}
		return nil
	})
	if err != nil {
		return ApplyResult{Preview: p}, err
	}
	return res, nil
}

// stepErr adds the step number to an error from creating a step's post or
// task, so the message says which step failed.
func stepErr(step int, err error) error {
	if ae, ok := err.(*apperr.Error); ok {
		return ae.With("step", step)
	}
	return err
}

// PlanRoles lists, for the apply form, each role a plan needs with the
// members who hold it (the first is the suggestion).
func (s *Service) PlanRoles(ctx context.Context, planID string) ([]RoleNeed, error) {
	plan, err := s.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	members, err := s.team.Members(ctx)
	if err != nil {
		return nil, err
	}
	return roleNeeds(plan, members), nil
}

// RoleNeed is a role a plan needs and who on the team holds it.
type RoleNeed struct {
	Role    string   `json:"role"`
	Steps   int      `json:"steps"`
	Holders []string `json:"holders"`
}

func roleNeeds(plan Plan, members []team.Member) []RoleNeed {
	out := []RoleNeed{}
	idx := map[string]int{}
	for _, st := range plan.Steps {
		i, ok := idx[st.Role]
		if !ok {
			i = len(out)
			idx[st.Role] = i
			out = append(out, RoleNeed{Role: st.Role, Holders: []string{}})
		}
		out[i].Steps++
	}
	for i := range out {
		for _, m := range members {
			for _, r := range m.Roles {
				if r == out[i].Role {
					out[i].Holders = append(out[i].Holders, m.ID)
				}
			}
		}
	}
	return out
}
