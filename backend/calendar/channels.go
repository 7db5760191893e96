package calendar

import (
	"context"
	"math"
	"slices"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/networks"
	"postdeck/backend/replica"
)

// Channel is one of the brand's profiles on a network.
type Channel struct {
	ID      string  `json:"id"`
	Network string  `json:"network"`
	Handle  string  `json:"handle"`
	Color   string  `json:"color"`
	OwnerID string  `json:"ownerId"`
	Cadence float64 `json:"cadence"`
}

// ChannelInput is what the user enters for a channel.
type ChannelInput struct {
	Network string  `json:"network"`
	Handle  string  `json:"handle"`
	Color   string  `json:"color"`
	OwnerID string  `json:"ownerId"`
	Cadence float64 `json:"cadence"`
}

// MaxCadence is the most posts a week a channel can aim for.
const MaxCadence = 100

// Channels returns the live channels by network and handle.
func (s *Service) Channels(ctx context.Context) ([]Channel, error) {
	out, err := listChannels(s.st.DB().WithContext(ctx))
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return out, nil
}

func listChannels(db *gorm.DB) ([]Channel, error) {
	var out []Channel
	err := db.Raw(`SELECT id, network, handle, color, owner_id, cadence FROM channels WHERE deleted_at IS NULL
		ORDER BY network, handle COLLATE NOCASE`).Scan(&out).Error
	if out == nil {
		out = []Channel{}
	}
	return out, err
}

// AddChannel creates a channel.
func (s *Service) AddChannel(ctx context.Context, in ChannelInput) (Channel, error) {
	var ch Channel
	err := s.rep.Write(ctx, func(w *replica.Writer) error {
		if in.Color == "" {
			color, err := nextColor(w.DB(), "channels")
			if err != nil {
				return err
			}
			in.Color = color
		}
		values, err := s.checkChannel(w.DB(), in)
		if err != nil {
			return err
		}
		id, err := w.Insert("channels", values)
		ch = Channel{ID: id, Network: values["network"].(string), Handle: values["handle"].(string),
			Color: values["color"].(string), OwnerID: in.OwnerID, Cadence: in.Cadence}
		return err
	})
	return ch, err
}

// palette gives new channels and campaigns distinct colours until someone
// picks one, as new members get; the same colours as the team's palette.
var palette = []string{"#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#e03131", "#5f3dc4"}

// nextColor is the first palette colour no live row of table uses, or, once
// all are taken, the one after the last in turn.
func nextColor(db *gorm.DB, table string) (string, error) {
	var used []string
	if err := db.Raw("SELECT color FROM " + table + " WHERE deleted_at IS NULL").Scan(&used).Error; err != nil {
		return "", err
	}
	for _, c := range palette {
		if !slices.Contains(used, c) {
			return c, nil
		}
	}
	return palette[len(used)%len(palette)], nil
}

// UpdateChannel changes a channel.
func (s *Service) UpdateChannel(ctx context.Context, id string, in ChannelInput) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error {
		values, err := s.checkChannel(w.DB(), in)
		if err != nil {
			return err
		}
		return w.Update("channels", id, values)
	})
}

// DeleteChannel removes a channel; its posts keep their other channels.
func (s *Service) DeleteChannel(ctx context.Context, id string) error {
	return s.rep.Write(ctx, func(w *replica.Writer) error { return w.Delete("channels", id) })
}

func (s *Service) checkChannel(db *gorm.DB, in ChannelInput) (map[string]any, error) {
	in.Handle = strings.TrimSpace(in.Handle)
	if _, ok := networks.Get(in.Network); !ok {
		return nil, apperr.Invalid("channel.network_unknown", "network", "unknown network").With("network", in.Network)
	}
	if in.Handle == "" {
		return nil, apperr.Invalid("channel.handle_required", "handle", "a channel needs a handle or name")
	}
	if len([]rune(in.Handle)) > 100 {
		return nil, apperr.Invalid("channel.handle_too_long", "handle", "the handle is too long").With("max", 100)
	}
	if in.Color != "" && !colorRe.MatchString(in.Color) {
		return nil, apperr.Invalid("channel.color_invalid", "color", "colour must look like #1c7ed6")
	}
	if math.IsNaN(in.Cadence) || in.Cadence < 0 || in.Cadence > MaxCadence {
		return nil, apperr.Invalid("channel.cadence_invalid", "cadence", "posts per week must be between 0 and 100").With("max", MaxCadence)
	}
	if in.OwnerID != "" {
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM members WHERE id = ? AND deleted_at IS NULL", in.OwnerID).Scan(&n).Error; err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, apperr.Invalid("channel.owner_unknown", "ownerId", "the owner is not on the team")
		}
	}
	return map[string]any{"network": in.Network, "handle": in.Handle, "color": strings.ToLower(in.Color),
		"owner_id": in.OwnerID, "cadence": in.Cadence}, nil
}
