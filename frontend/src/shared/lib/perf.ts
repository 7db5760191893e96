// Performance marks of the calendar window, left in the app on purpose: they
// cost a few microseconds, and the end-to-end benchmark (e2e/busy-month)
// reads them to record how fast the month view, the list, opening a post and
// search are on a busy month (docs/BENCHMARKS.md).

/** Measures the calendar records; the e2e test reads them by these names. */
export const PERF = {
  month: 'pd:month-view',
  list: 'pd:list-view',
  openPost: 'pd:open-post',
  search: 'pd:search',
  /** From a keystroke in the post editor to the style guide's underline on screen. */
  lint: 'pd:lint',
} as const;

/** markStart starts a measure (again: the last start counts). */
export function markStart(name: string): void {
  performance.clearMarks(`${name}:start`);
  performance.mark(`${name}:start`);
}

/**
 * markEnd ends a started measure once the browser has painted what the
 * last render put on screen (after the next frame), and forgets the start, so
 * one start gives one figure. Without a start it does nothing.
 */
export function markEnd(name: string): void {
  if (performance.getEntriesByName(`${name}:start`, 'mark').length === 0) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (performance.getEntriesByName(`${name}:start`, 'mark').length === 0) return;
      performance.measure(name, `${name}:start`);
      performance.clearMarks(`${name}:start`);
    }, 0),
  );
}
