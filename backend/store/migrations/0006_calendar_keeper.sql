-- The calendar keeper: the one member who keeps the content calendar
-- current (plans ahead, fills gaps). A workspace setting, synced.
ALTER TABLE workspace ADD COLUMN keeper_id TEXT NOT NULL DEFAULT '';
