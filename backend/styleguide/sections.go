package styleguide

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"postdeck/backend/apperr"
	"postdeck/backend/networks"
)

// Section is one part of the style guide.
type Section string

// The sections of a style guide, in the order they are shown and exported.
const (
	Names       Section = "names"       // brand, product and service names with wrong variants
	Terms       Section = "terms"       // what the brand calls its customers
	Tone        Section = "tone"        // overall and per network
	Rating      Section = "rating"      // content rating ceiling, workspace and per channel
	Branding    Section = "branding"    // watermark, border, signature, colours, logos
	Hashtags    Section = "hashtags"    // required, banned, most per network
	Banned      Section = "banned"      // banned words and phrases
	Emoji       Section = "emoji"       // emoji policy per network
	Disclosures Section = "disclosures" // required tags for paid and partnership posts
	Usage       Section = "usage"       // personal vs professional use guidelines
)

// Sections lists every section in display order.
var Sections = []Section{Names, Terms, Tone, Rating, Branding, Hashtags, Banned, Emoji, Disclosures, Usage}

// Allowed values of the enumerated fields.
var (
	Tones       = []string{"formal", "casual", "friendly", "funny", "technical"}
	Ratings     = []string{"G", "PG", "PG-13"}
	Severities  = []string{"error", "warning", "info"}
	EmojiModes  = []string{"allowed", "max", "none"}
	Labels      = []string{"paid", "partnership"}
	MarkerKinds = []string{"watermark", "border", "signature", "colour", "logo"}
	HashtagKind = []string{"required", "banned", "limit"}
	UsageKinds  = []string{"personal", "professional"}
)

// Field limits: generous for real guides, small enough that a hostile file
// cannot bloat every teammate's database.
const (
	maxShort    = 200  // a name, a term, a phrase, a hashtag
	maxLong     = 4000 // guidance, a guideline, a reason
	maxList     = 50   // variants, examples
	maxCount    = 1000 // most hashtags or emoji
	MaxEntries  = 5000 // in one guide
	maxFileName = 200
)

// Entry is one entry of the style guide. Which fields it uses depends on its
// section (see fieldsOf); the others stay empty.
type Entry struct {
	ID      string  `json:"id"`
	Section Section `json:"section"`
	// Kind: branding watermark|border|signature|colour|logo; hashtags
	// required|banned|limit; usage personal|professional.
	Kind string `json:"kind"`
	// Text is the right spelling (names), the preferred term (terms), the
	// phrase (banned), the hashtag (hashtags), the description (branding) or
	// the guideline (usage).
	Text string `json:"text"`
	// Variants are the wrong spellings (names), the discouraged terms
	// (terms) or the accepted tags (disclosures).
	Variants    []string `json:"variants"`
	Network     string   `json:"network"`    // '' = every network
	ChannelID   string   `json:"channelId"`  // '' = the whole workspace
	CampaignID  string   `json:"campaignId"` // required hashtags of one campaign
	Tone        string   `json:"tone"`
	Guidance    string   `json:"guidance"`
	Good        []string `json:"good"`
	Bad         []string `json:"bad"`
	Rating      string   `json:"rating"`
	Reason      string   `json:"reason"`
	Replacement string   `json:"replacement"`
	Severity    string   `json:"severity"`
	Mode        string   `json:"mode"`
	Max         int      `json:"max"`
	Color       string   `json:"color"`
	Label       string   `json:"label"`
	SHA256      string   `json:"sha256"`
	FileName    string   `json:"fileName"`
	Size        int64    `json:"size"`
	Mime        string   `json:"mime"`
	// Example is true for an entry of the example guide nobody edited yet.
	Example bool `json:"example"`
	// FileState is "here" or "pending" (a logo still travelling), "" for
	// entries without a file. Not stored.
	FileState string `json:"fileState,omitempty"`
}

// fieldsOf names the JSON fields each section uses (besides id), which is
// also what an imported file may hold.
var fieldsOf = map[Section][]string{
	Names:       {"text", "variants"},
	Terms:       {"text", "variants"},
	Tone:        {"network", "tone", "guidance", "good", "bad"},
	Rating:      {"channelId", "rating"},
	Branding:    {"kind", "text", "color", "sha256", "fileName", "size", "mime"},
	Hashtags:    {"kind", "text", "channelId", "campaignId", "network", "reason", "max"},
	Banned:      {"text", "reason", "replacement", "severity"},
	Emoji:       {"network", "mode", "max"},
	Disclosures: {"label", "variants"},
	Usage:       {"kind", "text"},
}

