package calendar

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/checker"
	"postdeck/backend/networks"
)

// Severities of a finding (the checker's). An error keeps a post from being
// approved; a warning needs the approver's acknowledgement, which the history
// keeps.
const (
	SeverityError   = checker.SeverityError
	SeverityWarning = checker.SeverityWarning
	SeverityInfo    = checker.SeverityInfo
)

// Finding is one problem the style-guide checker found in a channel's text:
// Code is an i18n key under "checks.", Start/End are byte offsets for Go and
// From16/To16 UTF-16 offsets for the editor, Fix (when there is one)
// replaces the span.
type Finding = checker.Finding

// Fix replaces a finding's span with Replacement.
type Fix = checker.Fix

// CheckInput is one channel's text of a post with what the rules depend on.
type CheckInput = checker.Input

// Checker checks one channel's text against the workspace's style guide.
// The calendar gets it injected (core wires the style guide's service), so
// the calendar does not import the style guide, which reads the calendar's
// channels and campaigns.
type Checker interface {
	Check(ctx context.Context, in CheckInput) ([]Finding, error)
}

// ceilings is a Checker that also says the highest content rating the
// workspace and each channel allow, which the editor shows beside the
// post's rating.
type ceilings interface {
	RatingCeilings(ctx context.Context) (workspace string, channels map[string]string, err error)
}

// compiler is a Checker that can hand out the checker it compiled, so a
// list of many posts is checked against one state of the guide read once,
// not once per post and channel.
type compiler interface {
	Compiled(ctx context.Context) (*checker.Checker, error)
}

// compiledChecker checks every text with one compiled checker.
type compiledChecker struct{ c *checker.Checker }

func (c compiledChecker) Check(_ context.Context, in CheckInput) ([]Finding, error) {
	return c.c.Check(in), nil
}

// SetChecker lets the approval gate, the draft check and the list markers
// use c. Without one, nothing is checked against a style guide.
func (s *Service) SetChecker(c Checker) { s.checker = c }

// VariantFindings are the findings in the text one channel of a post gets.
// Own is true when the channel has a text of its own (a variant), false when
// it gets the common text. A post on no channel is checked once with an
// empty ChannelID and network, so the guide's own rules still show.
type VariantFindings struct {
	ChannelID string    `json:"channelId"`
	Network   string    `json:"network"`
	Label     string    `json:"label"`
	Own       bool      `json:"own"`
	Findings  []Finding `json:"findings"`
	// Ceiling is the highest content rating the guide allows on the
	// channel ("" when it sets none or cannot say).
	Ceiling string `json:"ceiling"`
}

// Marker levels a post carries in a list (Post.Check).
const (
	MarkError   = "error"
	MarkWarning = "warning"
)

// CheckDraft returns the findings of every channel's text of a draft as the
// editor holds it (not saved yet). Unknown channels are skipped: the draft
// may name one a teammate just removed.
func (s *Service) CheckDraft(ctx context.Context, in PostInput) ([]VariantFindings, error) {
	chans, err := listChannels(s.st.DB().WithContext(ctx))
	if err != nil {
		return nil, apperr.Internal(err)
	}
	if len(in.Rating) == 0 {
		in.Rating = "G"
	}
	p := Post{Body: in.Body, Channels: in.Channels, Variants: in.Variants, CampaignID: in.CampaignID,
		Labels: in.Labels, Rating: in.Rating}
	if p.Variants == nil {
		p.Variants = map[string]string{}
	}
	rs, err := checkTexts(ctx, s.checker, chans, p)
	if err != nil {
		return nil, err
	}
	return s.withCeilings(ctx, rs)
}

// checkTexts checks each channel's text of p (the common text where a
// channel has none of its own) with chk.
func checkTexts(ctx context.Context, chk Checker, chans []Channel, p Post) ([]VariantFindings, error) {
	out := []VariantFindings{}
	if chk == nil {
		return out, nil
	}
	labels := p.Labels
	if labels == nil {
		labels = []string{}
	}
	if len(p.Channels) == 0 {
		fs, err := chk.Check(ctx, CheckInput{Text: p.Body, CampaignID: p.CampaignID, Rating: p.Rating, Labels: labels})
		if err != nil {
			return nil, err
		}
		return append(out, VariantFindings{Findings: orEmpty(fs)}), nil
	}
	for _, id := range p.Channels {
		i := slices.IndexFunc(chans, func(c Channel) bool { return c.ID == id })
		if i < 0 {
			continue
		}
		c := chans[i]
		text, own := p.Variants[id]
		if !own {
			text = p.Body
		}
		fs, err := chk.Check(ctx, CheckInput{Text: text, Network: c.Network, ChannelID: c.ID,
			CampaignID: p.CampaignID, Rating: p.Rating, Labels: labels})
		if err != nil {
			return nil, err
		}
		out = append(out, VariantFindings{ChannelID: c.ID, Network: c.Network, Label: channelLabel(c), Own: own, Findings: orEmpty(fs)})
	}
	return out, nil
}

