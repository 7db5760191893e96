package workspace

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/networks"
	"postdeck/backend/replica"
	"postdeck/backend/team"
)

// maxLimit bounds an override: far above any network's figure, low enough
// that a typo (an extra zero or two) is still refused.
const maxLimit = 1_000_000

// LimitsView is the network limits as Settings shows them: the built-in
// figures with their sources, the workspace's overrides, and the table the
// editor and the checker use.
type LimitsView struct {
	Defaults  []networks.Limit `json:"defaults"`
	Overrides []networks.Limit `json:"overrides"`
	Effective []networks.Limit `json:"effective"`
}

// Limits returns the network limits of the workspace.
func (s *Service) Limits(ctx context.Context) (LimitsView, error) {
	ov, err := s.overrides(s.st.DB().WithContext(ctx))
	if err != nil {
		return LimitsView{}, err
	}
	base := networks.Limits()
	return LimitsView{Defaults: base, Overrides: ov, Effective: networks.Merge(base, ov)}, nil
}

// EffectiveLimits returns the built-in limits with the workspace's overrides.
func (s *Service) EffectiveLimits(ctx context.Context) ([]networks.Limit, error) {
	v, err := s.Limits(ctx)
	return v.Effective, err
}

// SetNetworkLimit replaces the workspace's override of one network's
// figures; a zero keeps the built-in figure, and all zeros remove the
// override. Only the numbers can change (counting and source stay the
// table's). It needs the edit_style_guide permission once the device says
// who it is (actor).
func (s *Service) SetNetworkLimit(ctx context.Context, actor string, o networks.Limit) (LimitsView, error) {
	if _, ok := networks.Get(o.Network); !ok {
		return LimitsView{}, apperr.Invalid("settings.limit_network_unknown", "network", "unknown network").With("network", o.Network)
	}
	for _, f := range []struct {
		field string
		v     int
	}{{"maxChars", o.MaxChars}, {"maxHashtags", o.MaxHashtags}, {"maxTopicTags", o.MaxTopicTags}, {"titleMax", o.TitleMax}, {"descriptionMax", o.DescriptionMax}} {
		if f.v < 0 || f.v > maxLimit {
			return LimitsView{}, apperr.Invalid("settings.limit_invalid", f.field, "a limit is a whole number from 0 to 1,000,000").
				With("max", maxLimit).With("network", o.Network)
		}
	}
	clean := networks.Limit{Network: o.Network, MaxChars: o.MaxChars, MaxHashtags: o.MaxHashtags,
		MaxTopicTags: o.MaxTopicTags, TitleMax: o.TitleMax, DescriptionMax: o.DescriptionMax}
	return s.writeOverride(ctx, actor, clean)
}

// ResetNetworkLimit removes the workspace's override of a network, back to
// the built-in figures.
func (s *Service) ResetNetworkLimit(ctx context.Context, actor, network string) (LimitsView, error) {
	return s.writeOverride(ctx, actor, networks.Limit{Network: network})
}

func (s *Service) writeOverride(ctx context.Context, actor string, o networks.Limit) (LimitsView, error) {
	if err := s.requireEditStyleGuide(ctx, actor); err != nil {
		return LimitsView{}, err
	}
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		ov, err := s.overrides(w.DB())
		if err != nil {
			return err
		}
		kept := ov[:0]
		for _, l := range ov {
			if l.Network != o.Network {
				kept = append(kept, l)
			}
		}
		if o.MaxChars+o.MaxHashtags+o.MaxTopicTags+o.TitleMax+o.DescriptionMax > 0 {
			kept = append(kept, o)
		}
		return w.Put("workspace", s.ID(), map[string]any{"network_limits": encodeOverrides(kept)})
	})
	if err != nil {
		return LimitsView{}, err
	}
	return s.Limits(ctx)
}

