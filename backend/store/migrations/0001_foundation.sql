-- Device-local settings: never synced (device id, clock, "this is me",
-- language, theme).
CREATE TABLE local_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every field change ever applied here, local or remote. The replica's
-- write path appends to it in the same transaction as the row write.
-- A local change has device = this device.
CREATE TABLE changes (
  seq         INTEGER PRIMARY KEY, -- rowid: grows by one, and changes are never deleted
  entity      TEXT    NOT NULL,
  row_id      TEXT    NOT NULL,
  field       TEXT    NOT NULL,
  value       TEXT    NOT NULL,           -- JSON
  hlc         INTEGER NOT NULL,
  device      TEXT    NOT NULL,
  base_hlc    INTEGER NOT NULL DEFAULT 0, -- clock of the value the author replaced
  base_device TEXT    NOT NULL DEFAULT '',
  UNIQUE (device, hlc, entity, row_id, field)
);
-- Finds the changes based on a given one (was a losing value replaced
-- later?). New fields have no base, so most changes stay out of the index.
CREATE INDEX changes_by_base ON changes(entity, row_id, field, base_hlc, base_device) WHERE base_hlc <> 0;
-- This device's changes not yet sent are found by a range scan of seq.

-- The clock of the current value of every field of every synced row.
CREATE TABLE field_clocks (
  entity TEXT    NOT NULL,
  row_id TEXT    NOT NULL,
  field  TEXT    NOT NULL,
  hlc    INTEGER NOT NULL,
  device TEXT    NOT NULL,
  PRIMARY KEY (entity, row_id, field)
) WITHOUT ROWID;

-- Losing values of concurrent edits. Derived from the change log the same
-- way on every device, so the id is deterministic; a conflict is open until a
-- conflict_resolutions row with the same id exists.
CREATE TABLE conflicts (
  id            TEXT PRIMARY KEY,
  entity        TEXT    NOT NULL,
  row_id        TEXT    NOT NULL,
  field         TEXT    NOT NULL,
  value         TEXT    NOT NULL,  -- the losing value, JSON
  hlc           INTEGER NOT NULL,
  device        TEXT    NOT NULL,
  detected_at   INTEGER NOT NULL
);
CREATE INDEX conflicts_by_row ON conflicts(entity, row_id, field);

-- Remote changes stamped too far in the future to be trusted yet.
CREATE TABLE quarantine (
  entity      TEXT    NOT NULL,
  row_id      TEXT    NOT NULL,
  field       TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  hlc         INTEGER NOT NULL,
  device      TEXT    NOT NULL,
  base_hlc    INTEGER NOT NULL,
  base_device TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (device, hlc, entity, row_id, field)
);

-- Synced tables. Every one has: id (UUIDv7), created_at, updated_at (derived:
-- time of the newest field clock), tombstone (JSON of the delete, synced) and
-- deleted_at (derived from the tombstone: NULL while the row is live).
-- No foreign keys: rows of one device may arrive before the rows they name.

CREATE TABLE conflict_resolutions (
  id          TEXT PRIMARY KEY,
  resolved_by TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);

CREATE TABLE workspace (
  id         TEXT PRIMARY KEY,
  name       TEXT    NOT NULL DEFAULT '',
  time_zone  TEXT    NOT NULL DEFAULT 'UTC',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);

CREATE TABLE roles (
  id          TEXT PRIMARY KEY,
  name        TEXT    NOT NULL DEFAULT '',
  description TEXT    NOT NULL DEFAULT '',
  permissions TEXT    NOT NULL DEFAULT '[]',
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);

CREATE TABLE members (
  id             TEXT PRIMARY KEY,
  name           TEXT    NOT NULL DEFAULT '',
  email          TEXT    NOT NULL DEFAULT '',
  roles          TEXT    NOT NULL DEFAULT '[]',
  networks       TEXT    NOT NULL DEFAULT '[]',
  capacity_hours REAL    NOT NULL DEFAULT 0,
  color          TEXT    NOT NULL DEFAULT '',
  freelancer     INTEGER NOT NULL DEFAULT 0,
  backup_id      TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL DEFAULT 0,
  tombstone      TEXT,
  deleted_at     INTEGER
);
CREATE INDEX members_live ON members(deleted_at, name);
