package core

import (
	"context"
	"sync"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/checker"
	"postdeck/backend/store"
	"postdeck/backend/styleguide"
	"postdeck/backend/workspace"
)

// guideChecker checks texts against the workspace's style guide and network
// limits for the calendar (calendar.Checker). The compiled checker is kept
// until synced data changes (the change log's newest seq moves), so the
// editor's checks and a month of markers compile the guide once.
type guideChecker struct {
	st         *store.Store
	styleguide *styleguide.Service
	ws         *workspace.Service

	mu    sync.Mutex
	seq   int64
	c     *checker.Checker
	guide checker.Guide
}

// checkerFor is the calendar's checker: the style guide's own when it has
// one (a Check method), else one compiled here from its entries.
func checkerFor(st *store.Store, guide *styleguide.Service, ws *workspace.Service) calendar.Checker {
	if own, ok := any(guide).(calendar.Checker); ok {
		return own
	}
	return &guideChecker{st: st, styleguide: guide, ws: ws, seq: -1}
}

// Check checks one channel's text.
func (g *guideChecker) Check(ctx context.Context, in checker.Input) ([]checker.Finding, error) {
	c, _, err := g.compiled(ctx)
	if err != nil {
		return nil, err
	}
	return c.Check(in), nil
}

// RatingCeiling is the highest content rating the guide allows on a channel
// ("" for none), for the editor's summary.
func (g *guideChecker) RatingCeiling(ctx context.Context, channelID string) (string, error) {
	_, guide, err := g.compiled(ctx)
	if err != nil {
		return "", err
	}
	if c := guide.ChannelRatingCeilings[channelID]; c != "" {
		return c, nil
	}
	return guide.RatingCeiling, nil
}

func (g *guideChecker) compiled(ctx context.Context) (*checker.Checker, checker.Guide, error) {
	var seq int64
	if err := g.st.DB().WithContext(ctx).Raw("SELECT COALESCE(MAX(seq), 0) FROM changes").Scan(&seq).Error; err != nil {
		return nil, checker.Guide{}, apperr.Internal(err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.c != nil && seq == g.seq {
		return g.c, g.guide, nil
	}
	entries, err := g.styleguide.Entries(ctx)
	if err != nil {
		return nil, checker.Guide{}, err
	}
	limits, err := g.ws.EffectiveLimits(ctx)
	if err != nil {
		return nil, checker.Guide{}, err
	}
	guide := guideOf(entries)
	c, err := checker.Compile(guide, limits)
	if err != nil {
		return nil, checker.Guide{}, apperr.Internal(err)
	}
	g.c, g.guide, g.seq = c, guide, seq
	return c, guide, nil
}

// guideOf is the checker's view of the style guide's entries. Entries the
// checker cannot use (an empty phrase) are left out rather than failing
// every check.
func guideOf(entries []styleguide.Entry) checker.Guide {
	g := checker.Guide{MaxHashtags: map[string]int{}, Emoji: map[string]checker.EmojiPolicy{}, ChannelRatingCeilings: map[string]string{}}
	for _, e := range entries {
		switch e.Section {
		case styleguide.Names:
			if e.Text != "" {
				g.Names = append(g.Names, checker.Name{ID: e.ID, Right: e.Text, Wrong: nonEmpty(e.Variants)})
			}
		case styleguide.Terms:
			if e.Text != "" {
				g.Terms = append(g.Terms, checker.Term{ID: e.ID, Preferred: e.Text, Discouraged: nonEmpty(e.Variants)})
			}
		case styleguide.Banned:
			if e.Text != "" {
				g.Banned = append(g.Banned, checker.Banned{ID: e.ID, Phrase: e.Text, Reason: e.Reason, Replacement: e.Replacement,
					Severity: checker.Severity(e.Severity)})
			}
		case styleguide.Hashtags:
			switch e.Kind {
			case "required":
				if e.Text != "" {
					g.RequiredHashtags = append(g.RequiredHashtags, checker.RequiredHashtag{ID: e.ID, Tag: e.Text, ChannelID: e.ChannelID, CampaignID: e.CampaignID})
				}
			case "banned":
				if e.Text != "" {
					g.BannedHashtags = append(g.BannedHashtags, checker.BannedHashtag{ID: e.ID, Tag: e.Text, Reason: e.Reason})
				}
			case "limit":
				if e.Network != "" {
					g.MaxHashtags[e.Network] = e.Max
				}
			}
		case styleguide.Emoji:
			g.Emoji[e.Network] = checker.EmojiPolicy{Mode: e.Mode, Max: e.Max}
		case styleguide.Disclosures:
			if e.Label != "" && len(nonEmpty(e.Variants)) > 0 {
				g.Disclosures = append(g.Disclosures, checker.Disclosure{ID: e.ID, Label: e.Label, Tags: nonEmpty(e.Variants)})
			}
		case styleguide.Rating:
			if e.ChannelID == "" {
				g.RatingCeiling = e.Rating
			} else {
				g.ChannelRatingCeilings[e.ChannelID] = e.Rating
			}
		}
	}
	return g
}

func nonEmpty(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
