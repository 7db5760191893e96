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

var all = []Network{
	{"instagram", "Instagram", 2200},
	{"facebook", "Facebook", 63206},
	{"x", "X", 280},
	{"linkedin", "LinkedIn", 3000},
	{"tiktok", "TikTok", 2200},
	{"youtube", "YouTube", 5000},
	{"threads", "Threads", 500},
	{"pinterest", "Pinterest", 500},
	{"bluesky", "Bluesky", 300},
	{"mastodon", "Mastodon", 500},
	{"other", "Other", 0},
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