// requireEditStyleGuide refuses a change of the limits by a member whose
// roles do not allow editing the style guide. A device that has not said who
// it is yet (a fresh install, a script) may, as with team changes.
func (s *Service) requireEditStyleGuide(ctx context.Context, actor string) error {
	if actor == "" {
		return nil
	}
	ok, err := s.team.Can(ctx, actor, team.EditStyleGuide)
	if err != nil {
		if apperr.Code(err) == "member.not_found" {
			return nil
		}
		return err
	}
	if !ok {
		return apperr.New("settings.limits_denied", "your roles do not allow changing the network limits").
			With("permission", string(team.EditStyleGuide))
	}
	return nil
}

// EffectiveLimitsIn returns the effective limits as db holds them, for a
// check that runs inside another package's write (the review gate), where
// the service's own connection would wait on the open transaction.
func EffectiveLimitsIn(db *gorm.DB) ([]networks.Limit, error) {
	var rows []struct{ NetworkLimits string }
	if err := db.Raw(`SELECT w.network_limits FROM workspace w JOIN local_settings l ON l.key = ? AND l.value = w.id
		WHERE w.deleted_at IS NULL`, keyWorkspaceID).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	var ov []networks.Limit
	if len(rows) > 0 {
		ov = decodeOverrides(rows[0].NetworkLimits)
	}
	return networks.Merge(networks.Limits(), ov), nil
}

func (s *Service) overrides(db *gorm.DB) ([]networks.Limit, error) {
	var rows []struct{ NetworkLimits string }
	if err := db.Raw("SELECT network_limits FROM workspace WHERE id = ? AND deleted_at IS NULL", s.ID()).Scan(&rows).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return decodeOverrides(rows[0].NetworkLimits), nil
}

// encodeOverrides writes one line for every known network, in a fixed
// order, whether or not it has an override: two devices that change
// different networks at once change different lines, which the text merge of
// concurrent edits joins cleanly.
func encodeOverrides(ls []networks.Limit) string {
	var b strings.Builder
	for _, n := range networks.All() {
		o := override{Network: n.ID}
		if l, ok := networks.LimitFor(ls, n.ID); ok {
			o = override{l.Network, l.MaxChars, l.MaxHashtags, l.MaxTopicTags, l.TitleMax, l.DescriptionMax}
		}
		line, _ := json.Marshal(o)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// override is one stored line: the numbers only, zeros left out.
type override struct {
	Network        string `json:"network"`
	MaxChars       int    `json:"maxChars,omitempty"`
	MaxHashtags    int    `json:"maxHashtags,omitempty"`
	MaxTopicTags   int    `json:"maxTopicTags,omitempty"`
	TitleMax       int    `json:"titleMax,omitempty"`
	DescriptionMax int    `json:"descriptionMax,omitempty"`
}

// decodeOverrides reads the stored lines. A line that is not an override
// of a known network with sane numbers (a hand-edited or half-merged value)
// is skipped rather than failing every check; a later line for the same
// network wins.
func decodeOverrides(text string) []networks.Limit {
	byNet := map[string]networks.Limit{}
	for _, line := range strings.Split(text, "\n") {
		var o override
		if strings.TrimSpace(line) == "" || json.Unmarshal([]byte(line), &o) != nil {
			continue
		}
		if _, ok := networks.Get(o.Network); !ok {
			continue
		}
		l := networks.Limit{Network: o.Network, MaxChars: o.MaxChars, MaxHashtags: o.MaxHashtags,
			MaxTopicTags: o.MaxTopicTags, TitleMax: o.TitleMax, DescriptionMax: o.DescriptionMax}
		if !sane(l) {
			continue
		}
		if l.MaxChars+l.MaxHashtags+l.MaxTopicTags+l.TitleMax+l.DescriptionMax == 0 {
			delete(byNet, o.Network) // a network without an override
			continue
		}
		byNet[o.Network] = l
	}
	out := make([]networks.Limit, 0, len(byNet))
	for _, l := range byNet {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Network < out[j].Network })
	return out
}

func sane(l networks.Limit) bool {
	for _, v := range []int{l.MaxChars, l.MaxHashtags, l.MaxTopicTags, l.TitleMax, l.DescriptionMax} {
		if v < 0 || v > maxLimit {
			return false
		}
	}
	return true
}
