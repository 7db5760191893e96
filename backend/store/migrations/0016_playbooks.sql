-- A campaign made from a campaign plan remembers the plan (plans are rows
-- of the templates table, kind "plan").
ALTER TABLE campaigns ADD COLUMN plan_id TEXT NOT NULL DEFAULT '';
