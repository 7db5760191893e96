// Package networks lists the social networks Postdeck knows and their limits.
// The limits are data shared by the post editor and the style-guide checker.
package networks

// Network is one social network.
type Network struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// CharLimit is the longest post text the network accepts (0: no limit
	// known), in Counting units.
	CharLimit int `json:"charLimit"`
	// Counting says how the network counts a text (CountChars, CountWeighted
	// or CountGraphemes; "" counts code points), so the editor's live count
	// agrees with the checker.
	Counting string `json:"counting"`
	// MaxHashtags and MaxTopicTags are the most hashtags and topic tags a
	// post may carry (0: no limit known).
	MaxHashtags  int `json:"maxHashtags"`
	MaxTopicTags int `json:"maxTopicTags"`
}

// all lists the networks in display order; CharLimit comes from the limits
// table (limits.json), the one place the figures live.
var all = withCharLimits([]Network{
	{ID: "instagram", Name: "Instagram"},
	{ID: "facebook", Name: "Facebook"},
	{ID: "x", Name: "X"},
	{ID: "linkedin", Name: "LinkedIn"},
	{ID: "tiktok", Name: "TikTok"},
	{ID: "youtube", Name: "YouTube"},
	{ID: "threads", Name: "Threads"},
	{ID: "pinterest", Name: "Pinterest"},
	{ID: "bluesky", Name: "Bluesky"},
	{ID: "mastodon", Name: "Mastodon"},
	{ID: "other", Name: "Other"},
})

func withCharLimits(ns []Network) []Network {
	return applyLimits(ns, builtin)
}

func applyLimits(ns []Network, ls []Limit) []Network {
	for i := range ns {
		if l, ok := LimitFor(ls, ns[i].ID); ok {
			ns[i].CharLimit, ns[i].Counting = l.MaxChars, l.Counting
			ns[i].MaxHashtags, ns[i].MaxTopicTags = l.MaxHashtags, l.MaxTopicTags
		}
	}
	return ns
}

// WithLimits returns every known network with its figures taken from ls (the
// workspace's effective limits) instead of the built-in table.
func WithLimits(ls []Limit) []Network {
	ns := make([]Network, len(all))
	for i, n := range all {
		ns[i] = Network{ID: n.ID, Name: n.Name}
	}
	return applyLimits(ns, ls)
}

// All returns every known network in display order.
func All() []Network {
	return append([]Network(nil), all...)
}

// Get returns the network with id.
func Get(id string) (Network, bool) {
	for _, n := range all {
		if n.ID == id {
			return n, true
		}
	}
	return Network{}, false
}
