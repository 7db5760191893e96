-- Shared-folder sync state: device-local, never synced.

-- How far each other device's segments have been applied here. Advanced in
-- the same transaction that applies a segment.
CREATE TABLE sync_cursors (
  device     TEXT PRIMARY KEY,
  seq        INTEGER NOT NULL,
  applied_at INTEGER NOT NULL
);

-- Devices seen in the shared folder and what they said about themselves.
CREATE TABLE sync_devices (
  device       TEXT PRIMARY KEY,
  member_id    TEXT    NOT NULL DEFAULT '',
  display_name TEXT    NOT NULL DEFAULT '',
  last_seq     INTEGER NOT NULL DEFAULT 0,
  seen_at      INTEGER NOT NULL DEFAULT 0
);
