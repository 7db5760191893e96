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
 * useLiveData refreshes what the window shows whenever the backend says data
 * changed: a save here, a command-line change, or a sync from a teammate.
 */
export function useLiveData(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const off = EventsOn(DATA_CHANGED, () => {
      void qc.invalidateQueries();
    });
    // Files that arrive through the shared folder change no data, only
    // whether an attachment is here: the sync report says so.
    const offFiles = EventsOn(SYNC_STATUS, (r: { report?: { blobsReceived?: number } }) => {
      if (r.report?.blobsReceived) void qc.invalidateQueries({ queryKey: ['calendar'] });
    });
    return () => {
      off();
      offFiles();
    };
  }, [qc]);
}
