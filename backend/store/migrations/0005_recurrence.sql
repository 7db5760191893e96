-- Recurring posts. A series is one post with a recurrence rule: its own
-- date and time are the first occurrence (DTSTART), in the workspace zone.
-- Skipped occurrences are listed by their original date. An occurrence
-- edited on its own is a post of its own that names its series and the
-- original date it replaces; its id is derived from both, so two devices
-- detaching the same occurrence write the same row.

ALTER TABLE posts ADD COLUMN rrule      TEXT NOT NULL DEFAULT ''; -- RFC 5545 RRULE value, '' = not recurring
ALTER TABLE posts ADD COLUMN exdates    TEXT NOT NULL DEFAULT '[]'; -- skipped occurrences, YYYY-MM-DD
ALTER TABLE posts ADD COLUMN series_id  TEXT NOT NULL DEFAULT ''; -- for a detached occurrence: its series
ALTER TABLE posts ADD COLUMN occurrence TEXT NOT NULL DEFAULT ''; -- for a detached occurrence: the date it replaces

CREATE INDEX posts_series ON posts(series_id, occurrence) WHERE series_id <> '';
CREATE INDEX posts_recurring ON posts(date) WHERE rrule <> '' AND deleted_at IS NULL;
