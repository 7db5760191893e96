package calendar

import (
	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/networks"
	"postdeck/backend/workspace"
)

// checkReadyForReview refuses to submit or approve a post that cannot go
// out as it is: a dated post on no channel, or a text longer than one of its
// networks accepts. The error names the channel, so the author knows which
// text to shorten.
func checkReadyForReview(db *gorm.DB, p Post) error {
	if p.Date != "" && len(p.Channels) == 0 {
		return apperr.Invalid("post.review_needs_channel", "channels", "pick at least one channel before submitting a dated post")
	}
	chans, err := listChannels(db)
	if err != nil {
		return apperr.Internal(err)
	}
	// The workspace's limits, counted as each network counts (X weighs CJK
	// and emoji double and links as 23), as the editor's counter and the
	// checker do, so the window and the backend agree on what is too long.
	limits, err := workspace.EffectiveLimitsIn(db)
	if err != nil {
		return err
	}
	for _, id := range p.Channels {
		for _, c := range chans {
			if c.ID != id {
				continue
			}
			net, ok := networks.Get(c.Network)
			lim, limited := networks.LimitFor(limits, c.Network)
			if !ok || !limited || lim.MaxChars == 0 {
				continue
			}
			text, own := p.Variants[id]
			if !own {
				text = p.Body
			}
			if n := networks.Count(text, lim.Counting); n > lim.MaxChars {
				return apperr.Invalid("post.over_limit", "body", "the text is longer than the network accepts").
					With("channel", net.Name+" "+c.Handle).With("count", n).With("limit", lim.MaxChars)
			}
		}
	}
	return nil
}
