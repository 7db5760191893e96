-- Changes from other devices whose author's member did not hold the
-- permission the change needs at the change's clock. They stay in the change
-- log (so a second delivery is a duplicate) but are not applied; this table
-- says why. A row is never deleted: when a team change that arrives later
-- shows the author was allowed after all, accepted_at is set and the change
-- is applied. Device-local, derived alike on every device.
CREATE TABLE refused_changes (
  id          TEXT PRIMARY KEY,      -- derived from (device, hlc, entity, row_id, field)
  entity      TEXT    NOT NULL,
  row_id      TEXT    NOT NULL,
  field       TEXT    NOT NULL,
  value       TEXT    NOT NULL,      -- JSON, as the author wrote it
  hlc         INTEGER NOT NULL,
  device      TEXT    NOT NULL,
  member_id   TEXT    NOT NULL DEFAULT '', -- the member the device writes for ('' = none known)
  permission  TEXT    NOT NULL DEFAULT '',
  reason      TEXT    NOT NULL DEFAULT '', -- permission_missing | no_member
  refused_at  INTEGER NOT NULL,
  accepted_at INTEGER                 -- set when a later-arriving team change allowed it
);
CREATE INDEX refused_changes_open ON refused_changes(accepted_at, hlc);

-- The team's history (members' roles, roles' permissions, their deletes) is
-- read from the change log for every batch that holds a change needing a
-- permission: this keeps that read from scanning the whole log.
CREATE INDEX changes_team_history ON changes(entity, field, hlc) WHERE entity IN ('members', 'roles');
