// Package networks lists the social networks Postdeck knows and their limits.
// The limits are data shared by the post editor and the style-guide checker.
package networks

// Network is one social network.
type Network struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// CharLimit is the longest post text the network accepts (0: no limit known).
	CharLimit int `json:"charLimit"`
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
	for i := range ns {
		if l, ok := LimitFor(builtin, ns[i].ID); ok {
			ns[i].CharLimit = l.MaxChars
		}
	}
	return ns
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
