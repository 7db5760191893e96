package templates

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"postdeck/backend/apperr"
	"postdeck/backend/calendar"
	"postdeck/backend/checker"
)

// Finding is one thing the style guide's checker found in a text.
type Finding = checker.Finding

// Checker checks a text against the workspace's style guide
// (styleguide.Service); the composition root sets it.
type Checker interface {
	Check(ctx context.Context, in checker.Input) ([]checker.Finding, error)
}

// SetChecker sets the style-guide checker used by previews, snippets and
// hashtag groups.
func (s *Service) SetChecker(c Checker) { s.checker = c }

// FromTemplate is what the user fills in to make a post from a template.
type FromTemplate struct {
	// Values fill the placeholders, by name.
	Values map[string]string `json:"values"`
	// Channels the post goes to; empty takes the template's own.
	Channels   []string `json:"channels"`
	Date       string   `json:"date"`
	Time       string   `json:"time"`
	CampaignID string   `json:"campaignId"`
}

// ChannelText is a rendered post as one channel gets it, with what the
// style guide says about it.
type ChannelText struct {
	ChannelID string    `json:"channelId"`
	Network   string    `json:"network"`
	Handle    string    `json:"handle"`
	Text      string    `json:"text"`
	Findings  []Finding `json:"findings"`
}

// Preview is a post template filled in, before it becomes a draft.
type Preview struct {
	Title    string        `json:"title"`
	Body     string        `json:"body"`
	Channels []ChannelText `json:"channels"`
	Labels   []string      `json:"labels"`
	// Checked says whether the texts went through the style guide (false
	// when this workspace has no style-guide checker).
	Checked bool `json:"checked"`
	// Input is the post that would be created.
	Input calendar.PostInput `json:"input"`
}

// withHashtags appends the template's default hashtags a text does not
// have yet, on a line of their own.
func withHashtags(text string, tags []string) string {
	var add []string
	for _, t := range tags {
		if !checker.HasHashtag(text, t) {
			add = append(add, t)
		}
	}
	if len(add) == 0 {
		return text
	}
	sep := "\n\n"
	if strings.TrimSpace(text) == "" {
		sep = ""
	}
	return strings.TrimRight(text, " \n") + sep + strings.Join(add, " ")
}

// Preview fills a post template for the given channels without writing
// anything: the text each channel gets (its network's variant when the
// template has one), with the style guide's findings.
func (s *Service) Preview(ctx context.Context, id string, in FromTemplate) (Preview, error) {
	t, err := s.Get(ctx, id)
	if err != nil {
		return Preview{}, err
	}
	if t.Kind != KindPost {
		return Preview{}, apperr.Invalid("template.not_post", "id", "this template is not a post template").With("kind", t.Kind)
	}
	d := PostDataOf(t)
	channels := in.Channels
	if len(channels) == 0 {
		channels = d.Channels
	}
	all, err := s.cal.Channels(ctx)
	if err != nil {
		return Preview{}, err
	}
	// One error names every missing value of the title, the text and the
	// variants of the chosen channels' networks.
	texts := []string{d.Title, t.Body}
	for _, chID := range channels {
		if i := slices.IndexFunc(all, func(c calendar.Channel) bool { return c.ID == chID }); i >= 0 {
			texts = append(texts, d.Variants[all[i].Network])
		}
	}
	if err := CheckValues(in.Values, texts...); err != nil {
		return Preview{}, err
	}
	title, err := Render(d.Title, in.Values)
	if err != nil {
		return Preview{}, err
	}
	if title == "" {
		title = t.Name
	}
	body, err := Render(t.Body, in.Values)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Title: title, Body: withHashtags(body, d.Hashtags), Labels: d.Labels, Checked: s.checker != nil,
		Channels: []ChannelText{}}
	p.Input = calendar.PostInput{Title: p.Title, Body: p.Body, Channels: []string{}, Variants: map[string]string{},
		Date: in.Date, Time: in.Time, CampaignID: in.CampaignID, Labels: d.Labels}
	for _, chID := range channels {
		i := slices.IndexFunc(all, func(c calendar.Channel) bool { return c.ID == chID })
		if i < 0 {
			return Preview{}, apperr.Invalid("template.channel_unknown", "channels", "no such channel").With("id", chID)
		}
		ch := all[i]
		text := p.Body
		if v, ok := d.Variants[ch.Network]; ok && strings.TrimSpace(v) != "" {
			r, err := Render(v, in.Values)
			if err != nil {
				return Preview{}, err
			}
			text = withHashtags(r, d.Hashtags)
			p.Input.Variants[ch.ID] = text
		}
		ct := ChannelText{ChannelID: ch.ID, Network: ch.Network, Handle: ch.Handle, Text: text, Findings: []Finding{}}
		if s.checker != nil {
			f, err := s.checker.Check(ctx, checker.Input{Text: text, Network: ch.Network, ChannelID: ch.ID,
				CampaignID: in.CampaignID, Labels: d.Labels})
			if err != nil {
				return Preview{}, err
			}
			if f != nil {
				ct.Findings = f
			}
		}
		p.Channels = append(p.Channels, ct)
		p.Input.Channels = append(p.Input.Channels, ch.ID)
	}
	return p, nil
}

