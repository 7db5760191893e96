package calendar

import (
	"context"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/dates"
	"postdeck/backend/replica"
)

// Campaign is a campaign or promotion over a range of days.
type Campaign struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Goal        string `json:"goal"`
	Description string `json:"description"`
	StartsOn    string `json:"startsOn"`
	EndsOn      string `json:"endsOn"`
	Color       string `json:"color"`
	// PlanID is the campaign plan it was made from ("" if none).
	PlanID string `json:"planId"`
}

// CampaignInput is what the user enters for a campaign.
type CampaignInput struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Goal        string `json:"goal"`
	Description string `json:"description"`
	StartsOn    string `json:"startsOn"`
	EndsOn      string `json:"endsOn"`
	Color       string `json:"color"`
}

// Campaigns returns the live campaigns by start date.
func (s *Service) Campaigns(ctx context.Context) ([]Campaign, error) {
	var out []Campaign
	if err := s.st.DB().WithContext(ctx).Raw(`SELECT id, name, kind, goal, description, starts_on, ends_on, color, plan_id
		FROM campaigns WHERE deleted_at IS NULL ORDER BY starts_on, name COLLATE NOCASE`).Scan(&out).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	if out == nil {
		out = []Campaign{}
	}
	return out, nil
}

// AddCampaign creates a campaign.
func (s *Service) AddCampaign(ctx context.Context, in CampaignInput) (Campaign, error) {
	values, err := checkCampaign(in)
	if err != nil {
		return Campaign{}, err
	}
	var id string
	err = s.rep.Write(ctx, func(w *replica.Writer) error {
		if in.Color == "" {
			if values["color"], err = nextColor(w.DB(), "campaigns"); err != nil {
				return err
			}
		}
		id, err = w.Insert("campaigns", values)
		return err
	})
	return Campaign{ID: id, Name: values["name"].(string), Kind: values["kind"].(string), Goal: values["goal"].(string),
		Description: values["description"].(string), StartsOn: in.StartsOn, EndsOn: in.EndsOn, Color: values["color"].(string)}, err
}

// AddCampaignWith creates a campaign inside a write of the caller's,
// remembering the plan it was made from, and returns its id.
func (s *Service) AddCampaignWith(w *replica.Writer, in CampaignInput, planID string) (string, error) {
	values, err := checkCampaign(in)
	if err != nil {
		return "", err
	}
	if in.Color == "" {
		if values["color"], err = nextColor(w.DB(), "campaigns"); err != nil {
			return "", err
		}
	}
	values["plan_id"] = planID
	return w.Insert("campaigns", values)
}

// UpdateCampaign changes a campaign.
func (s *Service) UpdateCampaign(ctx context.Context, id string, in CampaignInput) error {
	values, err := checkCampaign(in)
	if err != nil {
		return err
	}
	return s.rep.Write(ctx, func(w *replica.Writer) error { return w.Update("campaigns", id, values) })
}

// DeleteCampaign removes a campaign; its posts stay, without it.
func (s *Service) DeleteCampaign(ctx context.Context, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error { return w.Delete("campaigns", id) })
}

func checkCampaign(in CampaignInput) (map[string]any, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return nil, apperr.Invalid("campaign.name_required", "name", "a campaign needs a name")
	}
	if len([]rune(in.Name)) > maxTitleRunes {
		return nil, apperr.Invalid("campaign.name_too_long", "name", "the name is too long").With("max", maxTitleRunes)
	}
	if in.Kind == "" {
		in.Kind = "campaign"
	}
	if in.Kind != "campaign" && in.Kind != "promotion" {
		return nil, apperr.Invalid("campaign.kind_invalid", "kind", "a campaign or a promotion")
	}
	if !dates.Valid(in.StartsOn) || !dates.Valid(in.EndsOn) {
		return nil, apperr.Invalid("campaign.dates_invalid", "startsOn", "a campaign needs a start and an end date")
	}
	if !inRange(in.StartsOn) {
		return nil, errOutOfRange("startsOn", in.StartsOn)
	}
	if !inRange(in.EndsOn) {
		return nil, errOutOfRange("endsOn", in.EndsOn)
	}
	if in.EndsOn < in.StartsOn {
		return nil, apperr.Invalid("campaign.ends_before_start", "endsOn", "the campaign ends before it starts")
	}
	if in.Color != "" && !colorRe.MatchString(in.Color) {
		return nil, apperr.Invalid("campaign.color_invalid", "color", "colour must look like #1c7ed6")
	}
	return map[string]any{"name": in.Name, "kind": in.Kind, "goal": strings.TrimSpace(in.Goal),
		"description": strings.TrimSpace(in.Description), "starts_on": in.StartsOn, "ends_on": in.EndsOn,
		"color": strings.ToLower(in.Color)}, nil
}
