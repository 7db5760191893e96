-- Files attached to posts (images, videos, briefs). The content lives in
-- the data folder's blob store, named by its SHA-256, and travels through
-- the shared folder the same way; this table says which post has which
-- file under which name. Synced.
CREATE TABLE post_attachments (
  id         TEXT PRIMARY KEY,
  post_id    TEXT    NOT NULL DEFAULT '',
  name       TEXT    NOT NULL DEFAULT '',
  sha256     TEXT    NOT NULL DEFAULT '',
  size       INTEGER NOT NULL DEFAULT 0,
  mime       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX post_attachments_by_post ON post_attachments(post_id) WHERE deleted_at IS NULL;
