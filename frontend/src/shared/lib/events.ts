import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EventsOn } from '../../../wailsjs/runtime/runtime';

/** The event the backend sends after data changed (events.Changed in Go). */
export const DATA_CHANGED = 'data:changed';

/** The event the backend sends after each background sync (sharedfolder.StatusEvent). */
const SYNC_STATUS = 'sync:status';

export interface DataChanged {
  entities: string[];
}

/**
 * Which cached queries (by the first part of their key) read which synced
 * tables. The calendar reads nearly everything (owners and approvers are
 * members, who may approve comes from roles, the keeper and the zone from the
 * workspace); calendar files and layers are apart from it, so switching a
 * holiday layer or editing a feed does not fetch a busy month's posts again.
 */
const readers: Record<string, readonly string[]> = {
  // The style guide marks posts in lists and lists the approved ones that need another look.
  calendar: ['posts', 'post_variants', 'post_events', 'post_attachments', 'comments', 'channels', 'campaigns', 'members', 'roles', 'workspace', 'style_guide_entries'],
  feeds: ['feeds', 'posts', 'post_variants', 'channels', 'campaigns', 'members', 'workspace'],
  layers: ['calendar_layers', 'layer_events'],
  // Absences and hand-overs; the team's health and workload read the team,
  // posts, channels and tasks as well.
  absences: ['absences', 'handovers', 'members', 'posts', 'roles', 'workspace', 'tasks'],
  health: ['absences', 'members', 'roles', 'posts', 'channels', 'workspace', 'tasks'],
  // Channel and campaign names label ratings and required hashtags.
  styleguide: ['style_guide_entries', 'channels', 'campaigns'],
  // Plans and playbooks are rows of the templates table; the apply form
  // and the run button read the team too.
  playbooks: ['templates', 'members', 'roles', 'channels', 'workspace'],
  // Confirmed, refused and revoked computers (the Sync page's computers list).
  sync: ['device_confirmations'],
  // Tasks, My work and the calendar's task layer; members for names and backups, the workspace for "today".
  tasks: ['tasks', 'task_checklist_items', 'task_comments', 'task_history', 'members', 'workspace'],
  // Meeting days show their action items, which are tasks, with their state.
  meetings: ['meetings', 'meeting_days', 'meeting_checkins', 'tasks', 'members', 'posts', 'campaigns', 'workspace'],
  team: ['members', 'roles', 'workspace'],
  // Templates of every kind and the library of approved content.
  templates: ['templates', 'library_items', 'channels'],
  workspace: ['workspace', 'members'],
};

/**
 * staleQueries returns the first parts of the query keys to refresh after
 * the given tables changed, or null for all of them (a change that does not
 * say what it touched, or a table nobody listed above).
 */
export function staleQueries(entities: readonly string[] | undefined): string[] | null {
  if (!entities?.length) return null;
  const known = new Set(Object.values(readers).flat());
  if (entities.some((e) => !known.has(e))) return null;
  // Sync status (outgoing changes) and conflicts follow any change.
  const roots = ['sync'];
  for (const [root, tables] of Object.entries(readers)) {
    if (entities.some((e) => tables.includes(e))) roots.push(root);
  }
  return roots;
}

/**
 * useLiveData refreshes what the window shows whenever the backend says data
 * changed: a save here, a command-line change, or a sync from a teammate.
 * Only the queries that read a changed table are refreshed.
 */
export function useLiveData(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const off = EventsOn(DATA_CHANGED, (p?: DataChanged) => {
      const roots = staleQueries(p?.entities);
      if (!roots) return void qc.invalidateQueries();
      for (const root of roots) void qc.invalidateQueries({ queryKey: [root] });
    });
    // Files that arrive through the shared folder change no data, only
    // whether an attachment is here: the sync report says so.
    const offFiles = EventsOn(SYNC_STATUS, (r: { report?: { blobsReceived?: number } }) => {
      if (r.report?.blobsReceived) {
        void qc.invalidateQueries({ queryKey: ['calendar'] });
        void qc.invalidateQueries({ queryKey: ['styleguide'] });
      }
    });
    return () => {
      off();
      offFiles();
    };
  }, [qc]);
}
