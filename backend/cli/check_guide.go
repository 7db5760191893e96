package cli

import (
	"github.com/spf13/cobra"

	"postdeck/backend/checker"
	"postdeck/backend/core"
	"postdeck/backend/styleguide"
)

// workspaceGuide returns the workspace's style guide as the checker reads it
// and what the check covers ("styleguide": the guide and the network's
// limits).
func workspaceGuide(cmd *cobra.Command, ws *core.Workspace) (checker.Guide, string, error) {
	entries, err := ws.StyleGuide.Entries(cmd.Context())
	if err != nil {
		return checker.Guide{}, "", err
	}
	return guideOf(entries), "styleguide", nil
}

// guideOf turns the guide's entries into the checker's guide. Tone,
// branding and usage are guidance for people, not rules the checker reads.
func guideOf(entries []styleguide.Entry) checker.Guide {
	g := checker.Guide{MaxHashtags: map[string]int{}, Emoji: map[string]checker.EmojiPolicy{}, ChannelRatingCeilings: map[string]string{}}
	for _, e := range entries {
		switch e.Section {
		case styleguide.Names:
			g.Names = append(g.Names, checker.Name{ID: e.ID, Right: e.Text, Wrong: e.Variants})
		case styleguide.Terms:
			g.Terms = append(g.Terms, checker.Term{ID: e.ID, Preferred: e.Text, Discouraged: e.Variants})
		case styleguide.Banned:
			g.Banned = append(g.Banned, checker.Banned{ID: e.ID, Phrase: e.Text, Reason: e.Reason, Replacement: e.Replacement,
				Severity: checker.Severity(e.Severity)})
		case styleguide.Hashtags:
			switch e.Kind {
			case "required":
				g.RequiredHashtags = append(g.RequiredHashtags, checker.RequiredHashtag{ID: e.ID, Tag: e.Text, ChannelID: e.ChannelID, CampaignID: e.CampaignID})
			case "banned":
				g.BannedHashtags = append(g.BannedHashtags, checker.BannedHashtag{ID: e.ID, Tag: e.Text, Reason: e.Reason})
			case "limit":
				g.MaxHashtags[e.Network] = e.Max
			}
		case styleguide.Emoji:
			g.Emoji[e.Network] = checker.EmojiPolicy{Mode: e.Mode, Max: e.Max}
		case styleguide.Disclosures:
			g.Disclosures = append(g.Disclosures, checker.Disclosure{ID: e.ID, Label: e.Label, Tags: e.Variants})
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
