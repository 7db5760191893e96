package api

import (
	"postdeck/backend/absences"
	"postdeck/backend/health"
	"postdeck/backend/workspace"
)

// Absences is the facade of absences and hand-overs.
type Absences struct{ ws *coreWorkspace }

func (a *Absences) me() (string, error) { return a.ws.Workspace.Me(ctx()) }

// List returns the absences matching f, earliest first.
func (a *Absences) List(f absences.Filter) ([]absences.Absence, error) {
	return a.ws.Absences.List(ctx(), f)
}

// Add records an absence.
func (a *Absences) Add(in absences.Input) (absences.Absence, error) {
	me, err := a.me()
	if err != nil {
		return absences.Absence{}, err
	}
	return a.ws.Absences.Add(ctx(), me, in)
}

// Delete removes an absence.
func (a *Absences) Delete(id string) error {
	me, err := a.me()
	if err != nil {
		return err
	}
	return a.ws.Absences.Delete(ctx(), me, id)
}

// Plan lists what an absence's hand-over covers.
func (a *Absences) Plan(id string) (absences.Plan, error) { return a.ws.Absences.Plan(ctx(), id) }

// HandOver hands the absent member's work to their backup.
func (a *Absences) HandOver(id string) (absences.Result, error) {
	me, err := a.me()
	if err != nil {
		return absences.Result{}, err
	}
	return a.ws.Absences.HandOver(ctx(), me, id, false)
}

// SetAutoHandover switches automatic hand-overs on or off.
func (a *Absences) SetAutoHandover(on bool) (workspace.Info, error) {
	return a.ws.Workspace.SetAutoHandover(ctx(), on)
}

// Health is the facade of the team's health and workload.
type Health struct{ ws *coreWorkspace }

// Report runs the five checks of the team's health.
func (h *Health) Report() (health.Report, error) { return h.ws.Health.Health(ctx()) }

// Workload returns each member's load for weeks weeks from the week of from.
func (h *Health) Workload(from string, weeks int) (health.Workload, error) {
	return h.ws.Health.Workload(ctx(), from, weeks)
}