var (
	hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	shaRe    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// normalize trims and cleans an entry's fields and checks them for its
// section. The error names the field, in the user's words through its code.
func normalize(e Entry) (Entry, error) {
	if !slices.Contains(Sections, e.Section) {
		return e, apperr.Invalid("styleguide.section_unknown", "section", "unknown style guide section").With("section", string(e.Section))
	}
	clean := func(s string) string { return strings.TrimSpace(strings.ToValidUTF8(s, "")) }
	e.Kind, e.Text, e.Network, e.ChannelID, e.CampaignID = clean(e.Kind), clean(e.Text), clean(e.Network), clean(e.ChannelID), clean(e.CampaignID)
	e.Tone, e.Guidance, e.Rating, e.Reason, e.Replacement = clean(e.Tone), clean(e.Guidance), clean(e.Rating), clean(e.Reason), clean(e.Replacement)
	e.Severity, e.Mode, e.Color, e.Label, e.FileName, e.Mime = clean(e.Severity), clean(e.Mode), clean(e.Color), clean(e.Label), clean(e.FileName), clean(e.Mime)
	e.SHA256 = strings.ToLower(clean(e.SHA256))
	var err error
	if e.Variants, err = cleanList("variants", e.Variants, maxShort); err != nil {
		return e, err
	}
	if e.Good, err = cleanList("good", e.Good, maxLong); err != nil {
		return e, err
	}
	if e.Bad, err = cleanList("bad", e.Bad, maxLong); err != nil {
		return e, err
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"text", e.Text, maxLong}, {"guidance", e.Guidance, maxLong}, {"reason", e.Reason, maxLong},
		{"replacement", e.Replacement, maxShort}, {"fileName", e.FileName, maxFileName}, {"channelId", e.ChannelID, 64}, {"campaignId", e.CampaignID, 64}} {
		if utf8.RuneCountInString(f.value) > f.max {
			return e, apperr.Invalid("styleguide.too_long", f.name, "this field is too long").With("field", f.name).With("max", f.max)
		}
	}
	if e.Max < 0 || e.Max > maxCount {
		return e, apperr.Invalid("styleguide.max_out_of_range", "max", "the number is out of range").With("max", maxCount)
	}
	oneOf := func(field, value string, allowed []string) error {
		if !slices.Contains(allowed, value) {
			return apperr.Invalid("styleguide.value_unknown", field, "this value is not one of the allowed ones").
				With("field", field).With("value", value).With("allowed", strings.Join(allowed, ", "))
		}
		return nil
	}
	network := func(allowEmpty bool) error {
		if e.Network == "" && allowEmpty {
			return nil
		}
		if _, ok := networks.Get(e.Network); !ok {
			return apperr.Invalid("styleguide.network_unknown", "network", "unknown network").With("network", e.Network)
		}
		return nil
	}
	required := func(field, value string) error {
		if value == "" {
			return apperr.Invalid("styleguide.required", field, "this field is required").With("field", field)
		}
		return nil
	}
	shortText := func() error {
		if err := required("text", e.Text); err != nil {
			return err
		}
		if utf8.RuneCountInString(e.Text) > maxShort {
			return apperr.Invalid("styleguide.too_long", "text", "this field is too long").With("field", "text").With("max", maxShort)
		}
		return nil
	}
	switch e.Section {
	case Names, Terms:
		if err := shortText(); err != nil {
			return e, err
		}
		e.Variants = slices.DeleteFunc(e.Variants, func(v string) bool { return v == e.Text })
	case Tone:
		if err := network(true); err != nil {
			return e, err
		}
		if err := oneOf("tone", e.Tone, Tones); err != nil {
			return e, err
		}
	case Rating:
		if err := oneOf("rating", e.Rating, Ratings); err != nil {
			return e, err
		}
	case Branding:
		if err := oneOf("kind", e.Kind, MarkerKinds); err != nil {
			return e, err
		}
		switch e.Kind {
		case "colour":
			if !hexColor.MatchString(e.Color) {
				return e, apperr.Invalid("styleguide.color_invalid", "color", "a colour is written #RRGGBB").With("value", e.Color)
			}
			e.Color = strings.ToLower(e.Color)
		case "logo":
			if !shaRe.MatchString(e.SHA256) {
				return e, apperr.Invalid("styleguide.logo_missing", "sha256", "a logo needs its file")
			}
			if e.Size < 0 || e.Size > MaxLogoBytes {
				return e, apperr.Invalid("styleguide.logo_too_large", "size", "the logo file is too large").
					With("name", e.FileName).With("maxMB", MaxLogoBytes>>20)
			}
			if !strings.HasPrefix(e.Mime, "image/") || len(e.Mime) > 100 {
				return e, apperr.Invalid("styleguide.logo_not_image", "mime", "a logo must be an image").With("name", e.FileName)
			}
		default:
			if err := required("text", e.Text); err != nil {
				return e, err
			}
		}
	case Hashtags:
		if err := oneOf("kind", e.Kind, HashtagKind); err != nil {
			return e, err
		}
		if e.Kind == "limit" {
			if err := network(false); err != nil {
				return e, err
			}
			break
		}
		if err := shortText(); err != nil {
			return e, err
		}
		if !strings.HasPrefix(e.Text, "#") {
			e.Text = "#" + e.Text
		}
		if strings.ContainsFunc(e.Text[1:], func(r rune) bool { return r == '#' || r == ' ' || r == '\t' || r == '\n' }) || len(e.Text) < 2 {
			return e, apperr.Invalid("styleguide.hashtag_invalid", "text", "a hashtag is one word after #").With("value", e.Text)
		}
	case Banned:
		if err := shortText(); err != nil {
			return e, err
		}
		if e.Severity == "" {
			e.Severity = "warning"
		}
		if err := oneOf("severity", e.Severity, Severities); err != nil {
			return e, err
		}
	case Emoji:
		if err := network(true); err != nil {
			return e, err
		}
		if err := oneOf("mode", e.Mode, EmojiModes); err != nil {
			return e, err
		}
		if e.Mode != "max" {
			e.Max = 0
		}
	case Disclosures:
		if err := oneOf("label", e.Label, Labels); err != nil {
			return e, err
		}
		if len(e.Variants) == 0 {
			return e, apperr.Invalid("styleguide.required", "variants", "this field is required").With("field", "variants")
		}
	case Usage:
		if err := oneOf("kind", e.Kind, UsageKinds); err != nil {
			return e, err
		}
		if err := required("text", e.Text); err != nil {
			return e, err
		}
	}
	return blankUnused(e), nil
}

