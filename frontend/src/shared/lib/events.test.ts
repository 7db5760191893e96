import { describe, expect, it } from 'vitest';
import { staleQueries } from './events';

describe('what a change refreshes', () => {
  it('refreshes everything when a change does not say what it touched', () => {
    expect(staleQueries([])).toBeNull();
    expect(staleQueries(undefined)).toBeNull();
  });

  it('refreshes everything for a table it does not know, rather than show stale data', () => {
    expect(staleQueries(['posts', 'a_table_from_a_newer_version'])).toBeNull();
  });

  it('does not fetch the month again when a holiday layer is switched', () => {
    expect(staleQueries(['calendar_layers'])).toEqual(['sync', 'layers']);
  });

  it('refreshes the calendar and the feeds when a post changes, not the team', () => {
    expect(staleQueries(['posts', 'post_events'])).toEqual(['sync', 'calendar', 'feeds', 'absences', 'health']);
  });

  it('refreshes the calendar when a member changes, since posts show owners and approvers', () => {
    expect(staleQueries(['members'])).toEqual(['sync', 'calendar', 'feeds', 'absences', 'health', 'tasks', 'team', 'workspace']);
  });

  it('refreshes absences (also on the calendar) and the team health when an absence changes, not the posts', () => {
    expect(staleQueries(['absences'])).toEqual(['sync', 'absences', 'health']);
    expect(staleQueries(['handovers'])).toEqual(['sync', 'absences']);
  });

  it('refreshes tasks and My work when a checklist item is ticked, not the month of posts', () => {
    expect(staleQueries(['task_checklist_items'])).toEqual(['sync', 'tasks']);
  });

  it('refreshes the hand-over list and the team health when a task changes, since they count open tasks', () => {
    expect(staleQueries(['tasks', 'task_history'])).toEqual(['sync', 'absences', 'health', 'tasks']);
  });
});
