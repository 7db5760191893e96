import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EventsOn } from '../../../wailsjs/runtime/runtime';

/** The event the backend sends after data changed (events.Changed in Go). */
export const DATA_CHANGED = 'data:changed';

export interface DataChanged {
  entities: string[];
}

/**
 * useLiveData refreshes what the window shows whenever the backend says data
 * changed: a save here, a command-line change, or a sync from a teammate.
 */
export function useLiveData(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const off = EventsOn(DATA_CHANGED, () => {
      void qc.invalidateQueries();
    });
    return off;
  }, [qc]);
}
