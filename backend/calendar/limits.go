package calendar

import (
	"github.com/rivo/uniseg"
	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/networks"
)

// textLength counts characters as people see them (an emoji with its
// modifiers is one), as the editor's counter does, so the window and the
// backend agree on what is over a limit.
func textLength(text string) int { return uniseg.GraphemeClusterCount(text) }

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
	for _, id := range p.Channels {
		for _, c := range chans {
			if c.ID != id {
				continue
			}
			net, ok := networks.Get(c.Network)
			if !ok || net.CharLimit == 0 {
				continue
			}
			text, own := p.Variants[id]
			if !own {
				text = p.Body
			}
			if n := textLength(text); n > net.CharLimit {
				return apperr.Invalid("post.over_limit", "body", "the text is longer than the network accepts").
					With("channel", net.Name+" "+c.Handle).With("count", n).With("limit", net.CharLimit)
			}
		}
	}
	return nil
}
