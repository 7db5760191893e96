package styleguide

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"postdeck/backend/apperr"
	"postdeck/backend/checker"
	"postdeck/backend/networks"
)

// checkerCache keeps the compiled checker until the guide or the network
// limits change.
type checkerCache struct {
	seq     int64  // newest change seq when the key was computed
	hash    string // of the guide and limits the checker was compiled from
	checker *checker.Checker
}

// SetLimits gives the service the workspace's network limits (the built-in
// table with the workspace's overrides); without it the checker uses the
// built-in table.
func (s *Service) SetLimits(fn func(ctx context.Context) ([]networks.Limit, error)) { s.limits = fn }

// Guide returns a snapshot of the guide as the checker reads it.
func (s *Service) Guide(ctx context.Context) (checker.Guide, error) {
	entries, err := s.Entries(ctx)
	if err != nil {
		return checker.Guide{}, err
	}
	return toChecker(entries), nil
}

// toChecker turns entries into the checker's guide. Sections the checker
// does not read (tone, branding, usage) are for people.
func toChecker(entries []Entry) checker.Guide {
	g := checker.Guide{MaxHashtags: map[string]int{}, Emoji: map[string]checker.EmojiPolicy{}, ChannelRatingCeilings: map[string]string{}}
	for _, e := range entries {
		switch e.Section {
		case Names:
			g.Names = append(g.Names, checker.Name{ID: e.ID, Right: e.Text, Wrong: e.Variants})
		case Terms:
			g.Terms = append(g.Terms, checker.Term{ID: e.ID, Preferred: e.Text, Discouraged: e.Variants})
		case Banned:
			g.Banned = append(g.Banned, checker.Banned{ID: e.ID, Phrase: e.Text, Reason: e.Reason, Replacement: e.Replacement,
				Severity: checker.Severity(e.Severity)})
		case Hashtags:
			switch e.Kind {
			case "required":
				g.RequiredHashtags = append(g.RequiredHashtags, checker.RequiredHashtag{ID: e.ID, Tag: e.Text, ChannelID: e.ChannelID, CampaignID: e.CampaignID})
			case "banned":
				g.BannedHashtags = append(g.BannedHashtags, checker.BannedHashtag{ID: e.ID, Tag: e.Text, Reason: e.Reason})
			case "limit":
				g.MaxHashtags[e.Network] = e.Max
			}
		case Emoji:
			g.Emoji[e.Network] = checker.EmojiPolicy{Mode: e.Mode, Max: e.Max}
		case Disclosures:
			g.Disclosures = append(g.Disclosures, checker.Disclosure{ID: e.ID, Label: e.Label, Tags: e.Variants})
		case Rating:
			if e.ChannelID == "" {
				g.RatingCeiling = e.Rating
			} else {
				g.ChannelRatingCeilings[e.ChannelID] = e.Rating
			}
		}
	}
	return g
}

// Check lints one channel variant against the guide and the workspace's
// network limits. The compiled checker is reused until either changes:
// every synced write adds to the change log, so an unchanged newest seq
// means nothing changed; when it moved, the guide and limits are read
// again and compiled only if they differ from what the checker was built
// from (a teammate's post edit does not recompile anything).
func (s *Service) Check(ctx context.Context, in checker.Input) ([]checker.Finding, error) {
	c, err := s.Compiled(ctx)
	if err != nil {
		return nil, err
	}
	return c.Check(in), nil
}

// Compiled returns the checker compiled from the guide and limits as they
// are now, for a caller that checks many texts at once (the calendar's
// markers on a month): Check looks at the change log on every call to know
// its checker is current; with Compiled that look is made once for all.
func (s *Service) Compiled(ctx context.Context) (*checker.Checker, error) {
	var seq int64
	if err := s.st.DB().WithContext(ctx).Raw("SELECT COALESCE(MAX(seq), 0) FROM changes").Scan(&seq).Error; err != nil {
		return nil, apperr.Internal(err)
	}
	s.mu.Lock()
	if s.cache.checker != nil && s.cache.seq == seq {
		c := s.cache.checker
		s.mu.Unlock()
		return c, nil
	}
	s.mu.Unlock()
	g, err := s.Guide(ctx)
	if err != nil {
		return nil, err
	}
	limits := networks.Limits()
	if s.limits != nil {
		if limits, err = s.limits(ctx); err != nil {
			return nil, err
		}
	}
	raw, _ := json.Marshal(struct {
		G checker.Guide
		L []networks.Limit
	}{g, limits})
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cache.checker != nil && s.cache.hash == hash {
		s.cache.seq = seq
		return s.cache.checker, nil
	}
	c, err := checker.Compile(g, limits)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	s.cache = checkerCache{seq: seq, hash: hash, checker: c}
	s.compiles++
	return c, nil
}
