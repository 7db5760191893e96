-- Calendar files. Feeds are named selections of the calendar that Postdeck
-- publishes as .ics files for people without the app; layers are calendars
-- imported from .ics files (public holidays, marketing days), shown read-only
-- beside the posts. All synced (see 0001 for the columns every synced table has).

CREATE TABLE feeds (
  id           TEXT PRIMARY KEY,
  name         TEXT    NOT NULL DEFAULT '',
  file_name    TEXT    NOT NULL DEFAULT '',   -- <file_name>.ics in the feeds folders
  member_id    TEXT    NOT NULL DEFAULT '',   -- only this member's posts ('' = everyone's)
  channel_id   TEXT    NOT NULL DEFAULT '',
  network      TEXT    NOT NULL DEFAULT '',
  campaign_id  TEXT    NOT NULL DEFAULT '',
  statuses     TEXT    NOT NULL DEFAULT '[]', -- '[]' = every status but archived
  from_date    TEXT    NOT NULL DEFAULT '',   -- YYYY-MM-DD or ''
  to_date      TEXT    NOT NULL DEFAULT '',
  private      INTEGER NOT NULL DEFAULT 0,    -- leave out texts and statuses
  campaigns    INTEGER NOT NULL DEFAULT 1,    -- campaigns as multi-day events
  language     TEXT    NOT NULL DEFAULT 'en', -- of the words Postdeck adds (status names)
  created_at   INTEGER NOT NULL DEFAULT 0,
  updated_at   INTEGER NOT NULL DEFAULT 0,
  tombstone    TEXT,
  deleted_at   INTEGER
);

-- The id is derived from the lower-cased name, so importing the same
-- calendar under the same name on two devices updates one layer.
CREATE TABLE calendar_layers (
  id          TEXT PRIMARY KEY,
  name        TEXT    NOT NULL DEFAULT '',
  color       TEXT    NOT NULL DEFAULT '',
  source      TEXT    NOT NULL DEFAULT '',   -- the file name it came from
  imported_at INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);

-- Events of a layer as the file had them (recurrences are expanded when
-- shown). The id is derived from (layer, UID, RECURRENCE-ID), so importing
-- the file again updates events instead of adding them twice.
CREATE TABLE layer_events (
  id            TEXT PRIMARY KEY,
  layer_id      TEXT    NOT NULL DEFAULT '',
  uid           TEXT    NOT NULL DEFAULT '',
  recurrence_id TEXT    NOT NULL DEFAULT '', -- key of the occurrence it replaces ('' = a whole event)
  summary       TEXT    NOT NULL DEFAULT '',
  description   TEXT    NOT NULL DEFAULT '',
  location      TEXT    NOT NULL DEFAULT '',
  all_day       INTEGER NOT NULL DEFAULT 0,
  start         TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM:SS in zone
  end           TEXT    NOT NULL DEFAULT '', -- same form, exclusive; '' = no end
  zone          TEXT    NOT NULL DEFAULT '', -- IANA name, UTC or +HHMM
  rrule         TEXT    NOT NULL DEFAULT '',
  exdates       TEXT    NOT NULL DEFAULT '[]', -- keys of skipped occurrences
  sequence      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL DEFAULT 0,
  tombstone     TEXT,
  deleted_at    INTEGER
);
CREATE INDEX layer_events_by_layer ON layer_events(layer_id) WHERE deleted_at IS NULL;
