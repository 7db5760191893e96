-- Meetings: weekly check-ins (a series with a weekly repeat rule, like
-- repeating posts) and stakeholder meetings. Dates and times are wall-clock
-- values in the workspace's time zone. All synced (see 0001 for the columns
-- every synced table has). Action items are tasks whose meeting_id is the id
-- of a meeting_days row.

CREATE TABLE meetings (
  id                 TEXT PRIMARY KEY,
  kind               TEXT    NOT NULL DEFAULT 'checkin', -- checkin | stakeholder
  title              TEXT    NOT NULL DEFAULT '',
  date               TEXT    NOT NULL DEFAULT '',   -- YYYY-MM-DD, the first meeting
  time               TEXT    NOT NULL DEFAULT '',   -- HH:MM
  duration           INTEGER NOT NULL DEFAULT 30,   -- minutes
  rrule              TEXT    NOT NULL DEFAULT '',   -- RFC 5545 rule ('' = once)
  exdates            TEXT    NOT NULL DEFAULT '[]', -- days left out of the series
  agenda             TEXT    NOT NULL DEFAULT '',
  agenda_template_id TEXT    NOT NULL DEFAULT '',
  attendees          TEXT    NOT NULL DEFAULT '[]', -- member ids
  guests             TEXT    NOT NULL DEFAULT '[]', -- [{name, role}] from outside the team
  post_ids           TEXT    NOT NULL DEFAULT '[]', -- posts a schedule change affects
  campaign_ids       TEXT    NOT NULL DEFAULT '[]',
  created_at         INTEGER NOT NULL DEFAULT 0,
  updated_at         INTEGER NOT NULL DEFAULT 0,
  tombstone          TEXT,
  deleted_at         INTEGER
);
CREATE INDEX meetings_by_date ON meetings(date) WHERE deleted_at IS NULL;

-- One meeting of a series (or the one meeting of a one-off), with what was
-- said on that day. The id is derived from (meeting, day), so two teammates
-- writing the same day on different computers write one row.
CREATE TABLE meeting_days (
  id          TEXT PRIMARY KEY,
  meeting_id  TEXT    NOT NULL DEFAULT '',
  day         TEXT    NOT NULL DEFAULT '',   -- YYYY-MM-DD
  own_agenda  INTEGER NOT NULL DEFAULT 0,    -- 1: agenda below replaces the series' agenda
  agenda      TEXT    NOT NULL DEFAULT '',
  notes       TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);
CREATE INDEX meeting_days_by_meeting ON meeting_days(meeting_id, day) WHERE deleted_at IS NULL;

-- Each member's part of a check-in: a row per (meeting day, member), id
-- derived from both, so two people writing their own at once both keep it.
CREATE TABLE meeting_checkins (
  id          TEXT PRIMARY KEY,
  day_id      TEXT    NOT NULL DEFAULT '',   -- meeting_days.id
  meeting_id  TEXT    NOT NULL DEFAULT '',
  day         TEXT    NOT NULL DEFAULT '',
  member_id   TEXT    NOT NULL DEFAULT '',
  wins        TEXT    NOT NULL DEFAULT '',
  help        TEXT    NOT NULL DEFAULT '',   -- where they need help
  plan        TEXT    NOT NULL DEFAULT '',   -- their action plan
  next_report TEXT    NOT NULL DEFAULT '',   -- what they will report next time
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);
CREATE INDEX meeting_checkins_by_day ON meeting_checkins(day_id) WHERE deleted_at IS NULL;
