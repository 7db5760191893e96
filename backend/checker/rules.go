package checker

import (
	"strings"

	"github.com/rivo/uniseg"

	"postdeck/backend/networks"
)

// Message codes: each is the i18n key "checks.<code>" in the window's locale
// files and the CLI's messages.
const (
	CodeBannedPhrase       string = "banned_phrase"
	CodeNameSpelling       string = "name_spelling"
	CodeTermDiscouraged    string = "term_discouraged"
	CodeOverLimit          string = "over_limit"
	CodeTooManyHashtags    string = "too_many_hashtags"
	CodeTooManyTopicTags   string = "too_many_topic_tags"
	CodeHashtagBanned      string = "hashtag_banned"
	CodeHashtagRequired    string = "hashtag_required"
	CodeEmojiNotAllowed    string = "emoji_not_allowed"
	CodeTooManyEmoji       string = "too_many_emoji"
	CodeRatingAboveCeiling string = "rating_above_ceiling"
	CodeRatingUnknown      string = "rating_unknown"
	CodeDisclosureMissing  string = "disclosure_missing"
)

// Codes lists every message code Check can emit, for the tests that keep the
// locale files complete.
func Codes() []string {
	return []string{
		CodeBannedPhrase, CodeNameSpelling, CodeTermDiscouraged, CodeOverLimit,
		CodeTooManyHashtags, CodeTooManyTopicTags, CodeHashtagBanned, CodeHashtagRequired,
		CodeEmojiNotAllowed, CodeTooManyEmoji, CodeRatingAboveCeiling, CodeRatingUnknown,
		CodeDisclosureMissing,
	}
}

// checkLength flags a text longer than its network accepts, underlining the
// part past the limit.
func (c *Checker) checkLength(t *text, in Input, fs []Finding) []Finding {
	l, ok := networks.LimitFor(c.limits, in.Network)
	if !ok || l.MaxChars <= 0 {
		return fs
	}
	n, at := networks.MeasureWithURLs(t.s, l.Counting, l.MaxChars, t.urls)
	if at < 0 {
		return fs
	}
	return append(fs, Finding{
		Rule: "length", Severity: SeverityError, Code: CodeOverLimit,
		Params: map[string]any{"count": n, "limit": l.MaxChars, "network": in.Network},
		Start:  at, End: len(t.s),
	})
}

// hashtagRules are the guide's hashtag entries folded once.
type hashtagRules struct {
	banned   map[string][]int // folded tag -> indexes into Guide.BannedHashtags
	required []string         // folded, per Guide.RequiredHashtags
}

func compileHashtags(g Guide) hashtagRules {
	h := hashtagRules{banned: map[string][]int{}}
	for i, b := range g.BannedHashtags {
		k := fold(strings.TrimPrefix(strings.TrimSpace(b.Tag), "#"))
		h.banned[k] = append(h.banned[k], i)
	}
	for _, r := range g.RequiredHashtags {
		h.required = append(h.required, fold(strings.TrimPrefix(strings.TrimSpace(r.Tag), "#")))
	}
	return h
}

func (c *Checker) checkHashtags(t *text, in Input, fs []Finding) []Finding {
	g := &c.guide
	for _, h := range t.hashtags {
		for _, i := range c.hashtag.banned[h.key] {
			b := g.BannedHashtags[i]
			fs = append(fs, Finding{
				Rule: "hashtag.banned:" + b.ID, Severity: SeverityError, Code: CodeHashtagBanned,
				Params: map[string]any{"tag": "#" + h.name, "reason": b.Reason},
				Start:  h.start, End: h.end,
			})
		}
	}
	for i, r := range g.RequiredHashtags {
		if (r.ChannelID != "" && r.ChannelID != in.ChannelID) || (r.CampaignID != "" && r.CampaignID != in.CampaignID) {
			continue
		}
		if hasTag(t, c.hashtag.required[i]) {
			continue
		}
		tagText := "#" + strings.TrimPrefix(strings.TrimSpace(r.Tag), "#")
		sep := " "
		if t.s == "" || strings.HasSuffix(t.s, " ") || strings.HasSuffix(t.s, "\n") {
			sep = ""
		}
		fs = append(fs, Finding{
			Rule: "hashtag.required:" + r.ID, Severity: SeverityWarning, Code: CodeHashtagRequired,
			Params: map[string]any{"tag": tagText},
			Start:  len(t.s), End: len(t.s),
			Fix: &Fix{Replacement: sep + tagText},
		})
	}
	l, _ := networks.LimitFor(c.limits, in.Network)
	max := l.MaxHashtags
	own, ok := g.MaxHashtags[in.Network]
	if !ok {
		own, ok = g.MaxHashtags[""] // the guide's ceiling for every network
	}
	if ok && own > 0 && (max == 0 || own < max) {
		max = own
	}
	if max > 0 && len(t.hashtags) > max {
		fs = append(fs, Finding{
			Rule: "hashtags.max", Severity: SeverityError, Code: CodeTooManyHashtags,
			Params: map[string]any{"count": len(t.hashtags), "limit": max},
			Start:  t.hashtags[max].start, End: t.hashtags[len(t.hashtags)-1].end,
		})
	}
	if l.MaxTopicTags > 0 && len(t.hashtags) > l.MaxTopicTags {
		fs = append(fs, Finding{
			Rule: "topics.max", Severity: SeverityError, Code: CodeTooManyTopicTags,
			Params: map[string]any{"count": len(t.hashtags), "limit": l.MaxTopicTags},
			Start:  t.hashtags[l.MaxTopicTags].start, End: t.hashtags[len(t.hashtags)-1].end,
		})
	}
	return fs
}

