package api

import (
	"postdeck/backend/calendar"
)

// Calendar is the content-calendar facade. Moves and edits act as this
// device's member.
type Calendar struct{ ws *coreWorkspace }

func (c *Calendar) me() (string, error) { return c.ws.Workspace.Me(ctx()) }

// Channels lists the brand's channels.
func (c *Calendar) Channels() ([]calendar.Channel, error) { return c.ws.Calendar.Channels(ctx()) }

// AddChannel creates a channel.
func (c *Calendar) AddChannel(in calendar.ChannelInput) (calendar.Channel, error) {
	return c.ws.Calendar.AddChannel(ctx(), in)
}

// UpdateChannel changes a channel.
func (c *Calendar) UpdateChannel(id string, in calendar.ChannelInput) error {
	return c.ws.Calendar.UpdateChannel(ctx(), id, in)
}

// DeleteChannel removes a channel.
func (c *Calendar) DeleteChannel(id string) error { return c.ws.Calendar.DeleteChannel(ctx(), id) }

// Campaigns lists campaigns and promotions.
func (c *Calendar) Campaigns() ([]calendar.Campaign, error) { return c.ws.Calendar.Campaigns(ctx()) }

// AddCampaign creates a campaign.
func (c *Calendar) AddCampaign(in calendar.CampaignInput) (calendar.Campaign, error) {
	return c.ws.Calendar.AddCampaign(ctx(), in)
}

// UpdateCampaign changes a campaign.
func (c *Calendar) UpdateCampaign(id string, in calendar.CampaignInput) error {
	return c.ws.Calendar.UpdateCampaign(ctx(), id, in)
}

// DeleteCampaign removes a campaign.
func (c *Calendar) DeleteCampaign(id string) error { return c.ws.Calendar.DeleteCampaign(ctx(), id) }

// Posts lists posts matching a filter.
func (c *Calendar) Posts(f calendar.Filter) ([]calendar.Post, error) {
	return c.ws.Calendar.Posts(ctx(), f)
}

// Post returns one post.
func (c *Calendar) Post(id string) (calendar.Post, error) { return c.ws.Calendar.Post(ctx(), id) }

// AddPost creates a post.
func (c *Calendar) AddPost(in calendar.PostInput) (calendar.Post, error) {
	me, err := c.me()
	if err != nil {
		return calendar.Post{}, err
	}
	return c.ws.Calendar.AddPost(ctx(), me, in)
}

// UpdatePost changes a post.
func (c *Calendar) UpdatePost(id string, in calendar.PostInput) (calendar.UpdateResult, error) {
	me, err := c.me()
	if err != nil {
		return calendar.UpdateResult{}, err
	}
	return c.ws.Calendar.UpdatePost(ctx(), me, id, in)
}

// EditOccurrence changes one post of a series only.
func (c *Calendar) EditOccurrence(seriesID, day string, in calendar.PostInput) (calendar.UpdateResult, error) {
	me, err := c.me()
	if err != nil {
		return calendar.UpdateResult{}, err
	}
	return c.ws.Calendar.EditOccurrence(ctx(), me, seriesID, day, in)
}

// DetachOccurrence makes one post of a series a post of its own (to move
// it through the workflow or comment on it alone).
func (c *Calendar) DetachOccurrence(seriesID, day string) (calendar.Post, error) {
	return c.ws.Calendar.DetachOccurrence(ctx(), seriesID, day)
}

// SkipOccurrence leaves one day out of a series.
func (c *Calendar) SkipOccurrence(seriesID, day string) error {
	return c.ws.Calendar.SkipOccurrence(ctx(), seriesID, day)
}

// Gaps lists channels short of their cadence in the next 14 days from
// from (YYYY-MM-DD, ” for today).
func (c *Calendar) Gaps(from string) (calendar.GapReport, error) {
	return c.ws.Calendar.Gaps(ctx(), from)
}

// Attachments lists a post's files.
func (c *Calendar) Attachments(postID string) ([]calendar.Attachment, error) {
	return c.ws.Calendar.Attachments(ctx(), postID)
}

// AddAttachment attaches a file read in the window (content in base64).
func (c *Calendar) AddAttachment(postID, name, content string) (calendar.Attachment, error) {
	return c.ws.Calendar.AddAttachmentBase64(ctx(), postID, name, content)
}

// AttachmentContent returns a file's content in base64, to show or save.
func (c *Calendar) AttachmentContent(id string) (string, error) {
	return c.ws.Calendar.AttachmentContent(ctx(), id)
}

// RemoveAttachment takes a file off its post.
func (c *Calendar) RemoveAttachment(id string) error {
	return c.ws.Calendar.RemoveAttachment(ctx(), id)
}

// Labels lists the labels in use on posts.
func (c *Calendar) Labels() ([]string, error) { return c.ws.Calendar.Labels(ctx()) }

// DeletePost removes a post.
func (c *Calendar) DeletePost(id string) error { return c.ws.Calendar.DeletePost(ctx(), id) }

// MovePost moves a post through the workflow.
func (c *Calendar) MovePost(id, to, note string) (calendar.Post, error) {
	me, err := c.me()
	if err != nil {
		return calendar.Post{}, err
	}
	return c.ws.Calendar.MovePost(ctx(), me, id, calendar.Status(to), note)
}

// MoveWithAck moves a post through the workflow; ackWarnings approves it
// despite style-guide warnings, which its history then keeps.
func (c *Calendar) MoveWithAck(id, to, note string, ackWarnings bool) (calendar.Post, error) {
	me, err := c.me()
	if err != nil {
		return calendar.Post{}, err
	}
	return c.ws.Calendar.MoveWith(ctx(), me, id, calendar.Status(to), note, calendar.MoveOptions{AckWarnings: ackWarnings})
}

// CheckDraft returns the style-guide findings of each channel's text of a
// draft as the editor holds it.
func (c *Calendar) CheckDraft(in calendar.PostInput) ([]calendar.VariantFindings, error) {
	return c.ws.Calendar.CheckDraft(ctx(), in)
}

// NeedsLook lists approved posts that the style guide now finds errors in.
func (c *Calendar) NeedsLook() ([]calendar.Post, error) { return c.ws.Calendar.NeedsLook(ctx()) }

// Moves lists the statuses a post in from may move to.
func (c *Calendar) Moves(from string) []string {
	var out []string
	for _, s := range calendar.Moves(calendar.Status(from)) {
		out = append(out, string(s))
	}
	return out
}

// AwaitingMyApproval lists the posts in review that this device's member
// may approve (the review queue).
func (c *Calendar) AwaitingMyApproval() ([]calendar.Post, error) {
	me, err := c.me()
	if err != nil {
		return nil, err
	}
	return c.ws.Calendar.AwaitingApproval(ctx(), me)
}

// Comments lists a post's comments.
func (c *Calendar) Comments(postID string) ([]calendar.Comment, error) {
	return c.ws.Calendar.Comments(ctx(), postID)
}

// AddComment adds feedback to a post.
func (c *Calendar) AddComment(postID, body string) (calendar.Comment, error) {
	me, err := c.me()
	if err != nil {
		return calendar.Comment{}, err
	}
	return c.ws.Calendar.AddComment(ctx(), me, postID, body)
}

// History lists a post's status changes.
func (c *Calendar) History(postID string) ([]calendar.Event, error) {
	return c.ws.Calendar.History(ctx(), postID)
}

// Search finds posts by words of their texts and comments.
func (c *Calendar) Search(query string) ([]calendar.Hit, error) {
	return c.ws.Calendar.Search(ctx(), query)
}
