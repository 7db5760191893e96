package core

import (
	"context"

	"postdeck/backend/styleguide"
)

// guideChecker is the calendar's checker (calendar.Checker): the style
// guide's own Check, which keeps the compiled guide between calls, and the
// rating ceilings the editor shows beside a post's rating.
type guideChecker struct{ *styleguide.Service }

// RatingCeilings returns the workspace's highest content rating and each
// channel's own ("" where the guide sets none).
func (g guideChecker) RatingCeilings(ctx context.Context) (string, map[string]string, error) {
	guide, err := g.Guide(ctx)
	if err != nil {
		return "", nil, err
	}
	return guide.RatingCeiling, guide.ChannelRatingCeilings, nil
}