// blankUnused empties the fields the entry's section does not use, so a
// stray value never hides in a row.
func blankUnused(e Entry) Entry {
	used := map[string]bool{}
	for _, f := range fieldsOf[e.Section] {
		used[f] = true
	}
	out := Entry{ID: e.ID, Section: e.Section, Example: e.Example, FileState: e.FileState,
		Variants: []string{}, Good: []string{}, Bad: []string{}}
	set := map[string]func(){
		"kind": func() { out.Kind = e.Kind }, "text": func() { out.Text = e.Text }, "variants": func() { out.Variants = e.Variants },
		"network": func() { out.Network = e.Network }, "channelId": func() { out.ChannelID = e.ChannelID },
		"campaignId": func() { out.CampaignID = e.CampaignID }, "tone": func() { out.Tone = e.Tone },
		"guidance": func() { out.Guidance = e.Guidance }, "good": func() { out.Good = e.Good }, "bad": func() { out.Bad = e.Bad },
		"rating": func() { out.Rating = e.Rating }, "reason": func() { out.Reason = e.Reason },
		"replacement": func() { out.Replacement = e.Replacement }, "severity": func() { out.Severity = e.Severity },
		"mode": func() { out.Mode = e.Mode }, "max": func() { out.Max = e.Max }, "color": func() { out.Color = e.Color },
		"label": func() { out.Label = e.Label }, "sha256": func() { out.SHA256 = e.SHA256 },
		"fileName": func() { out.FileName = e.FileName }, "size": func() { out.Size = e.Size }, "mime": func() { out.Mime = e.Mime },
	}
	for f := range used {
		set[f]()
	}
	return out
}

func cleanList(field string, in []string, max int) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, v := range in {
		v = strings.TrimSpace(strings.ToValidUTF8(v, ""))
		if v == "" || slices.Contains(out, v) {
			continue
		}
		if utf8.RuneCountInString(v) > max {
			return nil, apperr.Invalid("styleguide.too_long", field, "this field is too long").With("field", field).With("max", max)
		}
		out = append(out, v)
	}
	if len(out) > maxList {
		return nil, apperr.Invalid("styleguide.too_many", field, "this list is too long").With("field", field).With("max", maxList)
	}
	return out, nil
}

// scopeKey is what makes an entry unique within its section when the
// section holds one value per scope ("" when entries are free).
func scopeKey(e Entry) string {
	switch e.Section {
	case Tone, Emoji:
		return "network:" + e.Network
	case Rating:
		return "channel:" + e.ChannelID
	case Hashtags:
		if e.Kind == "limit" {
			return "limit:" + e.Network
		}
	case Disclosures:
		return "label:" + e.Label
	}
	return ""
}
