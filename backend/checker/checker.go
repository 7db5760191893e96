// Package checker lints a post's text against the workspace's style guide and
// the network's limits. It is pure: no database, no Wails, no gorm. The
// window (live, as people type), the approval gate and the CLI all call it, so
// they agree on what is wrong. A Checker is built once per guide (Compile) and
// then checks any number of texts; it is safe for concurrent use.
package checker

import (
	"postdeck/backend/networks"
)

// Severity says how much a finding matters: errors block approval, warnings
// need an acknowledgement, infos are hints.
type Severity string

// The severities a finding can have.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Fix replaces a finding's span with Replacement.
type Fix struct {
	Replacement string `json:"replacement"`
}

// Finding is one thing wrong with a text.
type Finding struct {
	// Rule is a stable rule id, e.g. "banned:<entry id>", "name:<id>",
	// "length", "hashtags.max".
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// Code is the message code: the i18n key under "checks." in the locale files.
	Code   string         `json:"code"`
	Params map[string]any `json:"params"`
	// Start and End are byte offsets into Input.Text.
	Start int `json:"start"`
	End   int `json:"end"`
	// From16 and To16 are the same span in UTF-16 code units, for the editor.
	From16 int  `json:"from16"`
	To16   int  `json:"to16"`
	Fix    *Fix `json:"fix,omitempty"`
}

// Name is a brand, product or service name: its right spelling and wrong
// variants ("Kopi Nusantara", not "kopi nusantara" or "KopiNusantara").
// Case variants of Right are found without listing them.
type Name struct {
	ID, Right string
	Wrong     []string
}

// Term is what the brand calls something (its customers): the preferred term
// and the discouraged ones.
type Term struct {
	ID, Preferred string
	Discouraged   []string
}

// Banned is a banned word or phrase with the reason and a suggested
// replacement. Severity defaults to error.
type Banned struct {
	ID, Phrase, Reason, Replacement string
	Severity                        Severity
}

// RequiredHashtag must appear in posts of the channel and campaign ("" means
// every channel or campaign).
type RequiredHashtag struct {
	ID, Tag, ChannelID, CampaignID string
}

// BannedHashtag must not appear.
type BannedHashtag struct {
	ID, Tag, Reason string
}

// Emoji policy modes.
const (
	EmojiAllowed = "allowed"
	EmojiMax     = "max"
	EmojiNone    = "none"
)

// EmojiPolicy limits emoji: Mode is "allowed", "max" (at most Max) or "none".
type EmojiPolicy struct {
	Mode string
	Max  int
}

// Disclosure requires a post labelled Label to carry one of Tags (a paid
// post needs #ad or #iklan).
type Disclosure struct {
	ID, Label string
	Tags      []string
}

// Guide is the snapshot of the style guide the checker needs.
type Guide struct {
	Names            []Name
	Terms            []Term
	Banned           []Banned
	RequiredHashtags []RequiredHashtag
	BannedHashtags   []BannedHashtag
	// MaxHashtags is the guide's own ceiling per network id ("" for every
	// network without its own); the lower of it and the network's limit
	// applies.
	MaxHashtags map[string]int
	// Emoji is the policy per network id; "" applies to every network
	// without its own.
	Emoji       map[string]EmojiPolicy
	Disclosures []Disclosure
	// RatingCeiling is the workspace's highest content rating: "G", "PG",
	// "PG-13", or "" for none. ChannelRatingCeilings override it per channel.
	RatingCeiling         string
	ChannelRatingCeilings map[string]string
}

// Input is one channel variant of a post.
type Input struct {
	Text, Network, ChannelID, CampaignID, Rating string
	Labels                                       []string
}

// Checker checks texts against one compiled guide and table of limits.
type Checker struct {
	guide   Guide
	limits  []networks.Limit
	phrases *phraseSet
	hashtag hashtagRules
}

// Compile builds the matchers for g and limits once; Check then runs without
// rebuilding anything. It fails on a guide entry that cannot match anything
// (an empty phrase or name).
func Compile(g Guide, limits []networks.Limit) (*Checker, error) {
	ps, err := compilePhrases(g)
	if err != nil {
		return nil, err
	}
	return &Checker{
		guide:   g,
		limits:  append([]networks.Limit(nil), limits...),
		phrases: ps,
		hashtag: compileHashtags(g),
	}, nil
}

// Check returns the findings for in, sorted by Start, then Rule.
func (c *Checker) Check(in Input) []Finding {
	t := newText(in.Text)
	var fs []Finding
	fs = c.phrases.find(t, fs)
	fs = c.checkLength(t, in, fs)
	fs = c.checkHashtags(t, in, fs)
	fs = c.checkEmoji(t, in, fs)
	fs = c.checkRating(in, fs)
	fs = c.checkDisclosures(t, in, fs)
	t.finish(fs)
	return fs
}
