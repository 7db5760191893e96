-- The workspace's own network limits: overrides of the built-in table
-- (backend/networks/limits.json), one JSON object per line, so two devices
-- that change different networks at once merge cleanly. A synced setting.
ALTER TABLE workspace ADD COLUMN network_limits TEXT NOT NULL DEFAULT '';
