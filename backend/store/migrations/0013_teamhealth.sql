-- Absences (vacation, sickness, other leave) and the record of every
-- hand-over of work to a backup. Both synced (see 0001 for the columns every
-- synced table has).

CREATE TABLE absences (
  id         TEXT PRIMARY KEY,
  member_id  TEXT    NOT NULL DEFAULT '',
  kind       TEXT    NOT NULL DEFAULT 'vacation', -- vacation | sick | other
  starts_on  TEXT    NOT NULL DEFAULT '',         -- YYYY-MM-DD, workspace time zone, inclusive
  ends_on    TEXT    NOT NULL DEFAULT '',         -- YYYY-MM-DD, inclusive
  note       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX absences_by_dates ON absences(ends_on, starts_on) WHERE deleted_at IS NULL;

-- One row per item handed over (or left, when nobody could take it) for an
-- absence. The id is derived from (absence, kind, item), so two devices
-- handing over the same absence at once write the same row.
CREATE TABLE handovers (
  id         TEXT PRIMARY KEY,
  absence_id TEXT    NOT NULL DEFAULT '',
  item_kind  TEXT    NOT NULL DEFAULT '',  -- task | post | approval
  item_id    TEXT    NOT NULL DEFAULT '',
  from_id    TEXT    NOT NULL DEFAULT '',
  to_id      TEXT    NOT NULL DEFAULT '',  -- '' when the item was left (see reason)
  by_id      TEXT    NOT NULL DEFAULT '',  -- '' for an automatic hand-over
  reason     TEXT    NOT NULL DEFAULT '',  -- why it was left; '' when handed over
  at         INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX handovers_by_absence ON handovers(absence_id);

-- Hand work over to backups automatically when an absence starts.
ALTER TABLE workspace ADD COLUMN auto_handover INTEGER NOT NULL DEFAULT 0;
