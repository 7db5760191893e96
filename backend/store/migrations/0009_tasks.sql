-- Assigned tasks: who does what by when, with a checklist, comments and a
-- history of who changed the assignee or the status. All synced (see 0001
-- for the columns every synced table has).

CREATE TABLE tasks (
  id             TEXT PRIMARY KEY,
  title          TEXT    NOT NULL DEFAULT '',
  description    TEXT    NOT NULL DEFAULT '',   -- Markdown, shown sanitised
  assignee_id    TEXT    NOT NULL DEFAULT '',
  backup_id      TEXT    NOT NULL DEFAULT '',
  due            TEXT    NOT NULL DEFAULT '',   -- YYYY-MM-DD in the workspace zone; '' = no due date
  due_time       TEXT    NOT NULL DEFAULT '',   -- HH:MM; '' = any time that day
  status         TEXT    NOT NULL DEFAULT 'todo',
  priority       TEXT    NOT NULL DEFAULT 'normal',
  estimate_hours REAL    NOT NULL DEFAULT 1,
  post_ids       TEXT    NOT NULL DEFAULT '[]',
  campaign_id    TEXT    NOT NULL DEFAULT '',
  meeting_id     TEXT    NOT NULL DEFAULT '',
  source         TEXT    NOT NULL DEFAULT '',   -- '' (by hand), meeting, playbook, plan, ...
  created_by     TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL DEFAULT 0,
  tombstone      TEXT,
  deleted_at     INTEGER
);
CREATE INDEX tasks_by_assignee ON tasks(assignee_id, due) WHERE deleted_at IS NULL;
CREATE INDEX tasks_by_due ON tasks(due) WHERE deleted_at IS NULL;
CREATE INDEX tasks_by_campaign ON tasks(campaign_id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_by_meeting ON tasks(meeting_id) WHERE deleted_at IS NULL;

-- Checklist items are rows of their own, so two people ticking different
-- items at the same time both keep their tick after sync.
CREATE TABLE task_checklist_items (
  id         TEXT PRIMARY KEY,
  task_id    TEXT    NOT NULL DEFAULT '',
  text       TEXT    NOT NULL DEFAULT '',
  done       INTEGER NOT NULL DEFAULT 0,
  position   REAL    NOT NULL DEFAULT 0,
  done_by    TEXT    NOT NULL DEFAULT '',
  done_at    INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX task_checklist_items_by_task ON task_checklist_items(task_id, position);

CREATE TABLE task_comments (
  id         TEXT PRIMARY KEY,
  task_id    TEXT    NOT NULL DEFAULT '',
  author_id  TEXT    NOT NULL DEFAULT '',
  body       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX task_comments_by_task ON task_comments(task_id, created_at);

-- Who changed what on a task, when, from what to what: assignee and status
-- changes, and hand-overs other parts of Postdeck record. Append-only.
CREATE TABLE task_history (
  id         TEXT PRIMARY KEY,
  task_id    TEXT    NOT NULL DEFAULT '',
  kind       TEXT    NOT NULL DEFAULT '',   -- created, assignee, status, backup, handover, ...
  from_value TEXT    NOT NULL DEFAULT '',
  to_value   TEXT    NOT NULL DEFAULT '',
  member_id  TEXT    NOT NULL DEFAULT '',   -- who did it ('' = the command line without an identity)
  at         INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  tombstone  TEXT,
  deleted_at INTEGER
);
CREATE INDEX task_history_by_task ON task_history(task_id, at);
