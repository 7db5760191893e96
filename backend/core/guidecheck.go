package core

import (
	"context"
	"sync"

	"postdeck/backend/apperr"
	"postdeck/backend/store"
	"postdeck/backend/styleguide"
)

// guideChecker is the calendar's checker (calendar.Checker): the style
// guide's own Check, which keeps the compiled guide between calls, and the
// rating ceilings the editor shows beside a post's rating, kept until synced
// data changes (reading the whole guide on every keystroke cost about 20 ms
// of the editor's 50).
type guideChecker struct {
	*styleguide.Service
	st *store.Store

	mu       sync.Mutex
	seq      int64
	read     bool
	all      string
	channels map[string]string
}

func newGuideChecker(guide *styleguide.Service, st *store.Store) *guideChecker {
	return &guideChecker{Service: guide, st: st}
}

// RatingCeilings returns the workspace's highest content rating and each
// channel's own ("" where the guide sets none).
func (g *guideChecker) RatingCeilings(ctx context.Context) (string, map[string]string, error) {
	var seq int64
	if err := g.st.DB().WithContext(ctx).Raw("SELECT COALESCE(MAX(seq), 0) FROM changes").Scan(&seq).Error; err != nil {
		return "", nil, apperr.Internal(err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.read && g.seq == seq {
		return g.all, g.channels, nil
	}
	guide, err := g.Guide(ctx)
	if err != nil {
		return "", nil, err
	}
	g.read, g.seq, g.all, g.channels = true, seq, guide.RatingCeiling, guide.ChannelRatingCeilings
	return g.all, g.channels, nil
}
