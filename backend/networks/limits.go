package networks

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// Counting modes: how a network counts the length of a text.
const (
	// CountChars counts Unicode code points.
	CountChars = "chars"
	// CountWeighted counts as X's twitter-text does: most Latin text weighs
	// 1, CJK and emoji weigh 2 and every URL counts 23.
	CountWeighted = "weighted"
	// CountGraphemes counts user-perceived characters (grapheme clusters).
	CountGraphemes = "graphemes"
)

// Limit is what one network accepts. Zero numbers mean "no limit known".
type Limit struct {
	Network string `json:"network"`
	// MaxChars is the longest post text (caption, description) in Counting units.
	MaxChars int `json:"maxChars"`
	// Counting is CountChars, CountWeighted or CountGraphemes.
	Counting string `json:"counting"`
	// MaxHashtags is the most hashtags a post may carry.
	MaxHashtags int `json:"maxHashtags"`
	// MaxTopicTags is the most topic tags (Threads) a post may carry.
	MaxTopicTags int `json:"maxTopicTags"`
	// TitleMax and DescriptionMax apply to networks whose posts have a title.
	TitleMax       int `json:"titleMax"`
	DescriptionMax int `json:"descriptionMax"`
	// Source says where the figures come from (document and date), so a
	// team can check them when a network changes its rules.
	Source string `json:"source"`
}

//go:embed limits.json
var limitsJSON []byte

// builtin is parsed once at start-up: the table is part of the binary, so
// a broken table is a programming error caught by every test run.
var builtin = mustParseLimits(limitsJSON)

func mustParseLimits(b []byte) []Limit {
	var ls []Limit
	if err := json.Unmarshal(b, &ls); err != nil {
		panic(fmt.Sprintf("networks: limits.json: %v", err))
	}
	return ls
}

// Limits returns the built-in limits of every network that has some.
func Limits() []Limit {
	return append([]Limit(nil), builtin...)
}

// LimitFor returns the limits of network id within ls.
func LimitFor(ls []Limit, id string) (Limit, bool) {
	for _, l := range ls {
		if l.Network == id {
			return l, true
		}
	}
	return Limit{}, false
}

// Merge returns base with overrides applied: for an override of a network in
// base, every non-zero number and a non-empty counting or source replace the
// base value (zero keeps the default, so an override can change one figure).
// Overrides of networks not in base are added. Neither input is modified.
func Merge(base []Limit, overrides []Limit) []Limit {
	out := append([]Limit(nil), base...)
	for _, o := range overrides {
		i := -1
		for j := range out {
			if out[j].Network == o.Network {
				i = j
				break
			}
		}
		if i < 0 {
			out = append(out, o)
			continue
		}
		l := &out[i]
		setInt(&l.MaxChars, o.MaxChars)
		setInt(&l.MaxHashtags, o.MaxHashtags)
		setInt(&l.MaxTopicTags, o.MaxTopicTags)
		setInt(&l.TitleMax, o.TitleMax)
		setInt(&l.DescriptionMax, o.DescriptionMax)
		if o.Counting != "" {
			l.Counting = o.Counting
		}
		if o.Source != "" {
			l.Source = o.Source
		}
	}
	return out
}

func setInt(dst *int, v int) {
	if v > 0 {
		*dst = v
	}
}