// HasHashtag reports whether text has the hashtag tag (with or without its
// #) the way the checker counts hashtags: the whole tag, whatever its case,
// wherever a hashtag can start ("(#kopi)", "#kopi," or "#KOPI"), and not
// a longer tag ("#kopisusu") nor a # inside a link or word.
func HasHashtag(text, tag string) bool {
	return hasTag(newText(text), fold(strings.TrimPrefix(strings.TrimSpace(tag), "#")))
}

func hasTag(t *text, key string) bool {
	for _, h := range t.hashtags {
		if h.key == key {
			return true
		}
	}
	return false
}

// checkEmoji applies the network's emoji policy (or the guide's policy for
// every network). Each emoji with its skin tone or joined family is one.
func (c *Checker) checkEmoji(t *text, in Input, fs []Finding) []Finding {
	p, ok := c.guide.Emoji[in.Network]
	if !ok {
		p, ok = c.guide.Emoji[""]
	}
	if !ok || p.Mode == "" || p.Mode == EmojiAllowed {
		return fs
	}
	if p.Mode == EmojiMax && p.Max < 0 {
		return fs
	}
	var spans [][2]int
	state := -1
	for pos := 0; pos < len(t.s); {
		var cl string
		cl, _, _, state = uniseg.FirstGraphemeClusterInString(t.s[pos:], state)
		if networks.IsEmoji(cl) {
			spans = append(spans, [2]int{pos, pos + len(cl)})
		}
		pos += len(cl)
	}
	switch p.Mode {
	case EmojiNone:
		for _, sp := range spans {
			fs = append(fs, Finding{
				Rule: "emoji.none", Severity: SeverityWarning, Code: CodeEmojiNotAllowed,
				Params: map[string]any{"emoji": t.s[sp[0]:sp[1]]},
				Start:  sp[0], End: sp[1], Fix: &Fix{Replacement: ""},
			})
		}
	case EmojiMax:
		if len(spans) > p.Max {
			fs = append(fs, Finding{
				Rule: "emoji.max", Severity: SeverityWarning, Code: CodeTooManyEmoji,
				Params: map[string]any{"count": len(spans), "limit": p.Max},
				Start:  spans[p.Max][0], End: spans[len(spans)-1][1],
			})
		}
	}
	return fs
}

// ratingRank orders content ratings; a rating not listed is unknown.
var ratingRank = map[string]int{"G": 1, "PG": 2, "PG-13": 3, "R": 4, "NC-17": 5}

// checkRating compares the post's rating with its channel's ceiling, or the
// workspace's when the channel has none.
func (c *Checker) checkRating(in Input, fs []Finding) []Finding {
	rating := strings.ToUpper(strings.TrimSpace(in.Rating))
	if rating == "" {
		return fs
	}
	ceiling := c.guide.ChannelRatingCeilings[in.ChannelID]
	if ceiling == "" {
		ceiling = c.guide.RatingCeiling
	}
	ceiling = strings.ToUpper(strings.TrimSpace(ceiling))
	r, known := ratingRank[rating]
	if !known {
		return append(fs, Finding{
			Rule: "rating", Severity: SeverityWarning, Code: CodeRatingUnknown,
			Params: map[string]any{"rating": in.Rating},
		})
	}
	if max, ok := ratingRank[ceiling]; ok && r > max {
		fs = append(fs, Finding{
			Rule: "rating", Severity: SeverityError, Code: CodeRatingAboveCeiling,
			Params: map[string]any{"rating": rating, "ceiling": ceiling},
		})
	}
	return fs
}

// checkDisclosures requires a labelled post (paid, partnership) to carry one
// of its disclosure tags, as a hashtag or as words.
func (c *Checker) checkDisclosures(t *text, in Input, fs []Finding) []Finding {
	for _, d := range c.guide.Disclosures {
		if !hasLabel(in.Labels, d.Label) || len(d.Tags) == 0 {
			continue
		}
		found := false
		for _, tg := range d.Tags {
			tg = strings.TrimSpace(tg)
			if strings.HasPrefix(tg, "#") {
				found = hasTag(t, fold(tg[1:]))
			} else if tg != "" {
				found = containsWord(t, fold(tg))
			}
			if found {
				break
			}
		}
		if found {
			continue
		}
		fix := ""
		if tg := strings.TrimSpace(d.Tags[0]); tg != "" {
			fix = tg
			if t.s != "" && !strings.HasSuffix(t.s, " ") && !strings.HasSuffix(t.s, "\n") {
				fix = " " + tg
			}
		}
		f := Finding{
			Rule: "disclosure:" + d.ID, Severity: SeverityError, Code: CodeDisclosureMissing,
			Params: map[string]any{"label": d.Label, "tags": strings.Join(d.Tags, ", ")},
			Start:  len(t.s), End: len(t.s),
		}
		if fix != "" {
			f.Fix = &Fix{Replacement: fix}
		}
		fs = append(fs, f)
	}
	return fs
}

func hasLabel(labels []string, want string) bool {
	for _, l := range labels {
		if strings.EqualFold(strings.TrimSpace(l), strings.TrimSpace(want)) {
			return true
		}
	}
	return false
}

// containsWord reports whether the folded phrase occurs in t as whole words.
func containsWord(t *text, phrase string) bool {
	f := string(t.folded)
	for from := 0; ; {
		i := strings.Index(f[from:], phrase)
		if i < 0 {
			return false
		}
		s := from + i
		if t.atBoundaries(int(t.orig[s]), int(t.orig[s+len(phrase)])) {
			return true
		}
		from = s + 1
	}
}
