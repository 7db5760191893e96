-- The content calendar: channels, campaigns, posts with per-channel text,
-- their status history and comments. All synced (see 0001 for the columns
-- every synced table has).

CREATE TABLE channels (
  id         TEXT PRIMARY KEY,
  network    TEXT    NOT NULL DEFAULT 'other',
  handle     TEXT    NOT NULL DEFAULT '',
  color      TEXT    NOT NULL DEFAULT '',
  owner_id   TEXT    NOT NULL DEFAULT '',
  cadence    REAL    NOT NULL DEFAULT 0,   -- posts per week the team aims for
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);

CREATE TABLE campaigns (
  id          TEXT PRIMARY KEY,
  name        TEXT    NOT NULL DEFAULT '',
  kind        TEXT    NOT NULL DEFAULT 'campaign', -- campaign | promotion
  goal        TEXT    NOT NULL DEFAULT '',
  description TEXT    NOT NULL DEFAULT '',
  starts_on   TEXT    NOT NULL DEFAULT '',         -- YYYY-MM-DD, workspace time zone
  ends_on     TEXT    NOT NULL DEFAULT '',
  color       TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);

CREATE TABLE posts (
  id          TEXT PRIMARY KEY,
  title       TEXT    NOT NULL DEFAULT '',
  body        TEXT    NOT NULL DEFAULT '',   -- the common text; channels may override it
  channels    TEXT    NOT NULL DEFAULT '[]', -- channel ids
  date        TEXT    NOT NULL DEFAULT '',   -- YYYY-MM-DD in the workspace zone; '' = an idea, unscheduled
  time        TEXT    NOT NULL DEFAULT '',   -- HH:MM; '' = all day
  status      TEXT    NOT NULL DEFAULT 'idea',
  owner_id    TEXT    NOT NULL DEFAULT '',
  approver_id TEXT    NOT NULL DEFAULT '',
  campaign_id TEXT    NOT NULL DEFAULT '',
  labels      TEXT    NOT NULL DEFAULT '[]',
  rating      TEXT    NOT NULL DEFAULT 'G',
  approved_at INTEGER NOT NULL DEFAULT 0,    -- when the current text was approved (0: not approved)
  approved_by TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);
CREATE INDEX posts_by_date ON posts(date, time) WHERE deleted_at IS NULL;
CREATE INDEX posts_by_campaign ON posts(campaign_id) WHERE deleted_at IS NULL;

-- The text of a post on one channel, when it differs from the common text.
-- The id is derived from (post, channel) so two devices adding the same
-- variant write the same row.
CREATE TABLE post_variants (
  id         TEXT PRIMARY KEY,
  post_id    TEXT    NOT NULL DEFAULT '',
  channel_id TEXT    NOT NULL DEFAULT '',
  text       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX post_variants_by_post ON post_variants(post_id);

-- Who moved a post from which status to which, when, and why. Append-only.
CREATE TABLE post_events (
  id         TEXT PRIMARY KEY,
  post_id    TEXT    NOT NULL DEFAULT '',
  from_status TEXT   NOT NULL DEFAULT '',
  to_status  TEXT    NOT NULL DEFAULT '',
  member_id  TEXT    NOT NULL DEFAULT '',
  note       TEXT    NOT NULL DEFAULT '',
  at         INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX post_events_by_post ON post_events(post_id, at);

CREATE TABLE comments (
  id         TEXT PRIMARY KEY,
  post_id    TEXT    NOT NULL DEFAULT '',
  author_id  TEXT    NOT NULL DEFAULT '',
  body       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX comments_by_post ON comments(post_id, created_at);
