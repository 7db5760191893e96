package templates

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/networks"
)

// Placeholder is a custom placeholder of a post template: {{key}} in the
// text, asked for in the form by its label, with an example as a hint.
type Placeholder struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Example string `json:"example"`
}

// PostData is what a post template has beyond its name and text (Body).
// Variants, keyed by network, replace the text on that network's channels.
type PostData struct {
	Title        string            `json:"title"`
	Variants     map[string]string `json:"variants"`
	Labels       []string          `json:"labels"`
	Channels     []string          `json:"channels"`
	Hashtags     []string          `json:"hashtags"`
	Placeholders []Placeholder     `json:"placeholders"`
}

// PieceData is what a snippet or a hashtag group has beyond its name and
// text: the text per network where it differs.
type PieceData struct {
	Variants map[string]string `json:"variants"`
}

func init() {
	registerKind(func(s *Service) {
		s.SetCheck(KindPost, checkPost)
		s.SetCheck(KindSnippet, checkPiece)
		s.SetCheck(KindHashtags, checkHashtags)
	})
}

// PostDataOf reads a post template's details.
func PostDataOf(t Template) PostData {
	var d PostData
	_ = json.Unmarshal(t.Data, &d)
	if d.Variants == nil {
		d.Variants = map[string]string{}
	}
	for _, l := range []*[]string{&d.Labels, &d.Channels, &d.Hashtags} {
		if *l == nil {
			*l = []string{}
		}
	}
	if d.Placeholders == nil {
		d.Placeholders = []Placeholder{}
	}
	return d
}

// PieceDataOf reads a snippet's or hashtag group's details.
func PieceDataOf(t Template) PieceData {
	var d PieceData
	_ = json.Unmarshal(t.Data, &d)
	if d.Variants == nil {
		d.Variants = map[string]string{}
	}
	return d
}

func decodeData(raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return apperr.Invalid("template.data_invalid", "data", "the template's details cannot be read")
	}
	return nil
}

func checkVariants(variants map[string]string) error {
	for nw, text := range variants {
		if _, ok := networks.Get(nw); !ok {
			return apperr.Invalid("template.network_unknown", "variants", "unknown network").With("network", nw)
		}
		if utf8.RuneCountInString(text) > maxBodyRunes {
			return apperr.Invalid("template.text_too_long", "variants", "the text is too long").With("max", maxBodyRunes)
		}
	}
	return nil
}

// checkPost validates a post template: every text's placeholders are well
// formed (an unclosed {{ is refused when saving, not when used), networks
// and channels exist, custom placeholders have a usable key and a label.
func checkPost(db *gorm.DB, in Input) (json.RawMessage, error) {
	var d PostData
	if err := decodeData(in.Data, &d); err != nil {
		return nil, err
	}
	d.Title = strings.TrimSpace(d.Title)
	if utf8.RuneCountInString(d.Title) > maxNameRunes {
		return nil, apperr.Invalid("template.name_too_long", "title", "the title is too long").With("max", maxNameRunes)
	}
	if err := checkVariants(d.Variants); err != nil {
		return nil, err
	}
	texts := []struct{ field, text string }{{"body", in.Body}, {"title", d.Title}}
	nws := make([]string, 0, len(d.Variants))
	for nw := range d.Variants {
		nws = append(nws, nw)
	}
	slices.Sort(nws)
	for _, nw := range nws {
		texts = append(texts, struct{ field, text string }{"variants." + nw, d.Variants[nw]})
	}
	for _, t := range texts {
		if _, err := Placeholders(t.text); err != nil {
			if e, ok := err.(*apperr.Error); ok {
				e.Field = t.field
				return nil, e
			}
			return nil, err
		}
	}
	seen := map[string]bool{}
	for i, p := range d.Placeholders {
		p.Key = strings.TrimSpace(p.Key)
		p.Label = strings.TrimSpace(p.Label)
		if !validName(p.Key) {
			return nil, apperr.Invalid("template.placeholder_key_invalid", "placeholders", "a placeholder key is letters, digits and _").
				With("name", truncateRunes(p.Key, 40))
		}
		if seen[p.Key] {
			return nil, apperr.Invalid("template.placeholder_duplicate", "placeholders", "two placeholders have the same key").With("name", p.Key)
		}
		seen[p.Key] = true
		if p.Label == "" {
			p.Label = p.Key
		}
		d.Placeholders[i] = p
	}
	for _, id := range d.Channels {
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM channels WHERE id = ? AND deleted_at IS NULL", id).Scan(&n).Error; err != nil {
			return nil, apperr.Internal(err)
		}
		if n == 0 {
			return nil, apperr.Invalid("template.channel_unknown", "channels", "no such channel").With("id", id)
		}
	}
	d.Labels = cleanList(d.Labels, false)
	d.Hashtags = cleanList(d.Hashtags, true)
	return json.Marshal(d)
}

// cleanList trims, drops empties and duplicates; hashtags get their '#'.
func cleanList(in []string, hashtags bool) []string {
	out := []string{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if hashtags {
			s = strings.TrimLeft(s, "#")
			if s == "" {
				continue
			}
			s = "#" + s
		}
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func checkPiece(_ *gorm.DB, in Input) (json.RawMessage, error) {
	var d PieceData
	if err := decodeData(in.Data, &d); err != nil {
		return nil, err
	}
	if err := checkVariants(d.Variants); err != nil {
		return nil, err
	}
	if d.Variants == nil {
		d.Variants = map[string]string{}
	}
	return json.Marshal(d)
}

// checkHashtags validates a hashtag group: its text (and each network's)
// is hashtags, one word each.
func checkHashtags(db *gorm.DB, in Input) (json.RawMessage, error) {
	for _, text := range append([]string{in.Body}, variantTexts(in.Data)...) {
		for _, tag := range strings.Fields(text) {
			if !strings.HasPrefix(tag, "#") || len(tag) < 2 {
				return nil, apperr.Invalid("template.hashtag_invalid", "body", "a hashtag group holds hashtags only").With("tag", truncateRunes(tag, 40))
			}
		}
	}
	return checkPiece(db, in)
}

func variantTexts(raw json.RawMessage) []string {
	var d PieceData
	_ = json.Unmarshal(raw, &d)
	var out []string
	for _, v := range d.Variants {
		out = append(out, v)
	}
	return out
}