// NewPost makes a draft from a post template: the placeholders filled in,
// each channel's network variant, the template's labels and hashtags. A
// missing value is an error naming it, and nothing is written.
func (s *Service) NewPost(ctx context.Context, actor, id string, in FromTemplate) (calendar.Post, error) {
	p, err := s.Preview(ctx, id, in)
	if err != nil {
		return calendar.Post{}, err
	}
	return s.cal.AddPost(ctx, actor, p.Input)
}

// SaveAsTemplate makes a post template of a post: its title, text, labels,
// channels, and each channel's own text as its network's variant.
func (s *Service) SaveAsTemplate(ctx context.Context, postID, name string) (Template, error) {
	post, err := s.cal.Post(ctx, postID)
	if err != nil {
		return Template{}, err
	}
	all, err := s.cal.Channels(ctx)
	if err != nil {
		return Template{}, err
	}
	d := PostData{Title: post.Title, Variants: map[string]string{}, Labels: post.Labels, Channels: post.Channels,
		Hashtags: []string{}, Placeholders: []Placeholder{}}
	for chID, text := range post.Variants {
		if i := slices.IndexFunc(all, func(c calendar.Channel) bool { return c.ID == chID }); i >= 0 {
			d.Variants[all[i].Network] = text
		}
	}
	if strings.TrimSpace(name) == "" {
		name = post.Title
	}
	return s.Add(ctx, Input{Kind: KindPost, Name: name, Lang: s.lang(), Body: post.Body, Data: mustJSON(d)})
}

// lang is the window's language on this device, the language a template
// made here is written in unless said otherwise.
func (s *Service) lang() string {
	if v, err := s.st.Local("language"); err == nil && slices.Contains(Languages, v) {
		return v
	}
	return "en"
}

func mustJSON(v any) json.RawMessage {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with plain structs of strings, lists and maps
	}
	return raw
}

// PieceCheck is what the style guide says about one text of a snippet or
// hashtag group ("" network: its text for every network).
type PieceCheck struct {
	Network  string    `json:"network"`
	Findings []Finding `json:"findings"`
}

// CheckPiece checks a snippet's or hashtag group's texts (its own and each
// network's) against the style guide, so a banned hashtag or phrase inside
// it is flagged before it is pasted into posts. Without a style-guide
// checker it returns nil.
func (s *Service) CheckPiece(ctx context.Context, body string, variants map[string]string) ([]PieceCheck, error) {
	if s.checker == nil {
		return nil, nil
	}
	nws := make([]string, 0, len(variants))
	for nw := range variants {
		nws = append(nws, nw)
	}
	slices.Sort(nws)
	out := []PieceCheck{}
	for _, nw := range append([]string{""}, nws...) {
		text := body
		if nw != "" {
			text = variants[nw]
		}
		f, err := s.checker.Check(ctx, checker.Input{Text: text, Network: nw})
		if err != nil {
			return nil, err
		}
		if len(f) > 0 {
			out = append(out, PieceCheck{Network: nw, Findings: f})
		}
	}
	return out, nil
}
