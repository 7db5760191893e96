-- Templates of every kind (post templates, snippets, hashtag groups, campaign
-- plans, process playbooks, meeting agendas) share one table: a name, a
-- language, a text and a JSON object for what only one kind has (a post
-- template's per-network variants, a plan's steps). built_in is the key of a
-- default Postdeck ships; its id is derived from that key, so two devices
-- seeding the defaults at once write the same row. Synced.
CREATE TABLE templates (
  id         TEXT PRIMARY KEY,
  kind       TEXT    NOT NULL DEFAULT '',
  name       TEXT    NOT NULL DEFAULT '',
  lang       TEXT    NOT NULL DEFAULT '',
  body       TEXT    NOT NULL DEFAULT '',
  data       TEXT    NOT NULL DEFAULT '{}',
  built_in   TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX templates_by_kind ON templates(kind, name) WHERE deleted_at IS NULL;

-- The library of approved content: a post's text, attachments (blob
-- references) and channels kept for reuse. last_used_at is set each time an
-- item becomes a new draft. Synced.
CREATE TABLE library_items (
  id             TEXT PRIMARY KEY,
  title          TEXT    NOT NULL DEFAULT '',
  body           TEXT    NOT NULL DEFAULT '',
  variants       TEXT    NOT NULL DEFAULT '{}',
  attachments    TEXT    NOT NULL DEFAULT '[]',
  channels       TEXT    NOT NULL DEFAULT '[]',
  labels         TEXT    NOT NULL DEFAULT '[]',
  source_post_id TEXT    NOT NULL DEFAULT '',
  last_used_at   INTEGER NOT NULL DEFAULT 0,
  use_count      INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL DEFAULT 0,
  tombstone      TEXT,
  deleted_at     INTEGER
);
CREATE INDEX library_items_by_use ON library_items(last_used_at) WHERE deleted_at IS NULL;
