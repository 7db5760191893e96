package playbooks

import (
	"encoding/json"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/templates"
)

// CheckTemplates makes the templates service validate plans and playbooks
// as this package does, so a plan or playbook written through the generic
// template commands (template add/update) obeys the same limits, such as
// the cap on steps.
func CheckTemplates(svc *templates.Service) {
	svc.SetCheck(templates.KindPlan, checkPlanTemplate)
	svc.SetCheck(templates.KindPlaybook, checkPlaybookTemplate)
}

func checkPlanTemplate(_ *gorm.DB, in templates.Input) (json.RawMessage, error) {
	var d struct {
		Steps []PlanStep `json:"steps"`
	}
	if len(in.Data) > 0 {
		if err := json.Unmarshal(in.Data, &d); err != nil {
			return nil, apperr.Invalid("plan.steps_invalid", "data", "the steps are not readable").With("detail", err.Error())
		}
	}
	p, err := checkPlan(PlanInput{Name: in.Name, Lang: in.Lang, Description: in.Body, Steps: d.Steps})
	if err != nil {
		return nil, err
	}
	d.Steps = p.Steps
	return json.Marshal(d)
}

func checkPlaybookTemplate(_ *gorm.DB, in templates.Input) (json.RawMessage, error) {
	var d playbookData
	if len(in.Data) > 0 {
		if err := json.Unmarshal(in.Data, &d); err != nil {
			return nil, apperr.Invalid("playbook.data_invalid", "data", "the playbook's details are not readable").With("detail", err.Error())
		}
	}
	p, err := checkPlaybook(PlaybookInput{Title: in.Name, Lang: in.Lang, Body: in.Body, Checklist: d.Checklist, Roles: d.Roles,
		OwnerRole: d.OwnerRole, OwnerID: d.OwnerID, ReviewDays: d.ReviewDays, Guideline: d.Guideline})
	if err != nil {
		return nil, err
	}
	d.Checklist, d.Roles, d.ReviewDays = p.Checklist, p.Roles, p.ReviewDays
	return json.Marshal(d)
}
