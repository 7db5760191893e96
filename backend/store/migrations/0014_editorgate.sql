-- The style-guide warnings an approver acknowledged when approving a post,
-- kept with the approval in the post's history (JSON list). Synced.
ALTER TABLE post_events ADD COLUMN acknowledged TEXT NOT NULL DEFAULT '[]';
