-- A campaign made from a campaign plan remembers the plan.
ALTER TABLE campaigns ADD COLUMN plan_id TEXT NOT NULL DEFAULT '';

-- Templates of every kind (post, snippet, hashtags, plan, playbook, agenda).
-- Plans keep their steps and playbooks their checklist, roles, owner and
-- review interval in data (JSON). A built-in row's id is derived from its
-- key, so devices seeding the defaults at once write the same rows.
CREATE TABLE IF NOT EXISTS templates (
  id          TEXT PRIMARY KEY,
  kind        TEXT    NOT NULL DEFAULT 'post',
  name        TEXT    NOT NULL DEFAULT '',
  lang        TEXT    NOT NULL DEFAULT 'en',
  body        TEXT    NOT NULL DEFAULT '',
  data        TEXT    NOT NULL DEFAULT '{}',
  builtin_key TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0,
  tombstone   TEXT,
  deleted_at  INTEGER
);
CREATE INDEX IF NOT EXISTS templates_by_kind ON templates(kind, name) WHERE deleted_at IS NULL;
