-- Who may write to the shared folder: a row per confirmation, refusal or
-- revocation of a device's key for a member. Synced, so each is a change in
-- the signed segment of the device that made it; every device derives the
-- same verdicts from the same rows (backend/sharedfolder/trust.go).
CREATE TABLE device_confirmations (
  id          TEXT PRIMARY KEY,
  device_id   TEXT    NOT NULL DEFAULT '',
  member_id   TEXT    NOT NULL DEFAULT '',
  public_key  TEXT    NOT NULL DEFAULT '',   -- Ed25519, base64: the key the confirmation is for
  state       TEXT    NOT NULL DEFAULT '',   -- confirmed | refused | revoked
  by_member   TEXT    NOT NULL DEFAULT '',
  by_device   TEXT    NOT NULL DEFAULT '',
  upto_seq    INTEGER NOT NULL DEFAULT 0,    -- revoked: the last of its segments still accepted
  at          INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);
CREATE INDEX device_confirmations_device ON device_confirmations(device_id);

-- What this device knows of each teammate's device from the folder: its
-- published keys and, when its segments are not applied, why and how many
-- changes wait. Local, never synced.
ALTER TABLE sync_devices ADD COLUMN public_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_devices ADD COLUMN box_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_devices ADD COLUMN waiting_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_devices ADD COLUMN waiting_changes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_devices ADD COLUMN waiting_key TEXT NOT NULL DEFAULT '';
