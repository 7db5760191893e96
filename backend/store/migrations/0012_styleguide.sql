-- The style guide: one row per entry, so two teammates editing different
-- entries at the same time both keep their edits. Which columns an entry
-- uses depends on its section (see backend/styleguide/sections.go). Entries
-- that hold one value per scope (the rating of a channel, the tone or emoji
-- policy of a network, the most hashtags on a network) have ids derived from
-- that scope, so two devices setting it at once write the same row. Synced.
CREATE TABLE style_guide_entries (
  id          TEXT PRIMARY KEY,
  section     TEXT    NOT NULL DEFAULT '',   -- names, terms, tone, rating, branding, hashtags, banned, emoji, disclosures, usage
  kind        TEXT    NOT NULL DEFAULT '',   -- branding: watermark|border|signature|colour|logo; hashtags: required|banned|limit; usage: personal|professional
  text        TEXT    NOT NULL DEFAULT '',   -- the right spelling, preferred term, phrase, hashtag or guideline
  variants    TEXT    NOT NULL DEFAULT '[]', -- wrong spellings, discouraged terms, disclosure tags
  network     TEXT    NOT NULL DEFAULT '',   -- '' = every network
  channel_id  TEXT    NOT NULL DEFAULT '',   -- '' = the whole workspace
  campaign_id TEXT    NOT NULL DEFAULT '',
  tone        TEXT    NOT NULL DEFAULT '',
  guidance    TEXT    NOT NULL DEFAULT '',
  good        TEXT    NOT NULL DEFAULT '[]', -- good examples
  bad         TEXT    NOT NULL DEFAULT '[]', -- bad examples
  rating      TEXT    NOT NULL DEFAULT '',
  reason      TEXT    NOT NULL DEFAULT '',
  replacement TEXT    NOT NULL DEFAULT '',
  severity    TEXT    NOT NULL DEFAULT '',
  mode        TEXT    NOT NULL DEFAULT '',
  max_count   INTEGER NOT NULL DEFAULT 0,
  color       TEXT    NOT NULL DEFAULT '',
  label       TEXT    NOT NULL DEFAULT '',
  sha256      TEXT    NOT NULL DEFAULT '',   -- a logo file in the blob store
  file_name   TEXT    NOT NULL DEFAULT '',
  size        INTEGER NOT NULL DEFAULT 0,
  mime        TEXT    NOT NULL DEFAULT '',
  example     INTEGER NOT NULL DEFAULT 0,    -- part of the example guide, until someone edits it
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);
CREATE INDEX style_guide_entries_live ON style_guide_entries(section) WHERE deleted_at IS NULL;