// withCeilings fills each result's rating ceiling, when the checker knows it.
func (s *Service) withCeilings(ctx context.Context, rs []VariantFindings) ([]VariantFindings, error) {
	src, ok := s.checker.(ceilings)
	if !ok {
		return rs, nil
	}
	all, per, err := src.RatingCeilings(ctx)
	if err != nil {
		return nil, err
	}
	for i := range rs {
		rs[i].Ceiling = all
		if c := per[rs[i].ChannelID]; c != "" {
			rs[i].Ceiling = c
		}
	}
	return rs, nil
}

func orEmpty(fs []Finding) []Finding {
	if fs == nil {
		return []Finding{}
	}
	return fs
}

// channelLabel names a channel as people see it: "X @kopinus".
func channelLabel(c Channel) string {
	if net, ok := networks.Get(c.Network); ok {
		return net.Name + " " + c.Handle
	}
	return c.Network + " " + c.Handle
}

// Acknowledged is a warning the approver saw and accepted when approving,
// kept in the post's history with the approval (who and when are the
// event's). Text is the part of the post it was about.
type Acknowledged struct {
	Channel string         `json:"channel"`
	Code    string         `json:"code"`
	Params  map[string]any `json:"params"`
	Text    string         `json:"text"`
}

// gate checks p before it is approved: the first error finding refuses
// the approval (post.check_errors, naming the channel and the problem);
// warnings refuse it too unless ack says the approver accepts them
// (post.check_warnings lists them). It returns the warnings accepted.
func (s *Service) gate(ctx context.Context, db *gorm.DB, p Post, ack bool) ([]Acknowledged, error) {
	if s.checker == nil {
		return nil, nil
	}
	chans, err := listChannels(db)
	if err != nil {
		return nil, apperr.Internal(err)
	}
	results, err := checkTexts(ctx, s.checker, chans, p)
	if err != nil {
		return nil, err
	}
	var warnings []Acknowledged
	for _, r := range results {
		text := p.Body
		if r.Own {
			text = p.Variants[r.ChannelID]
		}
		for _, f := range r.Findings {
			switch f.Severity {
			case SeverityError:
				return nil, apperr.New("post.check_errors", "the text breaks a rule of the style guide; fix it before approving").
					With("channel", r.Label).With("check", f.Code).With("checkParams", paramsOf(f)).With("text", spanText(text, f))
			case SeverityWarning:
				warnings = append(warnings, Acknowledged{Channel: r.Label, Code: f.Code, Params: paramsOf(f), Text: spanText(text, f)})
			}
		}
	}
	if len(warnings) > 0 && !ack {
		return nil, apperr.New("post.check_warnings", "the text has warnings from the style guide; approve again acknowledging them (--ack-warnings)").
			With("count", len(warnings)).With("warnings", warnings)
	}
	return warnings, nil
}

func paramsOf(f Finding) map[string]any {
	if f.Params == nil {
		return map[string]any{}
	}
	return f.Params
}

// spanText is the part of text a finding is about ("" when its byte span
// does not fit the text, or covers the whole of a long text).
func spanText(text string, f Finding) string {
	if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
		return ""
	}
	if f.End-f.Start > 200 {
		return ""
	}
	return text[f.Start:f.End]
}

// marks sets Check on each post to its worst finding across its channels
// (MarkError, MarkWarning or ""), with one checker for the whole list: the
// guide's state is read once per list, not once per post and channel.
// Occurrences of a series share their series' texts, so they are checked
// once.
func (s *Service) marks(ctx context.Context, db *gorm.DB, ps []Post) error {
	if s.checker == nil || len(ps) == 0 {
		return nil
	}
	chk := s.checker
	if cc, ok := chk.(compiler); ok {
		c, err := cc.Compiled(ctx)
		if err != nil {
			return err
		}
		chk = compiledChecker{c}
	}
	chans, err := listChannels(db)
	if err != nil {
		return apperr.Internal(err)
	}
	done := map[string]string{}
	for i := range ps {
		mark, seen := done[ps[i].ID]
		if !seen {
			results, err := checkTexts(ctx, chk, chans, ps[i])
			if err != nil {
				return err
			}
			mark = worst(results)
			done[ps[i].ID] = mark
		}
		ps[i].Check = mark
	}
	return nil
}

// worst is the mark of the worst finding in results.
func worst(results []VariantFindings) string {
	mark := ""
	for _, r := range results {
		for _, f := range r.Findings {
			switch f.Severity {
			case SeverityError:
				return MarkError
			case SeverityWarning:
				mark = MarkWarning
			}
		}
	}
	return mark
}

// NeedsLook lists the approved and scheduled posts whose texts now have
// errors: the guide (or a network's limits) changed after they were
// approved. They stay where they are; a person decides what to do.
func (s *Service) NeedsLook(ctx context.Context) ([]Post, error) {
	out := []Post{}
	if s.checker == nil {
		return out, nil
	}
	for _, st := range []Status{Approved, Scheduled} {
		ps, err := s.Posts(ctx, Filter{Status: st, Marks: true})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if p.Check == MarkError {
				out = append(out, p)
			}
		}
	}
	sortPosts(out)
	return out, nil
}
