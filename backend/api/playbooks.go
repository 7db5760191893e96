package api

import "postdeck/backend/playbooks"

// Playbooks is the facade of campaign plans and process playbooks.
type Playbooks struct{ ws *coreWorkspace }

// me is the member this device acts as.
func (p *Playbooks) me() (string, error) { return p.ws.Workspace.Me(ctx()) }

// Seed writes the built-in plan and playbooks in this device's language
// the first time anyone on the team opens them.
func (p *Playbooks) Seed() error {
	info, err := p.ws.Workspace.Info(ctx())
	if err != nil {
		return err
	}
	return p.ws.Playbooks.SeedBuiltIns(ctx(), info.Language)
}

// ListPlans returns the campaign plans.
func (p *Playbooks) ListPlans() ([]playbooks.Plan, error) { return p.ws.Playbooks.Plans(ctx()) }

// AddPlan creates a plan.
func (p *Playbooks) AddPlan(in playbooks.PlanInput) (playbooks.Plan, error) {
	return p.ws.Playbooks.AddPlan(ctx(), in)
}

// UpdatePlan changes a plan.
func (p *Playbooks) UpdatePlan(id string, in playbooks.PlanInput) (playbooks.Plan, error) {
	return p.ws.Playbooks.UpdatePlan(ctx(), id, in)
}

// DeletePlan removes a plan.
func (p *Playbooks) DeletePlan(id string) error { return p.ws.Playbooks.DeletePlan(ctx(), id) }

// PlanRoles lists the roles a plan needs and who holds each.
func (p *Playbooks) PlanRoles(id string) ([]playbooks.RoleNeed, error) {
	return p.ws.Playbooks.PlanRoles(ctx(), id)
}

// PreviewPlan shows what applying a plan would create, and its problems.
func (p *Playbooks) PreviewPlan(in playbooks.ApplyInput) (playbooks.Preview, error) {
	return p.ws.Playbooks.PreviewPlan(ctx(), in)
}

// ApplyPlan creates the campaign, posts and tasks of a plan, all or nothing.
func (p *Playbooks) ApplyPlan(in playbooks.ApplyInput) (playbooks.ApplyResult, error) {
	me, err := p.me()
	if err != nil {
		return playbooks.ApplyResult{}, err
	}
	return p.ws.Playbooks.ApplyPlan(ctx(), me, in)
}

// ListPlaybooks returns the playbooks.
func (p *Playbooks) ListPlaybooks() ([]playbooks.Playbook, error) {
	return p.ws.Playbooks.Playbooks(ctx())
}

// DuePlaybooks returns the playbooks due for review.
func (p *Playbooks) DuePlaybooks() ([]playbooks.Playbook, error) {
	return p.ws.Playbooks.DuePlaybooks(ctx())
}

// AddPlaybook creates a playbook.
func (p *Playbooks) AddPlaybook(in playbooks.PlaybookInput) (playbooks.Playbook, error) {
	return p.ws.Playbooks.AddPlaybook(ctx(), in)
}

// UpdatePlaybook changes a playbook; reviewed marks it reviewed today.
func (p *Playbooks) UpdatePlaybook(id string, in playbooks.PlaybookInput, reviewed bool) (playbooks.Playbook, error) {
	return p.ws.Playbooks.UpdatePlaybook(ctx(), id, in, reviewed)
}

// MarkReviewed records a review of a playbook today.
func (p *Playbooks) MarkReviewed(id string) (playbooks.Playbook, error) {
	return p.ws.Playbooks.MarkReviewed(ctx(), id)
}

// DeletePlaybook removes a playbook.
func (p *Playbooks) DeletePlaybook(id string) error { return p.ws.Playbooks.DeletePlaybook(ctx(), id) }

// RunPlaybook creates a task with the playbook's checklist.
func (p *Playbooks) RunPlaybook(id string) (playbooks.RunResult, error) {
	me, err := p.me()
	if err != nil {
		return playbooks.RunResult{}, err
	}
	return p.ws.Playbooks.RunPlaybook(ctx(), me, id)
}

// Export writes the training guide (format md or html, lang en or id) to
// path and returns its size in bytes.
func (p *Playbooks) Export(format, lang, path string) (int, error) {
	return p.ws.Playbooks.ExportFile(ctx(), format, lang, path)
}
