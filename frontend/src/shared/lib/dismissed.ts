import { useSyncExternalStore } from 'react';

// Notices a person closed are remembered on this computer only (in the
// window's own storage, like the calendar's meeting switch): hiding a hint
// here hides it for nobody else on the team.
const PREFIX = 'postdeck.dismissed.';
const listeners = new Set<() => void>();
// Closed in this session, for when storage refuses to keep it.
const memory = new Set<string>();

function read(key: string): boolean {
  if (memory.has(key)) return true;
  try {
    return localStorage.getItem(PREFIX + key) === '1';
  } catch {
    return false;
  }
}

/**
 * useDismissed says whether the notice named key was closed on this computer,
 * and closes it for good. Name a notice about one event by that event (for
 * example with its id) so a later event shows again.
 */
export function useDismissed(key: string): [boolean, () => void] {
  const dismissed = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => read(key),
  );
  const dismiss = () => {
    try {
      localStorage.setItem(PREFIX + key, '1');
    } catch {
      // Storage refused (private mode): hidden for this session only.
      memory.add(key);
    }
    listeners.forEach((l) => l());
  };
  return [dismissed, dismiss];
}
